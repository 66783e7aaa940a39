"""JSON and CSV: one document per command, stable keys (CLI attribute names, id, alias)."""

import csv
import io
import json

from midoshell.results import Created, Lines, Rows, Value


def record(row, columns=None):
    """A row as a dict: id and alias first (when the type has them), then every visible field."""
    out = {}
    if row.uuid is not None:
        out["id"] = row.uuid
        out["alias"] = row.alias
    for name, text in row.fields:
        out[name] = text
    if columns:
        out = {name: out.get(name) for name in columns}
    return out


def render_json(result, options):
    if isinstance(result, Rows):
        document = [record(r, options.columns) for r in result.rows]
    elif isinstance(result, Value):
        document = result.text
    elif isinstance(result, Created):
        document = {"id": result.uuid, "alias": result.alias}
    elif isinstance(result, Lines):
        document = result.lines
    else:
        return []
    return [json.dumps(document, indent=2 if options.pretty else None, ensure_ascii=False)]


def render_csv(result, options):
    if isinstance(result, Value):
        return [result.text]
    if isinstance(result, Created):
        rows = [{"id": result.uuid, "alias": result.alias}]
    elif isinstance(result, Rows):
        rows = [record(r, options.columns) for r in result.rows]
    elif isinstance(result, Lines):
        return list(result.lines)
    else:
        return []
    header = _columns(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if options.headers:
        writer.writerow(header)
    for r in rows:
        writer.writerow(["" if r.get(name) is None else r.get(name) for name in header])
    return buffer.getvalue().splitlines()


def _columns(rows):
    """Every key, in order of first appearance (root port listings mix two port types)."""
    seen = {}
    for r in rows:
        for key in r:
            seen.setdefault(key, None)
    return list(seen)
