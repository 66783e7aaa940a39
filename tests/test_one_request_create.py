"""A create is one request: the POST.  The new object is built from the body sent, the id in
the Location and the links of its type; what only the server knows is read later, once, by
whoever needs it.  Counted with the sandbox's own request log."""

import io
import re

import pytest

from conftest import run_midoshell
from midoshell import posted
from midoshell.client import Client
from midoshell.errors import MidoError
from midoshell.output import RenderOptions, render
from midoshell.parsing import parse
from midoshell.session import Session

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _script_session(url, aliases=False):
    """A session as a script runs (UUIDs printed), the root document already read (as a
    one-liner finds it cached)."""
    session = Session(Client(url), show_aliases=aliases)
    session.client.root()
    return session


def _one_line(session, log, line):
    """(requests the line made, its text output)."""
    mark = len(log.requests)
    out = render(session.run_line(line), RenderOptions())
    return log.since(mark), out


# Lines as a script writes them, UUIDs scraped from earlier lines' output: {name} is the
# UUID the line that made `name` printed.
BUILD = [
    ("bridge", "create bridge name net-1", "POST /bridges"),
    ("router", "create router name edge", "POST /routers"),
    ("chain", "create chain name in", "POST /chains"),
    ("tz", "create tunnel-zone name tz type vxlan", "POST /tunnel_zones"),
    ("bport", "bridge {bridge} add port", "POST /bridges/{bridge}/ports"),
    ("rport", "router {router} add port address 10.0.0.1 net 10.0.0.0/24",
     "POST /routers/{router}/ports"),
    ("route", "router {router} add route src 0.0.0.0/0 dst 172.16.0.0/24 type normal "
              "port {rport} gw 10.0.0.254", "POST /routers/{router}/routes"),
    ("rule", "chain {chain} add rule src !10.0.0.0/8 dst-port 22 type drop",
     "POST /chains/{chain}/rules"),
    ("bgp", "router {router} add bgp-peer asn 65001 address 10.0.0.9",
     "POST /routers/{router}/bgp_peers"),
    (None, "tunnel-zone {tz} add member host {host} address 192.168.0.10",
     "POST /tunnel_zones/{tz}/hosts"),
    (None, "host {host} add binding interface eth1 port {bport}", "POST /hosts/{host}/ports"),
]


def test_each_create_of_a_script_sends_one_post_and_prints_the_uuid(logged):
    server, log = logged
    session = _script_session(server.url)
    session.run_line("list host")  # the hosts' UUIDs, as a script scrapes them
    made = {"host": session.client.get(server.url + "/hosts", None)[0]["id"]}
    for name, line, expected in BUILD:
        requests, out = _one_line(session, log, line.format(**made))
        assert requests == [expected.format(**made)], line
        if name is None:  # no id: the line prints the object's fields
            assert len(out) == 1 and "host " + made["host"] in out[0]
            continue
        [uuid] = out
        assert UUID.fullmatch(uuid)
        made[name] = uuid
    # what the lines printed is what the server made
    assert session.client.get(f"{server.url}/routes/{made['route']}", None)["nextHopPort"] \
        == made["rport"]
    assert session.client.get(f"{server.url}/ports/{made['bport']}", None)["deviceId"] \
        == made["bridge"]


def test_a_piped_script_sends_the_root_document_request_then_one_post_per_create(
        logged, shell_env):
    server, log = logged
    env = dict(shell_env, MIDO_API_URL=server.url)
    script = "".join(f"create {kind} name n{i}\n" for i, kind in
                     enumerate(["bridge", "router", "chain", "port-group", "bridge"]))
    done = run_midoshell([], env, stdin=script)
    assert done.returncode == 0, done.stderr
    assert log.requests == ["GET /", "POST /bridges", "POST /routers", "POST /chains",
                            "POST /port_groups", "POST /bridges"]
    printed = done.stdout.split()
    assert len(printed) == 5 and all(UUID.fullmatch(u) for u in printed)
    names = {b["id"]: b["name"] for b in Client(server.url).get(server.url + "/bridges", None)}
    assert names == {printed[0]: "n0", printed[4]: "n4"}


def test_a_create_one_liner_is_one_post(logged, shell_env):
    server, log = logged
    env = dict(shell_env, MIDO_API_URL=server.url)
    first = run_midoshell(["-c", "create bridge name x"], env)
    assert first.returncode == 0, first.stderr
    assert log.requests == ["GET /", "POST /bridges"]  # the root document, cached from now on
    second = run_midoshell(["-c", "create bridge name y"], env)
    assert second.returncode == 0, second.stderr
    assert log.requests[2:] == ["POST /bridges"]
    bridges = Client(server.url).get(server.url + "/bridges", None)
    assert {b["id"]: b["name"] for b in bridges} == {first.stdout.strip(): "x",
                                                     second.stdout.strip(): "y"}
    mark = len(log.requests)
    as_json = run_midoshell(["-o", "json", "-c", "create router name r"], env)
    assert as_json.returncode == 0, as_json.stderr
    assert log.since(mark) == ["POST /routers"]
    assert re.fullmatch(r'\{"id": "[0-9a-f-]{36}", "alias": null\}\n', as_json.stdout)


def test_a_create_made_with_aliases_lists_the_collection_once_to_name_it(logged):
    server, log = logged
    session = _script_session(server.url, aliases=True)
    _one_line(session, log, "create bridge name a")
    assert _one_line(session, log, "create bridge name b") == (["POST /bridges"], ["bridge1"])


def test_objects_without_an_id_are_read_back_when_the_server_fills_what_is_printed(logged):
    server, log = logged
    session = _script_session(server.url)
    bridge = _one_line(session, log, "create bridge name b")[1][0]
    requests, out = _one_line(session, log, f"bridge {bridge} add dhcp subnet 10.0.0.0/24 "
                                            f"gw 10.0.0.1")
    assert requests == [f"POST /bridges/{bridge}/dhcp", f"GET /bridges/{bridge}/dhcp/10.0.0.0_24"]
    assert out == ["gw 10.0.0.1 subnet 10.0.0.0/24"]
    group = _one_line(session, log, "create ip-address-group name g")[1][0]
    requests, out = _one_line(session, log, f"ip-address-group {group} add ip address fd00::1")
    assert requests[0] == f"POST /ip_addr_groups/{group}/ip_addrs" and len(requests) == 2
    assert out == ["address fd00:0:0:0:0:0:0:1"]  # as the server writes it


def test_a_monitor_made_down_is_read_back_and_updated(logged):
    server, log = logged
    session = _script_session(server.url)
    requests, [uuid] = _one_line(session, log, "create health-monitor type TCP delay 5 "
                                               "timeout 3 max-retries 2 state down")
    assert requests == ["POST /health_monitors", f"GET /health_monitors/{uuid}",
                        f"PUT /health_monitors/{uuid}"]
    assert session.client.get(f"{server.url}/health_monitors/{uuid}", None)["adminStateUp"] \
        is False


def test_a_set_reads_the_object_before_replacing_it(logged):
    """A PUT replaces the whole object: built on the POST's copy it would drop what the
    server filled in (a port's generated MAC)."""
    server, log = logged
    session = _script_session(server.url)
    router = _one_line(session, log, "create router name r")[1][0]
    port = _one_line(session, log, f"router {router} add port address 10.0.0.1 "
                                   f"net 10.0.0.0/24")[1][0]
    mac = session.client.get(f"{server.url}/ports/{port}", None)["portMac"]
    assert mac
    requests, _ = _one_line(session, log, f"router {router} port {port} set state down")
    assert requests == [f"GET /ports/{port}", f"PUT /ports/{port}"]
    after = session.client.get(f"{server.url}/ports/{port}", None)
    assert after["portMac"] == mac and after["adminStateUp"] is False


def test_a_guarded_set_on_an_object_made_by_the_run_reads_it_before_the_put(logged):
    server, log = logged
    session = _script_session(server.url)
    session.may_exist = True
    router = _one_line(session, log, "create router name r")[1][0]
    assert _one_line(session, log, f"router {router} set name r") == ([], [])  # known: as sent
    requests, _ = _one_line(session, log, f"router {router} set asn 65000")
    assert requests[-1] == f"PUT /routers/{router}"
    assert requests.count(f"GET /routers/{router}") >= 1
    assert requests.index(f"GET /routers/{router}") < requests.index(f"PUT /routers/{router}")
    assert session.client.get(f"{server.url}/routers/{router}", None)["asNumber"] == 65000


def test_a_partial_copy_is_never_put():
    import copy

    from midoshell import model
    from midoshell.resolver import Obj

    class NoNetwork:
        def update(self, *args):
            raise AssertionError("a PUT was sent")

    session = Session(NoNetwork(), show_aliases=False)
    router, link = model.object_type("router"), model.root("router")
    doc = posted.built(router, link, None, {"name": "r"},
                       "http://api/routers/5bd00e6d-6a4b-4c55-9e0c-6a5b4a6f5f3b")
    changed = copy.deepcopy(doc)
    changed["name"] = "s"
    with pytest.raises(MidoError, match="partial copy"):
        session.executor.update(Obj(router, doc, None, link), changed)


def test_an_embedded_element_is_added_to_the_servers_copy_of_its_parent(logged):
    server, log = logged
    session = _script_session(server.url)
    bridge = _one_line(session, log, "create bridge name b")[1][0]
    port = _one_line(session, log, f"bridge {bridge} add port")[1][0]
    mirror = _one_line(session, log, f"create mirror to-port {port}")[1][0]
    requests, _ = _one_line(session, log, f"mirror {mirror} add matches dst 10.0.0.0/8")
    assert requests == [f"GET /mirrors/{mirror}", f"PUT /mirrors/{mirror}"]
    [condition] = session.client.get(f"{server.url}/mirrors/{mirror}", None)["conditions"]
    assert condition["nwDstAddress"] == "10.0.0.0"
    assert condition["fragmentPolicy"] == "any"  # a server default, kept by the PUT


def _router_and_bridge_ports(session, log):
    """A router with a port and a bridge with a port, made by `session`: their UUIDs."""
    router = _one_line(session, log, "create router name r")[1][0]
    rport = _one_line(session, log, f"router {router} add port address 10.0.0.1 "
                                    f"net 10.0.0.0/24")[1][0]
    bridge = _one_line(session, log, "create bridge name b")[1][0]
    bport = _one_line(session, log, f"bridge {bridge} add port")[1][0]
    return router, rport, bridge, bport


def test_a_field_only_the_server_knows_is_read_once_when_needed(logged):
    server, log = logged
    session = _script_session(server.url)
    router, rport, bridge, bport = _router_and_bridge_ports(session, log)
    _one_line(session, log, f"bridge {bridge} port {bport} set peer {rport}")
    requests, out = _one_line(session, log, f"bridge {bridge} port {bport} show peer")
    assert requests == [f"GET /ports/{bport}", f"GET /ports/{rport}"]
    assert out[0].startswith(f"port {rport} device {router} state up plugged no mac ")
    again, same = _one_line(session, log, f"bridge {bridge} port {bport} show peer")
    assert same == out and again == [f"GET /ports/{bport}"]


def test_a_guarded_filter_on_a_server_field_reads_the_objects_it_lacks(logged):
    server, log = logged
    session = _script_session(server.url)
    session.may_exist = True
    uuid = _one_line(session, log, "create router name r")[1][0]
    requests, _ = _one_line(session, log, "router asn 0 set name r2")
    assert f"GET /routers/{uuid}" in requests and f"PUT /routers/{uuid}" in requests
    assert session.client.get(f"{server.url}/routers/{uuid}", None)["name"] == "r2"


def test_a_guarded_listing_holding_objects_made_by_the_run_is_listed_anew(logged):
    server, log = logged
    session = _script_session(server.url)
    session.may_exist = True
    _one_line(session, log, "create bridge name b")
    requests, out = _one_line(session, log, "list bridge")
    assert requests == ["GET /bridges"]
    assert len(out) == 1 and out[0].endswith(" name b state up")


def test_a_guarded_set_compares_with_the_servers_value_of_a_field_it_was_not_sent(logged):
    server, log = logged
    session = _script_session(server.url)
    session.may_exist = True
    router = _one_line(session, log, "create router name r")[1][0]
    requests, _ = _one_line(session, log, f"router {router} set asn 0")  # the server's default
    assert requests == [f"GET /routers/{router}"]


def test_a_guarded_create_compares_with_the_servers_value_of_a_field_it_was_not_sent(logged):
    server, log = logged
    session = _script_session(server.url)
    session.may_exist = True
    session.stderr = io.StringIO()  # where a notice of a changed object would go
    first = _one_line(session, log, "create router name r")[1]
    requests, again = _one_line(session, log, "create router name r state up")
    assert again == first and session.stderr.getvalue() == ""
    assert [r for r in requests if not r.startswith("GET")] == []


def test_a_guarded_run_keeps_its_listing_of_rules_in_the_servers_order(logged):
    """A rule made without a position goes first on the server: a listing that would keep it
    last is dropped and listed anew."""
    server, log = logged
    session = _script_session(server.url)
    session.may_exist = True
    chain = _one_line(session, log, "create chain name c")[1][0]
    _one_line(session, log, f"chain {chain} add rule type accept")
    obj = session.resolver.path(parse(f"chain {chain} list rule").path)[-1]
    link = obj.type.child("rule")
    session.resolver.listing(obj, link)
    _one_line(session, log, f"chain {chain} add rule type drop")
    kept = [o.id for o in session.resolver.listing(obj, link)]
    served = [r["id"] for r in session.client.get(f"{server.url}/chains/{chain}/rules", None)]
    assert kept == served


def test_a_link_not_built_from_the_post_is_read_from_the_server(logged):
    """A router port's peering table is under its router, not under the port's own URI."""
    server, log = logged
    session = _script_session(server.url)
    router = _one_line(session, log, "create router name r")[1][0]
    port = _one_line(session, log, f"router {router} add port address 10.0.0.1 "
                                   f"net 10.0.0.0/24")[1][0]
    requests, _ = _one_line(session, log, f"router {router} port {port} add remote-peers "
                                           f"mac 02:00:00:00:00:09 ip 10.0.0.9")
    assert requests == [f"GET /ports/{port}",
                        f"POST /routers/{router}/ports/{port}/peering_table"]


# -- what the session keeps of objects it made or changed ---------------------------------
def test_deleting_an_object_the_session_knows_is_one_request(logged):
    server, log = logged
    session = _script_session(server.url)
    bridge = _one_line(session, log, "create bridge name b")[1][0]
    port = _one_line(session, log, f"bridge {bridge} add port")[1][0]
    assert _one_line(session, log, f"bridge {bridge} delete port {port}") == (
        [f"DELETE /ports/{port}"], [])
    assert _one_line(session, log, f"delete bridge {bridge}") == ([f"DELETE /bridges/{bridge}"],
                                                                  [])
    assert Client(server.url).get(server.url + "/bridges", None) == []


def test_deleting_a_known_object_gone_from_the_server(logged):
    server, log = logged
    session = _script_session(server.url)
    bridge = _one_line(session, log, "create bridge name b")[1][0]
    Client(server.url).delete(f"{server.url}/bridges/{bridge}")  # another client's doing
    assert _one_line(session, log, f"--if-exists delete bridge {bridge}")[1] == []
    with pytest.raises(MidoError, match="404|no such|not found"):
        session.run_line(f"delete bridge {bridge}")


def test_linking_a_known_port_is_one_request(logged):
    server, log = logged
    session = _script_session(server.url)
    router, rport, bridge, bport = _router_and_bridge_ports(session, log)
    assert _one_line(session, log, f"bridge {bridge} port {bport} set peer {rport}") == (
        [f"POST /ports/{bport}/link"], [])
    assert Client(server.url).get(f"{server.url}/ports/{bport}", None)["peerId"] == rport


def test_an_object_changed_by_the_session_leads_to_its_children_without_a_request(logged):
    server, log = logged
    session = _script_session(server.url)
    bridge = _one_line(session, log, "create bridge name b")[1][0]
    _one_line(session, log, f"bridge {bridge} set name c")
    requests, [port] = _one_line(session, log, f"bridge {bridge} add port")
    assert requests == [f"POST /bridges/{bridge}/ports"]
    requests, out = _one_line(session, log, f"bridge {bridge} show")  # its fields: read anew
    assert requests == [f"GET /bridges/{bridge}"] and " name c " in out[0] + " "
    requests, _ = _one_line(session, log, f"bridge {bridge} port {port} set state down")
    assert requests == [f"GET /ports/{port}", f"PUT /ports/{port}"]


def test_a_port_changed_through_the_root_collection_is_named_by_its_device(logged):
    server, log = logged
    session = _script_session(server.url, aliases=True)
    _one_line(session, log, "create router name r")
    _one_line(session, log, "router router0 add port address 10.0.0.1 net 10.0.0.0/24")
    port = _id(session, "router0:port0")
    _one_line(session, log, f"port {port} set state down")
    _one_line(session, log, "router router0 add route src 0.0.0.0/0 dst 10.1.0.0/16 type normal "
                            f"port {port} gw 10.0.0.254")
    lines = _one_line(session, log, "router router0 list route")[1]
    assert lines[1] == ("route route1 type normal src 0.0.0.0/0 dst 10.1.0.0/16 "
                        "gw 10.0.0.254 port port0 weight 0 learned false")


def _id(session, chain):
    return session.resolver.chain(None, chain).id


def test_ports_of_a_router_made_by_the_run_are_named_as_made(logged):
    server, log = logged
    session = _script_session(server.url)
    session.run_line("list router")
    router = _one_line(session, log, "create router name r")[1][0]
    session.run_line("list router")  # named router0, its ports not listed
    _one_line(session, log, "router router0 add port address 10.0.0.1 net 10.0.0.0/24")
    _one_line(session, log, "router router0 add port address 10.0.1.1 net 10.0.1.0/24")
    requests, _ = _one_line(session, log, "router router0 add route src 0.0.0.0/0 dst 10.9.0.0/16 "
                                          "type normal port router0:port1 gw 10.0.1.254")
    assert requests == [f"POST /routers/{router}/routes"]
    route = [r for r in Client(server.url).get(f"{server.url}/routers/{router}/routes", None)
             if r["type"] == "Normal"][0]
    listed = Session(Client(server.url), show_aliases=False)  # as a fresh session names them
    assert route["nextHopPort"] == listed.resolver.chain(None, "router0:port1").id


def test_a_vtep_binding_adds_a_port_the_run_names_by_listing(logged):
    server, log = logged
    session = _script_session(server.url, aliases=True)
    for line in ["create bridge name b", "bridge bridge0 add port",
                 "tunnel-zone create name vt type vtep",
                 "create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0",
                 "vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0"]:
        session.run_line(line)
    assert _one_line(session, log, "bridge bridge0 add port")[1] == ["bridge0:port2"]
    fresh = Session(Client(server.url), show_aliases=True)
    assert fresh.resolver.chain(None, "bridge0:port2").id == _id(session, "bridge0:port2")
    assert fresh.resolver.chain(None, "bridge0:port1").doc["type"] == "Vxlan"


# Per collection that only clients fill: lines making a parent and three children (the
# parent and its children named by aliases), and the collection's alias prefix chain.
POOL = "load-balancer lb0 add pool lb-method ROUND_ROBIN"
IN_ORDER = {
    ("router", "port"): (["create router name r"] + [
        f"router router0 add port address 10.0.{n}.1 net 10.0.{n}.0/24" for n in range(3)],
        "router0:port"),
    ("bridge", "port"): (["create bridge name b"] + ["bridge bridge0 add port"] * 3,
                         "bridge0:port"),
    ("router", "bgp-peer"): (["create router name r asn 65000"] + [
        f"router router0 add bgp-peer asn 6500{n + 1} address 10.0.0.{n + 2}" for n in range(3)],
        "router0:peer"),
    ("router", "bgp-network"): (["create router name r"] + [
        f"router router0 add bgp-network net 10.{n}.0.0/16" for n in range(3)], "router0:net"),
    ("load-balancer", "pool"): (["create load-balancer"] + [POOL] * 3, "lb0:pool"),
    ("pool", "member"): (["create load-balancer", POOL] + [
        f"load-balancer lb0 pool pool0 add member address 192.168.100.{n + 1} protocol-port 80"
        for n in range(3)], "lb0:pool0:pm"),
    ("qos-policy", "dscp-rule"): (["create qos-policy name q"] + [
        f"qos-policy qos-policy0 add dscp-rule dscp-mark {n + 10}" for n in range(3)],
        "qos-policy0:qos-dscp-rule"),
    ("qos-policy", "bw-limit-rule"): (["create qos-policy name q"] + [
        f"qos-policy qos-policy0 add bw-limit-rule max-kbps {n + 100}" for n in range(3)],
        "qos-policy0:qos-bw-limit-rule"),
}


def test_every_collection_only_clients_fill_is_checked_in_order():
    from midoshell import model

    assert set(IN_ORDER) == {(t.key, c.name) for t in model.TYPES.values() for c in t.children
                             if c.clients_only}


@pytest.mark.parametrize("collection", IN_ORDER, ids=" ".join)
def test_children_named_as_made_are_named_as_a_listing_names_them(collection, logged):
    server, log = logged
    lines, prefix = IN_ORDER[collection]
    made = _script_session(server.url, aliases=True)
    for line in lines[:-3]:
        made.run_line(line)
    for line in lines[-3:]:  # named without listing the collection
        requests, _ = _one_line(made, log, line)
        assert [r.split()[0] for r in requests] == ["POST"], line
    listed = Session(Client(server.url), show_aliases=True)
    for n in range(3):
        chain = f"{prefix}{n}"
        assert made.resolver.chain(None, chain).id == listed.resolver.chain(None, chain).id
