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
    """typed_record for the many objects of a listing.  How each field of a type is read is
    worked out once per type: most are the API's own value under one key, read for all of
    them at once (dict(zip(names, map(doc.get, keys))), at C speed); the others (an
    enumeration's word, an address with its length, a scoped or computed field) are put
    in their places after, then inverted conditions.  An object whose values the steps do
    not expect is made by typed_record.  Gives what typed_record gives."""

    def __init__(self):
        self._plans = {}

    def __call__(self, obj):
        plan = self._plans.get(obj.type.key)
        if plan is None:
            plan = self._plans[obj.type.key] = _Plan(obj.type.visible_attrs())
        doc = obj.doc
        if doc.__class__ is not dict:
            return typed_record(obj)
        get = doc.get
        out = dict(zip(plan.names, map(get, plan.keys)))
        try:
            for name, key, convert, attr in plan.others:
                if key is not None:
                    value = out[name]
                    if value is not None:
                        out[name] = convert(value, value)  # an enumeration's word, or as sent
                elif convert is not None:
                    out[name] = convert(doc)
                else:
                    out[name] = typed_value(obj, attr)
        except UNEXPECTED_SHAPE:  # a value no step expects (a list where a word belongs)
            return typed_record(obj)
        if any(map(get, plan.invert_keys)):
            for name, invert in plan.inverts:
                if out[name] is not None and get(invert):
                    out[name] = {"not": out[name]}
        return out


class _Plan:
    """names and keys of a type's fields (a key read for every field, its value replaced
    for the others); others: (name, key, convert, attribute), with a key convert(value,
    default) of the value there, without convert(doc), without either typed_value;
    inverts: (name, inverting key) of the fields typed_value does not invert itself."""

    def __init__(self, attrs):
        from midoshell.model.types import Attr
        from midoshell.model.value_kinds import Kind

        self.names, self.keys, self.others, self.inverts = [], [], [], []
        for attr in attrs:
            kind = attr.kind
            own = type(attr).read is Attr.read and not attr.scope
            self.names.append(attr.name)
            self.keys.append(attr.json if own else "")
            if own and type(kind) is Enum:
                self.others.append((attr.name, attr.json, kind.reverse.get, attr))
            elif own and type(kind) is Cidr:
                self.others.append((attr.name, None, _address_with_length(kind), attr))
            elif not own or type(kind).read is not Kind.read or isinstance(kind, (Enum, Cidr)):
                self.others.append((attr.name, None, None, attr))
                continue  # typed_value inverts it
            if attr.invert:
                self.inverts.append((attr.name, attr.invert))
        self.invert_keys = [invert for _, invert in self.inverts]


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
