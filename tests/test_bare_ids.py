"""A bare UUID, or a unique prefix of one, names an object whatever its type."""

import pytest

from conftest import line_runner, run_in_process
from midoshell.errors import MidoSyntaxError, ResolveError
from midoshell.parsing import parse


@pytest.fixture
def fresh(sandbox):
    """A new session on the same server: what it knows comes from the server only."""
    return lambda: line_runner(sandbox.url)


def test_show_and_delete_take_the_id_a_one_liner_printed(shell_env):
    created = run_in_process(["-c", "create router name r"], shell_env)
    router_id = created.stdout.strip()
    shown = run_in_process(["-c", f"show {router_id}"], shell_env)
    assert (shown.returncode, shown.stderr) == (0, "")
    assert shown.stdout.startswith(f"router {router_id} name r ")
    deleted = run_in_process(["-c", f"delete {router_id}"], shell_env)
    assert (deleted.returncode, deleted.stderr) == (0, "")
    assert run_in_process(["-c", "list router"], shell_env).stdout == ""


def test_any_type_any_verb_any_word_order(shell, fresh):
    shell("create router name r")
    shell("router router0 add port address 10.0.0.1 net 10.0.0.0/24")
    shell("create chain name c")
    shell("chain chain0 add rule type drop")
    ids = {chain: obj.id for obj in shell.session.cache.values()
           for chain in [shell.session.names.chain(obj)]}
    run = fresh()
    assert run(f"show {ids['router0:port0']}")[0].startswith("port port0 device router0 ")
    assert run(f"{ids['router0']} show name") == ["r"]
    assert run(f"{ids['chain0:rule0']} show type") == ["drop"]
    assert run(f"set {ids['router0']} name r2") == []
    assert run(f"{ids['router0']} list port")[0].startswith("port port0 device router0 ")
    assert fresh()(f"show {ids['router0'].upper()}")[0].startswith("router router0 name r2 ")


def test_the_object_shown_gets_its_alias(sandbox, shell):
    shell("create bridge name a")
    shell("create bridge name b")
    bridge_b = next(o.id for o in shell.session.cache.values() if o.doc.get("name") == "b")
    run = line_runner(sandbox.url)
    assert run(f"show {bridge_b}")[0].startswith("bridge bridge1 name b ")
    assert run("bridge bridge1 show name") == ["b"]


def test_a_unique_prefix_of_eight_hex_digits_is_enough(shell, fresh):
    shell("create router name r")
    router_id = next(iter(shell.session.cache))
    for prefix in (router_id[:8], router_id[:13], router_id[:8].upper()):
        assert fresh()(f"show {prefix} name") == ["r"]


def test_an_ambiguous_prefix_lists_the_candidates(shell):
    session = shell.session
    session.client.create(session.client.root_link("routers"),
                          "application/vnd.org.midonet.Router-v3+json",
                          {"id": "abcdef01-0000-4000-8000-000000000001", "name": "x"})
    session.client.create(session.client.root_link("bridges"),
                          "application/vnd.org.midonet.Bridge-v4+json",
                          {"id": "abcdef01-0000-4000-8000-000000000002", "name": "y"})
    with pytest.raises(ResolveError) as caught:
        shell("show abcdef01")
    assert "2 objects have ids starting with abcdef01" in caught.value.message
    assert "router abcdef01-0000-4000-8000-000000000001" in caught.value.message
    assert "bridge abcdef01-0000-4000-8000-000000000002" in caught.value.message
    assert shell("show abcdef01-0000-4000-8000-000000000002 name") == ["y"]


def test_an_id_that_names_nothing_is_an_error(shell):
    with pytest.raises(ResolveError, match="no object has the id 11111111-2222"):
        shell("show 11111111-2222-3333-4444-555555555555")
    with pytest.raises(ResolveError, match="no object has an id starting with 0123abcd"):
        shell("delete 0123abcd")


@pytest.mark.parametrize("line", ["show abc", "show 1234567"])
def test_fewer_than_eight_hex_digits_are_not_an_id(line):
    with pytest.raises(MidoSyntaxError):
        parse(line)


def test_a_prefix_works_after_a_collection_too(shell, fresh):
    shell("create router name r")
    shell("router router0 add port address 10.0.0.1 net 10.0.0.0/24")
    router_id = next(o.id for o in shell.session.cache.values() if o.type.key == "router")
    port_id = next(o.id for o in shell.session.cache.values() if o.type.key == "router-port")
    assert fresh()(f"router {router_id[:8]} port {port_id[:10]} show address") == ["10.0.0.1"]
    with pytest.raises(ResolveError, match="no id in the router collection starts with 0000aaaa"):
        fresh()("router 0000aaaa show")


def test_a_prefix_works_as_a_reference_value(shell, fresh):
    shell("create chain name c")
    shell("create router name r")
    chain_id = next(o.id for o in shell.session.cache.values() if o.type.key == "chain")
    run = fresh()
    assert run(f"router router0 set infilter {chain_id[:8]}") == []
    assert run("router router0 show infilter")[0].startswith("chain chain0 name c")
    router_id = next(o.id for o in shell.session.cache.values() if o.type.key == "router")
    with pytest.raises(ResolveError, match="is a virtual router, not a chain"):
        run(f"router router0 set infilter {router_id[:9]}")


def test_children_named_by_their_parents_uri_are_found_too(shell, fresh):
    shell("create router name r asn 65000")
    shell("router router0 add bgp-peer asn 65001 address 10.0.0.2")
    shell("router router0 add bgp-network net 10.1.0.0/16")
    ids = {o.type.key: o.id for o in shell.session.cache.values()}
    assert fresh()(f"show {ids['bgp-peer']}") == ["peer peer0 asn 65001 address 10.0.0.2"]
    assert fresh()(f"{ids['bgp-network']} show net") == ["10.1.0.0/16"]


def test_guards_go_with_a_bare_id(shell):
    shell("create router name r")
    router_id = next(o.id for o in shell.session.cache.values() if o.type.key == "router")
    assert shell(f"--if-exists delete {router_id}") == []
    assert shell(f"--if-exists delete {router_id}") == []  # gone already: nothing to do
    assert shell("--if-exists delete 0123abcd") == []
    with pytest.raises(ResolveError, match="no object has the id"):
        shell(f"delete {router_id}")
    with pytest.raises(MidoSyntaxError, match="--if-exists goes before a delete"):
        shell("create router name s")
        shell(f"--if-exists show {next(iter(shell.session.cache))}")
