"""The kinds of delete binding: what deleting an object may do to an object bound to it.

Each binding's `apply(store, obj_id, doc, delete)` acts for the deleted object `doc`
(stored as `obj_id`) inside the request's transaction; `delete(store, kind, id)` deletes a
bound object, if it is still there, with its own bindings. Raising ApiError (an object
still referenced) refuses the whole delete.
"""

import json
from dataclasses import dataclass

from .errors import ApiError


def _forget(doc, field, obj_id):
    """Take the reference to `obj_id` out of doc[field] (null for a single reference, out
    of the list for a list); returns whether the doc changed."""
    value = doc.get(field)
    if isinstance(value, list):
        if obj_id not in value:
            return False
        doc[field] = [item for item in value if item != obj_id]
    elif value == obj_id:
        doc[field] = None
    else:
        return False
    return True


@dataclass(frozen=True)
class Cascade:
    """The objects of `kind` whose `field` names the deleted one are deleted with it
    (each with its own bindings)."""

    kind: str
    field: str

    def apply(self, store, obj_id, doc, delete):
        for child_id, _ in store.rows(self.kind, **{self.field: obj_id}):
            # Read again: an earlier child's delete may have changed or removed it.
            delete(store, self.kind, child_id)


class Leave(Cascade):
    """Memberships kept as objects of their own (a tunnel zone's hosts, a port group's
    ports): the deleted object leaves every one it is part of."""


@dataclass(frozen=True)
class Clear:
    """The objects of `kind` whose `field` names the deleted one forget it: a single
    reference becomes null, a list of references loses it."""

    kind: str
    field: str

    def apply(self, store, obj_id, doc, delete):
        for other_id, text in store.holding(self.kind, self.field, obj_id):
            other = json.loads(text)
            if _forget(other, self.field, obj_id):
                store.replace(self.kind, other_id, other)


@dataclass(frozen=True)
class Unlink:
    """The object of `kind` that the deleted one's `field` names forgets it in its
    `back` field (the reference back: a peer's peer, a chain's rule order)."""

    field: str
    kind: str
    back: str

    def apply(self, store, obj_id, doc, delete):
        other = store.get(self.kind, doc.get(self.field))
        if other is not None and _forget(other, self.back, obj_id):
            store.replace(self.kind, doc[self.field], other)


@dataclass(frozen=True)
class DropEntries:
    """The object of `kind` that the deleted one's `field` names drops the entries of its
    list `back` whose `entry_field` equals the deleted one's `own_field`."""

    field: str
    kind: str
    back: str
    entry_field: str
    own_field: str

    def apply(self, store, obj_id, doc, delete):
        other = store.get(self.kind, doc.get(self.field))
        if other is None:
            return
        kept = [e for e in other[self.back] if e[self.entry_field] != doc[self.own_field]]
        if len(kept) != len(other[self.back]):
            other[self.back] = kept
            store.replace(self.kind, other["id"], other)


@dataclass(frozen=True)
class Refuse:
    """While the deleted one's `field` names an existing object of `kind`, the delete is
    refused: 409 with `message` ({id}: the deleted object, {ref}: the one it names)."""

    field: str
    kind: str
    message: str

    def apply(self, store, obj_id, doc, delete):
        ref = doc.get(self.field)
        if ref and store.exists(self.kind, ref):
            raise ApiError(409, self.message.format(id=obj_id, ref=ref))

