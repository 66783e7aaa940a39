"""Highlighting: which words are keywords, names, aliases, values and errors."""

import pytest
from pygments.token import Error, Keyword, Name, String

from midoshell.interactive.lexer import MidoLexer, classify


def kinds(text):
    return [(piece, kind) for _, kind, piece in classify(text) if kind != "space"]


@pytest.mark.parametrize("text,expected", [
    ("router router0 list port", [("router", "collection"), ("router0", "alias"),
                                  ("list", "verb"), ("port", "collection")]),
    ("set name list", [("set", "verb"), ("name", "field"), ("list", "word")]),
    ("l router", [("l", "verb"), ("router", "collection")]),
    ("bridge0:port0 set peer router0:port1", [
        ("bridge0:port0", "alias"), ("set", "verb"), ("peer", "field"),
        ("router0:port1", "alias")]),
    ("show router 3f1c4d2e-0f0a-4b8c-9d7e-6f5a4b3c2d1e", [
        ("show", "verb"), ("router", "collection"),
        ("3f1c4d2e-0f0a-4b8c-9d7e-6f5a4b3c2d1e", "uuid")]),
    ("create router name 'a b' asn 64512", [
        ("create", "verb"), ("router", "collection"), ("name", "field"), ("'a b'", "string"),
        ("asn", "field"), ("64512", "number")]),
    ("x set src !10.0.0.0/8 dst 2001:db8::/32 hw-src 02:00:00:00:00:01 gw 192.0.2.1", [
        ("x", "word"), ("set", "verb"), ("src", "field"), ("!10.0.0.0/8", "address"),
        ("dst", "field"), ("2001:db8::/32", "address"), ("hw-src", "field"),
        ("02:00:00:00:00:01", "address"), ("gw", "field"), ("192.0.2.1", "address")]),
    ("help router", [("help", "command"), ("router", "collection")]),
    ("debug maybe", [("debug", "command"), ("maybe", "error")]),
    ("cleart now", [("cleart", "command"), ("now", "error")]),
    ('router name "unfinished', [("router", "collection"), ("name", "field"),
                                 ('"unfinished', "error")]),
    ("# a comment list", [("# a comment list", "comment")]),
])
def test_classify(text, expected):
    assert kinds(text) == expected


def test_every_character_is_covered():
    text = '  router  router0\tset name "a b"  '
    pieces = classify(text)
    assert "".join(p for _, _, p in pieces) == text
    assert [s for s, _, _ in pieces] == sorted(s for s, _, _ in pieces)


def test_pygments_tokens():
    tokens = list(MidoLexer(ensurenl=False).get_tokens('router router0 set name "x" bad"'))
    kinds_ = {value: token for token, value in tokens if value.strip()}
    assert kinds_["router"] is Name.Class
    assert kinds_["router0"] is Name.Variable
    assert kinds_["set"] is Keyword
    assert kinds_['"x"'] is String
    assert kinds_['"'] is Error


def test_a_uuid_prefix_is_coloured_as_an_id_and_a_number_stays_a_number():
    assert kinds("show 3f2a9c01 name") == [("show", "verb"), ("3f2a9c01", "uuid"),
                                          ("name", "field")]
    assert ("4294967295", "number") in kinds("router router0 set asn 4294967295")
