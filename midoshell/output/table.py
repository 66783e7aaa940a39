"""Tables through tabulate, fitted to the terminal width (imported only for `-o table`).

A value is never wrapped over two lines (a UUID split in half cannot be copied).  When the
table is wider than the terminal, long headers are shortened first, then the columns of least
value (the last in print order) are left out, and only when the identifying columns alone are
too wide are values cut, with `…`.  What was shortened or left out is said on stderr.
"""

import sys

from tabulate import tabulate
from wcwidth import wcswidth

from midoshell.output.machine import _columns, record
from midoshell.output.safe import cell, visible
from midoshell.results import Created, Lines, Rows, Value

GAP = 2  # tabulate's space between columns
MIN_HEADER = 4  # a single-word header is cut no shorter than this


def render_table(result, options):
    if isinstance(result, Value):
        return [cell(result.text)]
    if isinstance(result, Lines):
        return [visible(line) for line in result.lines]
    if isinstance(result, Created):
        rows = [{"id": result.uuid, "alias": result.alias}]
    elif isinstance(result, Rows):
        rows = [_with_ident(r, options) for r in result.rows]
    else:
        return []
    if not rows:
        return []
    header = [c for c in _columns(rows) if any(r.get(c) is not None for r in rows)]
    body = [[cell(_text(r.get(c))) for c in header] for r in rows]
    fitted = Fit(header, body, options.headers).to(options.width)
    if fitted.notes:
        _note(options, fitted.notes)
    text = tabulate(fitted.body, headers=fitted.header if options.headers else (),
                    tablefmt="simple" if options.headers else "plain", disable_numparse=True)
    return text.splitlines()


def _text(value):
    return "" if value is None else str(value)


def _with_ident(row, options):
    """Aliases where the session shows them, UUIDs otherwise, in one leading column."""
    out = record(row, options.columns)
    if row.uuid is not None and not options.columns:
        ident = out.pop("alias") if row.alias else out["id"]
        out.pop("id", None)
        out.pop("alias", None)
        out = {("alias" if row.alias else "id"): ident, **out}
    return out


def _note(options, notes):
    stream = getattr(options, "stderr", None) or sys.stderr
    stream.write("midoshell: table: " + "; ".join(notes) + "\n")
    stream.flush()


def width_of(text):
    """Columns a string takes on a terminal (East Asian wide characters take two)."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def cut(text, width):
    """`text` in at most `width` columns, ending in `…` when something was cut."""
    if width_of(text) <= width:
        return text
    out = ""
    for char in text:
        if width_of(out + char) > width - 1:
            break
        out += char
    return out + "…"


def initials(header):
    """`flooding-proxy-weight` -> `fpw`; a one-word header has none."""
    words = header.split("-")
    return "".join(w[0] for w in words if w) if len(words) > 1 else None


class Fit:
    """Columns kept, headers as shown and notes for one table and one terminal width."""

    def __init__(self, header, body, with_headers):
        self.names = list(header)
        self.header = list(header)
        self.body = [list(r) for r in body]
        self.with_headers = with_headers
        self.notes = []

    def column_width(self, i, with_header=True):
        values = [width_of(r[i]) for r in self.body]
        if with_header and self.with_headers:
            values.append(width_of(self.header[i]))
        return max(values)

    def total(self):
        widths = [self.column_width(i) for i in range(len(self.header))]
        return sum(widths) + GAP * (len(widths) - 1)

    def to(self, width):
        if not width or not self.header or self.total() <= width:
            return self
        if self.with_headers:
            self.shorten_headers(width)
        self.drop_columns(width)
        self.cut_values(width)
        return self

    def shorten_headers(self, width):
        """Headers wider than their values become initials (explained in the note) or are
        cut; the widest first, until the table fits."""
        legend = []
        order = sorted(range(len(self.header)),
                       key=lambda i: self.column_width(i, False) - width_of(self.header[i]))
        for i in order:
            if self.total() <= width:
                break
            values = self.column_width(i, False)
            if width_of(self.header[i]) <= values:
                continue
            short = initials(self.header[i])
            if short is not None:
                legend.append(f"{short}={self.header[i]}")
            else:
                short = cut(self.header[i], max(values, MIN_HEADER))
            self.header[i] = short
        if legend:
            self.notes.append("headers shortened: " + ", ".join(legend))

    def drop_columns(self, width):
        """Leave out the last columns (the least telling, in print order) but the first two."""
        dropped = []
        while self.total() > width and len(self.header) > 2:
            dropped.insert(0, self.names.pop())
            self.header.pop()
            for r in self.body:
                r.pop()
        if dropped:
            self.notes.append(f"left out to fit {width} columns: {', '.join(dropped)} "
                              f"(choose with --columns, or see them all with -o text)")

    def cut_values(self, width):
        """Cut the values of the widest column (the identifying one last) until it fits."""
        cut_any = False
        while self.total() > width:
            later = range(1, len(self.header))
            i = max(later, key=self.column_width) if later else 0
            excess = self.total() - width
            target = max(self.column_width(i) - excess, 2)
            if target >= self.column_width(i):
                i, target = 0, max(self.column_width(0) - excess, 2)
                if target >= self.column_width(0):
                    break  # narrower than two characters a column: nothing more to do
            self.header[i] = cut(self.header[i], target)
            for r in self.body:
                r[i] = cut(r[i], target)
            cut_any = True
        if cut_any:
            self.notes.append(f"values cut to fit {width} columns")
