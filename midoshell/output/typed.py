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
