"""A block of one type's objects made a field at a time, at C speed.

Most types print fields whose text is the value as sent (a name, an address, a UUID), a
number's digits, or a word for a boolean or an enumeration.  For such a type, a block of
documents is read a column at a time: each field's values taken with one map over the
documents, their types checked with one set, and their texts made with one more map.
That costs a few tens of nanoseconds per value where a Python function per object
(linecode.py) costs a few hundred per object.  Whatever this does not expect (a value of
another type, a field of another kind) raises Unexpected, and the block is made the way
linecode.py makes it, which hands odd values on to the general path in turn.
"""

import itertools
import operator

from midoshell.model.value_kinds import (
    Enum, Kind, PortReference, Reference, ReferenceList, Words, cidr_text)
from midoshell.output.linecode import Unexpected

_STR_OR_NONE = {str, type(None)}
_BOOL_OR_NONE = {bool, type(None)}
_LIST_OR_NONE = {list, type(None)}
_SLASHED = {length: f"/{length}" for length in range(32)}  # a /32 prints no length


def column_plan(plan, show_aliases):
    """[(name, JSON key, texts of a column)] for a type's printed fields (naming._plan),
    when every one can be made by column; else None."""
    made = []
    for name, _empty, key, invert, _format, attr in plan:
        if invert or key is None:
            return None
        texts = _pairs_as_cidrs if key.__class__ is tuple else _texts_of(attr.kind,
                                                                          show_aliases)
        if texts is None:
            return None
        made.append((name, key, texts))
    return made


def _texts_of(kind, show_aliases):
    """The function making a column's texts for a kind (None hides a field), or None."""
    kind_type = type(kind)
    if kind_type in (Reference, PortReference):
        return None if show_aliases else _as_sent
    if kind_type is ReferenceList and type(kind.item) in (Reference, PortReference):
        return None if show_aliases else _joined_as_sent
    formats = next(c for c in kind_type.__mro__ if "format" in vars(c))
    if formats is Kind:
        return _as_text
    if kind_type is Words:
        return _LookedUp({True: kind.yes, False: kind.no, None: None}, _BOOL_OR_NONE)
    if kind_type is Enum and None not in kind.reverse:  # else None would print a word
        return _LookedUp(kind.reverse, _STR_OR_NONE)
    return None


def columns(column_plan, docs):
    """The texts of each field of the plan for these documents (dicts), a list per field
    (an address with its length: the two keys' values, read as two columns)."""
    return [texts(*map(_column, itertools.repeat(docs), key)) if key.__class__ is tuple
            else texts(_column(docs, key)) for _name, key, texts in column_plan]


def _column(docs, key):
    return list(map(dict.get, docs, itertools.repeat(key)))


def _pairs_as_cidrs(addresses, lengths):
    """cidr_text of each address sent as a string, with its length; None for none."""
    if not set(map(type, addresses)) <= _STR_OR_NONE:
        raise Unexpected
    if set(map(type, lengths)) == {int} and None not in addresses and "" not in addresses:
        try:  # the common case: `address/length`, at C speed
            return list(map(operator.add, addresses, map(_SLASHED.__getitem__, lengths)))
        except KeyError:  # a /32 (the address alone), or a length no prefix has
            pass
    return [None if address is None else cidr_text(address, length)
            for address, length in zip(addresses, lengths)]


def _as_sent(values):
    """A reference printed as sent: a string, or nothing."""
    if not set(map(type, values)) <= _STR_OR_NONE:
        raise Unexpected
    return values


def _joined_as_sent(values):
    """A list of references printed as sent, joined by commas; an empty one hides the
    field (most lists of mirrors are empty)."""
    if not set(map(type, values)) <= _LIST_OR_NONE:
        raise Unexpected
    if not any(values):
        return [None] * len(values)
    try:
        return [",".join(value) if value else None for value in values]
    except TypeError:  # an item that is not a string
        raise Unexpected from None


def _as_text(values):
    """Kind.format: str() of a value, sent as a string or an integer."""
    types = set(map(type, values))
    if types <= _STR_OR_NONE:
        return values
    if types == {int}:
        return list(map(str, values))
    raise Unexpected


class _LookedUp:
    """The texts of a column looked up in a table, its values of the types given: Words'
    word for a boolean, Enum's word for a known value (another printed as sent)."""

    def __init__(self, table, types):
        self.table, self.types = table, types

    def __call__(self, values):
        if not set(map(type, values)) <= self.types:
            raise Unexpected
        return list(map(self.table.get, values, values))
