"""Routers, bridges, their ports, routes, BGP, DHCP and router-port peering, as midonet-cli names them."""

from midoshell.model.common import (
    ID, INFILTER, NAME, OUTFILTER, QOS_POLICY, STATE, TENANT, mirrors, object_type,
)
from midoshell.model.value_kinds import (
    BOOL, YESNO, Cidr, CidrList, Enum, Integer, IPv4, Mac, PortReference, Reference, Text, TextList,
)
from midoshell.model.types import Attr, Child

DEVICE = Attr("device", "deviceId", Reference("device"), settable=False,
              help="the router or bridge that owns the port")
PLUGGED = Attr("plugged", "active", YESNO, settable=False, help="whether an agent has the port up")
PEER = Attr("peer", "peerId", PortReference(), clearable=True,
            help="the port this one is linked to (set links, clear unlinks)")
# What router and bridge ports share, first in their print order.
PORT_HEAD = [ID, DEVICE, STATE, PLUGGED, INFILTER, OUTFILTER]


def _legacy_port_address(doc, assigned):
    """`address A net N/L` (install guides before 2017) becomes the port's address list."""
    if "address" in assigned or "net" in assigned:
        address = doc.get("portAddress")
        length = doc.get("networkLength")
        if address and length is not None:
            doc["portSubnet"] = [f"{address}/{length}"]


ROUTER = object_type(
    "Router-v3", key="router", prefix="router", template_key="routerTemplate",
    description="a virtual router",
    attrs=[
        ID, TENANT, NAME, STATE, INFILTER, OUTFILTER,
        Attr("load-balancer", "loadBalancerId", Reference("load-balancer"), clearable=True,
             help="load balancer attached to the router"),
        Attr("asn", "asNumber", Integer(0, 4294967295), help="local BGP AS number"),
        *mirrors("in-mirrors", "out-mirrors"),
        Attr("local-redirect-chain", "localRedirectChainId", Reference("chain"), clearable=True,
             help="chain for local redirection"),
        Attr("forward-chain", "forwardChainId", Reference("chain"), clearable=True,
             help="chain applied to forwarded traffic"),
    ],
    children=[
        Child("port", "router-port", "ports", {"type": "Router"}, parent_key="deviceId",
              clients_only=True),
        Child("route", "route", "routes", parent_key="routerId"),
        Child("bgp-network", "bgp-network", "bgpNetworks", clients_only=True),
        Child("bgp-peer", "bgp-peer", "bgpPeers", clients_only=True),
    ],
)

ROUTER_PORT = object_type(
    "Port-v3", key="router-port", prefix="port", template_key="portTemplate",
    description="a port of a router", finish=_legacy_port_address,
    attrs=PORT_HEAD + [
        Attr("mac", "portMac", Mac(), help="MAC address"),
        PEER,
        Attr("bgp-status", "bgpStatus", Text(), hidden=True, settable=False, help="BGP state"),
        *mirrors("in-mirrors", "out-mirrors", "post-in-filter-mirrors", "pre-out-filter-mirrors"),
        Attr("vni", "rtrPortVni", Integer(0, 16777215), help="VXLAN VNI for router peering"),
        Attr("vxlan-off-ramp", "offRampVxlan", BOOL, help="VXLAN off-ramp"),
        Attr("addresses", "portSubnet", CidrList(), clearable=True,
             help="addresses with prefix length, comma-separated (10.0.0.1/24)"),
        Attr("address", "portAddress", IPv4(), legacy=True,
             help="port address (older form; with net)"),
        Attr("net", "networkAddress", Cidr("networkAddress", "networkLength"), legacy=True,
             help="port network (older form; with address)"),
    ],
    children=[Child("remote-peers", "remote-peer", "peeringTable")],
)

BRIDGE_PORT = object_type(
    "Port-v3", key="bridge-port", prefix="port", template_key="portTemplate",
    description="a port of a bridge",
    attrs=PORT_HEAD + [
        Attr("vlan", "vlanId", Integer(0, 4095), help="VLAN id handled by the port"),
        PEER,
        Attr("vtep", "vtepId", Reference("vtep"), settable=False, help="VTEP of a VXLAN port"),
        Attr("vni", "vni", Integer(), settable=False, help="VNI of a VXLAN port"),
        QOS_POLICY,
        *mirrors("in-mirrors", "out-mirrors", "post-in-filter-mirrors", "pre-out-filter-mirrors"),
    ],
)

REMOTE_PEER = object_type(
    "MacIp-v1", key="remote-peer", prefix="macip", has_id=False,
    description="a MAC/IP pair known behind a peered router port",
    attrs=[Attr("mac", "mac", Mac(), help="MAC address"),
           Attr("ip", "ip", IPv4(), help="IP address")],
)
# The server gives its collection the item's media type (a known quirk of MidoNet).
REMOTE_PEER.collection_media = REMOTE_PEER.media

ROUTE = object_type(
    "Route-v1", key="route", prefix="route", template_key="routeTemplate",
    description="a route of a router", update="replace",
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

BGP_NETWORK = object_type(
    "BgpNetwork-v1", key="bgp-network", prefix="net", template_key="bgpNetworkTemplate",
    description="a network a router advertises over BGP", update="replace",
    attrs=[ID, Attr("net", "subnetAddress", Cidr("subnetAddress", "subnetLength"),
                    help="advertised prefix")],
)

BGP_PEER = object_type(
    "BgpPeer-v1", key="bgp-peer", prefix="peer", template_key="bgpPeerTemplate",
    description="a BGP peer of a router",
    attrs=[
        ID,
        Attr("asn", "asNumber", Integer(1, 4294967295), help="peer AS number"),
        Attr("address", "address", IPv4(), help="peer address"),
        Attr("keep-alive", "keepAlive", Integer(5, 3600), help="keep-alive seconds"),
        Attr("hold-time", "holdTime", Integer(5, 7200), help="hold time seconds"),
        Attr("connect-retry", "connectRetry", Integer(5, 3600), help="connect retry seconds"),
        Attr("password", "password", Text(), help="MD5 password"),
    ],
)

BRIDGE = object_type(
    "Bridge-v4", key="bridge", prefix="bridge", template_key="bridgeTemplate",
    description="a virtual L2 bridge",
    attrs=[ID, TENANT, NAME, STATE, INFILTER, OUTFILTER, QOS_POLICY,
           *mirrors("in-mirrors", "out-mirrors")],
    children=[
        # (a VTEP binding adds a VXLAN port: see midoshell.posted)
        Child("port", "bridge-port", "ports", {"type": "Bridge"}, parent_key="deviceId",
              clients_only=True),
        Child("dhcp", "dhcp", "dhcpSubnets"),
    ],
)

DHCP = object_type(
    "DhcpSubnet-v2", key="dhcp", prefix="dhcp", has_id=False,
    description="a DHCP subnet of a bridge",
    attrs=[
        Attr("gw", "defaultGateway", IPv4(), help="default gateway offered"),
        Attr("server", "serverAddr", IPv4(), help="DHCP server address"),
        Attr("dns-servers", "dnsServerAddrs", TextList(), help="DNS servers, comma-separated"),
        Attr("subnet", "subnetPrefix", Cidr("subnetPrefix", "subnetLength"), help="the subnet"),
        Attr("interface-mtu", "interfaceMTU", Integer(0, 65536), help="MTU offered"),
    ],
    children=[
        Child("opt121-routes", "opt121-route", "opt121Routes", embedded=True),
        Child("host", "dhcp-host", "hosts"),
    ],
)

DHCP_HOST = object_type(
    "DhcpHost-v2", key="dhcp-host", prefix="dhcp-host", has_id=False,
    description="a fixed address in a DHCP subnet",
    attrs=[Attr("name", "name", Text(), help="host name"),
           Attr("address", "ipAddr", IPv4(), help="the address it gets"),
           Attr("mac", "macAddr", Mac(), help="its MAC address")],
)

OPT121_ROUTE = object_type(
    "DhcpSubnet-v2", key="opt121-route", prefix="object", has_id=False,
    description="a classless static route (DHCP option 121) of a subnet",
    attrs=[Attr("destination", "destinationPrefix",
                Cidr("destinationPrefix", "destinationLength"), help="destination prefix"),
           Attr("gateway", "gatewayAddr", IPv4(), help="gateway")],
)

TYPES = [ROUTER, ROUTER_PORT, BRIDGE_PORT, REMOTE_PEER, ROUTE, BGP_NETWORK, BGP_PEER, BRIDGE,
         DHCP, DHCP_HOST, OPT121_ROUTE]
