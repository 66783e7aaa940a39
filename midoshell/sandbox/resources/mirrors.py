"""Port mirrors (`/mirrors`) and L2 service insertions (`/l2insertions`)."""

from .. import hooks, media
from ..conditions import read_nested_condition, render_condition
from ..errors import ApiError
from ..validation import NOT_NULL
from .toplevel import TopLevel

MIRROR = media.Types("Mirror-v1")
INSERTION = media.Types("L2Insertion-v1")

# Where routers, bridges and ports name the mirrors they send traffic to.
_MIRROR_FIELDS = {
    "router": ("inboundMirrorIds", "outboundMirrorIds"),
    "bridge": ("inboundMirrorIds", "outboundMirrorIds"),
    "port": ("inboundMirrorIds", "outboundMirrorIds", "postInFilterMirrorIds",
             "preOutFilterMirrorIds"),
}


# ---- mirrors -------------------------------------------------------------------------

def _required_uuid(body, key):
    value = body.uuid(key)
    if value is None:
        body.violation(key, NOT_NULL)
    return value


def _read_mirror(ctx, body, mirror_id, current):
    to_port = _required_uuid(body, "toPortId")
    raw = body.data.get("conditions")
    raw = [] if raw is None else raw
    if not isinstance(raw, list):
        raise ApiError(400, "Can not deserialize instance of java.util.ArrayList out of "
                            "non-array token")
    conditions = [read_nested_condition(item, f"conditions[{index}]", body)
                  for index, item in enumerate(raw)]
    body.check()
    ctx.require({"port": [to_port]})
    return {"id": mirror_id, "toPortId": to_port, "conditions": conditions}


def render_mirror(ctx, doc):
    return {"id": doc["id"], "toPortId": doc["toPortId"],
            "conditions": [render_condition(c) for c in doc["conditions"]],
            "uri": ctx.uri("mirrors", doc["id"])}


def _forget_mirror(store, mirror_id):
    """Take a deleted mirror out of every device's mirror lists (a CLEAR binding)."""
    for kind, fields in _MIRROR_FIELDS.items():
        for doc in store.all(kind):
            hits = [f for f in fields if mirror_id in (doc.get(f) or ())]
            for field in hits:
                doc[field] = [m for m in doc[field] if m != mirror_id]
            if hits:
                store.replace(kind, doc["id"], doc)


# Deleting a missing mirror is not an error.
MIRRORS = TopLevel("mirror", "mirrors", MIRROR, _read_mirror, render_mirror,
                   cascade=lambda ctx, doc: _forget_mirror(ctx.store, doc["id"]),
                   delete_checks_missing=False)


# ---- L2 insertions -------------------------------------------------------------------

def _set_insertion_on_port(store, insertion, present):
    """Keep the protected port's `insertionIds` in step with its insertions."""
    port = store.get("port", insertion["portId"])
    if port is None:
        return
    ids = [i for i in port.get("insertionIds") or [] if i != insertion["id"]]
    port["insertionIds"] = ids + [insertion["id"]] if present else ids
    store.replace("port", port["id"], port)


def _read_insertion(ctx, body, insertion_id, current):
    doc = {"id": insertion_id, "portId": _required_uuid(body, "portId"),
           "srvPortId": _required_uuid(body, "srvPortId"),
           "vlan": body.integer("vlan", 0), "position": body.integer("position", 0),
           "failOpen": body.boolean("failOpen", False),
           "mac": body.string("mac", required=True)}
    body.check()
    ctx.require({"port": [doc["portId"], doc["srvPortId"]]})
    # Inside the request's transaction: a failing create or update undoes this too.
    if current is not None:
        _set_insertion_on_port(ctx.store, current, False)
    _set_insertion_on_port(ctx.store, doc, True)
    return doc


def render_insertion(ctx, doc):
    return {**doc, "uri": ctx.uri("l2insertions", doc["id"])}


INSERTIONS = TopLevel(
    "l2insertion", "l2insertions", INSERTION, _read_insertion, render_insertion,
    cascade=lambda ctx, doc: _set_insertion_on_port(ctx.store, doc, False),
    delete_checks_missing=False)


def list_insertions(ctx):
    # `srv_port` wins over `port` when both are given, as on the server.
    srv_port, port = ctx.query("srv_port"), ctx.query("port")
    if srv_port is not None:
        docs = ctx.store.all("l2insertion", srvPortId=srv_port)
    elif port is not None:
        docs = ctx.store.all("l2insertion", portId=port)
    else:
        docs = ctx.store.all("l2insertion")
    return ctx.list_of(docs, INSERTION.list, render_insertion)


@hooks.on_delete("port")
def _drop_port_mirrors_and_insertions(store, port):
    """A port takes along the mirrors that copy to it and the insertions that use it."""
    for mirror in store.all("mirror", toPortId=port["id"]):
        _forget_mirror(store, mirror["id"])
        store.delete("mirror", mirror["id"])
    for field in ("portId", "srvPortId"):
        for insertion in store.all("l2insertion", **{field: port["id"]}):
            _set_insertion_on_port(store, insertion, False)
            store.delete("l2insertion", insertion["id"])


ROUTES = MIRRORS.routes() + [
    ("/l2insertions", {"GET": list_insertions, "POST": INSERTIONS.create}, {}),
] + INSERTIONS.routes()[1:]
