"""Sandbox: seeded hosts, interfaces, bindings, tunnel zones and their members."""

import uuid

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MEMBER = vnd("TunnelZoneHost-v1")
GRE_MEMBER = vnd("GreTunnelZoneHost-v1")
BINDING = vnd("HostInterfacePort-v1")


def host_id(i):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"midoshell-sandbox/host/{i}"))


def test_seeded_hosts(api):
    hosts = api.get("hosts", accept=vnd("collection.Host-v3")).json()
    assert [h["id"] for h in hosts] == [host_id(i) for i in range(3)]
    host = hosts[1]
    assert host["name"] == "compute-2" and host["alive"] is True
    assert host["addresses"] == ["127.0.0.1", "192.168.100.11"]
    assert (host["floodingProxyWeight"], host["containerWeight"], host["containerLimit"],
            host["enforceContainerLimit"]) == (1, 1, -1, False)
    assert host["uri"] == api.url + "/hosts/" + host["id"]
    assert host["interfaces"] == host["uri"] + "/interfaces"
    assert host["ports"] == host["uri"] + "/ports"
    lo, eth0 = host["hostInterfaces"]
    assert lo == {"hostId": host["id"], "name": "lo", "mac": "00:00:00:00:00:00",
                  "mtu": 65536, "type": "Virtual", "endpoint": "LOCALHOST", "portType": None,
                  "addresses": ["127.0.0.1"], "status": 3,
                  "uri": host["uri"] + "/interfaces/lo"}
    assert (eth0["mac"], eth0["mtu"], eth0["type"], eth0["endpoint"]) == \
        ("52:54:00:00:00:01", 1500, "Physical", "PHYSICAL")


def test_interfaces(api):
    hid = host_id(0)
    listed = api.get(f"hosts/{hid}/interfaces", accept=vnd("collection.Interface-v1"))
    assert [i["name"] for i in listed.json()] == ["lo", "eth0"]
    eth0 = api.get(f"hosts/{hid}/interfaces/eth0", accept=vnd("Interface-v1")).json()
    assert eth0["addresses"] == ["192.168.100.10"]
    error(api.get(f"hosts/{hid}/interfaces/eth9"), 404, "Interface not found")


def test_host_put_updates_only_weights(api):
    uri = f"hosts/{host_id(0)}"
    host = api.get(uri).json()
    body = {**host, "name": "renamed", "floodingProxyWeight": 7, "containerWeight": 2,
            "containerLimit": 5, "enforceContainerLimit": True}
    resp = api.put(uri, body, ctype=vnd("Host-v3"))
    assert resp.status_code == 200 and resp.content == b""
    got = api.get(uri).json()
    assert got["name"] == "compute-1"
    assert (got["floodingProxyWeight"], got["containerWeight"], got["containerLimit"],
            got["enforceContainerLimit"]) == (7, 2, 5, True)


@pytest.mark.parametrize("field, message", [
    ("floodingProxyWeight", "Flooding proxy weight must not be null."),
    ("containerWeight", "Container weight must not be null."),
    ("containerLimit", "Container limit must not be null."),
    ("enforceContainerLimit", "Enforce container limit must not be null."),
])
def test_host_put_needs_all_four_fields(api, field, message):
    uri = f"hosts/{host_id(0)}"
    body = {k: v for k, v in api.get(uri).json().items() if k != field}
    error(api.put(uri, body), 400, message)


def test_host_get_missing_and_delete_rules(api):
    missing = str(uuid.uuid4())
    error(api.get(f"hosts/{missing}"), 404, f"There is no Host with ID {missing}.")
    error(api.delete(f"hosts/{missing}"), 404)
    alive = host_id(0)
    error(api.delete(f"hosts/{alive}"), 403, f"Cannot delete host {alive} because it is active.")


def test_posted_host_and_delete_cascade(api):
    hid = str(uuid.uuid4())
    host = api.create("hosts", {"id": hid, "name": "extra"}, ctype=vnd("Host-v3"))
    assert host["alive"] is False and host["hostInterfaces"] == []
    zone = api.tunnel_zone()
    api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.9.0.1"}, ctype=MEMBER)
    port = api.bridge_port(api.bridge())
    api.post(host["ports"], {"portId": port["id"], "interfaceName": "tap0"}, ctype=BINDING)
    error(api.delete(host["uri"]), 403,
          f"Cannot delete host {hid} because it has 1 binding(s).")
    api.delete(f"{host['ports']}/{port['id']}")
    assert api.delete(host["uri"]).status_code == 200
    assert api.get(zone["hosts"], accept=vnd("collection.TunnelZoneHost-v1")).json() == []


def test_tunnel_zone_crud(api):
    zone = api.create("tunnel_zones", {"name": "tz1", "type": "vxlan"},
                      ctype=vnd("TunnelZone-v1"))
    assert zone["hosts"] == zone["uri"] + "/hosts" and zone["type"] == "vxlan"
    assert api.put(zone["uri"], {"name": "tz2", "type": "gre"}).status_code == 204
    assert api.get(zone["uri"]).json()["name"] == "tz2"
    assert [z["id"] for z in api.get("tunnel_zones").json()] == [zone["id"]]
    assert api.delete(zone["uri"]).status_code == 204
    error(api.get(zone["uri"]), 404, f"There is no TunnelZone with ID {zone['id']}.")
    assert api.delete(zone["uri"]).status_code == 204


def test_tunnel_zone_validation(api):
    body = error(api.post("tunnel_zones", {"name": "tz"}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "type", "message": "may not be null"}]
    body = error(api.post("tunnel_zones", {"name": "tz", "type": "ipsec"}), 400)
    assert "[gre, vxlan, vtep]" in body["message"] and "ipsec" in body["message"]
    body = error(api.post("tunnel_zones", {"type": "gre"}), 400)
    assert body["violations"] == [{"property": "name", "message": "may not be null"}]
    body = error(api.post("tunnel_zones", {"name": "", "type": "gre"}), 400)
    assert body["violations"] == [{"property": "name",
                                   "message": "size must be between 1 and 255"}]


def test_tunnel_zone_name_uniqueness(api):
    zone = api.tunnel_zone("tz0")
    error(api.post("tunnel_zones", {"name": "tz0", "type": "vxlan"}), 409,
          "Tunnel zone name already exists.")
    # The server's quirk: a PUT keeping the same name conflicts with the zone itself.
    error(api.put(zone["uri"], {"name": "tz0", "type": "gre"}), 409,
          "Tunnel zone name already exists.")


def test_tunnel_zone_members(api):
    zone = api.tunnel_zone()
    hid = host_id(0)
    resp = api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.0.0.1"}, ctype=GRE_MEMBER)
    assert resp.status_code == 201
    assert resp.headers["Location"] == f"{zone['uri']}/hosts/{hid}"
    listed = api.get(zone["hosts"], accept=vnd("collection.TunnelZoneHost-v1"))
    assert listed.headers["Content-Type"] == vnd("collection.TunnelZoneHost-v1")
    assert listed.json() == [{"hostId": hid, "ipAddress": "10.0.0.1",
                              "tunnelZoneId": zone["id"], "uri": f"{zone['uri']}/hosts/{hid}",
                              "host": f"{api.url}/hosts/{hid}", "tunnelZone": zone["uri"]}]
    member = api.get(f"{zone['hosts']}/{hid}", accept=MEMBER)
    assert member.status_code == 200 and member.json()["ipAddress"] == "10.0.0.1"
    empty(api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.0.0.2"}, ctype=MEMBER), 409)
    assert api.delete(f"{zone['hosts']}/{hid}").status_code == 204
    empty(api.delete(f"{zone['hosts']}/{hid}"), 404)
    error(api.get(f"{zone['hosts']}/{hid}", accept=MEMBER), 404, "Resource not found")


def test_tunnel_zone_member_media_types_and_errors(api):
    zone = api.tunnel_zone()
    hid = host_id(1)
    empty(api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.0.0.1"}, ctype=JSON), 415)
    empty(api.get(zone["hosts"], accept=JSON), 406)
    body = error(api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.0.0"},
                          ctype=MEMBER), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "ipAddress", "message": "is an invalid IP format"}]
    body = error(api.post(zone["hosts"], {}, ctype=MEMBER), 400)
    assert {v["property"] for v in body["violations"]} == {"hostId", "ipAddress"}
    unknown = str(uuid.uuid4())
    error(api.post(zone["hosts"], {"hostId": unknown, "ipAddress": "10.0.0.1"}, ctype=MEMBER),
          404, f"There is no Host with ID {unknown}.")
    error(api.post(f"tunnel_zones/{unknown}/hosts", {"hostId": hid, "ipAddress": "10.0.0.1"},
                   ctype=MEMBER), 404, f"There is no TunnelZone with ID {unknown}.")


def test_delete_tunnel_zone_clears_memberships(api):
    zone = api.tunnel_zone()
    api.post(zone["hosts"], {"hostId": host_id(0), "ipAddress": "10.0.0.1"}, ctype=MEMBER)
    api.delete(zone["uri"])
    port = api.bridge_port(api.bridge())
    error(api.post(f"hosts/{host_id(0)}/ports", {"portId": port["id"], "interfaceName": "t"},
                   ctype=BINDING), 409, "The specified host is not in any tunnel zone.")


def test_bindings(api):
    hid = host_id(0)
    ports_uri = f"hosts/{hid}/ports"
    port = api.bridge_port(api.bridge())
    body = {"portId": port["id"], "interfaceName": "tap0"}
    error(api.post(ports_uri, body, ctype=BINDING), 409,
          "The specified host is not in any tunnel zone.")
    zone = api.tunnel_zone()
    api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.0.0.1"}, ctype=MEMBER)
    resp = api.post(ports_uri, body, ctype=BINDING)
    assert resp.status_code == 201
    assert resp.headers["Location"] == f"{api.url}/hosts/{hid}/ports/{port['id']}"

    bound = api.get(port["uri"]).json()
    assert (bound["hostId"], bound["interfaceName"]) == (hid, "tap0")
    assert bound["host"] == f"{api.url}/hosts/{hid}"
    assert bound["hostInterfacePort"] == resp.headers["Location"]
    listed = api.get(ports_uri, accept=vnd("collection.HostInterfacePort-v1")).json()
    assert listed == [{"portId": port["id"], "hostId": hid, "interfaceName": "tap0",
                       "uri": resp.headers["Location"], "host": f"{api.url}/hosts/{hid}",
                       "port": port["uri"]}]
    assert api.get(resp.headers["Location"]).json()["interfaceName"] == "tap0"

    error(api.post(ports_uri, body, ctype=BINDING), 409,
          f"Port {port['id']} is already bound to an interface")
    other = api.bridge_port(api.bridge())
    error(api.post(ports_uri, {"portId": other["id"], "interfaceName": "tap0"}, ctype=BINDING),
          409, "Interface tap0 is already bound to a port.")
    missing = str(uuid.uuid4())
    error(api.post(ports_uri, {"portId": missing, "interfaceName": "tap1"}, ctype=BINDING),
          404, f"There is no Port with ID {missing}.")

    assert api.delete(resp.headers["Location"]).status_code == 204
    assert api.get(port["uri"]).json()["hostId"] is None
    error(api.get(resp.headers["Location"]), 404, "Host interface port not found")
    error(api.delete(f"{ports_uri}/{missing}"), 404)


def test_binding_list_media_type(api):
    empty(api.get(f"hosts/{host_id(0)}/ports", accept=JSON), 406)
    assert api.get(f"hosts/{host_id(0)}/ports", accept="*/*").json() == []


def test_deleting_a_bound_port_unbinds_it(api):
    hid = host_id(2)
    zone = api.tunnel_zone()
    api.post(zone["hosts"], {"hostId": hid, "ipAddress": "10.0.0.3"}, ctype=MEMBER)
    port = api.bridge_port(api.bridge())
    api.post(f"hosts/{hid}/ports", {"portId": port["id"], "interfaceName": "tap0"},
             ctype=BINDING)
    api.delete(port["uri"])
    assert api.get(f"hosts/{hid}/ports", accept="*/*").json() == []
