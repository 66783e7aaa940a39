"""midoshell's sandbox: a MidoNet v5 REST API server on loopback, backed by SQLite."""

# Nothing here may import the rest of midoshell: the sandbox stands in for a real MidoNet
# server, so the shell's tests must not end up testing a copy of the shell's assumptions.
from .server import SandboxServer, start

__all__ = ["SandboxServer", "start"]
