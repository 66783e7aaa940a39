"""midonet-cli's line format: `prefix alias field value …`, values quoted so lines parse back.

Every string that reaches the terminal goes through output.safe: server data never drives it.
"""

import re

from midoshell.output.safe import cell, visible
from midoshell.results import Created, Lines, Rows, Value

_PLAIN = re.compile(r"""^[^\s"'\\]+$""")


class Block(str):
    """Whole lines joined by line breaks (a listing's text or csv, a block of objects at a
    time): printed as its lines would be, one after the other."""

    __slots__ = ()


def quote(value):
    """A value as the command language reads it back: bare if it can be, else double-quoted
    (control characters written as escapes inside the quotes)."""
    if value.isprintable() and value and " " not in value and '"' not in value \
            and "'" not in value and "\\" not in value:
        return value  # _PLAIN's test at C speed: printable and no space means no \s at all
    safe = cell(value)
    if safe == value and _PLAIN.match(value):
        return value
    return '"' + safe.replace('"', '\\"') + '"'


def render_row(row):
    parts = [cell(p) for p in (row.prefix, row.ident) if p is not None]
    for name, value in row.fields:
        if value is not None:
            parts += [name, quote(value)]
    return " ".join(parts)


def render_text(result):
    """The lines to print for a result (none for results that print nothing)."""
    lines = []
    for piece in text_lines(result):
        if type(piece) is Block:
            lines.extend(piece.split("\n"))
        else:
            lines.append(piece)
    return lines


def text_lines(result):
    """render_text's lines one at a time, a listing's in Blocks as its objects come."""
    if isinstance(result, Rows):
        from midoshell.output.listed import listed_text  # a listing's one-pass lines

        lines = listed_text(result.rows)
        return map(render_row, result.rows) if lines is None else lines
    if isinstance(result, Lines):
        return [visible(line) for line in result.lines]
    if isinstance(result, Value):
        return [cell(result.text)]
    if isinstance(result, Created):
        return [cell(result.ident)]
    return []
