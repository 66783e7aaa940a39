"""The midoshell command: options and settings -> a mode (interactive, -c/-e, file, pipe) -> exit status."""

import sys
from contextlib import contextmanager

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
    exit_without_teardown(status)


def exit_without_teardown(status):
    """End the process with `status`, skipping Python's teardown when nothing needs it.

    The teardown frees every module and object one by one and runs the cycle collector
    over what is left: with requests, urllib3 and ssl loaded that is about 15 ms, a seventh
    of a one-liner, spent after its output is complete (the system takes a process's memory
    back at once).  What the teardown does that matters is done first: the exit functions
    registered with atexit (logging's flush among them) run and stdout and stderr are
    flushed.  A status that is not a number, a thread the teardown would wait for, or a
    profiler or tracer watching (it reports once the program has returned) exits the
    usual way."""
    import atexit
    import os
    import threading

    status = 0 if status is None else status
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    if status.__class__ is not int or not 0 <= status <= 255 or \
            any(not t.daemon for t in others) or sys.getprofile() or sys.gettrace():
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone, a stream closed: nothing to deliver
            pass
    os._exit(status)


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


def main(argv=None, env=None):
    """Run midoshell with these arguments in this environment; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if env is None:
        from midoshell.environment import Environment

        env = Environment.of_process()
    args = quick_parse(argv)  # the usual one-liner, read without building argparse's parser
    if args is None:
        args = read_options(argv, env)
        if isinstance(args, int):
            return args
    if args.completion or args.complete_command is not None:
        from midoshell import shellcomplete

        return shellcomplete.main(args, build_parser(), env.stdout)
    settings = load_settings(flags_of(args), env)
    if isinstance(settings, int):
        return settings
    if args.show_config:
        print("\n".join(settings.shown()), file=env.stdout)
        return EXIT_OK
    if args.version:
        return print_version(settings, env)
    with logging_to(env.stderr, debug=args.debug):
        return run(args, settings, env)


@contextmanager
def logging_to(stream, debug):
    """Warnings of every library (and with -d midoshell's HTTP log) on `stream`, for this run
    only: a program running several commands in turn gets each one's log on its own stream."""
    import logging

    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root, ours = logging.getLogger(), logging.getLogger("midoshell")
    before = root.level, ours.level
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    if debug:
        ours.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(before[0])
        ours.setLevel(before[1])


def read_options(argv, env):
    """argparse's reading of the command line (with --help, usage errors and abbreviations),
    its text written to the environment's streams; the options, or an exit status."""
    from contextlib import redirect_stderr, redirect_stdout

    parser = build_parser()
    try:
        with redirect_stdout(env.stdout), redirect_stderr(env.stderr):
            args = parse_options(parser, argv)
            if args.words and not args.eval:
                parser.error("unrecognized arguments: " + " ".join(args.words) +
                             " (use -c or -e)")
    except SystemExit as done:  # --help, or a usage error already explained
        return done.code
    return args


def parse_options(parser, argv):
    """argparse's intermixed parsing (for `-e` words among options), which formats the
    whole usage text before it starts (a few ms of every one-liner), only when a line has
    words outside options; otherwise plain parsing gives the same result."""
    args, extra = parser.parse_known_args(argv)
    if extra or args.words:
        args = parser.parse_intermixed_args(argv)
    return args


def load_settings(flags, env):
    """Settings from every source (warnings printed), or the exit status of a bad one."""
    from midoshell import config

    try:
        settings = config.load(flags, environ=env.environ)
        if flags.get("columns") is not None:
            from midoshell.output.columns import check_columns

            settings.warnings += check_columns(flags["columns"], settings.output)
    except (config.ConfigError, ValueError) as error:
        env.say(str(error))
        return EXIT_USAGE
    for warning in settings.warnings:
        env.warn(warning)
    return settings


def run(args, settings, env):
    from midoshell.connect import Connection

    from midoshell import config

    interactive = not (args.commands or args.eval or args.file) and env.stdin_is_terminal
    if args.atomic and (interactive or args.keep_going):
        env.say("--atomic runs a script (-c, -f or piped) and stops at the first failing line "
                "(no --keep-going)")
        return EXIT_USAGE
    if args.dry_run and interactive:
        env.say("--dry-run plans a script: give -c, -e, -f or pipe the lines")
        return EXIT_USAGE
    try:
        with Connection(settings, interactive=interactive, stdin=env.stdin, stderr=env.stderr,
                        environ=env.environ,
                        ask_password=args.ask_password and not args.no_auth) as client:
            return run_session(args, settings, env, client, interactive)
    except MidoError as error:
        from midoshell.output.safe import visible  # messages may carry the server's text

        print("\n".join(visible(line) for line in error.lines()), file=env.stderr)
        return error.exit_status
    except config.ConfigError as error:
        env.say(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=env.stderr)
        return 130


def run_session(args, settings, env, client, interactive):
    from midoshell.session import Session

    if args.dry_run:
        from midoshell.dryrun import PlanningClient

        client = PlanningClient(client)
    if args.atomic and not args.dry_run:
        from midoshell.journal import JournalingClient

        client = JournalingClient(client)
    if args.rollback:
        from midoshell.atomic import rollback_command

        return rollback_command(client, args.rollback, stderr=env.stderr)
    session = Session(client, show_aliases=interactive or args.aliases, tenant=settings.tenant,
                      stderr=env.stderr)
    session.debug = args.debug
    session.may_exist, session.if_exists = args.may_exist, args.if_exists
    session.output = render_options(args, settings, interactive, env)
    return run_mode(args, settings, session, interactive, env)


def render_options(args, settings, interactive, env):
    from midoshell.output import RenderOptions, table_width

    return RenderOptions(format=settings.output or "text",
                         columns=args.columns.split(",") if args.columns else None,
                         headers=not args.no_headers, pretty=interactive,
                         width=lambda: table_width(env.stdout, env.environ),
                         terminal=env.stdout_is_terminal, stderr=env.stderr)


def print_version(settings, env):
    """midoshell's version, and the API's when one is configured and answers: from the root
    document cached by an earlier run when there is one (said so, with its date), so that
    --version needs neither requests nor a round trip."""
    print(f"midoshell {__version__}", file=env.stdout)
    if not settings.api_url:
        return EXIT_OK
    from midoshell import rootcache
    from midoshell.connect import split_credentials
    from midoshell.output.safe import visible  # the version is the server's text

    urls = split_credentials(settings.api_url)[0]  # a password in a URL is never shown
    first = urls.split(",")[0].strip().rstrip("/")
    cached = rootcache.load(first, with_date=True)
    if cached is not None:
        root, fetched = cached
        line = f"MidoNet API {root.get('version')} at {first} (cached {fetched})"
        print(visible(line), file=env.stdout)
        return EXIT_OK
    return print_api_version(settings, urls, first, env)


def print_api_version(settings, urls, first, env):
    """The API's version, asked of the API itself (a short deadline, no retry)."""
    from midoshell.client import Client
    from midoshell.connect import tls_verify
    from midoshell.output.safe import visible

    try:
        client = Client(urls, verify=tls_verify(settings, env.warn), match_cn=settings.match_cn,
                        timeout=min(settings.timeout, 5.0), retries=0, cache_root=True)
        line = f"MidoNet API {client.root().get('version')} at {client.url}"
        print(visible(line), file=env.stdout)
    except MidoError as error:
        env.say(visible(error.message))
    except AttributeError:
        print(f"MidoNet API at {first}: not a root document", file=env.stderr)
    return EXIT_OK


def run_mode(args, settings, session, interactive, env):
    from midoshell.runner import Runner, script_lines

    if interactive:
        from midoshell.interactive.shell import run_shell

        return run_shell(session, vi=args.vi or settings.vi, pager=not args.no_pager,
                         sandbox=not settings.api_url)
    if args.atomic and not args.dry_run:
        from midoshell.atomic import run_atomic

        return run_atomic(args, session, stdin=env.stdin, stdout=env.stdout, stderr=env.stderr)
    streams = {"stdout": env.stdout, "stderr": env.stderr, "keep_going": args.keep_going}
    if args.dry_run:
        from midoshell.dryrun import PlanRunner

        runner = PlanRunner(session, session.client, as_json=settings.output == "json",
                            **streams)
    else:
        runner = Runner(session, **streams)
    if args.commands:
        return runner.run_lines(args.commands, "-c")
    if args.eval:
        return runner.run_one(eval_line(args.words))[0]
    if args.file and args.file != "-":
        try:
            stream = open(args.file, "rb")
        except OSError as error:
            env.say(f"cannot read {args.file}: {error.strerror}")
            return EXIT_USAGE
        with stream:  # errors while running (a closed stdout) are not the file's
            return runner.run_lines(script_lines(stream), args.file)
    return runner.run_lines(script_lines(env.stdin.buffer), "<stdin>")


if __name__ == "__main__":
    cli()
