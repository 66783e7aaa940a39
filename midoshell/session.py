"""A session: the API client, alias namespaces, what has been fetched, and run_line."""

import contextlib
import sys

from midoshell import commands as c
from midoshell import freed
from midoshell.aliases import Aliases
from midoshell.output import RenderOptions
from midoshell.executor import Executor
from midoshell.objects import Packer
from midoshell.parsing import parse
from midoshell.naming import ReferenceNamer
from midoshell.resolver import Resolver

# Commands after which lists fetched earlier may no longer be what the server holds.
_CHANGING = (c.CreateCommand, c.SetCommand, c.ClearCommand, c.DeleteCommand, c.TenantCommand,
             c.RefreshCommand)


class Session:
    """Everything one shell run knows.  `run_line` is the one entry point for every mode.

    show_aliases: print aliases (interactive) or UUIDs (scripts and one-liners, which
    scrape them).  Aliases are understood in every mode.
    """

    def __init__(self, client, show_aliases=True, tenant=None, stderr=None):
        self.client = client
        self.show_aliases = show_aliases
        self.tenant = tenant or None
        self.debug = False
        self.aliases = Aliases()
        self.cache = {}  # uuid -> Obj last fetched or listed
        # What this run knows of collections: (parent uuid, collection) -> (link, [Obj]),
        # listed once and kept current by the run's own writes.
        self.listings = {}
        # uuid -> sequence number, for objects this session's create lines made (or found)
        self.created = {}
        self.occurrences = {}  # identity key -> lines of this run that named it so far
        # `--may-exist` / `--if-exists` given on the command line: every create (and set)
        # may find its work done, every delete may find nothing to delete.
        self.may_exist = False
        self.if_exists = False
        self.reuse_listings = False  # set while a guarded line runs: filters use listings
        self.output = RenderOptions()  # how results are printed (format, columns, width)
        self.changes = 0  # bumped after each changing command (the shell's completer relists)
        self._packer = None
        # The line running is the run's last (a one-liner's): what it lists is not packed
        # for the lines after it (objects.py), there are none.
        self.final_line = False
        self.stderr = stderr  # where warnings and notices go (None: sys.stderr when said)
        self.resolver = Resolver(self, client)
        self.names = ReferenceNamer(self.aliases, self.cache, show_aliases, self.resolver)
        self.resolver.names = self.names
        self.executor = Executor(self, client, self.resolver, self.names)

    def run_line(self, text):
        """Parse and execute one line; returns a result or raises a MidoError."""
        command = parse(text)
        self.resolver.new_command()
        try:
            with self._deadline(command):
                return self.executor.run(command)
        finally:
            if isinstance(command, _CHANGING) or isinstance(command, c.ByIdCommand) \
                    and command.verb in ("create", "set", "clear", "delete"):
                self.changes += 1

    def after_output(self):
        """A line's output is printed (a listing is read while it prints): after a large
        listing, the memory of its decoded documents goes back to the system, unless the
        run ends with this line anyway."""
        if self.resolver.decoded >= freed.LARGE and not self.final_line:
            freed.give_back()

    def _deadline(self, command=None):
        """--timeout bounds the whole command.  Looked up on the client's class: a stand-in
        client without deadlines (a test's) is not asked for anything.  `wait-until` may
        wait its own timeout on top of it."""
        deadline = getattr(type(self.client), "deadline", None)
        if not deadline:
            return contextlib.nullcontext()
        if isinstance(command, c.WaitCommand):
            return deadline(self.client, command.timeout + self.client.seconds)
        return deadline(self.client)

    @property
    def keeps_listings(self):
        """Whether what a line lists is named and kept for later: not by the run's last line
        when it prints no aliases (none would ever be used)."""
        return self.show_aliases or not self.final_line

    @property
    def packer(self):
        """What keeps the listed objects of this session small (objects.py); None while
        the run's last line runs."""
        if self.final_line:
            return None
        if self._packer is None:
            self._packer = Packer()
        return self._packer

    def adopt(self, parent, link, objs):
        """Name objects listed outside run_line (the shell's background refresh) as here."""
        self.resolver.name_all(parent, link, objs)

    def warn(self, message):
        print(f"warning: {message}", file=self.stderr or sys.stderr)

    def notice(self, message):
        """Progress a user should know of (an existing object brought to what a line says)."""
        print(message, file=self.stderr or sys.stderr)

    def forget_everything_listed(self):
        """`refresh`: names are looked up anew; aliases already given stay."""
        self.aliases.listed.clear()
        self.cache.clear()
        self.listings.clear()
