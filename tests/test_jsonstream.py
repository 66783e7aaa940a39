"""midoshell/jsonstream.py: a JSON array decoded from byte chunks, cut anywhere."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell.jsonstream import ArrayItems, NotAList, NotJson, items_of

# Items that make the quick path (decoding up to the last `}, {` at once) guess wrong: the
# gap between two objects written inside strings, nested objects, escapes, non-ASCII text.
TRICKY = [
    {"a": "}, {", "b": "},{\"c\": 1}"},
    {"nested": [{"x": 1}, {"y": {"z": []}}], "t": "{vlanId}/mac_table/{macAddress}"},
    12345, -0.5, "x}y", None, True, False, [], {},
    {"e": "\\\"}", "u": "\u00e9\u202e\U0001f600", "nul": "\x00"},
]


def chunked(data, cuts):
    cuts = sorted(set(c for c in cuts if 0 < c < len(data)))
    bounds = [0, *cuts, len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:])]


@pytest.mark.parametrize("separators", [None, (",", ":"), (" ,\n", " : ")])
def test_every_single_cut_gives_the_same_items(separators):
    data = json.dumps(TRICKY, separators=separators, ensure_ascii=False).encode()
    for cut in range(1, len(data)):
        assert list(items_of(chunked(data, [cut]))) == TRICKY, cut


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet="{}[],: \"\\aé\n"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                 max_size=3),
    max_leaves=8), max_size=8), cuts=st.lists(st.integers(0, 400), max_size=12))
def test_any_array_cut_anywhere_decodes_as_json_loads_does(items, cuts):
    data = json.dumps(items, ensure_ascii=False).encode()
    assert list(items_of(chunked(data, cuts))) == json.loads(data)


def test_items_come_before_the_array_ends():
    decoder = ArrayItems()
    assert decoder.feed(b'[{"a": 1}, {"b"') == [{"a": 1}]
    assert decoder.feed(b': 2}, 3') == [{"b": 2}]
    assert decoder.feed(b"4]") == [34]
    assert decoder.end() == [] and decoder.count == 3


@pytest.mark.parametrize("data", [b"", b"  \n"])
def test_an_empty_answer_has_no_items(data):
    assert list(items_of([data])) == []


@pytest.mark.parametrize("data", [b'{"a": 1}', b'"text"', b"12", b"null"])
def test_json_that_is_not_an_array(data):
    with pytest.raises(NotAList):
        list(items_of(chunked(data, [1])))


@pytest.mark.parametrize("data", [
    b"[1,]", b"[,]", b"[1 2]", b"[1] x", b'[{"a": 1}', b'[{"a":', b"nope", b"[tru",
    b"[1,", b"\xff[]", b'[{"a": "\x01"}]', b"<html>[]</html>",
])
def test_what_is_not_one_well_formed_array_is_refused(data):
    for cut in range(0, len(data)):
        with pytest.raises(NotJson):
            list(items_of(chunked(data, [cut])))


def test_a_bad_item_early_in_a_long_answer_is_refused_without_quadratic_work():
    data = b"[{oops}, " + b", ".join([b'{"name": "x"}'] * 20000) + b"]"
    with pytest.raises(NotJson):
        list(items_of(chunked(data, range(0, len(data), 1000))))
