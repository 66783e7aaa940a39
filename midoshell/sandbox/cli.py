"""The midoshell-sandbox command: serve the sandbox in the foreground until SIGINT/SIGTERM."""

import argparse
import os
import signal
import sqlite3
import sys

from .seed import MAX_HOSTS
from .server import SandboxServer
from .store import StateFileError


PASSWORD_VARIABLE = "MIDOSHELL_SANDBOX_PASSWORD"


def _parser():
    parser = argparse.ArgumentParser(
        prog="midoshell-sandbox",
        description="Serve a MidoNet v5 REST API sandbox (SQLite-backed) on loopback.",
        epilog=f"The password for --auth password comes from --password, else "
               f"--password-file, else the environment variable {PASSWORD_VARIABLE}.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    parser.add_argument("--port", type=int, default=8181,
                        help="TCP port, 0 for any free one (default %(default)s)")
    parser.add_argument("--state", metavar="FILE",
                        help="SQLite file to keep objects in (default: in memory)")
    parser.add_argument("--hosts", type=_count, default=3,
                        help=f"number of seeded hosts, 0 to {MAX_HOSTS} (default %(default)s)")
    parser.add_argument("--auth", choices=("none", "password"), default="none",
                        help="'none' accepts everyone (MidoNet's mock auth); 'password' "
                             "needs --user and a password")
    parser.add_argument("--user", help="user name for --auth password")
    parser.add_argument("--password",
                        help="password for --auth password; other users can read it in "
                             "`ps`: prefer --password-file or $" + PASSWORD_VARIABLE)
    parser.add_argument("--password-file", metavar="FILE",
                        help="read the password for --auth password from the first line "
                             "of FILE")
    parser.add_argument("--cert", metavar="FILE",
                        help="serve HTTPS with this PEM certificate (chain)")
    parser.add_argument("--key", metavar="FILE",
                        help="PEM private key for --cert (default: read from the --cert file)")
    parser.add_argument("--packstack", dest="preset", action="store_const", const="packstack",
                        help="start with what the OpenStack Packstack all-in-one guide "
                             "assumes Neutron made: the 'MidoNet Provider Router', the "
                             "ext-net bridge (200.200.200.0/24) and, on the first host, the "
                             "veth0/veth1/uplinkbridge interfaces of its fake uplink")
    parser.add_argument("--cors", metavar="ORIGIN", action="append", default=[],
                        help="let web pages from ORIGIN (e.g. http://localhost:3000; '*' for "
                             "any) use the API; repeatable; default: no CORS headers")
    parser.add_argument("--allow-host", metavar="NAME", action="append", default=[],
                        help="also answer requests whose Host is NAME (a DNS name of this "
                             "machine); repeatable; others are refused (421) against DNS "
                             "rebinding")
    parser.add_argument("--log-requests", action="store_true",
                        help="log each request to stderr")
    parser.add_argument("--admin", action="store_true",
                        help="also serve PUT /_sandbox/state/KIND/ID to change agent-reported "
                             "state (host alive, port active, container status); for tests")
    return parser


def _count(text):
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not 0 <= value <= MAX_HOSTS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to "
                                         f"{MAX_HOSTS}")
    return value


def _password_from(parser, path):
    """The password in the first line of `path`, else in the environment, else None."""
    if path is None:
        return os.environ.get(PASSWORD_VARIABLE) or None
    try:
        with open(path, encoding="utf-8") as file:
            line = file.readline()
    except (OSError, UnicodeDecodeError) as exc:
        parser.error(f"cannot read --password-file {path}: {getattr(exc, 'strerror', exc)}")
    password = line.rstrip("\r\n")
    if not password:
        parser.error(f"--password-file {path}: the first line is empty")
    return password


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if args.password is None:
        args.password = _password_from(parser, args.password_file)
    if args.auth == "password" and not (args.user and args.password):
        parser.error(f"--auth password needs --user and a password (--password, "
                     f"--password-file or ${PASSWORD_VARIABLE})")
    if args.key and not args.cert:
        parser.error("--key needs --cert")
    # Handlers go in before the store is opened: a SIGTERM while hosts are seeded or the
    # state file is checked stops that work at once (the seeding transaction rolls back).
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    server = None
    try:
        server = SandboxServer(args.host, args.port, args.state, args.hosts, args.auth,
                               args.user, args.password, log_requests=args.log_requests,
                               poll_interval=0.5, certfile=args.cert, keyfile=args.key,
                               cors=args.cors, preset=args.preset,
                               allow_hosts=args.allow_host, admin=args.admin)
        print(f"midoshell-sandbox: serving {server.url}", flush=True)
        while True:
            signal.pause()
    except _Stopped:
        return 0
    except (OSError, sqlite3.Error, StateFileError) as exc:
        print(f"midoshell-sandbox: cannot start: {exc}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.stop()


class _Stopped(BaseException):
    """SIGINT or SIGTERM: stop whatever the main thread is doing, serving or starting."""


def _stop(signum, frame):
    # A second signal while stopping takes the default action (ends the process at once).
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_DFL)
    raise _Stopped
