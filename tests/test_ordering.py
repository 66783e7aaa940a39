"""ordering.root_ordered: top-level objects by name (numbers as numbers), then by their own
values, then id; objects equal in all three keep their order."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell import model
from midoshell.model.identity import content_key
from midoshell.objects import Obj
from midoshell.ordering import _plain_keys, natural_key, natural_keys, root_ordered

NAMES = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(
    ["", "a", "a2", "a10", "b", "x-1", "x-01", "²"]))


def expected_order(objs):
    return sorted(objs, key=lambda o: (natural_key(o.doc.get("name")),
                                       content_key(o.type, o.doc), str(o.id or "")))


@settings(max_examples=300, deadline=None)
@given(docs=st.lists(st.fixed_dictionaries({
    "name": NAMES, "id": st.sampled_from(["1", "2", "3", None]),
    "adminStateUp": st.booleans(), "tunnelKey": st.integers(0, 2)}), max_size=12))
def test_objects_are_ordered_by_name_then_values_then_id(docs):
    bridge = model.object_type("bridge")
    objs = [Obj(bridge, doc, None, None) for doc in docs]
    assert [id(o) for o in root_ordered(list(objs))] == [id(o) for o in expected_order(objs)]


def test_nameless_ports_are_ordered_by_their_values():
    port = model.TYPES["bridge-port"]
    objs = [Obj(port, {"id": i, "type": "Bridge", "vlanId": vlan}, None, None)
            for i, vlan in (("c", 2), ("b", 1), ("a", 2))]
    assert [o.id for o in root_ordered(objs)] == ["b", "a", "c"]


def tagged_key(text):
    """Numbers in names compared as numbers, written the long way: every part tagged as a
    number or a text (what natural_key must order as)."""
    import re

    text = text if isinstance(text, str) else ""
    return [(0, int(part), "") if part.isdecimal() else (1, 0, part)
            for part in re.split(r"(\d+)", text)]


@settings(max_examples=500, deadline=None)
@given(names=st.lists(st.one_of(st.none(), st.integers(), st.text(
    alphabet=st.sampled_from("ab-_ 0123456789²٣߀"), max_size=8)), max_size=10))
def test_names_are_ordered_as_tagged_numbers_and_texts_would_be(names):
    pairs = [(natural_key(a) < natural_key(b), natural_key(a) == natural_key(b))
             for a in names for b in names]
    assert pairs == [(tagged_key(a) < tagged_key(b), tagged_key(a) == tagged_key(b))
                     for a in names for b in names]


PLAIN_NAMES = st.text(alphabet=st.sampled_from("ab-_ 0123456789٣"), max_size=6)


@settings(max_examples=500, deadline=None)
@given(names=st.lists(PLAIN_NAMES, min_size=1, max_size=10))
def test_names_keyed_the_quick_way_order_and_tie_as_natural_keys(names):
    quick = _plain_keys(names)
    if quick is None:  # a digit inside a name: only the general keys apply
        assert any(re.search(r"\d", name.rstrip("0123456789")) for name in names)
        return
    slow = natural_keys(names)
    assert [(a < b, a == b) for a in quick for b in quick] == \
        [(a < b, a == b) for a in slow for b in slow]


def test_names_with_a_number_at_the_end_are_keyed_the_quick_way():
    assert _plain_keys(["b-10", "b-9", "a", "b-09", "b-"]) is not None
    assert _plain_keys(["b-10", "b2b"]) is None
    assert _plain_keys(["b-10", None]) is None


@settings(max_examples=300, deadline=None)
@given(docs=st.lists(st.fixed_dictionaries({
    "name": PLAIN_NAMES, "id": st.sampled_from(["1", "2", "3", None]),
    "adminStateUp": st.booleans()}), max_size=12))
def test_objects_with_plain_names_are_ordered_as_the_written_out_key_orders(docs):
    bridge = model.object_type("bridge")
    objs = [Obj(bridge, doc, None, None) for doc in docs]
    assert [id(o) for o in root_ordered(list(objs))] == [id(o) for o in expected_order(objs)]


@settings(max_examples=500, deadline=None)
@given(text=st.sampled_from(["chain-", "", "web1-", "b", "٣-"]),
       numbers=st.lists(st.one_of(st.just(""), st.integers(0, 10**6).map(str),
                                  st.sampled_from(["007", "0", "00", "²", "1.5"])),
                        min_size=1, max_size=12))
def test_names_of_one_text_and_a_number_are_put_in_natural_order(text, numbers):
    from midoshell.ordering import _numbered_order

    names = [text + number for number in numbers]
    order = _numbered_order(names)
    if order is None:  # a tie, a leading zero, a number that is not plain digits
        assert len(set(names)) < len(names) or any(
            n.startswith("0") and n != "0" or not (n.isascii() and n.isdigit() or n == "")
            for n in numbers)
        return
    assert [names[i] for i in order] == sorted(names, key=natural_key)


def test_a_listing_of_numbered_names_is_ordered_by_two_sorts():
    from midoshell.ordering import _numbered_order

    names = [f"chain-{n}" for n in (10, 9, 100, 0)] + ["chain-"]
    assert [names[i] for i in _numbered_order(names)] == \
        ["chain-", "chain-0", "chain-9", "chain-10", "chain-100"]
    assert _numbered_order(["a-1", "b-2"]) is None  # two texts: natural_keys
    assert _numbered_order(["b8", "b007"]) is None  # 007 is 7, yet longer than 8
