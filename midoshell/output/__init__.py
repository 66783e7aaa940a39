"""Rendering results: `text` (midonet-cli's lines), `table`, `json` and `csv`."""

from midoshell.records import dataclass

from midoshell.formats import FORMATS
from midoshell.output.text import render_text


@dataclass
class RenderOptions:
    format: str = "text"
    columns: list = None  # field names to keep, in this order (machine formats, table)
    headers: bool = True
    width: int = None  # terminal width for tables
    pretty: bool = False  # indented JSON


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


__all__ = ["FORMATS", "RenderOptions", "render", "render_text"]
