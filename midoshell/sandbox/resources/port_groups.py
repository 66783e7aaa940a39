"""Port groups, their member ports (`/port_groups/{id}/ports`) and `/ports/{id}/port_groups`."""

from .. import deletes, media
from ..errors import ApiError
from ..validation import NOT_NULL, to_uuid
from ..web import created, json_response, no_content
from .owned import Owned
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

def _member_key(group_id, port_id):
    return f"{group_id}/{port_id}"


def render_member(ctx, doc):
    group_id, port_id = doc["portGroupId"], doc["portId"]
    return {"portGroupId": group_id, "portId": port_id,
            "uri": ctx.uri("port_groups", group_id, "ports", port_id),
            "port": ctx.uri("ports", port_id), "portGroup": ctx.uri("port_groups", group_id)}


# Both lists are JAX-RS methods that check the Accept header first.
MEMBERS = Owned("port_group", "pg_member", "portGroupId", render_member, MEMBER.list,
                generic=False, accept_first=True)
GROUPS_OF_PORT = Owned("port", "pg_member", "portId", render_member, MEMBERS_OF_PORT,
                       generic=False, accept_first=True)


def get_member(ctx, group_id, port_id):
    ctype = ctx.accept(MEMBER.item)
    ctx.load("port", port_id)  # the server looks up the port, not the group
    doc = ctx.store.get("pg_member", _member_key(group_id, port_id))
    if doc is None:
        raise ApiError(404, "Resource not found")
    return json_response(render_member(ctx, doc), ctype)


def add_member(ctx, parent_id):
    group_id = parent_id
    body = ctx.body(MEMBER.item)
    port_id = body.uuid("portId")
    if port_id is None:
        body.violation("portId", NOT_NULL)
    body.check()
    ctx.load("port", port_id)
    ctx.load("port_group", group_id)
    doc = {"portGroupId": group_id, "portId": port_id}
    if not ctx.store.insert("pg_member", _member_key(group_id, port_id), doc):
        raise ApiError(409, empty=True)  # a second membership: empty body, as on the server
    return created(ctx.uri("port_groups", group_id, "ports", port_id))


def remove_member(ctx, group_id, port_id):
    ctx.load("port_group", group_id)
    removed = deletes.delete(ctx.store, "pg_member", _member_key(group_id, port_id))
    # Only an existing port that is not a member is an error; a vanished port is not.
    if not removed and ctx.store.exists("port", port_id):
        raise ApiError(404, empty=True)
    return no_content()


ROUTES = [
    ("/port_groups", {"GET": list_groups, "POST": GROUPS.create}, {}),
    ("/port_groups/<obj_id>", {"GET": get_group, "PUT": GROUPS.update,
                               "DELETE": GROUPS.delete}, {}),
    ("/port_groups/<parent_id>/ports", {**MEMBERS.handlers(), "POST": add_member}, {}),
    ("/port_groups/<group_id>/ports/<port_id>", {"GET": get_member,
                                                 "DELETE": remove_member}, {}),
    ("/ports/<parent_id>/port_groups", GROUPS_OF_PORT.handlers(), {}),
]
