"""midonet-cli's line format: `prefix alias field value …`, values quoted so lines parse back."""

import re

from midoshell.results import Created, Lines, Rows, Value

_PLAIN = re.compile(r"""^[^\s"'\\]+$""")


def quote(value):
    """A value as the command language reads it back: bare if it can be, else double-quoted."""
    if _PLAIN.match(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_row(row):
    parts = [p for p in (row.prefix, row.ident) if p is not None]
    for name, value in row.fields:
        if value is not None:
            parts += [name, quote(value)]
    return " ".join(parts)


def render_text(result):
    """The lines to print for a result (none for results that print nothing)."""
    if isinstance(result, Rows):
        return [render_row(r) for r in result.rows]
    if isinstance(result, Lines):
        return list(result.lines)
    if isinstance(result, Value):
        return [result.text]
    if isinstance(result, Created):
        return [result.ident]
    return []
