"""A listing's objects straight to printed text, without rows (text, csv, table, json).

The general path makes a Row per object (a list of (name, text) pairs), then a renderer
walks it, quoting and escaping value by value: a few microseconds an object, which at tens
of thousands of objects is most of a listing's time.  Here each type's fields are made by
code written once for it (linecode.py), and whether text needs quoting or escaping is asked
once, at C speed, of a whole block of lines.  The output is the general path's, byte for
byte: anything that code does not expect (a value of another shape, a string that needs
quotes or escapes) is handed to the general path, object by object or value by value.
"""

import itertools
import operator

from midoshell.naming import UNEXPECTED_SHAPE
from midoshell.objects import docs_of
from midoshell.output import NONE_AS_EMPTY
from midoshell.output.linecode import FLAVOURS, Unexpected, head, written
from midoshell.output.safe import cell
from midoshell.output.text import quote, render_row

# Characters a line shows as they are: printable ASCII but the quotes and the backslash
# (quote() would quote a value holding one), a space between parts, a line break between
# lines.  Anything else in a block sends its lines the careful way.
_AS_THEY_ARE = bytes(range(0x21, 0x7F)).translate(None, b"\"'\\") + b" \n"


class ListedText:
    """Texts of listed objects as RowMaker's rows give them, made without the rows.

    Writing a type's code costs about a tenth of a millisecond per field (a rule's, five),
    and it saves a few microseconds an object: a type's code is written once `write_after`
    of its objects have come (by default 16 per field it prints), the first ones made the
    general way; a listing of a few objects writes none."""

    def __init__(self, maker, write_after=None):
        self.maker = maker
        self.names = maker.names
        self.write_after = write_after
        self._written = {flavour: {} for flavour in FLAVOURS}  # flavour -> type key -> code
        self._come = {}  # type key -> objects come before its code was written
        self._column_plans = {}  # type key -> bycolumn.column_plan (None: not by column)

    def code(self, flavour, object_type, coming=1):
        """linecode's function `flavour` of a type, written once it is worth writing (see
        the class docstring); until then one that sends each object the general way."""
        made = self._written[flavour]
        code = made.get(object_type.key)
        if code is None:
            plan = self.maker.plan(object_type)
            come = self._come[object_type.key] = self._come.get(object_type.key, 0) + coming
            after = self.write_after if self.write_after is not None else 16 * len(plan)
            if come <= after:
                return _not_yet
            code = made[object_type.key] = written(flavour, object_type, plan, self.names)
        return code

    def text_line(self, obj):
        """render_row(RowMaker(obj)), in one pass."""
        doc = obj.doc
        if doc.__class__ is dict:
            try:
                parts = self.code("parts", obj.type)(obj, doc)
            except (Unexpected, *UNEXPECTED_SHAPE):
                pass
            else:
                return _joined(parts, len(head(obj, self.names)) if obj.type.has_id else 0)
        return render_row(self.maker(obj))

    def by_column(self, objs, types=None):
        """(ids, the texts of each printed field, a list per field) of a block of objects
        of one type with ids sent as strings, made a field at a time (bycolumn.py), when
        aliases are not shown and the type's fields can be made so; else None.  `types`:
        _types_of(objs), when the caller has it."""
        types = types or _types_of(objs)
        if len(types) != 1:
            return None
        object_type = next(iter(types.values()))
        plan = self._column_plans.get(object_type.key, _not_yet)
        if plan is _not_yet:
            from midoshell.output.bycolumn import column_plan

            plan = column_plan(self.maker.plan(object_type), self.names.show_aliases) \
                if object_type.has_id and not self.names.show_aliases else None
            self._column_plans[object_type.key] = plan
        docs = None if plan is None else _decoded_docs(objs)
        ids = None if docs is None else _ids_in(docs)
        if ids is None or set(map(type, ids)) != {str}:
            return None
        from midoshell.output.bycolumn import columns

        try:
            return ids, columns(plan, docs)
        except Unexpected:
            return None

    def _column_text(self, objs):
        """text_block's text made by column when every line shows the same fields, none
        empty and none needing quotes or escapes; else None."""
        made = self.by_column(objs)
        if made is None:
            return None
        ids, texts = made
        pieces = [itertools.repeat(objs[0].type.prefix + " "), ids]  # of each line, in turn
        for (name, _, _), column in zip(self._column_plans[objs[0].type.key], texts):
            if all(column):  # no field empty (None, hidden) or sent empty (quoted as "")
                pieces += [itertools.repeat(f" {name} "), column]
            elif any(column) or column.count(None) != len(column):
                return None  # shown in some lines only, or sent empty
        text = "\n".join(map("".join, zip(*pieces)))
        if _as_they_are(text, len(objs)) and \
                text.count(" ") == len(objs) * (len(pieces) - 1):
            return text
        return None

    def text_block(self, objs):
        """The text lines of objects, joined by line breaks: made at once, then checked
        at once, when no part of any line needs quoting or escaping; else line by line."""
        text = self._column_text(objs)
        if text is not None:
            return text
        try:
            text = "\n".join(self._each("line", objs))
        except (Unexpected, *UNEXPECTED_SHAPE):
            pass
        else:
            if _as_they_are(text, len(objs)):
                return text
        return "\n".join([self.text_line(obj) for obj in objs])

    def _each(self, flavour, objs, *args):
        """The function `flavour` of each object's type applied to it: [code(obj, obj.doc,
        *args), …].  A type's function is written when an object of it first comes (most
        listings have one type)."""
        codes, types = self._written[flavour], {}
        while True:
            try:
                keys = set(map(_type_key, objs))
                if len(keys) == 1:  # most listings: one function, called at C speed
                    code = codes[keys.pop()]
                    return list(map(code, objs, docs_of(objs), *map(itertools.repeat, args)))
                if not args:  # a plain call: a starred one costs a tuple per object
                    return [codes[obj.type.key](obj, obj.doc) for obj in objs]
                return [codes[obj.type.key](obj, obj.doc, *args) for obj in objs]
            except KeyError as error:
                if not types:
                    types = {obj.type.key: obj.type for obj in objs}
                key = error.args[0] if error.args else None
                if key.__class__ is not str or key in codes or key not in types:
                    raise  # not a missing function: a value the function did not expect
                coming = sum(1 for obj in objs if obj.type.key == key)
                if self.code(flavour, types[key], coming) is _not_yet:
                    raise Unexpected from None  # the general way, object by object

    def json_batch(self, objs):
        """The text json.dumps writes of the list of typed_maker(None) of the objects, its
        brackets taken off: written at once when no object needs the general path."""
        try:
            return ", ".join(self._each("json", objs))
        except (Unexpected, *UNEXPECTED_SHAPE):
            from midoshell.output.machine import dumped_items

            return dumped_items(self.typed_batch(objs, None), pretty=False)

    def typed_batch(self, objs, columns):
        """typed_maker(columns) of each object: made at once when no object needs the
        general path."""
        if not columns:
            try:
                return self._each("typed", objs)
            except (Unexpected, *UNEXPECTED_SHAPE):
                pass
        return list(map(self.typed_maker(columns), objs))

    def typed_maker(self, columns):
        """machine.typed of RowMaker's row of an object, made from the object alone."""
        from midoshell.output.typed import TypedRecords

        typed_fields, names = TypedRecords(), self.names
        aliases = names.show_aliases

        def general(obj):
            out = {}
            ident = obj.id
            if obj.type.has_id and ident is not None:
                out["id"] = ident
                out["alias"] = names.alias(obj) if aliases else None
            out.update(typed_fields(obj))
            return out

        def typed(obj):
            doc = obj.doc
            out = None
            if doc.__class__ is dict:
                try:
                    out = self.code("typed", obj.type)(obj, doc)
                except (Unexpected, *UNEXPECTED_SHAPE):
                    pass
            if out is None:
                out = general(obj)
            return {name: out.get(name) for name in columns} if columns else out
        return typed

    def csv_maker(self, header, general):
        """The values of an object's csv record in header order (csv_pieces' values), made
        from the object alone when its record's keys are the header, else by general(obj)."""
        names = self.names
        aliases = names.show_aliases
        keys = {}

        def values(obj):
            doc = obj.doc
            ident = obj.id
            has_uuid = obj.type.has_id and ident is not None
            fits = keys.get((obj.type.key, has_uuid))
            if fits is None:
                fits = keys[obj.type.key, has_uuid] = _record_keys(obj.type, has_uuid) == header
            if fits and doc.__class__ is dict:
                try:
                    texts = self.code("texts", obj.type)(obj, doc, "")
                except (Unexpected, *UNEXPECTED_SHAPE):
                    return general(obj)
                if not has_uuid:
                    return texts
                ident = ident if ident.__class__ is str else _json(ident)
                alias = names.alias(obj) if aliases else None
                return [ident, "" if alias is None else alias, *texts]
            return general(obj)
        return values

    def csv_batch(self, objs, header, general):
        """csv_maker(header, general) of each object: made at once when aliases are not
        shown, every object's type has the header's keys and every id came as a string."""
        if not self.names.show_aliases:
            types = _types_of(objs)
            places = {key: _places(t, header) for key, t in types.items()}
            made = self.by_column(objs, types) if list(places.values()) == [_SAME] else None
            if made is not None:  # the texts of empty fields as csv has them: ""
                return list(map(list, zip(made[0], itertools.repeat(""), *[
                    list(map(NONE_AS_EMPTY.get, texts, texts)) for texts in made[1]])))
            if None not in places.values():
                try:
                    texts = self._each("texts", objs, "")
                except (Unexpected, *UNEXPECTED_SHAPE):
                    texts = None
                ids = _ids_of(objs)
                if texts is not None and all(i.__class__ is str for i in ids):
                    if len(types) == 1 and next(iter(places.values())) is _SAME:
                        return [[ident, "", *values] for ident, values in zip(ids, texts)]
                    return [_placed(places[obj.type.key], [ident, "", *values, ""])
                            for obj, ident, values in zip(objs, ids, texts)]
        return list(map(self.csv_maker(header, general), objs))

    def table_maker(self, general):
        """A function giving, for a list of objects, their table records (table._with_ident's
        dicts, with None for an empty field) made from the objects alone, as columns when
        it can (see table_records); general(obj) gives the dict when these steps cannot.
        Objects of one type and ident column share one keys tuple."""
        names = self.names
        aliases = names.show_aliases
        keys_of = {}

        def table_record(obj):
            doc = obj.doc
            try:
                values = self.code("texts", obj.type)(obj, doc, None) \
                    if doc.__class__ is dict else None
            except (Unexpected, *UNEXPECTED_SHAPE):
                values = None
            if values is None:
                record = general(obj)
                return tuple(record), list(record.values())
            ident, key = obj.id, None
            if obj.type.has_id and ident is not None:
                alias = names.alias(obj) if aliases else None
                key = "alias" if alias else "id"
                values.insert(0, alias if alias else
                              ident if ident.__class__ is str else _json(ident))
            return keys_for(obj.type, key), values

        def keys_for(object_type, key):
            keys = keys_of.get((object_type.key, key))
            if keys is None:
                keys = keys_of[object_type.key, key] = (key,) * (key is not None) + \
                    tuple(step[0] for step in self.maker.plan(object_type))
            return keys

        def table_records(objs):
            """The records of the objects as (keys, columns), a column of values per key,
            when they all have one keys tuple (made at once when aliases are not shown
            and every object is of one type with an id sent as a string); else (None,
            [table_record(obj) for each object])."""
            types = {} if aliases else _types_of(objs)
            made = self.by_column(objs, types) if len(types) == 1 else None
            if made is not None:
                return keys_for(objs[0].type, "id"), [made[0], *made[1]]
            if types and all(t.has_id for t in types.values()):
                try:
                    texts = self._each("texts", objs, None)
                except (Unexpected, *UNEXPECTED_SHAPE):
                    texts = None
                ids = texts and _ids_of(objs)
                if texts and all(i.__class__ is str for i in ids):
                    if len(types) == 1:
                        return keys_for(objs[0].type, "id"), [ids, *zip(*texts)]
                    keys = {key: keys_for(t, "id") for key, t in types.items()}
                    return None, [(keys[obj.type.key], [ident, *values])
                                  for obj, ident, values in zip(objs, ids, texts)]
            return None, list(map(table_record, objs))
        return table_records


_type_key = operator.attrgetter("type.key")


def _types_of(objs):
    """{type key: type} of the objects (one look at each when they are of one type)."""
    if len(set(map(_type_key, objs))) == 1:
        return {objs[0].type.key: objs[0].type}
    return {obj.type.key: obj.type for obj in objs}


def _decoded_docs(objs):
    """docs_of(objs) when every one is a dict (as decoded from JSON), else None."""
    docs = docs_of(objs)
    return docs if set(map(type, docs)) == {dict} else None


def _ids_in(docs):
    return list(map(dict.get, docs, itertools.repeat("id")))


def _ids_of(objs):
    """[obj.id for obj in objs], read at C speed from documents as decoded."""
    docs = _decoded_docs(objs)
    return _ids_in(docs) if docs is not None else [obj.id for obj in objs]


_SAME = object()  # a type whose record's keys are the header, in its order


def _places(object_type, header):
    """How a csv record of this type (with an id) becomes the header's values: _SAME, a
    getter taking each header key's value from [id, alias, *texts, ""] ("" for the keys
    the type lacks, as csv_pieces' general values have them), or None for a type that is
    not written this way (no id, or a key the header lacks)."""
    keys = _record_keys(object_type, True)
    if not object_type.has_id or not set(keys) <= set(header):
        return None
    if keys == header:
        return _SAME
    return operator.itemgetter(*(keys.index(h) if h in keys else len(keys) for h in header))


def _placed(places, values):
    return values[:-1] if places is _SAME else list(places(values))


def _not_yet(*_):
    """A type's code before it is written: every object goes the general way."""
    raise Unexpected


def _record_keys(object_type, has_uuid):
    """machine._keys of an object of this type."""
    return (["id", "alias"] if has_uuid else []) + [a.name for a in object_type.visible_attrs()]


def _joined(parts, heads):
    """The line of [prefix, ident, name, text, …]: as they are when no part needs escaping
    or quoting (asked of the whole line at once: printable, no quote or backslash, and
    spaces only between parts), else the head escaped and each text quoted."""
    line = " ".join(parts)
    if line.isprintable() and line.count(" ") == len(parts) - 1 and '"' not in line \
            and "'" not in line and "\\" not in line and "" not in parts:
        return line
    out = [cell(p) for p in parts[:heads]]
    for i in range(heads, len(parts), 2):
        out += (parts[i], quote(parts[i + 1]))
    return " ".join(out)


def _as_they_are(text, lines):
    """Whether `text`, `lines` lines made by linecode's line() (no empty part, spaces only
    between parts) joined by line breaks, needs no escaping or quoting: only characters
    shown as they are, and a line break only between lines."""
    return text.isascii() and not text.encode().translate(None, _AS_THEY_ARE) \
        and text.count("\n") == lines - 1


def _json(value):
    import json

    return json.dumps(value)


def listed(rows):
    """The ListedText of a listing's rows (RowMaker's), or None for rows of another kind."""
    from midoshell.naming import RowMaker
    from midoshell.results import RowStream

    if isinstance(rows, RowStream) and isinstance(rows.make_row, RowMaker):
        return ListedText(rows.make_row, WRITE_AFTER)
    return None


WRITE_AFTER = None  # ListedText's default: 16 objects per field a type prints


BLOCK = 256  # objects whose lines are made and checked at once


def listed_text(rows):
    """Blocks of the text lines of a listing (render_row of each row, joined by line
    breaks), made a block of objects at a time; None when the rows are not a listing's."""
    from midoshell.output.text import Block

    texts = listed(rows)
    if texts is None:
        return None
    return (Block(texts.text_block(objs)) for objs in rows.batches(BLOCK))
