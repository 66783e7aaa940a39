"""Tunnel zones and their host members (`/tunnel_zones/{id}/hosts`)."""

from .. import deletes, media
from ..errors import ApiError
from ..validation import NOT_NULL
from ..web import created, json_response, no_content
from .owned import Owned
from .toplevel import TopLevel

ZONE_TYPES = ("gre", "vxlan", "vtep")
NAME_TAKEN = "Tunnel zone name already exists."


def render_zone(ctx, doc):
    uri = ctx.uri("tunnel_zones", doc["id"])
    return {**doc, "uri": uri, "hosts": uri + "/hosts"}


def _read_zone(ctx, body, zone_id, current):
    doc = {"id": zone_id, "name": body.string("name", required=True, size=(1, 255)),
           "type": body.enum("type", ZONE_TYPES, "TunnelZoneType", required=True)}
    body.check()
    # The server compares against every zone, itself included, so renaming a zone to
    # its own name is a conflict too.
    if any(z["name"] == doc["name"] for z in ctx.store.all("tunnel_zone")):
        raise ApiError(409, NAME_TAKEN)
    return doc


def _refuse_zone_of_vteps(store, zone):
    ids = [vtep["id"] for vtep in store.all("vtep", tunnelZoneId=zone["id"])]
    if ids:
        # The server's message ends with the Scala collection it found them in.
        raise ApiError(409, "Tunnel Zone is used by VTEP(s), please delete the following "
                            "VTEPs before deleting this tunnel zone: "
                            f"ArrayBuffer({', '.join(ids)})")


# Idempotent on the real server: 204 whether or not the zone exists.
ZONES = TopLevel("tunnel_zone", "tunnel_zones", media.TUNNEL_ZONE, _read_zone, render_zone,
                 refuse_delete=_refuse_zone_of_vteps, delete_checks_missing=False)


def _member_key(zone_id, host_id):
    return f"{zone_id}/{host_id}"


def render_member(ctx, doc):
    zone_id, host_id = doc["tunnelZoneId"], doc["hostId"]
    return {"hostId": host_id, "ipAddress": doc["ipAddress"], "tunnelZoneId": zone_id,
            "uri": ctx.uri("tunnel_zones", zone_id, "hosts", host_id),
            "host": ctx.uri("hosts", host_id), "tunnelZone": ctx.uri("tunnel_zones", zone_id)}


# Member endpoints are JAX-RS ones that only speak the member vendor types, not json.
MEMBERS = Owned("tunnel_zone", "tz_member", "tunnelZoneId", render_member,
                media.TZ_MEMBER.list, generic=False, accept_first=True)


def get_member(ctx, zone_id, host_id):
    ctype = ctx.accept(media.TZ_MEMBER.item, generic=False)
    ctx.load("tunnel_zone", zone_id)
    doc = ctx.store.get("tz_member", _member_key(zone_id, host_id))
    if doc is None:
        raise ApiError(404, "Resource not found")
    return json_response(render_member(ctx, doc), ctype)


def add_member(ctx, parent_id):
    zone_id = parent_id
    body = ctx.body(media.TZ_MEMBER.item, generic=False)
    host_id = body.uuid("hostId")
    if host_id is None:
        body.violation("hostId", NOT_NULL)
    address = body.ipv4("ipAddress", required=True)
    body.check()
    ctx.load("tunnel_zone", zone_id)
    key = _member_key(zone_id, host_id)
    if ctx.store.exists("tz_member", key):
        raise ApiError(409, empty=True)
    ctx.load("host", host_id)
    ctx.store.insert("tz_member", key, {"tunnelZoneId": zone_id, "hostId": host_id,
                                        "ipAddress": address})
    return created(ctx.uri("tunnel_zones", zone_id, "hosts", host_id))


def remove_member(ctx, zone_id, host_id):
    ctx.load("tunnel_zone", zone_id)
    if not deletes.delete(ctx.store, "tz_member", _member_key(zone_id, host_id)):
        raise ApiError(404, empty=True)
    return no_content()


ROUTES = ZONES.routes() + [
    ("/tunnel_zones/<parent_id>/hosts", {**MEMBERS.handlers(), "POST": add_member}, {}),
    ("/tunnel_zones/<zone_id>/hosts/<host_id>", {"GET": get_member,
                                                 "DELETE": remove_member}, {}),
]
