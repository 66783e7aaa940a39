"""Port mirrors (`/mirrors`) and L2 service insertions (`/l2insertions`)."""

from .. import media
from ..conditions import read_nested_condition, render_condition
from ..errors import ApiError
from ..validation import NOT_NULL
from .toplevel import TopLevel

MIRROR = media.Types("Mirror-v1")
INSERTION = media.Types("L2Insertion-v1")


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


# Deleting a missing mirror is not an error.
MIRRORS = TopLevel("mirror", "mirrors", MIRROR, _read_mirror, render_mirror,
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


INSERTIONS = TopLevel("l2insertion", "l2insertions", INSERTION, _read_insertion,
                      render_insertion, delete_checks_missing=False)


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


ROUTES = MIRRORS.routes() + [
    ("/l2insertions", {"GET": list_insertions, "POST": INSERTIONS.create}, {}),
] + INSERTIONS.routes()[1:]
