"""Routers, bridges and chains: create, read, update, delete, tenant filter."""

from .. import media
from ..errors import ApiError, bad_request
from . import ports
from .toplevel import TopLevel

_NAME = (0, 255)


# ---- routers -------------------------------------------------------------------------

def _read_router(ctx, body, obj_id, current):
    doc = {"id": obj_id, "tenantId": body.string("tenantId"),
           "name": body.string("name", size=_NAME),
           "adminStateUp": body.boolean("adminStateUp", True),
           "inboundFilterId": body.uuid("inboundFilterId"),
           "outboundFilterId": body.uuid("outboundFilterId"),
           "loadBalancerId": body.uuid("loadBalancerId"),
           "asNumber": body.integer("asNumber", 0),
           "inboundMirrorIds": body.uuid_list("inboundMirrorIds"),
           "outboundMirrorIds": body.uuid_list("outboundMirrorIds"),
           "localRedirectChainId": body.uuid("localRedirectChainId"),
           "forwardChainId": body.uuid("forwardChainId")}
    body.check()
    # forwardChainId is not bound to its chain in the store: any id is kept as given.
    ctx.require({"chain": [doc["inboundFilterId"], doc["outboundFilterId"],
                           doc["localRedirectChainId"]],
                 "load_balancer": [doc["loadBalancerId"]],
                 "mirror": doc["inboundMirrorIds"] + doc["outboundMirrorIds"]})
    _check_load_balancer_free(ctx, doc, current)
    return doc


def _check_load_balancer_free(ctx, doc, current):
    """A load balancer serves one router: naming one another router holds is a 409."""
    lb_id = doc["loadBalancerId"]
    if lb_id is None or (current or {}).get("loadBalancerId") == lb_id:
        return
    for other in ctx.store.all("router", loadBalancerId=lb_id):
        if other["id"] != doc["id"]:
            raise ports.reference_conflict("LoadBalancer", lb_id, "router_id", "Router",
                                           other["id"])


def render_router(ctx, doc):
    uri = ctx.uri("routers", doc["id"])
    return {**doc, "uri": uri,
            "inboundFilter": ctx.uri("chains", doc["inboundFilterId"]),
            "outboundFilter": ctx.uri("chains", doc["outboundFilterId"]),
            "loadBalancer": ctx.uri("load_balancers", doc["loadBalancerId"]),
            "localRedirectChain": ctx.uri("chains", doc["localRedirectChainId"]),
            "forwardChain": ctx.uri("chains", doc["forwardChainId"]),
            "ports": uri + "/ports", "peerPorts": uri + "/peer_ports",
            "routes": uri + "/routes", "bgpNetworks": uri + "/bgp_networks",
            "bgpPeers": uri + "/bgp_peers"}


# Routers are deleted "ignoring missing": 204 even when there is nothing to delete.
ROUTERS = TopLevel("router", "routers", media.ROUTER, _read_router, render_router,
                   delete_checks_missing=False,
                   tenant_filter=True)


# ---- bridges -------------------------------------------------------------------------

VXLAN_NOT_SETTABLE = ("VXLAN port ID cannot be set directly. The VXLAN port is created or "
                      "deleted in response to the creation or deletion of VTEP bindings.")


def _read_bridge(ctx, body, obj_id, current):
    # A create may not name VXLAN ports at all (not even []); an update may repeat them.
    current_vxlan = current["vxLanPortIds"] if current else None
    vxlan = body.uuid_list("vxLanPortIds") if body.has("vxLanPortIds") else None
    if vxlan is not None and vxlan != current_vxlan:
        raise bad_request(VXLAN_NOT_SETTABLE)
    current_vxlan = current_vxlan or []
    doc = {"id": obj_id, "tenantId": body.string("tenantId"),
           "name": body.string("name", size=_NAME),
           "adminStateUp": body.boolean("adminStateUp", True),
           "inboundFilterId": body.uuid("inboundFilterId"),
           "outboundFilterId": body.uuid("outboundFilterId"),
           "vxLanPortIds": list(current_vxlan),
           "inboundMirrorIds": body.uuid_list("inboundMirrorIds"),
           "outboundMirrorIds": body.uuid_list("outboundMirrorIds"),
           "qosPolicyId": body.uuid("qosPolicyId")}
    body.check()
    ctx.require({"chain": [doc["inboundFilterId"], doc["outboundFilterId"]],
                 "mirror": doc["inboundMirrorIds"] + doc["outboundMirrorIds"],
                 "qos_policy": [doc["qosPolicyId"]]})
    return doc


def render_bridge(ctx, doc):
    uri = ctx.uri("bridges", doc["id"])
    return {**doc, "uri": uri,
            "inboundFilter": ctx.uri("chains", doc["inboundFilterId"]),
            "outboundFilter": ctx.uri("chains", doc["outboundFilterId"]),
            "ports": uri + "/ports", "peerPorts": uri + "/peer_ports",
            "vxLanPorts": uri + "/vxlan_ports", "macTable": uri + "/mac_table",
            "arpTable": uri + "/arp_table", "dhcpSubnets": uri + "/dhcp",
            "dhcpSubnet6s": uri + "/dhcpV6",
            "vlanMacTableTemplate": uri + "/vlans/{vlanId}/mac_table",
            "macPortTemplate": uri + "/mac_table/{macAddress}_{portId}",
            "vlanMacPortTemplate": uri + "/vlans/{vlanId}/mac_table/{macAddress}_{portId}"}


BRIDGE_BOUND = ("The bridge still has VTEP bindings, please remove them before deleting "
                "the bridge")


def _refuse_bound_bridge(store, doc):
    if doc.get("vxLanPortIds"):
        raise ApiError(409, BRIDGE_BOUND)


BRIDGES = TopLevel("bridge", "bridges", media.BRIDGE, _read_bridge, render_bridge,
                   refuse_delete=_refuse_bound_bridge, tenant_filter=True)


# ---- chains --------------------------------------------------------------------------

def render_chain(ctx, doc):
    uri = ctx.uri("chains", doc["id"])
    return {**doc, "uri": uri, "rules": uri + "/rules"}


def _read_chain(ctx, body, obj_id, current):
    doc = {"id": obj_id, "tenantId": body.string("tenantId"),
           "name": body.string("name", size=_NAME)}
    body.check()
    return doc


# No PUT: the real server has no update for chains, so the app answers 405.
CHAINS = TopLevel("chain", "chains", media.CHAIN, _read_chain, render_chain,
                  tenant_filter=True, updatable=False)


# Chain rules live in rules.py.
ROUTES = ROUTERS.routes() + BRIDGES.routes() + CHAINS.routes()
