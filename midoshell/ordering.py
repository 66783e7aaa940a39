"""The order a collection's objects are named in (and so their aliases): top-level objects by
name, numbers in names as numbers, ties broken by their own values then their id; objects a
run made take their places in the order it made them."""

import functools
import re

from midoshell.model.identity import content_key


def natural_key(text):
    """A name as [text, number, text, number, ..., text]: splitting on runs of digits puts
    them at the odd places of every name, so two names compare text with text and number
    with number.  \\d takes exactly the decimal digits, the ones int() reads (`²` is a
    digit it cannot read)."""
    text = text if isinstance(text, str) else ""  # a name the server sent as a non-string
    parts = _digits().split(text)
    parts[1::2] = map(int, parts[1::2])
    return parts


@functools.cache
def _digits():
    """The pattern splitting numbers out of a name, compiled on first use (start-up)."""
    return re.compile(r"(\d+)")


def root_ordered(objs):
    """Top-level objects in place by name (numbers as numbers), then by their own values,
    then id; the values are only read for objects whose names tie.  Both sorts compare
    keys made beforehand (a comparison that calls back into Python, a million of them for
    a large listing of nameless ports, costs more than the keys)."""
    names = [natural_key(obj.doc.get("name")) for obj in objs]
    order = sorted(range(len(objs)), key=names.__getitem__)
    ordered, start = [], 0
    while start < len(order):
        end, name = start + 1, names[order[start]]
        while end < len(order) and names[order[end]] == name:
            end += 1
        run = [objs[place] for place in order[start:end]]
        if len(run) > 1:
            run.sort(key=_tie_key)
        ordered += run
        start = end
    objs[:] = ordered
    return objs


def _tie_key(obj):
    """What orders objects of the same name."""
    return content_key(obj.type, obj.doc), str(obj.id or "")


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
