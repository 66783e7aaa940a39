"""Commands -> REST calls -> results.  Nothing here prints."""

import copy
import logging

from midoshell import commands as c
from midoshell import existing, model, posted
from midoshell.errors import ApiError, MidoError, ResolveError, UsageError
from midoshell.model.value_kinds import ReferenceList
from midoshell.model.types import media
from midoshell.naming import RowMaker, field_value, row
from midoshell.resolver import NoSuchObject, Obj, json_object
from midoshell.results import Created, Exit, Lines, Nothing, Rows, RowStream

PORT_LINK = media("PortLink-v1")


class Executor:
    """Runs commands.  `session` is the run's state (what it knows and how it behaves: the
    tenant, --may-exist, what it made); the client, resolver and namer are its tools."""

    def __init__(self, session, client, resolver, names):
        self.session = session
        self.client = client
        self.resolver = resolver
        self.names = names

    def run(self, command):
        handler = HANDLERS[type(command)]
        guarded = getattr(command, "may_exist", False) or getattr(command, "if_exists", False) \
            or self.session.may_exist or self.session.if_exists
        self.session.reuse_listings = guarded
        try:
            return handler(self, command)
        except ApiError as error:
            from midoshell.apierrors import explained

            raise explained(error, command) from None
        finally:
            self.session.reuse_listings = False

    def do_ByIdCommand(self, cmd):
        from midoshell.anywhere import expand

        return self.run(expand(self.session, cmd))

    # -- reading --------------------------------------------------------------------------
    def do_ListCommand(self, cmd):
        """Rows made as the listing arrives; each object is packed for the session once its
        row is made (objects.py)."""
        parent = self.resolver.path(cmd.path, fresh_last=False)[-1] if cmd.path else None
        link = cmd.target.link
        objs = self.resolver.each(parent, link, keep=self.session.keeps_listings)
        objs = self.resolver.filter(objs, cmd.filters) if cmd.filters else objs
        packer = None if link.embedded else self.session.packer
        return Rows(RowStream(objs, RowMaker(self.names), model.element_types(link.type),
                              done=None if packer is None else (lambda obj: obj.pack(packer))))

    def do_ShowCommand(self, cmd):
        obj = self.resolver.path(cmd.path)[-1]
        if not cmd.fields:
            return Rows([row(obj, self.names)], single=True)
        for position, word in enumerate(cmd.fields):
            attr = obj.type.attr(word.text)
            if attr is None:
                raise UsageError(f"{word.text!r} is not a field of {obj.type.description}")
            last = position == len(cmd.fields) - 1
            if last and not (_single_reference(attr) and attr.read(obj.doc)):
                return field_value(obj, attr, self.names)
            obj = self.follow(obj, attr)
            if obj is None:
                return Nothing()
        return Rows([row(obj, self.names)], single=True)

    def follow(self, obj, attr):
        """The object a reference field points at (None when it is empty)."""
        uuid = attr.read(obj.doc)
        if not uuid:
            return None
        target = attr.kind.target
        if target == "port":
            self.names.port_name(uuid)  # places the port under its device
            cached = self.session.cache.get(uuid)
            if cached is not None:
                return posted.complete(self.session, cached)
            return self.resolver.by_ref(None, model.root("port"), uuid)
        if target == "device":
            target = model.device_type(obj.doc)
        return self.resolver.by_ref(None, model.root(target), uuid)

    # -- writing --------------------------------------------------------------------------
    def do_CreateCommand(self, cmd):
        parent = self.resolver.path(cmd.path, fresh_last=False)[-1] if cmd.path else None
        link = cmd.target.link
        element = model.object_type(link.type)
        body = copy.deepcopy(getattr(link, "template", {}) or {})
        tenant = element.attr("tenant")
        if tenant is not None and self.session.tenant:
            body[tenant.json] = self.session.tenant
        self.assign(body, cmd.assignments, parent, element, finish=False)
        before = copy.deepcopy(body)
        self.finish(body, cmd.assignments, element)
        if cmd.may_exist or self.session.may_exist:
            match = existing.find(self.session, parent, link, element, cmd.assignments, before,
                                  body)
            if match is not None:
                if match.differing:
                    match.obj = existing.bring(self, match, body)
                if match.obj.id:  # found: named as if the line had made it
                    self.session.created.setdefault(match.obj.id, len(self.session.created))
                    if self.session.aliases.is_listed(match.obj.parent_id, link.name):
                        self.names.alias(match.obj)
                return self.made(match.obj)
        if link.embedded:
            return self.create_embedded(parent, link, element, body)
        item_media = self.resolver.media_for(parent, link)[0]
        location = self.client.create(self.resolver.collection_uri(parent, link), item_media, body)
        if not location:
            raise ResolveError("the server created the object but gave no Location for it")
        obj = self.new_object(parent, link, element, body, location, item_media)
        posted.name_in_order(self.session, obj)
        if obj.id:
            self.session.created[obj.id] = len(self.session.created)
        existing.created(self.session, obj)
        if not obj.type.has_id:
            return Rows([row(obj, self.names, with_prefix=False)])
        self.session.cache[obj.id] = obj
        if self.session.aliases.is_listed(obj.parent_id, link.name) or self.session.show_aliases:
            self.names.alias(obj)
        return self.made(obj)

    def new_object(self, parent, link, element, body, location, item_media):
        """The object a POST made: built from what was sent (see midoshell.posted), or read
        back when the line needs the server's copy."""
        doc = posted.built(element, link, parent, body, location)
        if not posted.needs_server_copy(element, body, doc):
            return Obj(model.concrete_type(link.type, doc), doc, parent, link)
        doc = json_object(self.client.get(location, item_media), f"GET {location}")
        obj = Obj(model.concrete_type(link.type, doc), doc, parent, link)
        late = existing.after_create(element, doc, body)
        if late:  # fields the server only takes from an update (a monitor made down)
            fixed = copy.deepcopy(doc)
            for attr in late:
                attr.write(fixed, attr.read(body), attr.is_inverted(body))
            self.update(obj, fixed)
            obj = Obj(obj.type, fixed, parent, link)
        return obj

    def made(self, obj):
        """What a create prints: the new (or found) object's alias chain or UUID."""
        if not obj.type.has_id:
            return Rows([row(obj, self.names, with_prefix=False)])
        if self.session.show_aliases:
            chain = self.names.chain(obj)
            return Created(chain, obj.id, chain)
        return Created(obj.id, obj.id)

    def create_embedded(self, parent, link, element, body):
        """Option-121 routes and mirror matches live in their parent: append, then PUT it."""
        doc = copy.deepcopy(posted.complete(self.session, parent).doc)
        doc.setdefault(link.uri_key, [])
        doc[link.uri_key] = (doc[link.uri_key] or []) + [body]
        self.update(parent, doc)
        return Rows([row(Obj(element, body, parent, link), self.names, with_prefix=False)])

    def assign(self, doc, assignments, context, element, finish=True):
        for pair in assignments:
            value = pair.value
            if pair.attr.kind.is_reference:
                value = self.resolver.reference(value, context, pair.attr)
            attr = element.attr(pair.attr.name) or pair.attr
            attr.write(doc, value, pair.inverted)
        if finish:
            self.finish(doc, assignments, element)

    @staticmethod
    def finish(doc, assignments, element):
        if element.finish is not None:
            element.finish(doc, {p.attr.name for p in assignments})

    def do_SetCommand(self, cmd):
        may_exist = cmd.may_exist or self.session.may_exist
        pairs = cmd.assignments
        puts = any(p.attr.name != "peer" for p in pairs)  # linking is a POST to the port's link
        obj = self.writable(self.resolver.path(cmd.path, fresh_last=puts and not may_exist)[-1])
        if may_exist:  # send nothing when the object already is what the line says
            posted.knowing(self.session, [obj], [p.attr for p in pairs])
            wanted = copy.deepcopy(obj.doc)
            self.assign(wanted, pairs, obj, obj.type)
            pairs = existing.differing_pairs(obj, pairs, wanted)
        links = [p for p in pairs if p.attr.name == "peer"]
        others = [p for p in pairs if p.attr.name != "peer"]
        for pair in links:
            self.link_ports(obj, self.resolver.reference(pair.value, obj, pair.attr), may_exist)
        if others:
            if may_exist:
                obj = self.refetched(obj)
            doc = copy.deepcopy(obj.doc)
            self.assign(doc, others, obj, obj.type)
            self.update(obj, doc)
        return Nothing()

    def refetched(self, obj):
        """The object as the server has it now.  A PUT replaces the whole object, and a
        listing's copy may lack what the server changed by itself since (a VTEP binding
        adds a VXLAN port to its bridge), so a change is never built on it."""
        if obj.link.embedded or not obj.type.has_id:
            return obj
        doc = self.client.get(obj.doc["uri"], self.item_media(obj))
        return Obj(obj.type, doc, obj.parent, obj.link)

    def link_ports(self, port, peer_id, relink=True):
        """Link a port to another; with `relink`, unlink it first when it is linked elsewhere
        (a `--may-exist` line brings the port to the peer it names)."""
        if relink and port.doc.get("peerId") and port.doc.get("peerId") != peer_id:
            self.client.delete(port.doc["link"])
        self.client.create(port.doc["link"], PORT_LINK, {"peerId": peer_id})
        existing.linked(self.session)

    def do_ClearCommand(self, cmd):
        obj = self.writable(self.resolver.path(cmd.path)[-1])
        doc = copy.deepcopy(obj.doc)
        changed = False
        for attr, _ in cmd.fields:
            attr = obj.type.attr(attr.name) or attr
            if attr.name == "peer":
                self.client.delete(obj.doc["link"])
                existing.linked(self.session)
                continue
            attr.write(doc, attr.kind.cleared())
            changed = True
        if changed:
            self.update(obj, doc)
        return Nothing()

    def do_DeleteCommand(self, cmd):
        if_exists = cmd.if_exists or self.session.if_exists
        try:  # the object's URI is all a DELETE needs: known ones are not read again
            embedded = cmd.path[-1].link.embedded  # (unless it lives in its parent's document)
            obj = self.writable(self.resolver.path(cmd.path, fresh_last=embedded)[-1])
        except (NoSuchObject, ApiError) as error:
            if if_exists and not (isinstance(error, ApiError) and error.status != 404):
                return Nothing()  # nothing to delete
            raise
        if obj.link.embedded:
            parent_doc = copy.deepcopy(obj.parent.doc)
            parent_doc[obj.link.uri_key] = [d for d in obj.parent.doc[obj.link.uri_key] if d != obj.doc]
            self.update(obj.parent, parent_doc)
            return Nothing()
        try:
            self.client.delete(obj.doc["uri"])
        except ApiError as error:
            if not (if_exists and error.status == 404):
                raise
        existing.deleted(self.session)
        if obj.id:
            self.session.aliases.forget(obj.parent_id, obj.id)
            self.session.cache.pop(obj.id, None)
        return Nothing()

    @staticmethod
    def writable(obj):
        if getattr(obj.link, "singleton", False):
            raise UsageError(f"the MidoNet v5 API does not let clients change the {obj.link.name}")
        return obj

    def update(self, obj, doc):
        """PUT a changed document; an embedded element is changed through its parent."""
        if posted.is_partial(doc):  # a PUT replaces the object: it would drop what it lacks
            raise MidoError(f"internal error: a change to {obj.type.description} was built on "
                            f"a partial copy of it; nothing was sent")
        if obj.link.embedded:
            parent_doc = copy.deepcopy(obj.parent.doc)
            parent_doc[obj.link.uri_key] = [doc if d == obj.doc else d
                                         for d in obj.parent.doc[obj.link.uri_key]]
            return self.update(obj.parent, parent_doc)
        if obj.type.update == "none":
            raise UsageError(f"the MidoNet v5 API cannot change {obj.type.description} "
                             f"(delete it and create it anew)")
        if obj.type.update == "replace":
            self.replace(obj, doc)
        else:
            self.client.update(obj.doc["uri"], self.item_media(obj), doc)
        posted.changed(self.session, obj)
        existing.updated(self.session, obj, doc)

    def replace(self, obj, doc):
        """Change an object the API cannot update (rules, routes): delete it and create it
        again with the same id, at the same position; if the new one is refused, the old one
        is put back, so a bad `set` loses nothing."""
        collection = self.resolver.collection_uri(obj.parent, obj.link)
        media_type = self.item_media(obj)
        self.client.delete(obj.doc["uri"])
        try:
            self.client.create(collection, media_type, doc)
        except MidoError:
            self.client.create(collection, media_type, obj.doc)
            raise

    def item_media(self, obj):
        return self.resolver.media_for(obj.parent, obj.link)[0] if obj.parent else obj.type.media

    # -- the rest -------------------------------------------------------------------------
    def do_DescribeCommand(self, cmd):
        from midoshell import help as helptext  # texts only for the commands that print them

        if cmd.target is not None:
            return Lines(helptext.describe_type(cmd.target.type_key))
        if cmd.path:
            return Lines(helptext.describe_type(cmd.path[-1].type_key))
        return Lines(helptext.describe_root())

    def do_HelpCommand(self, cmd):
        from midoshell import help as helptext

        return Lines(helptext.help_lines([w.text for w in cmd.topic]))

    def do_TenantCommand(self, cmd):
        self.session.tenant = cmd.tenant
        self.session.listings.clear()  # root listings are filtered by tenant
        lines = []
        if cmd.tenant is not None and not _keystone_like(cmd.tenant):
            self.session.warn(f"tenant_id={cmd.tenant} is not a 32-char hex string, which is "
                              f"used in Keystone for project id format")
        lines.append(f"tenant_id: {cmd.tenant}")
        return Lines(lines)

    def do_DebugCommand(self, cmd):
        logging.getLogger("midoshell").setLevel(logging.DEBUG if cmd.on else logging.WARNING)
        self.session.debug = cmd.on
        return Lines([f"turned {'on' if cmd.on else 'off'} debug mode"])

    def do_ExitCommand(self, cmd):
        return Exit()

    def do_ExportCommand(self, cmd):
        from midoshell.export import export  # only the command that prints it

        return Lines(export(self.session, cmd))

    def do_WaitCommand(self, cmd):
        from midoshell.wait import wait  # only scripts that wait need it

        return wait(self, cmd)

    def do_RefreshCommand(self, cmd):
        self.session.forget_everything_listed()
        return Nothing()

    def do_EmptyCommand(self, cmd):
        return Nothing()


def _single_reference(attr):
    """A field whose `show` prints the object it points at (not a list of them)."""
    return attr.kind.is_reference and not isinstance(attr.kind, ReferenceList)


def _keystone_like(tenant):
    return len(tenant) == 32 and all(ch in "0123456789abcdefABCDEF" for ch in tenant)


# What runs each kind of command: one table, so a command the parser can build and no
# handler takes fails here, not by a misspelt method name found at run time.
HANDLERS = {
    c.ByIdCommand: Executor.do_ByIdCommand,
    c.ListCommand: Executor.do_ListCommand,
    c.ShowCommand: Executor.do_ShowCommand,
    c.CreateCommand: Executor.do_CreateCommand,
    c.SetCommand: Executor.do_SetCommand,
    c.ClearCommand: Executor.do_ClearCommand,
    c.DeleteCommand: Executor.do_DeleteCommand,
    c.DescribeCommand: Executor.do_DescribeCommand,
    c.HelpCommand: Executor.do_HelpCommand,
    c.TenantCommand: Executor.do_TenantCommand,
    c.DebugCommand: Executor.do_DebugCommand,
    c.ExitCommand: Executor.do_ExitCommand,
    c.ExportCommand: Executor.do_ExportCommand,
    c.WaitCommand: Executor.do_WaitCommand,
    c.RefreshCommand: Executor.do_RefreshCommand,
    c.EmptyCommand: Executor.do_EmptyCommand,
}
