"""Tables through tabulate, fitted to the terminal width (imported only for `-o table`)."""

from tabulate import tabulate

from midoshell.output.machine import _columns, record
from midoshell.results import Created, Lines, Rows, Value


def render_table(result, options):
    if isinstance(result, Value):
        return [result.text]
    if isinstance(result, Lines):
        return list(result.lines)
    if isinstance(result, Created):
        rows = [{"id": result.uuid, "alias": result.alias}]
    elif isinstance(result, Rows):
        rows = [_with_ident(r, options) for r in result.rows]
    else:
        return []
    if not rows:
        return []
    header = [c for c in _columns(rows) if any(r.get(c) is not None for r in rows)]
    body = [["" if r.get(c) is None else r.get(c) for c in header] for r in rows]
    widths = _widths(header, body, options.width)
    text = tabulate(body, headers=header if options.headers else (),
                    tablefmt="simple" if options.headers else "plain",
                    maxcolwidths=widths, disable_numparse=True)
    return text.splitlines()


def _with_ident(row, options):
    """Aliases where the session shows them, UUIDs otherwise, in one leading column."""
    out = record(row, options.columns)
    if row.uuid is not None and not options.columns:
        ident = out.pop("alias") if row.alias else out["id"]
        out.pop("id", None)
        out.pop("alias", None)
        out = {("alias" if row.alias else "id"): ident, **out}
    return out


def _widths(header, body, width):
    """Column limits that fit `width`: the widest columns give way first."""
    if not width or not header:
        return None
    natural = [max([len(h)] + [len(str(row[i])) for row in body]) for i, h in enumerate(header)]
    budget = width - 2 * (len(header) - 1)
    limits = list(natural)
    while sum(limits) > budget and max(limits) > 8:
        widest = limits.index(max(limits))
        limits[widest] -= 1
    return limits
