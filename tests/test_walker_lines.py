"""Every documented line through the one walker, both ways: parsed whole, it gives the command
it always gave; typed a character at a time, every prefix offers the line's next word.

The lines are the ones midonet-cli's reference, the install guides, the man page examples
and the test topologies document (tests/test_reference_lines.py, tests/topologies.py,
midoshell.help).  The session is filled by hand with the objects the lines name, so the
completer (which never makes a request) has the aliases to offer.  The commands are checked
against walker_commands.json, written by the interpreter before the walker was shared with
completion (see summary() for what is compared).
"""

import json
import os

import pytest

from midoshell import commands as c
from midoshell import help as helptext
from midoshell import model
from midoshell.aliases import alias_number, alias_prefix, is_alias_chain
from midoshell.interactive.completer import MidoCompleter
from midoshell.interactive.suggest import PIECES, Keywords, References, Values
from midoshell.parsing import parse, verb_of
from midoshell.resolver import Obj
from midoshell.session import Session

import test_reference_lines
import topologies

GOLDEN = os.path.join(os.path.dirname(__file__), "walker_commands.json")


def documented_lines():
    lines = list(test_reference_lines.LINES)
    for script in (topologies.GUIDES, topologies.EVERY_TYPE):
        lines += [line for line in script.splitlines() if line.strip()]
    for _, _, examples in helptext.VERBS.values():
        lines += examples
    return list(dict.fromkeys(lines))


LINES = documented_lines()


# -- the commands ---------------------------------------------------------------------------

def summary(command):
    """What a Command means, as plain text: its type, its objects, fields and values."""
    parts = [type(command).__name__]
    for name, value in vars(command).items():
        parts.append(f"{name}={_plain(value)}")
    return " ".join(parts)


def _plain(value):
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_plain(v) for v in value) + ")"
    if isinstance(value, c.Step):
        return (f"{value.link.name}:{value.type_key}:{value.ref.text if value.ref else ''}"
                f"{_plain(value.filters) if value.filters else ''}")
    if isinstance(value, c.Pair):
        return f"{value.attr.name}={'!' if value.inverted else ''}{_plain(value.value)}"
    if isinstance(value, c.RefValue):
        return f"ref({value.text}{'; ' + _plain(value.path) if value.path else ''})"
    if isinstance(value, c.Word):
        return f"{value.text}@{value.column}{'q' if value.quoted else ''}"
    if isinstance(value, model.Attr):
        return value.name
    if hasattr(value, "collection_key"):  # a model Root
        return f"root:{value.name}"
    return repr(value)


def test_every_documented_line_is_in_the_golden_file():
    with open(GOLDEN, encoding="utf-8") as stream:
        golden = json.load(stream)
    assert sorted(golden) == sorted(LINES)


@pytest.mark.parametrize("line", LINES)
def test_the_line_parses_to_the_command_it_always_did(line):
    with open(GOLDEN, encoding="utf-8") as stream:
        golden = json.load(stream)
    assert summary(parse(line)) == golden[line]


# -- the session the lines name ---------------------------------------------------------------

class NoNetwork:
    url = "http://127.0.0.1:9/midonet-api"
    username = None

    def __getattr__(self, name):
        raise AssertionError(f"the completer used the API client ({name})")


class World:
    """A session holding, for each alias a line names, that object and the ones numbered
    before it, as a listing would have named them."""

    def __init__(self):
        self.session = Session(NoNetwork())
        self.count = 0

    def ensure(self, parent, link, alias):
        """The object `alias` names in `link` under `parent`, made (with its elders) if new."""
        parent_id = parent.id if parent is not None else None
        ns = self.session.aliases.namespace(parent_id)
        prefix = model.object_type(link.type).prefix
        while ns.lookup(alias) is None:
            self.count += 1
            doc = {"id": f"00000000-0000-4000-8000-{self.count:012d}"}
            doc.update(getattr(link, "template", None) or {})
            obj = Obj(model.concrete_type(link.type, doc), doc, parent, link)
            ns.assign(prefix, obj.id)
            self.session.cache[obj.id] = obj
        self.session.aliases.mark_listed(parent_id, link.name)
        return self.session.cache[ns.lookup(alias)]

    def path(self, steps):
        parent = None
        for step in steps:
            if step.ref is not None and alias_prefix(step.ref.text) is not None:
                parent = self.ensure(parent, step.link, step.ref.text)
            elif step.filters:
                parent = self.filtered(parent, step)
            else:
                return
            self.values(step.filters)

    def filtered(self, parent, step):
        obj = self.ensure(parent, step.link, model.object_type(step.type_key).prefix + "0")
        for pair in step.filters:
            if not pair.attr.kind.is_reference:
                pair.attr.write(obj.doc, pair.value)
        return obj

    def values(self, pairs):
        for pair in pairs:
            if not pair.attr.kind.is_reference:
                continue
            if pair.value.path:
                self.path(pair.value.path)
            for item in pair.value.text.split(","):
                self.reference(item.lstrip("!"), pair.attr.kind.target)

    def reference(self, text, target):
        if not is_alias_chain(text):
            return
        parent = None
        for part in text.split(":"):
            links = model.ROOTS if parent is None else parent.type.children
            prefix = alias_prefix(part)
            wanted = {t.key for t in model.element_types(target)} if ":" not in text else None
            link = next(l for l in links if model.object_type(l.type).prefix == prefix
                        and (wanted is None or {t.key for t in model.element_types(l.type)}
                             & wanted))
            parent = self.ensure(parent, link, part)


def world():
    w = World()
    for line in LINES:
        command = parse(line)
        for name in ("path", "assignments", "filters"):
            value = getattr(command, name, None) or []
            if name == "path":
                w.path(value)
            else:
                w.values([p for p in value if isinstance(p, c.Pair)])
        target = getattr(command, "target", None)
        if target is not None:
            w.values(target.filters)
    return w


@pytest.fixture(scope="module")
def completer():
    return MidoCompleter(world().session)


# -- every prefix offers the next word --------------------------------------------------------

def words_of(line):
    """(start, word) of each word as the shell splits the line."""
    return [(m.start(), m.group()) for m in PIECES.finditer(line) if not m.group().isspace()]


def offers(completer, text, word, field):
    """Whether the completer, given `text`, offers `word`: as a candidate; or, for a verb's
    abbreviation, its full spelling; or, for a value typed freely (a name, an address, an
    object path), by wanting a value of `field`, the field just named."""
    suggestion, ranked, _ = completer.candidates(text)
    if word in {inserted for _, inserted in ranked} | {cand.text for cand, _ in ranked}:
        return True
    verb = verb_of(word)
    if verb is not None and any(isinstance(w, Keywords) and any(
            verb_of(k) == verb for k in w.words) for w in suggestion.wants):
        return True
    return field is not None and any(
        isinstance(w, (Values, References)) and w.attr.name == field for w in suggestion.wants)


# Where the menu deliberately offers less than the interpreter accepts (each one guarded by
# tests/test_completion.py or tests/test_suggest.py): (line's text before the word, word).
MENU_CHOICES = {
    # `list COLLECTION ` offers filters: a collection's objects (thousands) would bury them
    ("list router ", "router0"),
    # before the verb, an object is followed by collections and verbs, not by midonet-cli's
    # `OBJECT FIELD show` order
    ("router router0 ", "name"), ("system-state ", "state"),
    # `address`, `net`: legacy spellings read from old scripts, never offered
    ("router router0 add port ", "address"),
    ("router router0 add port address 172.19.0.2 ", "net"),
}


def menu_choice(line, start, word):
    """Also deliberate: alias chains are offered once a digit or colon is typed (a line's
    first Tab lists collections, not every alias); a tenant id after `sett` and the seconds
    after `wait-until … timeout` are free text."""
    before = line[:start]
    if is_alias_chain(word) and ":" in word and before.split() in ([], ["show"]):
        return True
    last = before.split()[-1:]
    free = last == ["sett"] or last == ["timeout"] and line.startswith("wait-until")
    return free or (before, word) in MENU_CHOICES


@pytest.mark.parametrize("line", LINES)
def test_every_prefix_offers_the_next_word(completer, line):
    words = words_of(line)
    for index, (start, word) in enumerate(words):
        if menu_choice(line, start, word):
            continue
        field = words[index - 1][1] if index else None  # whose value the word may be
        for end in range(start, start + len(word)):
            assert offers(completer, line[:end], word, field), (line[:end], word)


def test_the_menu_choices_are_still_needed(completer):
    """Each exception above is one: the word is not offered there."""
    for before, word in MENU_CHOICES:
        assert not offers(completer, before, word, None), (before, word)


# -- the case the two walkers disagreed on --------------------------------------------------

def test_a_device_s_fields_follow_a_port_s_device(completer):
    got = [text for _, text in completer.candidates("bridge0:port0 show device ")[1]]
    assert {"name", "state", "infilter"} <= set(got)
    assert summary(parse("bridge0:port0 show device name")).startswith("ShowCommand")


def test_nothing_follows_a_list_field(completer):
    assert completer.candidates("bridge0:port0 show in-mirrors ")[1] == []
    with pytest.raises(Exception, match="a list, it has no fields"):
        parse("bridge0:port0 show in-mirrors name")


def test_alias_numbers_are_read_one_way():
    assert alias_number("port12", "port") == 12 and alias_number("port12", "pool") is None


# -- one dispatch from the parse tree -----------------------------------------------------------

def test_every_rule_of_the_grammar_has_its_handler():
    """The parser builds commands in one place (parsing._Commands), a handler per grammar
    rule; a rule without one would leave a parse tree where a command belongs.  Rules that
    only pass their one child on (`?command`) need none."""
    from midoshell.parsing import _Commands
    from midoshell.lark_grammar import tables_parser

    rules = {(data, passes_child_on) for data, _, _, passes_child_on, _ in tables_parser().rules}
    missing = {data for data, passes_child_on in rules
               if not passes_child_on and not hasattr(_Commands, data)}
    assert len(rules) > 20 and missing == set()
