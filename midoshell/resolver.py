"""Object paths, aliases and reference values -> objects on the server.

An alias the session has not seen is resolved by listing its collection once.  Listing
gives aliases in a stable order, so the same server state always gives the same aliases:
root collections by name (numbers in names compared as numbers), then UUID; a parent's
collections (ports, routes, members, bindings) in the server's order, which is the order
they were added in.
"""

import itertools

from midoshell import model
from midoshell.aliases import alias_prefix
from midoshell.anywhere import is_id_prefix
from midoshell.errors import ApiError, ResolveError
from midoshell.model.value_kinds import ReferenceList, is_uuid
from midoshell.output.safe import visible
from midoshell.objects import Obj
from midoshell.ordering import creation_ordered, root_ordered
from midoshell.posted import complete, is_partial, knowing


class NoSuchObject(ResolveError):
    """The path names nothing on the server (what `--if-exists` lets pass)."""


def json_objects(answer, what):
    """A collection answer as the list of JSON objects it must be: the server's JSON is
    untrusted.  Not a list: an error saying so; items that are not objects: left out."""
    if answer is None:
        return [], 0
    if not isinstance(answer, list):
        raise ApiError(502, f"the API answered {what} with something that is not a list")
    objects = [item for item in answer if isinstance(item, dict)]
    return objects, len(answer) - len(objects)


def json_object(answer, what):
    if not isinstance(answer, dict):
        raise ApiError(502, f"the API answered {what} with something that is not an object")
    return answer


class Resolver:
    """Finds objects for a session: fetching, listing, aliasing."""

    def __init__(self, session, client, names=None):
        """`session`: the run's state (its cache, listings, tenant); `names`: the namer,
        given by the session once both exist (each needs the other)."""
        self.session = session
        self.client = client
        self.aliases = session.aliases
        self.names = names
        # Objects listed by the command running, to resolve an alias it names: as fresh as a
        # GET of one of them would be, so the object the command reads or changes is taken
        # from there (`show bridge bridge0` in a new session: one listing, no second GET).
        self.listed_now = {}

        self.decoded = 0  # objects the command running has decoded from listings

    def new_command(self):
        self.listed_now = {}
        self.decoded = 0

    # -- collections ----------------------------------------------------------------------
    def collection_uri(self, parent, link):
        if parent is None:
            return self.client.root_link(link.collection_key)
        uri = parent.doc.get(link.uri_key)
        if not uri and is_partial(parent.doc):  # a link not built from the POST
            uri = complete(self.session, parent).doc.get(link.uri_key)
        if not uri:
            raise ResolveError(f"the server gives no {link.name} collection for this "
                               f"{parent.type.key}")
        return uri

    def media_for(self, parent, link):
        """(item, collection) media types of a collection's elements."""
        if parent is not None and parent.type.child_media is not None:
            return parent.type.child_media(parent.doc)
        element = model.object_type(link.type)
        return element.media, element.collection_media

    def list(self, parent, link, name=True):
        """Every element of a collection, in alias order; gives each one an alias (unless
        `name` is false: a `--may-exist` line looks first, so that what it finds can take
        the alias it would have had if the line had made it)."""
        objs = list(self.each(parent, link, name))
        packer = self.session.packer
        if packer is not None and not link.embedded:
            for obj in objs:
                obj.pack(packer)
        return objs

    def each(self, parent, link, name=True, keep=True):
        """`list` one object at a time.  A parent's collection, in the server's order, comes
        as the answer arrives (each object named and remembered before it is given out);
        a top-level one, sorted by name, once it has all come.  Unless `keep`, the objects
        are neither named nor kept (Session.keeps_listings)."""
        if getattr(link, "singleton", False):
            raise ResolveError(f"{link.name} is a single object, not a collection")
        known = self.session.listings.get(objs_key(parent, link))
        if known is not None and self.session.reuse_listings and not link.embedded \
                and not any(is_partial(o.doc) for o in known[1]):  # else rows would lack fields
            objs = known[1]  # a guarded run lists a collection once
            if parent is None:
                root_ordered(objs)
            if name:
                self.name_all(parent, link, objs, everything=False)
            return iter(objs)
        if link.embedded:
            complete(self.session, parent)  # the list is the parent's own: not in its POST
            docs, _ = json_objects(parent.doc.get(link.uri_key), f"{link.uri_key} of {parent.id}")
            return iter([Obj(model.object_type(link.type), d, parent, link) for d in docs])
        objs = self.fetched(parent, link)
        if not keep:
            return iter(root_ordered(list(objs))) if parent is None else objs
        if parent is not None and (not name or len(self.session.created) < 2):
            return self._as_they_come(parent, link, objs, name)  # no creation order to mind
        objs = list(objs)
        if parent is None:
            root_ordered(objs)
        if name:
            self.name_all(parent, link, objs, everything=False)
        else:  # not named yet, but known: reaching them costs no request
            for obj in objs:
                if obj.type.has_id and obj.id:
                    self.remember(obj)
        self.session.listings[(objs_key(parent, link))] = (link, objs)
        return iter(objs)

    def _as_they_come(self, parent, link, objs, name):
        """Name (as name_all would) and remember each object before it is given out; the
        collection counts as listed once its last object has come."""
        namespace = self.aliases.namespace(parent.id)
        kept = []
        for obj in objs:
            if obj.type.has_id and obj.id:
                if name:
                    namespace.assign(obj.type.prefix, obj.id)
                self.remember(obj)
            kept.append(obj)
            yield obj
        if name:
            self.aliases.mark_listed(parent.id, link.name)
        self.session.listings[(objs_key(parent, link))] = (link, kept)

    def fetched(self, parent, link):
        """The collection's objects in the server's order, as its answer arrives."""
        params = None
        if parent is None and link.tenant_filtered and self.session.tenant:
            params = {"tenant_id": self.session.tenant}
        uri = self.collection_uri(parent, link)
        batches = self._batches(uri, self.media_for(parent, link)[1], params)
        return itertools.chain.from_iterable(self._objects(parent, link, uri, batches))

    def _batches(self, uri, media, params):
        if getattr(type(self.client), "get_batches", None) is not None:  # the real client
            return self.client.get_batches(uri, media, params)
        answer = self.client.get(uri, media, params)  # a stand-in (a plan, a test's)
        if answer is not None and not isinstance(answer, list):
            raise ApiError(502, f"the API answered GET {uri} with something that is not a list")
        return [answer] if answer else []

    def _objects(self, parent, link, uri, batches):
        """Lists of the objects of lists of items: made a list at a time (a listing of
        tens of thousands spends little per object on the way to its printing)."""
        same_type = None if link.type == "port" else model.object_type(link.type)
        only = list(link.only.items())
        odd = count = 0
        for items in batches:
            count += len(items)
            if same_type is not None:
                objs = [Obj(same_type, item, parent, link) for item in items
                        if item.__class__ is dict]
            else:
                objs = [Obj(model.concrete_type(link.type, item), item, parent, link)
                        for item in items if item.__class__ is dict]
            odd += len(items) - len(objs)
            if only:
                objs = [o for o in objs if all(o.doc.get(k) == v for k, v in only)]
            if objs:
                yield objs
        self.decoded += count
        if odd:
            self.session.warn(visible(f"{odd} item(s) of GET {uri} are not JSON objects; "
                                      f"left out"))

    def listing(self, parent, link):
        """The collection as this run knows it: listed once, then kept current by the run's
        own writes (see Executor), so finding existing objects costs no request per line."""
        known = self.session.listings.get(objs_key(parent, link))
        if known is not None and not link.embedded:
            return known[1]
        return self.list(parent, link, name=False)

    def name_all(self, parent, link, objs, everything=True):
        """Give listed objects their aliases (in listing order) and remember them.

        Objects this session's create lines made (or, with `--may-exist`, found) take the
        places of the listing they hold in the order of those lines: a script that creates
        two routers of the same name and then names them router0 and router1 means the first
        and the second, whatever their UUIDs.  A child collection is in the server's order,
        the order things were made in, so a script run again gets the aliases its first run
        gave.  A top-level collection is sorted by name, so in a `--may-exist` run the
        objects the run has made or found so far come first, as they would in an empty
        deployment, and the others (`everything`) only when an alias is not found among
        them."""
        parent_id = parent.id if parent is not None else None
        ns = self.aliases.namespace(parent_id)
        made = self.session.created
        ordered = creation_ordered(objs, made)
        if parent is None and self.session.reuse_listings and not everything \
                and any(o.id in made for o in objs):
            ordered = [o for o in ordered if o.id in made]
        for obj in ordered:
            if obj.type.has_id and obj.id:
                ns.assign(obj.type.prefix, obj.id)
                self.remember(obj)
        self.aliases.mark_listed(parent_id, link.name)

    # -- paths ----------------------------------------------------------------------------
    def path(self, steps, fresh_last=True):
        """One Obj per step.  The object a command reads or changes (the last one, when
        `fresh_last`) is fetched from the server; objects that only lead to it (parents,
        whose ids and collection links never change) come from the session when it has
        them, which saves a script a GET per line."""
        objs, parent = [], None
        for position, step in enumerate(steps):
            cached_ok = not fresh_last or position < len(steps) - 1
            parent = self.step(parent, step, cached_ok)
            objs.append(parent)
        return objs

    def step(self, parent, step, cached_ok=False):
        if step.singleton:
            doc = self.client.get(self.client.root_link(step.link.collection_key),
                                  model.object_type(step.type_key).media)
            return Obj(model.object_type(step.type_key), doc, None, step.link)
        if step.ref is not None:
            return self.by_ref(parent, step.link, step.ref.text, cached_ok)
        return self.by_filters(parent, step.link, step.filters)

    def by_ref(self, parent, link, ref, cached_ok=False):
        if is_uuid(ref):
            uuid = ref.lower()
        elif is_id_prefix(ref):
            uuid = self.prefix_id(parent, link, ref.lower())
        else:
            uuid = self.alias_id(parent, link, ref)
        # a listed object stands for one fresh read only: a command reading again (a wait
        # polling) must ask the server again
        known = self.session.cache.get(uuid) if cached_ok else self.listed_now.pop(uuid, None)
        if known is not None and known.parent_id == (parent.id if parent else None) \
                and known.link.name == link.name and (cached_ok or not is_partial(known.doc)):
            return known
        return self.by_id(parent, link, uuid)

    def alias_id(self, parent, link, alias):
        """The UUID an alias names in a parent's namespace, listing the collection if needed."""
        parent_id = parent.id if parent is not None else None
        ns = self.aliases.namespace(parent_id)
        uuid = ns.lookup(alias)
        if uuid is None and alias not in ns.deleted:
            objs = self.list(parent, link)
            self.listed_now.update((o.id, o) for o in objs if o.id)
            uuid = ns.lookup(alias)
            if uuid is None and parent is None and self.session.reuse_listings:
                self.name_all(parent, link, objs, everything=True)
                uuid = ns.lookup(alias)
        if uuid is None:
            raise self.unknown_alias(parent, link, alias, ns)
        return uuid

    def prefix_id(self, parent, link, prefix):
        """The one id in a collection starting with `prefix` (8+ hex digits)."""
        ids = [o.id for o in self.list(parent, link) if o.id and o.id.lower().startswith(prefix)]
        if len(ids) == 1:
            return ids[0]
        where = self.describe_collection(parent, link)
        if not ids:
            raise NoSuchObject(f"no id in {where} starts with {prefix}")
        raise ResolveError(f"{len(ids)} ids in {where} start with {prefix} "
                           f"({', '.join(ids[:5])}{', …' if len(ids) > 5 else ''}): "
                           f"type more of the id")

    def unknown_alias(self, parent, link, alias, ns):
        where = self.describe_collection(parent, link)
        if alias in ns.deleted:
            return NoSuchObject(f"{alias} was deleted in this session ({where})")
        prefix = model.object_type(link.type).prefix
        held = ns.aliases(prefix)
        holds = f"it holds {_span(held)}" if held else "it is empty"
        return NoSuchObject(f"no {alias} in {where}: {holds}")

    def describe_collection(self, parent, link):
        if parent is None:
            return f"the {link.name} collection"
        return f"the {link.name} collection of {parent.type.key} {self.names.chain(parent)}"

    def by_id(self, parent, link, uuid):
        element = model.object_type(link.type)
        if not element.has_id:
            raise ResolveError(f"{link.name} objects have no id; select one with FIELD VALUE")
        uri = self.client.template_uri(element.template_key, uuid)
        doc = json_object(self.client.get(uri, self.media_for(parent, link)[0]), f"GET {uri}")
        obj = Obj(model.concrete_type(link.type, doc), doc, parent, link)
        self._check_parent(obj, uuid)
        self.remember(obj)
        return obj

    def remember(self, obj):
        """Cache an object for naming; a port seen under its device keeps that place even
        when the root `port` collection is listed again."""
        known = self.session.cache.get(obj.id)
        if obj.parent is not None or known is None or known.parent is None:
            self.session.cache[obj.id] = obj

    def _check_parent(self, obj, uuid):
        """A child fetched by id must really be under the parent named in the path."""
        key = getattr(obj.link, "parent_key", "")
        expected = getattr(obj.link, "type", None)
        if obj.parent is not None and not self._belongs(obj, key):
            raise NoSuchObject(f"{uuid} is not in the {obj.link.name} collection of "
                               f"{obj.parent.type.key} {self.names.chain(obj.parent)}")
        if expected in ("router-port", "bridge-port") and obj.type.key != expected:
            raise ResolveError(f"{uuid} is a {obj.type.description}, not a {expected}")

    def _belongs(self, obj, key):
        """Whether an object fetched by id is in its parent's collection: by the field that
        names the parent when the server gives one, else by listing the collection."""
        if key and key in obj.doc:
            return obj.doc[key] == obj.parent.id
        return any(o.id == obj.id for o in self.list(obj.parent, obj.link))

    def by_filters(self, parent, link, filters):
        objs = self.listing(parent, link) if self.session.reuse_listings else \
            self.list(parent, link)
        matches = self.filter(objs, filters)
        if len(matches) == 1:
            return matches[0]
        what = " ".join(f"{p.name.text} {p.text}" for p in filters)
        where = self.describe_collection(parent, link)
        if not matches:
            raise NoSuchObject(f"nothing in {where} has {what}")
        listed = ", ".join(o.id or "(no id)" for o in matches[:6]) + \
            (", …" if len(matches) > 6 else "")
        raise ResolveError(f"{len(matches)} objects in {where} have {what} ({listed}): add a "
                           f"field or use an alias or UUID")

    def filter(self, objs, filters):
        wanted = [(p, self.filter_value(p)) for p in filters]
        objs = knowing(self.session, list(objs), [p.attr for p in filters])  # read twice
        return [o for o in objs if all(self.matches(o, p, v) for p, v in wanted)]

    def filter_value(self, pair):
        if pair.attr.kind.is_reference:
            return self.reference(pair.value, None, pair.attr)
        return pair.value

    @staticmethod
    def matches(obj, pair, value):
        attr = obj.type.attr(pair.attr.name)
        if attr is None:
            return False
        have = attr.read(obj.doc)
        if isinstance(have, str) and isinstance(value, str) and is_uuid(value):
            return have.lower() == value.lower()
        return have == value

    # -- reference values -----------------------------------------------------------------
    def reference(self, ref, context, attr):
        """A reference value -> UUID (a list of them for list fields).

        `context` is the Obj the command works in.  A single alias is looked up in the
        namespaces of the command's objects, nearest first, then at the root; `a:b` chains
        start at the root.  midonet-cli looked only at the root, so
        `router router0 add route … port port0` failed there.
        """
        kind = attr.kind
        if ref.path:  # only the id is wanted, and ids never change: no fresh fetch
            return self.expect(self.path(ref.path, fresh_last=False)[-1], kind, ref.text).id
        text = ref.words[0].text
        if isinstance(kind, ReferenceList):
            return [self.one_reference(item.strip(), context, kind.item, attr)
                    for item in text.split(",") if item.strip()]
        return self.one_reference(text, context, getattr(kind, "item", kind), attr)

    def one_reference(self, text, context, kind, attr):
        if is_uuid(text):
            return text.lower()
        if is_id_prefix(text):
            from midoshell.anywhere import Finder

            return self.expect(Finder(self.session).find(text), kind, text).id
        if ":" in text:
            return self.expect(self.chain(None, text), kind, text).id
        for scope in _scopes(context):
            obj = self.try_alias(scope, text)
            if obj is not None:
                return self.expect(obj, kind, text).id
        raise ResolveError(f"{text} names no object (expected {kind.expected} for "
                           f"{attr.name})")

    @staticmethod
    def expect(obj, kind, text):
        """The object a reference names must be of the type the field wants."""
        if obj.type.key not in {t.key for t in model.element_types(kind.target)}:
            raise ResolveError(f"{text} is {obj.type.description}, not a {kind.target}")
        return obj

    def chain(self, start, text):
        obj = start
        for part in text.split(":"):
            found = self.try_alias(obj, part)
            if found is None:
                where = "at the top level" if obj is None else \
                    f"under {obj.type.key} {self.names.chain(obj)}"
                raise NoSuchObject(f"no {part} {where} (in {text})")
            obj = found
        return obj

    def try_alias(self, parent, alias):
        """The object `alias` names among the collections of `parent` (None: root), if any."""
        prefix = alias_prefix(alias)
        if prefix is None:
            return None
        links = model.ROOTS if parent is None else parent.type.children
        for link in links:
            if model.object_type(link.type).prefix != prefix:
                continue
            try:
                return self.by_ref(parent, link, alias, cached_ok=True)
            except ResolveError:
                continue
        return None


def objs_key(parent, link):
    """How a run keeps a collection's listing: by parent and collection name."""
    if parent is None:
        return (None, link.name)
    return (parent.id or parent.doc.get("uri") or repr(parent.doc), link.name)


def _scopes(context):
    """The command's object and its parents, nearest first, then the root."""
    scopes = []
    while context is not None:
        scopes.append(context)
        context = context.parent
    return scopes + [None]


def _span(aliases):
    if len(aliases) <= 6:
        return ", ".join(aliases)
    return f"{aliases[0]} … {aliases[-1]} ({len(aliases)} objects)"
