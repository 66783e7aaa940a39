"""What a web browser may do with the sandbox: Host checks against DNS rebinding, and CORS
only for the origins the operator names.

A page the operator opens elsewhere can make the browser send requests to the loopback
sandbox: with a wildcard CORS header it could read and change it, and through DNS rebinding
(its own name resolving to 127.0.0.1) it could even do so as the same origin.  So no CORS
header is sent unless asked for, and a request whose Host is not a name of the address
served is refused before anything else happens.
"""

import ipaddress
import socket

from .errors import ApiError

_METHODS = "GET, POST, PUT, DELETE, OPTIONS"
_HEADERS = "Origin, X-Auth-Token, X-Auth-Project, Content-Type, Accept, Authorization"
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_WILDCARDS = ("", "0.0.0.0", "::")


def _ip(name):
    """The IP address a Host name is written as (`[::1]` for IPv6), or None."""
    try:
        return ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
    except ValueError:
        return None


def _host_name(address):
    """How a bind address appears in a Host header: IPv6 in brackets, lower case."""
    address = address.lower().rstrip(".")
    return f"[{address}]" if ":" in address and not address.startswith("[") else address


class HostCheck:
    """Which Host headers name the address served: host and port must both match."""

    def __init__(self, bind_host, port, scheme="http", extra_names=()):
        self.port = port
        self.default_port = 443 if scheme == "https" else 80
        self.any_ip = bind_host in _WILDCARDS
        names = {_host_name(bind_host)}
        bound = _ip(_host_name(bind_host))
        if self.any_ip or (bound is not None and bound.is_loopback) or \
                _host_name(bind_host) == "localhost":
            names |= _LOOPBACK_NAMES
        if self.any_ip:  # served on every interface: the machine's own names too
            names |= {_host_name(socket.gethostname()), _host_name(socket.getfqdn())}
        names |= {_host_name(name) for name in extra_names}  # --allow-host
        self.names = frozenset(names)

    def allows(self, header):
        """Whether a Host header value names this server (no header at all is allowed:
        links are then made from the address served)."""
        if header is None:
            return True
        name, port = _split(header.strip())
        if name is None or (self.default_port if port is None else port) != self.port:
            return False
        name = name.lower().rstrip(".")
        if name in self.names:
            return True
        return self.any_ip and _ip(name) is not None

    def check(self, environ):
        """Raise 421 for a Host that does not name this server."""
        header = environ.get("HTTP_HOST")
        if not self.allows(header):
            shown = header if len(header) <= 80 else header[:80] + "…"
            raise ApiError(421, f"Host {shown!r} does not name this sandbox; it answers "
                                f"only to its own address (port {self.port})")


def _split(value):
    """(name, port or None) of a Host header value; (None, None) if it is malformed."""
    if value.startswith("["):
        name, bracket, rest = value.partition("]")
        name += bracket
        if not bracket or (rest and not rest.startswith(":")):
            return None, None
        port = rest[1:] if rest else None
    else:
        name, colon, port = value.partition(":")
        port = port if colon else None
    if not name or any(c in name for c in " \t,/@\\?#"):
        return None, None
    if port is not None:
        if not port.isascii() or not port.isdigit() or len(port) > 5:
            return None, None
        port = int(port)
    return name, port


class Cors:
    """CORS headers for the origins given with --cors ("*" for any); none by default."""

    def __init__(self, origins=()):
        self.origins = frozenset(o.rstrip("/") for o in origins)

    def headers(self, request_origin, preflight):
        """The CORS headers to add to an answer to a request from `request_origin`."""
        if not self.origins or not request_origin:
            return {}
        if "*" in self.origins:
            allowed = "*"
        elif request_origin in self.origins:
            allowed = request_origin
        else:
            return {}
        headers = {"Access-Control-Allow-Origin": allowed,
                   "Access-Control-Allow-Methods": _METHODS,
                   "Access-Control-Expose-Headers": "Location"}
        if allowed != "*":
            headers["Vary"] = "Origin"
        if preflight:
            headers["Access-Control-Allow-Headers"] = _HEADERS
        return headers
