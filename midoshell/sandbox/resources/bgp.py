"""BGP peers and advertised networks of a router (`/routers/{id}/bgp_peers|bgp_networks`)."""

import uuid

from .. import deletes, media
from ..errors import ApiError, already_exists
from ..validation import IPV4_PATTERN
from ..web import created, no_content
from .owned import Owned

PEER = media.Types("BgpPeer-v1")
NETWORK = media.Types("BgpNetwork-v1")
PEER_EXISTS = "A BGP peer with address {} and AS number {} already exists."


# ---- peers -------------------------------------------------------------------------------

def _read_peer(body):
    as_number = body.integer("asNumber", low=1)
    if as_number is None:  # a Java int: absent means 0, which its @Min(1) refuses
        body.violation("asNumber", "must be greater than or equal to 1")
    fields = {"asNumber": as_number,
              "address": body.ipv4("address", required=True, message=IPV4_PATTERN),
              "keepAlive": body.integer("keepAlive", None, 5, 3600),
              "holdTime": body.integer("holdTime", None, 5, 7200),
              "connectRetry": body.integer("connectRetry", None, 5, 3600),
              "password": body.string("password")}
    body.check()
    return fields


def _check_unique(ctx, router_id, fields):
    if ctx.store.all("bgp_peer", routerId=router_id, address=fields["address"],
                     asNumber=fields["asNumber"]):
        raise ApiError(400, PEER_EXISTS.format(fields["address"], fields["asNumber"]))


def render_peer(ctx, doc):
    out = {key: doc[key] for key in ("id", "asNumber", "address", "keepAlive", "holdTime",
                                     "connectRetry", "password")}
    out.update(uri=ctx.uri("bgp_peers", doc["id"]), router=ctx.uri("routers", doc["routerId"]))
    return out


def create_peer(ctx, parent_id):
    router_id = parent_id
    body = ctx.body(PEER.item)
    doc = {"id": body.uuid("id") or str(uuid.uuid4()), **_read_peer(body),
           "routerId": router_id}
    ctx.load("router", router_id)
    _check_unique(ctx, router_id, doc)
    if not ctx.store.insert("bgp_peer", doc["id"], doc):
        raise already_exists("BgpPeer", doc["id"])
    return created(ctx.uri("bgp_peers", doc["id"]))


def get_peer(ctx, peer_id):
    return ctx.item("bgp_peer", peer_id, PEER.item, render_peer)


def update_peer(ctx, peer_id):
    fields = _read_peer(ctx.body(PEER.item))
    doc = ctx.load("bgp_peer", peer_id)
    # Only creation checks that address and AS number are unique on the router.
    doc.update(fields)  # a full replacement; the id and the router stay
    ctx.store.replace("bgp_peer", peer_id, doc)
    return no_content()


def delete_peer(ctx, peer_id):
    deletes.delete(ctx.store, "bgp_peer", peer_id)  # 204 even when missing, as on the server
    return no_content()


# ---- networks ----------------------------------------------------------------------------

def render_network(ctx, doc):
    return {"id": doc["id"], "subnetAddress": doc["subnetAddress"],
            "subnetLength": doc["subnetLength"], "uri": ctx.uri("bgp_networks", doc["id"]),
            "router": ctx.uri("routers", doc["routerId"])}


def create_network(ctx, parent_id):
    router_id = parent_id
    body = ctx.body(NETWORK.item)
    doc = {"id": body.uuid("id") or str(uuid.uuid4()),
           "subnetAddress": body.ipv4("subnetAddress", required=True, message=IPV4_PATTERN),
           "subnetLength": body.integer("subnetLength", 0, 0, 32), "routerId": router_id}
    body.check()
    ctx.load("router", router_id)
    if not ctx.store.insert("bgp_network", doc["id"], doc):
        raise already_exists("BgpNetwork", doc["id"])
    return created(ctx.uri("bgp_networks", doc["id"]))


def get_network(ctx, network_id):
    return ctx.item("bgp_network", network_id, NETWORK.item, render_network)


def delete_network(ctx, network_id):
    deletes.delete(ctx.store, "bgp_network", network_id)  # 204 even when missing
    return no_content()


PEERS = Owned("router", "bgp_peer", "routerId", render_peer, PEER.list)
NETWORKS = Owned("router", "bgp_network", "routerId", render_network, NETWORK.list)

ROUTES = [
    ("/routers/<parent_id>/bgp_peers", {**PEERS.handlers(), "POST": create_peer}, {}),
    ("/bgp_peers", {}, {}),  # templates only, no top-level lists: every method is 405
    ("/bgp_peers/<peer_id>", {"GET": get_peer, "PUT": update_peer, "DELETE": delete_peer}, {}),
    ("/routers/<parent_id>/bgp_networks", {**NETWORKS.handlers(), "POST": create_network},
     {}),
    ("/bgp_networks", {}, {}),
    ("/bgp_networks/<network_id>", {"GET": get_network, "DELETE": delete_network}, {}),
]
