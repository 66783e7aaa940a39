"""Objects -> rows of printed fields, with references shown as aliases or UUIDs."""

import json
import logging

from midoshell import model
from midoshell.errors import MidoError
from midoshell.model.types import Attr
from midoshell.results import ListedRow, Nothing, Row, Value

log = logging.getLogger(__name__)


class ReferenceNamer:
    """How a session prints object references: alias chains in alias mode, else UUIDs.

    Names come from the session's alias namespaces; a namespace not yet filled is filled by
    listing its collection once (through `resolver`), so printing N references costs no N
    extra requests.  The namer and the resolver need each other (the resolver names what it
    lists, in messages too): the session makes both, then gives each the other.
    """

    def __init__(self, aliases, cache, show_aliases, resolver=None):
        self.aliases = aliases
        self.cache = cache  # uuid -> object, the session's
        self.show_aliases = show_aliases
        self.resolver = resolver

    def chain(self, obj):
        """`bridge0:port0` for an object reached through a path (its UUID without aliases)."""
        parts = []
        while obj is not None:
            alias = self.alias(obj)
            if alias is None:
                return obj.id
            parts.append(alias)
            obj = obj.parent
        return ":".join(reversed(parts))

    def alias(self, obj):
        if not obj.type.has_id or not obj.id:
            return None
        ns = self.aliases.namespace(obj.parent_id)
        name = ns.name_of(obj.id)
        if name is None and not self.aliases.is_listed(obj.parent_id, obj.link.name):
            self.resolver.list(obj.parent, obj.link)
            name = ns.name_of(obj.id)
        if name is None:  # not visible in the listing (tenant filter): name it anyway
            name = ns.assign(obj.type.prefix, obj.id)
        return name

    def ident(self, obj):
        return self.alias(obj) if self.show_aliases else obj.id

    def object_name(self, target, uuid):
        """A reference to a root object: its alias (`chain0`, `host1`) or UUID."""
        if not self.show_aliases:
            return uuid
        for key in model.reference_roots(target):
            link = model.root(key)
            ns = self.aliases.namespace(None)
            name = ns.name_of(uuid)
            if name is None and link and not self.aliases.is_listed(None, link.name):
                self._quietly(self.resolver.list, None, link)
                name = ns.name_of(uuid)
            if name is not None:
                return name
        return uuid

    def port_name(self, uuid):
        """A port reference: `<device alias>:<port alias>`, or the UUID."""
        if not self.show_aliases:
            return uuid
        port = self.cache.get(uuid)
        if port is None or port.parent is None:
            port = self._quietly(self._port_with_device, uuid)
        if port is None:
            return uuid
        return self.chain(port)

    def _port_with_device(self, uuid):
        """The port as a child of its router or bridge, named by listing the device's ports
        once (later ports of the same device cost nothing)."""
        port = self.cache.get(uuid) or self.resolver.by_ref(None, model.root("port"), uuid)
        device = self._root_object(model.device_type(port.doc), port.doc["deviceId"])
        link = device.type.child("port")
        if not self.aliases.is_listed(device.id, link.name):
            self.resolver.list(device, link)
        return self.cache.get(uuid)

    def _root_object(self, key, uuid):
        """A root object from the session's listing of its collection (listed once), else GET."""
        link = model.root(key)
        cached = self.cache.get(uuid)
        if cached is None or cached.parent is not None:
            if not self.aliases.is_listed(None, link.name):
                self.resolver.list(None, link)
            cached = self.cache.get(uuid)
        return cached if cached is not None else self.resolver.by_ref(None, link, uuid)

    @staticmethod
    def _quietly(function, *args):
        """Printing a reference never fails a command: the UUID is printed instead."""
        try:
            return function(*args)
        except MidoError:
            return None


def row(obj, names, with_prefix=True, with_ident=True):
    """One object as a Row: prefix, alias or UUID, then every visible field (None if empty)."""
    fields = [(attr.name, field_text(obj, attr, names)) for attr in obj.type.visible_attrs()]
    return _row(obj, names, fields, with_prefix, with_ident)


def _row(obj, names, fields, with_prefix=True, with_ident=True):
    has_id = obj.type.has_id
    alias = names.alias(obj) if has_id and names.show_aliases else None
    return Row(obj.type.prefix if with_prefix else None,
               _text(names.ident(obj)) if has_id and with_ident else None, fields,
               uuid=_text(obj.id) if has_id else None, alias=alias, source=obj)


class RowMaker:
    """row() for the many objects of a listing: what each type prints is worked out once,
    and a plain field (its value the document's own, formatted by its kind) is read
    without the general path's steps.  Gives the same rows as row()."""

    def __init__(self, names):
        self.names = names
        self._plans = {}

    def __call__(self, obj):
        has_id = obj.type.has_id
        names = self.names
        alias = names.alias(obj) if has_id and names.show_aliases else None
        return ListedRow(obj.type.prefix if has_id else None,
                         _text(names.ident(obj)) if has_id else None,
                         _text(obj.id) if has_id else None, alias, obj, self.fields)

    def plan(self, object_type):
        """_plan(object_type), worked out once per type."""
        plan = self._plans.get(object_type.key)
        if plan is None:
            plan = self._plans[object_type.key] = _plan(object_type)
        return plan

    def fields(self, obj):
        """(name, text) of each printed field, as row() gives them."""
        plan = self.plan(obj.type)
        doc, names = obj.doc, self.names
        if doc.__class__ is not dict:
            return [(attr.name, field_text(obj, attr, names)) for *_, attr in plan]
        fields = []
        for name, empty_key, key, invert, format_value, attr in plan:
            if empty_key is not None and doc.get(empty_key) is None:
                fields.append((name, None))  # printed as nothing (see _plan)
                continue
            if key is None:
                fields.append((name, field_text(obj, attr, names)))
                continue
            try:
                value = doc.get(key) if key.__class__ is str else (doc.get(key[0]),
                                                                   doc.get(key[1]))
                text = format_value(value, names)
                if text is not None and not isinstance(text, str):
                    raise TypeError(f"{type(text).__name__} where a string was expected")
            except UNEXPECTED_SHAPE as error:
                text = raw_text(obj, attr, error)
            else:
                if text is not None and invert is not None and doc.get(invert):
                    text = "!" + text
            fields.append((name, text))
        return fields


def _plan(object_type):
    """(name, empty key, key, inverting key, format, attribute) per printed field.

    The empty key: a JSON key whose null or absence means the field prints nothing (the
    field's own key, an address's for an address with its length), when the kind prints no
    value as nothing (asked once, here).  The key: the field's, when it is read straight
    from the document (no nested scope, no reading of its own), or the pair of keys of an
    address with its length (as Cidr.read reads them), else None: the general path.
    Fields of a scope have neither."""
    from midoshell.model.value_kinds import Cidr, Kind

    plan = []
    for attr in object_type.visible_attrs():
        kind = attr.kind
        direct = type(attr).read is Attr.read and not attr.scope \
            and kind.format(None, None) is None
        own = direct and type(kind).read is Kind.read
        pair = direct and type(kind) is Cidr
        empty = attr.json if own else kind.address_key if pair else None
        key = attr.json if own else (kind.address_key, kind.length_key) if pair else None
        plan.append((attr.name, empty, key, attr.invert or None, kind.format, attr))
    return plan


def field_value(obj, attr, names):
    """`show FIELD`: the field's text (with the object and field, for a typed value), or
    Nothing when it is empty."""
    text = field_text(obj, attr, names)
    return Value(text, (obj, attr)) if text is not None else Nothing()


def _text(value):
    """An id as printed: the server's JSON may hold a number or worse where a UUID belongs."""
    return value if value is None or isinstance(value, str) else json.dumps(value)


def field_text(obj, attr, names):
    """A field as printed: None when empty, `!` first when its match is inverted."""
    try:
        text = attr.kind.format(attr.read(obj.doc), names)
        if text is not None and not isinstance(text, str):  # a reference printed as sent
            raise TypeError(f"{type(text).__name__} where a string was expected")
        if text is not None and attr.is_inverted(obj.doc):
            text = "!" + text
    except UNEXPECTED_SHAPE as error:
        return raw_text(obj, attr, error)
    return text


# What formatting a value of a shape the model does not expect raises (`[null]` for a list
# of UUIDs, a number for a string, a list for an object): the server's JSON is untrusted.
UNEXPECTED_SHAPE = (TypeError, ValueError, AttributeError, KeyError, IndexError)


def raw_text(obj, attr, error):
    """A field whose value has an unexpected shape, shown as the server sent it (JSON)."""
    log.debug("field %s of %s not formatted: %s: %s", attr.name, obj.type.key,
              type(error).__name__, error)
    try:
        value = attr.read(obj.doc)
    except UNEXPECTED_SHAPE:
        value = obj.doc.get(attr.json) if isinstance(obj.doc, dict) else None
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
