"""Words around a verb -> a typed Command, by walking them with the object model (no I/O).

A path is a run of steps `COLLECTION (ALIAS | UUID | FIELD VALUE…)` from the root, or an
alias chain (`bridge0:port0`).  The verb may stand anywhere among the words; field pairs never
run across it, which is what tells `router name r1 set name r2` apart.
"""

import re

from midoshell import commands as c
from midoshell import model
from midoshell.errors import MidoSyntaxError, ValueSyntaxError
from midoshell.model.kinds import ReferenceList, is_uuid
from midoshell.suggestions import closest, did_you_mean

ALIAS_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*?\d+(?::[A-Za-z][A-Za-z0-9_-]*?\d+)*$")


def is_ref(text):
    from midoshell.anywhere import is_id_prefix

    return is_uuid(text) or bool(ALIAS_RE.match(text)) or is_id_prefix(text)


class _Walker:
    """Reads words left to right; `boundary` is the index of the first word after the verb."""

    def __init__(self, verb, words, boundary, line):
        self.verb, self.words, self.boundary, self.line = verb, words, boundary, line
        self.i = 0

    # -- helpers ------------------------------------------------------------------------
    def peek(self, offset=0):
        j = self.i + offset
        return self.words[j] if j < len(self.words) else None

    def error(self, message, word=None, label="syntax error"):
        column = word.column if word else len(self.line) + 1
        return MidoSyntaxError(message, self.line, column, label)

    # -- paths --------------------------------------------------------------------------
    def collection_link(self, type_key, word):
        """The Root or Child named by `word` in the context of `type_key` (None = root)."""
        if word is None or word.quoted:
            return None
        if type_key is None:
            return model.root(word.text)
        return model.object_type(type_key).child(word.text)

    def path(self):
        """Steps as far as they go; the last one may be open (a bare collection)."""
        steps, context = [], None
        first = self.peek()
        if first is not None and not first.quoted and model.root(first.text) is None \
                and ALIAS_RE.match(first.text):
            steps.extend(self.alias_chain(first))
            self.i += 1
            context = steps[-1].type_key
        while True:
            word = self.peek()
            link = self.collection_link(context, word)
            if link is None:
                return steps
            self.i += 1
            step = c.Step(word, link.type, link, singleton=getattr(link, "singleton", False))
            steps.append(step)
            if step.singleton:
                context = step.type_key
                continue
            start = self.i
            ref = self.peek()
            if ref is not None and is_ref(ref.text) and model.find_attr(link.type, ref.text) is None \
                    and self.collection_link(link.type, ref) is None:
                step.ref = ref
                self.i += 1
            else:
                step.filters = self.pairs(link.type, start, stop_at_verb=True)
            if step.is_open:
                return steps
            context = step.type_key

    def alias_chain(self, word):
        """`bridge0:port0` as a path: each alias's prefix tells which collection it is in."""
        steps, context, column = [], None, word.column
        for part in word.text.split(":"):
            prefix = re.match(r"^(.*?)\d+$", part).group(1)
            links = [model.root(r.name) for r in model.ROOTS] if context is None \
                else model.object_type(context).children
            link = next((l for l in links if model.object_type(l.type).prefix == prefix), None)
            if link is None:
                raise self.unknown_prefix(prefix, links, context, c.Word(part, column))
            steps.append(c.Step(c.Word(link.name, column), link.type, link,
                                ref=c.Word(part, column)))
            context = link.type
            column += len(part) + 1
        return steps

    def unknown_prefix(self, prefix, links, context, word):
        """`routr0`: no collection has that alias prefix here; the closest ones, as aliases."""
        where = "at the top level" if context is None else f"in a {context}"
        prefixes = list(dict.fromkeys(model.object_type(l.type).prefix for l in links))
        near = closest(prefix, prefixes)
        number = word.text[len(prefix):]
        hint = ("; did you mean " + " or ".join(repr(p + number) for p in near) + "?") if near \
            else f" (aliases here start with {', '.join(prefixes) or 'nothing'})"
        return self.error(f"no collection of {prefix!r} objects {where}{hint}", word)

    # -- field pairs ----------------------------------------------------------------------
    def pairs(self, type_key, start, stop_at_verb, strict=False):
        """`FIELD VALUE` pairs while the next word is a field of the type.

        With `strict`, a word that is not a field is an error (assignments); otherwise the
        run just ends there (filters).
        """
        found = []
        while self.peek() is not None:
            name = self.peek()
            attr = None if name.quoted else model.find_attr(type_key, name.text)
            if attr is None:
                if strict:
                    raise self.unknown_field(type_key, name)
                break
            if self.peek(1) is None:
                if strict:
                    raise self.error(f"missing value for {name.text}: expected "
                                     f"{attr.kind.expected}")
                break
            if stop_at_verb and start < self.boundary < self.i + 2:
                break  # a run of pairs before the verb ends at the verb
            self.i += 1
            found.append(self.value(attr, name))
        return found

    def value(self, attr, name):
        """The value of one pair (the cursor is on it); references may be object paths.

        A leading `!` inverts the match of fields that can be inverted (`src !10.0.0.0/8`).
        """
        word = self.peek()
        inverted = bool(attr.invert) and word.text.startswith("!") and len(word.text) > 1
        if inverted:
            word = c.Word(word.text[1:], word.column + 1, word.quoted)
            self.words[self.i] = word
        if attr.kind.is_reference:
            pair = self.reference_value(attr, name, word)
        else:
            self.i += 1
            try:
                parsed = attr.kind.parse(word.text)
            except ValueSyntaxError as error:
                hint = _hint(word, getattr(attr.kind, "values", ()))
                raise self.error(f"bad value for {name.text}: {error.message}{hint}",
                                 word) from None
            pair = c.Pair(attr, name, parsed, [word])
        pair.inverted = inverted
        return pair

    def reference_value(self, attr, name, word):
        if not word.quoted and model.root(word.text) is not None:
            start = self.i
            saved_boundary, self.boundary = self.boundary, 0
            steps = self.path()
            self.boundary = saved_boundary
            if not steps or steps[-1].is_open:
                raise self.error(f"incomplete object path for {name.text}: expected an alias "
                                 f"or UUID after {self.words[self.i - 1].text}")
            ref = c.RefValue(self.words[start:self.i], steps)
            return c.Pair(attr, name, ref, ref.words)
        self.i += 1
        return c.Pair(attr, name, c.RefValue([word]), [word])

    def unknown_field(self, type_key, word):
        names = list(dict.fromkeys(a.name for a in _settable_fields(type_key)))
        return self.error(f"{word.text!r} is not a field of {_type_label(type_key)}"
                          f"{_hint(word, names)} (fields: {', '.join(names)})", word)

    def unknown_collection(self, context, word):
        names = model.collections_of(context)
        where = "at the top level" if context is None else f"of {_type_label(context)}"
        what = f"{word.text!r}" if word else "nothing"
        return self.error(f"expected a collection {where}, got {what}{_hint(word, names)} "
                          f"(collections: {', '.join(names) or 'none'})", word)


def _hint(word, names):
    """`; did you mean 'port'?` for a mistyped word, else nothing."""
    hint = did_you_mean(word.text, names) if word is not None and not word.quoted else ""
    return f"; {hint}" if hint else ""


def _type_label(type_key):
    return model.object_type(type_key).description or type_key


def _field_names(type_key):
    return list(dict.fromkeys(a.name for t in model.element_types(type_key) for a in t.attrs
                              if not a.legacy))


def _settable_fields(type_key):
    return [a for t in model.element_types(type_key) for a in t.attrs
            if not a.read_only and a.settable and a.name != "id"]


def interpret(verb, pre, post, line):
    """Build the Command for `verb` from the words before (`pre`) and after (`post`) it."""
    words = list(pre) + list(post)
    if _bare_id(words[0] if words else None):
        return c.ByIdCommand(verb, words, len(pre), line)
    walker = _Walker(verb, words, len(pre), line)
    return _BUILDERS[verb](walker)


def _bare_id(word):
    """A line starting with a UUID or UUID prefix rather than a collection or an alias."""
    from midoshell.anywhere import names_by_id

    return word is not None and not word.quoted and model.root(word.text) is None \
        and names_by_id(word.text)


def path_end(words, line):
    """How many of `words` an object path (with its filters) takes, for error messages."""
    if words and _bare_id(words[0]):
        return 1  # the id is the whole path
    walker = _Walker(None, list(words), len(words), line)
    walker.path()
    return walker.i


def _rest(walker):
    words = walker.words[walker.i:]
    walker.i = len(walker.words)
    return words


def _expect_object(walker, steps):
    """The path must name one object."""
    if not steps:
        raise walker.unknown_collection(None, walker.peek())
    last = steps[-1]
    if last.is_open:
        nxt = walker.peek()
        expected = f"an alias, UUID or FIELD VALUE filter after {last.collection.text!r}"
        raise walker.error(f"expected {expected}" + (f", got {nxt.text!r}" if nxt else ""), nxt)
    return steps


def _build_list(walker):
    steps = walker.path()
    if not steps:
        raise walker.unknown_collection(None, walker.peek())
    target = steps[-1]
    if target.ref is not None or walker.peek() is not None and not target.filters:
        context = target.type_key
        nxt = walker.peek()
        if nxt is None:
            raise walker.error(f"list needs a collection: expected one of "
                               f"{', '.join(model.collections_of(context)) or 'none'} after "
                               f"{target.ref.text}")
        if target.ref is None and _hint(nxt, _field_names(context)):
            raise walker.error(f"{nxt.text!r} is not a field of {_type_label(context)} to "
                               f"filter on{_hint(nxt, _field_names(context))}", nxt)
        raise walker.unknown_collection(context, nxt)
    if walker.peek() is not None:
        nxt = walker.peek()
        raise walker.error(f"{nxt.text!r} is not a field of {_type_label(target.type_key)} "
                           f"to filter on{_hint(nxt, _field_names(target.type_key))}", nxt)
    filters, target.filters = target.filters, []
    return c.ListCommand(steps[:-1], target, filters)


def _build_show(walker):
    steps = walker.path()
    if steps and steps[-1].is_open and walker.peek() is None:
        # `show router`: midonet-cli failed with an internal error; list the collection.
        return c.ListCommand(steps[:-1], steps[-1], [])
    _expect_object(walker, steps)
    fields = _rest(walker)
    _check_followed_fields(walker, steps[-1].type_key, fields)
    return c.ShowCommand(steps, fields)


def _check_followed_fields(walker, type_key, fields):
    """`show OBJECT peer name`: each field but the last must point at one object, whose
    fields the next word names; after a plain value (`name x`) nothing may follow."""
    type_keys = [type_key]
    for position, word in enumerate(fields):
        attr = next((a for a in (model.find_attr(k, word.text) for k in type_keys) if a), None)
        if attr is None:
            _check_fields(walker, type_keys[0], [word])
        if position + 1 == len(fields):
            return
        nxt = fields[position + 1]
        if not attr.kind.is_reference or isinstance(attr.kind, ReferenceList):
            raise walker.error(f"unexpected {nxt.text!r}: {attr.name} is "
                               f"{'a list' if attr.kind.is_reference else 'a plain value'}, "
                               f"it has no fields to show (expected end of line)", nxt)
        target = attr.kind.target
        type_keys = ["router", "bridge"] if target == "device" else [target]


def _check_fields(walker, type_key, fields):
    for word in fields:
        if model.find_attr(type_key, word.text) is None:
            names = _field_names(type_key)
            raise walker.error(f"{word.text!r} is not a field of {_type_label(type_key)}"
                               f"{_hint(word, names)} (fields: {', '.join(names)})", word)


def _build_create(walker):
    steps = walker.path()
    if not steps:
        raise walker.unknown_collection(None, walker.peek())
    target = steps[-1]
    if target.ref is not None:
        raise walker.unknown_collection(target.type_key, walker.peek())
    link = target.link
    if not link.can_create:
        raise walker.error(f"{target.collection.text} objects cannot be created "
                           f"(the server or its agents make them)", target.collection, "error")
    assignments = target.filters + walker.pairs(target.type_key, walker.i, False, strict=True)
    target.filters = []
    _check_settable(walker, assignments, creating=True)
    return c.CreateCommand(steps[:-1], target, assignments)


def _check_settable(walker, assignments, creating=False):
    """Read-only fields, and fields the server fills from the path (a member's zone), are
    not typed.  A create may give the new object's `id` (the v5 API takes it), which is how
    a restore gives objects back their UUIDs."""
    for pair in assignments:
        attr = pair.attr
        if creating and attr.name == "id":
            if not is_uuid(pair.value):
                raise walker.error(f"bad value for id: expected a UUID, got {pair.text!r}",
                                   pair.words[0])
            continue
        if attr.read_only or not attr.settable or attr.name == "id":
            raise walker.error(f"{attr.name} is read-only", pair.name, "error")


def _build_set(walker):
    steps = _expect_object(walker, walker.path())
    if walker.peek() is None:
        raise walker.error("expected FIELD VALUE assignments after the object")
    assignments = walker.pairs(steps[-1].type_key, walker.i, False, strict=True)
    _check_settable(walker, assignments)
    return c.SetCommand(steps, assignments)


def _build_clear(walker):
    steps = _expect_object(walker, walker.path())
    fields = _rest(walker)
    if not fields:
        raise walker.error("expected the fields to clear")
    _check_fields(walker, steps[-1].type_key, fields)
    pairs = []
    for word in fields:
        attr = model.find_attr(steps[-1].type_key, word.text)
        if not attr.clearable:
            clearable = ", ".join(a.name for t in model.element_types(steps[-1].type_key)
                                  for a in t.attrs if a.clearable) or "none"
            raise walker.error(f"{attr.name} cannot be cleared (clearable: {clearable})", word,
                               "error")
        pairs.append((attr, word))
    return c.ClearCommand(steps, pairs)


def _build_delete(walker):
    steps = _expect_object(walker, walker.path())
    if walker.peek() is not None:
        raise walker.unknown_collection(steps[-1].type_key, walker.peek())
    return c.DeleteCommand(steps)


def _build_describe(walker):
    steps = walker.path()
    if walker.peek() is not None:
        raise walker.unknown_collection(steps[-1].type_key if steps else None, walker.peek())
    if steps and steps[-1].is_open:
        return c.DescribeCommand(steps[:-1], steps[-1])
    return c.DescribeCommand(steps, None)


_BUILDERS = {
    "list": _build_list, "show": _build_show, "create": _build_create, "set": _build_set,
    "clear": _build_clear, "delete": _build_delete, "describe": _build_describe,
}


def guarded(guard, command, line):
    """`--may-exist` goes with create (and set), `--if-exists` with delete."""
    if isinstance(command, c.ByIdCommand) and command.guard is None:
        command.guard = guard  # checked when the id has been looked up
        return command
    if guard == "may-exist" and isinstance(command, (c.CreateCommand, c.SetCommand)):
        command.may_exist = True
        return command
    if guard == "if-exists" and isinstance(command, c.DeleteCommand):
        command.if_exists = True
        return command
    wanted = "create (or set)" if guard == "may-exist" else "delete"
    raise MidoSyntaxError(f"--{guard} goes before a {wanted} command", line, 1)


def export_command(words, line):
    """`export [--keep-ids] [TYPE | OBJECT]`: a root collection, or one object and all
    that is under it."""
    keep_ids = False
    while words and words[0].text == "--keep-ids" and not words[0].quoted:
        keep_ids, words = True, words[1:]
    if not words:
        return c.ExportCommand(keep_ids=keep_ids)
    walker = _Walker("export", list(words), len(words), line)
    steps = walker.path()
    if not steps:
        raise walker.unknown_collection(None, walker.peek())
    if walker.peek() is not None:
        raise walker.error(f"unexpected {walker.peek().text!r}: export takes one collection "
                           f"or one object", walker.peek())
    if steps[-1].is_open:
        if len(steps) > 1:
            raise walker.error("export takes a top-level collection or one object",
                               steps[-1].collection)
        return c.ExportCommand(collection=steps[0].link, keep_ids=keep_ids)
    return c.ExportCommand(path=steps, keep_ids=keep_ids)
