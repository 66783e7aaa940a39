"""Running lines without a prompt: one-liners, script files and pipes, with exit statuses."""

import sys
import traceback

from midoshell.errors import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, MidoError, MidoSyntaxError
from midoshell.output import render
from midoshell.results import Exit


class Runner:
    """Feeds lines to a session, prints results to stdout and errors to stderr."""

    def __init__(self, session, stdout=None, stderr=None, keep_going=False):
        self.session = session
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.keep_going = keep_going
        self.last_error = None  # what the last line failed with

    def run_one(self, line, where=None):
        """Run one line; returns (exit status, whether the user asked to exit)."""
        self.last_error = None
        try:
            result = self.session.run_line(line)
        except MidoError as error:
            self.last_error = error
            self.report(error, where)
            return error.exit_status, False
        except Exception as error:  # a bug of ours: say so plainly, keep the session alive
            if self.session.debug:
                traceback.print_exc(file=self.stderr)
            self.report(MidoError(f"internal error: {type(error).__name__}: {error} "
                                  f"(run with -d for details)"), where)
            return EXIT_FAILED, False
        for text in render(result, self.session.output):
            self.stdout.write(text + "\n")
        self.stdout.flush()
        return EXIT_OK, isinstance(result, Exit)

    def report(self, error, where=None):
        lines = error.lines()
        if where:
            lines[0] = f"{where}: {lines[0]}"
        self.stderr.write("\n".join(lines) + "\n")
        self.stderr.flush()

    def run_lines(self, lines, name):
        """A script: stop at the first failing line (exit with its status), or with
        keep_going run on and exit 1 if any line failed.  An unreachable API always stops,
        saying which lines ran; Ctrl-C stops too, saying where."""
        failed = False
        number = 0
        try:
            for number, line in enumerate(lines, 1):
                status, leave = self._script_line(line, f"{name}:{number}")
                if status == EXIT_UNREACHABLE:
                    if number > 1:  # say which lines ran (for line 1 the message says it all)
                        self._stopped(name, number, failed)
                    return status
                if status != EXIT_OK:
                    if not self.keep_going:
                        return status
                    failed = True
                if leave:
                    break
        except KeyboardInterrupt:
            self.stderr.write(f"{name}:{number}: interrupted\n")
            raise
        return EXIT_FAILED if failed else EXIT_OK

    def _script_line(self, line, where):
        if isinstance(line, MidoSyntaxError):  # an input line that could not be decoded
            self.report(line, where)
            return line.exit_status, False
        return self.run_one(line, where)

    def _stopped(self, name, number, failed):
        ran = f"lines 1-{number - 1} ran" + (" (some failed)" if failed else "")
        if getattr(self.last_error, "maybe_applied", False):  # its write was sent, unanswered
            rest = f"line {number} may have been applied; lines from {number + 1} on did not run"
        else:
            rest = f"lines from {number} on did not run"
        self.stderr.write(f"{name}: stopped at line {number}; {ran}; {rest}\n")
        self.stderr.flush()


def script_lines(stream):
    """Lines of a script read as bytes: CRLF endings accepted, bad UTF-8 reported per line."""
    for raw in stream:
        raw = raw.rstrip(b"\n").rstrip(b"\r")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            text = raw.decode("utf-8", errors="replace")
            yield MidoSyntaxError(f"invalid UTF-8 (byte {error.start + 1})", text, error.start + 1)
