"""The output formats' names, apart from midoshell.output so that the option parser (and
--help) can name them without importing the renderers."""

FORMATS = ("text", "table", "json", "csv")

# What each format prints, for the man page (midoshell/manpage.py); midoshell/output
# makes it so.
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
