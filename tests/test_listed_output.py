"""output/listed.py's one-pass texts of listed objects are the general path's, byte for byte:
text lines, csv values and records, json records, for every type and odd documents."""

from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell import model
from midoshell.naming import ReferenceNamer, RowMaker, row
from midoshell.objects import Obj
from midoshell.output import RenderOptions
from midoshell.output.listed import ListedText
from midoshell.output.machine import CsvLines, FORMULA_START, _keys, record, typed
from midoshell.output.text import render_row
from test_row_maker import keys_of

ODD_TEXT = st.one_of(st.text(max_size=5), st.sampled_from(
    ["", "a b", '"', "'", "\\", "\\x1b", "\x1b[2J", "=1+1", "-1", "@x", "\r\n", "a\nb", "é",
     "\u202e", "\ud800", "10.0.0.0", "0b5c030c-e533-4f23-b923-a6fd5f4582ff", " x", "x ",
     "\xa0x", "x\u3000"]))
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 70000), st.floats(),
                   ODD_TEXT, st.sampled_from(["up", "accept", "Normal", "ingress"]),
                   st.lists(st.one_of(st.none(), ODD_TEXT, st.integers()), max_size=2),
                   st.dictionaries(st.sampled_from(["start", "end", "x"]), st.integers(0, 9)))

# values of the shapes the model expects, most of the time: so that the one-pass path (which
# hands a document of odd values to the general path) is the one compared
PLAIN = st.one_of(st.none(), st.booleans(), st.integers(0, 40), st.sampled_from(
    ["10.0.0.0", "a", "0b5c030c-e533-4f23-b923-a6fd5f4582ff", "Normal", "accept"]))
SOMETIMES_ODD = st.one_of(PLAIN, PLAIN, PLAIN, VALUES)


def listed_object(key, data):
    object_type = model.TYPES[key]
    values = data.draw(st.sampled_from([PLAIN, SOMETIMES_ODD]))
    doc = {k: data.draw(values) for k in keys_of(object_type) if data.draw(st.booleans())}
    if object_type.has_id and data.draw(st.integers(0, 9)):
        doc["id"] = data.draw(st.one_of(st.just("0b5c030c-e533-4f23-b923-a6fd5f4582ff"),
                                        VALUES))
    return Obj(object_type, doc, None, None)


def namer():
    return ReferenceNamer(aliases=None, cache={}, show_aliases=False)


@settings(max_examples=500, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_a_text_line_is_render_row_of_the_row(key, data):
    obj, names = listed_object(key, data), namer()
    expected = render_row(row(obj, names, with_prefix=obj.type.has_id))
    assert ListedText(RowMaker(names), write_after=0).text_line(obj) == expected


@settings(max_examples=500, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_csv_values_are_those_of_the_record(key, data):
    obj, names = listed_object(key, data), namer()
    header = _keys(obj)
    got = record(row(obj, names, with_prefix=obj.type.has_id))
    expected = ["" if got.get(name) is None else got.get(name) for name in header]
    texts = ListedText(RowMaker(names), write_after=0)
    assert texts.csv_maker(header, lambda _: expected)(obj) == expected
    other = header + ["x"]  # records of other keys go the general way
    assert texts.csv_maker(other, lambda _: "general")(obj) == "general"


def test_plain_csv_values_are_made_without_the_general_way():
    names = namer()
    obj = Obj(model.object_type("bridge"), {"id": "b1", "name": "a b", "adminStateUp": True},
              None, None)
    values = ListedText(RowMaker(names), write_after=0).csv_maker(_keys(obj), None)(obj)
    assert values[:2] == ["b1", ""] and "a b" in values and "up" in values


@settings(max_examples=500, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_json_records_are_those_of_the_row(key, data):
    obj, names = listed_object(key, data), namer()
    expected = typed(RowMaker(names)(obj))
    assert ListedText(RowMaker(names), write_after=0).typed_maker(None)(obj) == expected
    assert ListedText(RowMaker(names), write_after=0).typed_maker(["name", "id", "x"])(obj) == \
        typed(RowMaker(names)(obj), ["name", "id", "x"])


@settings(max_examples=300, deadline=None)
@given(records=st.lists(st.lists(ODD_TEXT, min_size=1, max_size=4), max_size=6),
       terminal=st.booleans())
def test_csv_records_written_at_once_are_those_written_one_by_one(records, terminal):
    options = RenderOptions(format="csv", terminal=terminal)
    assert CsvLines(options).batch(records) == CsvLines(options).records(records)


def test_the_common_csv_batch_is_written_at_once():
    """The batch path is taken for plain values (else the test above proves nothing)."""
    lines = CsvLines(RenderOptions(format="csv"))
    lines.records = None  # the one-by-one path would fail
    assert lines.batch([["a", "b c", 'd"e'], ["é", "", "1"]]) == ['a,b c,"d""e"', "é,,1"]
    assert FORMULA_START[0] == "="


def test_cells_csv_would_not_quote_are_joined_without_it():
    lines = CsvLines(RenderOptions(format="csv"))
    lines.records = lines.writer = None  # neither csv's writer nor the one-by-one path
    assert lines.batch([["a", "b c", ""], ["é", "", "1"]]) == ["a,b c,", "é,,1"]


def test_a_plain_line_is_made_in_one_pass(monkeypatch):
    """A rule of plain values (inverted conditions, an address pair) takes the one-pass
    path (else the tests above compare the general path with itself)."""
    import midoshell.output.listed as listed

    monkeypatch.setattr(listed, "render_row", None)
    doc = {"id": "r1", "type": "accept", "nwSrcAddress": "10.0.0.0", "nwSrcLength": 8,
           "invNwSrc": True, "nwProto": 6, "invNwProto": False, "condInvert": False}
    line = ListedText(RowMaker(namer()), write_after=0).text_line(Obj(model.object_type("rule"), doc, None,
                                                       None))
    assert line.startswith("rule r1 ") and " src !10.0.0.0/8 " in line and " proto 6" in line


@settings(max_examples=300, deadline=None)
@given(keys=st.lists(st.sampled_from(sorted(model.TYPES)), min_size=1, max_size=2,
                     unique=True),
       fmt=st.sampled_from(["text", "table", "json", "csv"]), pretty=st.booleans(),
       terminal=st.booleans(), data=st.data())
def test_a_listing_renders_as_its_rows_do(keys, fmt, pretty, terminal, data):
    """Every format of a listing (one-pass, in batches) is what the same rows made one by
    one give, in one type's listing and in a listing of mixed types."""
    from midoshell.output import render
    from midoshell.results import Rows, RowStream

    objs = [listed_object(data.draw(st.sampled_from(keys)), data)
            for _ in range(data.draw(st.integers(0, 5)))]
    names = namer()
    options = RenderOptions(format=fmt, pretty=pretty, terminal=terminal,
                            width=data.draw(st.sampled_from([None, 30, 300])))
    import unittest.mock

    import midoshell.output.listed as listed

    types = [model.TYPES[k] for k in keys]
    general = [RowMaker(names)(obj) for obj in objs]
    with unittest.mock.patch.object(listed, "WRITE_AFTER", 0), \
            unittest.mock.patch.object(listed, "BLOCK", data.draw(st.integers(1, 3))):
        # the written code at once, and blocks that differ (a column empty in one only)
        assert render(Rows(RowStream(objs, RowMaker(names), types)), options) == \
            render(Rows(general), options)
    if fmt == "json":  # and a JSON listing is the one document json.dumps writes
        import json

        from midoshell.output.safe import json_text

        document = json.dumps([typed(r) for r in general], indent=2 if pretty else None,
                              ensure_ascii=False)
        assert render(Rows(RowStream(objs, RowMaker(names), types)), options) == \
            [json_text(document)]


def test_a_csv_record_holding_a_line_break_stays_one_record():
    """A block of csv records is printed as one piece only when none holds a line break:
    render() (and a reader) must still get one element per record."""
    from midoshell.output import render
    from midoshell.results import Rows, RowStream

    bridge = model.object_type("bridge")
    objs = [Obj(bridge, {"id": "b1", "name": "a\nb"}, None, None),
            Obj(bridge, {"id": "b2", "name": "plain"}, None, None)]
    options = RenderOptions(format="csv")
    lines = render(Rows(RowStream(objs, RowMaker(namer()), [bridge])), options)
    assert len(lines) == 3 and lines[1].startswith('b1,,"a\nb"')
    assert lines == render(Rows([RowMaker(namer())(o) for o in objs]), options)


def test_a_table_cell_tabulate_would_strip_is_laid_out_by_tabulate():
    """A cell beginning with a space other than ASCII's (shown as it is) is one only
    tabulate lays out: measured block by block, the table must still say so."""
    import unittest.mock

    import midoshell.output.listed as listed
    from midoshell.output import render
    from midoshell.results import Rows, RowStream

    bridge = model.object_type("bridge")
    objs = [Obj(bridge, {"id": f"b{n}", "name": name}, None, None)
            for n, name in enumerate(["plain", "\xa0spaced", "x"])]
    options = RenderOptions(format="table", width=None)
    general = render(Rows([RowMaker(namer())(o) for o in objs]), options)
    with unittest.mock.patch.object(listed, "WRITE_AFTER", 0), \
            unittest.mock.patch.object(listed, "BLOCK", 2):
        assert render(Rows(RowStream(objs, RowMaker(namer()), [bridge])), options) == general
    assert "\xa0" not in general[3]  # tabulate's own way: the space is gone


def table_both_ways(docs, block, width=None, key="bridge"):
    """A table listing of documents made block by block with the written code, and the
    same made the general way."""
    import unittest.mock

    import midoshell.output.listed as listed
    from midoshell.output import render
    from midoshell.results import Rows, RowStream

    object_type = model.object_type(key)
    objs = [Obj(object_type, doc, None, None) for doc in docs]
    options = RenderOptions(format="table", width=width)
    general = render(Rows([RowMaker(namer())(o) for o in objs]), options)
    with unittest.mock.patch.object(listed, "WRITE_AFTER", 0), \
            unittest.mock.patch.object(listed, "BLOCK", block):
        return render(Rows(RowStream(objs, RowMaker(namer()), [object_type])), options), general


def test_a_column_first_shown_by_a_later_block_is_in_every_row():
    docs = [{"id": "b0"}, {"id": "b1"}, {"id": "b2", "name": "named-at-last",
                                         "adminStateUp": True}]
    for width in (None, 20):  # laid out as the blocks came, and fitted to a terminal
        made, general = table_both_ways(docs, block=1, width=width)
        assert made == general
    assert made[0].split() == ["id", "name"]  # `state` left out to fit


def test_a_last_row_left_empty_is_no_line_as_in_tabulate():
    docs = [{"id": "b0", "name": "x"}, {"id": ""}]
    for block in (1, 2):
        made, general = table_both_ways(docs, block=block)
        assert made == general
    assert general[-1] == "b0    x"
