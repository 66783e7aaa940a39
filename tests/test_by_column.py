"""output/bycolumn.py: a block of one type's objects made a field at a time is what the
general path makes of each object, and it is the way taken for plain documents."""

from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell import model
from midoshell.naming import ReferenceNamer, RowMaker, row
from midoshell.objects import Obj
from midoshell.output.bycolumn import column_plan
from midoshell.output.listed import ListedText
from midoshell.output.text import render_row


def namer(aliases=False):
    return ReferenceNamer(aliases=None, cache={}, show_aliases=aliases)


def bridge(n, **fields):
    return Obj(model.object_type("bridge"), {
        "id": f"0b5c030c-e533-4f23-b923-{n:012x}", "name": f"bridge-{n}",
        "adminStateUp": True, "tenantId": None, **fields}, None, None)


def lines_of(objs):
    return "\n".join(render_row(row(o, namer())) for o in objs)


def test_plain_documents_are_made_by_column(monkeypatch):
    texts = ListedText(RowMaker(namer()), write_after=0)
    objs = [bridge(n) for n in range(3)] + [bridge(3, adminStateUp=False)]
    monkeypatch.setattr(texts, "_each", None)  # the object-by-object ways would fail
    monkeypatch.setattr(texts, "text_line", None)
    assert texts.text_block(objs) == lines_of(objs)
    assert texts.text_block(objs).splitlines()[3].endswith("name bridge-3 state down")


def test_the_kinds_of_common_types_are_made_by_column():
    maker = RowMaker(namer())
    for key in ("bridge", "chain", "router", "port-group", "tunnel-zone"):
        assert column_plan(maker.plan(model.object_type(key)), False) is not None, key
    assert column_plan(maker.plan(model.object_type("route")), False) is not None
    assert column_plan(maker.plan(model.object_type("rule")), False) is None  # inverted
    assert column_plan(maker.plan(model.object_type("bridge")), True) is None  # aliases


ODD = st.one_of(st.none(), st.booleans(), st.integers(-2, 10), st.text(max_size=4),
                st.sampled_from(["", "a b", "é", "x\n", '"', "10.0.0.1", "%s", "%%"]))
NAMES = st.one_of(st.sampled_from(["a", "b-2", "x%s", None]), ODD)
WORDS = st.one_of(st.booleans(), st.none(), ODD)
UUIDS = st.one_of(st.sampled_from(["0b5c030c-e533", None]), ODD)


@settings(max_examples=500, deadline=None)
@given(docs=st.lists(st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["b-1", "b-2"]), ODD)},
    optional={"name": NAMES, "adminStateUp": WORDS, "tenantId": NAMES,
              "inboundFilterId": UUIDS, "inboundMirrorIds": st.one_of(
                  st.just([]), st.lists(st.sampled_from(["m-1", "m 2"]), max_size=2), ODD)}),
    min_size=1, max_size=4))
def test_a_block_of_odd_documents_is_what_the_general_path_makes(docs):
    objs = [Obj(model.object_type("bridge"), doc, None, None) for doc in docs]
    assert ListedText(RowMaker(namer()), write_after=0).text_block(objs) == lines_of(objs)


def test_a_value_holding_a_space_is_quoted_as_the_general_path_quotes_it():
    objs = [bridge(1), bridge(2, name="web tier")]
    made = ListedText(RowMaker(namer()), write_after=0).text_block(objs)
    assert made == lines_of(objs) and 'name "web tier"' in made


def test_table_records_and_csv_values_of_plain_documents_are_made_by_column(monkeypatch):
    from midoshell.output.machine import _keys

    objs = [bridge(1), bridge(2, adminStateUp=False, name="")]
    header = _keys(objs[0])
    one_by_one = ListedText(RowMaker(namer()), write_after=0)
    monkeypatch.setattr(one_by_one, "by_column", lambda objs, types=None: None)
    keys, columns = one_by_one.table_maker(None)(objs)
    csv_values = one_by_one.csv_batch(objs, header, None)
    texts = ListedText(RowMaker(namer()), write_after=0)
    monkeypatch.setattr(texts, "_each", None)  # the object-by-object ways would fail
    made_keys, made_columns = texts.table_maker(None)(objs)
    assert (made_keys, list(map(list, made_columns))) == (keys, list(map(list, columns)))
    assert texts.csv_batch(objs, header, None) == csv_values
    assert columns[1] == ("bridge-1", "") and csv_values[1][:4] == [objs[1].id, "", "", "down"]


@settings(max_examples=400, deadline=None)
@given(pairs=st.lists(st.tuples(
    st.one_of(st.sampled_from(["10.0.0.0", "0.0.0.0", ""]), st.none(), st.integers(0, 3)),
    st.one_of(st.sampled_from([0, 16, 24, 32]), st.none(), st.booleans(), st.just("8"))),
    min_size=1, max_size=4))
def test_addresses_with_their_lengths_are_what_the_general_path_makes(pairs):
    objs = [Obj(model.object_type("route"), {
        "id": f"r-{n}", "type": "Normal", "dstNetworkAddr": address,
        "dstNetworkLength": length, "weight": 100}, None, None)
        for n, (address, length) in enumerate(pairs)]
    assert ListedText(RowMaker(namer()), write_after=0).text_block(objs) == lines_of(objs)


def test_a_router_s_routes_are_made_by_column(monkeypatch):
    objs = [Obj(model.object_type("route"), {
        "id": f"r-{n}", "type": "Normal", "srcNetworkAddr": "0.0.0.0", "srcNetworkLength": 0,
        "dstNetworkAddr": "10.0.0.1", "dstNetworkLength": length, "weight": n,
        "learned": False}, None, None) for n, length in enumerate([24, 32])]
    texts = ListedText(RowMaker(namer()), write_after=0)
    monkeypatch.setattr(texts, "_each", None)  # the object-by-object ways would fail
    monkeypatch.setattr(texts, "text_line", None)
    assert texts.text_block(objs) == lines_of(objs)
    assert "dst 10.0.0.1/24 " in texts.text_block(objs[:1])


def test_an_id_sent_empty_is_shown_as_the_general_path_shows_it():
    objs = [bridge(1), Obj(model.object_type("bridge"), {"id": "", "name": "x"}, None, None)]
    assert ListedText(RowMaker(namer()), write_after=0).text_block(objs) == lines_of(objs)


def test_an_enumeration_value_the_model_does_not_know_is_printed_as_sent(monkeypatch):
    objs = [Obj(model.object_type("route"), {"id": "r-1", "type": kind, "weight": 1}, None,
                None) for kind in ("Normal", "Blackhole2")]
    texts = ListedText(RowMaker(namer()), write_after=0)
    monkeypatch.setattr(texts, "_each", None)  # the object-by-object ways would fail
    monkeypatch.setattr(texts, "text_line", None)
    assert texts.text_block(objs) == lines_of(objs)
    assert "type Blackhole2 " in texts.text_block(objs)


def test_a_block_of_two_types_is_not_made_by_one_type_s_columns():
    objs = [bridge(1), Obj(model.object_type("chain"), {"id": "c-1", "name": "c"}, None, None)]
    texts = ListedText(RowMaker(namer()), write_after=0)
    assert texts.by_column(objs) is None
    assert texts.text_block(objs) == lines_of(objs)
    assert texts.text_block(objs).splitlines()[1] == "chain c-1 name c"
