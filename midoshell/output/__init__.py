"""Rendering results: `text` (midonet-cli's lines), `table`, `json` and `csv`."""

from dataclasses import dataclass

from midoshell.output.text import render_text

FORMATS = ("text", "table", "json", "csv")

# What each format prints, for the man page (midoshell/manpage.py).
FORMAT_NOTES = {
    "text": "midonet-cli's lines: type prefix, alias or UUID, then field and value pairs; "
            "empty fields are left out. A value with spaces, quotes or backslashes is "
            "double-quoted with backslash escapes, so the line reads back as a command. "
            "Characters in the data that a terminal would obey (C0 and C1 controls, DEL, "
            "bidirectional controls, U+2028, U+2029) and unpaired surrogates are written as "
            "escapes (\\n, \\r, \\t, \\xHH, \\uHHHH): one object is always one line, and "
            "data never drives the terminal. A bare value (show FIELD) and server error "
            "messages are escaped the same way (a bare value with backslashes doubled).",
    "table": "The same fields in columns, values escaped as in text (and quoted when spaces "
             "begin or end them). On a terminal, or with "
             "COLUMNS set when stdout is not one, the table fits the width and no value is "
             "ever wrapped: headers of several words become their initials, then the last "
             "columns are left out, and only when the first columns alone are too wide are "
             "values cut, ending in …; stderr says which. Without a width the table is as "
             "wide as its values.",
    "json": "One document per command: an array of objects for list, one object for show and "
            "create, one value for show FIELD. An object's keys are id and alias (null unless "
            "aliases are printed), then its fields as named in midoshell-objects(7). Values "
            "are what the API means: numbers, booleans (true for up and yes), null when "
            "unset, arrays for lists, UUIDs for references, objects where the API has one (a "
            'port range is {"start": N, "end": N}); an enumeration is the CLI\'s word and an '
            'address with its prefix length one "a.b.c.d/len" string. An inverted rule '
            'condition is {"not": VALUE}. Strings are exact; characters a terminal would '
            "obey are written as \\uHHHH escapes, which JSON readers read as the same "
            "characters.",
    "csv": "A header row (unless --no-headers), then one record per object, with the text "
           "format's values (lists comma-joined, references as in text). Fields holding a "
           "comma, a quote, CR or LF are quoted, so a CSV reader gets one record per object "
           "and the values exactly. A cell beginning with =, +, -, @, tab, CR or ' gets a "
           "leading ' so that spreadsheets show it as text instead of running it as a "
           "formula: take one leading ' off to get the value. Unpaired surrogates, which "
           "UTF-8 cannot carry, are written \\uHHHH; on a terminal, control characters are "
           "escaped as in text.",
}


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


__all__ = ["FORMATS", "FORMAT_NOTES", "RenderOptions", "render", "render_text", "table_width"]
