"""IP address groups and their IPv4/IPv6 addresses (`/ip_addr_groups/{id}/ip_addrs`)."""

import ipaddress
import json
from urllib.parse import quote

from .. import deletes, media
from ..errors import ApiError
from ..validation import ipv6_text
from ..web import created, json_response, no_content
from .owned import Owned
from .toplevel import TopLevel

# Neither the groups nor their addresses are served as plain json.
GROUP = media.Types("IpAddrGroup-v1", json=False)
ADDRESS = media.Types("IpAddrGroupAddr-v1", json=False)
ALREADY_THERE = "IP address group already contains IP {}."
NOT_THERE = "The IP address group does not contain the specified address {}"  # sic: no period


def render_group(ctx, doc):
    uri = ctx.uri("ip_addr_groups", doc["id"])
    addresses = ctx.store.all("ip_addr", ipAddrGroupId=doc["id"])
    rules = [r["id"] for r in ctx.store.all("rule")
             if doc["id"] in (r.get("ipAddrGroupSrc"), r.get("ipAddrGroupDst"))]
    return {**doc, "ruleIds": rules,
            "ipAddrPorts": [{"ipAddress": a["addr"], "portIds": []} for a in addresses],
            "uri": uri, "addrs": uri + "/ip_addrs"}


def _read_group(ctx, body, group_id, current):
    doc = {"id": group_id, "name": body.string("name", required=True, size=(1, 255)),
           "inboundChainId": body.uuid("inboundChainId"),
           "outboundChainId": body.uuid("outboundChainId")}
    body.check()
    return doc


# No PUT on the server; a DELETE of a missing group answers 204.
GROUPS = TopLevel("ip_addr_group", "ip_addr_groups", GROUP, _read_group, render_group,
                  delete_checks_missing=False, updatable=False)


# ---- addresses ---------------------------------------------------------------------------

def _body_version(value):
    """The `version` type id of a posted address: 4 or 6, as a JSON number or string."""
    if value is None:
        raise ApiError(400, "Missing property 'version' that is to contain type id "
                            "(for class IpAddrGroupAddr)")
    if str(value) not in ("4", "6"):
        raise ApiError(400, f"Could not resolve type id '{value}' into a subtype of "
                            "IpAddrGroupAddr")
    return int(value)


def _path_version(text):
    if not text.lstrip("-").isdigit():
        raise ApiError(404, empty=True)  # an int path parameter that does not convert
    if text not in ("4", "6"):
        raise ApiError(400, f"Invalid IP version: {int(text)}")
    return int(text)


_V4_INVALID = "IPv4 string must be 4 numbers between 0 and 255 joined with 3 '.' but was {}"
_V6_INVALID = ("IPv6 string must be up to 8 16-bit numbers between 0 and 0xFFFF joined with "
               "up to 7 ':' but was {}")


def _parse(text):
    """(version, canonical text) of an address, whatever version it was posted as: the
    server tells the versions apart by a ':' and prints IPv6 as eight hex groups."""
    text = text if isinstance(text, str) else json.dumps(text)
    if ":" not in text:
        try:
            return 4, str(ipaddress.IPv4Address(text))
        except ValueError:
            raise ApiError(400, _V4_INVALID.format(text)) from None
    try:
        return 6, ipv6_text(text)
    except ValueError:
        raise ApiError(400, _V6_INVALID.format(text)) from None


def _key(group_id, version, addr):
    return f"{group_id}/{version}/{addr}"


def _address_uri(ctx, group_id, version, addr):
    # IPv6 colons are escaped in the URI (%3A), as the server's UriBuilder does.
    return ctx.uri("ip_addr_groups", group_id, "versions", version, "ip_addrs",
                   quote(addr, safe=""))


def render_address(ctx, doc):
    group_id = doc["ipAddrGroupId"]
    return {"version": doc["version"], "addr": doc["addr"], "ipAddrGroupId": group_id,
            "uri": _address_uri(ctx, group_id, doc["version"], doc["addr"]),
            "ipAddrGroup": ctx.uri("ip_addr_groups", group_id)}


ADDRESSES = Owned("ip_addr_group", "ip_addr", "ipAddrGroupId", render_address, ADDRESS.list,
                  generic=False, accept_first=True)


def add_address(ctx, parent_id):
    group_id = parent_id
    # The server discards bean validation here: only the address parse can fail.
    body = ctx.body(ADDRESS.item, generic=False)
    posted_version = _body_version(body.data.get("version"))
    given = body.data.get("addr")
    version, addr = _parse(given)
    ctx.load("ip_addr_group", group_id)
    key = _key(group_id, version, addr)
    doc = {"key": key, "ipAddrGroupId": group_id, "version": version, "addr": addr}
    if not ctx.store.insert("ip_addr", key, doc):
        raise ApiError(409, ALREADY_THERE.format(addr))
    # The Location is built from the address and version as posted, not as stored.
    return created(_address_uri(ctx, group_id, posted_version, given))


def get_address(ctx, group_id, version, addr):
    ctype = ctx.accept(ADDRESS.item, generic=False)
    _path_version(version)  # checked, but the address alone names the entry
    ctx.load("ip_addr_group", group_id)
    doc = ctx.store.get("ip_addr", _key(group_id, *_parse(addr)))
    if doc is None:
        raise ApiError(404, NOT_THERE.format(addr))
    return json_response(render_address(ctx, doc), ctype)


def remove_address(ctx, group_id, version, addr):
    _path_version(version)
    ctx.load("ip_addr_group", group_id)  # a missing group is the only 404
    deletes.delete(ctx.store, "ip_addr", _key(group_id, *_parse(addr)))
    return no_content()


ROUTES = GROUPS.routes() + [
    ("/ip_addr_groups/<parent_id>/ip_addrs", {**ADDRESSES.handlers(), "POST": add_address},
     {}),
    ("/ip_addr_groups/<group_id>/versions/<version>/ip_addrs/<addr>",
     {"GET": get_address, "DELETE": remove_address}, {}),
]
