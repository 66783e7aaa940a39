"""Sandbox: DHCP subnets of bridges (option 121 routes included) and their static hosts."""

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
SUBNET = vnd("DhcpSubnet-v2")
SUBNETS = vnd("collection.DhcpSubnet-v2")
HOST = vnd("DhcpHost-v2")
HOSTS = vnd("collection.DhcpHost-v2")
INVALID = "Validation error(s) found"
FULL = {"subnetPrefix": "10.0.0.0", "subnetLength": 24, "defaultGateway": "10.0.0.1",
        "serverAddr": "10.0.0.2", "dnsServerAddrs": ["8.8.8.8", "8.8.4.4"],
        "interfaceMTU": 1450, "enabled": False,
        "opt121Routes": [{"destinationPrefix": "169.254.169.254", "destinationLength": 32,
                          "gatewayAddr": "10.0.0.3"}]}


@pytest.fixture
def bridge(api):
    return api.bridge()


def subnet(api, bridge, **fields):
    return api.create(bridge["dhcpSubnets"], {"subnetPrefix": "10.0.0.0", "subnetLength": 24,
                                              **fields}, ctype=SUBNET)


def host(api, subnet_doc, mac="aa:bb:cc:dd:ee:ff", **fields):
    return api.create(subnet_doc["hosts"], {"macAddr": mac, "ipAddr": "10.0.0.10", **fields},
                      ctype=HOST)


def violations(resp):
    return sorted((v["property"], v["message"]) for v in error(resp, 400, INVALID)["violations"])


def test_subnet_round_trip_and_links(api, bridge):
    resp = api.post(bridge["dhcpSubnets"], FULL, ctype=SUBNET)
    assert resp.status_code == 201 and resp.content == b""
    location = resp.headers["Location"]
    assert location == bridge["uri"] + "/dhcp/10.0.0.0_24"
    shown = api.get(location, accept=SUBNET).json()
    assert shown == {**FULL, "uri": location, "hosts": location + "/hosts"}
    assert api.get(bridge["dhcpSubnets"], accept=SUBNETS).json() == [shown]


def test_subnet_defaults(api, bridge):
    shown = subnet(api, bridge)
    assert (shown["defaultGateway"], shown["serverAddr"], shown["dnsServerAddrs"],
            shown["interfaceMTU"], shown["opt121Routes"], shown["enabled"]) == \
        (None, None, None, None, [], True)
    assert subnet(api, bridge, subnetPrefix="10.1.0.0", dnsServerAddrs=[])[
        "dnsServerAddrs"] is None  # an empty list reads back null


def test_subnet_validation(api, bridge):
    assert violations(api.post(bridge["dhcpSubnets"], {})) == [
        ("subnetPrefix", "may not be null")]
    resp = api.post(bridge["dhcpSubnets"], {
        "subnetPrefix": "10.0.0", "subnetLength": 33, "defaultGateway": "x",
        "serverAddr": "1.2.3.4.5", "interfaceMTU": 65537, "dnsServerAddrs": ["8.8.8"],
        "opt121Routes": [{"destinationPrefix": "1.1.1.1", "destinationLength": 40,
                          "gatewayAddr": "gw"}]})
    assert violations(resp) == [
        ("defaultGateway", "is an invalid IPv4 format"),
        ("dnsServerAddrs", "is an invalid IPv4 format"),
        ("interfaceMTU", "must be less than or equal to 65536"),
        ("opt121Routes[0].destinationLength", "must be less than or equal to 32"),
        ("opt121Routes[0].gatewayAddr", "is an invalid IPv4 format"),
        ("serverAddr", "is an invalid IPv4 format"),
        ("subnetLength", "must be less than or equal to 32"),
        ("subnetPrefix", "is an invalid IPv4 format")]


def test_subnet_conflicts_and_missing(api, bridge):
    subnet(api, bridge)
    error(api.post(bridge["dhcpSubnets"], {"subnetPrefix": "10.0.0.0", "subnetLength": 24}),
          409, "The specified DHCP subnet(10.0.0.0/24) already exists on this bridge.")
    error(api.post(f"bridges/{MISSING}/dhcp", {"subnetPrefix": "10.0.0.0"}), 404,
          f"There is no Network with ID {MISSING}.")
    error(api.get(f"bridges/{MISSING}/dhcp", accept=SUBNETS), 404)
    unknown = bridge["dhcpSubnets"] + "/10.9.0.0_16"
    empty(api.get(unknown, accept=SUBNET), 404)  # no body, as on the server
    message = f"Network {bridge['id']} does not have a subnet with address 10.9.0.0_16."
    error(api.put(unknown, FULL), 404, message)
    error(api.delete(unknown), 404, message)


def test_subnet_media_types(api, bridge):
    shown = subnet(api, bridge)
    empty(api.get(bridge["dhcpSubnets"], accept=JSON), 406)  # the list is the vendor type only
    assert api.get(shown["uri"], accept=JSON).status_code == 200
    empty(api.get(shown["uri"], accept=vnd("DhcpSubnet-v1")), 406)
    empty(api.post(bridge["dhcpSubnets"], FULL, ctype=vnd("DhcpSubnet-v1")), 406)
    empty(api.post(bridge["dhcpSubnets"], FULL, ctype="text/plain"), 415)


def test_subnet_update(api, bridge):
    shown = subnet(api, bridge)
    resp = api.put(shown["uri"], {**shown, "defaultGateway": "10.0.0.254",
                                  "opt121Routes": FULL["opt121Routes"]}, ctype=SUBNET)
    assert resp.status_code == 204 and resp.content == b""
    updated = api.get(shown["uri"]).json()
    assert updated["defaultGateway"] == "10.0.0.254"
    assert updated["opt121Routes"] == FULL["opt121Routes"]
    assert updated["interfaceMTU"] is None  # PUT is a full replacement


def test_subnet_update_can_move_the_subnet(api, bridge):
    shown = subnet(api, bridge)
    host(api, shown)
    assert api.put(shown["uri"], {"subnetPrefix": "10.0.1.0", "subnetLength": 24}).\
        status_code == 204
    empty(api.get(shown["uri"]), 404)
    moved = api.get(bridge["dhcpSubnets"] + "/10.0.1.0_24").json()
    assert [h["macAddr"] for h in api.get(moved["hosts"], accept=HOSTS).json()] == \
        ["aa:bb:cc:dd:ee:ff"]
    other = subnet(api, bridge)
    error(api.put(other["uri"], {"subnetPrefix": "10.0.1.0", "subnetLength": 24}), 409)


def test_subnet_delete_and_bridge_cascade(api, bridge):
    first, second = subnet(api, bridge), subnet(api, bridge, subnetPrefix="10.1.0.0")
    host(api, first)
    assert api.delete(first["uri"]).status_code == 204
    assert [s["uri"] for s in api.get(bridge["dhcpSubnets"], accept=SUBNETS).json()] == \
        [second["uri"]]
    assert api.delete(bridge["uri"]).status_code == 204
    api.create("bridges", {"id": bridge["id"], "name": "again"})
    assert api.get(bridge["dhcpSubnets"], accept=SUBNETS).json() == []
    empty(api.get(first["uri"]), 404)


def test_hosts(api, bridge):
    shown = subnet(api, bridge)
    made = host(api, shown, mac="AA:BB:CC:DD:EE:0F", name="vm1",
                extraDhcpOpts=[{"optName": "mtu", "optValue": "1400"}])
    location = shown["hosts"] + "/aa:bb:cc:dd:ee:0f"
    assert made == {"macAddr": "aa:bb:cc:dd:ee:0f", "ipAddr": "10.0.0.10", "name": "vm1",
                    "extraDhcpOpts": [{"optName": "mtu", "optValue": "1400"}],
                    "uri": location}
    assert api.get(shown["hosts"], accept=HOSTS).json() == [made]
    assert host(api, shown, mac="02:00:00:00:00:01")["extraDhcpOpts"] == []
    resp = api.put(location, {"ipAddr": "10.0.0.11", "name": "vm1b"}, ctype=HOST)
    assert resp.status_code == 204
    updated = api.get(location, accept=HOST).json()
    assert (updated["macAddr"], updated["ipAddr"], updated["name"],
            updated["extraDhcpOpts"]) == ("aa:bb:cc:dd:ee:0f", "10.0.0.11", "vm1b", [])
    assert api.delete(location).status_code == 204
    assert [h["macAddr"] for h in api.get(shown["hosts"], accept=HOSTS).json()] == \
        ["02:00:00:00:00:01"]


def test_host_errors(api, bridge):
    shown = subnet(api, bridge)
    host(api, shown)
    error(api.post(shown["hosts"], {"macAddr": "AA:BB:CC:DD:EE:FF"}), 409,
          f"Subnet 10.0.0.0/24 on bridge {bridge['id']} already has a host with MAC "
          "address aa:bb:cc:dd:ee:ff.")
    missing = f"Network {bridge['id']} does not have a subnet with address 10.0.0.0/24."
    error(api.get(shown["hosts"] + "/02:00:00:00:00:09"), 404, missing)
    error(api.put(shown["hosts"] + "/02:00:00:00:00:09", {"name": "x"}), 404, missing)
    error(api.delete(shown["hosts"] + "/02:00:00:00:00:09"), 404, missing)
    error(api.get(bridge["dhcpSubnets"] + "/10.5.0.0_16/hosts", accept=HOSTS), 404,
          f"Network {bridge['id']} does not have a subnet with address 10.5.0.0/16.")
    assert violations(api.post(shown["hosts"], {"ipAddr": "10.0.0.300"})) == [
        ("ipAddr", "is an invalid IP format"), ("macAddr", "may not be null")]


def test_host_media_types(api, bridge):
    shown = subnet(api, bridge)
    made = host(api, shown)
    empty(api.get(shown["hosts"], accept=JSON), 406)
    assert api.get(made["uri"], accept=JSON).status_code == 200
    empty(api.get(made["uri"], accept=vnd("DhcpHost-v1")), 406)
    empty(api.post(shown["hosts"], {"macAddr": "02:00:00:00:00:02"}, ctype="text/plain"), 415)
    empty(api.post(shown["hosts"], {"macAddr": "02:00:00:00:00:02"},
                   ctype=vnd("DhcpHost-v1")), 415)
