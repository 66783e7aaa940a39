"""What kind of word may come next: the grammar's part and the model's part (pure, no session)."""

import pytest

from midoshell import model
from midoshell.interactive.suggest import (
    Chains, Collections, Fields, Keywords, Objects, References, Values, command_words,
    partial_start, suggest,
)


def kinds(text):
    return [type(w).__name__ for w in suggest(text).wants]


@pytest.mark.parametrize("text,partial", [
    ("", ""), ("router", "router"), ("router ", ""), ("router rou", "rou"),
    ('create router name "my r', '"my r'), ("set name 'a b' x", "x"),
    ('router name "a b"', '"a b"'), ("router  \t", ""),
])
def test_the_word_being_typed(text, partial):
    assert suggest(text).partial == partial
    assert text[partial_start(text):] == partial


@pytest.mark.parametrize("text,expected", [
    ("", ["Keywords", "Collections", "Chains"]),
    ("router ", ["Objects", "Fields", "Keywords"]),
    ("router r", ["Objects", "Fields", "Keywords"]),  # not the words after a name
    ("router router0 ", ["Collections", "Keywords"]),
    ("router router0 port ", ["Objects", "Fields", "Keywords"]),
    ("list ", ["Collections", "Chains"]),
    ("list router ", ["Fields"]),
    ("create router ", ["Fields"]),
    ("router router0 set ", ["Fields", "Collections"]),
    ("router router0 set state ", ["Values"]),
    ("router router0 set infilter ", ["References"]),
    ("router name ", ["Values"]),  # a verb here would leave `name` without a value
    ("debug ", ["Keywords"]),
    ("help ", ["Keywords", "Collections"]),
    ("cleart ", []),
    ("sett ", []),
    ("cleart x ", []),  # the words so far do not parse: nothing to offer
    ("frobnicate ", ["Keywords"]),
    ('router name "x', ["Values"]),
])
def test_kinds_of_word(text, expected):
    assert kinds(text) == expected


def test_keywords_are_read_from_the_grammar_in_full():
    words = set(command_words())
    assert {"list", "show", "create", "add", "delete", "set", "clear", "describe", "help",
            "sett", "cleart", "debug", "exit", "quit", "refresh", "export", "wait-until"} == words
    assert suggest("debug ").wants == (Keywords(("off", "on")),)


def test_the_scope_of_objects_is_the_path_typed():
    (objects, fields, _) = suggest("router router0 port ").wants
    assert objects.link.name == "port" and objects.link.type == "router-port"
    assert [s.key for s in objects.scope] == [("router", "router0", ())]
    assert fields == Fields("router-port", "filter")


def test_an_alias_chain_starts_a_path():
    (objects, _) = suggest("bridge0:port0 set peer router router0 port ").wants
    assert [s.key for s in objects.scope] == [("router", "router0", ())]
    (fields, _) = suggest("bridge0:port0 ").wants[:2]
    assert fields == Collections("bridge-port")


def test_filters_select_the_parent():
    (objects, *_) = suggest("router name r1 port ").wants
    assert [s.key for s in objects.scope] == [("router", None, (("name", "r1"),))]


def test_a_run_of_filters_ends_at_the_verb():
    (value,) = suggest("router name r1 set name ").wants
    assert isinstance(value, Values) and value.attr.name == "name" and value.link is None
    fields, collections, _ = suggest("list router name r1 ").wants[:2] + (None,)
    assert fields == Fields("router", "filter", frozenset({"name"}))
    assert collections == Collections("router")


def test_references_look_in_the_commands_objects():
    (refs,) = suggest("tunnel-zone tzone0 add member host ").wants
    assert isinstance(refs, References) and refs.attr.kind.target == "host"
    assert [s.key for s in refs.scope] == [("tunnel-zone", "tzone0", ())]


def test_create_offers_fields_that_may_be_given_and_creatable_collections():
    assert suggest("tunnel-zone tzone0 add member host host0 ").wants[:2] == (
        Fields("tunnel-zone-member", "create", frozenset({"host"})),
        Collections("tunnel-zone-member", creatable=True))


def test_show_follows_references_to_their_targets():
    assert suggest("router router0 show infilter ").wants == (Fields("chain", "show"),)


def test_the_model_decides_collections_not_the_grammar():
    for root in model.ROOTS:
        assert Collections(None) in suggest("list ").wants
        assert isinstance(suggest(f"{root.name} ").wants[0], (Objects, Collections))
    assert Chains() in suggest("").wants
