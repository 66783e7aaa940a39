"""Collections a parent owns (`/routers/{id}/routes`, `/pools/{id}/vips`, …): one helper
lists them under the parent and, where the server allows it, creates one there.

A child is any stored object whose `field` names the parent; it is served at its own URI
(its TopLevel's). Where the servers differ they differ in order: a hand-written JAX-RS
method checks the Accept header before it looks the parent up (`accept_first`), and some
look the parent up before they read the body (`parent_first`).
"""

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Owned:
    """parent: the store kind the path names; kind, field: the children and their field
    naming the parent; render(ctx, doc); types: the list's media types; generic: plain json
    allowed; child: the children's TopLevel, when POST creates one here, and check_new(ctx,
    doc) what the server checks of a new child once its parent is found."""

    parent: str
    kind: str
    field: str
    render: object
    types: list
    generic: bool = True
    accept_first: bool = False
    child: object = None
    parent_first: bool = False
    check_new: object = None

    def list(self, ctx, parent_id):
        if self.accept_first:
            ctx.accept(self.types, self.generic)
        ctx.load(self.parent, parent_id)
        return ctx.list_kind(self.kind, self.types, self.render, self.generic,
                             **{self.field: parent_id})

    def create(self, ctx, parent_id):
        """The child read from the body, whatever parent the body names: the path's."""
        if self.parent_first:
            ctx.load(self.parent, parent_id)
        body = ctx.body(self.child.types.item)
        body.data[self.field] = parent_id
        doc = self.child.read(ctx, body, body.uuid("id") or str(uuid.uuid4()), None)
        if not self.parent_first:
            ctx.load(self.parent, parent_id)
        if self.check_new is not None:
            self.check_new(ctx, doc)
        return self.child.insert(ctx, doc)

    def handlers(self):
        """{method: handler} for the collection's path (its placeholder: `parent_id`)."""
        served = {"GET": self.list}
        if self.child is not None:
            served["POST"] = self.create
        return served
