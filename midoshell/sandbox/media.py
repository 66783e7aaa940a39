"""MidoNet media types and the two ways the real server checks Accept and Content-Type."""

from .errors import ApiError

JSON = "application/json"
_PREFIX = "application/vnd.org.midonet."


def vnd(name):
    """Full vendor media type for a short name such as `Router-v3`."""
    return f"{_PREFIX}{name}+json"


def coll(name):
    """Vendor collection media type for a short name such as `Router-v3`."""
    return vnd(f"collection.{name}")


ERROR = vnd("Error-v1")
TOKEN = vnd("Token-v1")
APPLICATION = vnd("Application-v5")


class Types:
    """The media types one resource accepts: item and collection forms, with or without json."""

    def __init__(self, *names, json=True):
        self.item = [vnd(n) for n in names] + ([JSON] if json else [])
        self.list = [coll(n) for n in names] + ([JSON] if json else [])


ROUTER = Types("Router-v3")
BRIDGE = Types("Bridge-v4", "Bridge-v5")
PORT = Types("Port-v3", "Port-v4")
PORT_LINK = Types("PortLink-v1")
ROUTE = Types("Route-v1")
CHAIN = Types("Chain-v1")
RULE = Types("Rule-v2")
HOST = Types("Host-v3")
INTERFACE = Types("Interface-v1")
BINDING = Types("HostInterfacePort-v1")
TUNNEL_ZONE = Types("TunnelZone-v1")
TZ_MEMBER = Types("TunnelZoneHost-v1", "GreTunnelZoneHost-v1", json=False)
TENANT = Types("Tenant-v2", json=False)
SYSTEM_STATE = Types("SystemState-v2")


def _parse(text):
    """(type, subtype) in lower case, parameters dropped; None if it is not a media type."""
    main = text.split(";", 1)[0].strip().lower()
    kind, _, sub = main.partition("/")
    return (kind, sub) if kind and sub else None


def _compatible(wanted, offered):
    if wanted[0] == "*":
        return True
    return wanted[0] == offered[0] and wanted[1] in ("*", offered[1])


def negotiate(header, allowed, generic=True):
    """Content-Type to answer a GET with, given its Accept header; raises 406 on mismatch.

    Generic handlers (the server's shared CRUD code) refuse a missing Accept; JAX-RS
    endpoints treat a missing Accept as */*. Wildcards get plain json from generic
    handlers and the first declared type from JAX-RS ones, as Jersey would pick.
    """
    if not header or not header.strip():
        if generic:
            raise ApiError(406, empty=True)
        header = "*/*"
    for entry in header.split(","):
        wanted = _parse(entry)
        if wanted is None:
            continue
        for offered in allowed:
            if _compatible(wanted, _parse(offered)):
                if "*" in wanted:
                    return JSON if generic and JSON in allowed else allowed[0]
                return offered
    raise ApiError(406, empty=True)


def check_body_type(header, allowed, generic=True):
    """Check a POST/PUT Content-Type: 415 if it is not JSON at all, else 406 (generic) or 415."""
    parsed = _parse(header or "")
    if parsed is None:
        raise ApiError(415, empty=True)
    sub = parsed[1]
    if not (sub == "json" or sub.endswith("+json") or sub == "*"):
        raise ApiError(415, empty=True)
    if not any(_compatible(parsed, _parse(offered)) for offered in allowed):
        raise ApiError(406 if generic else 415, empty=True)
