"""Line -> Command: the grammar's shapes and the interpreter's reading of them (no I/O)."""

import pytest

from midoshell import commands as c
from midoshell.errors import MidoSyntaxError
from midoshell.output.safe import visible
from midoshell.parsing import parse, verb_of


def path_text(steps):
    out = []
    for step in steps:
        out.append(step.link.name)
        if step.ref is not None:
            out.append(step.ref.text)
        for pair in step.filters:
            out += [pair.name.text, pair.text]
    return " ".join(out)


def summary(command):
    """A compact, comparable description of a command."""
    kind = type(command).__name__.replace("Command", "").lower()
    if isinstance(command, c.ListCommand):
        filters = " ".join(f"{p.name.text}={p.text}" for p in command.filters)
        return f"list [{path_text(command.path)}] {command.target.link.name} {filters}".rstrip()
    if isinstance(command, c.ShowCommand):
        return f"show [{path_text(command.path)}] " + " ".join(w.text for w in command.fields)
    if isinstance(command, c.CreateCommand):
        pairs = " ".join(f"{p.name.text}={p.text}" for p in command.assignments)
        return f"create [{path_text(command.path)}] {command.target.link.name} {pairs}".rstrip()
    if isinstance(command, c.SetCommand):
        pairs = " ".join(f"{p.name.text}={p.text}" for p in command.assignments)
        return f"set [{path_text(command.path)}] {pairs}"
    if isinstance(command, c.ClearCommand):
        return f"clear [{path_text(command.path)}] " + " ".join(a.name for a, _ in command.fields)
    if isinstance(command, c.DeleteCommand):
        return f"delete [{path_text(command.path)}]"
    if isinstance(command, c.DescribeCommand):
        target = command.target.link.name if command.target else "-"
        return f"describe [{path_text(command.path)}] {target}"
    return kind


@pytest.mark.parametrize("line, expected", [
    # both word orders and every verb position midonet-cli accepts
    ("list router", "list [] router"),
    ("router list", "list [] router"),
    ("l router", "list [] router"),
    ("lis router", "list [] router"),
    ("router router0 list port", "list [router router0] port"),
    ("router router0 port list", "list [router router0] port"),
    ("list router router0 port", "list [router router0] port"),
    ("list host alive true", "list [] host alive=true"),
    ('list router name "two words"', "list [] router name=two words"),
    ("router name r1 list port", "list [router name r1] port"),
    ("tunnel-zone tzone0 member list", "list [tunnel-zone tzone0] member"),
    ("host list", "list [] host"),
    ("show router router0", "show [router router0] "),
    ("sh router router0", "show [router router0] "),
    ("router router0 show name", "show [router router0] name"),
    ("router router0 name show", "show [router router0] name"),
    ("host name compute-1 show alive", "show [host name compute-1] alive"),
    ("show bridge0:port0", "show [bridge bridge0 port port0] "),
    ("show router", "list [] router"),
    ("show host0", "show [host host0] "),
    ("router0 list port", "list [router router0] port"),
    ("bridge0:port0 show peer", "show [bridge bridge0 port port0] peer"),
    ("tunnel-zone create name eucatz type gre", "create [] tunnel-zone name=eucatz type=gre"),
    ("tunnel-zone add name tz2 type vxlan", "create [] tunnel-zone name=tz2 type=vxlan"),
    ("create router name r1", "create [] router name=r1"),
    ("add bridge name b", "create [] bridge name=b"),
    ("tunnel-zone tzone0 add member host host0 address 192.0.2.10",
     "create [tunnel-zone tzone0] member host=host0 address=192.0.2.10"),
    ("router router0 add port address 172.19.0.2 net 172.19.0.0/30",
     "create [router router0] port address=172.19.0.2 net=172.19.0.0/30"),
    ("router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router router0 "
     "port port0 gw 172.19.0.1",
     "create [router router0] route src=0.0.0.0/0 dst=0.0.0.0/0 type=normal "
     "port=router router0 port port0 gw=172.19.0.1"),
    ("host host0 add binding port router router0 port port0 interface veth1",
     "create [host host0] binding port=router router0 port port0 interface=veth1"),
    ("router router0 add port addresses 10.0.0.1/24", "create [router router0] port addresses=10.0.0.1/24"),
    ("set router router0 name again", "set [router router0] name=again"),
    ("router name r1 set name r2", "set [router name r1] name=r2"),
    ("set router router0 name list", "set [router router0] name=list"),
    ("bridge bridge0 port port0 set peer router0:port0", "set [bridge bridge0 port port0] peer=router0:port0"),
    ("clear router router0 infilter", "clear [router router0] infilter"),
    ("bridge bridge0 port port0 clear peer", "clear [bridge bridge0 port port0] peer"),
    ("delete router router1", "delete [router router1]"),
    ("del router router1", "delete [router router1]"),
    ("bridge bridge0 delete port port0", "delete [bridge bridge0 port port0]"),
    ("host host0 delete binding interface eth0", "delete [host host0 binding interface eth0]"),
    ("router 0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a10 show",
     "show [router 0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a10] "),
    ("describe", "describe [] -"),
    ("desc router", "describe [] router"),
    ("router router0 describe port", "describe [router router0] port"),
    ("help", "help"), ("?", "help"), ("help set", "help"),
    ("sett abc", "tenant"), ("cleart", "tenant"), ("debug on", "debug"),
    ("exit", "exit"), ("quit", "exit"), ("", "empty"), ("   ", "empty"), ("# a comment", "empty"),
])
def test_lines_mean_what_midonet_cli_meant(line, expected):
    assert summary(parse(line)) == expected


def test_quoted_values_keep_spaces_and_escapes():
    command = parse(r'create router name "my \"big\" router"')
    assert command.assignments[0].value == 'my "big" router'
    command = parse("create router name 'a \\ \"b\" c'")
    assert command.assignments[0].value == 'a \\ "b" c'  # single quotes: taken literally


def test_a_quoted_word_is_never_a_verb():
    assert summary(parse('router name "list" show')) == "show [router name list] "


def test_tenant_commands_carry_their_value():
    assert parse("sett 0123").tenant == "0123"
    assert parse("cleart").tenant is None


@pytest.mark.parametrize("line, column, fragment", [
    ("foo", 1, "'foo' is not a command or a collection"),
    ("router router0", 15, "expected a verb"),
    ("router0", 8, "expected a verb"),
    ("gizmo0 show", 1, "no collection of 'gizmo' objects at the top level"),
    ("router router0", 15, "incomplete command"),
    ('show router "unterminated', 13, "unmatched quote"),
    ("list bogus", 6, "expected a collection at the top level"),
    ("list router router0", 20, "list needs a collection"),
    ("create router nme x", 15, "'nme' is not a field"),
    ("create router name", 19, "missing value for name"),
    ("router router0 set state foo", 26, "expected up or down"),
    ("router router0 add port address 1.2.3", 33, "expected an IPv4 address"),
    ("router router0 add route dst 10.0.0.0/33", 30, "CIDR"),
    ("host host0 set name foo", 16, "name is read-only"),
    ("clear router router0 name", 22, "cannot be cleared"),
    ("create host name x", 8, "cannot be created"),
    ("router router0 show bogus", 21, "'bogus' is not a field"),
    ("debug maybe", 7, "expected"),
    ("show router router0\x00", 20, "NUL"),
])
def test_bad_lines_say_where_and_what(line, column, fragment):
    with pytest.raises(MidoSyntaxError) as caught:
        parse(line)
    error = caught.value
    assert fragment in error.message
    assert error.column == column
    rendered = error.lines()
    assert rendered[1] == "  " + visible(line)  # a control character shows as an escape
    assert rendered[2] == "  " + " " * len(visible(line[:column - 1])) + "^"


@pytest.mark.parametrize("word, verb", [
    ("l", "list"), ("li", "list"), ("show", "show"), ("s", "show"), ("add", "create"),
    ("del", "delete"), ("desc", "describe"), ("de", None), ("router", None),
])
def test_verb_abbreviations_come_from_the_grammar(word, verb):
    assert verb_of(word) == verb


def test_every_command_the_parser_builds_has_one_handler():
    import inspect

    from midoshell import commands
    from midoshell.executor import HANDLERS

    built = {cls for _, cls in inspect.getmembers(commands, inspect.isclass)
             if cls.__module__ == commands.__name__ and cls.__name__.endswith("Command")}
    assert built and set(HANDLERS) == built
