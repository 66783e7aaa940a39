"""Sandbox: routers, bridges and chains (CRUD, media types, 405s, tenant filter, cascades)."""

import uuid

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"


def test_router_crud(api):
    router = api.router(name="r1", tenantId="t1")
    base = api.url + "/routers/" + router["id"]
    assert router["uri"] == base
    assert router["tenantId"] == "t1" and router["adminStateUp"] is True
    assert router["inboundFilterId"] is None and router["inboundFilter"] is None
    assert router["inboundMirrorIds"] == [] and router["asNumber"] == 0
    assert router["ports"] == base + "/ports"
    assert router["routes"] == base + "/routes"
    assert router["peerPorts"] == base + "/peer_ports"

    resp = api.put(base, {**router, "name": "r2", "adminStateUp": False},
                   ctype=vnd("Router-v3"))
    assert resp.status_code == 204 and resp.content == b""
    got = api.get(base, accept=vnd("Router-v3"))
    assert got.headers["Content-Type"] == vnd("Router-v3")
    assert got.json()["name"] == "r2" and got.json()["adminStateUp"] is False

    listed = api.get("routers", accept=vnd("collection.Router-v3"))
    assert listed.headers["Content-Type"] == vnd("collection.Router-v3")
    assert [r["id"] for r in listed.json()] == [router["id"]]

    assert api.delete(base).status_code == 204
    error(api.get(base), 404, f"There is no Router with ID {router['id']}.")
    assert api.delete(base).status_code == 204  # routers: idempotent delete


def test_create_with_explicit_id_and_duplicate(api):
    rid = str(uuid.uuid4())
    assert api.router(id=rid)["id"] == rid
    error(api.post("routers", {"id": rid}), 409, f"A(n) Router with ID {rid} already exists.")


def test_lists_keep_creation_order(api):
    ids = [api.router(name=f"r{i}")["id"] for i in range(5)]
    assert [r["id"] for r in api.get("routers").json()] == ids


def test_router_validation_and_references(api):
    body = error(api.post("routers", {"name": "x" * 256}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "name",
                                   "message": "size must be between 0 and 255"}]
    error(api.post("routers", {"inboundFilterId": MISSING}), 404,
          f"There is no Chain with ID {MISSING}.")
    error(api.post("routers", {"adminStateUp": "maybe"}), 400)
    error(api.post("routers", {"inboundFilterId": "not-a-uuid"}), 400)


@pytest.mark.parametrize("ctype", ["text/plain", None])
def test_non_json_content_type_is_415(api, ctype):
    empty(api.post("routers", {}, ctype=ctype), 415)


@pytest.mark.parametrize("ctype", [vnd("Bridge-v4"), vnd("Router-v2"), "application/xml+json"])
def test_wrong_content_type_is_406(api, ctype):
    empty(api.post("routers", {}, ctype=ctype), 406)


@pytest.mark.parametrize("ctype", [JSON + "; charset=UTF-8", vnd("Router-v3"), "*/*",
                                   "application/*"])
def test_accepted_content_types(api, ctype):
    assert api.post("routers", {}, ctype=ctype).status_code == 201


def test_accept_checks_on_generic_get(api):
    router = api.router()
    empty(api.get(router["uri"], accept=vnd("Bridge-v4")), 406)
    empty(api.get(router["uri"], accept=None, headers={"Accept": ""}), 406)
    empty(api.get(router["uri"], accept=None, headers={"Accept": None}), 406)  # absent
    empty(api.get("routers", accept=vnd("Router-v3")), 406)  # item type on a list
    assert api.get(router["uri"], accept="*/*").headers["Content-Type"] == JSON
    resp = api.get(router["uri"], accept=vnd("Router-v3") + ";charset=UTF-8")
    assert resp.status_code == 200


def test_tenant_filter(api):
    a = api.router(tenantId="a")
    api.router(tenantId="b")
    assert [r["id"] for r in api.get("routers?tenant_id=a").json()] == [a["id"]]
    assert len(api.get("routers").json()) == 2
    bridge = api.bridge(tenantId="a")
    api.bridge(tenantId="b")
    assert [b["id"] for b in api.get("bridges", params={"tenant_id": "a"}).json()] == \
        [bridge["id"]]
    chain = api.create("chains", {"name": "c", "tenantId": "a"})
    api.create("chains", {"name": "d", "tenantId": "c"})
    assert [c["id"] for c in api.get("chains?tenant_id=a").json()] == [chain["id"]]
    assert api.get("chains?tenant_id=zzz").json() == []


def test_bridge_crud(api):
    bridge = api.bridge(name="br0", tenantId="t1")
    base = bridge["uri"]
    assert bridge["vxLanPortIds"] == [] and bridge["qosPolicyId"] is None
    assert bridge["dhcpSubnets"] == base + "/dhcp"
    assert bridge["macPortTemplate"] == base + "/mac_table/{macAddress}_{portId}"
    assert bridge["vlanMacTableTemplate"] == base + "/vlans/{vlanId}/mac_table"
    assert api.get(base, accept=vnd("Bridge-v5")).status_code == 200
    assert api.put(base, {"name": "br1"}, ctype=vnd("Bridge-v4")).status_code == 204
    updated = api.get(base).json()
    assert updated["name"] == "br1" and updated["tenantId"] is None  # full replacement
    assert api.delete(base).status_code == 204
    error(api.delete(base), 404, f"There is no Network with ID {bridge['id']}.")
    error(api.get(base), 404, f"There is no Network with ID {bridge['id']}.")


def test_bridge_rejects_vxlan_port_ids(api):
    body = error(api.post("bridges", {"vxLanPortIds": [MISSING]}), 400)
    assert body["message"].startswith("VXLAN port ID cannot be set directly.")


def test_chain_crud_and_405s(api):
    chain = api.create("chains", {"name": "c1", "tenantId": "t"}, ctype=vnd("Chain-v1"))
    assert chain["rules"] == chain["uri"] + "/rules"
    empty(api.put(chain["uri"], {"name": "c2"}), 405)
    assert api.get(chain["uri"] + "/rules", accept=vnd("collection.Rule-v2")).json() == []
    assert api.delete(chain["uri"]).status_code == 204
    error(api.delete(chain["uri"]), 404, f"There is no Chain with ID {chain['id']}.")


def test_chain_delete_clears_filter_references(api):
    chain = api.create("chains", {"name": "c"})
    router = api.router(inboundFilterId=chain["id"], forwardChainId=chain["id"])
    bridge = api.bridge(outboundFilterId=chain["id"])
    port = api.bridge_port(bridge, inboundFilterId=chain["id"])
    assert router["inboundFilter"] == chain["uri"]
    api.delete(chain["uri"])
    router = api.get(router["uri"]).json()
    # The forward chain is not bound to its chain in the store: its id stays.
    assert router["inboundFilterId"] is None and router["forwardChainId"] == chain["id"]
    assert api.get(bridge["uri"]).json()["outboundFilterId"] is None
    assert api.get(port["uri"]).json()["inboundFilterId"] is None


def test_put_on_missing_router_is_404(api):
    error(api.put(f"routers/{MISSING}", {}), 404, f"There is no Router with ID {MISSING}.")
