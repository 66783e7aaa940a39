"""Generic CRUD for a top-level collection (`/routers`, `/routers/{id}`) of the sandbox.

Each resource states only what differs: how a body becomes a stored document, how a
document is rendered with its links, what refuses its DELETE, and which methods the real
server lacks (those answer 405). What a delete does to other objects is declared once, in
deletes.py.
"""

import uuid
from dataclasses import dataclass

from .. import deletes
from ..errors import already_exists
from ..web import PROTO, created, no_content


@dataclass
class TopLevel:
    """kind: store kind; segment: URI segment; types: media.Types.

    read(ctx, body, obj_id, current) -> doc (current is None on create); render(ctx, doc);
    refuse_delete(store, doc) raises the resource's answer to a DELETE it will not do (the
    server's checks before a delete); delete_checks_missing: 404 for a missing id
    (else 204, "ignoring missing", as for routers and tunnel zones); tenant_filter: honour
    `?tenant_id=`; updatable: False where the server has no PUT; listed: False where the
    objects are listed and made only under a parent (the top-level path answers 405).
    """

    kind: str
    segment: str
    types: object
    read: object
    render: object
    refuse_delete: object = None
    delete_checks_missing: bool = True
    tenant_filter: bool = False
    updatable: bool = True
    listed: bool = True

    def list(self, ctx):
        tenant = ctx.query("tenant_id") if self.tenant_filter else None
        match = {} if tenant is None else {"tenantId": tenant}
        return ctx.list_kind(self.kind, self.types.list, self.render, **match)

    def create(self, ctx):
        body = ctx.body(self.types.item)
        return self.insert(ctx, self.read(ctx, body, body.uuid("id") or str(uuid.uuid4()),
                                          None))

    def insert(self, ctx, doc):
        """Store a new object: 201 with its URI, or 409 when its id is taken."""
        if not ctx.store.insert(self.kind, doc["id"], doc):
            raise already_exists(PROTO[self.kind], doc["id"])
        return created(ctx.uri(self.segment, doc["id"]))

    def get(self, ctx, obj_id):
        return ctx.item(self.kind, obj_id, self.types.item, self.render)

    def update(self, ctx, obj_id):
        body = ctx.body(self.types.item)
        current = ctx.load(self.kind, obj_id)
        ctx.store.replace(self.kind, obj_id, self.read(ctx, body, obj_id, current))
        return no_content()

    def delete(self, ctx, obj_id):
        doc = ctx.load(self.kind, obj_id) if self.delete_checks_missing else \
            ctx.store.get(self.kind, obj_id)
        if doc is not None:
            if self.refuse_delete is not None:
                self.refuse_delete(ctx.store, doc)
            deletes.delete(ctx.store, self.kind, obj_id, doc)
        return no_content()

    def routes(self, update=None):
        """The collection's and the item's routes; `update`: a PUT of the resource's own."""
        item = {"GET": self.get, "DELETE": self.delete}
        if self.updatable:
            item["PUT"] = update or self.update
        collection = {"GET": self.list, "POST": self.create} if self.listed else {}
        return [(f"/{self.segment}", collection, {}), (f"/{self.segment}/<obj_id>", item, {})]
