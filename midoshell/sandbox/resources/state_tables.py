"""A bridge's MAC table (per VLAN) and ARP table: state tables with static entries.

On the server these are state tables, not topology objects: their endpoints never look the
bridge up as an object, and a table that does not exist reads as "Resource not found". A
bridge has a MAC table for VLAN 0 and for each VLAN its ports or entries use.
"""

import re
import uuid

from .. import deletes, media
from ..conditions import MAC_INVALID
from ..errors import ApiError
from ..validation import IPV4_PATTERN, NOT_NULL, is_ipv4
from ..web import created, json_response, no_content

MAC_PORT = media.Types("MacPort-v2")
ARP = media.Types("IP4Mac-v1")
ARP_POST = [media.vnd("IP4Mac-v1")]  # the ARP table consumes only its own type

_MAC = re.compile(r"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")
MAC_PATTERN = 'must match "^((([0-9]|[a-f]|[A-F]){2}):){5}([0-9]|[a-f]|[A-F]){2}$"'
URI_MAC_INVALID = ("MAC address must consist of six pairs of hex digits separated by "
                   "hyphens, e.g., 12-34-56-78-9a-bc.")
NO_VLAN = "The specified bridge has no ports assigned to VLAN {}."
NO_MAC_PORT = "The specified bridge does not have the specified MAC-port mapping."
NO_ARP_ENTRY = "The specified bridge does not have the specified ARP table entry."
PORT_NOT_ON_BRIDGE = "The port must belong to the bridge that owns the MAC table."
PORT_VLAN = "The specified port handles traffic only for VLAN {}."
IP_INVALID = "is not a valid IP address"


def _table_of(ctx, bridge_id):
    """The bridge whose table this is; a missing one has no table (legacy 404)."""
    bridge = ctx.store.get("bridge", bridge_id)
    if bridge is None:
        raise ApiError(404, "Resource not found")
    return bridge


def _vlan(text):
    """A VLAN from the path: a Java short, else the path does not match (bodiless 404)."""
    if text is None:
        return 0
    if not re.fullmatch(r"-?\d+", text) or not -32768 <= int(text) <= 32767:
        raise ApiError(404, empty=True)
    return int(text)


def _vlans(store, bridge_id):
    used = {port.get("vlanId") or 0 for port in store.all("port", deviceId=bridge_id)}
    used |= {entry["vlanId"] for entry in store.all("mac_entry", bridgeId=bridge_id)}
    return sorted(used | {0})


def _check_vlan(store, bridge_id, vlan):
    if vlan not in _vlans(store, bridge_id):
        raise ApiError(404, NO_VLAN.format(vlan))


def _uri_mac(text):
    if not re.fullmatch(r"([0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}", text):
        raise ApiError(400, URI_MAC_INVALID)
    return text.replace("-", ":").lower()


# ---- MAC table -------------------------------------------------------------------------

def _mac_key(bridge_id, vlan, mac, port_id):
    return f"{bridge_id}/{vlan}/{mac}/{port_id}"


def render_mac_port(ctx, doc):
    path = ["bridges", doc["bridgeId"]]
    if doc["vlanId"]:
        path += ["vlans", doc["vlanId"]]
    name = f"{doc['macAddr'].replace(':', '-')}_{doc['portId']}"
    return {"macAddr": doc["macAddr"], "portId": doc["portId"], "vlanId": doc["vlanId"],
            "uri": ctx.uri(*path, "mac_table", name)}


def list_mac_table(ctx, bridge_id, vlan=None):
    ctype = ctx.accept(MAC_PORT.list, generic=False)
    _table_of(ctx, bridge_id)
    match = {"bridgeId": bridge_id}
    if vlan is not None:
        match["vlanId"] = _vlan(vlan)
        _check_vlan(ctx.store, bridge_id, match["vlanId"])
    docs = ctx.store.all("mac_entry", **match)
    return json_response([render_mac_port(ctx, doc) for doc in docs], ctype)


def add_mac_port(ctx, bridge_id, vlan=None):
    body = ctx.body(MAC_PORT.item, generic=False)
    mac = body.string("macAddr", required=True)
    if mac is not None and not _MAC.match(mac):
        body.violation("macAddr", MAC_PATTERN)
    port_id = body.uuid("portId")
    if port_id is None:
        body.violation("portId", NOT_NULL)
    entry_vlan = body.integer("vlanId", 0, -32768, 32767)
    body.check()
    entry_vlan = _vlan(vlan) if vlan is not None else entry_vlan
    _table_of(ctx, bridge_id)
    port = ctx.load("port", port_id)
    if port["deviceId"] != bridge_id:
        raise ApiError(400, PORT_NOT_ON_BRIDGE)
    if port.get("vlanId") and port["vlanId"] != entry_vlan:
        raise ApiError(400, PORT_VLAN.format(port["vlanId"]))
    doc = {"bridgeId": bridge_id, "vlanId": entry_vlan, "macAddr": mac.lower(),
           "portId": port_id}
    # Adding an entry that is there already changes nothing.
    ctx.store.insert("mac_entry", _mac_key(bridge_id, entry_vlan, doc["macAddr"], port_id), doc)
    return created(render_mac_port(ctx, doc)["uri"])


def _parse_mac_port(name):
    mac_text, _, port_text = name.partition("_")
    mac = _uri_mac(mac_text)
    try:
        port_id = str(uuid.UUID(port_text))
    except ValueError:
        raise ApiError(400, f"Invalid UUID string: {port_text}") from None
    return mac, port_id


def get_mac_port(ctx, bridge_id, name, vlan=None):
    ctype = ctx.accept(MAC_PORT.item, generic=False)
    mac, port_id = _parse_mac_port(name)
    vlan = _vlan(vlan)
    _table_of(ctx, bridge_id)
    _check_vlan(ctx.store, bridge_id, vlan)
    doc = ctx.store.get("mac_entry", _mac_key(bridge_id, vlan, mac, port_id))
    if doc is None:
        raise ApiError(404, NO_MAC_PORT)
    return json_response(render_mac_port(ctx, doc), ctype)


def delete_mac_port(ctx, bridge_id, name, vlan=None):
    mac, port_id = _parse_mac_port(name)
    vlan = _vlan(vlan)
    _table_of(ctx, bridge_id)
    _check_vlan(ctx.store, bridge_id, vlan)
    deletes.delete(ctx.store, "mac_entry", _mac_key(bridge_id, vlan, mac, port_id))  # 204 if absent
    return no_content()


# ---- ARP table -------------------------------------------------------------------------

def _arp_name(ip, mac):
    return f"{ip}_{mac.replace(':', '-')}"


def render_arp(ctx, doc):
    return {"ip": doc["ip"], "mac": doc["mac"],
            "uri": ctx.uri("bridges", doc["bridgeId"], "arp_table",
                           _arp_name(doc["ip"], doc["mac"]))}


def list_arp_table(ctx, bridge_id):
    ctype = ctx.accept(ARP.list, generic=False)
    _table_of(ctx, bridge_id)
    docs = ctx.store.all("arp_entry", bridgeId=bridge_id)
    return json_response([render_arp(ctx, doc) for doc in docs], ctype)


def add_arp_entry(ctx, bridge_id):
    body = ctx.body(ARP_POST, generic=False)
    ip = body.ipv4("ip", required=True, message=IPV4_PATTERN)
    mac = body.string("mac", required=True)
    if mac is not None and not _MAC.match(mac):
        body.violation("mac", MAC_PATTERN)
    body.check()
    _table_of(ctx, bridge_id)
    doc = {"bridgeId": bridge_id, "ip": ip, "mac": mac.lower()}
    ctx.store.insert("arp_entry", f"{bridge_id}/{_arp_name(ip, doc['mac'])}", doc)
    return created(render_arp(ctx, doc)["uri"])


def _parse_ip_mac(name):
    ip, _, mac_text = name.partition("_")
    if not is_ipv4(ip):
        raise ApiError(400, IP_INVALID)
    mac = mac_text.replace("-", ":")
    if not _MAC.match(mac):
        raise ApiError(400, MAC_INVALID)
    return ip, mac.lower()


def get_arp_entry(ctx, bridge_id, name):
    ctype = ctx.accept(ARP.item, generic=False)
    ip, mac = _parse_ip_mac(name)
    _table_of(ctx, bridge_id)
    doc = ctx.store.get("arp_entry", f"{bridge_id}/{_arp_name(ip, mac)}")
    if doc is None:
        raise ApiError(404, NO_ARP_ENTRY)
    return json_response(render_arp(ctx, doc), ctype)


def delete_arp_entry(ctx, bridge_id, name):
    ip, mac = _parse_ip_mac(name)
    _table_of(ctx, bridge_id)
    deletes.delete(ctx.store, "arp_entry", f"{bridge_id}/{_arp_name(ip, mac)}")  # 204 if absent
    return no_content()


_MAC_TABLE = {"GET": list_mac_table, "POST": add_mac_port}
_MAC_ENTRY = {"GET": get_mac_port, "DELETE": delete_mac_port}

ROUTES = [
    ("/bridges/<bridge_id>/mac_table", _MAC_TABLE, {}),
    ("/bridges/<bridge_id>/mac_table/<name>", _MAC_ENTRY, {}),
    ("/bridges/<bridge_id>/vlans/<vlan>/mac_table", _MAC_TABLE, {}),
    ("/bridges/<bridge_id>/vlans/<vlan>/mac_table/<name>", _MAC_ENTRY, {}),
    ("/bridges/<bridge_id>/arp_table", {"GET": list_arp_table, "POST": add_arp_entry}, {}),
    ("/bridges/<bridge_id>/arp_table/<name>", {"GET": get_arp_entry,
                                               "DELETE": delete_arp_entry}, {}),
]
