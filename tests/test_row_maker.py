"""present.RowMaker gives a listing's rows exactly as present.row does, for every type."""

from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell import model
from midoshell.objects import Obj
from midoshell.naming import RowMaker, row
from midoshell.session import Session

VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 70000), st.text(max_size=4),
                   st.sampled_from(["10.0.0.0", "up", "accept", "Normal", "ingress"]),
                   st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=2),
                   st.dictionaries(st.sampled_from(["start", "end"]), st.integers(0, 9)))


def keys_of(object_type):
    keys = set()
    for attr in object_type.attrs:
        keys.update(k for k in (attr.json, attr.invert, attr.scope,
                                getattr(attr.kind, "address_key", None),
                                getattr(attr.kind, "length_key", None)) if k)
    return sorted(keys | {"id", "type", "deviceType", "matchForwardFlow"})


class NoClient:
    url = "http://127.0.0.1:9/midonet-api"


@settings(max_examples=400, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_rows_are_those_row_makes(key, data):
    object_type = model.TYPES[key]
    doc = {k: data.draw(VALUES) for k in keys_of(object_type) if data.draw(st.booleans())}
    if object_type.has_id:
        doc["id"] = "0b5c030c-e533-4f23-b923-a6fd5f4582ff"
    names = Session(NoClient(), show_aliases=False).names
    obj = Obj(object_type, doc, None, None)
    expected = row(obj, names, with_prefix=object_type.has_id)
    made = RowMaker(names)(obj)
    assert (made.prefix, made.ident, made.uuid, made.alias, made.fields) == \
        (expected.prefix, expected.ident, expected.uuid, expected.alias, expected.fields)


@settings(max_examples=400, deadline=None)
@given(key=st.sampled_from(sorted(model.TYPES)), data=st.data())
def test_typed_records_are_those_typed_record_makes(key, data):
    from midoshell.output.typed import TypedRecords, typed_record

    object_type = model.TYPES[key]
    doc = {k: data.draw(VALUES) for k in keys_of(object_type) if data.draw(st.booleans())}
    obj = Obj(object_type, doc, None, None)
    assert TypedRecords()(obj) == typed_record(obj)
