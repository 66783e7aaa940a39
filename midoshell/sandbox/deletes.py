"""Deleting stored objects: what deleting each kind of object does to the others.

Every delete of the sandbox goes through `delete`, which applies the bindings of the kind
in BINDINGS, in the order the v5 server applies them, then removes the object. The server
declares most of these as ZOOM field bindings (CASCADE: the bound object goes too; CLEAR:
its reference is cleared; ERROR: the delete is refused); its REST resources add a few (a
chain takes the jump rules that target it). The sandbox keeps some references only on one
side (a port names its router; the router holds no list of ports), so a binding is written
from the side that holds the reference. The sandbox's state tables (MAC, ARP, peering)
go with their bridge or port too.
"""

from .bindings import Cascade, Clear, DropEntries, Leave, Refuse, Unlink

# sic: the server's message names the load balancer's id twice.
_ROUTER_HAS_LB = ("Cannot delete the Router with ID {ref} because it is still referenced by "
                  "the LoadBalancer with ID {ref}.")

BINDINGS = {
    "router": (
        Cascade("port", "deviceId"), Cascade("route", "routerId"),
        Refuse("loadBalancerId", "load_balancer", _ROUTER_HAS_LB),
        Cascade("bgp_network", "routerId"), Cascade("bgp_peer", "routerId"),
        Cascade("trace_request", "deviceId")),
    "bridge": (
        Cascade("port", "deviceId"), Cascade("dhcp_subnet", "bridgeId"),
        Cascade("dhcp6_subnet", "bridgeId"), Cascade("trace_request", "deviceId"),
        Cascade("mac_entry", "bridgeId"), Cascade("arp_entry", "bridgeId")),
    "port": (
        Cascade("l2insertion", "portId"), Cascade("l2insertion", "srvPortId"),
        Cascade("service_container", "portId"),
        Unlink("deviceId", "bridge", "vxLanPortIds"), Unlink("peerId", "port", "peerId"),
        Leave("pg_member", "portId"), Cascade("route", "nextHopPort"),
        Cascade("mirror", "toPortId"), Cascade("trace_request", "deviceId"),
        Cascade("peering_entry", "portId"),
        # A VXLAN port takes its VTEP's bindings to the bridge along.
        DropEntries("vtepId", "vtep", "bindings", "networkId", "deviceId")),
    "chain": (
        Cascade("rule", "jumpChainId"),
        Clear("bridge", "inboundFilterId"), Clear("bridge", "outboundFilterId"),
        Clear("router", "inboundFilterId"), Clear("router", "outboundFilterId"),
        Clear("router", "localRedirectChainId"),
        Clear("port", "inboundFilterId"), Clear("port", "outboundFilterId"),
        # (a router's forward chain is not bound: it outlives its chain)
        Cascade("rule", "chainId"), Cascade("rule_order", "chainId")),
    "rule": (Unlink("chainId", "rule_order", "ruleIds"),),
    "mirror": (
        Clear("bridge", "inboundMirrorIds"), Clear("router", "inboundMirrorIds"),
        Clear("port", "inboundMirrorIds"), Clear("port", "postInFilterMirrorIds"),
        Clear("bridge", "outboundMirrorIds"), Clear("router", "outboundMirrorIds"),
        Clear("port", "outboundMirrorIds"), Clear("port", "preOutFilterMirrorIds")),
    "l2insertion": (Unlink("portId", "port", "insertionIds"),),
    "host": (Leave("tz_member", "hostId"),),
    "tunnel_zone": (Leave("tz_member", "tunnelZoneId"),),
    "port_group": (
        Clear("service_container_group", "portGroupId"), Leave("pg_member", "portGroupId")),
    "service_container_group": (Cascade("service_container", "serviceGroupId"),),
    "load_balancer": (Cascade("pool", "loadBalancerId"), Clear("router", "loadBalancerId")),
    "pool": (Cascade("pool_member", "poolId"), Cascade("vip", "poolId")),
    "health_monitor": (Clear("pool", "healthMonitorId"),),
    "qos_policy": (
        Cascade("qos_bw_limit_rule", "policyId"), Cascade("qos_dscp_rule", "policyId"),
        Clear("port", "qosPolicyId"), Clear("bridge", "qosPolicyId")),
    "ip_addr_group": (Cascade("ip_addr", "ipAddrGroupId"),),
    "dhcp_subnet": (Cascade("dhcp_host", "subnetId"),),
}


def delete(store, kind, obj_id, doc=None):
    """Delete the object of `kind` stored as `obj_id` (`doc`, when the caller has read it),
    with what its bindings do to others; returns whether there was one."""
    if doc is None:
        doc = store.get(kind, obj_id)
        if doc is None:
            return False
    for binding in BINDINGS.get(kind, ()):
        binding.apply(store, str(obj_id), doc, delete)
    store.delete(kind, obj_id)
    return True
