"""Memberships (a tunnel zone's hosts, a port group's ports): one helper serves them.

A membership is stored as an object of its own, keyed `<group id>/<member id>`, naming
its group and its member; it is served at `/<groups>/{group}/<members>/{member}`, listed
from the group (and, where the server offers it, from the member), and goes when either
side is deleted (a Leave binding in deletes.py).
"""

from dataclasses import dataclass

from .. import deletes
from ..errors import ApiError
from ..validation import NOT_NULL
from ..web import created, json_response, no_content
from .owned import Owned


@dataclass(frozen=True)
class Membership:
    """kind: the store kind; group, member: the store kinds of the two sides, with
    group_field and member_field naming them in a membership, and segments (URI segment
    of the groups, of the members under a group, of the members at the top) and link
    names (the member's, the group's); fields: the stored fields in the order they are
    rendered; types: media.Types; generic: plain json allowed for one membership;
    read_extra(body) -> the fields a POST adds besides the member.

    from_member: the server's resource works from the member (a port group's does): GET
    looks up the member rather than the group, POST looks up the member first and then
    the group, and a DELETE naming a member that no longer exists is no error.
    """

    kind: str
    group: str
    member: str
    group_field: str
    member_field: str
    segments: tuple
    links: tuple
    fields: tuple
    types: object
    generic: bool
    read_extra: object = None
    from_member: bool = False

    def key(self, group_id, member_id):
        return f"{group_id}/{member_id}"

    def uri(self, ctx, group_id, member_id):
        groups, members, _ = self.segments
        return ctx.uri(groups, group_id, members, member_id)

    def render(self, ctx, doc):
        group_id, member_id = doc[self.group_field], doc[self.member_field]
        groups, _, members = self.segments
        member_link, group_link = self.links
        out = {field: doc[field] for field in self.fields}
        out.update({"uri": self.uri(ctx, group_id, member_id),
                    member_link: ctx.uri(members, member_id),
                    group_link: ctx.uri(groups, group_id)})
        return out

    def listed(self, side, field, types):
        """The memberships of one `side` (the store kind the path names), found by `field`;
        these lists are JAX-RS methods that check the Accept header first."""
        return Owned(side, self.kind, field, self.render, types, generic=False,
                     accept_first=True)

    def get(self, ctx, group_id, member_id):
        ctype = ctx.accept(self.types.item, generic=self.generic)
        if self.from_member:
            ctx.load(self.member, member_id)
        else:
            ctx.load(self.group, group_id)
        doc = ctx.store.get(self.kind, self.key(group_id, member_id))
        if doc is None:
            raise ApiError(404, "Resource not found")
        return json_response(self.render(ctx, doc), ctype)

    def add(self, ctx, parent_id):
        group_id = parent_id
        body = ctx.body(self.types.item, generic=self.generic)
        member_id = body.uuid(self.member_field)
        if member_id is None:
            body.violation(self.member_field, NOT_NULL)
        extra = self.read_extra(body) if self.read_extra else {}
        body.check()
        key = self.key(group_id, member_id)
        if self.from_member:
            ctx.load(self.member, member_id)
            ctx.load(self.group, group_id)
        else:
            ctx.load(self.group, group_id)
            if ctx.store.exists(self.kind, key):
                raise ApiError(409, empty=True)
            ctx.load(self.member, member_id)
        doc = {self.group_field: group_id, self.member_field: member_id, **extra}
        if not ctx.store.insert(self.kind, key, doc):
            raise ApiError(409, empty=True)  # a second membership: empty body, as the server
        return created(self.uri(ctx, group_id, member_id))

    def remove(self, ctx, group_id, member_id):
        ctx.load(self.group, group_id)
        if deletes.delete(ctx.store, self.kind, self.key(group_id, member_id)):
            return no_content()
        if self.from_member and not ctx.store.exists(self.member, member_id):
            return no_content()  # a vanished member is not an error
        raise ApiError(404, empty=True)

    def routes(self):
        """The collection and item routes under a group."""
        groups, members, _ = self.segments
        of_group = self.listed(self.group, self.group_field, self.types.list)
        return [(f"/{groups}/<parent_id>/{members}", {**of_group.handlers(), "POST": self.add},
                 {}),
                (f"/{groups}/<group_id>/{members}/<member_id>",
                 {"GET": self.get, "DELETE": self.remove}, {})]
