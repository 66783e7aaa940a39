"""The MidoNet object types midoshell knows, in midonet-cli's names and print order."""

from midoshell.model.kinds import (
    ADMIN, BOOL, YESNO, Cidr, CidrList, Enum, Integer, IPv4, Limit, Mac, PortReference,
    Reference, Text, TextList,
)
from midoshell.model.types import Attr, Child, ObjectType, Root, collection_media, media

ID = Attr("id", "id", Text(), read_only=True, hidden=True, help="the object's UUID")
TENANT = Attr("tenant", "tenantId", Text(), hidden=True, help="owning tenant (project) id")
NAME = Attr("name", "name", Text(), help="free-form name")
STATE = Attr("state", "adminStateUp", ADMIN, help="administrative state")
INFILTER = Attr("infilter", "inboundFilterId", Reference("chain"), clearable=True,
                help="chain applied to inbound traffic")
OUTFILTER = Attr("outfilter", "outboundFilterId", Reference("chain"), clearable=True,
                 help="chain applied to outbound traffic")
DEVICE = Attr("device", "deviceId", Reference("device"), settable=False,
              help="the router or bridge that owns the port")
PLUGGED = Attr("plugged", "active", YESNO, settable=False, help="whether an agent has the port up")
# What router and bridge ports share, first in their print order.
PORT_HEAD = [ID, DEVICE, STATE, PLUGGED, INFILTER, OUTFILTER]
PEER = Attr("peer", "peerId", PortReference(), clearable=True,
            help="the port this one is linked to (set links, clear unlinks)")


def _member_media(zone_doc):
    """Members of a gre zone use the Gre media types, as midonet-cli sent them."""
    name = "GreTunnelZoneHost-v1" if zone_doc.get("type") == "gre" else "TunnelZoneHost-v1"
    return media(name), collection_media(name)


def _legacy_port_address(doc, assigned):
    """`address A net N/L` (install guides before 2017) becomes the port's address list."""
    if "address" in assigned or "net" in assigned:
        address = doc.get("portAddress")
        length = doc.get("networkLength")
        if address and length is not None:
            doc["portSubnet"] = [f"{address}/{length}"]


def _type(media_name, **fields):
    """An object type whose item and collection media types share one name (`Router-v3`)."""
    return ObjectType(media=media(media_name), collection_media=collection_media(media_name),
                      **fields)


ROUTER = _type(
    key="router", prefix="router", media_name="Router-v3", template_key="routerTemplate",
    description="a virtual router",
    attrs=[
        ID, TENANT, NAME, STATE, INFILTER, OUTFILTER,
        Attr("asn", "asNumber", Integer(0, 4294967295), help="local BGP AS number"),
        Attr("local-redirect-chain", "localRedirectChainId", Reference("chain"), clearable=True,
             help="chain for local redirection"),
        Attr("forward-chain", "forwardChainId", Reference("chain"), clearable=True,
             help="chain applied to forwarded traffic"),
    ],
    children=[
        Child("port", "router-port", "ports", {"type": "Router"}, parent_key="deviceId"),
        Child("route", "route", "routes", parent_key="routerId"),
    ],
)

ROUTER_PORT = _type(
    key="router-port", prefix="port", media_name="Port-v3", template_key="portTemplate",
    description="a port of a router", finish=_legacy_port_address,
    attrs=PORT_HEAD + [
        Attr("mac", "portMac", Mac(), help="MAC address"),
        PEER,
        Attr("bgp-status", "bgpStatus", Text(), hidden=True, settable=False, help="BGP state"),
        Attr("vni", "rtrPortVni", Integer(0, 16777215), help="VXLAN VNI for router peering"),
        Attr("vxlan-off-ramp", "offRampVxlan", BOOL, help="VXLAN off-ramp"),
        Attr("addresses", "portSubnet", CidrList(), clearable=True,
             help="addresses with prefix length, comma-separated (10.0.0.1/24)"),
        Attr("address", "portAddress", IPv4(), legacy=True,
             help="port address (older form; with net)"),
        Attr("net", "networkAddress", Cidr("networkAddress", "networkLength"), legacy=True,
             help="port network (older form; with address)"),
    ],
)

BRIDGE_PORT = _type(
    key="bridge-port", prefix="port", media_name="Port-v3", template_key="portTemplate",
    description="a port of a bridge",
    attrs=PORT_HEAD + [
        Attr("vlan", "vlanId", Integer(0, 4095), help="VLAN id handled by the port"),
        PEER,
    ],
)

ROUTE = _type(
    key="route", prefix="route", media_name="Route-v1", template_key="routeTemplate",
    description="a route of a router",
    attrs=[
        ID,
        Attr("type", "type", Enum({"normal": "Normal", "blackhole": "BlackHole",
                                   "reject": "Reject", "local": "Local"}), help="route type"),
        Attr("src", "srcNetworkAddr", Cidr("srcNetworkAddr", "srcNetworkLength"),
             help="source prefix"),
        Attr("dst", "dstNetworkAddr", Cidr("dstNetworkAddr", "dstNetworkLength"),
             help="destination prefix"),
        Attr("gw", "nextHopGateway", IPv4(), help="next-hop gateway address"),
        Attr("port", "nextHopPort", PortReference(), help="next-hop port"),
        Attr("weight", "weight", Integer(0), help="route weight"),
        Attr("learned", "learned", BOOL, read_only=True, help="learned through BGP"),
    ],
)

BRIDGE = _type(
    key="bridge", prefix="bridge", media_name="Bridge-v4", template_key="bridgeTemplate",
    description="a virtual L2 bridge",
    attrs=[ID, TENANT, NAME, STATE, INFILTER, OUTFILTER],
    children=[Child("port", "bridge-port", "ports", {"type": "Bridge"}, parent_key="deviceId")],
)

CHAIN = _type(
    key="chain", prefix="chain", media_name="Chain-v1", template_key="chainTemplate",
    description="a rule chain", attrs=[ID, TENANT, NAME],
)

HOST = _type(
    key="host", prefix="host", media_name="Host-v3", template_key="hostTemplate",
    description="a host running the MidoNet agent",
    attrs=[
        ID,
        Attr("name", "name", Text(), read_only=True, help="host name"),
        Attr("alive", "alive", BOOL, read_only=True, help="whether its agent is alive"),
        Attr("addresses", "addresses", TextList(), read_only=True, help="interface addresses"),
        Attr("flooding-proxy-weight", "floodingProxyWeight", Integer(0, 65535),
             help="weight as a VTEP flooding proxy"),
        Attr("container-weight", "containerWeight", Integer(0),
             help="weight for scheduling service containers"),
        Attr("container-limit", "containerLimit", Limit(),
             help="most service containers (no-limit for none)"),
        Attr("enforce-container-limit", "enforceContainerLimit", BOOL,
             help="whether the limit is enforced"),
    ],
    children=[
        Child("interface", "interface", "interfaces", parent_key="hostId", can_create=False),
        Child("binding", "binding", "ports", parent_key="hostId"),
    ],
)

INTERFACE = _type(
    key="interface", prefix="interface", media_name="Interface-v1", has_id=False,
    description="a network interface reported by a host's agent",
    attrs=[
        Attr("iface", "name", Text(), read_only=True, help="interface name"),
        Attr("host_id", "hostId", Reference("host"), read_only=True, help="the host"),
        Attr("status", "status", Integer(), read_only=True, help="1 up, 2 has link"),
        Attr("addresses", "addresses", TextList(), read_only=True, help="addresses"),
        Attr("mac", "mac", Text(), read_only=True, help="MAC address"),
        Attr("mtu", "mtu", Integer(), read_only=True, help="MTU"),
        Attr("type", "type", Text(), read_only=True, help="Physical, Virtual, Tunnel, Unknown"),
        Attr("endpoint", "endpoint", Text(), read_only=True, help="endpoint kind"),
    ],
)

BINDING = _type(
    key="binding", prefix="binding", media_name="HostInterfacePort-v1", has_id=False,
    description="a port bound to a host interface",
    attrs=[
        Attr("host", "hostId", Reference("host"), settable=False, help="the host"),
        Attr("interface", "interfaceName", Text(), help="host interface name"),
        Attr("port", "portId", PortReference(), help="the bound port"),
    ],
)

TUNNEL_ZONE = _type(
    key="tunnel-zone", prefix="tzone", media_name="TunnelZone-v1", template_key="tunnelZoneTemplate",
    description="a tunnel zone", child_media=_member_media,
    attrs=[
        ID, NAME,
        Attr("type", "type", Enum({"gre": "gre", "vxlan": "vxlan", "vtep": "vtep"}, strict=False),
             help="tunnel type: gre, vxlan or vtep"),
    ],
    children=[Child("member", "tunnel-zone-member", "hosts", parent_key="tunnelZoneId")],
)

TUNNEL_ZONE_MEMBER = _type(
    key="tunnel-zone-member", prefix="memb", media_name="TunnelZoneHost-v1", has_id=False,
    description="a host's membership of a tunnel zone",
    attrs=[
        Attr("zone", "tunnelZoneId", Reference("tunnel-zone"), settable=False, help="the zone"),
        Attr("host", "hostId", Reference("host"), help="the member host"),
        Attr("address", "ipAddress", IPv4(), help="the host's tunnel endpoint address"),
    ],
)

TYPES = {t.key: t for t in (
    ROUTER, ROUTER_PORT, BRIDGE_PORT, ROUTE, BRIDGE, CHAIN, HOST, INTERFACE, BINDING,
    TUNNEL_ZONE, TUNNEL_ZONE_MEMBER,
)}

# The root collections, in the order `describe` lists them.
ROOTS = [
    Root("router", "router", "routers", "routerTemplate", tenant_filtered=True),
    Root("bridge", "bridge", "bridges", "bridgeTemplate", tenant_filtered=True),
    Root("port", "port", "ports", "portTemplate", tenant_filtered=True, can_create=False),
    Root("chain", "chain", "chains", "chainTemplate", tenant_filtered=True),
    Root("host", "host", "hosts", "hostTemplate", can_create=False),
    Root("tunnel-zone", "tunnel-zone", "tunnelZones", "tunnelZoneTemplate", tenant_filtered=True),
]

# Ports of the root `port` collection take their type from their JSON `type`.
PORT_TYPES = {"Router": "router-port", "Bridge": "bridge-port", "Vxlan": "bridge-port"}
# A `device` reference points at a router or a bridge, told apart by the port's type.
DEVICE_TYPES = {"Router": "router", "Bridge": "bridge", "Vxlan": "bridge"}
