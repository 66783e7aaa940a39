"""Sandbox: every declared delete binding, shown over HTTP.

For each binding in midoshell/sandbox/deletes.py this makes the object that deletes, an
object bound to it, deletes the first and checks the second: gone (a cascade, a membership
left), its reference cleared, or the delete refused. A binding with no scenario here fails
the test, so a new binding comes with its proof.
"""

import itertools
import sqlite3
import uuid

import pytest

from midoshell.sandbox import start
from midoshell.sandbox.bindings import Cascade, Clear, DropEntries, Refuse, Unlink
from midoshell.sandbox.deletes import BINDINGS
from sandbox_helpers import Api, error, vnd

JSON = "application/json"


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """One sandbox for the module (every scenario makes objects of its own), on a state
    file the tests can read."""
    state = tmp_path_factory.mktemp("cascades") / "state.db"
    server = start(host="127.0.0.1", port=0, hosts=0, state=str(state))
    served = Api(server)
    served.state = state
    yield served
    server.stop()


def _stored_naming(api, obj_id):
    """(kind, id) of every stored object, whatever its kind, keyed by or holding `obj_id`
    (an id, or any other text a deleted object alone held)."""
    with sqlite3.connect(f"file:{api.state}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT kind, id FROM objects WHERE id = ? OR instr(doc, ?)",
                            (obj_id, obj_id)).fetchall()


def _uniq():
    return uuid.uuid4().hex[:8]


def _gone(api, uri, accept=JSON):
    assert api.get(uri, accept=accept).status_code == 404, uri


def _listed(api, uri, accept=JSON):
    resp = api.get(uri, accept=accept)
    assert resp.status_code == 200, resp.text
    return resp.json()


# ---- the objects that delete (owners), made over HTTP ------------------------------------

def _zone(api, zone_type="gre", **fields):
    return api.create("tunnel_zones", {"name": "tz" + _uniq(), "type": zone_type, **fields})


def _host(api):
    return api.create("hosts", {"id": str(uuid.uuid4()), "name": "h"}, ctype=vnd("Host-v3"))


_VTEP_ADDRESSES = (f"10.{n // 250}.{n % 250}.1" for n in itertools.count())


def _vtep(api):
    zone = _zone(api, "vtep")
    address = next(_VTEP_ADDRESSES)
    return api.create("vteps", {"managementIp": address, "managementPort": 6632,
                                "tunnelZoneId": zone["id"]})


def _created(api, path, body, media):
    """POST in the vendor type `media`, then GET the new object in it (the only one some
    objects are served in)."""
    resp = api.post(path, body, ctype=media)
    assert resp.status_code == 201, resp.text
    return _listed(api, resp.headers["Location"], media)


def _port_group(api):
    return _created(api, "port_groups", {"name": "pg"}, vnd("PortGroup-v1"))


def _ip_group(api, **fields):
    return _created(api, "ip_addr_groups", {"name": "g", **fields}, vnd("IpAddrGroup-v1"))


def _dhcp_subnet(api, bridge=None):
    bridge = bridge or api.bridge()
    return api.create(bridge["dhcpSubnets"], {"subnetPrefix": "10.0.0.0", "subnetLength": 24})


OWNERS = {
    "router": lambda api: api.router(),
    "bridge": lambda api: api.bridge(),
    "port": lambda api: api.router_port(api.router()),
    "chain": lambda api: api.create("chains", {"name": "c"}),
    "mirror": lambda api: api.create("mirrors", {"toPortId": api.bridge_port(api.bridge())["id"]}),
    "host": _host,
    "tunnel_zone": _zone,
    "port_group": _port_group,
    "service_container_group": lambda api: api.create("service_container_groups", {}),
    "load_balancer": lambda api: api.create("load_balancers", {}),
    "pool": lambda api: api.create("pools", {"lbMethod": "ROUND_ROBIN"}),
    "health_monitor": lambda api: api.create("health_monitors", {"type": "TCP"}),
    "qos_policy": lambda api: api.create("qos_policies", {"name": "q"}),
    "ip_addr_group": _ip_group,
    "dhcp_subnet": _dhcp_subnet,
}

# A host is deleted with a 200, everything else with a 204.
DELETED_WITH = {"host": 200}
# Served only in their vendor types.
READ_AS = {"port_group": vnd("PortGroup-v1"), "ip_addr_group": vnd("IpAddrGroup-v1")}


# ---- cascades: what goes with its owner, and how to see it went ---------------------------
# Each maker binds a new object to `owner` and returns the check to run after the delete.

OWNER = object()  # in a body: the owner's id
_REJECT = {"type": "Reject", "srcNetworkAddr": "0.0.0.0", "dstNetworkAddr": "8.8.8.8",
           "dstNetworkLength": 32}


def _gone_later(api, child):
    return lambda: _gone(api, child["uri"])


def _under(link, body):
    """A child made in the owner's collection `link`."""
    return lambda api, owner: _gone_later(api, api.create(owner[link], body))


def _naming(path, **body):
    """An object made at `path` whose body names the owner where it says OWNER."""
    def make(api, owner):
        named = {key: owner["id"] if value is OWNER else value for key, value in body.items()}
        return _gone_later(api, api.create(path, named))
    return make


def _trace_of(device_type):
    return _naming("traces", name="t", deviceType=device_type, deviceId=OWNER, condition={})


def _made_again(api, kind, owner):
    """The owner made again with the same id: whatever it held before must not be back."""
    body = {"id": owner["id"]}
    if kind in ("bridge", "chain"):
        return api.create(kind + "s", {**body, "name": "again"})
    if kind == "ip_addr_group":
        return _ip_group(api, **body)
    if kind == "tunnel_zone":
        return _zone(api, **body)
    if kind == "port":
        return api.create(owner["device"] + "/ports", {"type": "Router",
                                                       "portAddress": "10.0.0.1", **body})
    raise AssertionError(kind)


def _kept_nothing(api, kind, owner, collection, accept=JSON):
    def check():
        again = _made_again(api, kind, owner)
        assert _listed(api, again[collection], accept) == []
    return check


def _lb_router(api, router):
    lb = api.create("load_balancers", {})
    assert api.put(router["uri"], {**router, "loadBalancerId": lb["id"]}).status_code == 204
    return lb


def _insertion(field):
    def make(api, port):
        other = api.bridge_port(api.bridge())
        ends = {"portId": other["id"], "srvPortId": other["id"], field: port["id"]}
        return _gone_later(api, api.create("l2insertions", {**ends, "mac": "aa:bb:cc:dd:ee:ff"}))
    return make


def _no_member_left(api, listing, accept):
    def check():
        assert _listed(api, listing, accept) == []
    return check


def _member_of_group(api, port):
    group = _port_group(api)
    api.post(group["ports"], {"portId": port["id"]}, ctype=vnd("PortGroupPort-v1"))
    return _no_member_left(api, group["ports"], vnd("collection.PortGroupPort-v1"))


def _group_member(api, group):
    port = api.bridge_port(api.bridge())
    api.post(group["ports"], {"portId": port["id"]}, ctype=vnd("PortGroupPort-v1"))
    return _no_member_left(api, port["portGroups"], vnd("collection.PortGroupPort-v1"))


def _next_hop_route(api, port):
    body = {**_REJECT, "type": "Normal", "nextHopPort": port["id"]}
    return _gone_later(api, api.create(f"routers/{port['deviceId']}/routes", body))


def _peering_entry(api, port):
    api.post(port["peeringTable"], {"ip": "10.0.0.9", "mac": "aa:bb:cc:dd:ee:ff"},
             ctype=vnd("MacIp-v1"))
    return _kept_nothing(api, "port", port, "peeringTable", vnd("MacIp-v1"))


def _jump_rule(api, chain):
    other = api.create("chains", {"name": "other"})
    rule = api.create(other["rules"], {"type": "jump", "jumpChainId": chain["id"]})

    def check():
        _gone(api, rule["uri"])
        assert _listed(api, other["rules"]) == []
    return check


def _rule_order(api, chain):
    api.create(chain["rules"], {"type": "drop"})
    return _kept_nothing(api, "chain", chain, "rules")


def _zone_of_host(api, host):
    zone = _zone(api)
    api.post(zone["hosts"], {"hostId": host["id"], "ipAddress": "10.0.0.2"},
             ctype=vnd("TunnelZoneHost-v1"))
    return _no_member_left(api, zone["hosts"], vnd("collection.TunnelZoneHost-v1"))


def _host_of_zone(api, zone):
    host = _host(api)
    api.post(zone["hosts"], {"hostId": host["id"], "ipAddress": "10.0.0.2"},
             ctype=vnd("TunnelZoneHost-v1"))
    return _kept_nothing(api, "tunnel_zone", zone, "hosts", vnd("collection.TunnelZoneHost-v1"))


def _ip_address(api, group):
    api.post(group["addrs"], {"version": 4, "addr": "10.0.0.1"},
             ctype=vnd("IpAddrGroupAddr-v1"))
    return _kept_nothing(api, "ip_addr_group", group, "addrs",
                         vnd("collection.IpAddrGroupAddr-v1"))


def _dhcp_host(api, subnet):
    mac = "aa:bb:cc:" + ":".join(f"{b:02x}" for b in uuid.uuid4().bytes[:3])
    api.post(subnet["hosts"], {"macAddr": mac, "ipAddr": "10.0.0.10"},
             ctype=vnd("DhcpHost-v2"))
    bridge_id = subnet["uri"].split("/bridges/")[1].split("/")[0]

    def check():
        # The host is stored apart from its subnet (which has no id to show): no stored
        # object may still hold its MAC.
        assert _stored_naming(api, mac) == []
        again = _dhcp_subnet(api, api.get(f"bridges/{bridge_id}").json())
        assert _listed(api, again["hosts"], vnd("collection.DhcpHost-v2")) == []
    return check


def _bridge_subnet(api, bridge):
    _dhcp_subnet(api, bridge)
    return _kept_nothing(api, "bridge", bridge, "dhcpSubnets", vnd("collection.DhcpSubnet-v2"))


def _bridge_subnet6(api, bridge):
    api.create(bridge["dhcpSubnet6s"], {"prefix": "fd00:0:0:0:0:0:0:0", "prefixLength": 64})
    return _kept_nothing(api, "bridge", bridge, "dhcpSubnet6s",
                         vnd("collection.DhcpV6Subnet-v1"))


def _bridge_table(collection, body, media):
    def make(api, bridge):
        if collection == "macTable":
            body["portId"] = api.bridge_port(bridge)["id"]
        api.post(bridge[collection], body, ctype=vnd(media))
        return _kept_nothing(api, "bridge", bridge, collection, vnd("collection." + media))
    return make


CASCADES = {
    ("router", "port"): lambda api, router: _gone_later(api, api.router_port(router)),
    ("router", "route"): _under("routes", _REJECT),
    ("router", "bgp_network"): _under("bgpNetworks", {"subnetAddress": "10.0.0.0",
                                                      "subnetLength": 24}),
    ("router", "bgp_peer"): _under("bgpPeers", {"asNumber": 65001, "address": "10.0.0.2"}),
    ("router", "trace_request"): _trace_of("ROUTER"),
    ("bridge", "port"): lambda api, bridge: _gone_later(api, api.bridge_port(bridge)),
    ("bridge", "dhcp_subnet"): _bridge_subnet,
    ("bridge", "dhcp6_subnet"): _bridge_subnet6,
    ("bridge", "trace_request"): _trace_of("BRIDGE"),
    ("bridge", "mac_entry"): _bridge_table("macTable", {"macAddr": "aa:bb:cc:00:00:0a"},
                                           "MacPort-v2"),
    ("bridge", "arp_entry"): _bridge_table("arpTable", {"ip": "10.0.0.10",
                                                        "mac": "aa:bb:cc:00:00:10"},
                                           "IP4Mac-v1"),
    ("port", "l2insertion", "portId"): _insertion("portId"),
    ("port", "l2insertion", "srvPortId"): _insertion("srvPortId"),
    ("port", "service_container"): _naming("service_containers", serviceType="VPN",
                                           portId=OWNER),
    ("port", "pg_member"): _member_of_group,
    ("port", "route"): _next_hop_route,
    ("port", "mirror"): _naming("mirrors", toPortId=OWNER),
    ("port", "trace_request"): _trace_of("PORT"),
    ("port", "peering_entry"): _peering_entry,
    ("chain", "rule", "jumpChainId"): _jump_rule,
    ("chain", "rule", "chainId"): _under("rules", {"type": "drop"}),
    ("chain", "rule_order"): _rule_order,
    ("host", "tz_member"): _zone_of_host,
    ("tunnel_zone", "tz_member"): _host_of_zone,
    ("port_group", "pg_member"): _group_member,
    ("service_container_group", "service_container"):
        _naming("service_containers", serviceType="VPN", serviceGroupId=OWNER),
    ("load_balancer", "pool"): _under("pools", {"lbMethod": "ROUND_ROBIN"}),
    ("pool", "pool_member"): _under("poolMembers", {"address": "10.0.0.5", "protocolPort": 80}),
    ("pool", "vip"): _under("vips", {"address": "1.1.1.1", "protocolPort": 80}),
    ("qos_policy", "qos_bw_limit_rule"): _under("bwLimitRules", {"maxKbps": 10}),
    ("qos_policy", "qos_dscp_rule"): _under("dscpRules", {"dscpMark": 10}),
    ("ip_addr_group", "ip_addr"): _ip_address,
    ("dhcp_subnet", "dhcp_host"): _dhcp_host,
}


def _cascade(api, kind, binding):
    make = CASCADES.get((kind, binding.kind, binding.field)) or \
        CASCADES.get((kind, binding.kind))
    assert make is not None, f"no scenario for {kind}: {binding}"
    owner = OWNERS[kind](api)
    check = make(api, owner)
    assert api.delete(owner["uri"]).status_code == DELETED_WITH.get(kind, 204)
    _gone(api, owner["uri"], READ_AS.get(kind, JSON))
    if "id" in owner:  # (a DHCP subnet shows none) nothing stored is left that names it
        assert _stored_naming(api, owner["id"]) == []
    check()


# ---- references cleared: the object that names the owner forgets it ----------------------

REFERRERS = {
    "router": lambda api, fields: api.router(**fields),
    "bridge": lambda api, fields: api.bridge(**fields),
    "port": lambda api, fields: api.bridge_port(api.bridge(), **fields),
    "pool": lambda api, fields: api.create("pools", {"lbMethod": "ROUND_ROBIN", **fields}),
    "service_container_group": lambda api, fields: api.create("service_container_groups",
                                                              fields),
}


def _clear(api, kind, binding):
    owner = OWNERS[kind](api)
    listed = binding.field.endswith("Ids")
    value = [owner["id"]] if listed else owner["id"]
    if kind == "load_balancer":  # attached from the router's side, after creation
        referrer = api.router()
        referrer = {**referrer, "loadBalancerId": owner["id"]}
        assert api.put(referrer["uri"], referrer).status_code == 204
    else:
        referrer = REFERRERS[binding.kind](api, {binding.field: value})
    assert api.get(referrer["uri"]).json()[binding.field] == value
    assert api.delete(owner["uri"]).status_code == 204
    assert api.get(referrer["uri"]).json()[binding.field] == ([] if listed else None)
    assert _stored_naming(api, owner["id"]) == []


# ---- references back: what the deleted object named forgets it -----------------------------

def _peer_forgets(api):
    a, b = api.router_port(api.router()), api.bridge_port(api.bridge())
    api.post(a["link"], {"peerId": b["id"]})
    assert api.delete(a["uri"]).status_code == 204
    assert api.get(b["uri"]).json()["peerId"] is None


def _rule_leaves_its_chain(api):
    chain = api.create("chains", {"name": "c"})
    first, second, third = (api.create(chain["rules"], {"type": t, "position": n})
                            for n, t in enumerate(("accept", "drop", "return"), 1))
    assert api.delete(second["uri"]).status_code == 204
    rules = _listed(api, chain["rules"])
    assert [(r["id"], r["position"]) for r in rules] == [(first["id"], 1), (third["id"], 2)]


def _insertion_leaves_its_port(api):
    port, srv = api.bridge_port(api.bridge()), api.bridge_port(api.bridge())
    insertion = api.create("l2insertions", {"portId": port["id"], "srvPortId": srv["id"],
                                            "mac": "aa:bb:cc:dd:ee:ff"})
    assert api.get(port["uri"]).json()["insertionIds"] == [insertion["id"]]
    assert api.delete(insertion["uri"]).status_code == 204
    assert api.get(port["uri"]).json()["insertionIds"] == []


def _vxlan_port(api):
    """A bridge bound to a VTEP (two bindings), and the VXLAN port that binding made."""
    vtep, bridge = _vtep(api), api.bridge()
    for name in ("eth0", "eth1"):
        api.post(vtep["bindings"], {"portName": name, "vlanId": 0, "networkId": bridge["id"]},
                 ctype=vnd("VTEPBinding-v2"))
    (port_id,) = api.get(bridge["uri"]).json()["vxLanPortIds"]
    return vtep, bridge, port_id


def _vxlan_port_leaves_its_bridge(api):
    vtep, bridge, port_id = _vxlan_port(api)
    # the generic nested DELETE takes any kind of port, VXLAN ones included
    assert api.delete(f"{bridge['uri']}/vxlan_ports/{port_id}").status_code == 204
    assert api.get(bridge["uri"]).json()["vxLanPortIds"] == []
    assert api.delete(bridge["uri"]).status_code == 204  # no longer bound


def _vxlan_port_takes_its_bindings(api):
    vtep, bridge, port_id = _vxlan_port(api)
    assert api.delete(f"{bridge['uri']}/vxlan_ports/{port_id}").status_code == 204
    assert _listed(api, vtep["bindings"], vnd("collection.VTEPBinding-v2")) == []


BACK_REFERENCES = {
    ("port", "peerId"): _peer_forgets,
    ("rule", "chainId"): _rule_leaves_its_chain,
    ("l2insertion", "portId"): _insertion_leaves_its_port,
    ("port", "deviceId"): _vxlan_port_leaves_its_bridge,
    ("port", "vtepId"): _vxlan_port_takes_its_bindings,
}


def _back_reference(api, kind, binding):
    BACK_REFERENCES[(kind, binding.field)](api)


# ---- refusals -------------------------------------------------------------------------------

def _router_with_load_balancer(api, kind, binding):
    router = api.router()
    lb = _lb_router(api, router)
    port = api.router_port(router)
    error(api.delete(router["uri"]), 409,
          f"Cannot delete the Router with ID {lb['id']} because it is still referenced by "
          f"the LoadBalancer with ID {lb['id']}.")
    # refused as a whole: what the delete had already taken is back
    assert api.get(router["uri"]).status_code == 200
    assert api.get(port["uri"]).status_code == 200


# ---- the table: every declared binding has its scenario -----------------------------------

SCENARIOS = {Cascade: _cascade, Clear: _clear, Unlink: _back_reference,
             DropEntries: _back_reference, Refuse: _router_with_load_balancer}
DECLARED = [(kind, binding) for kind, bindings in BINDINGS.items() for binding in bindings]


@pytest.mark.parametrize("kind,binding", DECLARED,
                         ids=[f"{kind}-{b!r}" for kind, b in DECLARED])
def test_each_declared_binding_does_what_it_says(api, kind, binding):
    scenario = next(run for cls, run in SCENARIOS.items() if isinstance(binding, cls))
    scenario(api, kind, binding)


def test_every_cascade_scenario_is_declared():
    """No scenario here outlives its binding (a removed binding leaves no dead test)."""
    declared = {(kind, b.kind, b.field) for kind, b in DECLARED if isinstance(b, Cascade)}
    for key in CASCADES:
        assert any(key == full[:len(key)] for full in declared), key


def test_a_refused_delete_changes_nothing(api):
    """A bridge still bound to a VTEP is refused before any of its ports is touched."""
    vtep, bridge, port_id = _vxlan_port(api)
    plain = api.bridge_port(bridge)
    error(api.delete(bridge["uri"]), 409, "The bridge still has VTEP bindings, please "
                                         "remove them before deleting the bridge")
    assert api.get(plain["uri"]).status_code == 200
    assert api.get(f"ports/{port_id}").status_code == 200
    assert len(_listed(api, vtep["bindings"], vnd("collection.VTEPBinding-v2"))) == 2


def test_cascades_go_all_the_way_down(api):
    """A router takes its port, and the port takes what is bound to it in turn."""
    router = api.router()
    port = api.router_port(router)
    mirror = api.create("mirrors", {"toPortId": port["id"]})
    user = api.bridge(inboundMirrorIds=[mirror["id"]])
    peer = api.bridge_port(api.bridge())
    api.post(port["link"], {"peerId": peer["id"]})
    assert api.delete(router["uri"]).status_code == 204
    _gone(api, mirror["uri"])
    assert api.get(user["uri"]).json()["inboundMirrorIds"] == []
    assert api.get(peer["uri"]).json()["peerId"] is None
