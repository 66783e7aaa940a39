"""Rules: every type and every condition field, shown and changed through an alias.

midonet-cli lost a rule's conditions when the rule was named by alias (`chain chain0 rule
rule0 show` printed none, and `set src …` was silently dropped); these tests go through
exactly that path.
"""

import pytest

from conftest import line_runner


DEFAULTS = "no-vlan false match-nw-dst-rewritten false"


@pytest.fixture
def shell(sandbox):
    run = line_runner(sandbox.url)
    for line in ("create chain name c", "create chain name target", "create bridge name b",
                 "bridge bridge0 add port", "bridge bridge0 add port",
                 "create port-group name pg", "create ip-address-group name ipg"):
        run(line)
    return run


def fields(line):
    """`rule rule0 a 1 b 2` -> {"a": "1", "b": "2"}."""
    words = line.split()[2:]
    return dict(zip(words[::2], words[1::2]))


@pytest.mark.parametrize("typed, shown", [
    ("type accept", {"type": "accept"}),
    ("type drop", {"type": "drop"}),
    ("type reject", {"type": "reject"}),
    ("type return", {"type": "return"}),
    ("type jump jump-to chain1", {"type": "jump", "jump-to": "chain1"}),
    ("type dnat action accept target 192.0.2.1-192.0.2.99:80-90",
     {"type": "dnat", "action": "accept", "target": "192.0.2.1-192.0.2.99:80-90",
      "fragment-policy": "unfragmented"}),
    ("type snat action continue target 198.51.100.1",
     {"type": "snat", "action": "continue", "target": "198.51.100.1"}),
    ("type rev_dnat action return", {"type": "rev_dnat", "action": "return"}),
    ("type rev_snat action accept", {"type": "rev_snat", "action": "accept"}),
    ("type l2-transform action redirect target-port bridge0:port1 ingress true fail-open false "
     "pop-vlan true push-vlan 100",
     {"type": "l2-transform", "action": "redirect", "target-port": "bridge0:port1", "ingress": "true",
      "fail-open": "false", "pop-vlan": "true", "push-vlan": "100"}),
    ("type trace traceid 5b1c4d2e-0f0a-4b8c-9d7e-6f5a4b3c2d1e tracelimit 5", {"type": "trace"}),
])
def test_every_rule_type(shell, typed, shown):
    assert shell(f"chain chain0 add rule {typed}") == ["chain0:rule0"]
    line = shell("chain chain0 rule rule0 show")[0]
    assert line.startswith("rule rule0 ")
    got = fields(line)
    for name, value in shown.items():
        assert got[name] == value, (name, line)
    assert got["pos"] == "1"


CONDITIONS = [
    # field, typed value, printed value, second value (set through the alias), printed
    ("inverted", "yes", "yes", "no", "no"),
    ("hw-src", "02:00:00:00:00:01", "02:00:00:00:00:01", "!02:00:00:00:00:02", "!02:00:00:00:00:02"),
    ("hw-src-mask", "ffff.ff00.0000", "ffff.ff00.0000", "ffff.ffff.0000", "ffff.ffff.0000"),
    ("hw-dst", "!02:00:00:00:00:03", "!02:00:00:00:00:03", "02:00:00:00:00:04", "02:00:00:00:00:04"),
    ("hw-dst-mask", "ffff.0000.0000", "ffff.0000.0000", "ffff.ff00.0000", "ffff.ff00.0000"),
    ("ethertype", "0x0800", "2048", "!0x0806", "!2054"),
    ("src", "10.0.0.0/8", "10.0.0.0/8", "!192.168.0.1", "!192.168.0.1"),
    ("dst", "!172.16.0.0/12", "!172.16.0.0/12", "10.1.2.0/24", "10.1.2.0/24"),
    ("proto", "6", "6", "!17", "!17"),
    ("tos", "16", "16", "!8", "!8"),
    ("src-port", "1000-2000", "1000-2000", "!22", "!22-22"),
    ("dst-port", "!80", "!80-80", "443-444", "443-444"),
    ("flow", "fwd-flow", "fwd-flow", "return-flow", "return-flow"),
    ("port-group", "pgroup0", "pgroup0", "!pgroup0", "!pgroup0"),
    ("in-port-group", "!pgroup0", "!pgroup0", "pgroup0", "pgroup0"),
    ("out-port-group", "pgroup0", "pgroup0", "!pgroup0", "!pgroup0"),
    ("ip-address-group-src", "ipg0", "ipg0", "!ipg0", "!ipg0"),
    ("ip-address-group-dst", "!ipg0", "!ipg0", "ipg0", "ipg0"),
    ("in-ports", "bridge0:port0", "bridge0:port0", "!bridge0:port0,bridge0:port1",
     "!bridge0:port0,bridge0:port1"),
    ("out-ports", "!bridge0:port1", "!bridge0:port1", "bridge0:port0", "bridge0:port0"),
    ("fragment-policy", "nonheader", "nonheader", "unfragmented", "unfragmented"),
    ("no-vlan", "true", "true", "false", "false"),
    ("vlan", "10", "10", "20", "20"),
    ("icmp-data-src", "10.1.0.0/16", "10.1.0.0/16", "!10.2.0.0/16", "!10.2.0.0/16"),
    ("icmp-data-dst", "!10.3.0.0/16", "!10.3.0.0/16", "10.4.0.1", "10.4.0.1"),
    ("match-nw-dst-rewritten", "true", "true", "false", "false"),
]


REFERENCED = {"pgroup0": "pgroup pgroup0 name pg stateful false", "ipg0": "ipg ipg0 name ipg"}


@pytest.mark.parametrize("name, typed, printed, changed, printed_after", CONDITIONS,
                         ids=[c[0] for c in CONDITIONS])
def test_every_condition_field_through_an_alias(shell, name, typed, printed, changed, printed_after):
    assert shell(f"chain chain0 add rule {name} {typed} type accept") == ["chain0:rule0"]
    assert fields(shell("chain chain0 rule rule0 show")[0])[name] == printed
    # a field naming one group shows the group itself, as `show pgroup0` would
    shown = REFERENCED.get(printed.lstrip("!"), printed)
    assert shell(f"chain chain0 rule rule0 show {name}") == [shown]
    assert shell(f"chain chain0 rule rule0 set {name} {changed}") == []
    after = fields(shell("show chain0:rule0")[0])
    assert after[name] == printed_after
    assert after["type"] == "accept" and after["pos"] == "1"


def test_port_ranges_need_the_header_fragment_policy_and_nat_unfragmented(shell):
    from midoshell.errors import ApiError
    with pytest.raises(ApiError) as caught:
        shell("chain chain0 add rule dst-port 22 fragment-policy any type drop")
    assert caught.value.status == 400
    assert "fragmentPolicy must be 'header' or 'unfragmented'" in " ".join(caught.value.lines())
    shell("chain chain0 add rule dst-port 22 type drop")  # the server picks header
    assert fields(shell("chain chain0 rule rule0 show")[0])["fragment-policy"] == "header"


def test_a_refused_change_keeps_the_rule(shell):
    from midoshell.errors import ApiError
    shell("chain chain0 add rule dst-port 22 fragment-policy header type drop")
    before = shell("chain chain0 list rule")
    with pytest.raises(ApiError):
        shell("chain chain0 rule rule0 set fragment-policy any")
    assert shell("chain chain0 list rule") == before


def test_positions_order_the_listing_and_survive_a_change(shell):
    shell("chain chain0 add rule type accept")
    shell("chain chain0 add rule type drop pos 1")
    shell("chain chain0 add rule type reject pos 3")
    assert [fields(l)["type"] for l in shell("chain chain0 list rule")] == ["drop", "accept", "reject"]
    shell("chain chain0 rule type accept set src 10.0.0.0/8")
    assert [fields(l)["type"] for l in shell("chain chain0 list rule")] == ["drop", "accept", "reject"]


def test_deleting_a_chain_removes_jump_rules_to_it(shell):
    shell("chain chain0 add rule type jump jump-to chain1")
    shell("chain chain0 add rule type accept")
    shell("delete chain chain1")
    assert [fields(l)["type"] for l in shell("chain chain0 list rule")] == ["accept"]
