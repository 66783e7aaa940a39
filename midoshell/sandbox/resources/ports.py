"""Router and bridge ports: creation under a device, /ports items, address derivation."""

import ipaddress
import random
import re
import uuid

from .. import deletes, media
from ..errors import ApiError, already_exists
from ..validation import NOT_NULL
from ..web import created, no_content
from . import routes
from .owned import Owned

ROUTER_TYPES = ("Router", "ExteriorRouter", "InteriorRouter")
BRIDGE_TYPES = ("Bridge", "ExteriorBridge", "InteriorBridge")
_MAC = re.compile(r"^([0-9A-Fa-f]{1,2}:){5}[0-9A-Fa-f]{1,2}$")
_MIRROR_FIELDS = ("inboundMirrorIds", "outboundMirrorIds", "postInFilterMirrorIds",
                  "preOutFilterMirrorIds")


def random_mac():
    """A MAC in the Midokura OUI, as the server assigns to router ports created without one."""
    return "ac:ca:ba:" + ":".join(f"{random.randrange(256):02x}" for _ in range(3))


def _port_type(body, device):
    """Check the polymorphic `type` for a port posted to a router or bridge."""
    value = body.data.get("type")
    if value is None:
        raise ApiError(400, "Missing property 'type' that is to contain type id "
                            "(for class Port)")
    known = ROUTER_TYPES + BRIDGE_TYPES + ("Vxlan",)
    if not isinstance(value, str) or value not in known:
        raise ApiError(400, f"Could not resolve type id '{value}' into a subtype of Port")
    if device == "bridge" and value not in BRIDGE_TYPES:
        raise ApiError(400, "Not a bridge port.")
    if device == "router" and value not in ROUTER_TYPES:
        raise ApiError(400, f"Class of port type '{value}' is not a subtype of RouterPort")
    return "Router" if device == "router" else "Bridge"


def _read_common(body):
    """The writable fields every port kind shares (full replacement on PUT)."""
    doc = {"adminStateUp": body.boolean("adminStateUp", True),
           "inboundFilterId": body.uuid("inboundFilterId"),
           "outboundFilterId": body.uuid("outboundFilterId"),
           "vifId": body.uuid("vifId"), "qosPolicyId": body.uuid("qosPolicyId")}
    doc.update({f: body.uuid_list(f) for f in _MIRROR_FIELDS})
    return doc


def _is_cidr(entry):
    """An IPv4 or IPv6 address with a prefix length, e.g. 10.0.0.1/24 (not masked)."""
    try:
        ipaddress.ip_interface(entry)
    except ValueError:
        return False
    return "/" in entry


def _read_router_extras(body, current):
    address = body.ipv4("portAddress")
    body.ipv4("networkAddress")  # checked but never stored: it is derived on read
    length = body.integer("networkLength", 0, 0, 32)
    subnets = body.string_list("portSubnet")
    for entry in subnets:
        if not _is_cidr(entry):
            # the server does not validate these (it fails later with a 500); a 400 is kinder
            body.violation("portSubnet", f"{entry} is an invalid CIDR format")
    if not subnets and address is not None:
        subnets = [f"{address}/{length}"]  # stored unmasked, exactly as the server does
    if not subnets:
        body.violation("portAddress", NOT_NULL)
    mac = body.string("portMac")
    if mac is not None and not _MAC.match(mac):
        body.violation("portMac", "MAC address string must be 6 words of 1 or 2 hex digits "
                                  "joined with 5 ':'")
    # On PUT an omitted MAC keeps the current one rather than drawing a new random MAC.
    return {"portSubnet": subnets,
            "portMac": (mac or (current or {}).get("portMac") or random_mac()).lower(),
            "rtrPortVni": body.integer("rtrPortVni", None, 0, 0xFFFFFF),
            "offRampVxlan": body.boolean("offRampVxlan", None)}


def _read_fields(ctx, body, port_type, current=None):
    doc = _read_common(body)
    if port_type == "Router":
        doc.update(_read_router_extras(body, current))
    else:
        doc["vlanId"] = body.integer("vlanId", 0, -32768, 32767)
    body.check()
    ctx.require({"chain": [doc["inboundFilterId"], doc["outboundFilterId"]],
                 "mirror": [m for f in _MIRROR_FIELDS for m in doc[f]],
                 "qos_policy": [doc["qosPolicyId"]]})
    return doc


def _first_ipv4(subnets):
    for entry in subnets or []:
        if ":" not in entry:
            return ipaddress.IPv4Interface(entry)
    return None


def _container_on(store, port_id):
    """The service container plugged into a port (the port's back reference)."""
    for container in store.all("service_container", portId=port_id):
        return container["id"]
    return None


def render_port(ctx, doc):
    uri = ctx.uri("ports", doc["id"])
    out = {key: doc.get(key) for key in (
        "type", "id", "deviceId", "adminStateUp", "inboundFilterId", "outboundFilterId",
        "tunnelKey", "vifId", "hostId", "interfaceName", "peerId") + _MIRROR_FIELDS + (
        "insertionIds", "qosPolicyId", "active")}
    router_port = doc["type"] == "Router"
    if router_port:
        first = _first_ipv4(doc["portSubnet"])
        out.update(networkAddress=str(first.network.network_address) if first else None,
                   networkLength=first.network.prefixlen if first else 0,
                   portSubnet=doc["portSubnet"], portAddress=str(first.ip) if first else None,
                   portMac=doc["portMac"], rtrPortVni=doc["rtrPortVni"],
                   offRampVxlan=doc["offRampVxlan"],
                   serviceContainerId=_container_on(ctx.store, doc["id"]), bgpStatus=None)
    elif doc["type"] == "Vxlan":  # made by a VTEP binding: no VLAN, the VTEP and VNI instead
        out.update(vlanId=None, vtepId=doc.get("vtepId"), vni=doc.get("vni"),
                   vtep=ctx.uri("vteps", doc.get("vtepId")))
    else:
        out["vlanId"] = doc["vlanId"]
    out.update(uri=uri, device=ctx.uri("routers" if router_port else "bridges",
                                       doc["deviceId"]),
               host=ctx.uri("hosts", doc["hostId"]), peer=ctx.uri("ports", doc["peerId"]),
               link=uri + "/link", portGroups=uri + "/port_groups",
               hostInterfacePort=ctx.uri("hosts", doc["hostId"], "ports", doc["id"]),
               inboundFilter=ctx.uri("chains", doc["inboundFilterId"]),
               outboundFilter=ctx.uri("chains", doc["outboundFilterId"]))
    if router_port:
        out.update(peeringTable=ctx.uri("routers", doc["deviceId"], "ports", doc["id"],
                                        "peering_table"),
                   serviceContainer=ctx.uri("service_containers", out["serviceContainerId"]))
    return out


def _create(ctx, device_kind, device_id):
    body = ctx.body(media.PORT.item)
    port_type = _port_type(body, device_kind)
    doc = {"type": port_type, "id": body.uuid("id") or str(uuid.uuid4()),
           "deviceId": device_id, "hostId": None, "interfaceName": None, "peerId": None,
           "insertionIds": [], "active": False}
    doc.update(_read_fields(ctx, body, port_type))
    ctx.load(device_kind, device_id)
    if ctx.store.exists("port", doc["id"]):
        raise already_exists("Port", doc["id"])
    if body.uuid("peerId") is not None:  # a port may be created linked
        link_through_field(ctx, doc, body.uuid("peerId"))
    doc["tunnelKey"] = ctx.store.next_value("tunnel_key")
    ctx.store.insert("port", doc["id"], doc)
    if port_type == "Router":
        routes.add_local_routes(ctx.store, doc)
    return created(ctx.uri("ports", doc["id"]))


def create_router_port(ctx, parent_id):
    return _create(ctx, "router", parent_id)


def create_bridge_port(ctx, parent_id):
    return _create(ctx, "bridge", parent_id)


ROUTER_PORTS = Owned("router", "port", "deviceId", render_port, media.PORT.list)
BRIDGE_PORTS = Owned("bridge", "port", "deviceId", render_port, media.PORT.list)


def list_ports(ctx):
    return ctx.list_kind("port", media.PORT.list, render_port)


def get_port(ctx, port_id):
    return ctx.item("port", port_id, media.PORT.item, render_port)


def update_port(ctx, port_id):
    body = ctx.body(media.PORT.item)
    current = ctx.load("port", port_id)
    doc = dict(current)
    doc.update(_read_fields(ctx, body, current["type"], current))
    # The stored binding wins; a port without one takes the body's host and interface.
    if current["hostId"] is None and body.uuid("hostId") is not None:
        doc["hostId"] = ctx.load("host", body.uuid("hostId"))["id"]
    if current["interfaceName"] is None:
        doc["interfaceName"] = body.string("interfaceName")
    requested_peer = body.uuid("peerId")
    if current["peerId"] is None and requested_peer is not None:
        link_through_field(ctx, doc, requested_peer)  # the stored peer wins when there is one
    ctx.store.replace("port", port_id, doc)
    if doc["type"] == "Router" and doc["portSubnet"] != current["portSubnet"]:
        routes.delete_local_routes(ctx.store, port_id)
        routes.add_local_routes(ctx.store, doc)
    return no_content()


def connect(ctx, port, peer_id):
    """Link `port` (a dict the caller stores) with port `peer_id`, setting both peerIds."""
    peer = ctx.load("port", peer_id)
    if port["peerId"] is not None or peer["peerId"] is not None or peer_id == port["id"]:
        raise ApiError(409, "Ports are not linkable.")
    port["peerId"] = peer_id
    peer["peerId"] = port["id"]
    ctx.store.replace("port", peer_id, peer)


def reference_conflict(kind, obj_id, field, other_kind, other_id):
    """The store's 409 when a single-valued back reference is already taken."""
    return ApiError(409, f"Operation failed because the {kind} with ID {obj_id} already "
                         f"references the {other_kind} with ID {other_id} via the field "
                         f"{field}. This field can accommodate only one reference.")


def link_through_field(ctx, port, peer_id):
    """A port written with a `peerId` (POST or PUT): the store links the peer back, or
    refuses when the peer is linked already."""
    peer = ctx.load("port", peer_id)
    if peer["peerId"] is not None and peer["peerId"] != port["id"]:
        raise reference_conflict("Port", peer_id, "peer_id", "Port", peer["peerId"])
    port["peerId"] = peer_id
    if peer_id != port["id"]:
        peer["peerId"] = port["id"]
        ctx.store.replace("port", peer_id, peer)


def delete_port_item(ctx, port_id):
    port = ctx.load("port", port_id)
    if port["type"] == "Vxlan":  # made by VTEP bindings: removed only with them
        raise ApiError(409, f"This port type doesn't allow  deletions as it binds network "
                            f"{port['deviceId']} to VTEP {port.get('vtepId')}. Please remove "
                            f"the bindings instead.")
    deletes.delete(ctx.store, "port", port_id, port)
    return no_content()


ROUTES = [
    ("/routers/<parent_id>/ports", {**ROUTER_PORTS.handlers(), "POST": create_router_port}, {}),
    ("/bridges/<parent_id>/ports", {**BRIDGE_PORTS.handlers(), "POST": create_bridge_port}, {}),
    ("/ports", {"GET": list_ports}, {}),
    ("/ports/<port_id>", {"GET": get_port, "PUT": update_port, "DELETE": delete_port_item}, {}),
]
