"""The texts and json records of listed objects, as code written once per type.

A listing of tens of thousands of objects spends most of its time turning documents into
lines, and a loop over a type's fields costs more than the formatting it drives (unpacking
a step, calling it, testing what it gave, for every field of every object).  So the steps
of a type are written out, field after field, as the source of small functions, each
compiled with exec the first time a listing needs it (as the standard library's dataclasses
and namedtuple make their methods): each kind's formatting an expression where the kind
gives one (Kind.format_expression), else a call of its format.

    line(obj, doc)          the text line, for a line that needs no quoting: it raises when
                            a text is empty or holds a space, and leaves control characters
                            and quotes to its caller, which checks a block of lines at once
    parts(obj, doc)         [prefix, ident, name, text, ...] of the text line (empty fields
                            left out), before any quoting
    texts(obj, doc, empty)  the text of every field in print order, `empty` for an empty one
    typed(obj, doc)         the json record: id and alias first when the object has an id
    json(obj, doc)          the text of the json record, as json.dumps writes it

For a document of the shapes the model expects each gives what the general path gives
(naming.RowMaker's row, output.typed's record); for any other it raises (Unexpected, or what
a value of another shape makes Python raise), and the caller takes the general path for
that object.  Only the model's names and keys are written into the source, as repr()s of
strings; the server's values are only ever the data of the compiled code.
"""

import json
from json.encoder import encode_basestring

from midoshell.model.value_kinds import (Cidr, Enum, Kind, PortReference, Reference,
                                         ReferenceList)
from midoshell.naming import field_text


class Unexpected(Exception):
    """A value the written-out steps do not format: the object goes the general way."""


def _unexpected():
    raise Unexpected


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)


FLAVOURS = ("line", "parts", "texts", "typed", "json")


def written(flavour, object_type, plan, names):
    """The function `flavour` (one of FLAVOURS) of a type, for a namer (aliases shown or
    not); `plan` is what the type prints (naming.RowMaker.plan)."""
    source = _Source(names)
    getattr(source, flavour)(object_type, plan)
    return source.compiled(f"<{flavour} of {object_type.key}>")[flavour]


def head(obj, names):
    """[prefix, ident] as RowMaker's row has them, [prefix] for an object without one."""
    ident = names.ident(obj)
    if ident is None:
        return [obj.type.prefix]
    return [obj.type.prefix, ident if ident.__class__ is str else json.dumps(ident)]


class _Source:
    """Python source and the constants it names."""

    def __init__(self, names):
        self.names = names
        self.lines = []
        self.constants = {"U": _unexpected, "names": names, "field_text": field_text,
                          "as_json": json.dumps, "head": head, "encode": encode_basestring,
                          "dumps": _dumps}

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

    # -- the text line -------------------------------------------------------------------
    def line(self, object_type, plan):
        """The line as `{head} name text name text`, one piece per field, and `n` the
        spaces it must hold: one between any two parts, none in a part."""
        self.add("def line(obj, doc):", "    get = doc.get")
        if not object_type.has_id:
            self.add("    h, n = '', -1")  # the first piece's space is cut off below
        elif self.names.show_aliases:
            self.add("    h = head(obj, names)", "    if '' in h: U()",
                     "    h, n = ' '.join(h), len(h) - 1")
        else:
            prefix = self.constant(object_type.prefix)
            self._by_ident(f"h, n = {prefix} + ' ' + (ident or U()), 1",
                           f"h, n = {prefix}, 0", "U()")
        pieces = []
        for number, field in enumerate(self._fields(plan)):
            piece = f"p{number}"
            pieces.append(piece)
            shown = f"n += 2; {piece} = {self.constant(f' {field.name} ')} + t"
            field(empty=[f"{piece} = ''"],
                  text=lambda maybe_none, piece=piece, shown=shown:
                  [f"if t is None: {piece} = ''", "elif not t: U()", f"else: {shown}"]
                  if maybe_none else ["if not t: U()", shown])
        joined = "{h}" + "".join(f"{{{piece}}}" for piece in pieces)
        self.add(f"    line = f{joined!r}" + ("" if object_type.has_id else "[1:]"),
                 "    if line.count(' ') != n: U()",
                 "    return line")

    def parts(self, object_type, plan):
        self.add("def parts(obj, doc):", "    get = doc.get")
        if not object_type.has_id:
            self.add("    out = []")
        elif self.names.show_aliases:
            self.add("    out = head(obj, names)")
        else:
            prefix = self.constant(object_type.prefix)
            self._by_ident(f"out = [{prefix}, ident]", f"out = [{prefix}]",
                           f"out = [{prefix}, as_json(ident)]")
        for field in self._fields(plan):
            shown = f"out += ({self.constant(field.name)}, t)"
            field(empty=[], text=lambda maybe_none, shown=shown:
                  [f"if t is not None: {shown}" if maybe_none else shown])
        self.add("    return out")

    def _by_ident(self, string, none, other):
        """The statement for an id sent as a string, for no id, and for any other."""
        self.add("    ident = get('id')", "    if ident.__class__ is str:", f"        {string}",
                 "    elif ident is None:", f"        {none}", "    else:", f"        {other}")

    def texts(self, object_type, plan):
        self.add("def texts(obj, doc, empty):", "    get = doc.get")
        fields = self._fields(plan)
        for number, field in enumerate(fields):
            field(empty=[f"e{number} = empty"], text=lambda maybe_none, number=number:
                  [f"e{number} = empty if t is None else t" if maybe_none else f"e{number} = t"])
        self.add(f"    return [{', '.join(f'e{number}' for number in range(len(fields)))}]")

    def _fields(self, plan):
        """A _Field per field of the plan (naming._plan)."""
        return [_Field(self, name, None if key is None else f"v{number}", key, invert, attr)
                for number, (name, _empty, key, invert, _format, attr) in enumerate(plan)]

    def _format(self, value, key, invert, attr):
        """(statements, whether `t` may be None): the statements leave in `t` the text
        (None when empty) of a field whose value, not None, is in the variable `value` (an
        empty field, most of a rule's, costs a read and a test), as naming's
        RowMaker.fields makes it (see naming._plan: `key` is the field's JSON key or the
        pair of an address and its length)."""
        kind = attr.kind
        maybe_none = True
        if key.__class__ is tuple:  # Cidr: an address sent as a string, with its length
            lines = [f"if {value}.__class__ is not str: U()",
                     f"m = get({self.constant(key[1])})",
                     f"t = {kind.format_pair_expression(value, 'm')}"]
            maybe_none = False
        elif type(kind) in (Reference, PortReference) and not self.names.show_aliases:
            lines = [f"if {value}.__class__ is not str: U()", f"t = {value}"]  # as sent
            maybe_none = False
        elif type(kind) is ReferenceList and type(kind.item) in (Reference, PortReference) \
                and not self.names.show_aliases:  # the UUIDs as sent (join refuses others)
            lines = [f"t = ','.join({value}) if {value} else None"]
        elif _expression(kind, value, self.constant) is not None:
            lines = [f"t = {_expression(kind, value, self.constant)}"]
            maybe_none = kind.expression_may_give_none
        else:
            lines = [f"t = {self.constant(kind.format)}({value}, names)",
                     "if t is not None and t.__class__ is not str: U()"]
        if invert:
            lines.append(f"if {'t is not None and ' if maybe_none else ''}"
                         f"get({self.constant(invert)}): t = '!' + t")
        return lines, maybe_none

    # -- the json record -----------------------------------------------------------------
    def typed(self, object_type, plan):
        """output.typed's TypedRecords, written out (see _typed_values)."""
        self.add("def typed(obj, doc):", "    get = doc.get")
        fields = ", ".join(f"{self.constant(name)}: {value}"
                           for name, value in self._typed_values(object_type))
        if object_type.has_id:
            self.add("    ident = get('id')",
                     "    if ident is not None:",
                     f"        return {{'id': ident, 'alias': {self._alias()}, {fields}}}")
        self.add(f"    return {{{fields}}}")

    def json(self, object_type, plan):
        """The text json.dumps(typed(obj, doc), ensure_ascii=False) writes, each value
        written as the encoder writes it (a string by the same C function, null, true,
        false, an int's repr, anything else by json.dumps itself)."""
        self.add("def json(obj, doc):", "    get = doc.get")
        names = []
        for number, (name, value) in enumerate(self._typed_values(object_type)):
            names.append((name, f"j{number}"))
            self.add(f"    j{number} = {_json_expression(value)}")
        fields = ", ".join(f"{_in_fstring(encode_basestring(name))}: {{{text}}}"
                           for name, text in names)
        if object_type.has_id:
            self.add("    ident = get('id')",
                     "    if ident is not None:",
                     f"        a = {self._alias()}",
                     f"        ji, ja = {_json_expression('ident')}, {_json_expression('a')}",
                     "        return f" + repr(f'{{{{"id": {{ji}}, "alias": {{ja}}, {fields}}}}}'))
        self.add("    return f" + repr(f"{{{{{fields}}}}}"))

    def _alias(self):
        return f"{self.constant(self.names.alias)}(obj)" if self.names.show_aliases else "None"

    def _typed_values(self, object_type):
        """Statements leaving each field's json value in a variable; [(field name,
        variable)].  The API's own value under the field's name, an enumeration's CLI
        word, an address with its length as one string, an inverted condition as
        {"not": value}; any other field by typed_value."""
        from midoshell.model.types import Attr
        from midoshell.output.typed import typed_value  # json only: not at a text listing's start

        self.constants["typed_value"] = typed_value
        names, inverts, reads, after = [], [], [], []
        for number, attr in enumerate(object_type.visible_attrs()):
            value, kind = f"v{number}", attr.kind
            names.append((attr.name, value))
            own = type(attr).read is Attr.read and not attr.scope
            if own and type(kind) is Enum:
                reads.append((value, attr.json))
                after.append(f"    if {value} is not None: {value} = "
                             f"{self.constant(kind.reverse)}.get({value}, {value})")
            elif own and type(kind) is Cidr:
                reads.append((value, kind.address_key))
                after.extend([f"    if {value} is not None:",
                              f"        m = get({self.constant(kind.length_key)})",
                              f"        {value} = {kind.format_pair_expression(value, 'm')}"])
            elif own and type(kind).read is Kind.read and not isinstance(kind, (Enum, Cidr)):
                reads.append((value, attr.json))
            else:
                after.append(f"    {value} = typed_value(obj, {self.constant(attr)})")
                continue  # typed_value inverts it
            if attr.invert:
                inverts.append((value, attr.invert))
        self.add(*(f"    {value} = get({self.constant(key)})" for value, key in reads), *after)
        for value, invert in inverts:
            self.add(f"    if {value} is not None and get({self.constant(invert)}): "
                     f"{value} = {{'not': {value}}}")
        return names


def _json_expression(value):
    """The JSON text of the value of the variable `value`, as json.dumps writes it (an
    empty list, as most lists of references are, without a call of it)."""
    return (f"('null' if {value} is None else encode({value}) if {value}.__class__ is str "
            f"else ('true' if {value} else 'false') if {value}.__class__ is bool else "
            f"repr({value}) if {value}.__class__ is int else "
            f"'[]' if {value}.__class__ is list and not {value} else dumps({value}))")


def _in_fstring(text):
    """Literal text for an f-string's source."""
    return text.replace("{", "{{").replace("}", "}}")


def _expression(kind, value, constant):
    """kind.format_expression over `value`, when the class that formats gives it."""
    formats = next(c for c in type(kind).__mro__ if "format" in vars(c))
    if "format_expression" not in vars(formats):
        return None
    return kind.format_expression(value, constant)


class _Field:
    """One field of a text flavour.  Called with the statements for an empty field and a
    function giving those taking its text `t` (told whether `t` may be None, that is
    empty), it writes its statements: the first when its value is None, else its
    formatting then the second; a field of the general path (no value read beforehand) is
    given to field_text, which inverts it itself."""

    def __init__(self, source, name, variable, key, invert, attr):
        self.source, self.name, self.variable = source, name, variable
        self.key, self.invert, self.attr = key, invert, attr

    def __call__(self, empty, text):
        add, value = self.source.add, self.variable
        if value is None:
            add(f"    t = field_text(obj, {self.source.constant(self.attr)}, names)",
                *(f"    {line}" for line in text(True)))
            return
        first = self.key[0] if self.key.__class__ is tuple else self.key
        formatting, maybe_none = self.source._format(value, self.key, self.invert, self.attr)
        add(f"    {value} = get({self.source.constant(first)})",
            f"    if {value} is None:", *(f"        {line}" for line in empty or ["pass"]),
            "    else:", *(f"        {line}" for line in formatting + text(maybe_none)))
