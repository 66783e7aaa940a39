"""Router routes: user routes, the automatic Local route of each router-port address."""

import uuid

from .. import deletes, media
from ..errors import ApiError
from ..validation import IPV4_PATTERN, NOT_NULL
from .owned import Owned
from .toplevel import TopLevel

ROUTE_TYPES = ("Normal", "BlackHole", "Reject", "Local", "Fip64")
NEXT_HOP_MESSAGE = ("This type of route requires a next hop port that is a port on the "
                    "same router.")


def _route(router_id, route_type, src, dst, next_hop_port=None, gateway=None, weight=0,
           attributes=None, route_id=None):
    """A stored route; `src`/`dst` are (address, length) pairs kept exactly as given."""
    return {"id": route_id or str(uuid.uuid4()), "type": route_type,
            "srcNetworkAddr": src[0], "srcNetworkLength": src[1],
            "dstNetworkAddr": dst[0], "dstNetworkLength": dst[1],
            "nextHopPort": next_hop_port, "nextHopGateway": gateway, "weight": weight,
            "attributes": attributes, "learned": False, "routerId": router_id}


def render_route(ctx, doc):
    return {**doc, "uri": ctx.uri("routes", doc["id"]),
            "router": ctx.uri("routers", doc["routerId"])}


def add_local_routes(store, port):
    """The server's side effect of a router port: one /32 Local route per IPv4 address."""
    for entry in port.get("portSubnet") or []:
        address = entry.split("/", 1)[0]
        if ":" not in address:
            doc = _route(port["deviceId"], "Local", ("0.0.0.0", 0), (address, 32),
                         next_hop_port=port["id"])
            store.insert("route", doc["id"], doc)


def delete_local_routes(store, port_id):
    """The Local routes of a router port, made again when its addresses change."""
    for doc in store.all("route", nextHopPort=port_id, type="Local"):
        deletes.delete(store, "route", doc["id"], doc)


def _route_type(body):
    value = body.data.get("type")
    if value is None:
        body.violation("type", NOT_NULL)
    elif value not in ROUTE_TYPES:
        # the route DTO swaps Jackson's enum error for its own fixed message
        raise ApiError(400, "This type of route is invalid.")
    return value


def _read_route(body, router_id):
    route_type = _route_type(body)
    # The addresses carry an un-messaged @Pattern: violations quote its regex.
    src = (body.ipv4("srcNetworkAddr", required=True, message=IPV4_PATTERN),
           body.integer("srcNetworkLength", 0, 0, 32))
    dst = (body.ipv4("dstNetworkAddr", required=True, message=IPV4_PATTERN),
           body.integer("dstNetworkLength", 0, 0, 32))
    gateway = body.ipv4("nextHopGateway", message=IPV4_PATTERN)
    doc = _route(router_id, route_type, src, dst,
                 next_hop_port=body.uuid("nextHopPort"), gateway=gateway,
                 weight=body.integer("weight", 0, 0), attributes=body.string("attributes"),
                 route_id=body.uuid("id"))
    body.check()
    return doc


def _check_next_hop(ctx, doc):
    port = ctx.store.get("port", doc["nextHopPort"])
    if doc["type"] == "Normal":
        if port is None or port["deviceId"] != doc["routerId"]:
            raise ApiError(400, NEXT_HOP_MESSAGE)
    elif doc["nextHopPort"] is not None and port is None:
        ctx.load("port", doc["nextHopPort"])


# Made under their router only (a template, no top-level list: 405); no PUT; deleting a
# missing route is not an error on the real server (204).
ROUTES_TOP = TopLevel("route", "routes", media.ROUTE, None, render_route,
                      delete_checks_missing=False, updatable=False, listed=False)
ROUTER_ROUTES = Owned("router", "route", "routerId", render_route, media.ROUTE.list)


def create_route(ctx, parent_id):
    # Not Owned.create: a route's id is read after its other fields, as the server does.
    router_id = parent_id
    body = ctx.body(media.ROUTE.item)
    doc = _read_route(body, router_id)
    ctx.load("router", router_id)
    _check_next_hop(ctx, doc)
    return ROUTES_TOP.insert(ctx, doc)


ROUTES = ROUTES_TOP.routes() + [
    ("/routers/<parent_id>/routes", {**ROUTER_ROUTES.handlers(), "POST": create_route}, {}),
]
