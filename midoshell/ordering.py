"""The order a collection's objects are named in (and so their aliases): top-level objects by
name, numbers in names as numbers, ties broken by their own values then their id; objects a
run made take their places in the order it made them."""

import functools
import re

from midoshell.model.identity import content_key


def natural_key(text):
    text = text if isinstance(text, str) else ""  # a name the server sent as a non-string
    # isdecimal, not isdigit: `²` is a digit int() cannot read (it crashed the listing);
    # the parts \d splits out are exactly the decimal ones
    return [(0, int(part), "") if part.isdecimal() else (1, 0, part)
            for part in _digits().split(text)]


@functools.cache
def _digits():
    """The pattern splitting numbers out of a name, compiled on first use (start-up)."""
    return re.compile(r"(\d+)")


def root_ordered(objs):
    """Top-level objects in place by name (numbers as numbers), then by their own values,
    then id; the values are only read for objects whose names tie."""
    objs.sort(key=lambda obj: (natural_key(obj.doc.get("name")), _Tie(obj)))
    return objs


class _Tie:
    """What orders objects of the same name, worked out when a comparison needs it."""

    __slots__ = ("obj", "_key")

    def __init__(self, obj):
        self.obj, self._key = obj, None

    def key(self):
        if self._key is None:
            obj = self.obj
            self._key = (content_key(obj.type, obj.doc), str(obj.id or ""))
        return self._key

    def __eq__(self, other):
        return self.key() == other.key()

    def __lt__(self, other):
        return self.key() < other.key()


def creation_ordered(objs, created):
    """`objs` with the ones in `created` (uuid -> sequence) reordered among their own places
    by when they were created."""
    places = [i for i, o in enumerate(objs) if o.id in created]
    if len(places) < 2:
        return objs
    ordered = list(objs)
    for place, obj in zip(places, sorted((objs[i] for i in places), key=lambda o: created[o.id])):
        ordered[place] = obj
    return ordered
