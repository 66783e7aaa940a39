"""Tables through tabulate, fitted to the terminal width (imported only for `-o table`).

A value is never wrapped over two lines (a UUID split in half cannot be copied).  When the
table is wider than the terminal, long headers are shortened first, then the columns of least
value (the last in print order) are left out, and only when the identifying columns alone are
too wide are values cut, with `…`.  What was shortened or left out is said on stderr.
"""

import operator

from midoshell.output import NONE_AS_EMPTY
from midoshell.output.machine import _columns, missing_columns, note, record
from midoshell.output.safe import cell, visible
from midoshell.results import Created, Lines, Rows, Value

GAP = 2  # tabulate's space between columns
MIN_PADDING = 2  # tabulate's padding of a header (tabulate.MIN_PADDING)
SOME = 8  # columns worth showing of a cut value


def render_table(result, options):
    if isinstance(result, Value):
        return [cell(result.text)]
    if isinstance(result, Lines):
        return [visible(line) for line in result.lines]
    listed = measured = header = None
    if isinstance(result, Created):
        rows = [{"id": result.uuid, "alias": result.alias}]
    elif isinstance(result, Rows):
        from midoshell.output.listed_table import listed_cells

        missing_columns(result, options)  # first: a listing is read once (RowStream)
        listed = listed_cells(result.rows, options)
        if listed is None:
            rows = [_with_ident(r, options) for r in result.rows]
        else:
            lines = listed.laid_out(_width(options))  # when it fits as it is
            if lines is not None:
                return lines
            header, body, measured = listed.table()
    else:
        return []
    if header is None:
        header, body = _cells(rows)
        del rows  # the cells are all a table needs (a listing's rows are the bulk of memory)
    if not body:
        return []
    fitted = Fit(header, body, options.headers, measured and measured[0]).to(_width(options))
    if fitted.notes:
        note(options, "table: " + "; ".join(fitted.notes))
    lines = laid_out(fitted.header, fitted.body, options.headers,
                     measured if fitted.body is body else None)
    if lines is not None:
        return lines
    from tabulate import tabulate  # only for a cell laid_out leaves to it (its import is slow)

    text = tabulate(fitted.body, headers=fitted.header if options.headers else (),
                    tablefmt="simple" if options.headers else "plain", disable_numparse=True)
    return text.splitlines()


def _width(options):
    """The width to fit a table in (None: any), asked now: the terminal may have been
    resized since the command began."""
    return options.width() if callable(options.width) else options.width


def _cells(rows):
    """Header and body cells of records (dicts)."""
    if not rows:
        return [], []
    header = [c for c in _columns(rows) if any(r.get(c) is not None for r in rows)]
    columns = [_column_cells([r.get(c) for r in rows]) for c in header]
    return header, list(zip(*columns)) if header else [() for _ in rows]


def _column_cells(column, empty=None):
    """A column's values as cells (`empty`: how many are None, when known): as they are
    when none needs escaping or quoting (asked once of the whole column, at C speed),
    else each made a cell."""
    return column_cells(column, empty)[0]


def column_cells(column, empty=None):
    """(_column_cells, whether they are the values as they are and all ASCII: then a
    cell's width is its length, and no cell begins or ends with whitespace; the length
    of all of them together)."""
    if empty is None:
        empty = column.count(None)
    try:
        texts = list(map(NONE_AS_EMPTY.get, column, column)) if empty else column
        joined = "".join(texts)
    except TypeError:  # a value that is not text (a number in a record made by hand)
        texts = [_text(value) for value in column]
        joined = "".join(texts)
    if joined.isascii():  # printable, no space, no backslash: one pass over the bytes
        if not joined.encode().translate(None, _SHOWN_AS_THEY_ARE):
            return texts, True, len(joined)
    elif joined.isprintable() and "\\" not in joined and " " not in joined:
        return texts, False, len(joined)
    cells = [_cell(text) for text in texts]
    return cells, False, sum(map(len, cells))


# the ASCII characters a cell shows as they are (str.isprintable is slow on long text)
_SHOWN_AS_THEY_ARE = bytes(range(0x21, 0x7F)).replace(b"\\", b"")


def laid_out(header, body, with_headers, measured=None):
    """tabulate's lines for these cells ("simple" with headers, else "plain"), without its
    cost per cell (its type guessing is a tenth of a second a thousand rows): every column
    left-aligned and padded to its widest value (a header to its width and two more), a
    line of dashes under the headers, two spaces between columns, trailing spaces taken
    off.  None when a cell is one only tabulate itself says how to lay out: a width
    wcwidth cannot tell, or whitespace around it (tabulate strips it); escaped cells,
    quoted when spaces end them, never are.  `measured`, (the widest cell of each column,
    all ASCII) as ListedCells found them, spares measuring the body again."""
    if not header or not body:
        return None
    sizes, ascii_only = measured if measured is not None else _measured(body)
    shown = None if sizes is None else shown_widths(header, sizes, with_headers)
    if shown is None:
        return None
    widths, ascii_only = shown[0], ascii_only and shown[1]
    line = _ascii_line if ascii_only else _line
    out = head_lines(header, widths, with_headers, line)
    if ascii_only:
        out.extend(padded_rows(body, widths))
    else:
        out.extend(line(r, widths) for r in body)
    if out[-1] == "":  # tabulate's text ends there, and its lines are text.splitlines()
        out.pop()
    return out


def shown_widths(header, sizes, with_headers):
    """(the width each column is laid out in, whether every header is ASCII): its widest
    cell's, with headers at least its header's and two more (tabulate's padding); None
    when a header is one only tabulate lays out."""
    if not with_headers:
        return list(sizes), True
    widths = []
    for name, widest in zip(header, sizes):
        named = _plain_width(name)
        if named < 0 or name != name.strip():
            return None
        widths.append(max(widest, named + MIN_PADDING))
    return widths, all(name.isascii() for name in header)


def head_lines(header, widths, with_headers, line):
    """The header line and the dashes under it (none without headers)."""
    if not with_headers:
        return []
    return [line(header, widths), "  ".join("-" * w for w in widths).rstrip()]


def padded_rows(rows, widths):
    """_ascii_line of each row of ASCII cells (none with whitespace around it), by one
    %-format padding all its cells but the last: only a row whose last cell is empty then
    ends with spaces to take off."""
    padded = "  ".join([f"%-{width}s" for width in widths[:-1]] + ["%s"])
    lines = map(padded.__mod__, map(tuple, rows))
    if "" in map(_last, rows):
        return list(map(str.rstrip, lines))
    return list(lines)


_last = operator.itemgetter(-1)


def _measured(body):
    """(the widest cell of each column, whether all are ASCII); (None, False) when a cell
    is one laid_out leaves to tabulate."""
    widths, ascii_only = [], True
    for column in zip(*body):  # the columns, transposed at C speed
        if "".join(column).isascii():  # the common case: a width is a length, at C speed
            sizes = list(map(len, column))
        else:
            sizes, ascii_only = [_plain_width(c) for c in column], False
        if min(sizes) < 0 or tuple(map(str.strip, column)) != column:
            return None, False
        widths.append(max(sizes))
    return widths, ascii_only


def _line(cells, widths):
    return "  ".join(c + " " * (w - _plain_width(c)) for c, w in zip(cells, widths)).rstrip()


def _ascii_line(cells, widths):
    """_line of ASCII cells, whose widths are their lengths: str.ljust pads them."""
    return "  ".join(map(str.ljust, cells, widths)).rstrip()


def _plain_width(text):
    """wcswidth, at C speed for ASCII (a cell holds no control character: escaped)."""
    return len(text) if text.isascii() else _wcswidth(text)


def _wcswidth(text):
    from wcwidth import wcswidth  # imported when a value is not ASCII (it takes a while)

    return wcswidth(text)


def _text(value):
    return "" if value is None else str(value)


def _cell(text):
    """A value as a cell: escaped, and quoted when spaces begin or end it (tabulate would
    trim them, and ` web` would pass for `web`)."""
    if text != text.strip(" "):
        return '"' + cell(text).replace('"', '\\"') + '"'
    return cell(text)


def _with_ident(row, options):
    """Aliases where the session shows them, UUIDs otherwise, in one leading column."""
    out = record(row, options.columns)
    if row.uuid is not None and not options.columns:
        ident = out.pop("alias") if row.alias else out["id"]
        out.pop("id", None)
        out.pop("alias", None)
        out = {("alias" if row.alias else "id"): ident, **out}
    return out


def width_of(text):
    """Columns a string takes on a terminal (East Asian wide characters take two)."""
    if text.isascii():  # wcswidth's own answer for a printable one; len for the others
        return len(text)
    width = _wcswidth(text)
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

    def __init__(self, header, body, with_headers, widths=None):
        self.names = list(header)
        self.header = list(header)
        self.body = body  # copied before it is changed (see to)
        self.with_headers = with_headers
        self.notes = []
        # column -> its widest value, kept until the column changes (`widths`: known)
        self._widths = dict(enumerate(widths)) if widths else {}

    def column_width(self, i, with_header=True):
        widest = self.values_width(i)
        if with_header and self.with_headers:
            widest = max(widest, width_of(self.header[i]) + MIN_PADDING)  # tabulate pads
        return widest

    def values_width(self, i):
        """The widest value of column i, worked out again only after the column changed."""
        known = self._widths.get(i)
        if known is None:
            known = self._widths[i] = max(width_of(r[i]) for r in self.body)
        return known

    def total(self):
        widths = [self.column_width(i) for i in range(len(self.header))]
        return sum(widths) + GAP * (len(widths) - 1)

    def to(self, width):
        if not width or not self.header or self.total() <= width:
            return self
        self.body = [list(r) for r in self.body]  # the caller's rows stay as they were
        if self.with_headers:
            self.shorten_headers(width)
        self.drop_columns(width)
        self.cut_values(width)
        self.notes = self.legend() + self.notes
        return self

    def shorten_headers(self, width):
        """Headers of several words wider than their values become initials, the widest
        first, until the table fits."""
        order = sorted(range(len(self.header)),
                       key=lambda i: self.column_width(i, False) - width_of(self.header[i]))
        for i in order:
            short = initials(self.header[i])
            if self.total() <= width:
                break
            if short is not None and self.column_width(i) > self.column_width(i, False):
                self.header[i] = short

    def drop_columns(self, width):
        """Leave out the last columns (the least telling, in print order) but the first two;
        the second too when the first fits whole but leaves no room to show some of it."""
        dropped = []
        while self.total() > width and (len(self.header) > 2 or (
                len(self.header) == 2 and self.column_width(0) <= width
                and width - self.column_width(0) - GAP < SOME)):
            dropped.insert(0, self.names.pop())
            self.header.pop()
            self._widths.pop(len(self.header), None)
            for r in self.body:
                r.pop()
        if dropped:
            self.notes.append(f"left out to fit {width} columns: {', '.join(dropped)} "
                              f"(choose with --columns, or see them all with -o text)")

    def cut_values(self, width):
        """Cut the widest column (the identifying one last) until the table fits."""
        cut_any = False
        while self.total() > width:
            column = self.widest_cuttable()
            if column is None:
                break  # every column as narrow as it can be and still too wide
            target = max(self.column_width(column) - (self.total() - width), self.narrowest())
            self.header[column] = cut(self.header[column], max(target - MIN_PADDING, 1))
            for r in self.body:
                r[column] = cut(r[column], target)
            self._widths.pop(column, None)
            cut_any = True
        if cut_any:
            self.notes.append(f"values cut to fit {width} columns")

    def narrowest(self):
        """A column's least width: one character and `…` (tabulate pads a header by two)."""
        return 1 + MIN_PADDING if self.with_headers else 2

    def widest_cuttable(self):
        """The widest column that can still be narrowed, the first (identifying) one only
        when no other can; None when none can."""
        later = [i for i in range(1, len(self.header)) if self.column_width(i) > self.narrowest()]
        if later:
            return max(later, key=self.column_width)
        return 0 if self.column_width(0) > self.narrowest() else None

    def legend(self):
        """What the shortened headers of the columns shown stand for."""
        pairs = [f"{short}={name}" for short, name in zip(self.header, self.names)
                 if short != name and not short.endswith("…")]
        return ["headers shortened: " + ", ".join(pairs)] if pairs else []
