"""midoshell/objects.py: a packed object gives back exactly the document it was packed from."""

import copy
import sys
import tracemalloc

from midoshell import model
from midoshell.objects import Obj, Packer

BASE = "http://127.0.0.1:8181/midonet-api"


def bridge(n, **extra):
    uuid = f"{n:08x}-0000-4000-8000-{n:012x}"
    own = f"{BASE}/bridges/{uuid}"
    doc = {"id": uuid, "tenantId": None, "name": f"bridge-{n}", "adminStateUp": True,
           "inboundFilterId": None, "vxLanPortIds": [], "inboundMirrorIds": [],
           "uri": own, "ports": own + "/ports", "macTable": own + "/mac_table",
           "vlanMacTableTemplate": own + "/vlans/{vlanId}/mac_table",
           "inboundFilter": None, "other": f"{BASE}/chains/{uuid}"}
    doc.update(extra)
    return doc


def packed(doc, packer=None):
    obj = Obj(model.TYPES["bridge"], copy.deepcopy(doc), None, model.root("bridge"))
    obj.pack(packer or Packer())
    return obj


def test_a_packed_object_gives_back_its_document_each_time():
    packer = Packer()
    for n in range(3):
        doc = bridge(n)
        obj = packed(doc, packer)
        assert obj._doc is None  # really packed
        assert obj.doc == doc and obj.doc == doc
        assert obj.id == doc["id"]
        obj.doc["name"] = "changed"  # a copy: the packed object does not change
        assert obj.doc == doc


def test_documents_the_first_of_their_shape_did_not_foresee_come_back_whole():
    packer = Packer()
    packed(bridge(1), packer)  # learns where this key order holds links and lists
    odd = [
        bridge(2, inboundFilter=f"{BASE}/chains/x", tenantId=f"{BASE}/bridges/"),
        bridge(3, vxLanPortIds=[f"{BASE}/bridges/x"], inboundMirrorIds=["m"]),
        bridge(4, uri="elsewhere", ports=("not", "json")),  # a tuple: never from JSON
        bridge(5, id=5, uri=f"{BASE}/bridges/5"),
        bridge(6, id="", name=None),
        bridge(7, ports=f"{BASE}/bridges/{'%08x' % 7}-0000-4000-8000-{'%012x' % 7}\x00/p"),
    ]
    for doc in odd:
        assert packed(doc, packer).doc == doc, doc


def test_a_first_document_without_its_own_uri_packs_nothing_wrong():
    packer = Packer()
    first = bridge(1, uri=None)
    assert packed(first, packer).doc == first
    assert packed(bridge(2), packer).doc == bridge(2)


def test_a_listed_object_is_held_in_a_few_hundred_bytes():
    packer = Packer()
    docs = [bridge(n) for n in range(2000)]
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    objs = [Obj(model.TYPES["bridge"], d, None, None) for d in docs]
    for obj in objs:
        obj.pack(packer)
    del docs
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert held / len(objs) < 600, held / len(objs)
    assert sys.getsizeof(objs[0]) < 100


def test_a_document_of_another_dict_class_is_kept_as_it_is():
    class Marked(dict):
        partial = True

    doc = Marked(bridge(1))
    obj = packed(doc)
    assert obj._doc is not None and type(obj.doc) is Marked and obj.doc.partial


def test_the_documents_of_objects_packed_or_not_are_read_at_once():
    from midoshell.objects import docs_of

    fresh = [Obj(model.TYPES["bridge"], bridge(n), None, None) for n in range(3)]
    mixed = fresh[:1] + [packed(bridge(7))] + [Obj(model.TYPES["bridge"], {}, None, None)]
    assert docs_of(fresh) == [o.doc for o in fresh] and docs_of(fresh)[1] is fresh[1].doc
    assert docs_of(mixed) == [bridge(0), bridge(7), {}]
