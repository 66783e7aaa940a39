"""Rendering results: `text` (midonet-cli's lines), `table`, `json` and `csv`."""

from midoshell.records import dataclass

from midoshell.formats import FORMATS
from midoshell.output.text import Block, render_text, text_lines


@dataclass
class RenderOptions:
    format: str = "text"
    columns: list = None  # field names to keep, in this order (machine formats, table)
    headers: bool = True
    width: object = None  # terminal width for tables, or a function giving it when asked
    pretty: bool = False  # indented JSON
    terminal: bool = False  # stdout is a terminal: csv shows control characters escaped
    stderr: object = None  # where notes go (a table's left-out columns); None: sys.stderr


# .get(value, value) of a cell's value: "" for an empty field (None), any other as it is
# (csv and tables show an empty field as nothing)
NONE_AS_EMPTY = {None: ""}


class Part(str):
    """Text that the next piece printed continues on the same line (a JSON document is one
    line, printed as its objects come)."""

    __slots__ = ()


def render(result, options=None):
    """The lines to print for a result in the chosen format (a JSON document is one line,
    a csv record one element, whatever line breaks it holds)."""
    lines, pending = [], []
    for piece in pieces(result, options):
        if type(piece) is Part:
            pending.append(piece)
            continue
        if type(piece) is Block:
            lines.extend(piece.split("\n"))
            continue
        lines.append("".join(pending) + piece if pending else piece)
        pending = []
    return lines


def pieces(result, options=None):
    """What to print for a result, as it comes: text, csv and json print a listing's first
    objects before the last have arrived.  Each string is a line (printed with a line
    break after it), but for the `Part`s of a JSON document, which the next piece goes on,
    and the `Block`s of a text or csv listing, several lines in one."""
    options = options or RenderOptions()
    if options.format == "text":
        return text_lines(result)
    if options.format == "table":
        from midoshell.output.table import render_table  # tabulate only when asked for

        return render_table(result, options)
    from midoshell.output.machine import csv_pieces, json_pieces

    return json_pieces(result, options) if options.format == "json" else \
        csv_pieces(result, options)


def table_width(stream, environ):
    """The width tables fit: the terminal's (COLUMNS first, as shutil reads it) when `stream`
    is one, else COLUMNS when it is set (`COLUMNS=80 midoshell -o table … | less`), else
    none (a table for a file is as wide as its values)."""
    import shutil

    if stream.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    text = environ.get("COLUMNS", "")
    return int(text) if text.isdigit() and int(text) > 0 else None


__all__ = ["Block", "FORMATS", "NONE_AS_EMPTY", "Part", "RenderOptions", "pieces", "render", "render_text",
           "table_width"]
