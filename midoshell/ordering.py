"""The order a collection's objects are named in (and so their aliases): top-level objects by
name, numbers in names as numbers, ties broken by their own values then their id; objects a
run made take their places in the order it made them."""

import functools
import itertools
import operator
import re

from midoshell.objects import docs_of

_name_of = operator.methodcaller("get", "name")
_ASCII_DIGITS = "0123456789"


def natural_key(text):
    """A name as [text, number, text, number, ..., text] (see natural_keys)."""
    return natural_keys([text])[0]


@functools.cache
def _digits():
    """The pattern splitting numbers out of a name, compiled on first use (start-up)."""
    return re.compile(r"(\d+)")


def root_ordered(objs):
    """Top-level objects in place by name (numbers as numbers), then by their own values,
    then id; the values are only read for objects whose names tie.  The sorts compare keys
    made beforehand, and ties are found by comparing neighbours at C speed (a comparison
    calling back into Python, a million of them for a large listing of nameless ports,
    costs more than the keys)."""
    names = _names(docs_of(objs))
    order = _numbered_order(names)
    if order is not None:
        objs[:] = map(objs.__getitem__, order)
        return objs
    keys = _plain_keys(names) or natural_keys(names)
    order = sorted(range(len(objs)), key=keys.__getitem__)
    keys = list(map(keys.__getitem__, order))
    objs[:] = map(objs.__getitem__, order)
    tied = itertools.compress(range(1, len(keys)), map(operator.eq, keys, keys[1:]))
    for first, last in _runs(tied):  # objects first-1 .. last share a name
        objs[first - 1:last + 1] = sorted(objs[first - 1:last + 1], key=_tie_key)
    return objs


def _names(docs):
    try:
        return list(map(dict.get, docs, itertools.repeat("name")))
    except TypeError:  # a document that is not a dict (one a test made by hand)
        return list(map(_name_of, docs))


def _numbered_order(names):
    """The order of the names when they are all one text followed by a number without
    leading zeros, or by nothing (`chain-0` … `chain-19999`, `edge`), none twice: by name,
    then by length (two sorts at C speed; for one text, a longer number is a larger one
    and the text alone is the shortest); None for any other names."""
    if not names or set(map(type, names)) != {str}:
        return None
    text = names[0].rstrip(_ASCII_DIGITS)
    if not all(map(str.startswith, names, itertools.repeat(text))):
        return None
    numbers = "".join(map(str.removeprefix, names, itertools.repeat(text)))
    if numbers and not (numbers.isascii() and numbers.isdigit()):
        return None
    zero = text + "0"  # a number beginning with 0 is 0 itself
    if sum(map(str.startswith, names, itertools.repeat(zero))) != names.count(zero) or \
            len(set(names)) != len(names):
        return None  # names that tie: natural_keys and the tie-breaks decide
    order = sorted(range(len(names)), key=names.__getitem__)
    order.sort(key=list(map(len, names)).__getitem__)
    return order


def natural_keys(names):
    """Each name as [text, number, text, number, ..., text]: splitting on runs of digits
    puts them at the odd places of every name, so two names compare text with text and
    number with number.  \\d takes exactly the decimal digits, the ones int() reads (`²`
    is a digit it cannot read).  A name the server sent as a non-string is no name."""
    split = _digits().split
    keys = [split(name) if name.__class__ is str else [""] for name in names]
    for key in keys:
        if len(key) == 3:  # the common name: one number (`bridge-12`)
            key[1] = int(key[1])
        elif len(key) > 1:
            key[1::2] = map(int, key[1::2])
    return keys


def _plain_keys(names):
    """Keys ordering and tying names as natural_keys' do, made at C speed; None unless
    every name is a string whose only digits end it (`bridge-12`, `edge`), as most are.
    Such a name is [text, number, ""] or [text]: it is keyed (text, has a number, the
    number's length and digits without leading zeros), which compares as the number does."""
    if not names or set(map(type, names)) != {str}:
        return None
    texts = list(map(str.rstrip, names, itertools.repeat(_ASCII_DIGITS)))
    if _digits().search("".join(texts)):  # a digit inside, or a non-ASCII one at the end
        return None
    numbers = list(map(str.removeprefix, names, texts))
    significant = list(map(str.lstrip, numbers, itertools.repeat("0")))
    return list(zip(texts, map(bool, numbers), map(len, significant), significant))


def _runs(places):
    """(first, last) of each run of consecutive numbers in ascending `places`."""
    start = end = None
    for place in places:
        if place != end:
            if start is not None:
                yield start, end - 1
            start = place
        end = place + 1
    if start is not None:
        yield start, end - 1


def _tie_key(obj):
    """What orders objects of the same name."""
    from midoshell.model.identity import content_key  # only when names tie: not at start-up

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
