"""Sandbox: router/bridge ports, addresses and Local routes, routes, link/unlink, cascades."""

import re

from sandbox_helpers import api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"


def test_router_port_fields_and_derivation(api):
    router = api.router()
    port = api.router_port(router, "10.0.0.1", 24)
    assert port["type"] == "Router" and port["deviceId"] == router["id"]
    assert port["portSubnet"] == ["10.0.0.1/24"]
    assert (port["portAddress"], port["networkAddress"], port["networkLength"]) == \
        ("10.0.0.1", "10.0.0.0", 24)
    assert re.fullmatch(r"ac:ca:ba(:[0-9a-f]{2}){3}", port["portMac"])
    assert isinstance(port["tunnelKey"], int)
    assert port["uri"] == api.url + "/ports/" + port["id"]
    assert port["device"] == router["uri"]
    assert port["link"] == port["uri"] + "/link"
    assert port["peeringTable"] == router["uri"] + "/ports/" + port["id"] + "/peering_table"
    for key in ("peerId", "hostId", "interfaceName", "host", "peer", "hostInterfacePort",
                "rtrPortVni", "bgpStatus"):
        assert port[key] is None
    assert port["active"] is False and port["insertionIds"] == []


def test_router_port_with_port_subnet_and_explicit_mac(api):
    router = api.router()
    port = api.create(f"routers/{router['id']}/ports",
                      {"type": "Router", "portSubnet": ["192.168.1.5/16", "fd00::1/64"],
                       "portMac": "02:00:00:00:00:01"}, ctype=vnd("Port-v3"))
    assert port["portAddress"] == "192.168.1.5" and port["networkAddress"] == "192.168.0.0"
    assert port["networkLength"] == 16 and port["portMac"] == "02:00:00:00:00:01"
    local = [r for r in api.get(router["routes"]).json() if r["type"] == "Local"]
    assert [r["dstNetworkAddr"] for r in local] == ["192.168.1.5"]  # IPv4 entries only


def test_router_port_creates_local_route(api):
    router = api.router()
    port = api.router_port(router, "10.0.0.1", 24)
    [route] = api.get(router["routes"], accept=vnd("collection.Route-v1")).json()
    assert {k: route[k] for k in ("type", "srcNetworkAddr", "srcNetworkLength",
                                  "dstNetworkAddr", "dstNetworkLength", "nextHopPort",
                                  "nextHopGateway", "weight", "routerId", "learned")} == {
        "type": "Local", "srcNetworkAddr": "0.0.0.0", "srcNetworkLength": 0,
        "dstNetworkAddr": "10.0.0.1", "dstNetworkLength": 32, "nextHopPort": port["id"],
        "nextHopGateway": None, "weight": 0, "routerId": router["id"], "learned": False}
    assert route["uri"] == api.url + "/routes/" + route["id"]
    assert route["router"] == router["uri"]


def test_router_port_address_validation(api):
    router = api.router()
    body = error(api.post(f"routers/{router['id']}/ports",
                          {"type": "Router", "portAddress": "10.0.0.300",
                           "networkLength": 33}), 400, "Validation error(s) found")
    assert sorted(body["violations"], key=lambda v: v["property"]) == [
        {"property": "networkLength", "message": "must be less than or equal to 32"},
        {"property": "portAddress", "message": "is an invalid IP format"}]


def test_router_port_needs_an_address_and_valid_subnets(api):
    path = f"routers/{api.router()['id']}/ports"
    body = error(api.post(path, {"type": "Router"}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "portAddress", "message": "may not be null"}]
    body = error(api.post(path, {"type": "Router", "portSubnet": ["10.0.0.1", "x/8"]}), 400)
    assert [v["property"] for v in body["violations"]] == ["portSubnet", "portSubnet"]


def test_port_type_checks(api):
    router, bridge = api.router(), api.bridge()
    error(api.post(f"bridges/{bridge['id']}/ports", {"type": "Router"}), 400,
          "Not a bridge port.")
    error(api.post(f"routers/{router['id']}/ports", {"type": "Bridge"}), 400)
    error(api.post(f"routers/{router['id']}/ports", {"portAddress": "1.1.1.1"}), 400)
    error(api.post(f"routers/{MISSING}/ports", {"type": "Router", "portAddress": "1.1.1.1"}),
          404, f"There is no Router with ID {MISSING}.")
    legacy = api.create(f"bridges/{bridge['id']}/ports", {"type": "InteriorBridge"})
    assert legacy["type"] == "Bridge"


def test_bridge_port_and_ports_list(api):
    router, bridge = api.router(), api.bridge()
    bport = api.bridge_port(bridge)
    assert bport["vlanId"] == 0 and bport["device"] == bridge["uri"]
    assert "portAddress" not in bport
    tagged = api.bridge_port(bridge, vlanId=10)
    rport = api.router_port(router)
    assert [p["id"] for p in api.get(bridge["ports"]).json()] == [bport["id"], tagged["id"]]
    listed = api.get("ports", accept=vnd("collection.Port-v4")).json()
    assert [p["id"] for p in listed] == [bport["id"], tagged["id"], rport["id"]]


def test_port_put_get_delete(api):
    router = api.router()
    port = api.router_port(router, "10.0.0.1", 24)
    resp = api.put(port["uri"], {**port, "adminStateUp": False, "portSubnet": [],
                                 "portAddress": "10.0.1.1", "networkLength": 24},
                   ctype=vnd("Port-v4"))
    assert resp.status_code == 204
    got = api.get(port["uri"], accept=vnd("Port-v3")).json()
    assert got["adminStateUp"] is False and got["portAddress"] == "10.0.1.1"
    assert got["tunnelKey"] == port["tunnelKey"] and got["portMac"] == port["portMac"]
    [local] = api.get(router["routes"]).json()
    assert local["dstNetworkAddr"] == "10.0.1.1"
    assert api.delete(port["uri"]).status_code == 204
    error(api.delete(port["uri"]), 404, f"There is no Port with ID {port['id']}.")
    assert api.get(router["routes"]).json() == []


def test_port_405s(api):
    router = api.router()
    port = api.router_port(router)
    empty(api.post("ports", {"type": "Router"}), 405)
    nested = f"routers/{router['id']}/ports/{port['id']}"
    empty(api.get(nested), 405)
    empty(api.put(nested, port), 405)
    assert api.delete(nested).status_code == 204  # the nested path can delete
    error(api.get(port["uri"]), 404)


def test_routes(api):
    router = api.router()
    port = api.router_port(router, "10.0.0.1", 24)
    body = {"type": "Normal", "srcNetworkAddr": "0.0.0.0", "srcNetworkLength": 0,
            "dstNetworkAddr": "10.1.0.0", "dstNetworkLength": 16, "nextHopPort": port["id"],
            "nextHopGateway": "10.0.0.254"}
    route = api.create(f"routers/{router['id']}/routes", body, ctype=vnd("Route-v1"))
    assert route["weight"] == 0 and route["nextHopGateway"] == "10.0.0.254"
    assert route["routerId"] == router["id"]
    assert [r["type"] for r in api.get(router["routes"]).json()] == ["Local", "Normal"]
    empty(api.put(route["uri"], body), 405)
    empty(api.get(f"routers/{router['id']}/routes/{route['id']}"), 405)
    assert api.delete(route["uri"]).status_code == 204
    error(api.get(route["uri"]), 404, f"There is no Route with ID {route['id']}.")
    assert api.delete(route["uri"]).status_code == 204  # idempotent


def test_route_validation(api):
    router, other = api.router(), api.router()
    foreign = api.router_port(other)
    path = f"routers/{router['id']}/routes"
    base = {"srcNetworkAddr": "0.0.0.0", "dstNetworkAddr": "10.0.0.0", "dstNetworkLength": 8}
    error(api.post(path, {**base, "type": "Sideways"}), 400, "This type of route is invalid.")
    message = "This type of route requires a next hop port that is a port on the same router."
    error(api.post(path, {**base, "type": "Normal"}), 400, message)
    error(api.post(path, {**base, "type": "Normal", "nextHopPort": foreign["id"]}), 400,
          message)
    body = error(api.post(path, {"type": "BlackHole", "dstNetworkAddr": "x",
                                 "weight": -1}), 400, "Validation error(s) found")
    # The route's address @Pattern has no message of its own: the regex is quoted.
    assert sorted((v["property"], v["message"]) for v in body["violations"]) == [
        ("dstNetworkAddr", 'must match "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.)'
                           '{3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$"'),
        ("srcNetworkAddr", "may not be null"),
        ("weight", "must be greater than or equal to 0")]
    assert api.create(path, {**base, "type": "BlackHole"})["nextHopPort"] is None


def test_link_and_unlink(api):
    router, bridge = api.router(), api.bridge()
    rport, bport = api.router_port(router), api.bridge_port(bridge)
    resp = api.post(rport["link"], {"peerId": bport["id"]}, ctype=vnd("PortLink-v1"))
    assert resp.status_code == 201 and resp.content == b""
    rport, bport = api.get(rport["uri"]).json(), api.get(bport["uri"]).json()
    assert rport["peerId"] == bport["id"] and bport["peerId"] == rport["id"]
    assert rport["peer"] == bport["uri"]
    assert [p["id"] for p in api.get(router["peerPorts"]).json()] == [bport["id"]]
    assert [p["id"] for p in api.get(bridge["peerPorts"]).json()] == [rport["id"]]

    third = api.bridge_port(bridge)
    error(api.post(third["link"], {"peerId": rport["id"]}), 409, "Ports are not linkable.")
    error(api.post(rport["link"], {"peerId": third["id"]}), 409, "Ports are not linkable.")
    error(api.post(third["link"], {"peerId": MISSING}), 404,
          f"There is no Port with ID {MISSING}.")

    assert api.delete(rport["link"]).status_code == 204
    assert api.get(rport["uri"]).json()["peerId"] is None
    assert api.get(bport["uri"]).json()["peerId"] is None
    assert api.delete(rport["link"]).status_code == 204  # not linked: still fine


def test_delete_port_clears_peer(api):
    r1, r2 = api.router(), api.router()
    a, b = api.router_port(r1, "10.0.0.1", 30), api.router_port(r2, "10.0.0.2", 30)
    api.post(a["link"], {"peerId": b["id"]})
    assert api.delete(a["uri"]).status_code == 204
    assert api.get(b["uri"]).json()["peerId"] is None


def test_delete_router_cascades_ports_and_routes(api):
    router, other = api.router(), api.router()
    port = api.router_port(router)
    keep = api.router_port(other)
    api.post(port["link"], {"peerId": keep["id"]})
    route = api.create(f"routers/{router['id']}/routes",
                       {"type": "Reject", "srcNetworkAddr": "0.0.0.0",
                        "dstNetworkAddr": "8.8.8.8", "dstNetworkLength": 32})
    local = api.get(router["routes"]).json()[0]
    assert api.delete(router["uri"]).status_code == 204
    error(api.get(port["uri"]), 404)
    error(api.get(route["uri"]), 404)
    error(api.get(local["uri"]), 404)
    assert [p["id"] for p in api.get("ports").json()] == [keep["id"]]
    assert api.get(keep["uri"]).json()["peerId"] is None
    assert len(api.get(other["routes"]).json()) == 1


def test_delete_bridge_cascades_ports(api):
    bridge = api.bridge()
    port = api.bridge_port(bridge)
    assert api.delete(bridge["uri"]).status_code == 204
    error(api.get(port["uri"]), 404)


def test_put_can_set_peer_when_unlinked(api):
    a, b = api.bridge_port(api.bridge()), api.bridge_port(api.bridge())
    assert api.put(a["uri"], {**a, "peerId": b["id"]}).status_code == 204
    assert api.get(b["uri"]).json()["peerId"] == a["id"]
