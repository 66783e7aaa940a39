"""The shape of the object model: object types, their attributes and their collections."""

from midoshell.records import dataclass, field

MEDIA_PREFIX = "application/vnd.org.midonet."


def media(name):
    """Item media type, e.g. media("Router-v3") -> application/vnd.org.midonet.Router-v3+json."""
    return f"{MEDIA_PREFIX}{name}+json"


def collection_media(name):
    return f"{MEDIA_PREFIX}collection.{name}+json"


@dataclass(frozen=True)
class Attr:
    """One attribute as the CLI names it, with its JSON key and value kind.

    read_only: the server owns it (set is refused).  settable=False: written only by the
    server or a dedicated call.  hidden: not printed in object lines, but `show FIELD` works.
    clearable: `clear` resets it.  legacy: accepted on input for old scripts, never printed.
    invert: the JSON flag a leading `!` sets (`src !10.0.0.0/8`).  scope: the key of a nested
    object holding the field (a trace request's `condition`).
    """

    name: str
    json: str
    kind: object
    read_only: bool = False
    settable: bool = True
    hidden: bool = False
    clearable: bool = False
    legacy: bool = False
    help: str = ""
    invert: str = ""
    scope: str = ""

    @property
    def assignable(self):
        """Whether a create or set line gives this field its value: not the server's
        (read-only), not filled in from the path (settable=False), not the id (a create may
        still give the new object's id: see the interpreter)."""
        return not self.read_only and self.settable and self.name != "id"

    def slot(self, doc, writing=False):
        """The dict holding this field: the document, or its nested scope object."""
        if not self.scope:
            return doc
        if writing:
            if not isinstance(doc.get(self.scope), dict):
                doc[self.scope] = {}
            return doc[self.scope]
        return doc.get(self.scope) or {}

    def read(self, doc):
        return self.kind.read(self, self.slot(doc))

    def write(self, doc, value, inverted=False):
        slot = self.slot(doc, writing=True)
        self.kind.write(self, slot, value)
        if self.invert:
            slot[self.invert] = inverted

    def is_inverted(self, doc):
        return bool(self.invert and self.slot(doc).get(self.invert))


@dataclass(frozen=True)
class Child:
    """A collection under an object: `router router0 port …` is the router's `port` child.

    uri_key: the key of the parent's JSON holding the collection URI (for an embedded collection,
    the list itself).  template: JSON merged into a new element before the user's fields.
    parent_key: the element's field naming its parent, used to check that an element fetched
    by id really is under that parent.  embedded: elements live inside the parent's document
    and change with a PUT of the parent.  only: field values an element must have to belong
    (an IP group's `ipv6` collection shows version-6 addresses only).  clients_only: only
    clients add elements, each after the last (the server adds none of its own, as it adds a
    router's Local routes, and puts none elsewhere, as it puts a rule made without a position
    first): a parent just made holds what this run adds, in that order.
    """

    name: str
    type: str
    uri_key: str
    template: dict = field(default_factory=dict)
    parent_key: str = ""
    can_create: bool = True
    embedded: bool = False
    only: dict = field(default_factory=dict)
    clients_only: bool = False


@dataclass(frozen=True)
class Root:
    """A collection at the root of the API (`router`, `host`, …) and its Application keys.

    singleton: one object, not a collection (`system-state`).
    """

    name: str
    type: str
    collection_key: str
    template_key: str = ""
    tenant_filtered: bool = False
    can_create: bool = True
    singleton: bool = False
    embedded = False
    only = {}


@dataclass
class ObjectType:
    """An object type: alias prefix, media types, attributes in print order, collections."""

    key: str
    prefix: str
    media: str
    collection_media: str
    attrs: list
    children: list = field(default_factory=list)
    has_id: bool = True
    template_key: str = ""
    description: str = ""
    # The media type to use for this object's members when it depends on the object itself
    # (tunnel-zone members of a gre zone), as a function of the parent document.
    child_media: object = None
    # Called after the user's assignments to derive fields (legacy router-port address).
    finish: object = None
    # How `set` and `clear` change an object: "put" (PUT the document), "replace" (the v5
    # API has no PUT for it: delete it and create it again with the same id and position),
    # or "none" (the API offers no way to change it).
    update: str = "put"

    def attr(self, name):
        for attr in self.attrs:
            if attr.name == name:
                return attr
        return None

    def child(self, name):
        for child in self.children:
            if child.name == name:
                return child
        return None

    def visible_attrs(self):
        return [a for a in self.attrs if not a.hidden and not a.legacy]

    def attr_names(self):
        return [a.name for a in self.attrs]
