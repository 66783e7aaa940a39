"""output/linecode.py's written-out steps and the block paths that use them: each kind's
format expression is its format, a plain block of lines is made and checked at once (and
is then what line-by-line gives), json records of a plain block are made at once, and a
row stream read in batches gives what came before an error, then the error."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell import model
from midoshell.model.types import Attr
from midoshell.model.value_kinds import Kind
from midoshell.naming import UNEXPECTED_SHAPE, ReferenceNamer, RowMaker, row
from midoshell.objects import Obj
from midoshell.output.linecode import written
from midoshell.output.listed import ListedText
from midoshell.output.machine import typed
from midoshell.output.text import render_row
from midoshell.results import RowStream
from test_listed_output import listed_object

@pytest.fixture(autouse=True)
def written_code_only(monkeypatch):
    """Blocks this file makes take the written code: the way by column (bycolumn.py, which
    plain documents of most types take first) is tested in test_by_column.py."""
    monkeypatch.setattr(ListedText, "by_column", lambda self, objs, types=None: None)


ANY_VALUE = st.one_of(st.booleans(), st.integers(-3, 70000), st.floats(allow_nan=False),
                      st.text(max_size=4), st.sampled_from(["Normal", "accept", "gre", "up"]),
                      st.lists(st.one_of(st.integers(), st.text(max_size=3)), max_size=2),
                      st.dictionaries(st.sampled_from(["start", "end"]), st.integers(0, 9)))


def kinds_with_expressions():
    """Every kind of the model whose formatting class writes an expression."""
    found = {}
    for object_type in model.TYPES.values():
        for attr in object_type.attrs:
            kind = attr.kind
            formats = next(c for c in type(kind).__mro__ if "format" in vars(c))
            if "format_expression" in vars(formats):
                found[id(kind)] = kind
    return list(found.values())


def test_the_kinds_that_print_most_fields_write_expressions():
    """Else the comparison below compares nothing."""
    written = {type(k).__name__ for k in kinds_with_expressions()}
    assert {"Text", "Integer", "IPv4", "Words", "Enum", "Limit", "Number", "PortRange",
            "CidrList", "TextList"} <= written


@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, 10_000), value=ANY_VALUE)
def test_a_format_expression_is_the_kinds_format(index, value):
    kinds = kinds_with_expressions()
    kind = kinds[index % len(kinds)]
    constants = {}

    def constant(x):
        constants[f"c{len(constants)}"] = x
        return f"c{len(constants) - 1}"
    expression = kind.format_expression("t", constant)
    try:
        expected = kind.format(value, None)
    except UNEXPECTED_SHAPE as error:
        with pytest.raises(type(error)):
            eval(expression, dict(constants, t=value))
        return
    assert eval(expression, dict(constants, t=value)) == expected
    if value is not None and not kind.expression_may_give_none:  # its code omits the test
        assert expected is not None


def test_only_a_kind_that_says_so_hides_a_value_that_is_not_none():
    """Its written code leaves out the test for a hidden field: an empty list, range or
    text must not be hidden by a kind that says it hides nothing."""
    hiding = set()
    for kind in kinds_with_expressions():
        for value in ([], {}, "", 0, False, [""], {"start": 0}):
            try:
                if kind.format(value, None) is None:
                    hiding.add(type(kind).__name__)
                    assert kind.expression_may_give_none, (kind, value)
            except UNEXPECTED_SHAPE:
                pass
    assert hiding == {"CidrList", "TextList", "PortRange"}


def test_a_subclass_that_formats_otherwise_has_no_expression():
    class Shouting(Kind):
        def format(self, value, names):
            return None if value is None else str(value).upper()

    attr = Attr(name="name", json="name", kind=Shouting())
    plan = [("name", "name", "name", None, None, attr)]
    for flavour in ("parts", "line"):
        made = written(flavour, model.TYPES["bridge"], plan, namer())(None, {"id": "b",
                                                                             "name": "ab"})
        assert made in (["bridge", "b", "name", "AB"], "bridge b name AB")


@settings(max_examples=300, deadline=None)
@given(address=st.one_of(st.none(), st.text(max_size=8), st.integers(), st.booleans()),
       length=st.one_of(st.none(), st.integers(-1, 40), st.text(max_size=2)))
def test_an_address_pair_expression_is_cidr_text(address, length):
    from midoshell.model.value_kinds import Cidr, cidr_text

    expression = Cidr("a", "b").format_pair_expression("a", "n")
    assert eval(expression, {"a": address, "n": length}) == cidr_text(address, length)


def namer():
    return ReferenceNamer(aliases=None, cache={}, show_aliases=False)


def plain_route(n):
    return Obj(model.object_type("route"), {
        "id": f"0b5c030c-e533-4f23-b923-{n:012x}", "type": "Normal",
        "srcNetworkAddr": "0.0.0.0", "srcNetworkLength": 0, "dstNetworkAddr": "10.1.0.0",
        "dstNetworkLength": 16, "nextHopGateway": "10.0.0.2", "weight": n, "learned": False,
        "nextHopPort": "6b1c5b21-f562-40cd-9c62-b1b7dda13158", "attributes": None}, None, None)


def test_a_plain_block_is_made_and_checked_at_once(monkeypatch):
    texts = ListedText(RowMaker(namer()), write_after=0)
    objs = [plain_route(n) for n in range(3)]
    expected = [render_row(row(o, namer())) for o in objs]
    monkeypatch.setattr(texts, "text_line", None)  # the line-by-line way would fail
    assert texts.text_block(objs).split("\n") == expected
    assert expected[2] == ("route 0b5c030c-e533-4f23-b923-000000000002 type normal src "
                           "0.0.0.0/0 dst 10.1.0.0/16 gw 10.0.0.2 port 6b1c5b21-f562-40cd-"
                           "9c62-b1b7dda13158 weight 2 learned false")


def test_a_listing_of_a_few_objects_writes_no_code_and_a_long_one_does(monkeypatch):
    """Writing a type's code costs more than the general way for a few objects (a rule's
    line, five milliseconds): it is written once 16 objects per printed field have come."""
    import midoshell.output.listed as listed

    made = []
    monkeypatch.setattr(listed, "written", lambda *args: made.append(args[:2]) or
                        written(*args))
    texts = ListedText(RowMaker(namer()))
    fields = len(RowMaker(namer()).plan(model.object_type("route")))
    few = [plain_route(n) for n in range(3)]
    assert texts.text_block(few).split("\n") == [render_row(row(o, namer())) for o in few]
    assert made == []
    many = [plain_route(n) for n in range(16 * fields)]
    assert texts.text_block(many).split("\n") == [render_row(row(o, namer())) for o in many]
    assert [flavour for flavour, _ in made] == ["line"]


@pytest.mark.parametrize("value", ["a b", "", 'a"b', "a'b", "a\\b", "a\nb", "\x1b[2J", "é",
                                   " a", "a ", "\u202e"])
def test_a_block_with_a_value_to_quote_is_made_line_by_line(value):
    """Each way a part can need quoting or escaping sends the block the careful way."""
    objs = [plain_route(1), plain_route(2)]
    objs[1].doc["nextHopGateway"] = value
    texts = ListedText(RowMaker(namer()), write_after=0)
    block = texts.text_block(objs)
    assert block.split("\n") == [render_row(row(o, namer())) for o in objs]
    assert len(block.split("\n")) == 2


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_a_block_is_its_lines(key, data):
    objs = [listed_object(key, data) for _ in range(data.draw(st.integers(1, 4)))]
    texts = ListedText(RowMaker(namer()), write_after=0)
    assert texts.text_block(objs) == "\n".join(render_row(row(o, namer(), with_prefix=o.type
                                                              .has_id)) for o in objs)
    assert texts.typed_batch(objs, None) == [typed(RowMaker(namer())(o)) for o in objs]


@settings(max_examples=400, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data(),
       extra=st.one_of(st.none(), st.floats(), st.integers(-2**70, 2**70), st.just("\ud800"),
                       st.just("é\x1b\"\\"), st.lists(st.integers(), max_size=2),
                       st.dictionaries(st.text(max_size=2), st.booleans(), max_size=2)))
def test_the_json_text_of_a_block_is_what_json_dumps_writes(key, data, extra):
    import json

    objs = [listed_object(key, data) for _ in range(data.draw(st.integers(1, 3)))]
    if extra is not None:  # a value of any JSON shape in some field
        field = data.draw(st.sampled_from(sorted(objs[0].doc) or ["id"]))
        objs[0].doc[field] = extra
    expected = json.dumps([typed(RowMaker(namer())(o)) for o in objs], ensure_ascii=False)
    assert "[" + ListedText(RowMaker(namer()), write_after=0).json_batch(objs) + "]" == expected


def test_plain_json_text_is_written_without_dicts(monkeypatch):
    import json

    texts = ListedText(RowMaker(namer()), write_after=0)
    objs = [plain_route(n) for n in range(2)]
    objs[1].doc["nextHopGateway"] = None
    expected = json.dumps([typed(RowMaker(namer())(o)) for o in objs], ensure_ascii=False)
    monkeypatch.setattr(texts, "typed_batch", None)  # the dicts' way would fail
    assert "[" + texts.json_batch(objs) + "]" == expected


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_the_csv_values_of_a_block_are_those_made_one_by_one(key, data):
    from midoshell.output.machine import _keys

    objs = [listed_object(key, data) for _ in range(data.draw(st.integers(1, 3)))]
    header = _keys(objs[0])
    texts = ListedText(RowMaker(namer()), write_after=0)
    one_by_one = [texts.csv_maker(header, lambda o: ["general"])(o) for o in objs]
    assert texts.csv_batch(objs, header, lambda o: ["general"]) == one_by_one


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_csv_values_of_a_block_of_two_types_are_their_records(data):
    """A listing of ports mixes bridge and router ports: the header has the keys of both."""
    from midoshell.output.machine import _keys, record

    objs = [listed_object(data.draw(st.sampled_from(["bridge-port", "router-port"])), data)
            for _ in range(data.draw(st.integers(1, 4)))]
    header = list(dict.fromkeys(k for key in ("bridge-port", "router-port")
                                for k in _keys(Obj(model.TYPES[key], {"id": "x"}, None, None))))

    def general(obj):
        got = record(RowMaker(namer())(obj))
        return ["" if got.get(name) is None else got.get(name) for name in header]
    assert ListedText(RowMaker(namer()), write_after=0).csv_batch(objs, header, general) == \
        [general(o) for o in objs]


def test_plain_csv_values_are_made_at_once(monkeypatch):
    from midoshell.output.machine import _keys

    texts = ListedText(RowMaker(namer()), write_after=0)
    objs = [plain_route(n) for n in range(2)]
    expected = [texts.csv_maker(_keys(o), None)(o) for o in objs]
    monkeypatch.setattr(texts, "csv_maker", None)
    assert texts.csv_batch(objs, _keys(objs[0]), None) == expected
    assert expected[0][:3] == ["0b5c030c-e533-4f23-b923-000000000000", "", "normal"]


def test_plain_table_records_are_made_at_once(monkeypatch):
    texts = ListedText(RowMaker(namer()), write_after=0)
    objs = [plain_route(n) for n in range(2)]
    records = texts.table_maker(None)
    keys, _ = records(objs[:1])  # writes the type's code
    one_by_one = [tuple(column[0] for column in records([obj])[1]) for obj in objs]
    monkeypatch.setattr(texts, "code", None)  # the one-by-one way asks for it each time
    made_keys, columns = records(objs)
    assert made_keys is keys and keys[:3] == ("id", "type", "src")
    assert list(zip(*columns)) == one_by_one
    assert one_by_one[1][:2] == (objs[1].id, "normal")


def test_plain_json_records_are_made_at_once(monkeypatch):
    texts = ListedText(RowMaker(namer()), write_after=0)
    objs = [plain_route(n) for n in range(2)]
    expected = [typed(RowMaker(namer())(o)) for o in objs]
    monkeypatch.setattr(texts, "typed_maker", None)
    assert texts.typed_batch(objs, None) == expected
    assert expected[0]["src"] == "0.0.0.0/0" and expected[0]["type"] == "normal"


def test_records_of_inverted_conditions_are_made_at_once(monkeypatch):
    doc = {"id": "r1", "type": "accept", "nwSrcAddress": "10.0.0.0", "nwSrcLength": 8,
           "invNwSrc": True, "nwProto": 6, "invNwProto": True, "condInvert": False}
    obj = Obj(model.object_type("rule"), doc, None, None)
    texts = ListedText(RowMaker(namer()), write_after=0)
    expected = typed(RowMaker(namer())(obj))
    monkeypatch.setattr(texts, "typed_maker", None)
    assert texts.typed_batch([obj], None) == [expected]
    assert expected["src"] == {"not": "10.0.0.0/8"} and expected["proto"] == {"not": 6}


def test_batches_give_what_came_before_a_break_then_the_error():
    def broken():
        yield from range(5)
        raise ConnectionError("cut")
    stream = RowStream(broken(), None, [])
    got = []
    with pytest.raises(ConnectionError):
        for batch in stream.batches(3):
            got.append(batch)
    assert got == [[0, 1, 2], [3, 4]]


def test_objects_read_ahead_are_given_first_and_done_is_told_after_the_batch():
    done = []
    stream = RowStream(iter(range(5)), None, [], done=done.append)
    assert stream.first() == 0
    batches = stream.batches(2)
    assert next(batches) == [0]  # read ahead: given again, not told done
    assert next(batches) == [1, 2] and done == []
    assert next(batches) == [3, 4] and done == [1, 2]
    assert list(batches) == [] and done == [1, 2, 3, 4]
