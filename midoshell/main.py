"""The midoshell command: options and settings -> a mode (interactive, -c/-e, file, pipe) -> exit status."""

import sys

from midoshell import __version__
from midoshell.errors import EXIT_OK, EXIT_USAGE, MidoError
from midoshell.options import build_parser, quick_parse

# Everything else is imported where it is used: --help and --version run on the options and
# the configuration alone, and a one-liner pays only for what its line needs.

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for ovs-vsctl … | head


def eval_line(words):
    """`-e` words as one line.  One argument is taken as written (`-e 'create router name
    "r 1"'`); several are re-quoted where needed, so the shell's quoting is not lost."""
    if len(words) == 1:
        return words[0]
    import shlex

    return " ".join(w if w and not any(ch.isspace() or ch in "\"'" for ch in w)
                    else shlex.quote(w) for w in words)


def cli(argv=None):
    try:
        status = exit_quietly_on_broken_pipe(main, argv)
    except KeyboardInterrupt:  # Ctrl-C before a mode has started (a password_command, …)
        print(file=sys.stderr)
        status = 130
    sys.exit(status)


def exit_quietly_on_broken_pipe(function, *args):
    """function(*args), and when the reader of stdout has gone (`midoshell … | head -1`),
    exit quietly as a command killed by SIGPIPE would: no traceback, no half-written line
    flushed at exit.  The work stops there, at a line boundary."""
    try:
        try:
            status = function(*args)
        except SystemExit as done:  # argparse's --help and usage errors: flushed here too
            status = done.code
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):  # nothing more reaches a closed pipe
            try:
                os.dup2(devnull, stream.fileno())
            except (OSError, ValueError):
                pass
        return EXIT_BROKEN_PIPE


def flags_of(args):
    """The settings given on the command line, in config's names (None: not given)."""
    flags = {name: value for name, value in vars(args).items()
             if not isinstance(value, bool) or value}
    flags["api_url"] = ",".join(args.api_urls) if args.api_urls is not None else None
    flags["insecure"] = args.insecure or args.legacy_insecure
    return flags


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = quick_parse(argv)  # the usual one-liner, read without building argparse's parser
    if args is None:
        parser = build_parser()
        args = parse_options(parser, argv)
        if args.words and not args.eval:
            parser.error("unrecognized arguments: " + " ".join(args.words) + " (use -c or -e)")
    if args.completion or args.complete_command is not None:
        from midoshell import shellcomplete

        return shellcomplete.main(args, build_parser())
    settings = load_settings(flags_of(args))
    if isinstance(settings, int):
        return settings
    if args.show_config:
        print("\n".join(settings.shown()))
        return EXIT_OK
    if args.version:
        return print_version(settings)
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", stream=sys.stderr)
    if args.debug:
        logging.getLogger("midoshell").setLevel(logging.DEBUG)
    return run(args, settings)


def parse_options(parser, argv):
    """argparse's intermixed parsing (for `-e` words among options), which formats the
    whole usage text before it starts (a few ms of every one-liner), only when a line has
    words outside options; otherwise plain parsing gives the same result."""
    args, extra = parser.parse_known_args(argv)
    if extra or args.words:
        args = parser.parse_intermixed_args(argv)
    return args


def load_settings(flags):
    """Settings from every source (warnings printed), or the exit status of a bad one."""
    from midoshell import config

    try:
        settings = config.load(flags)
        if flags.get("columns") is not None:
            from midoshell.output.columns import check_columns

            settings.warnings += check_columns(flags["columns"], settings.output)
    except (config.ConfigError, ValueError) as error:
        print(f"midoshell: {error}", file=sys.stderr)
        return EXIT_USAGE
    for warning in settings.warnings:
        print(f"midoshell: warning: {warning}", file=sys.stderr)
    return settings


def run(args, settings):
    from midoshell.connect import Connection

    from midoshell import config

    interactive = not (args.commands or args.eval or args.file) and sys.stdin.isatty()
    if args.atomic and (interactive or args.keep_going):
        print("midoshell: --atomic runs a script (-c, -f or piped) and stops at the first "
              "failing line (no --keep-going)", file=sys.stderr)
        return EXIT_USAGE
    if args.dry_run and interactive:
        print("midoshell: --dry-run plans a script: give -c, -e, -f or pipe the lines",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        with Connection(settings, interactive=interactive,
                        ask_password=args.ask_password and not args.no_auth) as client:
            from midoshell.session import Session

            if args.dry_run:
                from midoshell.dryrun import PlanningClient

                client = PlanningClient(client)
            if args.atomic and not args.dry_run:
                from midoshell.journal import JournalingClient

                client = JournalingClient(client)
            if args.rollback:
                from midoshell.atomic import rollback_command

                return rollback_command(client, args.rollback)

            session = Session(client, show_aliases=interactive or args.aliases,
                              tenant=settings.tenant)
            session.debug = args.debug
            session.may_exist, session.if_exists = args.may_exist, args.if_exists
            session.output = render_options(args, settings, interactive)
            return run_mode(args, settings, session, interactive)
    except MidoError as error:
        from midoshell.output.safe import visible  # messages may carry the server's text

        print("\n".join(visible(line) for line in error.lines()), file=sys.stderr)
        return error.exit_status
    except config.ConfigError as error:
        print(f"midoshell: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def render_options(args, settings, interactive):
    import os

    from midoshell.output import RenderOptions, table_width

    return RenderOptions(format=settings.output or "text",
                         columns=args.columns.split(",") if args.columns else None,
                         headers=not args.no_headers, pretty=interactive,
                         width=lambda: table_width(sys.stdout, os.environ),
                         terminal=sys.stdout.isatty())


def print_version(settings):
    """midoshell's version, and the API's when one is configured and answers: from the root
    document cached by an earlier run when there is one (said so, with its date), so that
    --version needs neither requests nor a round trip."""
    print(f"midoshell {__version__}")
    if settings.api_url:
        from midoshell import rootcache
        from midoshell.connect import split_credentials

        urls = split_credentials(settings.api_url)[0]  # a password in a URL is never shown
        first = urls.split(",")[0].strip().rstrip("/")
        cached = rootcache.load(first, with_date=True)
        from midoshell.output.safe import visible  # the version is the server's text

        if cached is not None:
            root, fetched = cached
            print(visible(f"MidoNet API {root.get('version')} at {first} (cached {fetched})"))
            return EXIT_OK
        from midoshell.client import Client
        from midoshell.connect import tls_verify

        def warn(message):
            print(f"midoshell: warning: {message}", file=sys.stderr)

        try:
            client = Client(urls, verify=tls_verify(settings, warn), match_cn=settings.match_cn,
                            timeout=min(settings.timeout, 5.0), retries=0, cache_root=True)
            print(visible(f"MidoNet API {client.root().get('version')} at {client.url}"))
        except MidoError as error:
            print(f"midoshell: {visible(error.message)}", file=sys.stderr)
        except AttributeError:
            print(f"MidoNet API at {first}: not a root document", file=sys.stderr)
    return EXIT_OK


def run_mode(args, settings, session, interactive):
    from midoshell.runner import Runner, script_lines

    if interactive:
        from midoshell.interactive.shell import run_shell

        return run_shell(session, vi=args.vi or settings.vi, pager=not args.no_pager,
                         sandbox=not settings.api_url)
    if args.atomic and not args.dry_run:
        from midoshell.atomic import run_atomic

        return run_atomic(args, session)
    if args.dry_run:
        from midoshell.dryrun import PlanRunner

        runner = PlanRunner(session, session.client, as_json=settings.output == "json",
                            keep_going=args.keep_going)
    else:
        runner = Runner(session, keep_going=args.keep_going)
    if args.commands:
        return runner.run_lines(args.commands, "-c")
    if args.eval:
        return runner.run_one(eval_line(args.words))[0]
    if args.file and args.file != "-":
        try:
            stream = open(args.file, "rb")
        except OSError as error:
            print(f"midoshell: cannot read {args.file}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
        with stream:  # errors while running (a closed stdout) are not the file's
            return runner.run_lines(script_lines(stream), args.file)
    return runner.run_lines(script_lines(sys.stdin.buffer), "<stdin>")


if __name__ == "__main__":
    cli()
