"""Checking `--columns` when the options are read: every name must be a field of some object
type (or `id`, `alias`); with the text format the option has no effect, which is said."""

from midoshell import model
from midoshell.errors import UsageError
from midoshell.suggestions import did_you_mean

ALWAYS = ("id", "alias")  # keys every machine-format record has
USED_BY = ("table", "json", "csv")


def known_columns():
    names = dict.fromkeys(ALWAYS)
    for object_type in model.TYPES.values():
        names.update(dict.fromkeys(a.name for a in object_type.attrs))
    return list(names)


def check_columns(text, output_format):
    """The column names of `--columns TEXT`, or a UsageError naming the unknown ones; and a
    warning (or None) when the format does not use them.  For main's option handling."""
    columns = [c.strip() for c in text.split(",")]
    if not all(columns):
        raise UsageError(f"--columns {text!r}: empty column name (give names separated by "
                         f"commas, such as name,state)")
    known = set(known_columns())
    unknown = [c for c in columns if c not in known]
    if unknown:
        hints = [f"{c!r} ({did_you_mean(c, known_columns())})" if did_you_mean(c, known_columns())
                 else repr(c) for c in unknown]
        raise UsageError(f"--columns: unknown column{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(hints)}; columns are field names (describe TYPE lists "
                         f"them), id and alias")
    warning = None
    if (output_format or "text") not in USED_BY:
        warning = (f"--columns is ignored with -o {output_format or 'text'} "
                   f"(it applies to {', '.join(USED_BY)})")
    return columns, warning
