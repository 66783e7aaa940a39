"""BGP peers and advertised networks of a router (`/routers/{id}/bgp_peers|bgp_networks`)."""

from .. import media
from ..errors import ApiError
from ..validation import IPV4_PATTERN
from ..web import no_content
from .owned import Owned
from .toplevel import TopLevel

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


def _check_unique(ctx, doc):
    if ctx.store.all("bgp_peer", routerId=doc["routerId"], address=doc["address"],
                     asNumber=doc["asNumber"]):
        raise ApiError(400, PEER_EXISTS.format(doc["address"], doc["asNumber"]))


def render_peer(ctx, doc):
    out = {key: doc[key] for key in ("id", "asNumber", "address", "keepAlive", "holdTime",
                                     "connectRetry", "password")}
    out.update(uri=ctx.uri("bgp_peers", doc["id"]), router=ctx.uri("routers", doc["routerId"]))
    return out


def update_peer(ctx, obj_id):
    fields = _read_peer(ctx.body(PEER.item))
    doc = ctx.load("bgp_peer", obj_id)
    # Only creation checks that address and AS number are unique on the router.
    doc.update(fields)  # a full replacement; the id and the router stay
    ctx.store.replace("bgp_peer", obj_id, doc)
    return no_content()


# Made under their router only (templates, no top-level lists: 405); deleting a missing
# one is no error (204), as on the server.
def _read_new_peer(ctx, body, obj_id, current):
    return {"id": obj_id, **_read_peer(body), "routerId": body.data["routerId"]}


PEERS = TopLevel("bgp_peer", "bgp_peers", PEER, _read_new_peer, render_peer,
                 delete_checks_missing=False, listed=False)


# ---- networks ----------------------------------------------------------------------------

def render_network(ctx, doc):
    return {"id": doc["id"], "subnetAddress": doc["subnetAddress"],
            "subnetLength": doc["subnetLength"], "uri": ctx.uri("bgp_networks", doc["id"]),
            "router": ctx.uri("routers", doc["routerId"])}


def _read_network(ctx, body, obj_id, current):
    doc = {"id": obj_id,
           "subnetAddress": body.ipv4("subnetAddress", required=True, message=IPV4_PATTERN),
           "subnetLength": body.integer("subnetLength", 0, 0, 32),
           "routerId": body.data["routerId"]}
    body.check()
    return doc


NETWORKS = TopLevel("bgp_network", "bgp_networks", NETWORK, _read_network, render_network,
                    delete_checks_missing=False, updatable=False, listed=False)

ROUTER_PEERS = Owned("router", "bgp_peer", "routerId", render_peer, PEER.list, child=PEERS,
                     check_new=_check_unique)
ROUTER_NETWORKS = Owned("router", "bgp_network", "routerId", render_network, NETWORK.list,
                        child=NETWORKS)

ROUTES = PEERS.routes(update=update_peer) + NETWORKS.routes() + [
    ("/routers/<parent_id>/bgp_peers", ROUTER_PEERS.handlers(), {}),
    ("/routers/<parent_id>/bgp_networks", ROUTER_NETWORKS.handlers(), {}),
]
