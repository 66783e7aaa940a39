"""Routers, bridges and chains: create, read, update, delete, tenant filter, delete cascades."""

import uuid

from .. import media
from ..errors import ApiError, already_exists, bad_request
from ..web import PROTO, created, no_content
from . import ports, routes

_NAME = (0, 255)


def _new_id(body):
    return body.uuid("id") or str(uuid.uuid4())


def _list_filtered(ctx, kind, types, render):
    """A top-level list; `?tenant_id=` keeps only exact tenantId matches."""
    tenant = ctx.query("tenant_id")
    docs = ctx.store.all(kind) if tenant is None else ctx.store.all(kind, tenantId=tenant)
    return ctx.list_of(docs, types, render)


def _insert(ctx, kind, doc, segment):
    if not ctx.store.insert(kind, doc["id"], doc):
        raise already_exists(PROTO[kind], doc["id"])
    return created(ctx.uri(segment, doc["id"]))


# ---- routers -------------------------------------------------------------------------

def _read_router(ctx, body, obj_id):
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
    ctx.require({"chain": [doc["inboundFilterId"], doc["outboundFilterId"],
                           doc["localRedirectChainId"], doc["forwardChainId"]],
                 "load_balancer": [doc["loadBalancerId"]],
                 "mirror": doc["inboundMirrorIds"] + doc["outboundMirrorIds"]})
    return doc


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


def list_routers(ctx):
    return _list_filtered(ctx, "router", media.ROUTER.list, render_router)


def create_router(ctx):
    body = ctx.body(media.ROUTER.item)
    return _insert(ctx, "router", _read_router(ctx, body, _new_id(body)), "routers")


def get_router(ctx, router_id):
    return ctx.item("router", router_id, media.ROUTER.item, render_router)


def update_router(ctx, router_id):
    body = ctx.body(media.ROUTER.item)
    ctx.load("router", router_id)
    ctx.store.replace("router", router_id, _read_router(ctx, body, router_id))
    return no_content()


def delete_router(ctx, router_id):
    # Routers are deleted "ignoring missing": 204 even when there is nothing to delete.
    if ctx.store.exists("router", router_id):
        for port in ctx.store.all("port", deviceId=router_id):
            ports.delete_port(ctx.store, port)
        routes.delete_router_routes(ctx.store, router_id)
        ctx.store.delete("router", router_id)
    return no_content()


# ---- bridges -------------------------------------------------------------------------

def _read_bridge(ctx, body, obj_id, current_vxlan=()):
    vxlan = body.uuid_list("vxLanPortIds")
    if vxlan and vxlan != list(current_vxlan):
        raise bad_request("VXLAN port ID cannot be set directly. VXLAN ports are created "
                          "and removed by binding the bridge to a VTEP.")
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


def list_bridges(ctx):
    return _list_filtered(ctx, "bridge", media.BRIDGE.list, render_bridge)


def create_bridge(ctx):
    body = ctx.body(media.BRIDGE.item)
    return _insert(ctx, "bridge", _read_bridge(ctx, body, _new_id(body)), "bridges")


def get_bridge(ctx, bridge_id):
    return ctx.item("bridge", bridge_id, media.BRIDGE.item, render_bridge)


def update_bridge(ctx, bridge_id):
    body = ctx.body(media.BRIDGE.item)
    current = ctx.load("bridge", bridge_id)
    doc = _read_bridge(ctx, body, bridge_id, current["vxLanPortIds"])
    ctx.store.replace("bridge", bridge_id, doc)
    return no_content()


def delete_bridge(ctx, bridge_id):
    ctx.load("bridge", bridge_id)
    for port in ctx.store.all("port", deviceId=bridge_id):
        ports.delete_port(ctx.store, port)
    ctx.store.delete("bridge", bridge_id)
    return no_content()


# ---- chains --------------------------------------------------------------------------

def render_chain(ctx, doc):
    uri = ctx.uri("chains", doc["id"])
    return {**doc, "uri": uri, "rules": uri + "/rules"}


def list_chains(ctx):
    return _list_filtered(ctx, "chain", media.CHAIN.list, render_chain)


def create_chain(ctx):
    body = ctx.body(media.CHAIN.item)
    doc = {"id": _new_id(body), "tenantId": body.string("tenantId"),
           "name": body.string("name", size=_NAME)}
    body.check()
    return _insert(ctx, "chain", doc, "chains")


def get_chain(ctx, chain_id):
    return ctx.item("chain", chain_id, media.CHAIN.item, render_chain)


def delete_chain(ctx, chain_id):
    ctx.load("chain", chain_id)
    _clear_chain_references(ctx.store, chain_id)
    ctx.store.delete("chain", chain_id)
    return no_content()


_CHAIN_FIELDS = {"router": ("inboundFilterId", "outboundFilterId", "localRedirectChainId",
                            "forwardChainId"),
                 "bridge": ("inboundFilterId", "outboundFilterId"),
                 "port": ("inboundFilterId", "outboundFilterId")}


def _clear_chain_references(store, chain_id):
    for kind, fields in _CHAIN_FIELDS.items():
        for doc in store.all(kind):
            hits = [f for f in fields if doc.get(f) == chain_id]
            if hits:
                doc.update(dict.fromkeys(hits))
                store.replace(kind, doc["id"], doc)


def list_rules(ctx, chain_id):
    # Rules are not emulated yet: every chain is empty.
    ctx.load("chain", chain_id)
    return ctx.list_of([], media.RULE.list, None)


def create_rule(ctx, chain_id):
    ctx.load("chain", chain_id)
    raise ApiError(501, "midoshell-sandbox does not emulate rules.")


ROUTES = [
    ("/routers", {"GET": list_routers, "POST": create_router}, {}),
    ("/routers/<router_id>", {"GET": get_router, "PUT": update_router,
                              "DELETE": delete_router}, {}),
    ("/bridges", {"GET": list_bridges, "POST": create_bridge}, {}),
    ("/bridges/<bridge_id>", {"GET": get_bridge, "PUT": update_bridge,
                              "DELETE": delete_bridge}, {}),
    ("/chains", {"GET": list_chains, "POST": create_chain}, {}),
    # No PUT: the real server has no update for chains, so the app answers 405.
    ("/chains/<chain_id>", {"GET": get_chain, "DELETE": delete_chain}, {}),
    ("/chains/<chain_id>/rules", {"GET": list_rules, "POST": create_rule}, {}),
]
