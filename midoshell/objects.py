"""Objects as the session knows them, and how a listed object is kept small.

A session that has listed a collection keeps every object of it (aliases name them, paths go
through them, `--may-exist` finds them) for as long as it runs: tens of thousands in a large
deployment.  A decoded MidoNet document is mostly links (`uri`, `ports`, `macTable`, …): the
API's address and the object's own id over and over.  A packed object keeps its values in a
tuple under a key order shared by every object of the same shape, each link once for the
whole session as its ending after the object's own URI (`/ports`), and each empty list as
one shared marker: a few hundred bytes instead of a few kilobytes.  Its document is made again,
equal to what the server sent, each time it is read.
"""

import operator

_own_doc = operator.attrgetter("_doc")


def docs_of(objs):
    """[obj.doc for obj in objs]: read at C speed when none is packed, as in a listing just
    decoded (a Python call per object is a tenth of a long listing's time)."""
    docs = list(map(_own_doc, objs))
    if not all(docs):  # a packed object's is None (an empty one is read the usual way too)
        return [obj.doc for obj in objs]
    return docs


class Obj:
    """An object fetched from the server (its model type and document), with how it was
    reached: the parent Obj (None at the root) and the collection link."""

    __slots__ = ("type", "parent", "link", "_doc", "_packed")

    def __init__(self, type, doc, parent, link):
        self.type = type
        self._doc = doc
        self._packed = None
        self.parent = parent
        self.link = link

    @property
    def doc(self):
        """The document (a packed object's is made anew each time: copy before changing)."""
        doc = self._doc
        return doc if doc is not None else self._packed.unpack()

    @property
    def id(self):
        doc = self._doc
        return doc.get("id") if doc is not None else self._packed.ident

    @property
    def parent_id(self):
        return self.parent.id if self.parent is not None else None

    def pack(self, packer):
        """Keep the document small from now on (see the module docstring)."""
        if self._doc is not None:
            packed = packer.pack(self._doc)
            if packed is not None:
                self._packed, self._doc = packed, None

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.type, self.doc, self.parent, self.link) == \
            (other.type, other.doc, other.parent, other.link)

    __hash__ = None

    def __repr__(self):
        return (f"Obj(type={self.type.key!r}, doc={self.doc!r}, parent={self.parent!r}, "
                f"link={getattr(self.link, 'name', self.link)!r})")


class Packed:
    """A document as (its shape, values, id); see the module docstring."""

    __slots__ = ("shape", "values", "ident")

    def __init__(self, shape, values, ident):
        self.shape, self.values, self.ident = shape, values, ident

    def unpack(self):
        shape, values = self.shape, self.values
        if not shape.packs:
            return dict(zip(shape.keys, values))
        values = list(values)
        for place in shape.packs:
            value = values[place]
            if value.__class__ is tuple:  # see Packer.pack
                values[place] = shape.prefix + self.ident + value[0] if value else []
        return dict(zip(shape.keys, values))


class Packer:
    """Packs documents; holds the key orders and link endings they share."""

    def __init__(self):
        self._shapes = {}
        self._endings = {}

    def pack(self, doc):
        """The packed form of a document, or None when it is not one as decoded from JSON
        (a dict of another class may mean more than its items; a tuple in it)."""
        if doc.__class__ is not dict:
            return None
        keys = tuple(doc)
        shape = self._shapes.get(keys)
        if shape is None:
            shape = self._shapes[keys] = _Shape(keys, doc)
        ident = doc.get("id")
        values = list(doc.values())
        # JSON never decodes to a tuple: a tuple among the values is always a packed link
        # (the ending after the object's own URI) or, empty, an empty list
        if shape.prefix is not None and ident.__class__ is str:
            own = shape.prefix + ident
            cut, endings = len(own), self._endings
            for place in shape.links:
                value = values[place]
                if value.__class__ is str and value.startswith(own):
                    ending = value[cut:]
                    packed = endings.get(ending)
                    if packed is None:
                        packed = endings[ending] = (ending,)
                    values[place] = packed
                elif value.__class__ is tuple:
                    return None  # not from JSON: it would be taken for a packed value
        for place in shape.lists:
            value = values[place]
            if value.__class__ is list and not value:
                values[place] = ()
            elif value.__class__ is tuple:
                return None
        return Packed(shape, tuple(values), ident)


class _Shape:
    """A key order; the start of the own URI (`…/bridges/` before the id) and where links
    and lists are, learned from the first document of this order (for the others only the
    cost of packing depends on it, not what comes back)."""

    __slots__ = ("keys", "prefix", "links", "lists", "packs")

    def __init__(self, keys, doc):
        self.keys = keys
        uri, ident = doc.get("uri"), doc.get("id")
        own = isinstance(uri, str) and isinstance(ident, str) and ident and uri.endswith(ident)
        self.prefix = uri[:-len(ident)] if own else None
        values = list(doc.values())
        self.links = tuple(i for i, v in enumerate(values)
                           if own and (v is None or isinstance(v, str) and v.startswith(uri)))
        self.lists = tuple(i for i, v in enumerate(values) if isinstance(v, list))
        self.packs = tuple(sorted(self.links + self.lists))
