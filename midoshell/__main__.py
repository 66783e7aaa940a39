"""`python -m midoshell`."""

from midoshell.main import cli

cli()
