"""A listing as a table, made a block of objects at a time while the answer still arrives.

A table needs every row before its first line (the widest cell sets a column's width).
What can be done before is done as each block of objects comes: its records are made
cells (checked for escaping a column at a time), counted empty and measured.  Once the
last block has come, only the rows are left to pad, a block at a time.
"""

import itertools

from midoshell.output.table import (
    GAP, _ascii_line, _cells, _plain_width, _with_ident, column_cells, head_lines,
    shown_widths)
from midoshell.output.text import Block


def listed_cells(rows, options):
    """The ListedCells of a listing's rows, all blocks added; None for rows of another kind
    or when --columns picks the fields."""
    from midoshell.output.listed import BLOCK, listed

    texts = None if options.columns else listed(rows)
    if texts is None:
        return None
    records = texts.table_maker(lambda obj: _with_ident(rows.make_row(obj), options))
    cells = ListedCells(options.headers)
    for objs in rows.batches(BLOCK):
        cells.add(*records(objs))
    return cells


class ListedCells:
    """A listing's table cells, block by block (see the module docstring).

    While every record has the same keys, a block is kept as its columns of cells; the
    records of a block of mixed keys, and of any other once one has come, are kept as
    dicts and made cells the general way (_cells)."""

    def __init__(self, with_headers):
        self.with_headers = with_headers
        self.keys = None
        self.blocks = []  # the cells of each block, column by column
        self.lengths = None  # per column: the one length of all its cells, or -1
        self.raw = []  # the blocks as they came, for records of mixed keys
        self.dicts = None  # the records as dicts, once keys differ
        self.count = 0
        self.empty = self.widths = None  # per column: empty fields, widest cell
        self.plain = self.ascii = True  # every cell one laid_out pads; all ASCII

    def add(self, keys, columns):
        """A block: (keys, a column per key) or (None, the (keys, values) of each record)."""
        if self.dicts is None and keys is None:
            shared = columns[0][0]
            if all(k is shared for k, _ in columns):
                keys, columns = shared, list(zip(*[values for _, values in columns]))
        if self.dicts is not None or keys is None or self.keys not in (None, keys):
            self._as_dicts(keys, columns)
            return
        if self.keys is None:
            self.keys, self.empty, self.widths = keys, [0] * len(keys), [0] * len(keys)
            self.lengths = [None] * len(keys)
        self.raw.append(columns)
        block = []
        for place, column in enumerate(columns):
            empty = column.count(None)
            cells, ascii_as_they_are, size = column_cells(column, empty)
            self.empty[place] += empty
            if ascii_as_they_are:
                widest = max(map(len, cells), default=0)
                one = widest if size == widest * len(cells) else -1  # all of one length
            else:
                widest, one = self._measure(cells), -1
            self.widths[place] = max(self.widths[place], widest)
            if self.lengths[place] != one:
                self.lengths[place] = one if self.lengths[place] is None else -1
            block.append(cells)
        self.blocks.append(block)
        self.count += len(columns[0]) if columns else 0

    def _measure(self, cells):
        """The widest of a column's cells; notes whether laid_out can pad them."""
        joined = "".join(cells)
        if joined.isascii():
            sizes = map(len, cells)
        else:
            sizes, self.ascii = list(map(_plain_width, cells)), False
            self.plain = self.plain and min(sizes) >= 0
        # a cell shown as it is (printable, no space) has no whitespace to strip
        if (" " in joined or not joined.isprintable()) and \
                tuple(map(str.strip, cells)) != tuple(cells):
            self.plain = False
        return max(sizes, default=0)

    def _kept(self):
        """The columns shown: those with a value in some record."""
        return tuple(i for i, empty in enumerate(self.empty) if empty != self.count)

    def _as_dicts(self, keys, columns):
        if self.dicts is None:  # the blocks so far, as the records they were
            self.dicts = [dict(zip(self.keys, values))
                          for block in self.raw for values in zip(*block)]
            self.raw = self.blocks = None
        if keys is not None:
            self.dicts += [dict(zip(keys, values)) for values in zip(*columns)]
        else:
            self.dicts += [dict(zip(k, values)) for k, values in columns]

    def table(self):
        """(header, body, measured): measured is (widest cell of each column, all ASCII)
        when laid_out may take it instead of measuring the body again, else None."""
        if self.dicts is not None:
            return (*_cells(self.dicts), None)
        if self.keys is None:
            return [], [], None
        kept = self._kept()
        if not kept:
            return [], [()] * self.count, None
        body = []
        for block in self.blocks:
            body += zip(*[block[i] for i in kept])
        measured = ([self.widths[i] for i in kept], self.ascii) if self.plain else None
        return [self.keys[i] for i in kept], body, measured

    def laid_out(self, width):
        """The lines table.laid_out gives for table()'s cells, the body's a Block per
        block of objects, when they fit in `width` as they are (Fit would change nothing)
        and laid_out would pad each row with one %-format; else None (a cell not ASCII,
        one it leaves to tabulate, or records made the general way)."""
        kept = self._kept() if self.dicts is None and self.keys is not None else ()
        if not (kept and self.plain and self.ascii):
            return None
        header = [self.keys[i] for i in kept]
        shown = shown_widths(header, [self.widths[i] for i in kept], self.with_headers)
        if shown is None or not shown[1]:
            return None
        widths = shown[0]
        if width and sum(widths) + GAP * (len(widths) - 1) > width:
            return None
        texts = [self._padded(block, kept, widths) for block in self.blocks]
        # tabulate's text ends with its last row, and its lines are text.splitlines():
        # a last row left empty is not a line
        if texts[-1] == "":
            texts.pop()
        elif texts[-1].endswith("\n"):
            texts[-1] = texts[-1][:-1]
        return head_lines(header, widths, self.with_headers, _ascii_line) + \
            [Block(text) for text in texts]

    def _padded(self, block, kept, widths):
        """padded_rows of a block's rows, joined, made a column at a time: a column whose
        cells are all of one length is followed by as many spaces as its width leaves and
        the gap, any other padded cell by cell; the last column is not padded."""
        pieces = []
        for place, width in zip(kept[:-1], widths):
            if self.lengths[place] >= 0:
                pieces += [block[place], itertools.repeat(" " * (width - self.lengths[place]
                                                                  + GAP))]
            else:
                pieces += [map(str.ljust, block[place], itertools.repeat(width)),
                           itertools.repeat(" " * GAP)]
        last = block[kept[-1]]
        lines = map("".join, zip(*pieces, last))
        return "\n".join(map(str.rstrip, lines) if "" in last else lines)
