"""Trace requests (`/traces`): a device, a rule condition and a packet limit."""

import time

from .. import media
from ..conditions import read_nested_condition, render_condition
from ..errors import not_found
from ..validation import NOT_NULL
from ..web import PROTO, no_content
from .toplevel import TopLevel

TRACE = media.Types("TraceRequest-v1")
DEVICE_KINDS = {"BRIDGE": "bridge", "PORT": "port", "ROUTER": "router"}
LONG_MAX = 9223372036854775807


# ---- trace requests ------------------------------------------------------------------

def _read_trace(ctx, body, trace_id, current):
    device_type = body.enum("deviceType", tuple(DEVICE_KINDS), "DeviceType", required=True)
    device_id = body.uuid("deviceId")
    if device_id is None:
        body.violation("deviceId", NOT_NULL)
    condition = body.data.get("condition")
    if condition is None:
        body.violation("condition", NOT_NULL)
    else:
        condition = read_nested_condition(condition, "condition", body)
    doc = {"id": trace_id, "name": body.string("name", required=True),
           "deviceType": device_type, "deviceId": device_id, "condition": condition,
           # Jackson keeps a sent timestamp; the field's initialiser is the clock.
           "creationTimestampMs": body.integer("creationTimestampMs",
                                               int(time.time() * 1000)),
           "limit": body.integer("limit", LONG_MAX),
           "enabled": body.boolean("enabled", False)}
    body.check()
    ctx.require({DEVICE_KINDS[device_type]: [device_id]})
    return doc


def render_trace(ctx, doc):
    out = {key: doc[key] for key in ("id", "name", "deviceType", "deviceId")}
    out["condition"] = render_condition(doc["condition"])
    out.update(creationTimestampMs=doc["creationTimestampMs"], limit=doc["limit"],
               enabled=doc["enabled"], uri=ctx.uri("traces", doc["id"]))
    return out


# Deleting a trace request that does not exist is not an error.
TRACES = TopLevel("trace_request", "traces", TRACE, _read_trace, render_trace,
                  delete_checks_missing=False)


def _tenant_of(store, trace):
    """Tenant of the traced device; a port counts as its router's or bridge's."""
    kind, device = DEVICE_KINDS[trace["deviceType"]], trace["deviceId"]
    if kind == "port":
        port = store.get("port", device)
        if port is None:
            return None
        kind = "router" if port["type"] == "Router" else "bridge"
        device = port["deviceId"]
    doc = store.get(kind, device)
    return doc.get("tenantId") if doc else None


def list_traces(ctx):
    docs = ctx.store.all("trace_request")
    tenant = ctx.query("tenant_id")
    if tenant is not None:
        docs = [d for d in docs if _tenant_of(ctx.store, d) == tenant]
    return ctx.list_of(docs, TRACE.list, render_trace)


def update_trace(ctx, obj_id):
    """PUT stores the body under the body's `id`, after checking the path's id exists."""
    body = ctx.body(TRACE.item)
    ctx.load("trace_request", obj_id)
    # A body without an id would make the server write a null key; the path's id is the
    # only sensible target then.
    target = body.uuid("id") or obj_id
    doc = _read_trace(ctx, body, target, None)
    if not ctx.store.exists("trace_request", target):
        raise not_found(PROTO["trace_request"], target)
    ctx.store.replace("trace_request", target, doc)
    return no_content()


ROUTES = [
    ("/traces", {"GET": list_traces, "POST": TRACES.create}, {}),
    ("/traces/<obj_id>", {"GET": TRACES.get, "PUT": update_trace,
                          "DELETE": TRACES.delete}, {}),
]
