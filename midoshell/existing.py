"""Lines that may find their work done: the object a `--may-exist` create names, and keeping a
run's listings current through its own writes (so a rerun costs one listing per collection)."""

import copy

from midoshell import model
from midoshell.errors import ApiError, ResolveError, UsageError
from midoshell.model.identity import SERVER_SET, SET_AFTER_CREATE, identity, is_empty
from midoshell.posted import is_partial, knowing
from midoshell.resolver import objs_key

PORT_TYPES = ("router-port", "bridge-port", "port")


class Match:
    """An existing object a create line names, and the fields it must be brought to."""

    def __init__(self, obj, differing):
        self.obj, self.differing = obj, differing


def compared_attrs(element, pairs, before, body):
    """The fields a line fixes: those it gives (but not the older forms, which the type's
    finish turns into current fields) and those derived from them (a port's addresses)."""
    given = {p.attr.name for p in pairs}
    return [a for a in element.attrs
            if a.name != "id" and not a.legacy and not a.read_only
            and (element.key, a.name) not in SERVER_SET
            and (a.name in given or a.read(body) != a.read(before))]


def after_create(element, created, body):
    """Fields the server would not take on create (see SET_AFTER_CREATE) that differ."""
    return [a for a in element.attrs if (element.key, a.name) in SET_AFTER_CREATE
            and a.read(body) is not None and a.read(created) != a.read(body)]


def same(attr, doc, body):
    return attr.kind.same(attr.read(doc), attr.read(body)) \
        and attr.is_inverted(doc) == attr.is_inverted(body)


def belongs(obj, link):
    """Only elements a line could have made: a bridge's own ports, not the VXLAN ports a
    VTEP binding adds; a router's routes, not the Local routes of its ports nor learned ones."""
    if any(obj.doc.get(k) != v for k, v in (getattr(link, "template", None) or {}).items()):
        return False
    if obj.type.key == "route" and (obj.doc.get("type") == "Local" or obj.doc.get("learned")):
        return False
    return True


def find(session, parent, link, element, pairs, before, body):
    """The existing object a create line names (a Match), or None when it must be made."""
    rule = identity(element.key)
    objs = [o for o in session.resolver.listing(parent, link) if belongs(o, link)]
    compared = compared_attrs(element, pairs, before, body)
    naming = [element.attr(f) for f in (rule.fields if rule else ()) if element.attr(f)]
    objs = knowing(session, objs, compared + naming)  # those made by this run may lack some
    names = {a.name for a in compared}
    # what tells objects apart; a field only an update sets may differ and be brought
    telling = [a for a in compared if (element.key, a.name) not in SET_AFTER_CREATE]
    wanted = [o for o in objs if all(same(a, o.doc, body) for a in telling)]
    if any(p.attr.name == "id" for p in pairs):
        matches = [o for o in objs if o.id == body.get("id")]
        return _match(matches[0], compared, body) if matches else None
    if rule is None:
        raise UsageError(f"{element.description} has no identity: the server makes them")
    if rule.rule == "unique" and names & set(rule.fields):
        return _unique(session, parent, link, rule, objs, compared, body)
    if rule.rule == "position":
        return _rule(session, objs, compared, body)
    if rule.rule == "unique" and not rule.partial:  # `create router`: a nameless router
        key_attrs = [element.attr(f) for f in rule.fields if element.attr(f) is not None]
        wanted = [o for o in wanted if all(is_empty(a.read(o.doc)) for a in key_attrs)]
    if rule.rule == "nth" and not rule.whole:
        wanted, compared_key = objs, ()
    else:
        compared_key = tuple((a.name, repr(a.read(body)), a.is_inverted(body)) for a in telling)
    key = (objs_key(parent, link), compared_key)
    nth = session.occurrences.get(key, 0)
    session.occurrences[key] = nth + 1
    return _match(wanted[nth], compared, body) if nth < len(wanted) else None


def _rule(session, objs, compared, body):
    """A rule: one with the same conditions and action that no earlier line of this run took,
    the one at the line's position if there is one there.  Rules made without a position go
    first (the server's default is 1), so positions move as a script runs; the position is a
    preference, not part of what a rule is."""
    fields = [a for a in compared if a.name != "pos"]
    wanted = [o for o in objs if o.id not in session.created
              and all(same(a, o.doc, body) for a in fields)]
    there = [o for o in wanted if o.doc.get("position") == body.get("position")]
    chosen = (there or wanted or [None])[0]
    return _match(chosen, fields, body) if chosen is not None else None


def _unique(session, parent, link, rule, objs, compared, body):
    fields = [a for a in compared if a.name in rule.fields]
    absent = [] if rule.partial else [
        a for a in model.object_type(link.type).attrs
        if a.name in rule.fields and a not in fields]
    matches = [o for o in objs if all(same(a, o.doc, body) for a in fields)
               and all(is_empty(a.read(o.doc)) for a in absent)]
    if len(matches) > 1:
        what = " ".join(f"{a.name} {a.kind.format(a.read(body), session.names)}" for a in fields)
        where = session.resolver.describe_collection(parent, link)
        listed = ", ".join(_named(session, o) for o in matches)
        raise ResolveError(f"{len(matches)} objects in {where} have {what}: {listed}; "
                           f"the line names none of them (give an id, or delete one)")
    return _match(matches[0], compared, body) if matches else None


def _named(session, obj):
    if not obj.type.has_id:
        return repr(obj.doc)
    alias = session.names.alias(obj)
    return f"{alias} ({obj.id})" if alias else obj.id


def _match(obj, compared, body):
    """The object found, with the fields the line gives that it does not have."""
    return Match(obj, [a for a in compared if not same(a, obj.doc, body)])


def bring(executor, match, body):
    """Change an existing object to what the line says, saying so on stderr; fail when the
    API cannot change that type.  Returns the object as it now is."""
    obj, session = match.obj, executor.session
    what = f"{obj.type.key} {session.names.chain(obj) or ''}".strip()
    changes = ", ".join(f"{a.name} {_shown(a, obj.doc, session)} -> {_shown(a, body, session)}"
                        for a in match.differing)
    if obj.type.update == "none" and not obj.link.embedded:
        raise UsageError(f"{what} exists and differs ({changes}); the MidoNet v5 API cannot "
                         f"change {obj.type.description}: delete it first")
    doc = obj.doc
    links = [a for a in match.differing if a.name == "peer"]
    others = [a for a in match.differing if a.name != "peer"]
    for _ in links:
        executor.link_ports(obj, body.get("peerId"))
    if others:
        obj = executor.refetched(obj)
        doc = copy.deepcopy(obj.doc)
        for attr in others:
            slot = attr.slot(doc, writing=True)
            attr.kind.write(attr, slot, attr.read(body))
            if attr.invert:
                slot[attr.invert] = attr.is_inverted(body)
        try:
            executor.update(obj, doc)
        except ApiError as error:
            if error.status != 405:
                raise
            raise UsageError(f"{what} exists and differs ({changes}); the MidoNet v5 API "
                             f"cannot change {obj.type.description} (it answers 405): delete "
                             f"it first") from None
    session.notice(f"{what} existed: set {changes}")
    return type(obj)(obj.type, doc, obj.parent, obj.link)


def _shown(attr, doc, session):
    text = attr.kind.format(attr.read(doc), session.names)
    if text is not None and attr.is_inverted(doc):
        text = "!" + text
    return "(none)" if text is None else text


def differing_pairs(obj, pairs, body):
    """For `--may-exist set`: the assignments that would change something."""
    return [p for p in pairs
            if not same(obj.type.attr(p.attr.name) or p.attr, obj.doc, body)]


# -- keeping a run's listings current --------------------------------------------------------
def created(session, obj):
    """A new object joins its collection's listing; listings it may change are dropped."""
    key = objs_key(obj.parent, obj.link)
    known = session.listings.get(key)
    _drop(session, lambda k, link: k != key and (
        link.type == obj.link.type or k[0] == key[0] and k[0] is not None
        or obj.type.key == "vtep-binding" and link.type in PORT_TYPES))
    if known is not None:
        if "position" in obj.doc or _placed_by_server(obj):
            del session.listings[key]  # made at a position: the ones after it moved down
        else:
            known[1].append(obj)


def _placed_by_server(obj):
    """A rule made without a position (known only from its POST): the server puts it first."""
    attr = obj.type.attr("pos")
    return attr is not None and is_partial(obj.doc) and attr.json not in obj.doc


def updated(session, obj, doc):
    """An object was changed to `doc` (by PUT, or deleted and made again with its id)."""
    key = objs_key(obj.parent, obj.link)
    known = session.listings.get(key)
    if known is not None:
        known[1][:] = [type(o)(o.type, doc, o.parent, o.link) if o.id == obj.id and o.id else o
                       for o in known[1]]
    _drop(session, lambda k, link: k != key and k[0] is not None and k[0] == key[0])
    if obj.type.key in PORT_TYPES:  # its Local routes, its peer
        _drop(session, lambda k, link: k[0] is not None)


def linked(session):
    """Linking or unlinking changes two ports, maybe of two devices."""
    _drop(session, lambda k, link: link.type in PORT_TYPES)


def deleted(session):
    """Deleting takes children, routes, memberships and references with it: list anew."""
    session.listings.clear()


def _drop(session, test):
    for key in [k for k, (link, _) in session.listings.items() if test(k, link)]:
        del session.listings[key]
