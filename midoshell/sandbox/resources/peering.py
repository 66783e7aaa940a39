"""The peering table of a router port (`/routers/{r}/ports/{p}/peering_table`): IP-MAC pairs."""

import re

from .. import deletes, media
from ..errors import ApiError
from ..validation import IPV4_PATTERN, is_ipv4
from ..web import created, json_response, no_content
from ..conditions import MAC_INVALID

ENTRY = media.vnd("MacIp-v1")
# The server declares the list with the item media type (there is no collection type).
LIST_TYPES = [ENTRY, media.JSON]
POST_TYPES = [ENTRY]  # posting plain json is refused (415)
URI_MAC_INVALID = ("MAC address must consist of six pairs of hex digits separated by "
                   "hyphens, e.g., 12-34-56-78-9a-bc.")
NO_ENTRY = "The peering table of port {} has no entry {}."
_MAC = re.compile(r"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")
_URI_MAC = re.compile(r"^([0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}$")


def _entry_name(ip, mac):
    """The URI form of an entry: `10.0.0.9_aa-bb-cc-dd-ee-ff`."""
    return f"{ip}_{mac.replace(':', '-')}"


def _key(port_id, name):
    return f"{port_id}/{name}"


def _load_port(ctx, router_id, port_id):
    """The router port the table belongs to: both must exist, and belong together."""
    ctx.load("router", router_id)
    port = ctx.load("port", port_id)
    if port["deviceId"] != router_id:
        raise ApiError(404, f"There is no Port with ID {port_id}.")
    return port


def render_entry(ctx, doc):
    return {"ip": doc["ip"], "mac": doc["mac"],
            "uri": ctx.uri("routers", doc["routerId"], "ports", doc["portId"],
                           "peering_table", _entry_name(doc["ip"], doc["mac"]))}


def list_entries(ctx, router_id, port_id):
    ctype = ctx.accept(LIST_TYPES, generic=False)
    _load_port(ctx, router_id, port_id)
    docs = ctx.store.all("peering_entry", portId=port_id)
    return json_response([render_entry(ctx, doc) for doc in docs], ctype)


def add_entry(ctx, router_id, port_id):
    body = ctx.body(POST_TYPES, generic=False)
    ip = body.ipv4("ip", required=True, message=IPV4_PATTERN)
    mac = body.string("mac", required=True)
    if mac is not None and not _MAC.match(mac):
        body.violation("mac", MAC_INVALID)
    body.check()
    _load_port(ctx, router_id, port_id)
    mac = mac.lower()
    doc = {"routerId": router_id, "portId": port_id, "ip": ip, "mac": mac}
    # Posting an entry that is already there leaves the table as it is.
    ctx.store.insert("peering_entry", _key(port_id, _entry_name(ip, mac)), doc)
    return created(render_entry(ctx, doc)["uri"])


def _parse_name(name):
    """(ip, mac) from `10.0.0.9_aa-bb-cc-dd-ee-ff`; 400 for a malformed key."""
    ip, _, uri_mac = name.partition("_")
    if not _URI_MAC.match(uri_mac):
        raise ApiError(400, URI_MAC_INVALID)
    if not is_ipv4(ip):
        raise ApiError(400, f"{ip} is not a valid IPv4 address")
    return ip, uri_mac.lower().replace("-", ":")


def get_entry(ctx, router_id, port_id, name):
    ctype = ctx.accept(LIST_TYPES, generic=False)
    ip, mac = _parse_name(name)
    _load_port(ctx, router_id, port_id)
    doc = ctx.store.get("peering_entry", _key(port_id, _entry_name(ip, mac)))
    if doc is None:
        raise ApiError(404, NO_ENTRY.format(port_id, name))
    return json_response(render_entry(ctx, doc), ctype)


def delete_entry(ctx, router_id, port_id, name):
    ip, mac = _parse_name(name)
    _load_port(ctx, router_id, port_id)
    # 204 whether or not the entry was there
    deletes.delete(ctx.store, "peering_entry", _key(port_id, _entry_name(ip, mac)))
    return no_content()


_TABLE = "/routers/<router_id>/ports/<port_id>/peering_table"

ROUTES = [
    (_TABLE, {"GET": list_entries, "POST": add_entry}, {}),
    (_TABLE + "/<name>", {"GET": get_entry, "DELETE": delete_entry}, {}),
]
