"""Sandbox: VTEPs, their bindings (and the bridges' VXLAN ports), their physical ports."""

import uuid

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"


def vtep(api, address="10.1.0.1", **fields):
    zone = api.tunnel_zone(name=f"vtz-{address}", zone_type="vtep")
    return api.create("vteps", {"managementIp": address, "managementPort": 6632,
                                "tunnelZoneId": zone["id"], **fields})


def test_vtep_crud(api):
    created = vtep(api)
    uri = api.url + "/vteps/" + created["id"]
    assert created == {
        "id": created["id"], "managementIp": "10.1.0.1", "managementPort": 6632,
        "tunnelZoneId": created["tunnelZoneId"], "name": "sandbox-vtep",
        "description": "midoshell-sandbox emulated hardware VTEP",
        "connectionState": "connected", "tunnelIpAddrs": [], "uri": uri,
        "bindings": uri + "/bindings", "ports": uri + "/ports",
        "vtepBindingTemplate": uri + "/{portName}/{vlanId}"}
    listed = api.get("vteps", accept=vnd("collection.VTEP-v2"))
    assert listed.headers["Content-Type"] == vnd("collection.VTEP-v2")
    assert [v["id"] for v in listed.json()] == [created["id"]]
    empty(api.put(uri, created), 405)
    assert api.delete(uri).status_code == 204
    error(api.delete(uri), 404, f"There is no Vtep with ID {created['id']}.")


def test_vtep_validation(api):
    gre = api.tunnel_zone(name="gre")
    body = error(api.post("vteps", {"managementIp": "nope", "managementPort": 0}), 400,
                 "Validation error(s) found")
    assert sorted((v["property"], v["message"]) for v in body["violations"]) == [
        ("managementIp", "is not a valid IP address"),
        ("managementPort", "must be greater than or equal to 1")]
    base = {"managementIp": "10.2.0.1", "managementPort": 6632}
    error(api.post("vteps", base), 400, "Tunnel zone ID is not valid.")
    error(api.post("vteps", {**base, "tunnelZoneId": MISSING}), 400,
          "Tunnel zone ID is not valid.")
    error(api.post("vteps", {**base, "tunnelZoneId": gre["id"]}), 400,
          "Tunnel zone is not of type VTEP.")
    existing = vtep(api, "10.2.0.1")
    error(api.post("vteps", {**base, "tunnelZoneId": existing["tunnelZoneId"]}), 409,
          "A VTEP with IP address 10.2.0.1 already exists.")
    host_ip = api.hosts()[0]["addresses"][-1]
    error(api.post("vteps", {**base, "managementIp": host_ip,
                             "tunnelZoneId": existing["tunnelZoneId"]}), 409,
          f"VTEP conflicts with an existing host with IP address {host_ip}.")


def test_tunnel_zone_in_use(api):
    created = vtep(api)
    zone = created["tunnelZoneId"]
    # The zone resource checks for VTEPs itself, before the store's reference check.
    error(api.delete(f"tunnel_zones/{zone}"), 409,
          "Tunnel Zone is used by VTEP(s), please delete the following VTEPs before "
          f"deleting this tunnel zone: ArrayBuffer({created['id']})")
    assert api.delete(created["uri"]).status_code == 204
    assert api.delete(f"tunnel_zones/{zone}").status_code == 204


def test_bindings_and_vxlan_port(api):
    created, bridge = vtep(api), api.bridge()
    binding = api.create(created["bindings"], {"portName": "eth1", "vlanId": 10,
                                               "networkId": bridge["id"]})
    uri = created["bindings"] + "/eth1/10"
    assert binding == {"vtepId": created["id"], "portName": "eth1", "vlanId": 10,
                       "networkId": bridge["id"], "uri": uri}
    port_id = str(uuid.UUID(int=uuid.UUID(created["id"]).int ^ uuid.UUID(bridge["id"]).int))
    assert api.get(bridge["uri"]).json()["vxLanPortIds"] == [port_id]
    port = api.get(f"ports/{port_id}").json()
    assert port["type"] == "Vxlan" and port["deviceId"] == bridge["id"]
    assert [p["id"] for p in api.get(bridge["vxLanPorts"]).json()] == [port_id]
    # A second binding to the same bridge shares the VXLAN port.
    api.create(created["bindings"], {"portName": "eth2", "networkId": bridge["id"]})
    assert [(b["portName"], b["vlanId"]) for b in api.get(created["bindings"]).json()] == \
        [("eth1", 10), ("eth2", 0)]
    # A port and VLAN that are bound cannot be bound again, to this bridge or another.
    other = api.bridge()
    for network in (bridge["id"], other["id"]):
        error(api.post(created["bindings"], {"portName": "eth1", "vlanId": 10,
                                             "networkId": network}), 409,
              f"The VTEP at 10.1.0.1:6632 already has a binding for port eth1 on vlan 10 to "
              f"network {bridge['id']}")
    # Bridge and VTEP cannot go while bound.
    error(api.delete(bridge["uri"]), 409, "The bridge still has VTEP bindings, please "
                                          "remove them before deleting the bridge")
    assert api.get(f"ports/{port_id}").status_code == 200
    error(api.delete(created["uri"]), 400,
          "The VTEP with IP address 10.1.0.1 cannot be deleted because it still has "
          "bindings. To delete the VTEP, please delete its bindings and then resubmit this "
          "request.")
    # The last binding to the bridge takes the VXLAN port along.
    assert api.delete(uri).status_code == 204
    assert api.get(f"ports/{port_id}").status_code == 200
    assert api.delete(created["bindings"] + "/eth2/0").status_code == 204
    assert api.get(f"ports/{port_id}").status_code == 404
    assert api.get(bridge["uri"]).json()["vxLanPortIds"] == []
    assert api.delete(uri).status_code == 204  # idempotent
    assert api.delete(bridge["uri"]).status_code == 204
    assert api.delete(created["uri"]).status_code == 204


def test_binding_errors(api):
    created, bridge = vtep(api), api.bridge()
    bindings = created["bindings"]
    body = error(api.post(bindings, {"vlanId": 5000}), 400, "Validation error(s) found")
    assert sorted(v["property"] for v in body["violations"]) == \
        ["networkId", "portName", "vlanId"]
    error(api.post(bindings, {"portName": "eth0", "networkId": MISSING}), 400,
          f"There is no Network with ID {MISSING}.")
    error(api.post(f"vteps/{MISSING}/bindings", {"portName": "eth0",
                                                  "networkId": bridge["id"]}), 400,
          f"There is no Vtep with ID {MISSING}.")
    error(api.post(bindings, {"portName": "ge-0/0/1", "networkId": bridge["id"]}), 404,
          "The VTEP 10.1.0.1 does not have a port named 6632.")  # sic, as the server words it
    error(api.get(bindings + "/eth0/3"), 404, "The VTEP at 10.1.0.1 does not have a "
                                              "binding to a Midonet network for VLAN 3 at "
                                              "port eth0.")
    error(api.get(f"vteps/{MISSING}/bindings"), 404, f"There is no Vtep with ID {MISSING}.")
    empty(api.post(bindings, {}, ctype=vnd("Router-v3")), 415)
    empty(api.get(bindings, accept=vnd("Router-v3")), 406)
    assert api.get(bindings, accept=vnd("collection.VTEPBinding-v2")).json() == []


def test_vtep_ports(api):
    created = vtep(api)
    resp = api.get(created["ports"], accept=vnd("collection.VTEPPort-v1"))
    assert resp.headers["Content-Type"] == vnd("collection.VTEPPort-v1")
    assert [p["name"] for p in resp.json()] == ["eth0", "eth1", "eth2", "eth3"]
    port = resp.json()[0]
    assert port["uri"] == created["ports"] + "/eth0" and port["vtep"] == created["uri"]
    empty(api.get(created["ports"], accept=JSON), 406)  # vendor type only
    assert api.get(port["uri"], accept=vnd("VTEPPort-v1")).json() == port
    error(api.get(created["ports"] + "/eth9", accept=vnd("VTEPPort-v1")), 404,
          f"The VTEP {created['id']} does not have a port named eth9.")


def test_media_types(api):
    empty(api.post("vteps", {}, ctype="text/plain"), 415)
    empty(api.post("vteps", {}, ctype=vnd("VTEP-v1")), 406)
    empty(api.get("vteps", accept=vnd("collection.VTEP-v1")), 406)
    error(api.get(f"vteps/{MISSING}"), 404, f"There is no Vtep with ID {MISSING}.")



def test_a_vxlan_port_cannot_be_deleted_directly(api):
    created = vtep(api, address="10.1.0.9")
    bridge = api.bridge(name="b")
    api.create(f"vteps/{created['id']}/bindings",
               {"portName": "eth0", "vlanId": 1, "networkId": bridge["id"]})
    port = api.get(f"bridges/{bridge['id']}").json()["vxLanPortIds"][0]
    answer = api.delete(f"ports/{port}")
    assert answer.status_code == 409
    assert "Please remove the bindings instead." in answer.json()["message"]
