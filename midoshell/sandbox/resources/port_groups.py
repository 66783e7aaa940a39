"""Port groups, their member ports (`/port_groups/{id}/ports`) and `/ports/{id}/port_groups`."""

from .. import media
from ..validation import to_uuid
from .memberships import Membership
from .toplevel import TopLevel

PORT_GROUP = media.Types("PortGroup-v1")
# A single port group is served only as the vendor type: plain json is refused (406).
PORT_GROUP_GET = [media.vnd("PortGroup-v1")]
MEMBER = media.Types("PortGroupPort-v1")
MEMBERS_OF_PORT = [media.coll("PortGroupPort-v1")]


def render_group(ctx, doc):
    uri = ctx.uri("port_groups", doc["id"])
    return {**doc, "uri": uri, "ports": uri + "/ports"}


def _read_group(ctx, body, group_id, current):
    doc = {"id": group_id, "tenantId": body.string("tenantId"),
           "name": body.string("name", size=(0, 255)),
           "stateful": body.boolean("stateful", False)}
    body.check()
    return doc


# Deleting a missing port group is not an error on the real server (204).
GROUPS = TopLevel("port_group", "port_groups", PORT_GROUP, _read_group, render_group,
                  delete_checks_missing=False)


def list_groups(ctx):
    """All port groups, optionally only a tenant's and/or only those holding a port."""
    tenant, port = ctx.query("tenant_id"), ctx.query("port_id")
    docs = ctx.store.all("port_group") if tenant is None else \
        ctx.store.all("port_group", tenantId=tenant)
    if port is not None:
        holding = {m["portGroupId"] for m in ctx.store.all("pg_member", portId=to_uuid(port))}
        docs = [doc for doc in docs if doc["id"] in holding]
    return ctx.list_of(docs, PORT_GROUP.list, render_group)


def get_group(ctx, obj_id):
    return ctx.item("port_group", obj_id, PORT_GROUP_GET, render_group)


# ---- members -----------------------------------------------------------------------------

# The server's port-group resource works from the port (see Membership.from_member).
MEMBERS = Membership("pg_member", "port_group", "port", "portGroupId", "portId",
                     ("port_groups", "ports", "ports"), ("port", "portGroup"),
                     ("portGroupId", "portId"), MEMBER, generic=True, from_member=True)
GROUPS_OF_PORT = MEMBERS.listed("port", "portId", MEMBERS_OF_PORT)


ROUTES = [
    ("/port_groups", {"GET": list_groups, "POST": GROUPS.create}, {}),
    ("/port_groups/<obj_id>", {"GET": get_group, "PUT": GROUPS.update,
                               "DELETE": GROUPS.delete}, {}),
] + MEMBERS.routes() + [
    ("/ports/<parent_id>/port_groups", GROUPS_OF_PORT.handlers(), {}),
]
