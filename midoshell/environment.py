"""What a run of midoshell gets from the world it runs in: its streams, its environment
variables and whether a person is at a terminal.  `main()` takes one, so that the command can
run inside another program (the tests run most command lines in-process this way) exactly as
it runs from a shell."""

import io
import os
import sys


class Environment:
    """A plain class, not a dataclass: importing dataclasses costs a one-liner ~3 ms."""

    def __init__(self, stdin, stdout, stderr, environ, stdin_is_terminal=False,
                 stdout_is_terminal=False):
        self.stdin = stdin  # a text stream with a binary .buffer (scripts are read as bytes)
        self.stdout, self.stderr = stdout, stderr
        self.environ = environ
        self.stdin_is_terminal = stdin_is_terminal
        self.stdout_is_terminal = stdout_is_terminal

    @classmethod
    def of_process(cls):
        """This process's own streams and environment."""
        return cls(sys.stdin, sys.stdout, sys.stderr, os.environ,
                   stdin_is_terminal=_is_terminal(sys.stdin),
                   stdout_is_terminal=_is_terminal(sys.stdout))

    @classmethod
    def captured(cls, environ, stdin=b""):
        """Streams in memory (stdout and stderr read back with .getvalue()), no terminal."""
        if isinstance(stdin, str):
            stdin = stdin.encode()
        return cls(io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"), io.StringIO(),
                   io.StringIO(), dict(environ))

    def warn(self, message):
        print(f"midoshell: warning: {message}", file=self.stderr)

    def say(self, message):
        """A message of midoshell's own on stderr."""
        print(f"midoshell: {message}", file=self.stderr)


def _is_terminal(stream):
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
