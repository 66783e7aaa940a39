"""The install-guide workflows, line by line, through a Session against the sandbox over HTTP."""

import pytest

from midoshell.errors import ApiError, ResolveError
from sandbox_helpers import Api


def test_tunnel_zone_members_in_a_fresh_session_need_no_listing_first(shell):
    assert shell("tunnel-zone create name eucatz type gre") == ["tzone0"]
    assert shell("tunnel-zone tzone0 add member host host0 address 192.0.2.10") == \
        ["zone tzone0 host host0 address 192.0.2.10"]
    assert shell("tunnel-zone tzone0 list member") == ["zone tzone0 host host0 address 192.0.2.10"]
    assert shell("tunnel-zone tzone0 member host host0 show") == \
        ["memb zone tzone0 host host0 address 192.0.2.10"]
    assert shell("tunnel-zone list") == ["tzone tzone0 name eucatz type gre"]


def test_the_eucalyptus_guide_adds_every_host(shell):
    shell("tunnel-zone add name eucatz type gre")
    for n in range(3):
        shell(f"tunnel-zone tzone0 add member host host{n} address 192.0.2.{10 + n}")
    assert shell("tunnel-zone tzone0 list member") == [
        f"zone tzone0 host host{n} address 192.0.2.{10 + n}" for n in range(3)]


def test_vxlan_zone_and_a_bad_type_shows_the_servers_answer(shell):
    assert shell("tunnel-zone add name tz2 type vxlan") == ["tzone0"]
    with pytest.raises(ApiError) as caught:
        shell("tunnel-zone create name tz3 type capwap")
    assert caught.value.status == 400
    assert "capwap" in caught.value.message or "type" in caught.value.message
    with pytest.raises(ApiError) as caught:
        shell("tunnel-zone create name tz4")
    assert caught.value.status == 400
    assert any(v.get("property") == "type" for v in caught.value.violations)
    assert "  type: may not be null" in caught.value.lines()


def test_host_list_prints_one_line_per_seeded_host(shell):
    lines = shell("host list")
    assert len(lines) == 3
    for n, line in enumerate(lines):
        assert line.startswith(f"host host{n} name compute-{n + 1} alive true addresses ")
        assert line.endswith("flooding-proxy-weight 1 container-weight 1 container-limit no-limit "
                             "enforce-container-limit false")


def test_the_packstack_uplink_workflow(shell):
    assert shell('create router name "MidoNet Provider Router"') == ["router0"]
    assert shell("router list") == ['router router0 name "MidoNet Provider Router" state up asn 0']
    assert shell("router router0 add port address 172.19.0.2 net 172.19.0.0/30") == \
        ["router0:port0"]
    port_line = shell("router router0 port port0 show")[0]
    assert port_line.startswith("port port0 device router0 state up plugged no mac ")
    assert port_line.endswith("addresses 172.19.0.2/30")
    created = shell("router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal "
                    "port router router0 port port0 gw 172.19.0.1")
    assert created[0].startswith("router0:route")
    routes = shell("router router0 list route")
    assert any(r.startswith("route route")
               and " type normal src 0.0.0.0/0 dst 0.0.0.0/0 gw 172.19.0.1 port router0:port0 "
               in r for r in routes), routes
    assert any("type local" in r and "dst 172.19.0.2 " in r for r in routes)
    shell("tunnel-zone create name tz type gre")
    shell("tunnel-zone tzone0 add member host host0 address 172.19.0.2")
    assert shell("host host0 add binding port router router0 port port0 interface veth1") == \
        ["host host0 interface veth1 port router0:port0"]
    assert shell("host host0 list binding") == ["host host0 interface veth1 port router0:port0"]
    assert shell("host host0 binding interface veth1 show") == \
        ["binding host host0 interface veth1 port router0:port0"]


def test_a_binding_needs_the_host_in_a_tunnel_zone(shell):
    shell("create router name r")
    shell("router router0 add port addresses 10.0.0.1/24")
    with pytest.raises(ApiError) as caught:
        shell("host host1 add binding port router0:port0 interface eth1")
    assert caught.value.status == 409
    assert "not in any tunnel zone" in caught.value.message


def test_bridges_ports_and_peers(shell):
    assert shell("create bridge name demo") == ["bridge0"]
    assert shell("bridge bridge0 add port") == ["bridge0:port0"]
    shell("create router name edge")
    assert shell("router router0 add port addresses 10.0.0.1/24") == ["router0:port0"]
    assert shell("bridge bridge0 port port0 set peer router0:port0") == []
    assert shell("bridge bridge0 list port") == \
        ["port port0 device bridge0 state up plugged no vlan 0 peer router0:port0"]
    assert "peer bridge0:port0" in shell("router router0 port port0 show")[0]
    assert shell("show bridge0:port0 peer")[0].startswith("port port0 device router0 ")
    assert shell("delete bridge bridge0 port port0") == []
    assert shell("bridge bridge0 list port") == []
    assert "peer" not in shell("router router0 port port0 show")[0]
    with pytest.raises(ResolveError) as caught:
        shell("bridge bridge0 port port0 show")
    assert "port0 was deleted" in caught.value.message


def test_clear_unlinks_and_set_changes_fields(shell):
    shell("create bridge name a")
    shell("create bridge name b")
    shell("bridge bridge0 add port")
    shell("bridge bridge1 add port vlan 7")
    shell("bridge bridge0 port port0 set peer bridge1:port0")
    assert "peer bridge1:port0" in shell("bridge0:port0 show")[0]
    shell("bridge bridge0 port port0 clear peer")
    assert "peer" not in shell("show bridge bridge0 port port0")[0]
    shell("bridge bridge0 set name renamed state down")
    assert shell("bridge bridge0 show") == ["bridge bridge0 name renamed state down"]
    assert shell("bridge bridge0 show name") == ["renamed"]
    assert shell("bridge name b show state") == ["up"]


def test_delete_router_cascades_to_its_ports_and_routes(shell, sandbox):
    shell("create router name r")
    shell("router router0 add port addresses 10.0.0.1/24")
    shell("router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router0:port0 "
          "gw 10.0.0.254")
    api = Api(sandbox)
    router = shell.session.aliases.namespace(None).lookup("router0")
    ports = [p["id"] for p in api.get(f"routers/{router}/ports").json()]
    routes = [r["id"] for r in api.get(f"routers/{router}/routes").json()]
    assert len(ports) == 1 and len(routes) == 2  # the normal route and the port's Local route
    shell("delete router router0")
    assert shell("list router") == []
    for path in [f"ports/{p}" for p in ports] + [f"routes/{r}" for r in routes]:
        assert api.get(path).status_code == 404, path


def test_unknown_alias_names_the_collection_and_what_it_holds(shell):
    shell("create router name r")
    with pytest.raises(ResolveError) as caught:
        shell("router router7 show")
    assert caught.value.message == "no router7 in the router collection: it holds router0"
    with pytest.raises(ResolveError) as caught:
        shell("bridge bridge0 show")
    assert caught.value.message == "no bridge0 in the bridge collection: it is empty"


def test_uuids_work_wherever_aliases_do(shell, sandbox):
    shell("create router name r")
    uuid = shell.session.aliases.namespace(None).lookup("router0")
    assert shell(f"router {uuid} show name") == ["r"]
    assert shell(f"router {uuid.upper()} add port addresses 10.1.0.1/24") == ["router0:port0"]


def test_children_are_scoped_to_their_parent(shell):
    shell("create bridge name b")
    shell("bridge bridge0 add port")
    shell("create router name r")
    bridge = shell.session.aliases.namespace(None).lookup("bridge0")
    port = shell.session.aliases.namespace(bridge).lookup("port0")
    with pytest.raises(ResolveError) as caught:
        shell(f"router router0 port {port} show")
    assert "is not in the port collection of router router0" in caught.value.message


def test_field_filters_select_objects(shell):
    shell("create router name alpha")
    shell("create router name beta")
    assert shell("router name beta show name") == ["beta"]
    assert shell("list router name alpha") == ["router router0 name alpha state up asn 0"]
    shell("router name beta add port addresses 10.9.0.1/24")
    assert shell("router name beta list port")[0].startswith("port port0 device router1 ")


def test_describe_and_help_come_from_the_model(shell):
    lines = shell("describe")
    assert lines[0] == "Object collections:"
    assert "router" in lines[1]
    described = shell("describe router")
    assert "Fields:" in described
    assert any(line.strip().startswith("infilter") for line in described)
    assert shell("help")[0] == "Type 'help COMMAND' for detailed help."
    assert shell("help l")[0].startswith("list - ")


def test_tenant_commands(shell, sandbox):
    api = Api(sandbox)
    api.create("routers", {"name": "theirs", "tenantId": "other"})
    tenant = "0123456789abcdef0123456789abcdef"
    assert shell(f"sett {tenant}") == [f"tenant_id: {tenant}"]
    assert shell("create router name mine") == ["router0"]
    # the tenant filters listings: the other tenant's router is not shown
    assert shell("list router") == ["router router0 name mine state up asn 0"]
    # and owns what is created while it is set
    owners = {r["name"]: r["tenantId"] for r in api.get("routers").json()}
    assert owners == {"theirs": "other", "mine": tenant}
    assert shell("cleart") == ["tenant_id: None"]
    assert shell("list router") == ["router router0 name mine state up asn 0",
                                    "router router1 name theirs state up asn 0"]
