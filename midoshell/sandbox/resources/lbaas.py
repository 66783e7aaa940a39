"""L4 load balancing: load balancers, pools, pool members, VIPs and health monitors."""

from .. import media
from ..errors import bad_request, method_not_allowed
from ..validation import NOT_NULL, to_uuid
from ..web import json_response
from .owned import Owned
from .toplevel import TopLevel

LOAD_BALANCER = media.Types("LoadBalancer-v1")
POOL = media.Types("Pool-v1")
MEMBER = media.Types("PoolMember-v1")
VIP = media.Types("VIP-v1")
HEALTH_MONITOR = media.Types("HealthMonitor-v1")

ROUTER_AT_CREATION = (
    "A load balancer's router ID must be null at creation. To associate a router with a "
    "load balancer, first create the load balancer with null router ID and then update "
    "the router's load balancer ID.")
IP_INVALID = "is not a valid IP address"
STATUSES = ("ACTIVE", "INACTIVE")


def _required_uuid(body, key):
    value = body.uuid(key)
    if value is None:
        body.violation(key, NOT_NULL)
    return value


# ---- load balancers ------------------------------------------------------------------

def attached_router(store, lb_id):
    """The router whose `loadBalancerId` names this load balancer (the back-reference)."""
    routers = store.all("router", loadBalancerId=lb_id)
    return routers[0]["id"] if routers else None


def _read_lb(ctx, body, lb_id, current):
    router_id = body.uuid("routerId")
    doc = {"id": lb_id, "adminStateUp": body.boolean("adminStateUp", True)}
    body.check()
    if current is None and router_id is not None:
        raise bad_request(ROUTER_AT_CREATION)
    # The router is attached from the router's side; a PUT must repeat what is there.
    if current is not None and router_id != attached_router(ctx.store, lb_id):
        raise bad_request("Router cannot be modified")
    return doc


def render_lb(ctx, doc):
    uri = ctx.uri("load_balancers", doc["id"])
    router_id = attached_router(ctx.store, doc["id"])
    return {"id": doc["id"], "routerId": router_id, "adminStateUp": doc["adminStateUp"],
            "uri": uri, "router": ctx.uri("routers", router_id), "pools": uri + "/pools",
            "vips": uri + "/vips"}


# LBs, pools, members, VIPs and health monitors all delete "ignoring missing" (204).
LOAD_BALANCERS = TopLevel("load_balancer", "load_balancers", LOAD_BALANCER, _read_lb,
                          render_lb, delete_checks_missing=False)


def list_lb_vips(ctx, lb_id):
    ctype = ctx.accept(VIP.list, generic=False)
    ctx.load("load_balancer", lb_id)
    pools = {p["id"] for p in ctx.store.all("pool", loadBalancerId=lb_id)}
    docs = [v for v in ctx.store.all("vip") if v["poolId"] in pools]
    return json_response([render_vip(ctx, v) for v in docs], ctype)


def refuse_lb_vip(ctx, lb_id):
    raise method_not_allowed()  # VIPs are created through their pool


# ---- pools ---------------------------------------------------------------------------

def _read_pool(ctx, body, pool_id, current):
    body.enum("protocol", ("TCP",), "PoolProtocol")  # checked, but always TCP
    body.enum("status", STATUSES, "LBStatus")  # checked, but the API cannot change it
    doc = {"id": pool_id, "adminStateUp": body.boolean("adminStateUp", True),
           "healthMonitorId": body.uuid("healthMonitorId"),
           # Not @NotNull: a pool may be made without a load balancer.
           "loadBalancerId": body.uuid("loadBalancerId"),
           "protocol": "TCP",
           "lbMethod": body.enum("lbMethod", ("ROUND_ROBIN",), "PoolLBMethod",
                                 required=True),
           "status": current["status"] if current else "ACTIVE"}
    body.check()
    ctx.require({"load_balancer": [doc["loadBalancerId"]],
                 "health_monitor": [doc["healthMonitorId"]]})
    return doc


def render_pool(ctx, doc):
    uri = ctx.uri("pools", doc["id"])
    return {**doc, "uri": uri, "healthMonitor": ctx.uri("health_monitors",
                                                       doc["healthMonitorId"]),
            "loadBalancer": ctx.uri("load_balancers", doc["loadBalancerId"]),
            "vips": uri + "/vips", "poolMembers": uri + "/pool_members"}


POOLS = TopLevel("pool", "pools", POOL, _read_pool, render_pool, delete_checks_missing=False)


def list_pools(ctx):
    hm_id = ctx.query("hm_id")
    if hm_id is None:
        docs = ctx.store.all("pool")
    else:
        # A malformed id fails the server's UUID parse; a 400 says so.
        docs = ctx.store.all("pool", healthMonitorId=to_uuid(hm_id))
    return ctx.list_of(docs, POOL.list, render_pool)


# ---- pool members --------------------------------------------------------------------

def _read_member(ctx, body, member_id, current):
    doc = {"id": member_id,
           # Forced up on create; on PUT the Java field's default (false) applies.
           "adminStateUp": True if current is None else body.boolean("adminStateUp", False),
           "status": current["status"] if current else "ACTIVE",
           "poolId": _required_uuid(body, "poolId"),
           "address": body.ipv4("address", required=True, message=IP_INVALID),
           "protocolPort": body.integer("protocolPort", 0, 0, 65535),
           "weight": body.integer("weight", 1, 1)}
    body.check()
    ctx.require({"pool": [doc["poolId"]]})
    if current is not None:  # the address and port of a member cannot change
        doc.update(address=current["address"], protocolPort=current["protocolPort"])
    return doc


def render_member(ctx, doc):
    return {**doc, "uri": ctx.uri("pool_members", doc["id"]),
            "pool": ctx.uri("pools", doc["poolId"])}


MEMBERS = TopLevel("pool_member", "pool_members", MEMBER, _read_member, render_member,
                   delete_checks_missing=False)


# ---- VIPs ----------------------------------------------------------------------------

def _read_vip(ctx, body, vip_id, current):
    doc = {"id": vip_id, "poolId": _required_uuid(body, "poolId"),
           "address": body.ipv4("address", required=True, message=IP_INVALID),
           "protocolPort": body.integer("protocolPort", 0, 0, 65535),
           "sessionPersistence": body.enum("sessionPersistence", ("SOURCE_IP",),
                                           "VipSessionPersistence"),
           "adminStateUp": body.boolean("adminStateUp", True)}
    body.check()
    if not ctx.store.exists("pool", doc["poolId"]):
        # A VIP's missing pool is a bad request, not a missing resource.
        raise bad_request(f"There is no Pool with ID {doc['poolId']}.")
    return doc


def render_vip(ctx, doc):
    pool = ctx.store.get("pool", doc["poolId"]) or {}
    lb_id = pool.get("loadBalancerId")  # always read through the VIP's pool
    return {"id": doc["id"], "loadBalancerId": lb_id, "poolId": doc["poolId"],
            "address": doc["address"], "protocolPort": doc["protocolPort"],
            "sessionPersistence": doc["sessionPersistence"],
            "adminStateUp": doc["adminStateUp"], "uri": ctx.uri("vips", doc["id"]),
            "loadBalancer": ctx.uri("load_balancers", lb_id),
            "pool": ctx.uri("pools", doc["poolId"])}


VIPS = TopLevel("vip", "vips", VIP, _read_vip, render_vip, delete_checks_missing=False)


# VIP reads are hand-written JAX-RS methods: Jersey negotiates (a missing Accept is */*).
def list_vips(ctx):
    ctype = ctx.accept(VIP.list, generic=False)
    return json_response([render_vip(ctx, v) for v in ctx.store.all("vip")], ctype)


def get_vip(ctx, obj_id):
    ctype = ctx.accept(VIP.item, generic=False)
    return json_response(render_vip(ctx, ctx.load("vip", obj_id)), ctype)


# ---- health monitors -----------------------------------------------------------------

def _read_health_monitor(ctx, body, hm_id, current):
    doc = {"id": hm_id,
           "type": body.enum("type", ("TCP",), "HealthMonitorType", required=True),
           "delay": body.integer("delay", 0), "timeout": body.integer("timeout", 0),
           "maxRetries": body.integer("maxRetries", 0),
           # Forced up on create. The internal `status` (ACTIVE) is never shown.
           "adminStateUp": True if current is None else body.boolean("adminStateUp", True)}
    body.check()
    return doc


def render_health_monitor(ctx, doc):
    uri = ctx.uri("health_monitors", doc["id"])
    return {**doc, "uri": uri, "pools": uri + "/pools"}


HEALTH_MONITORS = TopLevel("health_monitor", "health_monitors", HEALTH_MONITOR,
                           _read_health_monitor, render_health_monitor,
                           delete_checks_missing=False)


# What a load balancer, pool or health monitor owns. The server looks a pool up before
# its nested resources handle anything: a missing pool is a 404 before any media type.
LB_POOLS = Owned("load_balancer", "pool", "loadBalancerId", render_pool, POOL.list,
                 child=POOLS)
POOL_MEMBERS = Owned("pool", "pool_member", "poolId", render_member, MEMBER.list,
                     child=MEMBERS, parent_first=True)
POOL_VIPS = Owned("pool", "vip", "poolId", render_vip, VIP.list, generic=False, child=VIPS,
                  parent_first=True)
HM_POOLS = Owned("health_monitor", "pool", "healthMonitorId", render_pool, POOL.list)


ROUTES = LOAD_BALANCERS.routes() + [
    ("/load_balancers/<parent_id>/pools", LB_POOLS.handlers(), {}),
    ("/load_balancers/<lb_id>/vips", {"GET": list_lb_vips, "POST": refuse_lb_vip}, {}),
    ("/pools", {"GET": list_pools, "POST": POOLS.create}, {}),
    POOLS.routes()[1],
    ("/pools/<parent_id>/pool_members", POOL_MEMBERS.handlers(), {}),
    ("/pools/<parent_id>/vips", POOL_VIPS.handlers(), {}),
] + MEMBERS.routes() + [
    ("/vips", {"GET": list_vips, "POST": VIPS.create}, {}),
    ("/vips/<obj_id>", {**VIPS.routes()[1][1], "GET": get_vip}, {}),
] + HEALTH_MONITORS.routes() + [
    ("/health_monitors/<parent_id>/pools", HM_POOLS.handlers(), {}),
]
