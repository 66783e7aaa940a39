"""Sandbox: BGP peers and networks of routers, and the peering table of router ports."""

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
PEER = vnd("BgpPeer-v1")
NETWORK = vnd("BgpNetwork-v1")
MAC_IP = vnd("MacIp-v1")
INVALID = "Validation error(s) found"
OCTET = "([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])"
IPV4_PATTERN = f'must match "^({OCTET}\\.){{3}}{OCTET}$"'


@pytest.fixture
def router(api):
    return api.router(asNumber=64512)


def peer(api, router, **fields):
    return api.create(router["bgpPeers"], {"asNumber": 65000, "address": "192.0.2.1",
                                           **fields}, ctype=PEER)


def violations(resp):
    return sorted((v["property"], v["message"]) for v in error(resp, 400, INVALID)["violations"])


# ---- peers -------------------------------------------------------------------------------

def test_peer_round_trip_and_links(api, router):
    made = peer(api, router, keepAlive=30, holdTime=90, connectRetry=10, password="s3cret")
    assert made == {"id": made["id"], "asNumber": 65000, "address": "192.0.2.1",
                    "keepAlive": 30, "holdTime": 90, "connectRetry": 10, "password": "s3cret",
                    "uri": api.url + "/bgp_peers/" + made["id"], "router": router["uri"]}
    assert api.get(router["bgpPeers"], accept=vnd("collection.BgpPeer-v1")).json() == [made]
    bare = peer(api, router, address="192.0.2.2")
    assert (bare["keepAlive"], bare["holdTime"], bare["connectRetry"], bare["password"]) == \
        (None, None, None, None)


def test_peer_update_and_delete(api, router):
    made = peer(api, router, password="x")
    resp = api.put(made["uri"], {"asNumber": 65001, "address": "192.0.2.9", "holdTime": 60},
                   ctype=PEER)
    assert resp.status_code == 204 and resp.content == b""
    updated = api.get(made["uri"], accept=PEER).json()
    assert (updated["id"], updated["asNumber"], updated["address"], updated["holdTime"],
            updated["password"], updated["router"]) == \
        (made["id"], 65001, "192.0.2.9", 60, None, router["uri"])
    assert api.delete(made["uri"]).status_code == 204
    error(api.get(made["uri"]), 404, f"There is no BgpPeer with ID {made['id']}.")
    assert api.delete(made["uri"]).status_code == 204  # idempotent
    error(api.put(made["uri"], {"asNumber": 1, "address": "1.1.1.1"}), 404)


def test_peer_validation(api, router):
    assert violations(api.post(router["bgpPeers"], {})) == [
        ("address", "may not be null"), ("asNumber", "must be greater than or equal to 1")]
    resp = api.post(router["bgpPeers"], {"asNumber": 1, "address": "192.0.2", "keepAlive": 4,
                                         "holdTime": 7201, "connectRetry": 3601})
    assert violations(resp) == [("address", IPV4_PATTERN),
                                ("connectRetry", "must be less than or equal to 3600"),
                                ("holdTime", "must be less than or equal to 7200"),
                                ("keepAlive", "must be greater than or equal to 5")]
    resp = api.post(router["bgpPeers"], {"asNumber": 1, "address": "1.1.1.1",
                                         "keepAlive": 3601, "holdTime": 4, "connectRetry": 4})
    assert violations(resp) == [("connectRetry", "must be greater than or equal to 5"),
                                ("holdTime", "must be greater than or equal to 5"),
                                ("keepAlive", "must be less than or equal to 3600")]


def test_duplicate_peer(api, router):
    made = peer(api, router)
    message = "A BGP peer with address 192.0.2.1 and AS number 65000 already exists."
    error(api.post(router["bgpPeers"], {"asNumber": 65000, "address": "192.0.2.1"}), 400,
          message)
    peer(api, router, asNumber=65001)  # another AS at the same address is fine
    peer(api, api.router())  # and so is another router
    other = peer(api, router, address="192.0.2.7")
    # Only creation checks uniqueness: an update may make a second peer like the first.
    assert api.put(other["uri"], {"asNumber": 65000, "address": "192.0.2.1"}).status_code == 204
    assert api.put(made["uri"], {"asNumber": 65000, "address": "192.0.2.1"}).status_code == 204


def test_peer_missing_router_methods_and_media(api, router):
    error(api.post(f"routers/{MISSING}/bgp_peers", {"asNumber": 1, "address": "1.1.1.1"}),
          404, f"There is no Router with ID {MISSING}.")
    error(api.get(f"routers/{MISSING}/bgp_peers"), 404)
    empty(api.get("bgp_peers"), 405)
    empty(api.post(router["bgpPeers"], {}, ctype="text/plain"), 415)
    empty(api.post(router["bgpPeers"], {}, ctype=NETWORK), 406)
    made = peer(api, router)
    empty(api.get(made["uri"], accept=NETWORK), 406)
    empty(api.get(router["bgpPeers"], accept=PEER), 406)
    error(api.post(router["bgpPeers"], {"asNumber": 2, "address": "2.2.2.2",
                                        "id": made["id"]}), 409,
          f"A(n) BgpPeer with ID {made['id']} already exists.")


# ---- networks ----------------------------------------------------------------------------

def test_networks(api, router):
    made = api.create(router["bgpNetworks"], {"subnetAddress": "203.0.113.0",
                                              "subnetLength": 24}, ctype=NETWORK)
    assert made == {"id": made["id"], "subnetAddress": "203.0.113.0", "subnetLength": 24,
                    "uri": api.url + "/bgp_networks/" + made["id"], "router": router["uri"]}
    listed = api.get(router["bgpNetworks"], accept=vnd("collection.BgpNetwork-v1")).json()
    assert listed == [made]
    empty(api.put(made["uri"], made), 405)
    empty(api.get("bgp_networks"), 405)
    assert api.delete(made["uri"]).status_code == 204
    error(api.get(made["uri"]), 404, f"There is no BgpNetwork with ID {made['id']}.")
    assert api.delete(made["uri"]).status_code == 204


def test_network_validation(api, router):
    assert violations(api.post(router["bgpNetworks"], {})) == [
        ("subnetAddress", "may not be null")]
    assert violations(api.post(router["bgpNetworks"], {"subnetAddress": "x",
                                                       "subnetLength": 33})) == [
        ("subnetAddress", IPV4_PATTERN), ("subnetLength", "must be less than or equal to 32")]
    error(api.post(f"routers/{MISSING}/bgp_networks", {"subnetAddress": "1.0.0.0"}), 404,
          f"There is no Router with ID {MISSING}.")


def test_router_delete_takes_bgp_objects(api, router):
    made = peer(api, router)
    network = api.create(router["bgpNetworks"], {"subnetAddress": "203.0.113.0"})
    survivor = peer(api, api.router())
    assert api.delete(router["uri"]).status_code == 204
    error(api.get(made["uri"]), 404)
    error(api.get(network["uri"]), 404)
    assert api.get(survivor["uri"]).status_code == 200


# ---- peering table -----------------------------------------------------------------------

@pytest.fixture
def port(api, router):
    return api.router_port(router)


def test_peering_entries(api, port):
    table = port["peeringTable"]
    resp = api.post(table, {"ip": "10.0.0.9", "mac": "AA:BB:CC:DD:EE:FF"}, ctype=MAC_IP)
    assert resp.status_code == 201 and resp.content == b""
    location = resp.headers["Location"]
    assert location == table + "/10.0.0.9_aa-bb-cc-dd-ee-ff"
    entry = api.get(location, accept=MAC_IP).json()
    assert entry == {"ip": "10.0.0.9", "mac": "aa:bb:cc:dd:ee:ff", "uri": location}
    # The list is served with the item type: the server has no collection type for it.
    assert api.get(table, accept=MAC_IP).json() == [entry]
    assert api.get(table, accept=JSON).json() == [entry]
    empty(api.get(table, accept=vnd("collection.MacIp-v1")), 406)
    assert api.delete(location).status_code == 204
    assert api.get(table).json() == []
    error(api.get(location), 404)
    assert api.delete(location).status_code == 204  # absent: still 204


def test_peering_validation_and_media(api, router, port):
    table = port["peeringTable"]
    empty(api.post(table, {"ip": "10.0.0.9", "mac": "aa:bb:cc:dd:ee:ff"}, ctype=JSON), 415)
    assert violations(api.post(table, {}, ctype=MAC_IP)) == [
        ("ip", "may not be null"), ("mac", "may not be null")]
    assert violations(api.post(table, {"ip": "10.0.0", "mac": "aa:bb"}, ctype=MAC_IP)) == [
        ("ip", IPV4_PATTERN),
        ("mac", "MAC address string must be 6 words of 1 or 2 hex digits joined with 5 ':'")]
    error(api.get(table + "/10.0.0.9_aa:bb:cc:dd:ee:ff"), 400,
          "MAC address must consist of six pairs of hex digits separated by hyphens, "
          "e.g., 12-34-56-78-9a-bc.")
    error(api.get(f"routers/{router['id']}/ports/{MISSING}/peering_table"), 404,
          f"There is no Port with ID {MISSING}.")
    elsewhere = api.router_port(api.router())
    error(api.get(f"routers/{router['id']}/ports/{elsewhere['id']}/peering_table"), 404)


def test_port_delete_drops_its_peering_table(api, router, port):
    api.post(port["peeringTable"], {"ip": "10.0.0.9", "mac": "aa:bb:cc:dd:ee:ff"},
             ctype=MAC_IP)
    assert api.delete(port["uri"]).status_code == 204
    again = api.router_port(router, id=port["id"])
    assert api.get(again["peeringTable"]).json() == []
