"""The midoshell command: options and settings -> a mode (interactive, -c/-e, file, pipe) -> exit status."""

import argparse
import getpass
import logging
import shlex
import sys

from midoshell import __version__, config
from midoshell.errors import EXIT_OK, EXIT_USAGE, MidoError


def build_parser():
    p = argparse.ArgumentParser(
        prog="midoshell", description="A command shell for MidoNet (the midonet-cli language).",
        epilog="With no API URL configured, midoshell runs its bundled MidoNet API sandbox.")
    p.add_argument("-c", dest="commands", action="append", metavar="CMD",
                   help="run CMD and exit (repeatable; runs in order, stops at the first failure)")
    p.add_argument("-e", "--eval", action="store_true",
                   help="run the remaining arguments as one command (midonet-cli compatible)")
    p.add_argument("-f", "--file", metavar="FILE", help="run the commands in FILE ('-' for stdin)")
    p.add_argument("--midonet-url", dest="api_url", metavar="URL", help="MidoNet API URL")
    p.add_argument("-A", "--no-auth", action="store_true", help="do not log in")
    p.add_argument("-u", "--user", dest="username", metavar="USERNAME", help="user name")
    p.add_argument("-p", "--password", dest="ask_password", action="store_true",
                   help="ask for the password")
    p.add_argument("-i", "--project-id", dest="project_id", metavar="PROJECT_ID",
                   help="project (tenant) to log in to")
    p.add_argument("--tenant", metavar="UUID", help="session tenant")
    p.add_argument("--disable_ssl_certificate_validation", dest="insecure", metavar="VALUE",
                   help="'true' disables TLS certificate checks")
    p.add_argument("--aliases", action="store_true",
                   help="print aliases instead of UUIDs in -c, -e and script output")
    p.add_argument("--keep-going", action="store_true",
                   help="in scripts, run on after a failing line (exit 1 if any failed)")
    p.add_argument("-d", "--debug", action="store_true", help="log HTTP traffic to stderr")
    p.add_argument("--vi", action="store_true", help="vi editing keys in the interactive shell")
    p.add_argument("--no-pager", action="store_true",
                   help="never page long output in the interactive shell")
    p.add_argument("--version", action="version", version=f"midoshell {__version__}")
    p.add_argument("words", nargs="*", help=argparse.SUPPRESS)
    return p


def eval_line(words):
    """`-e` words as one line.  One argument is taken as written (`-e 'create router name
    "r 1"'`); several are re-quoted where needed, so the shell's quoting is not lost."""
    if len(words) == 1:
        return words[0]
    return " ".join(w if w and not any(ch.isspace() or ch in "\"'" for ch in w)
                    else shlex.quote(w) for w in words)


def cli(argv=None):
    sys.exit(main(argv))


def main(argv=None):
    parser = build_parser()
    args = parser.parse_intermixed_args(argv)
    if args.words and not args.eval:
        parser.error("unrecognized arguments: " + " ".join(args.words) + " (use -c or -e)")
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", stream=sys.stderr)
    if args.debug:
        logging.getLogger("midoshell").setLevel(logging.DEBUG)
    settings = config.load(vars(args))
    if args.ask_password and not args.no_auth:
        settings.password = getpass.getpass("Password: ")
    interactive = not (args.commands or args.eval or args.file) and sys.stdin.isatty()
    try:
        with connect(settings) as client:
            from midoshell.session import Session

            session = Session(client, show_aliases=interactive or args.aliases,
                              tenant=settings.tenant)
            session.debug = args.debug
            return run_mode(args, session, interactive)
    except MidoError as error:
        print("\n".join(error.lines()), file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def run_mode(args, session, interactive):
    from midoshell.runner import Runner, script_lines

    if interactive:
        from midoshell.interactive.shell import run_shell

        # No API URL anywhere means connect() started the bundled sandbox.
        sandbox = not config.load(vars(args)).api_url
        return run_shell(session, vi=args.vi, pager=not args.no_pager, sandbox=sandbox)
    runner = Runner(session, keep_going=args.keep_going)
    if args.commands:
        return runner.run_lines(args.commands, "-c")
    if args.eval:
        return runner.run_one(eval_line(args.words))[0]
    if args.file and args.file != "-":
        try:
            with open(args.file, "rb") as stream:
                return runner.run_lines(script_lines(stream), args.file)
        except OSError as error:
            print(f"midoshell: cannot read {args.file}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
    return runner.run_lines(script_lines(sys.stdin.buffer), "<stdin>")


class connect:
    """The API client for the settings; with no URL anywhere, the bundled sandbox."""

    def __init__(self, settings):
        self.settings = settings
        self.sandbox = None

    def __enter__(self):
        from midoshell.client import Client

        s = self.settings
        url = s.api_url
        if not url:
            url = self.start_sandbox()
        login_user = None if s.no_auth else s.username
        if s.insecure:
            import urllib3

            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            print("midoshell: warning: TLS certificates are not verified", file=sys.stderr)
        return Client(url, login_user, s.password, s.project_id, verify=not s.insecure)

    def start_sandbox(self):
        from midoshell.sandbox import start

        state = config.xdg_dir("DATA") / "sandbox.db"
        self.sandbox = start(host="127.0.0.1", port=0, state=str(state))
        print(f"midoshell: no MidoNet API configured; using the bundled sandbox at "
              f"{self.sandbox.url} (state in {state})", file=sys.stderr)
        return self.sandbox.url

    def __exit__(self, *exc):
        if self.sandbox is not None:
            self.sandbox.stop()
        return False


if __name__ == "__main__":
    cli()
