"""The table-driven parser (midoshell.lalr) against lark's own parser of the same grammar:
the same tree, or the same error at the same place with the same expected terminals, on
every input; and the JSON table cache: keyed by the grammar, never trusted from a directory
others could write to, rebuilt when damaged."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from midoshell import cachefiles, lalr, lark_grammar

LARK = lark_grammar.parser()
OURS = lalr.Parser(lark_grammar.generate_tables(lark_grammar.grammar_text()))  # no cache: see below
KEYWORDS = sorted(t.pattern.value for t in LARK.terminals if t.pattern.type == "str")


def canonical(node):
    if hasattr(node, "children"):
        return (str(node.data), [canonical(child) for child in node.children])
    return ("token", node.type, str(node.value), node.start_pos, node.line, node.column)


def outcome(parser, text):
    """A parser's answer in a form both parsers share: the tree, or the error's kind, place,
    expected terminals and (for an unexpected token) the token."""
    try:
        return ("tree", canonical(parser.parse(text)))
    except Exception as error:  # noqa: BLE001 - compared below, kind included
        expected = getattr(error, "expected", None) or getattr(error, "allowed", None)
        token = getattr(error, "token", None)
        return (type(error).__name__, error.pos_in_stream, error.line, error.column,
                sorted(expected or ()), canonical(token) if token is not None else None)


def same(text):
    ours, theirs = outcome(OURS, text), outcome(LARK, text)
    assert ours == theirs, text
    return ours


FRAGMENTS = KEYWORDS + [
    "router", "router0", "bridge0:port1", "name", "x", "on", "off", "#", "# note", "?",
    '"a b"', "'c d'", '"esc \\" q"', '"', "'", '"open', "'open", "\\", "!", "=", ",",
    "12", "10.0.0.1/24", "ünï", "\u00a0", "\x00", "set-x", "listing", "l1", "-",
]
SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "", " \n "])
LINES = st.lists(st.tuples(st.sampled_from(FRAGMENTS), SPACES), max_size=9).map(
    lambda parts: "".join(word + gap for word, gap in parts))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_same_answer_on_lines_made_of_the_languages_words(text):
    same(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_same_answer_on_any_text(text):
    same(text)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(KEYWORDS + ["list host", "router r0 list port", "help"]), st.text(
    alphabet=" \t\n\"'#?abl!\\", max_size=12))
def test_same_answer_on_valid_lines_with_noise_after(line, tail):
    same(line + tail)


@pytest.mark.parametrize("text", [
    "", " ", "list host", "router router0 port list", "# comment", "  # indented", "help",
    "help list router", "? router", "sett x", "sett 'a b'", "cleart", "debug on", "debug off",
    "debug maybe", "exit", "quit now", "refresh", "list", "router", "list \"x", "list 'x",
    "l\nhost", "create router name \"r 1\" tenant-id t", "set set set", "router list list",
    "delete router r0", "desc", "descr router", "\n\nlist\n", "li st", "list ?", "#", "\"\"",
])
def test_same_answer_on_chosen_lines(text):
    same(text)


def test_both_parse_and_both_fail():
    """The comparison is not empty: some lines give trees, others each kind of error."""
    kinds = {same(t)[0] for t in ("list host", "router", "list \"x", "debug maybe", "sett")}
    assert kinds == {"tree", "UnexpectedToken", "UnexpectedCharacters"}


def test_terminals_are_lark_s():
    assert [(t.name, t.is_literal, t.value) for t in OURS.terminals] == \
        [(t.name, t.pattern.type == "str", t.pattern.value) for t in LARK.terminals]


def test_a_long_line_needs_no_deep_recursion():
    from midoshell.parsing import parse

    command = parse("help " + "x " * 5000)
    assert len(command.topic) == 5000


# -- the table cache -------------------------------------------------------------------------
def cached_files():
    folder = cachefiles.cache_dir()
    return sorted(n for n in os.listdir(folder) if n.startswith("grammar-"))


def test_tables_are_cached_as_json_and_read_back():
    made = lark_grammar.tables()
    (name,) = cached_files()
    with open(os.path.join(cachefiles.cache_dir(), name)) as stream:
        assert json.load(stream) == made
    assert lark_grammar.tables() == made


def test_a_changed_grammar_gets_its_own_tables():
    text = lark_grammar.grammar_text()
    changed = text.replace('refresh_command: "refresh"', 'refresh_command: "refresh" | "reload"')
    assert changed != text
    lark_grammar.tables(text)
    new = lalr.Parser(lark_grammar.tables(changed))
    assert len(cached_files()) == 2
    assert canonical(new.parse("reload")) == ("start", [("refresh_command", [])])
    with pytest.raises(lalr.UnexpectedInput):
        lalr.Parser(lark_grammar.tables(text)).parse("reload")


def test_damaged_tables_are_made_again(monkeypatch):
    lark_grammar.tables()
    (name,) = cached_files()
    path = os.path.join(cachefiles.cache_dir(), name)
    real = lark_grammar.generate_tables
    for damage in ("{not json", json.dumps({"generator": 1, "states": "x"}), "[]"):
        with open(path, "w") as stream:
            stream.write(damage)
        made = []
        monkeypatch.setattr(lark_grammar, "generate_tables", lambda text: made.append(1) or real(text))
        assert lalr.Parser(lark_grammar.tables()).parse("list host") is not None
        assert made == [1]
        with open(path) as stream:
            assert json.load(stream)["states"]


def test_a_cache_directory_others_can_write_is_neither_read_nor_written(monkeypatch):
    folder = cachefiles.cache_dir()
    planted = {"generator": 1}
    os.chmod(folder, 0o777)
    assert cachefiles.cache_dir() is None
    assert cachefiles.read_json(folder, "x.json") is None
    generated = []
    real = lark_grammar.generate_tables
    monkeypatch.setattr(lark_grammar, "generate_tables", lambda text: generated.append(1) or real(text))
    assert lark_grammar.tables()["states"]
    assert generated == [1] and cached_files() == []
    os.chmod(folder, 0o700)
    cachefiles.write_json(folder, "x.json", planted)
    assert cachefiles.read_json(folder, "x.json") == planted
    os.chmod(os.path.join(folder, "x.json"), 0o666)
    assert cachefiles.read_json(folder, "x.json") is None


def test_a_cache_directory_of_another_user_is_not_used(monkeypatch):
    folder = cachefiles.cache_dir()
    cachefiles.write_json(folder, "x.json", [1])
    monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)
    assert cachefiles.cache_dir() is None
    assert cachefiles.read_json(folder, "x.json") is None


def test_no_pickle_is_written_to_the_cache_and_old_ones_are_removed():
    old = os.path.join(cachefiles.cache_dir(), "grammar-0123456789abcdef.lark-cache")
    with open(old, "wb") as stream:
        stream.write(b"a pickle of an earlier version")
    lark_grammar.tables()
    assert not os.path.exists(old)
    lark_grammar.parser.cache_clear()
    try:
        lark_grammar.parser().parse("list host")
    finally:
        lark_grammar.parser.cache_clear()
    names = os.listdir(cachefiles.cache_dir())
    assert names and all(n.endswith(".json") for n in names)
