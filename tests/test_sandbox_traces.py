"""Sandbox: trace requests (`/traces`) and their condition object."""

import time
import uuid

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
DEFAULT_CONDITION = {
    "condInvert": False, "matchForwardFlow": False, "matchReturnFlow": False,
    "inPorts": [], "invInPorts": False, "outPorts": [], "invOutPorts": False,
    "portGroup": None, "invPortGroup": False, "inPortGroup": None, "invInPortGroup": False,
    "outPortGroup": None, "invOutPortGroup": False, "ipAddrGroupSrc": None,
    "invIpAddrGroupSrc": False, "ipAddrGroupDst": None, "invIpAddrGroupDst": False,
    "traversedDevice": None, "invTraversedDevice": False, "noVlan": False, "vlan": None,
    "dlType": None, "invDlType": False, "dlSrc": None, "dlSrcMask": None, "invDlSrc": False,
    "dlDst": None, "dlDstMask": None, "invDlDst": False, "nwTos": None, "invNwTos": False,
    "nwProto": None, "invNwProto": False, "nwSrcAddress": None, "nwSrcLength": 0,
    "invNwSrc": False, "nwDstAddress": None, "nwDstLength": 0, "invNwDst": False,
    "matchNwDstRewritten": False, "fragmentPolicy": "any", "tpSrc": None, "invTpSrc": False,
    "tpDst": None, "invTpDst": False, "icmpDataSrcIpAddress": None, "icmpDataSrcIpLength": 0,
    "invIcmpDataSrcIp": False, "icmpDataDstIpAddress": None, "icmpDataDstIpLength": 0,
    "invIcmpDataDstIp": False, "uri": None}


def trace(api, device_type, device, condition=None, **fields):
    body = {"id": str(uuid.uuid4()), "name": "tr", "deviceType": device_type,
            "deviceId": device["id"], "condition": condition or {}, **fields}
    return api.create("traces", body)


def test_trace_crud_and_defaults(api):
    bridge = api.bridge()
    before = int(time.time() * 1000)
    created = trace(api, "BRIDGE", bridge)
    uri = api.url + "/traces/" + created["id"]
    assert before <= created.pop("creationTimestampMs") <= int(time.time() * 1000)
    assert created == {"id": created["id"], "name": "tr", "deviceType": "BRIDGE",
                       "deviceId": bridge["id"], "condition": DEFAULT_CONDITION,
                       "limit": 9223372036854775807, "enabled": False, "uri": uri}
    listed = api.get("traces", accept=vnd("collection.TraceRequest-v1"))
    assert [t["id"] for t in listed.json()] == [created["id"]]
    # PUT stores the body under the body's id.
    resp = api.put(uri, {**created, "name": "tr2", "enabled": True, "limit": 10,
                         "creationTimestampMs": 5}, ctype=vnd("TraceRequest-v1"))
    assert resp.status_code == 204
    got = api.get(uri, accept=vnd("TraceRequest-v1")).json()
    assert (got["name"], got["enabled"], got["limit"], got["creationTimestampMs"]) == \
        ("tr2", True, 10, 5)
    assert api.delete(uri).status_code == 204
    error(api.get(uri), 404, f"There is no TraceRequest with ID {created['id']}.")
    assert api.delete(uri).status_code == 204  # idempotent


def test_put_uses_the_body_id(api):
    port = api.bridge_port(api.bridge())
    first, second = trace(api, "PORT", port), trace(api, "PORT", port)
    resp = api.put(first["uri"], {**second, "name": "renamed"})
    assert resp.status_code == 204
    assert api.get(first["uri"]).json()["name"] == "tr"
    assert api.get(second["uri"]).json()["name"] == "renamed"
    # Without an id in the body, the path names the trace request.
    assert api.put(first["uri"], {**first, "id": None, "name": "again"}).status_code == 204
    assert api.get(first["uri"]).json()["name"] == "again"
    error(api.put(first["uri"], {**first, "id": MISSING}), 404,
          f"There is no TraceRequest with ID {MISSING}.")
    error(api.put(f"traces/{MISSING}", first), 404)


def test_validation(api):
    body = error(api.post("traces", {}), 400, "Validation error(s) found")
    # The id is generated when absent, as for every other object.
    assert sorted(v["property"] for v in body["violations"]) == \
        ["condition", "deviceId", "deviceType", "name"]
    base = {"id": str(uuid.uuid4()), "name": "t", "condition": {}}
    error(api.post("traces", {**base, "deviceType": "HOST", "deviceId": MISSING}), 400)
    for device_type, proto in [("BRIDGE", "Network"), ("ROUTER", "Router"), ("PORT", "Port")]:
        error(api.post("traces", {**base, "deviceType": device_type, "deviceId": MISSING}),
              404, f"There is no {proto} with ID {MISSING}.")


def test_condition_fields(api):
    router = api.router()
    condition = {"nwSrcAddress": "10.0.0.0", "nwSrcLength": 8, "invNwSrc": True,
                 "nwDstLength": 24, "tpDst": {"start": 80, "end": 80},
                 "dlSrc": "aa:bb:cc:dd:ee:ff", "dlSrcMask": "FFFF.FF00.0000",
                 "dlType": 0x0800, "nwProto": 6, "inPorts": [MISSING], "condInvert": True}
    got = trace(api, "ROUTER", router, condition)["condition"]
    assert got == {**DEFAULT_CONDITION, **condition, "dlSrcMask": "ffff.ff00.0000",
                   "nwDstLength": 0, "fragmentPolicy": "header"}


@pytest.mark.parametrize("condition, prop, message", [
    ({"nwSrcAddress": "300.0.0.1"}, "nwSrcAddress", "is an invalid IP format"),
    ({"nwDstAddress": "10.0.0.0", "nwDstLength": 33}, "nwDstLength",
     "must be less than or equal to 32"),
    ({"dlType": 10}, "dlType", "must be greater than or equal to 1536"),
    ({"dlDst": "aa:bb"}, "dlDst",
     "MAC address string must be 6 words of 1 or 2 hex digits joined with 5 ':'"),
    ({"dlDstMask": "ff:ff"}, "dlDstMask",
     'MAC mask must consist of three sets of four hexadecimal digits separated by periods, '
     'e.g. "ffff.ff00.0000".'),
    ({"tpSrc": {"start": 90, "end": 80}}, "tpSrc", "{midokura.javarx.RangeNotValid.message}"),
    ({"icmpDataDstIpAddress": "x"}, "icmpDataDstIpAddress", "is an invalid IP format"),
])
def test_condition_validation(api, condition, prop, message):
    bridge = api.bridge()
    body = error(api.post("traces", {"id": str(uuid.uuid4()), "name": "t",
                                     "deviceType": "BRIDGE", "deviceId": bridge["id"],
                                     "condition": condition}), 400)
    assert body["violations"] == [{"property": "condition." + prop, "message": message}]


def test_fragment_policy(api):
    bridge = api.bridge()
    base = {"id": str(uuid.uuid4()), "name": "t", "deviceType": "BRIDGE",
            "deviceId": bridge["id"]}
    error(api.post("traces", {**base, "condition": {"fragmentPolicy": "some"}}), 400,
          "The valid options for fragmentPolicy are: 'any', 'header', 'nonheader', and "
          "'unfragmented'.")
    error(api.post("traces", {**base, "condition": {"fragmentPolicy": "any",
                                                    "tpSrc": {"start": 1, "end": 2}}}),
          400, "For a rule with tpDst or tpSrc constraints, the fragmentPolicy must be "
               "'header' or 'unfragmented'.")
    got = api.create("traces", {**base, "condition": {"fragmentPolicy": "unfragmented"}})
    assert got["condition"]["fragmentPolicy"] == "unfragmented"


def test_tenant_filter(api):
    r1, b2 = api.router(tenantId="t1"), api.bridge(tenantId="t2")
    on_router, on_bridge = trace(api, "ROUTER", r1), trace(api, "BRIDGE", b2)
    on_port = trace(api, "PORT", api.router_port(r1))

    def ids(tenant):
        return [t["id"] for t in api.get("traces", params={"tenant_id": tenant}).json()]

    assert ids("t1") == [on_router["id"], on_port["id"]]
    assert ids("t2") == [on_bridge["id"]]
    assert ids("t3") == []


def test_device_deletion_takes_traces(api):
    router, bridge = api.router(), api.bridge()
    port = api.bridge_port(bridge)
    traces = [trace(api, "ROUTER", router), trace(api, "PORT", port),
              trace(api, "BRIDGE", bridge)]
    assert api.delete(router["uri"]).status_code == 204
    assert api.get(traces[0]["uri"]).status_code == 404
    assert api.delete(port["uri"]).status_code == 204
    assert api.get(traces[1]["uri"]).status_code == 404
    assert api.delete(bridge["uri"]).status_code == 204
    assert api.get("traces").json() == []


def test_media_types(api):
    empty(api.post("traces", {}, ctype="text/plain"), 415)
    empty(api.post("traces", {}, ctype=vnd("Mirror-v1")), 406)
    empty(api.get("traces", accept=vnd("TraceRequest-v1")), 406)
