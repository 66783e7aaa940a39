"""Sandbox: QoS policies, bandwidth-limit rules and DSCP-marking rules."""

import uuid

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"


def policy(api, **fields):
    return api.create("qos_policies", {"name": "gold", **fields})


def test_policy_crud(api):
    created = policy(api, description="d", shared=True, tenant_id="t1", tenantId="ignored")
    uri = api.url + "/qos_policies/" + created["id"]
    assert created == {"id": created["id"], "name": "gold", "description": "d",
                       "shared": True, "tenant_id": "t1", "rules": None, "uri": uri,
                       "bwLimitRules": uri + "/qos_bw_limit_rules",
                       "dscpRules": uri + "/qos_dscp_rules"}
    assert api.put(uri, {"name": "silver"}, ctype=vnd("QOSPolicy-v1")).status_code == 204
    got = api.get(uri, accept=vnd("QOSPolicy-v1")).json()
    assert (got["name"], got["description"], got["shared"]) == ("silver", None, None)
    listed = api.get("qos_policies", accept=vnd("collection.QOSPolicy-v1"))
    assert [p["id"] for p in listed.json()] == [created["id"]]
    assert api.delete(uri).status_code == 204
    error(api.get(uri), 404, f"There is no QosPolicy with ID {created['id']}.")
    assert api.delete(uri).status_code == 204


@pytest.mark.parametrize("kind, fields, media_name", [
    ("qos_bw_limit_rules", {"maxKbps": 1000, "maxBurstKb": 100}, "QOSRuleBWLimit-v1"),
    ("qos_dscp_rules", {"dscpMark": 46}, "QOSRuleDSCP-v1"),
])
def test_rules(api, kind, fields, media_name):
    created = policy(api)
    nested = created["bwLimitRules" if "bw" in kind else "dscpRules"]
    rule = api.create(nested, fields, ctype=vnd(media_name))
    uri = f"{api.url}/{kind}/{rule['id']}"
    assert rule == {"id": rule["id"], **fields, "policyId": created["id"], "uri": uri}
    listed = api.get(nested, accept=vnd("collection." + media_name))
    assert [r["id"] for r in listed.json()] == [rule["id"]]
    changed = {k: v + 1 for k, v in fields.items()}
    assert api.put(uri, {**rule, **changed}).status_code == 204
    assert api.get(uri, accept=vnd(media_name)).json() == {**rule, **changed}
    empty(api.get(kind), 405)  # rules are listed through their policy only
    empty(api.post(kind, fields), 405)
    error(api.get(f"qos_policies/{MISSING}/{kind}"), 404)
    error(api.post(f"qos_policies/{MISSING}/{kind}", fields), 404,
          f"There is no QosPolicy with ID {MISSING}.")
    assert api.delete(uri).status_code == 204 and api.delete(uri).status_code == 204
    assert api.get(nested).json() == []


def test_rule_put_uses_the_body_id(api):
    created = policy(api)
    first = api.create(created["dscpRules"], {"dscpMark": 1})
    second = api.create(created["dscpRules"], {"dscpMark": 2})
    assert api.put(first["uri"], {"id": second["id"], "dscpMark": 9}).status_code == 204
    assert api.get(first["uri"]).json()["dscpMark"] == 1
    assert api.get(second["uri"]).json()["dscpMark"] == 9
    error(api.put(first["uri"], {"id": MISSING, "dscpMark": 3}), 404,
          f"There is no QosRuleDscp with ID {MISSING}.")
    error(api.put(f"qos_dscp_rules/{MISSING}", first), 404)


def test_rule_validation(api):
    created = policy(api)
    for mark, message in [(64, "must be less than or equal to 63"),
                          (-1, "must be greater than or equal to 0")]:
        body = error(api.post(created["dscpRules"], {"dscpMark": mark}), 400)
        assert body["violations"] == [{"property": "dscpMark", "message": message}]
    error(api.post(created["bwLimitRules"], {"maxKbps": "fast"}), 400)


def test_convenience_rules(api):
    bw_id = str(uuid.uuid4())
    created = policy(api, rules=[
        {"id": bw_id, "type": "bandwidth_limit", "max_kbps": 100, "max_burst_kbps": 10},
        {"type": "dscp_marking", "dscp_mark": 8}])
    assert created["rules"] is None
    bw = api.get(created["bwLimitRules"]).json()
    assert [(r["id"], r["maxKbps"], r["maxBurstKb"]) for r in bw] == [(bw_id, 100, 10)]
    assert [r["dscpMark"] for r in api.get(created["dscpRules"]).json()] == [8]
    # PUT with `rules` makes them the policy's rules; without it leaves them alone.
    assert api.put(created["uri"], {"name": "x"}).status_code == 204
    assert len(api.get(created["dscpRules"]).json()) == 1
    resp = api.put(created["uri"], {"rules": [{"id": bw_id, "type": "bandwidth_limit",
                                               "max_kbps": 5}]})
    assert resp.status_code == 204
    assert [r["maxKbps"] for r in api.get(created["bwLimitRules"]).json()] == [5]
    assert api.get(created["dscpRules"]).json() == []
    error(api.post("qos_policies", {"rules": [{"type": "shaping"}]}), 400)


def test_policy_deletion(api):
    created = policy(api)
    rule = api.create(created["bwLimitRules"], {"maxKbps": 1})
    bridge = api.bridge(qosPolicyId=created["id"])
    port = api.bridge_port(bridge, qosPolicyId=created["id"])
    assert api.delete(created["uri"]).status_code == 204
    assert api.get(rule["uri"]).status_code == 404
    assert api.get(bridge["uri"]).json()["qosPolicyId"] is None
    assert api.get(port["uri"]).json()["qosPolicyId"] is None


def test_media_types(api):
    empty(api.post("qos_policies", {}, ctype="text/plain"), 415)
    empty(api.post("qos_policies", {}, ctype=vnd("QOSRuleDSCP-v1")), 406)
    empty(api.get("qos_policies", accept=vnd("QOSPolicy-v1")), 406)
    created = policy(api)
    empty(api.post(created["dscpRules"], {}, ctype=vnd("QOSRuleBWLimit-v1")), 406)
