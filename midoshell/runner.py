"""Running lines without a prompt: one-liners, script files and pipes, with exit statuses."""

import contextlib
import gc
import sys
import traceback

from midoshell.errors import (EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE, MidoError,
                             MidoSyntaxError)
from midoshell.output import Part, pieces
from midoshell.output.safe import visible
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
        with collector_paused():
            done = self._run_one(line, where)
        self.session.after_output()
        return done

    def _run_one(self, line, where):
        self.last_error = None
        try:
            result = self.session.run_line(line)
        except MidoError as error:
            self.last_error = error
            self.report(error, where)
            return error.exit_status, False
        except Exception as error:  # a bug of ours: say so plainly, keep the session alive
            return self.internal_error(error, where), False
        try:
            self.print(result)
        except OSError:
            raise  # a closed stdout (`| head`): main exits quietly
        except MidoError as error:  # a listing's answer broke off while it was printed
            self.last_error = error
            self.report(error, where)
            return error.exit_status, False
        except Exception as error:
            return self.internal_error(error, where), False
        return EXIT_OK, isinstance(result, Exit)

    def print(self, result):
        """Write a result as it is rendered, in blocks of lines (a long listing's first
        lines go out while the rest of it arrives)."""
        block, size, write = [], 0, self.stdout.write
        try:
            for piece in pieces(result, self.session.output):
                block.append(piece if type(piece) is Part else piece + "\n")
                size += len(piece)
                if size >= BLOCK:  # a piece may hold many objects (json's batches)
                    write("".join(block))
                    self.stdout.flush()
                    block, size = [], 0
        finally:  # what came before an answer broke off is printed, then the error
            write("".join(block))
            self.stdout.flush()

    def internal_error(self, error, where):
        if self.session.debug:
            traceback.print_exc(file=self.stderr)
        self.report(MidoError(f"internal error: {type(error).__name__}: {error} "
                              f"(run with -d for details)"), where)
        return EXIT_FAILED

    def report(self, error, where=None):
        # Messages quote the server and the input: neither may drive the terminal or
        # forge a line (a newline in a server's message stays on its line as \n).
        lines = list(error.lines())
        if where:
            lines[0] = f"{where}: {lines[0]}"
        self.stderr.write("\n".join(visible(line) for line in lines) + "\n")
        self.stderr.flush()

    def run_lines(self, lines, name):
        """A script: stop at the first failing line (exit with its status), or with
        keep_going run on and exit 1 if any line failed.  An unreachable API always stops,
        saying which lines ran; Ctrl-C stops too, saying where."""
        failed = False
        number = 0
        known = len(lines) if isinstance(lines, (list, tuple)) else None  # -c's lines
        try:
            for number, line in enumerate(lines, 1):
                self.session.final_line = number == known
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
        finally:
            self.session.final_line = False
        return EXIT_FAILED if failed else EXIT_OK

    def _script_line(self, line, where):
        if isinstance(line, MidoError):  # an input line that could not be read or decoded
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


BLOCK = 1 << 16  # characters written at once


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector paused while a line runs: a listing makes tens of thousands
    of objects that live on (no cycles among them), and the collector would walk all of
    them again and again as they are made, a fifth of the time of a large `list`.
    Reference counting frees what the line no longer needs as before; cycles wait for the
    collector's next pass after the line."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


MAX_LINE = 1 << 20  # bytes: no command is this long; a stream without line breaks is not a script
_BOM = "\ufeff"


class InputError(MidoError):
    """A script that cannot be read as lines of text (a line without end, …)."""

    exit_status = EXIT_USAGE


def script_lines(stream, limit=MAX_LINE):
    """Lines of a script read as bytes: CRLF endings accepted, a UTF-8 byte order mark at the
    start ignored, bad UTF-8 reported per line.  A line longer than `limit` ends the script
    (reading on would mean holding a stream such as /dev/zero in memory)."""
    for number, raw in enumerate(iter(lambda: stream.readline(limit + 1), b""), 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            yield InputError(f"line longer than {limit:,} bytes; the rest of the input "
                             f"is not read")
            return
        if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield InputError("the input is UTF-16 (it starts with a UTF-16 byte order mark); "
                             "midoshell reads UTF-8: convert it, e.g. with iconv -f UTF-16 -t UTF-8")
            return
        raw = raw.rstrip(b"\n").rstrip(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            text = raw.decode("utf-8", errors="replace")
            yield MidoSyntaxError(f"invalid UTF-8 (byte {error.start + 1})", text, error.start + 1)
            continue
        yield text[1:] if number == 1 and text.startswith(_BOM) else text
