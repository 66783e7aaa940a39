"""A bare UUID (or a unique prefix of one) names an object whatever its type.

`show 3f2a…` and `delete 3f2a…` are rewritten as the path that names the object
(`router 3f2a…`, `chain C rule 3f2a…`) once the object has been found, and interpreted anew;
so every verb, and every word after the object, means what it means after a typed path.
"""

import re

from midoshell import commands as c
from midoshell import model
from midoshell.errors import ApiError, ResolveError
from midoshell.model.value_kinds import is_uuid

# 8 or more hex digits, perhaps with the UUID's dashes: the start of a UUID.
_PREFIX = re.compile(r"^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{0,4}){0,3}(?:-[0-9a-fA-F]{0,12})?$")
SHOWN = 5  # candidates named when a prefix is ambiguous


def is_id_prefix(text):
    """A UUID prefix of 8+ hex digits (not a whole UUID), typed where an object goes."""
    return bool(_PREFIX.match(text)) and not is_uuid(text)


def names_by_id(text):
    return is_uuid(text) or is_id_prefix(text)


def _searched_roots():
    return [r for r in model.ROOTS if not r.singleton and model.object_type(r.type).has_id
            and model.object_type(r.type).template_key]


def _child_links():
    """(parent type, Child) for collections whose elements can be fetched by id alone
    (routes, rules, pools, BGP peers, …)."""
    roots = {r.type for r in model.ROOTS}
    found = []
    for parent in model.TYPES.values():
        for child in parent.children:
            element = model.object_type(child.type)
            if child.type not in roots and element.template_key:
                found.append((parent, child))
    return found


def _parent_id(doc, parent_type, child):
    """The id of the parent an element's document names: by its parent field (`routerId`),
    else by the parent's URI (a BGP peer's `router`)."""
    if child.parent_key:
        return doc.get(child.parent_key)
    uri = doc.get(parent_type.key)
    if isinstance(uri, str):
        tail = uri.rstrip("/").rsplit("/", 1)[-1]
        return tail if is_uuid(tail) else None
    return None


class Finder:
    """Finds the object a UUID or prefix names, asking the server as little as it can."""

    def __init__(self, session):
        self.session = session
        self.resolver = session.resolver

    def find(self, text):
        if is_uuid(text):
            return self.by_uuid(text.lower())
        return self.by_prefix(text.lower())

    def by_uuid(self, uuid):
        known = self.session.cache.get(uuid)
        if known is not None:
            return known
        for root in _searched_roots():
            obj = self._fetch(None, root, uuid)
            if obj is not None:
                return obj
        for parent_type, child in _child_links():
            obj = self._child(parent_type, child, uuid)
            if obj is not None:
                return obj
        raise _missing(f"no object has the id {uuid}")

    def _fetch(self, parent, link, uuid):
        try:
            return self.resolver.by_id(parent, link, uuid)
        except ApiError as error:
            if error.status in (400, 404):
                return None
            raise
        except ResolveError:
            return None

    def _child(self, parent_type, child, uuid):
        """A route, rule, … fetched by id, placed under the parent its document names."""
        element = model.object_type(child.type)
        try:
            doc = self.session.client.get(
                self.session.client.template_uri(element.template_key, uuid), element.media)
        except ApiError as error:
            if error.status in (400, 404):
                return None
            raise
        except KeyError:  # the server has no such template
            return None
        parent_id = _parent_id(doc or {}, parent_type, child) if isinstance(doc, dict) else None
        if not parent_id:
            return None
        parent = self.find_parent(parent_type, parent_id)
        return None if parent is None else self._fetch(parent, child, uuid)

    def find_parent(self, parent_type, parent_id):
        roots = [r for r in model.ROOTS if r.type == parent_type.key]
        if roots:
            return self._fetch(None, roots[0], parent_id)
        for grand_type, link in _child_links():
            if link.type == parent_type.key:
                return self._child(grand_type, link, parent_id)
        return None

    def by_prefix(self, prefix):
        """A unique prefix: among the objects the session holds and every top-level
        collection (children such as routes are found once their parent has been listed)."""
        matches = {uuid: obj for uuid, obj in self.session.cache.items()
                   if uuid and uuid.startswith(prefix)}
        for root in _searched_roots():
            for obj in self.resolver.list(None, root):
                if obj.id and obj.id.lower().startswith(prefix):
                    matches.setdefault(obj.id.lower(), obj)
        if len(matches) == 1:
            return next(iter(matches.values()))
        if not matches:
            raise _missing(f"no object has an id starting with {prefix} (searched the "
                           f"top-level collections and the objects seen in this session)")
        named = [f"{o.type.key} {o.id}" for o in list(matches.values())[:SHOWN]]
        more = f", and {len(matches) - SHOWN} more" if len(matches) > SHOWN else ""
        raise ResolveError(f"{len(matches)} objects have ids starting with {prefix}: "
                           f"{', '.join(named)}{more}; type more of the id")


def _missing(message):
    from midoshell.resolver import NoSuchObject  # the resolver imports this module

    return NoSuchObject(message)


def path_words(obj, column):
    """The words of a path naming `obj` (`router ID port ID`), all at the id's column."""
    words = []
    while obj is not None:
        words[:0] = [c.Word(obj.link.name, column), c.Word(obj.id, column)]
        obj = obj.parent
    return words


def expand(session, cmd):
    """The command a line starting with a bare id means, once the object is found."""
    from midoshell.interpret import guarded, interpret

    first = cmd.words[0]
    from midoshell.resolver import NoSuchObject

    try:
        obj = Finder(session).find(first.text)
    except NoSuchObject:
        if cmd.guard == "if-exists" and cmd.verb == "delete":
            return c.EmptyCommand()  # nothing to delete
        raise
    if session.show_aliases:
        session.names.alias(obj)  # the object gets its alias, as a listing would give it
    path = path_words(obj, first.column)
    words = path + cmd.words[1:]
    boundary = cmd.boundary + len(path) - 1 if cmd.boundary > 0 else 0
    command = interpret(cmd.verb, words[:boundary], words[boundary:], cmd.line)
    return guarded(cmd.guard, command, cmd.line) if cmd.guard else command
