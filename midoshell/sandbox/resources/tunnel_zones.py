"""Tunnel zones and their host members (`/tunnel_zones/{id}/hosts`)."""

from .. import media
from ..errors import ApiError
from .memberships import Membership
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


def _read_address(body):
    return {"ipAddress": body.ipv4("ipAddress", required=True)}


# Member endpoints are JAX-RS ones that only speak the member vendor types, not json.
MEMBERS = Membership("tz_member", "tunnel_zone", "host", "tunnelZoneId", "hostId",
                     ("tunnel_zones", "hosts", "hosts"), ("host", "tunnelZone"),
                     ("hostId", "ipAddress", "tunnelZoneId"), media.TZ_MEMBER, generic=False,
                     read_extra=_read_address)

ROUTES = ZONES.routes() + MEMBERS.routes()
