"""A listing's objects straight to printed text, one pass per object (text, csv, json).

The general path makes a Row per object (a list of (name, text) pairs), then a renderer
walks it, quoting and escaping value by value: a few microseconds an object, which at tens
of thousands of objects is most of a listing's time.  Here what a type prints is worked out
once (RowMaker's plan: keys, formatting) and turned into steps whose common kinds (a string
or a number as sent, a two-word boolean, a UUID reference while aliases are not shown, an
address with its length) need no call into the model; whether a whole line needs quoting or
escaping is asked once, at C speed, of the joined line.  The output is the general path's,
byte for byte: anything these steps do not expect (a value of another shape, a string that
needs quotes or escapes) is handed to the general path, object by object or value by value.
"""

from midoshell.model.value_kinds import Cidr, Kind, PortReference, Reference, Words
from midoshell.output.safe import cell
from midoshell.output.text import quote, render_row
from midoshell.naming import UNEXPECTED_SHAPE, field_text


LEAVE_OUT = object()  # an empty field is left out of ListedText.texts


class Unexpected(Exception):
    """A value these steps do not format: the object goes the general way."""


def _as_sent(value):
    """A reference printed as the UUID the server sent (aliases not shown)."""
    if value.__class__ is not str:
        raise Unexpected
    return value


def _kind_step(kind, names):
    """How a field's own value (not None) becomes its text: the kind's format, in short."""
    kind_class = type(kind)
    if kind_class.format is Kind.format:
        return str  # Kind.format of a value that is there
    if kind_class is Words:
        yes, no = kind.yes, kind.no
        return lambda value: yes if value else no
    if kind_class in (Reference, PortReference) and not names.show_aliases:
        return _as_sent
    format_value = kind.format

    def formatted(value):
        text = format_value(value, names)
        if text is not None and text.__class__ is not str:
            raise Unexpected
        return text
    return formatted


def _cidr_step(kind):
    """Cidr.format of Cidr.read, for an address sent as a string."""
    address_key, length_key = kind.address_key, kind.length_key

    def cidr(doc):
        address = doc.get(address_key)
        if address is None:
            return None
        if address.__class__ is not str:
            raise Unexpected
        length = doc.get(length_key)
        address = address or "0.0.0.0"
        return address if length == 32 else f"{address}/{length or 0}"
    return cidr


def steps_of(plan, names):
    """(name, key, step, inverting key, attribute) per field of RowMaker's plan: with a key,
    step(value) for the value there; without, step(doc); without either, field_text."""
    steps = []
    for name, _empty, key, invert, _format, attr in plan:
        if key.__class__ is str:
            steps.append((name, key, _kind_step(attr.kind, names), invert, attr))
        elif key is not None and type(attr.kind) is Cidr:
            steps.append((name, None, _cidr_step(attr.kind), invert, attr))
        else:
            steps.append((name, None, None, None, attr))
    return steps


class ListedText:
    """Texts of listed objects as RowMaker's rows give them, made without the rows."""

    def __init__(self, maker):
        self.maker = maker
        self.names = maker.names
        self._steps = {}

    def steps(self, object_type):
        steps = self._steps.get(object_type.key)
        if steps is None:
            steps = self._steps[object_type.key] = steps_of(self.maker.plan(object_type),
                                                             self.names)
        return steps

    def head(self, obj):
        """[prefix, ident] as the row has them, or [] for a type without ids."""
        if not obj.type.has_id:
            return []
        ident = self.names.ident(obj) if self.names.show_aliases else obj.id
        if ident is None:
            return [obj.type.prefix]
        return [obj.type.prefix, ident if ident.__class__ is str else _json(ident)]

    def texts(self, obj, doc, empty=LEAVE_OUT):
        """[name, text, …] for each field, the empty ones left out or given as `empty`.  Raises Unexpected (or what formatting raises) where the general path
        would do more than these steps."""
        out, get, names = [], doc.get, self.names
        for name, key, step, invert, attr in self.steps(obj.type):
            if key is not None:
                value = get(key)
                text = None if value is None else step(value)
            elif step is not None:
                text = step(doc)
            else:
                text = field_text(obj, attr, names)
                invert = None  # field_text has inverted it
            if text is None:
                if empty is not LEAVE_OUT:
                    out += (name, empty)
                continue
            if invert is not None and get(invert):
                text = "!" + text
            out += (name, text)
        return out

    def text_line(self, obj):
        """render_row(RowMaker(obj)), in one pass."""
        doc = obj.doc
        if doc.__class__ is dict:
            try:
                head = self.head(obj)
                parts = head + self.texts(obj, doc)
            except (Unexpected, *UNEXPECTED_SHAPE):
                pass
            else:
                return _joined(parts, len(head))
        return render_row(self.maker(obj))


    def typed_maker(self, columns):
        """machine.typed of RowMaker's row of an object, made from the object alone."""
        from midoshell.output.typed import TypedRecords

        typed_fields, names = TypedRecords(), self.names
        aliases = names.show_aliases

        def typed(obj):
            out = {}
            ident = obj.id
            if obj.type.has_id and ident is not None:
                out["id"] = ident
                out["alias"] = names.alias(obj) if aliases else None
            out.update(typed_fields(obj))
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
                    texts = self.texts(obj, doc, "")[1::2]
                except (Unexpected, *UNEXPECTED_SHAPE):
                    return general(obj)
                if not has_uuid:
                    return texts
                ident = ident if ident.__class__ is str else _json(ident)
                alias = names.alias(obj) if aliases else None
                return [ident, "" if alias is None else alias, *texts]
            return general(obj)
        return values


    def table_maker(self, general):
        """(keys, values) of the table record of an object (table._with_ident's dict, with
        None for an empty field), made from the object alone; general(obj) gives the dict
        when these steps cannot.  Objects of one type and ident column share one keys tuple."""
        names = self.names
        aliases = names.show_aliases
        keys_of = {}

        def table_record(obj):
            doc = obj.doc
            try:
                parts = self.texts(obj, doc, None) if doc.__class__ is dict else None
            except (Unexpected, *UNEXPECTED_SHAPE):
                parts = None
            if parts is None:
                record = general(obj)
                return tuple(record), list(record.values())
            ident, values, key = obj.id, parts[1::2], None
            if obj.type.has_id and ident is not None:
                alias = names.alias(obj) if aliases else None
                key = "alias" if alias else "id"
                values.insert(0, alias if alias else
                              ident if ident.__class__ is str else _json(ident))
            keys = keys_of.get((obj.type.key, key))
            if keys is None:
                keys = keys_of[obj.type.key, key] = (key,) * (key is not None) + \
                    tuple(parts[0::2])
            return keys, values
        return table_record


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


def _json(value):
    import json

    return json.dumps(value)


def listed(rows):
    """The ListedText of a listing's rows (RowMaker's), or None for rows of another kind."""
    from midoshell.naming import RowMaker
    from midoshell.results import RowStream

    if isinstance(rows, RowStream) and isinstance(rows.make_row, RowMaker):
        return ListedText(rows.make_row)
    return None


def listed_text(rows):
    """render_row of each row of a listing, in one pass per object; None when the rows are
    not a listing's."""
    texts = listed(rows)
    return None if texts is None else rows.each(texts.text_line)
