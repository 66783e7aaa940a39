"""Sandbox: port groups and their members, IP address groups and their addresses."""

import pytest

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
PG = vnd("PortGroup-v1")
PG_LIST = vnd("collection.PortGroup-v1")
MEMBER = vnd("PortGroupPort-v1")
MEMBERS = vnd("collection.PortGroupPort-v1")
IPG = vnd("IpAddrGroup-v1")
IPG_LIST = vnd("collection.IpAddrGroup-v1")
ADDR = vnd("IpAddrGroupAddr-v1")
ADDRS = vnd("collection.IpAddrGroupAddr-v1")


def port_group(api, **fields):
    resp = api.post("port_groups", {"name": "pg", **fields})
    assert resp.status_code == 201, resp.text
    return api.get(resp.headers["Location"], accept=PG).json()


def join(api, group, port):
    resp = api.post(group["ports"], {"portId": port["id"]}, ctype=MEMBER)
    assert resp.status_code == 201, resp.text
    return resp.headers["Location"]


@pytest.fixture
def bridge_port(api):
    return api.bridge_port(api.bridge())


# ---- port groups -------------------------------------------------------------------------

def test_port_group_fields_and_crud(api):
    group = port_group(api, tenantId="t1")
    assert group == {"id": group["id"], "tenantId": "t1", "name": "pg", "stateful": False,
                     "uri": api.url + "/port_groups/" + group["id"],
                     "ports": api.url + "/port_groups/" + group["id"] + "/ports"}
    resp = api.put(group["uri"], {"name": "renamed", "stateful": True}, ctype=PG)
    assert resp.status_code == 204 and resp.content == b""
    updated = api.get(group["uri"], accept=PG).json()
    assert (updated["name"], updated["stateful"], updated["tenantId"]) == \
        ("renamed", True, None)  # PUT replaces every field
    assert [g["id"] for g in api.get("port_groups", accept=PG_LIST).json()] == [group["id"]]
    assert api.delete(group["uri"]).status_code == 204
    error(api.get(group["uri"], accept=PG), 404, f"There is no PortGroup with ID {group['id']}.")
    assert api.delete(group["uri"]).status_code == 204  # deleting a missing group: 204


def test_port_group_media_types_and_validation(api):
    group = port_group(api)
    empty(api.get(group["uri"], accept=JSON), 406)  # the item is served as PortGroup-v1 only
    assert api.get("port_groups", accept=JSON).status_code == 200
    empty(api.get("port_groups", accept=PG), 406)
    empty(api.post("port_groups", {}, ctype=vnd("Chain-v1")), 406)
    empty(api.post("port_groups", {}, ctype="text/plain"), 415)
    body = error(api.post("port_groups", {"name": "x" * 256}, ctype=PG), 400)
    assert body["violations"] == [{"property": "name",
                                   "message": "size must be between 0 and 255"}]
    error(api.put(f"port_groups/{MISSING}", {}), 404)


def test_port_group_list_filters(api, bridge_port):
    first = port_group(api, tenantId="t1")
    second = port_group(api, tenantId="t2")
    third = port_group(api, tenantId="t1")
    join(api, second, bridge_port)
    join(api, third, bridge_port)

    def ids(query):
        return [g["id"] for g in api.get("port_groups" + query).json()]
    assert ids("?tenant_id=t1") == [first["id"], third["id"]]
    assert ids(f"?port_id={bridge_port['id']}") == [second["id"], third["id"]]
    assert ids(f"?port_id={bridge_port['id']}&tenant_id=t2") == [second["id"]]


def test_members(api, bridge_port):
    group = port_group(api)
    location = join(api, group, bridge_port)
    assert location == group["ports"] + "/" + bridge_port["id"]
    member = api.get(location, accept=MEMBER).json()
    assert member == {"portGroupId": group["id"], "portId": bridge_port["id"],
                      "uri": location, "port": bridge_port["uri"], "portGroup": group["uri"]}
    assert api.get(group["ports"], accept=MEMBERS).json() == [member]
    assert api.get(group["ports"], accept=JSON).json() == [member]
    empty(api.get(group["ports"], accept=vnd("collection.Port-v3")), 406)
    assert api.get(bridge_port["portGroups"], accept=MEMBERS).json() == [member]
    empty(api.get(bridge_port["portGroups"], accept=JSON), 406)
    empty(api.post(group["ports"], {"portId": bridge_port["id"]}), 409)  # already a member


def test_member_errors(api, bridge_port):
    group = port_group(api)
    body = error(api.post(group["ports"], {}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "portId", "message": "may not be null"}]
    error(api.post(group["ports"], {"portId": MISSING}), 404,
          f"There is no Port with ID {MISSING}.")
    error(api.post(f"port_groups/{MISSING}/ports", {"portId": bridge_port["id"]}), 404,
          f"There is no PortGroup with ID {MISSING}.")
    error(api.get(f"port_groups/{MISSING}/ports", accept=MEMBERS), 404)
    error(api.get(group["ports"] + "/" + bridge_port["id"]), 404)
    error(api.get(f"ports/{MISSING}/port_groups", accept=MEMBERS), 404,
          f"There is no Port with ID {MISSING}.")


def test_member_delete(api, bridge_port):
    group = port_group(api)
    location = join(api, group, bridge_port)
    assert api.delete(location).status_code == 204
    assert api.get(group["ports"]).json() == []
    empty(api.delete(location), 404)  # the port exists but is not a member
    assert api.delete(group["ports"] + "/" + MISSING).status_code == 204  # no such port


def test_port_delete_leaves_its_groups(api, bridge_port):
    groups = [port_group(api), port_group(api)]
    for group in groups:
        join(api, group, bridge_port)
    assert len(api.get(bridge_port["portGroups"], accept=MEMBERS).json()) == 2
    assert api.delete(bridge_port["uri"]).status_code == 204
    for group in groups:
        assert api.get(group["ports"]).json() == []


def test_group_delete_drops_memberships(api, bridge_port):
    group = port_group(api)
    join(api, group, bridge_port)
    assert api.delete(group["uri"]).status_code == 204
    assert api.get(bridge_port["portGroups"], accept=MEMBERS).json() == []


# ---- IP address groups -------------------------------------------------------------------

def ip_group(api, name="ipg"):
    resp = api.post("ip_addr_groups", {"name": name}, ctype=IPG)
    assert resp.status_code == 201, resp.text
    return api.get(resp.headers["Location"], accept=IPG).json()


def add_address(api, group, version, addr):
    resp = api.post(group["addrs"], {"version": version, "addr": addr}, ctype=ADDR)
    assert resp.status_code == 201, resp.text
    return resp.headers["Location"]


def test_ip_group_fields_and_media_types(api):
    group = ip_group(api)
    assert group == {"id": group["id"], "name": "ipg", "inboundChainId": None,
                     "outboundChainId": None, "ruleIds": [], "ipAddrPorts": [],
                     "uri": api.url + "/ip_addr_groups/" + group["id"],
                     "addrs": api.url + "/ip_addr_groups/" + group["id"] + "/ip_addrs"}
    empty(api.get(group["uri"], accept=JSON), 406)  # no plain json anywhere
    empty(api.get("ip_addr_groups", accept=JSON), 406)
    empty(api.post("ip_addr_groups", {"name": "x"}, ctype=JSON), 406)
    assert [g["id"] for g in api.get("ip_addr_groups", accept=IPG_LIST).json()] == \
        [group["id"]]
    empty(api.put(group["uri"], {"name": "y"}, ctype=IPG), 405)
    body = error(api.post("ip_addr_groups", {}, ctype=IPG), 400)
    assert body["violations"] == [{"property": "name", "message": "may not be null"}]
    error(api.get(f"ip_addr_groups/{MISSING}", accept=IPG), 404,
          f"There is no IPAddrGroup with ID {MISSING}.")
    assert api.delete(f"ip_addr_groups/{MISSING}").status_code == 204


def test_ip_group_reports_rules_and_addresses(api):
    group = ip_group(api)
    chain = api.create("chains", {"name": "c"})
    rule = api.create(chain["rules"], {"type": "drop", "ipAddrGroupSrc": group["id"]})
    add_address(api, group, 4, "10.0.0.1")
    shown = api.get(group["uri"], accept=IPG).json()
    assert shown["ruleIds"] == [rule["id"]]
    assert shown["ipAddrPorts"] == [{"ipAddress": "10.0.0.1", "portIds": []}]


def test_addresses(api):
    group = ip_group(api)
    v4 = add_address(api, group, 4, "10.0.0.1")
    v6 = add_address(api, group, "6", "fd00::1")
    assert v4 == group["uri"] + "/versions/4/ip_addrs/10.0.0.1"
    assert v6 == group["uri"] + "/versions/6/ip_addrs/fd00%3A%3A1"  # as posted
    # The server prints an IPv6 address as eight hex groups.
    shown = api.get(v6, accept=ADDR).json()
    stored = group["uri"] + "/versions/6/ip_addrs/fd00%3A0%3A0%3A0%3A0%3A0%3A0%3A1"
    assert shown == {"version": 6, "addr": "fd00:0:0:0:0:0:0:1", "ipAddrGroupId": group["id"],
                     "uri": stored, "ipAddrGroup": group["uri"]}
    listed = api.get(group["addrs"], accept=ADDRS).json()
    assert [(a["version"], a["addr"]) for a in listed] == [(4, "10.0.0.1"),
                                                            (6, "fd00:0:0:0:0:0:0:1")]
    assert api.delete(v6).status_code == 204
    error(api.get(v6, accept=ADDR), 404)
    assert api.delete(v6).status_code == 204  # an absent address: still 204


def test_address_errors(api):
    group = ip_group(api)
    add_address(api, group, 4, "10.0.0.1")
    error(api.post(group["addrs"], {"version": 4, "addr": "10.0.0.1"}, ctype=ADDR), 409,
          "IP address group already contains IP 10.0.0.1.")
    error(api.post(group["addrs"], {"addr": "10.0.0.2"}, ctype=ADDR), 400,
          "Missing property 'version' that is to contain type id (for class IpAddrGroupAddr)")
    error(api.post(group["addrs"], {"version": 5, "addr": "10.0.0.2"}, ctype=ADDR), 400,
          "Could not resolve type id '5' into a subtype of IpAddrGroupAddr")
    error(api.post(group["addrs"], {"version": 4, "addr": "10.0.0"}, ctype=ADDR), 400,
          "IPv4 string must be 4 numbers between 0 and 255 joined with 3 '.' but was 10.0.0")
    error(api.post(group["addrs"], {"version": 6, "addr": "fd00::x"}, ctype=ADDR), 400)
    error(api.post(group["addrs"], {"version": 4, "addr": None}, ctype=ADDR), 400)
    # The address's own form decides its version, whatever `version` says.
    assert api.post(group["addrs"], {"version": 4, "addr": "fd00::1"},
                    ctype=ADDR).status_code == 201
    assert api.get(group["uri"] + "/versions/6/ip_addrs/fd00::1",
                   accept=ADDR).json()["version"] == 6
    error(api.post(f"ip_addr_groups/{MISSING}/ip_addrs", {"version": 4, "addr": "1.1.1.1"},
                   ctype=ADDR), 404, f"There is no IPAddrGroup with ID {MISSING}.")
    error(api.get(group["uri"] + "/versions/5/ip_addrs/10.0.0.1", accept=ADDR), 400,
          "Invalid IP version: 5")
    error(api.delete(group["uri"] + "/versions/7/ip_addrs/10.0.0.1"), 400,
          "Invalid IP version: 7")
    error(api.delete(f"ip_addr_groups/{MISSING}/versions/4/ip_addrs/10.0.0.1"), 404)


def test_address_media_types(api):
    group = ip_group(api)
    location = add_address(api, group, 4, "10.0.0.1")
    empty(api.post(group["addrs"], {"version": 4, "addr": "10.0.0.2"}, ctype=JSON), 415)
    empty(api.get(group["addrs"], accept=JSON), 406)
    empty(api.get(location, accept=JSON), 406)
    assert api.get(location, accept="*/*").status_code == 200


def test_group_delete_removes_addresses(api):
    group = ip_group(api)
    add_address(api, group, 4, "10.0.0.1")
    assert api.delete(group["uri"]).status_code == 204
    resp = api.post("ip_addr_groups", {"id": group["id"], "name": "again"}, ctype=IPG)
    assert resp.status_code == 201
    assert api.get(group["addrs"], accept=ADDRS).json() == []
