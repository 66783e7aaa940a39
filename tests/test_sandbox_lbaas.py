"""Sandbox: load balancers, pools, pool members, VIPs and health monitors."""

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
ROUTER_AT_CREATION = (
    "A load balancer's router ID must be null at creation. To associate a router with a "
    "load balancer, first create the load balancer with null router ID and then update "
    "the router's load balancer ID.")


def lb_setup(api):
    """A load balancer with a health-monitored pool, one member and one VIP."""
    lb = api.create("load_balancers", {})
    hm = api.create("health_monitors", {"type": "TCP", "delay": 5, "timeout": 3,
                                        "maxRetries": 2})
    pool = api.create(f"load_balancers/{lb['id']}/pools",
                      {"lbMethod": "ROUND_ROBIN", "healthMonitorId": hm["id"]})
    member = api.create(f"pools/{pool['id']}/pool_members",
                        {"address": "10.0.0.5", "protocolPort": 80})
    vip = api.create(f"pools/{pool['id']}/vips", {"address": "1.1.1.1", "protocolPort": 80})
    return lb, hm, pool, member, vip


def test_load_balancer_crud(api):
    lb = api.create("load_balancers", {"adminStateUp": False})
    uri = api.url + "/load_balancers/" + lb["id"]
    assert lb == {"id": lb["id"], "routerId": None, "adminStateUp": False, "uri": uri,
                  "router": None, "pools": uri + "/pools", "vips": uri + "/vips"}
    assert api.put(uri, {**lb, "adminStateUp": True},
                   ctype=vnd("LoadBalancer-v1")).status_code == 204
    got = api.get(uri, accept=vnd("LoadBalancer-v1"))
    assert got.headers["Content-Type"] == vnd("LoadBalancer-v1")
    assert got.json()["adminStateUp"] is True
    listed = api.get("load_balancers", accept=vnd("collection.LoadBalancer-v1"))
    assert [x["id"] for x in listed.json()] == [lb["id"]]
    assert api.delete(uri).status_code == 204
    error(api.get(uri), 404, f"There is no LoadBalancer with ID {lb['id']}.")
    assert api.delete(uri).status_code == 204  # idempotent


def test_load_balancer_router_binding(api):
    router = api.router()
    error(api.post("load_balancers", {"routerId": router["id"]}), 400, ROUTER_AT_CREATION)
    lb = api.create("load_balancers", {})
    assert api.put(router["uri"], {**router, "loadBalancerId": lb["id"]}).status_code == 204
    lb = api.get(lb["uri"]).json()
    assert lb["routerId"] == router["id"] and lb["router"] == router["uri"]
    error(api.put(lb["uri"], {"routerId": None}), 400, "Router cannot be modified")
    assert api.put(lb["uri"], lb).status_code == 204
    # The store's message prints the load balancer's id in both places.
    error(api.delete(router["uri"]), 409,
          f"Cannot delete the Router with ID {lb['id']} because it is still referenced "
          f"by the LoadBalancer with ID {lb['id']}.")
    assert api.get(router["uri"]).status_code == 200  # nothing was deleted
    # Deleting the load balancer detaches it from the router.
    assert api.delete(lb["uri"]).status_code == 204
    assert api.get(router["uri"]).json()["loadBalancerId"] is None
    assert api.delete(router["uri"]).status_code == 204


def test_pools(api):
    lb, hm, pool, _, _ = lb_setup(api)
    uri = api.url + "/pools/" + pool["id"]
    assert pool["uri"] == uri and pool["loadBalancerId"] == lb["id"]
    assert pool["protocol"] == "TCP" and pool["status"] == "ACTIVE"
    assert pool["adminStateUp"] is True and pool["lbMethod"] == "ROUND_ROBIN"
    assert pool["healthMonitor"] == hm["uri"] and pool["loadBalancer"] == lb["uri"]
    assert pool["vips"] == uri + "/vips" and pool["poolMembers"] == uri + "/pool_members"
    other = api.create("pools", {"loadBalancerId": lb["id"], "lbMethod": "ROUND_ROBIN"})
    assert [p["id"] for p in api.get(lb["pools"]).json()] == [pool["id"], other["id"]]
    assert [p["id"] for p in api.get("pools", params={"hm_id": hm["id"]}).json()] == \
        [pool["id"]]
    assert [p["id"] for p in api.get(hm["pools"]).json()] == [pool["id"]]
    resp = api.put(uri, {**pool, "status": "INACTIVE", "healthMonitorId": None})
    assert resp.status_code == 204
    got = api.get(uri).json()
    assert got["status"] == "ACTIVE" and got["healthMonitorId"] is None


def test_pool_validation(api):
    lb = api.create("load_balancers", {})
    body = error(api.post("pools", {}), 400, "Validation error(s) found")
    assert {v["property"] for v in body["violations"]} == {"lbMethod"}
    # A pool needs no load balancer.
    assert api.create("pools", {"lbMethod": "ROUND_ROBIN"})["loadBalancerId"] is None
    error(api.post("pools", {"loadBalancerId": lb["id"], "lbMethod": "RANDOM"}), 400)
    error(api.post("pools", {"loadBalancerId": lb["id"], "lbMethod": "ROUND_ROBIN",
                             "protocol": "UDP"}), 400)
    error(api.post("pools", {"loadBalancerId": MISSING, "lbMethod": "ROUND_ROBIN"}), 404,
          f"There is no LoadBalancer with ID {MISSING}.")
    error(api.post(f"load_balancers/{MISSING}/pools", {"lbMethod": "ROUND_ROBIN"}), 404,
          f"There is no LoadBalancer with ID {MISSING}.")
    error(api.post("pools", {"loadBalancerId": lb["id"], "lbMethod": "ROUND_ROBIN",
                             "healthMonitorId": MISSING}), 404,
          f"There is no HealthMonitor with ID {MISSING}.")
    error(api.get(f"load_balancers/{MISSING}/pools"), 404)


def test_pool_members(api):
    _, _, pool, member, _ = lb_setup(api)
    uri = api.url + "/pool_members/" + member["id"]
    assert member == {"id": member["id"], "adminStateUp": True, "status": "ACTIVE",
                      "poolId": pool["id"], "address": "10.0.0.5", "protocolPort": 80,
                      "weight": 1, "uri": uri, "pool": pool["uri"]}
    assert [m["id"] for m in api.get(pool["poolMembers"]).json()] == [member["id"]]
    assert [m["id"] for m in api.get("pool_members").json()] == [member["id"]]
    # PUT cannot change the address or port; adminStateUp defaults to false on PUT.
    resp = api.put(uri, {"poolId": pool["id"], "address": "10.9.9.9", "protocolPort": 99,
                         "weight": 5}, ctype=vnd("PoolMember-v1"))
    assert resp.status_code == 204
    got = api.get(uri).json()
    assert (got["address"], got["protocolPort"], got["weight"]) == ("10.0.0.5", 80, 5)
    assert got["adminStateUp"] is False
    assert api.delete(uri).status_code == 204 and api.delete(uri).status_code == 204


def test_pool_member_validation(api):
    _, _, pool, _, _ = lb_setup(api)
    body = error(api.post("pool_members", {"address": "nope", "protocolPort": 70000,
                                           "weight": 0}), 400, "Validation error(s) found")
    assert sorted((v["property"], v["message"]) for v in body["violations"]) == [
        ("address", "is not a valid IP address"),
        ("poolId", "may not be null"),
        ("protocolPort", "must be less than or equal to 65535"),
        ("weight", "must be greater than or equal to 1")]
    error(api.post("pool_members", {"poolId": MISSING, "address": "10.0.0.1"}), 404,
          f"There is no Pool with ID {MISSING}.")
    error(api.post(f"pools/{MISSING}/pool_members", {"address": "10.0.0.1"}), 404,
          f"There is no Pool with ID {MISSING}.")


def test_vips(api):
    lb, _, pool, _, vip = lb_setup(api)
    uri = api.url + "/vips/" + vip["id"]
    assert vip == {"id": vip["id"], "loadBalancerId": lb["id"], "poolId": pool["id"],
                   "address": "1.1.1.1", "protocolPort": 80, "sessionPersistence": None,
                   "adminStateUp": True, "uri": uri, "loadBalancer": lb["uri"],
                   "pool": pool["uri"]}
    for path in ("vips", pool["vips"], lb["vips"]):
        assert [v["id"] for v in api.get(path).json()] == [vip["id"]]
    # VIP reads are JAX-RS methods: no Accept means */*, answered in the vendor type.
    resp = api.get(uri, accept=None, headers={"Accept": None})
    assert resp.status_code == 200 and resp.headers["Content-Type"] == vnd("VIP-v1")
    empty(api.get(uri, accept=vnd("Pool-v1")), 406)
    assert api.put(uri, {**vip, "sessionPersistence": "SOURCE_IP"}).status_code == 204
    assert api.get(uri).json()["sessionPersistence"] == "SOURCE_IP"
    error(api.put(uri, {**vip, "sessionPersistence": "COOKIE"}), 400)
    error(api.post("vips", {"poolId": MISSING, "address": "1.1.1.2"}), 400,
          f"There is no Pool with ID {MISSING}.")
    error(api.post(f"pools/{MISSING}/vips", {"address": "1.1.1.2"}), 404)
    body = error(api.post("vips", {"poolId": pool["id"], "address": "x"}), 400)
    assert body["violations"] == [{"property": "address",
                                   "message": "is not a valid IP address"}]
    empty(api.post(lb["vips"], {"poolId": pool["id"], "address": "1.1.1.3"}), 405)
    assert api.delete(uri).status_code == 204 and api.delete(uri).status_code == 204


def test_health_monitors(api):
    hm = api.create("health_monitors", {"type": "TCP", "delay": 5, "adminStateUp": False})
    uri = api.url + "/health_monitors/" + hm["id"]
    assert hm == {"id": hm["id"], "type": "TCP", "delay": 5, "timeout": 0, "maxRetries": 0,
                  "adminStateUp": True, "uri": uri, "pools": uri + "/pools"}
    assert api.put(uri, {"type": "TCP", "timeout": 7, "adminStateUp": False}).status_code \
        == 204
    got = api.get(uri).json()
    assert got["timeout"] == 7 and got["adminStateUp"] is False and got["delay"] == 0
    body = error(api.post("health_monitors", {}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "type", "message": "may not be null"}]
    error(api.post("health_monitors", {"type": "HTTP"}), 400)
    assert api.get(uri + "/pools").json() == []
    error(api.get(f"health_monitors/{MISSING}/pools"), 404)


def test_cascades(api):
    lb, hm, pool, member, vip = lb_setup(api)
    # A health monitor's deletion releases its pools.
    assert api.delete(hm["uri"]).status_code == 204
    assert api.get(pool["uri"]).json()["healthMonitorId"] is None
    # A pool takes its members and VIPs along.
    assert api.delete(pool["uri"]).status_code == 204
    for obj in (member, vip):
        assert api.get(obj["uri"]).status_code == 404
    # A load balancer takes its pools (and theirs) along.
    pool = api.create(lb["pools"], {"lbMethod": "ROUND_ROBIN"})
    member = api.create(pool["poolMembers"], {"address": "10.0.0.7"})
    vip = api.create(pool["vips"], {"address": "2.2.2.2"})
    assert api.delete(lb["uri"]).status_code == 204
    for obj in (pool, member, vip):
        assert api.get(obj["uri"]).status_code == 404
    assert api.get("pools").json() == [] and api.get("vips").json() == []


@pytest.mark.parametrize("path", ["load_balancers", "pools", "pool_members",
                                  "health_monitors", "vips"])
def test_media_types(api, path):
    empty(api.post(path, {}, ctype="text/plain"), 415)
    empty(api.post(path, {}, ctype=vnd("Router-v3")), 406)
    if path != "vips":  # VIP lists are JAX-RS methods: a missing Accept is fine there
        empty(api.get(path, accept=None, headers={"Accept": None}), 406)
    assert api.get(path).json() == []


def test_missing_items(api):
    for path, proto in [("load_balancers", "LoadBalancer"), ("pools", "Pool"),
                        ("pool_members", "PoolMember"), ("vips", "Vip"),
                        ("health_monitors", "HealthMonitor")]:
        error(api.get(f"{path}/{MISSING}"), 404, f"There is no {proto} with ID {MISSING}.")
        error(api.put(f"{path}/{MISSING}", {}), 404)
        assert api.delete(f"{path}/{MISSING}").status_code == 204
