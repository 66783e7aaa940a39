"""Rendering results: `text` (midonet-cli's lines), `table`, `json` and `csv`."""

from midoshell.records import dataclass

from midoshell.formats import FORMATS
from midoshell.output.text import render_text


@dataclass
class RenderOptions:
    format: str = "text"
    columns: list = None  # field names to keep, in this order (machine formats, table)
    headers: bool = True
    width: object = None  # terminal width for tables, or a function giving it when asked
    pretty: bool = False  # indented JSON
    terminal: bool = False  # stdout is a terminal: csv shows control characters escaped
    stderr: object = None  # where notes go (a table's left-out columns); None: sys.stderr


def render(result, options=None):
    """The lines to print for a result in the chosen format."""
    options = options or RenderOptions()
    if options.format == "text":
        return render_text(result)
    if options.format == "table":
        from midoshell.output.table import render_table  # tabulate only when asked for

        return render_table(result, options)
    from midoshell.output.machine import render_csv, render_json

    return render_json(result, options) if options.format == "json" else render_csv(result, options)


def table_width(stream, environ):
    """The width tables fit: the terminal's (COLUMNS first, as shutil reads it) when `stream`
    is one, else COLUMNS when it is set (`COLUMNS=80 midoshell -o table … | less`), else
    none (a table for a file is as wide as its values)."""
    import shutil

    if stream.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    text = environ.get("COLUMNS", "")
    return int(text) if text.isdigit() and int(text) > 0 else None


__all__ = ["FORMATS", "RenderOptions", "render", "render_text", "table_width"]
