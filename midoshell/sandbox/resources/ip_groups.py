"""IP address groups and their IPv4/IPv6 addresses (`/ip_addr_groups/{id}/ip_addrs`)."""

import ipaddress
from urllib.parse import quote

from .. import media
from ..errors import ApiError
from ..web import created, json_response, no_content
from .toplevel import TopLevel

# Neither the groups nor their addresses are served as plain json.
GROUP = media.Types("IpAddrGroup-v1", json=False)
ADDRESS = media.Types("IpAddrGroupAddr-v1", json=False)
ALREADY_THERE = "IP address group already contains IP {}."
NOT_THERE = "The IP address group does not contain the specified address {}."
_PARSERS = {4: ipaddress.IPv4Address, 6: ipaddress.IPv6Address}


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


def _drop_addresses(ctx, doc):
    for address in ctx.store.all("ip_addr", ipAddrGroupId=doc["id"]):
        ctx.store.delete("ip_addr", address["key"])


# No PUT on the server; a DELETE of a missing group answers 204.
GROUPS = TopLevel("ip_addr_group", "ip_addr_groups", GROUP, _read_group, render_group,
                  cascade=_drop_addresses, delete_checks_missing=False, updatable=False)


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
    if text not in ("4", "6"):
        raise ApiError(400, f"Invalid IP version: {text}")
    return int(text)


def _parse(version, text):
    """The address in its canonical text form; 400 when it is not an IPv<version> address."""
    try:
        if not isinstance(text, str):
            raise ValueError(text)  # the parser wants text; numbers are no addresses
        return str(_PARSERS[version](text))
    except ValueError:
        raise ApiError(400, f"{text} is not a valid IPv{version} address") from None


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


def list_addresses(ctx, group_id):
    ctype = ctx.accept(ADDRESS.list, generic=False)
    ctx.load("ip_addr_group", group_id)
    docs = ctx.store.all("ip_addr", ipAddrGroupId=group_id)
    return json_response([render_address(ctx, doc) for doc in docs], ctype)


def add_address(ctx, group_id):
    # The server discards bean validation here: only the address parse can fail.
    body = ctx.body(ADDRESS.item, generic=False)
    version = _body_version(body.data.get("version"))
    given = body.data.get("addr")
    addr = _parse(version, given)
    ctx.load("ip_addr_group", group_id)
    key = _key(group_id, version, addr)
    doc = {"key": key, "ipAddrGroupId": group_id, "version": version, "addr": addr}
    if not ctx.store.insert("ip_addr", key, doc):
        raise ApiError(409, ALREADY_THERE.format(given))
    return created(_address_uri(ctx, group_id, version, addr))


def get_address(ctx, group_id, version, addr):
    ctype = ctx.accept(ADDRESS.item, generic=False)
    version = _path_version(version)
    ctx.load("ip_addr_group", group_id)
    doc = ctx.store.get("ip_addr", _key(group_id, version, _parse(version, addr)))
    if doc is None:
        raise ApiError(404, NOT_THERE.format(addr))
    return json_response(render_address(ctx, doc), ctype)


def remove_address(ctx, group_id, version, addr):
    version = _path_version(version)
    ctx.load("ip_addr_group", group_id)  # a missing group is the only 404
    ctx.store.delete("ip_addr", _key(group_id, version, _parse(version, addr)))
    return no_content()


ROUTES = GROUPS.routes() + [
    ("/ip_addr_groups/<group_id>/ip_addrs", {"GET": list_addresses, "POST": add_address}, {}),
    ("/ip_addr_groups/<group_id>/versions/<version>/ip_addrs/<addr>",
     {"GET": get_address, "DELETE": remove_address}, {}),
]
