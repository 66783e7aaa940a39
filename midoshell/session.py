"""A session: the API client, alias namespaces, what has been fetched, and run_line."""

import sys

from midoshell.aliases import Aliases
from midoshell.executor import Executor
from midoshell.parsing import parse
from midoshell.present import Names
from midoshell.resolver import Resolver


class Session:
    """Everything one shell run knows.  `run_line` is the one entry point for every mode.

    show_aliases: print aliases (interactive) or UUIDs (scripts and one-liners, which
    scrape them).  Aliases are understood in every mode.
    """

    def __init__(self, client, show_aliases=True, tenant=None, warn=None):
        self.client = client
        self.show_aliases = show_aliases
        self.tenant = tenant or None
        self.debug = False
        self.aliases = Aliases()
        self.cache = {}  # uuid -> Obj last fetched or listed
        self._warn = warn or (lambda message: print(f"warning: {message}", file=sys.stderr))
        self.resolver = Resolver(self)
        self.names = Names(self)
        self.executor = Executor(self)

    def run_line(self, text):
        """Parse and execute one line; returns a result or raises a MidoError."""
        return self.executor.run(parse(text))

    def warn(self, message):
        self._warn(message)

    def forget_everything_listed(self):
        """`refresh`: names are looked up anew; aliases already given stay."""
        self.aliases.listed.clear()
        self.cache.clear()
