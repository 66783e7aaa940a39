"""Alias namespaces (`router0`, `bridge0:port1`): which alias names which UUID. Pure data.

Every object with an id has a namespace for its children, keyed by its UUID; root objects
live in the root namespace (key None).  Counters run per prefix and never go back, so a
deleted object's alias is never reused for another object in the same session.
"""

import functools
import re

# An alias is a type's prefix and a number (`router0`, `qos-policy3`); a chain joins aliases
# down a path with colons (`bridge0:port1`).  The one definition of both.
_PREFIX = r"[A-Za-z][A-Za-z0-9_-]*?"
ALIAS = rf"^({_PREFIX})(\d+)$"
ALIAS_CHAIN = rf"^{_PREFIX}\d+(?::{_PREFIX}\d+)*$"


@functools.cache
def _compiled(pattern):
    """A pattern compiled on first use (most one-liners never need one); the completer reads
    thousands of aliases a keystroke, where `re`'s own cache would cost twice the match."""
    return re.compile(pattern)


def alias_re():
    """The compiled alias pattern: (prefix, number) groups.  For loops over many aliases."""
    return _compiled(ALIAS)


def is_alias_chain(text):
    """Whether `text` is an alias or an alias chain (`router0`, `bridge0:port1`)."""
    return _compiled(ALIAS_CHAIN).match(text) is not None


def alias_prefix(text):
    """The prefix of an alias (`port` of `port3`), or None when `text` is not one."""
    match = _compiled(ALIAS).match(text)
    return match.group(1) if match else None


def alias_number(text, prefix):
    """The number of an alias with this prefix (3 of `port3`), or None."""
    match = _compiled(ALIAS).match(text)
    return int(match.group(2)) if match and match.group(1) == prefix else None


class Namespace:
    def __init__(self):
        self.ids = {}       # alias -> uuid
        self.names = {}     # uuid -> alias
        self.counters = {}  # prefix -> next number
        self.deleted = set()

    def name_of(self, uuid):
        return self.names.get(uuid)

    def lookup(self, alias):
        return self.ids.get(alias)

    def assign(self, prefix, uuid):
        """The alias of `uuid`, giving it the next `<prefix><n>` if it has none."""
        alias = self.names.get(uuid)
        if alias is None:
            number = self.counters.get(prefix, 0)
            self.counters[prefix] = number + 1
            alias = f"{prefix}{number}"
            self.ids[alias], self.names[uuid] = uuid, alias
        return alias

    def forget(self, uuid):
        """The object is gone: its alias stays taken but names nothing."""
        alias = self.names.pop(uuid, None)
        if alias is not None:
            self.ids.pop(alias, None)
            self.deleted.add(alias)

    def aliases(self, prefix):
        """Live aliases with this prefix, in number order."""
        match = alias_re().match
        found = [(int(m.group(2)), a) for a in self.ids
                 if (m := match(a)) and m.group(1) == prefix]
        return [a for _, a in sorted(found)]


class Aliases:
    """All namespaces of a session, and which collections have been listed into them."""

    def __init__(self):
        self.namespaces = {}
        self.listed = set()  # (parent uuid or None, collection name)

    def namespace(self, parent_id):
        ns = self.namespaces.get(parent_id)
        if ns is None:
            ns = self.namespaces[parent_id] = Namespace()
        return ns

    def is_listed(self, parent_id, collection):
        return (parent_id, collection) in self.listed

    def mark_listed(self, parent_id, collection):
        self.listed.add((parent_id, collection))

    def forget(self, parent_id, uuid):
        self.namespace(parent_id).forget(uuid)
        self.namespaces.pop(uuid, None)
