"""The typed value of a field for `-o json`: what the API means, under the CLI's field name.

Values are the API's own JSON values (numbers, booleans, null, arrays, objects, UUIDs for
references), with two exceptions that keep one CLI field one JSON value: an enumeration is the
word the CLI uses (`type gre`), and an address with its prefix length (two API keys) is one
`a.b.c.d/len` string.  An inverted rule condition is `{"not": VALUE}`.  Nothing here asks the
server anything: the document is already in the result.
"""

import logging

from midoshell.model.value_kinds import Cidr, Enum

log = logging.getLogger(__name__)

# What reading a document of a shape the model does not expect raises (see naming.py).
UNEXPECTED_SHAPE = (TypeError, ValueError, AttributeError, KeyError, IndexError)


def typed_record(obj):
    """Every visible field of an object, typed, in print order."""
    return {attr.name: typed_value(obj, attr) for attr in obj.type.visible_attrs()}


class TypedRecords:
    """typed_record for the many objects of a listing: which fields of a type are plain (read
    straight from the document, their value the API's own: no enumeration word or address
    pair) is worked out once per type.  Gives what typed_record gives."""

    def __init__(self):
        self._plans = {}

    def __call__(self, obj):
        plan = self._plans.get(obj.type.key)
        if plan is None:
            plan = self._plans[obj.type.key] = [
                (attr.name, attr.json if _plain(attr) else None, attr.invert or None, attr)
                for attr in obj.type.visible_attrs()]
        doc = obj.doc
        if doc.__class__ is not dict:
            return typed_record(obj)
        out = {}
        for name, key, invert, attr in plan:
            if key is None:
                out[name] = typed_value(obj, attr)
                continue
            value = doc.get(key)
            if value is not None and invert is not None and doc.get(invert):
                value = {"not": value}
            out[name] = value
        return out


def _plain(attr):
    from midoshell.model.value_kinds import Kind
    from midoshell.model.types import Attr

    return type(attr).read is Attr.read and type(attr.kind).read is Kind.read \
        and not attr.scope and not isinstance(attr.kind, (Enum, Cidr))


def typed_value(obj, attr):
    try:
        value = attr.read(obj.doc)
        value = _as_cli_means(attr.kind, value)
        if value is not None and attr.is_inverted(obj.doc):
            value = {"not": value}
    except UNEXPECTED_SHAPE as error:
        log.debug("field %s of %s kept as sent: %s", attr.name, obj.type.key, error)
        value = obj.doc.get(attr.json) if isinstance(obj.doc, dict) else None
    return value


def _as_cli_means(kind, value):
    if value is None:
        return None
    if isinstance(kind, Enum):
        return kind.reverse.get(value, value)
    if isinstance(kind, Cidr):
        return kind.format(value, None)
    return value
