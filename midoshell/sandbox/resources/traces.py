"""Trace requests (`/traces`) and the rule-condition object they share with mirrors."""

import re
import time

from .. import hooks, media
from ..errors import ApiError, not_found
from ..validation import NOT_NULL, Body
from ..web import PROTO, no_content
from .toplevel import TopLevel

TRACE = media.Types("TraceRequest-v1")
DEVICE_KINDS = {"BRIDGE": "bridge", "PORT": "port", "ROUTER": "router"}
LONG_MAX = 9223372036854775807

MAC_INVALID = "MAC address string must be 6 words of 1 or 2 hex digits joined with 5 ':'"
MASK_INVALID = ('MAC mask must consist of three sets of four hexadecimal digits separated '
                'by periods, e.g. "ffff.ff00.0000".')
# The range constraint names a message key the properties file lacks, so Hibernate
# Validator hands back the template itself.
RANGE_INVALID = "{midokura.javarx.RangeNotValid.message}"
FRAG_UNDEFINED = ("The valid options for fragmentPolicy are: 'any', 'header', 'nonheader', "
                  "and 'unfragmented'.")
FRAG_L4 = ("For a rule with tpDst or tpSrc constraints, the fragmentPolicy must be 'header' "
           "or 'unfragmented'.")
FRAG_POLICIES = ("any", "nonheader", "header", "unfragmented")

_MAC = re.compile(r"^([0-9A-Fa-f]{1,2}:){5}[0-9A-Fa-f]{1,2}$")
_MASK = re.compile(r"^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$")


# ---- conditions ----------------------------------------------------------------------

def _mac(body, key):
    value = body.string(key)
    if value is not None and not _MAC.match(value):
        body.violation(key, MAC_INVALID)
    return value


def _mask(body, key):
    value = body.string(key)
    if value is None:
        return None
    if not _MASK.match(value):
        body.violation(key, MASK_INVALID)
        return value
    return value.lower()  # the server stores the mask as a number and prints it back


def _range(body, key):
    value = body.data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ApiError(400, "Can not deserialize instance of org.midonet.util.Range out of "
                            "non-object token")
    bounds = Body(value)
    start, end = bounds.integer("start"), bounds.integer("end")
    if start is None or end is None or not 1 <= start <= end <= 0xFFFF:
        body.violation(key, RANGE_INVALID)
    return {"start": start, "end": end}


def _inv(key):
    return lambda body, _: body.boolean(key, False)


# (JSON key, reader) in the order the server lists them; each `inv*` flag follows its field.
_READERS = [
    ("condInvert", _inv("condInvert")), ("matchForwardFlow", _inv("matchForwardFlow")),
    ("matchReturnFlow", _inv("matchReturnFlow")),
    ("inPorts", Body.uuid_list), ("invInPorts", _inv("invInPorts")),
    ("outPorts", Body.uuid_list), ("invOutPorts", _inv("invOutPorts")),
    ("portGroup", Body.uuid), ("invPortGroup", _inv("invPortGroup")),
    ("inPortGroup", Body.uuid), ("invInPortGroup", _inv("invInPortGroup")),
    ("outPortGroup", Body.uuid), ("invOutPortGroup", _inv("invOutPortGroup")),
    ("ipAddrGroupSrc", Body.uuid), ("invIpAddrGroupSrc", _inv("invIpAddrGroupSrc")),
    ("ipAddrGroupDst", Body.uuid), ("invIpAddrGroupDst", _inv("invIpAddrGroupDst")),
    ("traversedDevice", Body.uuid), ("invTraversedDevice", _inv("invTraversedDevice")),
    ("noVlan", _inv("noVlan")), ("vlan", Body.integer),
    ("dlType", lambda body, key: body.integer(key, None, 0x0600, 0xFFFF)),
    ("invDlType", _inv("invDlType")),
    ("dlSrc", _mac), ("dlSrcMask", _mask), ("invDlSrc", _inv("invDlSrc")),
    ("dlDst", _mac), ("dlDstMask", _mask), ("invDlDst", _inv("invDlDst")),
    ("nwTos", Body.integer), ("invNwTos", _inv("invNwTos")),
    ("nwProto", Body.integer), ("invNwProto", _inv("invNwProto")),
    ("nwSrcAddress", Body.ipv4), ("nwSrcLength", None), ("invNwSrc", _inv("invNwSrc")),
    ("nwDstAddress", Body.ipv4), ("nwDstLength", None), ("invNwDst", _inv("invNwDst")),
    ("matchNwDstRewritten", _inv("matchNwDstRewritten")),
    ("fragmentPolicy", None),
    ("tpSrc", _range), ("invTpSrc", _inv("invTpSrc")),
    ("tpDst", _range), ("invTpDst", _inv("invTpDst")),
    ("icmpDataSrcIpAddress", Body.ipv4), ("icmpDataSrcIpLength", None),
    ("invIcmpDataSrcIp", _inv("invIcmpDataSrcIp")),
    ("icmpDataDstIpAddress", Body.ipv4), ("icmpDataDstIpLength", None),
    ("invIcmpDataDstIp", _inv("invIcmpDataDstIp")),
]


def _length(body, key, address):
    length = body.integer(key, 0, 0, 32)
    return length if address is not None else 0  # a length without an address reads 0


def _fragment_policy(data, has_l4):
    value = data.get("fragmentPolicy")
    if value is None:
        return "header" if has_l4 else "any"
    if value not in FRAG_POLICIES:
        raise ApiError(400, FRAG_UNDEFINED)  # the field swaps Jackson's text for its own
    if has_l4 and value in ("any", "nonheader"):
        raise ApiError(400, FRAG_L4)
    return value


def read_condition(data, prefix, outer):
    """A stored condition from its JSON object; violations go to `outer` as `prefix.key`.

    The server does not cascade bean validation into the conditions of trace requests and
    mirrors (no @Valid): a bad address there fails later, in conversion, with a 500. The
    sandbox reports the same rules a rule's condition has, as a 400.
    """
    if not isinstance(data, dict):
        raise ApiError(400, "Can not deserialize instance of "
                            "org.midonet.cluster.rest_api.models.Condition out of "
                            "non-object token")
    body = Body(data)
    cond = {}
    for key, reader in _READERS:
        if key.endswith("Length"):
            cond[key] = _length(body, key, cond[key.replace("Length", "Address")])
        elif reader is not None:
            cond[key] = reader(body, key)
    for violation in body.violations:
        outer.violation(f"{prefix}.{violation['property']}", violation["message"])
    has_l4 = cond["tpSrc"] is not None or cond["tpDst"] is not None
    cond["fragmentPolicy"] = _fragment_policy(data, has_l4)
    return {key: cond[key] for key, _ in _READERS}


def render_condition(cond):
    # Condition extends UriResource but has no URI of its own, so it prints "uri": null.
    return {**cond, "uri": None}


# ---- trace requests ------------------------------------------------------------------

def _read_trace(ctx, body, trace_id, current):
    if body.uuid("id") is None:
        # No id is generated for trace requests: @NotNull id is checked as sent.
        body.violation("id", NOT_NULL)
    device_type = body.enum("deviceType", tuple(DEVICE_KINDS), "DeviceType", required=True)
    device_id = body.uuid("deviceId")
    if device_id is None:
        body.violation("deviceId", NOT_NULL)
    condition = body.data.get("condition")
    if condition is None:
        body.violation("condition", NOT_NULL)
    else:
        condition = read_condition(condition, "condition", body)
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
    target = body.uuid("id")
    doc = _read_trace(ctx, body, target, None)
    if not ctx.store.exists("trace_request", target):
        raise not_found(PROTO["trace_request"], target)
    ctx.store.replace("trace_request", target, doc)
    return no_content()


def _drop_traces_of(store, device):
    for trace in store.all("trace_request", deviceId=device["id"]):
        store.delete("trace_request", trace["id"])


for _kind in DEVICE_KINDS.values():
    hooks.on_delete(_kind)(_drop_traces_of)

ROUTES = [
    ("/traces", {"GET": list_traces, "POST": TRACES.create}, {}),
    ("/traces/<obj_id>", {"GET": TRACES.get, "PUT": update_trace,
                          "DELETE": TRACES.delete}, {}),
]
