"""Each midonet-cli bug of reference §11.1 and §17 that midoshell fixes, tested against the fix.

Every test here would fail on midonet-cli's behaviour.
"""

import pytest

from conftest import line_runner

from midoshell.client import Client
from midoshell.errors import MidoSyntaxError, ResolveError
from midoshell.model.value_kinds import is_uuid
from midoshell.output import render_text
from midoshell.parsing import parse
from midoshell.session import Session


class CountingClient(Client):
    """A client that counts the HTTP requests it sends."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = []

    def _send(self, method, uri, *args):
        self.sent.append((method, uri))
        return super()._send(method, uri, *args)


@pytest.fixture
def shell(sandbox):
    return line_runner(sandbox.url, CountingClient)


def test_1_aliases_need_no_discovery(shell):
    shell("tunnel-zone create name tz type gre")
    assert shell("tunnel-zone tzone0 add member host host2 address 10.0.0.3") == \
        ["zone tzone0 host host2 address 10.0.0.3"]


def test_2_showing_a_peer_does_not_renumber_the_routers_ports(shell):
    shell("create router name r")
    shell("router router0 add port addresses 10.0.0.1/24")
    shell("router router0 add port addresses 10.0.1.1/24")
    shell("create bridge name b")
    shell("bridge bridge0 add port")
    shell("bridge bridge0 port port0 set peer router0:port1")
    before = shell("router router0 list port")
    assert shell("bridge bridge0 port port0 show peer")[0].startswith("port port1 device router0")
    assert shell("router router0 list port") == before
    assert shell("list port")  # listing root ports leaves the device namespaces alone
    assert shell("router router0 list port") == before


def test_3_a_child_by_uuid_must_belong_to_its_parent(shell):
    shell("create bridge name b")
    shell("bridge bridge0 add port")
    shell("create router name r")
    port = shell.session.aliases.namespace(
        shell.session.aliases.namespace(None).lookup("bridge0")).lookup("port0")
    with pytest.raises(ResolveError):
        shell(f"router router0 port {port} delete")
    assert len(shell("bridge bridge0 list port")) == 1


def test_5_show_of_a_collection_lists_it(shell):
    shell("create router name r")
    assert shell("show router") == ["router router0 name r state up asn 0"]


def test_6_a_bare_collection_is_a_clear_syntax_error():
    with pytest.raises(MidoSyntaxError) as caught:
        parse("router")
    assert "expected a verb" in caught.value.message


def test_7_show_of_an_empty_field_prints_nothing(shell):
    shell("create router")
    assert shell("router router0 show name") == []


def test_8_root_port_filters_know_bridge_port_fields(shell):
    shell("create bridge name b")
    shell("bridge bridge0 add port vlan 5")
    lines = shell("list port vlan 5")
    assert len(lines) == 1 and "vlan 5" in lines[0]


def test_9_pool_statistic_is_not_offered_as_a_collection():
    with pytest.raises(MidoSyntaxError) as caught:
        parse("list pool-statistic")
    assert "expected a collection at the top level" in caught.value.message


def test_11_help_texts_are_right(shell):
    assert shell("help exit")[0] == "exit - end the session"
    assert shell("help quit")[0] == "quit - end the session"
    assert any("addresses 10.0.0.1/24" in line for line in shell("help create"))
    assert not any(" net " in line for line in shell("help create"))


def test_13_read_only_messages_have_no_python_quotes():
    with pytest.raises(MidoSyntaxError) as caught:
        parse("host host0 set name foo")
    assert caught.value.message == "name is read-only"


def test_14_values_with_spaces_print_quoted_and_parse_back(shell):
    shell('create router name "edge router"')
    line = shell("router list")[0]
    assert line == 'router router0 name "edge router" state up asn 0'
    command = parse("list " + line.split(" ", 2)[0] + " " + line.split(" ", 2)[2].split(" state")[0])
    assert command.filters[0].value == "edge router"


def test_16_addresses_are_validated_strictly():
    with pytest.raises(MidoSyntaxError):
        parse("router router0 add route dst 10.1 type reject")


def test_17_numbers_are_sent_as_json_numbers(shell, sandbox):
    import requests
    shell("create router name r")
    shell("router router0 add route src 0.0.0.0/0 dst 10.0.0.0/8 type blackhole weight 100")
    router = shell.session.aliases.namespace(None).lookup("router0")
    routes = requests.get(f"{sandbox.url}/routers/{router}/routes",
                          headers={"Accept": "application/json"}).json()
    route = next(r for r in routes if r["type"] == "BlackHole")
    assert route["weight"] == 100 and route["dstNetworkLength"] == 8


def test_18_printing_references_costs_no_request_per_object(shell):
    shell("create bridge name b")
    shell("create router name r")
    for n in range(8):
        shell("bridge bridge0 add port")
        shell(f"router router0 add port addresses 10.0.{n}.1/24")
        shell(f"bridge bridge0 port port{n} set peer router0:port{n}")
    fresh = Session(CountingClient(shell.session.client.url), show_aliases=True)
    lines = render_text(fresh.run_line("list port"))
    assert len(lines) == 16
    assert all("peer " in line for line in lines)
    assert len(fresh.client.sent) <= 8  # root, ports, routers, bridges, ports of each device


def test_19_no_empty_tenant_is_sent_on_create(shell, sandbox):
    import requests
    shell("create bridge name b")
    bridge = requests.get(f"{sandbox.url}/bridges", headers={"Accept": "application/json"}).json()
    assert bridge[0]["tenantId"] is None


def test_20_uuids_are_hex_only():
    assert is_uuid("0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a10")
    assert not is_uuid("0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a1:")
    assert not is_uuid("0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a1@")


def test_23_fields_without_setter_are_read_only_not_internal_errors():
    with pytest.raises(MidoSyntaxError) as caught:
        parse("router router0 port port0 set device router1")
    assert caught.value.message == "device is read-only"


def test_24_a_deleted_alias_says_so(shell):
    shell("create router name r")
    shell("delete router router0")
    with pytest.raises(ResolveError) as caught:
        shell("router router0 show")
    assert "router0 was deleted" in caught.value.message
    assert shell("create router name s") == ["router1"]


def test_25_system_state_shows_whole_and_by_field(shell):
    assert shell("show system-state") == ["system_state state ACTIVE availability READWRITE"]
    assert shell("system-state show availability") == ["READWRITE"]
    with pytest.raises(MidoSyntaxError) as caught:
        parse("set system-state state UPGRADE")  # v5 has no way to change it
    assert caught.value.message == "state is read-only"


def test_17_3_references_through_objects_without_id_print_aliases(shell):
    shell("create router name r")
    shell("router router0 add port addresses 10.0.0.1/24")
    shell("tunnel-zone create name tz type gre")
    shell("tunnel-zone tzone0 add member host host0 address 10.0.0.9")
    assert shell("host host0 add binding interface eth1 port router0:port0") == \
        ["host host0 interface eth1 port router0:port0"]
