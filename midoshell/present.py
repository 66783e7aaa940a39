"""Objects -> rows of printed fields, with references shown as aliases or UUIDs."""

from midoshell import model
from midoshell.errors import MidoError
from midoshell.results import Row


class Names:
    """How a session prints object references: alias chains in alias mode, else UUIDs.

    Names come from the session's alias namespaces; a namespace not yet filled is filled by
    listing its collection once, so printing N references costs no N extra requests.
    """

    def __init__(self, session):
        self.session = session

    @property
    def resolver(self):
        return self.session.resolver

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
        ns = self.session.aliases.namespace(obj.parent_id)
        name = ns.name_of(obj.id)
        if name is None and not self.session.aliases.is_listed(obj.parent_id, obj.link.name):
            self.resolver.list(obj.parent, obj.link)
            name = ns.name_of(obj.id)
        if name is None:  # not visible in the listing (tenant filter): name it anyway
            name = ns.assign(obj.type.prefix, obj.id)
        return name

    def ident(self, obj):
        return self.alias(obj) if self.session.show_aliases else obj.id

    def object_name(self, target, uuid):
        """A reference to a root object: its alias (`chain0`, `host1`) or UUID."""
        if not self.session.show_aliases:
            return uuid
        targets = ["router", "bridge"] if target == "device" else [target]
        for key in targets:
            link = model.root(key)
            ns = self.session.aliases.namespace(None)
            name = ns.name_of(uuid)
            if name is None and link and not self.session.aliases.is_listed(None, link.name):
                self._quietly(self.resolver.list, None, link)
                name = ns.name_of(uuid)
            if name is not None:
                return name
        return uuid

    def port_name(self, uuid):
        """A port reference: `<device alias>:<port alias>`, or the UUID."""
        if not self.session.show_aliases:
            return uuid
        port = self.session.cache.get(uuid)
        if port is None or port.parent is None:
            port = self._quietly(self._port_with_device, uuid)
        if port is None:
            return uuid
        return self.chain(port)

    def _port_with_device(self, uuid):
        """The port as a child of its router or bridge, found through the device's listing."""
        device_id = self._device_of(uuid)
        device_key = self.session.cache[uuid].doc.get("type")
        root = model.root(model.DEVICE_TYPES.get(device_key, "router"))
        device = self.resolver.by_ref(None, root, device_id)
        link = device.type.child("port")
        self.resolver.by_ref(device, link, uuid)
        return self.session.cache[uuid]

    def _device_of(self, uuid):
        port = self.session.cache.get(uuid)
        if port is None:
            self.resolver.by_ref(None, model.root("port"), uuid)
            port = self.session.cache[uuid]
        return port.doc["deviceId"]

    @staticmethod
    def _quietly(function, *args):
        """Printing a reference never fails a command: the UUID is printed instead."""
        try:
            return function(*args)
        except MidoError:
            return None


def row(obj, names, with_prefix=True, with_ident=True):
    """The printed line of one object: prefix, alias or UUID, then its visible fields."""
    fields = []
    for attr in obj.type.visible_attrs():
        value = attr.read(obj.doc)
        text = attr.kind.format(value, names)
        if text is not None:
            fields.append((attr.name, text))
    has_id = obj.type.has_id
    return Row(obj.type.prefix if with_prefix else None,
               names.ident(obj) if has_id and with_ident else None, fields)


def field_text(obj, attr, names):
    return attr.kind.format(attr.read(obj.doc), names)
