"""The output formats' names, apart from midoshell.output so that the option parser (and
--help) can name them without importing the renderers."""

FORMATS = ("text", "table", "json", "csv")
