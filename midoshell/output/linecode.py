"""The texts and json records of listed objects, as code written once per type.

A listing of tens of thousands of objects spends most of its time turning documents into
lines, and a loop over a type's fields costs more than the formatting it drives (unpacking
a step, calling it, testing what it gave, for every field of every object).  So the steps
of a type are written out, field after field, as the source of three small functions,
compiled once with exec (as the standard library's dataclasses and namedtuple make their
methods): each kind's formatting an expression where the kind gives one
(Kind.format_expression), else a call of its format.

    parts(obj, doc)         [prefix, ident, name, text, ...] of the text line (empty fields
                            left out), before any quoting
    texts(obj, doc, empty)  the text of every field in print order, `empty` for an empty one
    typed(obj, doc)         the json record: id and alias first when the object has an id

For a document of the shapes the model expects each gives what the general path gives
(naming.RowMaker's row, output.typed's record); for any other it raises (Unexpected, or what
a value of another shape makes Python raise), and the caller takes the general path for
that object.  Only the model's names and keys are written into the source, as repr()s of
strings; the server's values are only ever the data of the compiled code.
"""

import json

from midoshell.model.value_kinds import (Cidr, Enum, Kind, PortReference, Reference,
                                         cidr_text)
from midoshell.naming import field_text
from midoshell.output.typed import typed_value


class Unexpected(Exception):
    """A value the written-out steps do not format: the object goes the general way."""


def _unexpected():
    raise Unexpected


def head(obj, names):
    """[prefix, ident] as RowMaker's row has them, [prefix] for an object without one."""
    ident = names.ident(obj)
    if ident is None:
        return [obj.type.prefix]
    return [obj.type.prefix, ident if ident.__class__ is str else json.dumps(ident)]


class LineCode:
    """The three functions of one object type, for a namer (aliases shown or not); `plan`
    is what the type prints (naming.RowMaker.plan)."""

    def __init__(self, object_type, plan, names):
        source = _Source(names)
        source.parts(object_type, plan)
        source.texts(plan)
        source.typed(object_type)
        made = source.compiled(f"<listing code of {object_type.key}>")
        self.parts, self.texts, self.typed = made["parts"], made["texts"], made["typed"]


class _Source:
    """Python source and the constants it names."""

    def __init__(self, names):
        self.names = names
        self.lines = []
        self.constants = {"U": _unexpected, "names": names, "field_text": field_text,
                          "typed_value": typed_value, "cidr_text": cidr_text,
                          "as_json": json.dumps, "head": head}

    def constant(self, value):
        """A name for a value of the model in the source: a string as its repr(), anything
        else bound in the compiled code's namespace."""
        if value.__class__ is str:
            return repr(value)
        name = f"c{len(self.constants)}"
        self.constants[name] = value
        return name

    def add(self, *lines):
        self.lines.extend(lines)

    def compiled(self, filename):
        namespace = dict(self.constants)
        exec(compile("\n".join(self.lines) + "\n", filename, "exec"), namespace)
        return namespace

    # -- the text line and the field texts -----------------------------------------------
    def parts(self, object_type, plan):
        self.add("def parts(obj, doc):", "    get = doc.get")
        if not object_type.has_id:
            self.add("    out = []")
        elif self.names.show_aliases:
            self.add("    out = head(obj, names)")
        else:
            prefix = self.constant(object_type.prefix)
            self.add("    ident = get('id')",
                     "    if ident.__class__ is str:",
                     f"        out = [{prefix}, ident]",
                     "    elif ident is None:",
                     f"        out = [{prefix}]",
                     "    else:",
                     f"        out = [{prefix}, as_json(ident)]")
        for name, _empty, key, invert, _format, attr in plan:
            self._text_of(key, invert, attr)
            self.add(f"    if t is not None: out += ({self.constant(name)}, t)")
        self.add("    return out")

    def texts(self, plan):
        self.add("def texts(obj, doc, empty):", "    get = doc.get", "    out = []")
        for _name, _empty, key, invert, _format, attr in plan:
            self._text_of(key, invert, attr)
            self.add("    out.append(empty if t is None else t)")
        self.add("    return out")

    def _text_of(self, key, invert, attr):
        """Statements leaving in `t` the field's text (None when empty), as naming's
        RowMaker.fields makes it (see naming._plan: `key` is the field's JSON key, the pair of
        an address and its length, or None for the general path)."""
        kind = attr.kind
        if key is None:
            self.add(f"    t = field_text(obj, {self.constant(attr)}, names)")
            return  # field_text inverts it
        if key.__class__ is tuple:  # Cidr: an address sent as a string, with its length
            self.add(f"    t = get({self.constant(key[0])})",
                     "    if t is not None:",
                     "        if t.__class__ is not str: U()",
                     f"        t = cidr_text(t, get({self.constant(key[1])}))")
            return self._inverted(invert)
        self.add(f"    t = get({self.constant(key)})")
        expression = _expression(kind, self.constant)
        if type(kind) in (Reference, PortReference) and not self.names.show_aliases:
            self.add("    if t is not None and t.__class__ is not str: U()")  # as sent
            return self._inverted(invert)
        if expression is not None:
            self.add("    if t is not None:", f"        t = {expression}")
            return self._inverted(invert)
        self.add("    if t is not None:",
                 f"        t = {self.constant(kind.format)}(t, names)",
                 "        if t is not None and t.__class__ is not str: U()")
        return self._inverted(invert)

    def _inverted(self, invert):
        if invert:
            self.add(f"    if t is not None and get({self.constant(invert)}): t = '!' + t")

    # -- the json record -----------------------------------------------------------------
    def typed(self, object_type):
        """output.typed's TypedRecords, written out: the API's own value under the field's
        name, an enumeration's CLI word, an address with its length as one string, an
        inverted condition as {"not": value}; any other field by typed_value."""
        from midoshell.model.types import Attr

        self.add("def typed(obj, doc):", "    get = doc.get")
        names, inverts = [], []
        for number, attr in enumerate(object_type.visible_attrs()):
            variable, kind = f"v{number}", attr.kind
            names.append((self.constant(attr.name), variable))
            own = type(attr).read is Attr.read and not attr.scope
            if own and type(kind) is Enum:
                words = self.constant(kind.reverse)
                self.add(f"    {variable} = get({self.constant(attr.json)})",
                         f"    if {variable} is not None: "
                         f"{variable} = {words}.get({variable}, {variable})")
            elif own and type(kind) is Cidr:
                self.add(f"    {variable} = get({self.constant(kind.address_key)})",
                         f"    if {variable} is not None: {variable} = cidr_text({variable}, "
                         f"get({self.constant(kind.length_key)}))")
            elif own and type(kind).read is Kind.read and not isinstance(kind, (Enum, Cidr)):
                self.add(f"    {variable} = get({self.constant(attr.json)})")
            else:
                self.add(f"    {variable} = typed_value(obj, {self.constant(attr)})")
                continue  # typed_value inverts it
            if attr.invert:
                inverts.append((variable, attr.invert))
        for variable, invert in inverts:
            self.add(f"    if {variable} is not None and get({self.constant(invert)}): "
                     f"{variable} = {{'not': {variable}}}")
        fields = ", ".join(f"{name}: {variable}" for name, variable in names)
        if object_type.has_id:
            alias = f"{self.constant(self.names.alias)}(obj)" if self.names.show_aliases \
                else "None"
            self.add("    ident = get('id')",
                     "    if ident is not None:",
                     f"        return {{'id': ident, 'alias': {alias}, {fields}}}")
        self.add(f"    return {{{fields}}}")


def _expression(kind, constant):
    """kind.format_expression over `t`, when the class that formats gives it."""
    formats = next(c for c in type(kind).__mro__ if "format" in vars(c))
    if "format_expression" not in vars(formats):
        return None
    return kind.format_expression("t", constant)
