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
    """typed_record for the many objects of a listing: how each field of a type is read is
    worked out once per type (plain: straight from the document, the API's own value; an
    enumeration's word; an address with its length), and an object whose values it does
    not expect is made by typed_record.  Gives what typed_record gives."""

    def __init__(self):
        self._plans = {}

    def __call__(self, obj):
        plan = self._plans.get(obj.type.key)
        if plan is None:
            plan = self._plans[obj.type.key] = [_step(attr) for attr in obj.type.visible_attrs()]
        doc = obj.doc
        if doc.__class__ is not dict:
            return typed_record(obj)
        out, get = {}, doc.get
        try:
            for name, key, convert, invert, attr in plan:
                if key is not None:
                    value = get(key)
                    if value is not None and convert is not None:
                        value = convert(value, value)  # an enumeration's word, or as sent
                elif convert is not None:
                    value = convert(doc)
                else:
                    out[name] = typed_value(obj, attr)
                    continue
                if value is not None and invert is not None and get(invert):
                    value = {"not": value}
                out[name] = value
        except UNEXPECTED_SHAPE:  # a value no step expects (a list where a word belongs)
            return typed_record(obj)
        return out


def _step(attr):
    """(name, key, convert, inverting key, attribute): with a key, the value there (given
    to convert(value, default) if any); without, convert(doc); without either,
    typed_value."""
    from midoshell.model.types import Attr
    from midoshell.model.value_kinds import Kind

    kind = attr.kind
    own = type(attr).read is Attr.read and not attr.scope
    invert = attr.invert or None
    if own and type(kind).read is Kind.read and not isinstance(kind, (Enum, Cidr)):
        return attr.name, attr.json, None, invert, attr
    if own and type(kind) is Enum:
        return attr.name, attr.json, kind.reverse.get, invert, attr
    if own and type(kind) is Cidr:
        return attr.name, None, _address_with_length(kind), invert, attr
    return attr.name, None, None, None, attr


def _address_with_length(kind):
    """_as_cli_means of Cidr.read."""
    address_key, length_key, format_value = kind.address_key, kind.length_key, kind.format

    def typed(doc):
        address = doc.get(address_key)
        return None if address is None else format_value((address, doc.get(length_key)), None)
    return typed


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
