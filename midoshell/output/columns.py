"""`--columns`: the fields named must exist; with text output they cannot apply."""


class ColumnsError(ValueError):
    """An unknown column: a usage error (exit 2) before anything is sent."""


def known_columns():
    """Every key a table, json or csv record can have: id, alias and every visible field."""
    from midoshell import model

    names = {"id", "alias"}
    for object_type in model.TYPES.values():
        names.update(attr.name for attr in object_type.visible_attrs())
    return names


def check_columns(text, output_format):
    """Warnings for `--columns TEXT` with this output format; ColumnsError names a column no
    object type has (with the nearest known names)."""
    if text is None:
        return []
    known = known_columns()
    for name in text.split(","):
        if name not in known:
            import difflib  # only to suggest names, on the way to an error

            close = difflib.get_close_matches(name, sorted(known), n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise ColumnsError(f"--columns: no object type has a field named {name!r}{hint}")
    if (output_format or "text") == "text":
        return ["--columns is ignored with text output (it picks the fields of -o table, "
                "json and csv)"]
    return []
