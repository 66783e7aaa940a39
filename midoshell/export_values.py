"""Values of exported lines: quoted so they read back, references as replay aliases or host
names, and never a character that could break a line or drive a terminal."""

import re

from midoshell.model.value_kinds import ReferenceList

_PLAIN = re.compile(r"""^[^\s"'\\]+$""")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Deferred(Exception):
    """The value names an object this export makes later: written as a `set` at the end."""


class Unwritable(Exception):
    """The value cannot be written in a line (a control character in server text)."""


def word(text, before_verb=False):
    """One word of a line: bare when it reads back as itself, else double-quoted.  Before the
    verb a bare keyword (`list`) would be read as the verb, so it is quoted too."""
    if _CONTROL.search(text):
        raise Unwritable("holds a control character or line break, which a line cannot carry")
    if _PLAIN.match(text) and not (before_verb and text in _keywords()):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _keywords():
    from midoshell.parsing import keywords

    return keywords()


def is_empty(value):
    return value is None or value == [] or value == {}


class Values:
    """Formats field values for an Exporter (which knows aliases and what is in scope)."""

    def __init__(self, exporter):
        self.exporter = exporter
        self.host_names = None  # host id -> name, for names held by one host only
        self.commented = set()

    def is_unset(self, obj, attr):
        return is_empty(attr.read(obj.doc))

    def text(self, obj, attr):
        """A non-reference value as typed (`!` first when its match is inverted)."""
        text = attr.kind.format(attr.read(obj.doc), None)
        if text is not None and attr.is_inverted(obj.doc):
            text = "!" + text
        return "" if text is None else text

    def words(self, obj, attr, final=False):
        """The words after the field name.  `final`: no later place to put it (a reference to
        an object not made is written as its UUID)."""
        kind = attr.kind
        if not kind.is_reference:
            return [word(self.text(obj, attr))]
        value = attr.read(obj.doc)
        bang = "!" if attr.is_inverted(obj.doc) else ""
        if isinstance(kind, ReferenceList):
            return [bang + ",".join(self.reference(v, kind.item.target, final) for v in value)]
        if kind.target == "host":
            return ["host"] + self.host_selector(value)
        return [bang + self.reference(value, kind.target, final)]

    def reference(self, uuid, target, final):
        aliases, scope = self.exporter.aliases, self.exporter.scope
        if uuid in aliases:
            return aliases[uuid]
        if uuid in scope and not final:
            raise Deferred(uuid)
        return uuid  # outside what is exported: the same deployment knows it by its UUID

    def host_selector(self, host_id):
        """A host by its name (ids differ between deployments), its id in a comment above."""
        names = self._host_names()
        name = names.get(host_id)
        if name is None:
            return [host_id]
        if host_id not in self.commented:
            self.commented.add(host_id)
            self.exporter.emit(f"# host {word(name)} is {host_id}")
        return ["name", word(name, before_verb=True)]

    def _host_names(self):
        if self.host_names is None:
            from midoshell import model

            hosts = self.exporter.resolver.list(None, model.root("host"))
            counts = {}
            for host in hosts:
                counts[host.doc.get("name")] = counts.get(host.doc.get("name"), 0) + 1
            self.host_names = {}
            for host in hosts:
                name = host.doc.get("name")
                if name and counts[name] == 1 and not _CONTROL.search(name):
                    self.host_names[host.id] = name
        return self.host_names
