"""`export`: the live topology as a script that replays to the same topology, against sandboxes."""

import collections

import pytest

from midoshell import model
from midoshell import commands as c
from midoshell.client import Client
from midoshell.errors import MidoSyntaxError, UsageError
from midoshell.model.identity import IDENTITIES, SERVER_OWNED
from midoshell.parsing import parse
from tests.conftest import line_runner, run_in_process
from tests.topologies import EVERY_TYPE


@pytest.fixture
def second_sandbox():
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, hosts=3)
    yield server
    server.stop()


class CountingClient(Client):
    """Counts requests per (method, URL) across every instance (reset by each test)."""

    counts = collections.Counter()

    def request(self, method, uri, *args, **kwargs):
        CountingClient.counts[(method, uri)] += 1
        return super().request(method, uri, *args, **kwargs)


def run_script(url, lines, may_exist=False, client_class=None):
    """Lines as `midoshell -f` runs them (UUIDs printed); the outputs of every line."""
    shell = line_runner(url, client_class, show_aliases=False)
    shell.session.may_exist = may_exist
    return [shell(line) for line in lines]


def export(url, *words):
    return line_runner(url)(" ".join(("export",) + words))


def body(lines):
    """An export without its header (which says when and from where)."""
    assert lines[0].startswith("# midoshell export of ")
    return lines[2:]


def without_left_out(lines):
    return [line for line in lines if not line.startswith("# left out: ")]


def created_types(lines):
    types = set()
    for line in lines:
        command = parse(line)
        if isinstance(command, c.CreateCommand):
            types.add(command.target.link.type)
    return types


@pytest.mark.parametrize("keep_ids", [False, True], ids=["aliases", "keep-ids"])
def test_every_type_round_trips(sandbox, second_sandbox, keep_ids):
    words = ("--keep-ids",) if keep_ids else ()
    run_script(sandbox.url, EVERY_TYPE.splitlines())
    first = body(export(sandbox.url, *words))
    run_script(second_sandbox.url, first)
    second = body(export(second_sandbox.url, *words))
    # the BGP password is the one thing left out (and said so): the replay has none to leave
    assert without_left_out(first) == second
    assert [line for line in first if line.startswith("# left out: ")] == [
        "# left out: the password of the bgp-peer address 10.0.0.2 of router router0 "
        "(a secret: set it again by hand)"]
    if keep_ids:
        assert first == second or "id " in " ".join(first)


def test_the_export_makes_every_creatable_type(sandbox):
    run_script(sandbox.url, EVERY_TYPE.splitlines())
    made = created_types(body(export(sandbox.url)))
    creatable = {k for k in model.TYPES if k not in SERVER_OWNED}
    assert made == creatable
    assert set(IDENTITIES) == creatable  # and each has an identity


def test_without_keep_ids_the_replay_differs_only_in_uuids(sandbox, second_sandbox):
    run_script(sandbox.url, EVERY_TYPE.splitlines())
    first = body(export(sandbox.url, "--keep-ids"))
    plain = body(export(sandbox.url))
    run_script(second_sandbox.url, plain)
    again = body(export(second_sandbox.url, "--keep-ids"))
    assert len(again) == len(without_left_out(first))
    strip = [_no_ids(line) for line in without_left_out(first)]
    assert strip == [_no_ids(line) for line in again]
    assert without_left_out(first) != again  # new UUIDs: the replay made new objects


def _no_ids(line):
    words = line.split(" ")
    return " ".join(w for i, w in enumerate(words) if i == 0 or words[i - 1] != "id")


@pytest.mark.parametrize("words", [(), ("--keep-ids",)], ids=["aliases", "keep-ids"])
def test_replayed_with_may_exist_on_its_origin_the_export_sends_no_write(sandbox, words):
    run_script(sandbox.url, EVERY_TYPE.splitlines())
    before = body(export(sandbox.url, "--keep-ids"))
    CountingClient.counts = collections.Counter()
    run_script(sandbox.url, body(export(sandbox.url, *words)), may_exist=True,
               client_class=CountingClient)
    writes = {k: n for k, n in CountingClient.counts.items() if k[0] != "GET"}
    assert writes == {}
    repeated = {k: n for k, n in CountingClient.counts.items() if n > 1}
    assert repeated == {}  # one listing per collection
    assert body(export(sandbox.url, "--keep-ids")) == before


def test_keep_ids_gives_objects_back_their_uuids(sandbox, second_sandbox):
    shell = line_runner(sandbox.url)
    shell("create router name r1")
    shell("router router0 add port addresses 10.0.0.1/24")
    ids = [shell("router router0 show id")[0], shell("router router0 port port0 show id")[0]]
    script = body(export(sandbox.url, "--keep-ids"))
    assert script[0] == f"create router id {ids[0]} name r1 state up asn 0"
    run_script(second_sandbox.url, script)
    replayed = line_runner(second_sandbox.url)
    assert [replayed("router router0 show id")[0],
            replayed("router router0 port port0 show id")[0]] == ids


def test_server_made_objects_are_not_commands(shell):
    shell("create tunnel-zone name vt type vtep")
    shell("create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0")
    shell("create bridge name b")
    shell("vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0")
    shell("create router name r")
    shell("router router0 add port addresses 10.0.0.1/24")
    assert any("type local" in line for line in shell("router router0 list route"))
    lines = body(shell("export"))
    text = "\n".join(lines)
    assert "create host" not in text and "interface " not in text.replace("interface-mtu", "")
    assert "type local" not in text  # the port's Local route: the server makes it again
    assert "Vxlan" not in text and "vni" not in text and "tunnel" not in text.replace(
        "tunnel-zone", "")
    assert "vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0" in lines


def test_hosts_are_named_with_their_id_in_a_comment(shell):
    host_id = shell("host host0 show id")[0]
    shell("create tunnel-zone name tz type gre")
    shell("tunnel-zone tzone0 add member host host0 address 192.0.2.10")
    lines = body(shell("export tunnel-zone"))
    assert lines == ["create tunnel-zone name tz type gre",
                     f"# host compute-1 is {host_id}",
                     "tunnel-zone tzone0 add member host host name compute-1 address 192.0.2.10"]


def test_values_are_quoted_where_needed(shell):
    shell('create router name "two words"')
    shell("create router name 'say \"hi\"'")
    shell('create bridge name list')
    lines = body(shell("export"))
    assert 'create router name "two words" state up asn 0' in lines
    assert 'create router name "say \\"hi\\"" state up asn 0' in lines
    assert "create bridge name list state up" in lines
    for line in lines:
        parse(line)  # every line reads back


def test_a_name_with_a_line_break_is_left_out_never_printed(sandbox):
    import requests

    requests.post(sandbox.url + "/routers", json={"name": "evil\ncreate router name x"},
                  headers={"Content-Type": "application/vnd.org.midonet.Router-v3+json"})
    shell = line_runner(sandbox.url)
    lines = body(shell("export"))
    assert not any(line.startswith("create router name x") for line in lines)
    assert any(line.startswith("# left out: ") and "line break" in line for line in lines)
    assert "create router state up asn 0" in lines


def test_export_of_one_object_takes_what_is_under_it(shell, second_sandbox):
    shell("create router name r1")
    shell("router router0 add port addresses 10.0.0.1/24")
    shell("router router0 add route type normal src 0.0.0.0/0 dst 10.2.0.0/16 port router0:port0")
    shell("create router name r2")
    shell("create bridge name b")
    lines = shell("export router name r1")
    assert lines[0].startswith("# midoshell export of router name r1 and all under it from ")
    assert body(lines) == [
        "create router name r1 state up asn 0",
        f"router router0 add port state up mac {shell('router router0 port port0 show mac')[0]} "
        "addresses 10.0.0.1/24",
        "router router0 add route type normal src 0.0.0.0/0 dst 10.2.0.0/16 port router0:port0 "
        "weight 0"]
    run_script(second_sandbox.url, body(lines))
    assert body(export(second_sandbox.url, "router")) == body(lines)
    assert body(shell("export bridge")) == ["create bridge name b state up"]


def test_references_to_objects_made_later_become_sets_at_the_end(shell):
    shell("create bridge name b")
    shell("bridge bridge0 add port")
    shell("create mirror to-port bridge0:port0")
    shell("bridge bridge0 set in-mirrors mirror0")
    lines = body(shell("export"))
    assert lines.index("create mirror to-port bridge0:port0") < \
        lines.index("bridge bridge0 set in-mirrors mirror0")
    assert "create bridge name b state up" in lines


def test_export_is_a_command_of_midoshell(shell_env):
    done = run_in_process(["-c", "create router name r", "-c", "export"], shell_env)
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert printed[1].startswith("# midoshell export of the whole topology")
    assert "create router name r state up asn 0" in printed


def test_bad_export_lines_say_what_was_expected():
    with pytest.raises(MidoSyntaxError) as caught:
        parse("export router router0 port")
    assert "one object" in caught.value.message
    with pytest.raises(MidoSyntaxError):
        parse("export frobnicate")


def api_state(url):
    """Every object reachable from the root collections, as the API gives it (base URL out)."""
    shell = line_runner(url)
    resolver = shell.session.resolver
    found = {}

    def walk(parent, link, path):
        for obj in resolver.list(parent, link):
            doc = _without_base(obj.doc, url)
            key = f"{path}/{obj.id or doc.get('uri') or doc}"
            if doc.get("type") == "Local":  # the server makes these, with ids of its own
                key = f"{path}/local {doc['dstNetworkAddr']} {doc['nextHopPort']}"
                doc = {k: v for k, v in doc.items() if k not in ("id", "uri")}
            found[key] = doc
            for child in obj.type.children:
                walk(obj, child, f"{key}/{child.name}")

    for root in model.ROOTS:
        if not root.singleton and root.name != "tenant":
            walk(None, root, root.name)
    return found


STATE_FIELDS = ("creationTimestampMs",)  # when the server made it: not part of a topology


def _without_base(value, url):
    if isinstance(value, dict):
        return {k: _without_base(v, url) for k, v in value.items() if k not in STATE_FIELDS}
    if isinstance(value, list):
        return [_without_base(v, url) for v in value]
    return value.replace(url, "") if isinstance(value, str) else value


def test_with_keep_ids_the_replay_holds_the_same_objects(sandbox, second_sandbox):
    """What the API holds after a replay, compared document by document."""
    run_script(sandbox.url, EVERY_TYPE.splitlines())
    run_script(second_sandbox.url, body(export(sandbox.url, "--keep-ids")))
    first, second = api_state(sandbox.url), api_state(second_sandbox.url)
    assert sorted(first) == sorted(second)
    differing = {k: (first[k], second[k]) for k in first if first[k] != second[k]}
    assert list(differing) == [k for k in first if "/bgp-peer/" in k]  # the password only
    (was, now), = differing.values()
    assert {k: v for k, v in was.items() if k != "password"} == \
        {k: v for k, v in now.items() if k != "password"}
    assert was["password"] == "s3cret" and not now["password"]


def test_the_topology_sets_every_field_of_every_type(sandbox):
    """The round trip above covers every field a line can give (in the export of it)."""
    run_script(sandbox.url, EVERY_TYPE.splitlines())
    given = set()
    for line in body(export(sandbox.url, "--keep-ids")):
        command = parse(line)
        if isinstance(command, c.CreateCommand):
            given |= {(command.target.link.type, p.attr.name) for p in command.assignments}
        elif isinstance(command, c.SetCommand):
            key = command.path[-1].type_key
            given |= {(key, p.attr.name) for p in command.assignments}
    wanted = set()
    for key in IDENTITIES:
        for attr in model.TYPES[key].attrs:
            if not (attr.read_only or not attr.settable or attr.legacy):
                wanted.add((key, attr.name))
    secrets = {("bgp-peer", "password")}
    from_path = {("pool", "load-balancer"), ("container", "container-group")}
    linked_from_the_router_side = {("bridge-port", "peer")}
    # the server keeps no trace fields in a rule, and places containers on hosts itself
    server_kept = {("rule", "traceid"), ("rule", "tracelimit"), ("container", "host")}
    assert wanted - given == secrets | from_path | linked_from_the_router_side | server_kept


def test_shared_names_are_said_since_may_exist_cannot_tell_them_apart(shell, capsys):
    shell("create router name r")
    shell("create router name r")
    lines = body(shell("export router"))
    note = ("2 router objects are named 'r': replaying this with --may-exist needs an export "
            "made with --keep-ids")
    assert lines[0] == f"# note: {note}"
    assert note in capsys.readouterr().err
    assert not any(line.startswith("# note") for line in body(shell("export --keep-ids")))


def test_export_of_a_host_and_of_a_port(shell):
    host_id = shell("host host0 show id")[0]
    shell("create tunnel-zone name tz type gre")
    shell("tunnel-zone tzone0 add member host host0 address 192.0.2.10")
    shell("create router name r")
    shell("router router0 add port addresses 10.0.0.1/24")
    port_id = shell("router router0 port port0 show id")[0]
    router_id = shell("router router0 show id")[0]
    shell("host host0 add binding interface eth0 port router0:port0")
    shell("host host0 set container-weight 5")
    assert body(shell("export host host0")) == [
        f"# host compute-1 is {host_id}",
        "host name compute-1 set flooding-proxy-weight 1 container-weight 5 container-limit "
        "no-limit enforce-container-limit false",
        f"host name compute-1 add binding interface eth0 port {port_id}"]
    lines = body(shell("export router0:port0"))
    assert lines[0].startswith(f"router {router_id} add port state up mac ")
    with pytest.raises(UsageError) as caught:
        shell("export system-state")
    assert "made by the server" in caught.value.message


def test_the_header_never_shows_credentials_written_in_the_url():
    from midoshell.export import _public

    assert _public("http://admin:s3cret@192.0.2.1:8181/midonet-api") == \
        "http://192.0.2.1:8181/midonet-api"
    assert _public("https://api.example/midonet-api") == "https://api.example/midonet-api"


def test_vtep_bindings_follow_the_vtep_or_the_bridge_exported(shell):
    shell("create tunnel-zone name vt type vtep")
    shell("create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0")
    shell("create bridge name b")
    bridge_id = shell("bridge bridge0 show id")[0]
    vtep_id = shell("vtep vtep0 show id")[0]
    shell("bridge bridge0 add port")
    shell("vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0")
    shell("bridge bridge0 add port")
    assert body(shell("export vtep")) == [
        "create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone "
        + shell("tunnel-zone tzone0 show id")[0],
        f"vtep vtep0 add binding physical-port eth0 vlan 10 network-id {bridge_id}"]
    assert body(shell("export bridge")) == [
        "create bridge name b state up", "bridge bridge0 add port state up vlan 0",
        f"vtep {vtep_id} add binding physical-port eth0 vlan 10 network-id bridge0",
        "bridge bridge0 add port state up vlan 0"]


def test_objects_told_apart_by_references_only_come_out_in_the_same_order(sandbox,
                                                                          second_sandbox):
    """Mirrors have no name: the order is what their lines say, not their UUIDs."""
    shell = line_runner(sandbox.url)
    shell("create bridge name b")
    for n in range(4):
        shell("bridge bridge0 add port")
    for n in (2, 0, 3, 1):
        shell(f"create mirror to-port bridge0:port{n}")
    first = body(shell("export"))
    assert [line for line in first if line.startswith("create mirror")] == [
        f"create mirror to-port bridge0:port{n}" for n in range(4)]
    run_script(second_sandbox.url, first)
    assert body(export(second_sandbox.url)) == first
    CountingClient.counts = collections.Counter()
    run_script(sandbox.url, first, may_exist=True, client_class=CountingClient)
    assert [k for k in CountingClient.counts if k[0] != "GET"] == []


def test_collections_that_are_not_exported_say_why(shell):
    for line, why in (("export port", "exported with their router or bridge"),
                      ("export container", "exported with their container-group"),
                      ("export tenant", "made by the server")):
        with pytest.raises(UsageError) as caught:
            shell(line)
        assert why in caught.value.message
