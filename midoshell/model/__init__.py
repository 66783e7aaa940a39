"""The object model: every MidoNet object type midoshell knows and how to find it."""

from midoshell.model.catalog import DEVICE_TYPES, PORT_TYPES, ROOTS, TYPES
from midoshell.model.types import Attr, Child, ObjectType, Root

__all__ = ["Attr", "Child", "ObjectType", "Root", "TYPES", "ROOTS", "root", "object_type",
           "concrete_type", "element_types", "reference_roots", "find_attr", "device_type",
           "collections_of", "DEVICE_TYPES", "PORT_TYPES"]

_ROOTS = {r.name: r for r in ROOTS}


def root(name):
    return _ROOTS.get(name)


def object_type(key):
    """The type for a key; the polymorphic `port` answers with the router-port type's shape."""
    if key == "port":
        return TYPES["router-port"]
    return TYPES[key]


def concrete_type(key, doc):
    """The type of one document: a port from the root collection is a router or bridge port."""
    if key == "port":
        return TYPES[PORT_TYPES.get(doc.get("type"), "router-port")]
    return TYPES[key]


def element_types(key):
    """Every concrete type an element of this collection type can have, or an object a
    reference to this target can be: a `port` is a router or bridge port, a `device` (what
    a port is on) a router or a bridge."""
    if key == "port":
        return [TYPES["router-port"], TYPES["bridge-port"]]
    if key == "device":
        return [TYPES[k] for k in dict.fromkeys(DEVICE_TYPES.values())]
    return [TYPES[key]]


def reference_roots(target):
    """The root collections whose objects a reference to `target` names: `device` is a
    router or a bridge; a port is listed in the root `port` collection."""
    if target == "device":
        return [t.key for t in element_types(target)]
    return [target]


def find_attr(key, name):
    """An attribute of any concrete type of `key` (root ports: router or bridge port fields)."""
    for t in element_types(key):
        attr = t.attr(name)
        if attr is not None:
            return attr
    return None


def device_type(port_doc):
    return DEVICE_TYPES.get(port_doc.get("type"), "router")


def collections_of(type_key):
    """The collections reachable from an object of this type (None: the root)."""
    if type_key is None:
        return [r.name for r in ROOTS]
    return [c.name for c in object_type(type_key).children]
