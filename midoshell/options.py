"""midoshell's command-line options: one table, read two ways.

argparse builds the full parser from the table (--help, usage errors, abbreviations, the man
page and the shell completion scripts).  Most runs, though, are a one-liner such as
`midoshell -c 'list host' -o json`, and building argparse's parser costs a third of the
start-up that midoshell itself adds.  `quick_parse` reads those common forms straight from
the same table and answers None for anything else (a word it does not know, an abbreviation,
an option glued to its value, `-e`, `-h`), which then goes to argparse.  A test checks that
both give the same result on every command line the quick reader accepts.
"""

from types import SimpleNamespace


class Option:
    """One option: its spellings and how argparse should read it."""

    __slots__ = ("flags", "dest", "action", "metavar", "choices", "help", "const", "nargs")

    def __init__(self, *flags, dest=None, action="store", metavar=None, choices=None,
                 help=None, const=None, nargs=None):
        self.flags = flags
        self.dest = dest or flags[-1].lstrip("-").replace("-", "_")
        self.action, self.metavar, self.choices = action, metavar, choices
        self.help, self.const, self.nargs = help, const, nargs

    @property
    def default(self):
        return False if self.action == "store_true" else None

    @property
    def takes_value(self):
        return self.action in ("store", "append")


def _table():
    from midoshell.formats import FORMATS

    o = Option
    return (
        o("-c", dest="commands", action="append", metavar="CMD",
          help="run CMD and exit (repeatable; runs in order, stops at the first failure)"),
        o("-e", "--eval", action="store_true",
          help="run the remaining arguments as one command (midonet-cli compatible)"),
        o("-f", "--file", metavar="FILE", help="run the commands in FILE ('-' for stdin)"),
        o("--midonet-url", dest="api_urls", action="append", metavar="URL",
          help="MidoNet API URL; repeat it or separate URLs with commas to fail over"),
        o("-A", "--no-auth", action="store_true", help="do not log in"),
        o("-u", "--user", dest="username", metavar="USERNAME", help="user name"),
        o("-p", "--password", dest="ask_password", action="store_true",
          help="ask for the password"),
        o("-i", "--project-id", dest="project_id", metavar="PROJECT_ID",
          help="project (tenant) to log in to"),
        o("--tenant", metavar="UUID", help="session tenant"),
        o("--profile", metavar="NAME", help="use [profile NAME] of the configuration file"),
        o("-o", "--output", choices=FORMATS, help="output format (default: text)"),
        o("--columns", metavar="A,B", help="fields to print, in this order (table, json, csv)"),
        o("--no-headers", action="store_true", help="no header row (table, csv)"),
        o("--aliases", action="store_true",
          help="print aliases instead of UUIDs in -c, -e and script output"),
        o("--keep-going", action="store_true",
          help="in scripts, run on after a failing line (exit 1 if any failed)"),
        o("--may-exist", action="store_true",
          help="every create finds an existing object of the same identity instead of failing"),
        o("--if-exists", action="store_true",
          help="every delete of something that does not exist does nothing"),
        o("--dry-run", action="store_true",
          help="send no write: print the requests each line would make (-c, -f, pipes)"),
        o("--atomic", action="store_true",
          help="all or nothing: when a line fails, undo every change the run made (journaled)"),
        o("--rollback", nargs="?", const="latest", metavar="JOURNAL",
          help="undo an unfinished --atomic run (the latest, or the journal named) and exit"),
        o("--timeout", metavar="SECONDS",
          help="deadline of each command, retries and slow answers included (default 30)"),
        o("--ca-cert", metavar="FILE",
          help="CA certificate(s) to verify the API's TLS certificate"),
        o("--match-cn", action="store_true",
          help="accept a TLS certificate without subjectAltName whose CN names the host (as "
               "old openssl recipes make them); the chain is still verified"),
        o("--insecure", action="store_const", const="true",
          help="do not verify the API's TLS certificate (warns)"),
        o("--disable_ssl_certificate_validation", dest="legacy_insecure", metavar="VALUE",
          help="midonet-cli's spelling of --insecure: 'true' disables TLS checks"),
        o("-d", "--debug", action="store_true", help="log HTTP traffic to stderr"),
        o("--vi", action="store_true", help="vi editing keys in the interactive shell"),
        o("--no-pager", action="store_true",
          help="never page long output in the interactive shell"),
        o("--show-config", action="store_true",
          help="print the settings in force and where each comes from, then exit"),
        o("--completion", choices=("bash", "zsh"), help="print a shell completion script and exit"),
        o("--complete-command", metavar="TEXT"),  # asked by the completion scripts: no help
        o("--version", action="store_true",
          help="print midoshell's version (and the API's) and exit"),
    )


def build_parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="midoshell", description="A command shell for MidoNet (the midonet-cli language).",
        epilog="With no API URL configured, midoshell runs its bundled MidoNet API sandbox.")
    for option in _table():
        settings = {"dest": option.dest, "action": option.action, "metavar": option.metavar,
                    "choices": option.choices, "const": option.const, "nargs": option.nargs,
                    "help": option.help if option.help else argparse.SUPPRESS}
        parser.add_argument(*option.flags, **{k: v for k, v in settings.items()
                                               if v is not None or k == "help"})
    parser.add_argument("words", nargs="*", help=argparse.SUPPRESS)
    return parser


def quick_parse(argv):
    """The options of a plain command line, as argparse would give them, or None when the
    line uses anything but whole option names each followed by its own value."""
    table = _table()
    by_flag = {flag: option for option in table for flag in option.flags}
    values = {option.dest: option.default for option in table}
    values["words"] = []
    position = 0
    while position < len(argv):
        option = by_flag.get(argv[position])
        if option is None or option.nargs == "?":
            return None  # words (-e's too), --rollback [JOURNAL], -h, abbreviations: argparse
        position += 1
        if not option.takes_value:
            values[option.dest] = option.const if option.action == "store_const" else True
            continue
        if position == len(argv) or argv[position].startswith("-") \
                or option.choices is not None and argv[position] not in option.choices:
            return None  # a missing or refused value: argparse says what is wrong
        value = argv[position]
        position += 1
        if option.action == "append":
            values[option.dest] = (values[option.dest] or []) + [value]
        else:
            values[option.dest] = value
    return SimpleNamespace(**values)
