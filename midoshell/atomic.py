"""`--atomic` runs and `--rollback`: a script that fails leaves the API as it found it."""

import sys
from pathlib import Path

from midoshell.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from midoshell.journal import Journal, latest_journal, refuse_undoable, rollback
from midoshell.runner import Runner, script_lines


def _lines(args, stdin):
    """The whole script, read before anything runs (so undoable lines are refused first)."""
    if args.commands:
        return list(args.commands), "-c"
    if args.eval:
        from midoshell.main import eval_line

        return [eval_line(args.words)], "-e"
    if args.file and args.file != "-":
        with open(args.file, "rb") as stream:
            return list(script_lines(stream)), args.file
    return list(script_lines(stdin.buffer)), "<stdin>"


def run_atomic(args, session, stdin=None, stdout=None, stderr=None):
    stderr = stderr or sys.stderr
    try:
        lines, name = _lines(args, stdin or sys.stdin)
    except OSError as error:
        print(f"midoshell: cannot read {args.file}: {error.strerror}", file=stderr)
        return EXIT_USAGE
    refused = refuse_undoable(lines, name)
    if refused:
        print(f"{refused[0]}: {refused[1]}; nothing was run", file=stderr)
        return EXIT_USAGE
    client = session.client
    status = Runner(session, stdout=stdout, stderr=stderr).run_lines(lines, name)
    if not client.started:
        return status
    if status == EXIT_OK:
        client.journal.remove()
        return EXIT_OK
    undone, failed = rollback(client.client, client.journal,
                              lambda message: print(f"midoshell: {message}", file=stderr))
    if failed:
        print(f"midoshell: {name}: the run failed; rolled back {undone} of {undone + failed} "
              f"changes; the journal {client.journal.path} is kept", file=stderr)
    else:
        print(f"midoshell: {name}: the run failed; rolled back {undone} "
              f"change{'s' if undone != 1 else ''}", file=stderr)
        client.journal.remove()
    return EXIT_FAILED


def rollback_command(client, which, stderr=None):
    """`--rollback [JOURNAL]`: undo an unfinished run; nothing left to undo is no error."""
    stderr = stderr or sys.stderr
    journal = latest_journal() if which == "latest" else Journal(Path(which))
    if journal is None or not journal.path.exists():
        print("midoshell: no unfinished --atomic run to roll back"
              + ("" if which == "latest" else f" ({which} does not exist)"), file=stderr)
        return EXIT_OK if which == "latest" else EXIT_USAGE
    undone, failed = rollback(client, journal,
                              lambda message: print(f"midoshell: {message}", file=stderr))
    print(f"midoshell: rolled back {undone} change{'s' if undone != 1 else ''} "
          f"from {journal.path}" + (f"; {failed} could not be undone" if failed else ""),
          file=stderr)
    if failed:
        return EXIT_FAILED
    journal.remove()
    return EXIT_OK
