"""Which words may be typed: candidates for a Suggestion, from the model and the session's cache.

Nothing here touches the network: objects come from the session's alias namespaces and object
cache.  A scope that is missing or stale is handed to the Refresher, which lists it in the
background; the caller may wait a moment for a scope never listed before (an explicit Tab).
"""

import functools
import re

from midoshell import help as helptext
from midoshell import model
from midoshell.aliases import alias_prefix, alias_re
from midoshell.interactive import suggest as s
from midoshell.interactive.refresh import Unknown, step_id
from midoshell.output.safe import visible
from midoshell.output.text import quote
from midoshell.parsing import verb_of

_HEX_START = re.compile(r"^[0-9a-fA-F][0-9a-fA-F-]{0,35}$")


class Candidate:
    """A word to offer: the text inserted, what the menu shows, its meta column, its kind.

    A plain slotted class: thousands are built each time a big collection is listed, and an
    object's meta column is worked out only when a menu first shows it (`source`).
    """

    __slots__ = ("text", "_meta", "kind", "display", "folded", "source")

    def __init__(self, text, meta="", kind="", display="", source=None):
        self.text, self._meta, self.kind, self.display = text, meta, kind, display
        self.folded = (display or text).lower()  # what is matched, case folded once
        self.source = source  # (Obj or None, type key) whose meta is not worked out yet

    @property
    def shown(self):
        return visible(self.display or self.text)

    @property
    def meta(self):
        if self.source is not None:
            self._meta, self.source = object_meta(*self.source), None
        return self._meta

    def renamed(self, text, meta_prefix=""):
        """The same object offered under another text (an alias chain, its UUID)."""
        if meta_prefix:
            return Candidate(text, meta_prefix + self.meta, self.kind)
        return Candidate(text, self._meta, self.kind, source=self.source)

    def __repr__(self):
        return f"Candidate({self.text!r}, {self.meta!r}, {self.kind!r})"


@functools.lru_cache(maxsize=None)
def summary(word):
    """One line on a command word, from help's verb table (`add` is create's)."""
    entry = helptext.VERBS.get(word) or helptext.VERBS.get(verb_of(word) or "")
    return entry[0] if entry else ""


def type_description(type_key):
    return " / ".join(t.description for t in model.element_types(type_key) if t.description)


def attrs_of(type_key):
    """Attributes of every concrete type of a collection, each name once, in print order."""
    seen = {}
    for t in model.element_types(type_key):
        for attr in t.attrs:
            seen.setdefault(attr.name, attr)
    return list(seen.values())


_ROLES = {
    "filter": lambda a: not a.legacy and a.name != "id",
    "create": lambda a: not a.legacy and a.assignable,
    "set": lambda a: not a.legacy and a.assignable,
    "show": lambda a: not a.legacy,
    "clear": lambda a: a.clearable,
}


def target_types(target):
    """Type keys a reference to `target` may name (`device`: a router or a bridge)."""
    return {t.key for t in model.element_types(target)}


@functools.lru_cache(maxsize=None)
def _meta_attrs(type_key):
    """The attributes the meta column shows for a type: name (or addresses), state, alive."""
    t = model.TYPES[type_key]
    named = [a for a in (t.attr("name"), t.attr("addresses")) if a is not None
             and not a.kind.is_reference][:1]
    return named + [a for a in (t.attr("state"), t.attr("alive")) if a is not None]


def object_meta(obj, type_key):
    """The meta column of an object: type, name (or addresses), state."""
    if obj is None:
        return type_key
    parts = [obj.type.key]
    for attr in _meta_attrs(obj.type.key):
        value = attr.read(obj.doc)
        text = ("alive" if value else "dead") if attr.name == "alive" else \
            attr.kind.format(value, None)
        if text:
            parts.append(text)
    return visible("  ".join(parts))  # names come from the server


def snapshot(view):
    """A list of a session dict's view.  A command may be adding to the dict meanwhile (the
    completer runs in its own thread); then this keystroke offers nothing, the next will."""
    try:
        return list(view)
    except RuntimeError:
        return []


class Sources:
    """Candidates for each kind of want; objects from the session, kept fresh by a Refresher."""

    def __init__(self, session, refresher=None):
        self.session = session
        self.refresher = refresher
        self._memo = {}  # (parent uuid, prefix) -> (stamp, [Candidate])

    def collect(self, suggestion):
        """(candidates in offer order, Events of scopes being listed for the first time)."""
        found, waits = [], []
        for want in suggestion.wants:
            found.extend(self._one(want, suggestion.partial, waits))
        return found, waits

    def _one(self, want, partial, waits):
        if isinstance(want, s.Keywords):
            return [Candidate(w, summary(w), "keyword") for w in want.words]
        if isinstance(want, s.Collections):
            return self.collections(want.type_key, want.creatable)
        if isinstance(want, s.Fields):
            return [Candidate(a.name, a.help or a.kind.expected, "field")
                    for a in attrs_of(want.type_key)
                    if _ROLES[want.role](a) and a.name not in want.used]
        if isinstance(want, s.Values):
            return self.values(want, waits)
        if isinstance(want, s.Objects):
            return self.objects(want.scope, want.link, partial, waits)
        if isinstance(want, s.References):
            return self.references(want.attr, want.scope, partial, waits)
        if isinstance(want, s.Chains):
            return self.chains(partial)
        return []

    # -- the model ------------------------------------------------------------------------
    @staticmethod
    def collections(type_key, creatable=False):
        links = model.ROOTS if type_key is None else model.object_type(type_key).children
        return [Candidate(l.name, type_description(l.type), "collection") for l in links
                if l.can_create or not creatable]

    def values(self, want, waits):
        """A field's enum or boolean words; to filter on, also the values objects have."""
        attr = want.attr
        out = [Candidate(v, attr.help, "value") for v in getattr(attr.kind, "values", ())]
        if want.link is None:
            return out
        parent_id = self.resolve(want.scope)
        self._track(want.scope, want.link, parent_id, waits)
        if parent_id is Unknown:
            return out
        namespace = self.session.aliases.namespaces.get(parent_id)
        held = self._memoised(("values", parent_id, want.link.name, attr.name),
                              lambda: self._held(parent_id, want.link, attr), namespace)
        known = {c.text for c in out}
        return out + [c for c in held if c.text not in known]

    def _held(self, parent_id, link, attr):
        out, seen = [], set()
        namespace = self.session.aliases.namespaces.get(parent_id)
        prefix = model.object_type(link.type).prefix
        for cand in self._aliases(parent_id, prefix, link.type):
            obj = self.session.cache.get(namespace.lookup(cand.text))
            own = obj.type.attr(attr.name) if obj is not None else None
            text = own.kind.format(own.read(obj.doc), None) if own is not None else None
            if text and text not in seen:
                seen.add(text)
                out.append(Candidate(quote(text), f"{attr.name} of {cand.text}", "value", text))
        return out

    # -- the session ----------------------------------------------------------------------
    def resolve(self, scope):
        """The UUID of the object a scope names, from aliases and cache only; Unknown if not."""
        parent_id = None
        for step in scope:
            if step.filters:  # looks through the cache: once until it changes
                parent_id = self._memoised(("filtered", parent_id, step.key),
                                           functools.partial(self._step_id, step, parent_id))
            else:
                parent_id = self._step_id(step, parent_id)
            if parent_id is None:
                return Unknown
        return parent_id

    def _step_id(self, step, parent_id):
        def cached():
            return [o for o in snapshot(self.session.cache.values())
                    if o.parent_id == parent_id and o.link.name == step.link.name]

        return step_id(step, parent_id, self.session.aliases, cached)

    def _track(self, scope, link, parent_id, waits):
        if self.refresher is not None:
            event = self.refresher.track(scope, link, parent_id)
            if event is not None:
                waits.append(event)

    def objects(self, scope, link, partial, waits):
        """Aliases of a collection's elements in their parent's namespace (UUIDs on demand)."""
        parent_id = self.resolve(scope)
        self._track(scope, link, parent_id, waits)
        element = model.object_type(link.type)
        if parent_id is Unknown or not element.has_id:
            return []
        out = self._aliases(parent_id, element.prefix, link.type)
        if partial and _HEX_START.match(partial):
            start = partial.lower()
            ids = [(c, self._uuid_of(parent_id, c.text)) for c in out]
            out = out + [c.renamed(uuid, f"{c.text}  ") for c, uuid in ids
                         if uuid.startswith(start)]
        return out

    def _uuid_of(self, parent_id, alias):
        return self.session.aliases.namespaces[parent_id].lookup(alias) or alias

    def _memoised(self, key, build, namespace=None):
        """build() once until the session's names, cache or listings change.

        Lists of thousands of objects are rebuilt only then, not on each keystroke.
        """
        stamp = (id(namespace), len(namespace.ids) if namespace else 0,
                 len(self.session.aliases.namespaces), len(self.session.cache),
                 self.session.changes, getattr(self.refresher, "version", 0))
        memo = self._memo.get(key)
        if memo is None or memo[0] != stamp:
            memo = self._memo[key] = (stamp, build())
        return memo[1]

    def _aliases(self, parent_id, prefix, type_key):
        """A namespace's aliases of one prefix, in number order, with meta."""
        namespace = self.session.aliases.namespaces.get(parent_id)
        if namespace is None:
            return []
        return self._memoised(("aliases", parent_id, prefix),
                              lambda: self._build(namespace, prefix, type_key), namespace)

    def _build(self, namespace, prefix, type_key):
        numbered = []
        match = alias_re().match  # thousands of aliases: the loop stays tight
        for alias, uuid in snapshot(namespace.ids.items()):
            found = match(alias)
            if found and found.group(1) == prefix:
                numbered.append((int(found.group(2)), alias, uuid))
        cache = self.session.cache
        return [Candidate(alias, kind="object", source=(cache.get(uuid), type_key))
                for _, alias, uuid in sorted(numbered)]

    def references(self, attr, scope, partial, waits):
        """Objects of the field's target type: in the command's objects nearest first, then
        at the root, then alias chains for ports (an object path is typed, not offered)."""
        wanted = target_types(attr.kind.target)
        out = []
        for depth in range(len(scope), -1, -1):
            context = scope[depth - 1].link.type if depth else None
            if context is None and attr.kind.target == "port":
                break  # ports go by device (router0:port0), not by the root listing's aliases
            links = model.ROOTS if context is None else model.object_type(context).children
            for link in links:
                if {t.key for t in model.element_types(link.type)} & wanted:
                    out += self.objects(scope[:depth], link, partial, waits)
        if attr.kind.target == "port":
            out += self.port_chains()
        return out

    def port_chains(self):
        """`router0:port0` for every device whose ports the session has listed."""
        return self._memoised(("port chains",), self._port_chains)

    def _port_chains(self):
        out = []
        for device in sorted(t.key for t in model.element_types("device")):
            ports = model.object_type(device).child("port")
            port_prefix = model.object_type(ports.type).prefix
            for dev in self._aliases(None, model.object_type(device).prefix, device):
                uuid = self._uuid_of(None, dev.text)
                if uuid in self.session.aliases.namespaces:
                    out += [p.renamed(f"{dev.text}:{p.text}")
                            for p in self._aliases(uuid, port_prefix, ports.type)]
        return out

    def chains(self, partial):
        """At the start of a path: root aliases, or the next link of an alias chain."""
        if not re.search(r"[\d:]", partial):
            return []
        head, colon, _ = partial.rpartition(":")
        parent_id = None
        for part in head.split(":") if colon else ():
            namespace = self.session.aliases.namespaces.get(parent_id)
            parent_id = namespace.lookup(part) if namespace else None
            if parent_id is None:
                return []
        namespace = self.session.aliases.namespaces.get(parent_id)
        if namespace is None:
            return []
        prefixes = sorted({p for a in snapshot(namespace.ids) if (p := alias_prefix(a))})
        return [c.renamed(head + colon + c.text)
                for p in prefixes for c in self._aliases(parent_id, p, "")]
