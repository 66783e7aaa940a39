"""Objects as the session knows them, and how a listed object is kept small.

A session that has listed a collection keeps every object of it (aliases name them, paths go
through them, `--may-exist` finds them) for as long as it runs: tens of thousands in a large
deployment.  A decoded MidoNet document is mostly links (`uri`, `ports`, `macTable`, …): the
API's address and the object's own id over and over.  A packed object keeps its values in a
tuple under a key order shared by every object of the same shape, each link once for the
whole session as its text with the address and the id taken out, and each empty list as one
shared marker: a few hundred bytes instead of a few kilobytes.  Its document is made again,
equal to what the server sent, each time it is read.
"""


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
            self._packed = packer.pack(self._doc)
            self._doc = None

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
    """A document as (its shape, values, id, packer); see the module docstring."""

    __slots__ = ("shape", "values", "ident", "packer")

    def __init__(self, shape, values, ident, packer):
        self.shape, self.values, self.ident, self.packer = shape, values, ident, packer

    def unpack(self):
        shape, values = self.shape, self.values
        if not shape.packs:
            return dict(zip(shape.keys, values))
        origin, ident, values = self.packer.origin, self.ident, list(values)
        for place in shape.packs:
            value = values[place]
            if value.__class__ is tuple:  # see Packer.pack
                if not value:
                    values[place] = []
                elif len(value) == 1:
                    values[place] = origin + value[0]
                else:
                    values[place] = origin + ident.join(value)
        return dict(zip(shape.keys, values))


class Packer:
    """Packs the documents of one API (`origin`: scheme, host and port of its links); holds
    the key orders and link texts shared by the documents it packed."""

    def __init__(self, origin):
        self.origin = origin  # None: links are kept as they are
        self._shapes = {}
        self._links = {}

    def pack(self, doc):
        keys = tuple(doc)
        shape = self._shapes.get(keys)
        if shape is None:
            shape = self._shapes[keys] = _Shape(keys, doc, self.origin)
        ident = doc.get("id")
        values = list(doc.values())
        # JSON never decodes to a tuple: a tuple among the values is always a packed link
        # (the parts of its text around the id) or, empty, an empty list
        origin, links, cut = self.origin, self._links, shape.cut
        split = ident.__class__ is str and len(ident) > 0
        for place in shape.links:  # where the first document of this shape had links
            value = values[place]
            if value.__class__ is str and value.startswith(origin):
                parts = tuple(value[cut:].split(ident)) if split else (value[cut:],)
                values[place] = links.setdefault(parts, parts)
        for place in shape.lists:
            value = values[place]
            if value.__class__ is list and not value:
                values[place] = ()
        return Packed(shape, tuple(values), ident, self)


class _Shape:
    """A key order, and where documents of it hold links or lists: learned from the first
    one (for the others only the cost of packing depends on it, not what comes back)."""

    __slots__ = ("keys", "links", "lists", "packs", "cut")

    def __init__(self, keys, doc, origin):
        self.keys = keys
        self.cut = len(origin) if origin else 0
        values = list(doc.values())
        self.links = tuple(i for i, v in enumerate(values)
                           if origin and (v is None or isinstance(v, str) and v.startswith(origin)))
        self.lists = tuple(i for i, v in enumerate(values) if isinstance(v, list))
        self.packs = tuple(sorted(self.links + self.lists))
