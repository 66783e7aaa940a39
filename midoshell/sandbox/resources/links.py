"""Port links: POST/DELETE /ports/{id}/link and the devices' peer_ports lists."""

from .. import media
from ..web import no_content
from .ports import connect, render_port

_PORT_LINK = media.PORT_LINK.item


def link(ctx, port_id):
    body = ctx.body(_PORT_LINK)
    peer_id = body.uuid("peerId")
    port = ctx.load("port", port_id)
    connect(ctx, port, peer_id)
    ctx.store.replace("port", port_id, port)
    # 201 without Location: the real server never computes a URI for the link object.
    return no_content(201)


def unlink(ctx, port_id):
    port = ctx.load("port", port_id)
    peer = ctx.store.get("port", port["peerId"])
    if peer is not None:
        peer["peerId"] = None
        ctx.store.replace("port", peer["id"], peer)
    if port["peerId"] is not None:
        port["peerId"] = None
        ctx.store.replace("port", port_id, port)
    return no_content()


def _peer_ports(ctx, kind, device_id):
    ctx.load(kind, device_id)
    peers = (ctx.store.get("port", p["peerId"]) for p in ctx.store.all("port", deviceId=device_id))
    return ctx.list_of([p for p in peers if p is not None], media.PORT.list, render_port,
                       generic=False)


def router_peer_ports(ctx, router_id):
    return _peer_ports(ctx, "router", router_id)


def bridge_peer_ports(ctx, bridge_id):
    return _peer_ports(ctx, "bridge", bridge_id)


ROUTES = [
    ("/ports/<port_id>/link", {"POST": link, "DELETE": unlink}, {}),
    ("/routers/<router_id>/peer_ports", {"GET": router_peer_ports}, {}),
    ("/bridges/<bridge_id>/peer_ports", {"GET": bridge_peer_ports}, {}),
]
