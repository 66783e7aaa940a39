"""The errors midoshell reports, each with the exit status it leads to."""

import re

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3


class MidoError(Exception):
    """A failure to report to the user: a message, never a traceback."""

    exit_status = EXIT_FAILED

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def lines(self):
        return [self.message]


class ValueSyntaxError(MidoError):
    """A typed value does not have the form its field needs (raised without a position)."""

    exit_status = EXIT_USAGE


class MidoSyntaxError(MidoError):
    """A line that cannot mean anything: where it goes wrong and what was expected there.

    Nothing has been sent to the server when this is raised.
    """

    exit_status = EXIT_USAGE

    def __init__(self, message, line, column, label="syntax error"):
        super().__init__(message)
        self.line = line
        self.column = column  # 1-based, as editors count
        self.label = label

    def lines(self):
        """The message, the line and a caret under the column; secret values masked, since
        these lines go to stderr and logs, and control characters escaped (the line as the
        terminal shows it)."""
        from midoshell.output.safe import visible
        from midoshell.masking import mask_error_line

        line, column, message = mask_error_line(self.line, self.column, self.message)
        line, column = window(visible(line), len(visible(line[:column - 1])) + 1)
        message = _LONG_WORD.sub(lambda m: m.group()[:60] + "…", visible(message))
        caret = " " * (column - 1) + "^"
        return [f"{self.label}: {message}", f"  {line}", f"  {caret}"]


_LONG_WORD = re.compile(r"\S{81,}")
SHOWN = 160  # characters of a long line echoed around the caret


def window(line, column):
    """A long line cut to the part around the caret, with `…` where text was left out."""
    if len(line) <= SHOWN:
        return line, column
    start = max(0, min(column - 1 - SHOWN // 2, len(line) - SHOWN))
    part = line[start:start + SHOWN]
    head, tail = ("…" if start else ""), ("…" if start + SHOWN < len(line) else "")
    return head + part + tail, column - start + len(head)


class ResolveError(MidoError):
    """An alias, UUID or filter that names no object on the server."""


class UsageError(MidoError):
    """A command that is well formed but asks for something impossible (read-only field, …)."""

    exit_status = EXIT_USAGE


class ApiError(MidoError):
    """A non-2xx answer of the MidoNet API."""

    def __init__(self, status, message, violations=(), method="", url=""):
        self.status = status
        self.violations = list(violations) if isinstance(violations, (list, tuple)) \
            else [violations]  # what the server sent, whatever its shape
        self.method, self.url = method, url
        text = f"API error {status}: {message}" if message else f"API error {status}"
        super().__init__(text)

    def lines(self):
        out = [self.message]
        for violation in self.violations:  # the server's JSON: any shape may come
            if not isinstance(violation, dict):
                out.append(f"  {violation}")
                continue
            prop = violation.get("property") or "(object)"
            out.append(f"  {prop}: {violation.get('message')}")
        return out


class ConnectError(MidoError):
    """The API cannot be reached, or refuses our credentials.

    maybe_applied: a write was sent and no answer came back, so the server may have done it.
    """

    exit_status = EXIT_UNREACHABLE

    def __init__(self, message, maybe_applied=False):
        super().__init__(message)
        self.maybe_applied = maybe_applied


class LoginRefused(ConnectError):
    """The API refused the user name and password (a new password may be asked for)."""
