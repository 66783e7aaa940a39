"""The midoshell-sandbox command: serve the sandbox in the foreground until SIGINT/SIGTERM."""

import argparse
import signal
import sqlite3
import sys
import threading

from .server import SandboxServer
from .store import StateFileError


def _parser():
    parser = argparse.ArgumentParser(
        prog="midoshell-sandbox",
        description="Serve a MidoNet v5 REST API sandbox (SQLite-backed) on loopback.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    parser.add_argument("--port", type=int, default=8181,
                        help="TCP port, 0 for any free one (default %(default)s)")
    parser.add_argument("--state", metavar="FILE",
                        help="SQLite file to keep objects in (default: in memory)")
    parser.add_argument("--hosts", type=_count, default=3,
                        help="number of seeded hosts (default %(default)s)")
    parser.add_argument("--auth", choices=("none", "password"), default="none",
                        help="'none' accepts everyone (MidoNet's mock auth); 'password' "
                             "needs --user and --password")
    parser.add_argument("--user", help="user name for --auth password")
    parser.add_argument("--password", help="password for --auth password")
    parser.add_argument("--cert", metavar="FILE",
                        help="serve HTTPS with this PEM certificate (chain)")
    parser.add_argument("--key", metavar="FILE",
                        help="PEM private key for --cert (default: read from the --cert file)")
    parser.add_argument("--log-requests", action="store_true",
                        help="log each request to stderr")
    parser.add_argument("--admin", action="store_true",
                        help="also serve PUT /_sandbox/state/KIND/ID to change agent-reported "
                             "state (host alive, port active, container status); for tests")
    return parser


def _count(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if args.auth == "password" and not (args.user and args.password):
        parser.error("--auth password needs --user and --password")
    if args.key and not args.cert:
        parser.error("--key needs --cert")
    stop = threading.Event()
    # Handlers go in before the server starts so an early SIGTERM still exits cleanly.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        server = SandboxServer(args.host, args.port, args.state, args.hosts, args.auth,
                               args.user, args.password, log_requests=args.log_requests,
                               poll_interval=0.5, certfile=args.cert, keyfile=args.key,
                               admin=args.admin)
    except (OSError, sqlite3.Error, StateFileError) as exc:
        print(f"midoshell-sandbox: cannot start: {exc}", file=sys.stderr)
        return 1
    print(f"midoshell-sandbox: serving {server.url}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0
