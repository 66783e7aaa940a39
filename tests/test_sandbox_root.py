"""Sandbox: root document, media-type negotiation, CORS, system state, tenants, error shapes."""

import pytest
import requests

from midoshell.sandbox import start
from sandbox_helpers import JSON, Api, api, empty, error, vnd  # noqa: F401  (api is a fixture)

ROOT_KEYS = [
    "uri", "version", "bgpNetworkTemplate", "bgpPeerTemplate", "bridges", "bridgeTemplate",
    "chains", "chainTemplate", "healthMonitors", "healthMonitorTemplate", "hosts",
    "hostTemplate", "ipAddrGroups", "ipAddrGroupTemplate", "l2insertions",
    "l2InsertionTemplate", "loadBalancers", "loadBalancerTemplate", "mirrors",
    "mirrorTemplate", "neutron", "poolMembers", "poolMemberTemplate", "pools", "poolTemplate",
    "portGroups", "portGroupTemplate", "ports", "portTemplate", "qosBwLimitRuleTemplate",
    "qosDscpRuleTemplate", "qosPolicies", "qosPolicyTemplate", "routers", "routerTemplate",
    "routeTemplate", "ruleTemplate", "serviceContainerGroups", "serviceContainerGroupTemplate",
    "serviceContainers", "serviceContainerTemplate", "systemState", "tenants",
    "tenantTemplate", "traceRequests", "traceRequestTemplate", "tunnelZones",
    "tunnelZoneTemplate", "vips", "vipTemplate", "vteps", "vtepTemplate",
]


def test_root_document_has_every_key_in_order(api):
    resp = api.get("", accept=vnd("Application-v5"))
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == vnd("Application-v5")
    doc = resp.json()
    assert list(doc) == ROOT_KEYS
    assert doc["uri"] == api.url + "/"
    assert doc["version"] == "v5.0"
    assert doc["routers"] == api.url + "/routers"
    assert doc["routerTemplate"] == api.url + "/routers/{id}"
    assert doc["traceRequests"] == api.url + "/traces"
    assert doc["systemState"] == api.url + "/system_state"


@pytest.mark.parametrize("accept", [JSON, "*/*", "application/*",
                                    vnd("Application-v5") + "; charset=UTF-8"])
def test_root_accepts_json_and_wildcards(api, accept):
    assert api.get("", accept=accept).status_code == 200
    assert api.get(api.url + "/", accept=accept).status_code == 200


@pytest.mark.parametrize("accept", ["text/html", vnd("Application-v4"), vnd("Router-v3")])
def test_root_refuses_other_media_types(api, accept):
    empty(api.get("", accept=accept), 406)


def test_uris_follow_the_host_header(api):
    host = f"localhost:{api.server.port}"  # one of the server's own names (others are 421)
    doc = api.get("", headers={"Host": host}).json()
    assert doc["uri"] == f"http://{host}/midonet-api/"
    assert doc["hosts"] == f"http://{host}/midonet-api/hosts"


def test_unknown_root_segment(api):
    error(api.get("write_version"), 404, "Root resource write_version not found")
    error(api.post("bogus/1", {}), 404, "Root resource bogus not found")


def test_outside_the_api_root_is_404(api):
    resp = requests.get(api.url.replace("/midonet-api", "/elsewhere"))
    assert resp.status_code == 404


def test_cors_headers_and_options():
    with start(port=0, cors=["*"]) as server:  # CORS only when asked for (--cors)
        api = Api(server)
        resp = api.get("routers", headers={"Origin": "http://example.test"})
        assert resp.headers["Access-Control-Allow-Origin"] == "*"
        assert resp.headers["Access-Control-Allow-Methods"] == "GET, POST, PUT, DELETE, OPTIONS"
        assert resp.headers["Access-Control-Expose-Headers"] == "Location"
        pre = api.http.options(api.url + "/routers/whatever",
                               headers={"Origin": "http://example.test"})
        assert pre.status_code == 200 and pre.content == b""
        assert "X-Auth-Token" in pre.headers["Access-Control-Allow-Headers"]


def test_trailing_slash_on_collections(api):
    assert api.get("hosts/").status_code == 200
    assert len(api.get("hosts/").json()) == 3


def test_system_state(api):
    resp = api.get("system_state", accept=vnd("SystemState-v2"))
    assert resp.status_code == 200
    assert resp.json() == {"state": "ACTIVE", "availability": "READWRITE",
                           "version": "5.0.0", "information": None}
    empty(api.put("system_state", {}), 405)


def test_tenants_mock_provider(api):
    resp = api.get("tenants", accept=vnd("collection.Tenant-v2"))
    assert resp.status_code == 200
    [admin] = resp.json()
    assert admin["id"] == "admin" and admin["description"] == "Admin Tenant"
    assert admin["routers"] == api.url + "/routers?tenant_id=admin"
    other = api.get("tenants/t1", accept=vnd("Tenant-v2")).json()
    assert other == {"id": "t1", "name": "t1", "description": "t1", "enabled": True,
                     "uri": api.url + "/tenants/t1",
                     "routers": api.url + "/routers?tenant_id=t1",
                     "bridges": api.url + "/bridges?tenant_id=t1",
                     "chains": api.url + "/chains?tenant_id=t1",
                     "portGroups": api.url + "/port_groups?tenant_id=t1"}
    empty(api.get("tenants", accept=JSON), 406)  # only the vendor type is produced


def test_tenant_mutation_is_405_with_message(api):
    message = "Tenants cannot be created, updated or deleted via the REST API."
    error(api.post("tenants", {"id": "x"}, ctype=vnd("Tenant-v2")), 405, message)
    error(api.put("tenants/admin", {}, ctype=vnd("Tenant-v2")), 405, message)
    error(api.delete("tenants/admin"), 405, message)
    # Creation and update consume only the tenant type; the other methods do not exist.
    empty(api.post("tenants", {"id": "x"}), 415)
    empty(api.put("tenants/admin", {}), 415)
    empty(api.put("tenants", {}, ctype=vnd("Tenant-v2")), 405)
    empty(api.delete("tenants"), 405)
    empty(api.post("tenants/admin", {}, ctype=vnd("Tenant-v2")), 405)


def test_collections_once_stubbed_are_served(api):
    resp = api.get("mirrors", accept=vnd("collection.Mirror-v1"))
    assert resp.status_code == 200 and resp.json() == []
    error(api.get("vteps/0a0a0a0a-0000-0000-0000-000000000000"), 404,
          "There is no Vtep with ID 0a0a0a0a-0000-0000-0000-000000000000.")
    assert api.post("mirrors", {}).status_code == 400  # served now: toPortId is required
    assert api.delete("mirrors/0a0a0a0a-0000-0000-0000-000000000000").status_code == 204
    empty(api.get("routes"), 405)  # routes have a template but no top-level list


def test_malformed_json_is_400(api):
    resp = api.http.post(api.url + "/routers", data="{not json",
                         headers={"Content-Type": JSON})
    body = error(resp, 400)
    assert "Malformed JSON" in body["message"]
    error(api.post("routers", ["a list"]), 400)


def test_get_and_delete_tolerate_an_empty_json_body(api):
    router = api.router()
    resp = api.http.request("GET", router["uri"], data="{}", headers={"Accept": JSON})
    assert resp.status_code == 200
    assert api.http.request("DELETE", router["uri"], data="{}").status_code == 204


def test_unknown_properties_are_ignored(api):
    router = api.router(whatever=1, uri="http://elsewhere/")
    assert "whatever" not in router
    assert router["uri"].startswith(api.url)


def test_keep_alive_session_reuse(api):
    # The shell keeps one requests.Session: many calls must work over it.
    for _ in range(20):
        assert api.get("routers").status_code == 200


def test_a_lone_surrogate_in_a_string_is_refused(api):
    raw = '{"name": "a\\ud800b"}'
    for path in ("routers", "bridges", "tunnel_zones"):
        resp = api.http.post(f"{api.url}/{path}", data=raw,
                             headers={"Content-Type": "application/json"})
        error(resp, 400, "Invalid JSON in request body: unpaired surrogate \\ud800 in a string")
    assert api.get("routers").json() == []
    # A proper pair (an emoji) is a character like any other.
    resp = api.http.post(f"{api.url}/routers", data='{"name": "\\ud83d\\ude00"}',
                         headers={"Content-Type": "application/json"})
    assert resp.status_code == 201
    assert api.get(resp.headers["Location"]).json()["name"] == "\U0001F600"


def test_null_inside_a_list_of_ids_is_refused(api):
    error(api.post("routers", {"name": "r", "inboundMirrorIds": [None]}), 400,
          "Invalid value for inboundMirrorIds: a list of IDs may not contain null")
    bridge = api.bridge()
    error(api.put(bridge["uri"], {**bridge, "outboundMirrorIds": [None]}), 400)
    router = api.router()
    error(api.post(f"routers/{router['id']}/ports",
                   {"type": "Router", "portSubnet": [None]}), 400,
          "Invalid value for portSubnet: the list may not contain null")
    assert api.get("routers").json() == [router]
