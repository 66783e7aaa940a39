"""What each verb takes after its object: the Command of a whole line, or what may come next.

Each function walks the words of one verb with a Walker.  Interpreting, it returns the
Command (or raises MidoSyntaxError); completing, it raises AtCursor where the words run out.
"""

from midoshell import commands as c
from midoshell import model
from midoshell.errors import MidoError, ValueSyntaxError
from midoshell.model.value_kinds import ReferenceList, is_uuid
from midoshell.walker import AtCursor, Walker, field_names, hint_for, type_label, w

DEFAULT_TIMEOUT = 60.0  # seconds `wait-until` waits without `timeout SECONDS`


def build(verb, words, boundary, line):
    """The Command for a whole line's words (the verb's, `boundary` where it stood)."""
    return BUILDERS[verb](Walker(verb, words, boundary, line))


def wants_at(verb, words, boundary):
    """The kinds of word that may follow `words` (the complete words before the cursor);
    `verb` None when none is typed yet (then `boundary` is None too)."""
    if boundary is None:
        boundary = len(words) + 2  # no verb: nothing ends a run of filters
    walker = Walker(verb, list(words), boundary, "", completing=True)
    try:
        BUILDERS.get(verb, _no_verb)(walker)
    except AtCursor as reached:
        return reached.wants
    except MidoError:  # the words so far mean nothing: nothing to offer
        return []
    return []


def _no_verb(walker):
    """Completing before the verb: the path, then the verb (the grammar offers it)."""
    walker.path()


def path_end(words, line):
    """How many of `words` an object path (with its filters) takes, for error messages."""
    walker = Walker(None, list(words), len(words), line)
    walker.path()
    return walker.i


def _rest(walker):
    words = walker.words[walker.i:]
    walker.i = len(walker.words)
    return words


def expect_object(walker, steps):
    """The path must name one object."""
    if not steps:
        raise walker.unknown_collection(None, walker.peek())
    last = steps[-1]
    if last.is_open:
        nxt = walker.peek()
        expected = f"an alias, UUID or FIELD VALUE filter after {last.collection.text!r}"
        raise walker.error(f"expected {expected}" + (f", got {nxt.text!r}" if nxt else ""), nxt)
    return steps


def _list(walker):
    steps = walker.path()
    if not steps:
        raise walker.unknown_collection(None, walker.peek())
    target = steps[-1]
    if target.ref is not None or walker.peek() is not None and not target.filters:
        walker.no_hints()
        context = target.type_key
        nxt = walker.peek()
        if nxt is None:
            raise walker.error(f"list needs a collection: expected one of "
                               f"{', '.join(model.collections_of(context)) or 'none'} after "
                               f"{target.ref.text}")
        if target.ref is None and hint_for(nxt, field_names(context)):
            raise walker.error(f"{nxt.text!r} is not a field of {type_label(context)} to "
                               f"filter on{hint_for(nxt, field_names(context))}", nxt)
        raise walker.unknown_collection(context, nxt)
    if walker.peek() is not None:
        walker.no_hints()
        nxt = walker.peek()
        raise walker.error(f"{nxt.text!r} is not a field of {type_label(target.type_key)} "
                           f"to filter on{hint_for(nxt, field_names(target.type_key))}", nxt)
    filters, target.filters = target.filters, []
    return c.ListCommand(steps[:-1], target, filters)


def _show(walker):
    steps = walker.path()
    if steps and steps[-1].is_open and walker.peek() is None:
        # `show router`: midonet-cli failed with an internal error; list the collection.
        return c.ListCommand(steps[:-1], steps[-1], [])
    expect_object(walker, steps)
    return c.ShowCommand(steps, _followed_fields(walker, steps[-1].type_key))


def _followed_fields(walker, type_key):
    """`show OBJECT peer name`: each field but the last must point at one object, whose
    fields the next word names; after a plain value (`name x`) nothing may follow."""
    fields = []
    while True:
        walker.cursor(lambda: [w.Fields(type_key, "show")])
        word = walker.peek()
        if word is None:
            return fields
        attr = model.find_attr(type_key, word.text)
        if attr is None:
            _check_fields(walker, type_key, [word])
        walker.i += 1
        fields.append(word)
        if not attr.kind.is_reference or isinstance(attr.kind, ReferenceList):
            walker.cursor(list)  # nothing follows a plain value or a list
            nxt = walker.peek()
            if nxt is not None:
                raise walker.error(f"unexpected {nxt.text!r}: {attr.name} is "
                                   f"{'a list' if attr.kind.is_reference else 'a plain value'}, "
                                   f"it has no fields to show (expected end of line)", nxt)
            return fields
        type_key = attr.kind.target


def _check_fields(walker, type_key, fields):
    for word in fields:
        if model.find_attr(type_key, word.text) is None:
            walker.no_hints()
            names = field_names(type_key)
            raise walker.error(f"{word.text!r} is not a field of {type_label(type_key)}"
                               f"{hint_for(word, names)} (fields: {', '.join(names)})", word)


def _create(walker):
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
    assignments = target.filters + _assignments(walker, target.type_key, steps[:-1], "create")
    target.filters = []
    _check_assignable(walker, assignments, creating=True)
    return c.CreateCommand(steps[:-1], target, assignments)


def _assignments(walker, type_key, scope, role):
    """`FIELD VALUE…` to the end of the line; completing, the fields not given yet."""
    found = walker.pairs(type_key, walker.i, False, strict=True, scope=scope)
    walker.cursor(lambda: [w.Fields(type_key, role, frozenset(p.attr.name for p in found))])
    return found


def _check_assignable(walker, assignments, creating=False):
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
        if not attr.assignable:
            raise walker.error(f"{attr.name} is read-only", pair.name, "error")


def _set(walker):
    steps = expect_object(walker, walker.path())
    if walker.peek() is None:
        raise walker.error("expected FIELD VALUE assignments after the object")
    assignments = _assignments(walker, steps[-1].type_key, steps, "set")
    _check_assignable(walker, assignments)
    return c.SetCommand(steps, assignments)


def _clear(walker):
    steps = expect_object(walker, walker.path())
    type_key = steps[-1].type_key
    fields = []
    while True:
        walker.cursor(lambda: _clear_wants(type_key, fields))
        if walker.peek() is None:
            break
        fields.append(walker.peek())
        walker.i += 1
    if not fields:
        raise walker.error("expected the fields to clear")
    _check_fields(walker, type_key, fields)
    pairs = []
    for word in fields:
        attr = model.find_attr(type_key, word.text)
        if not attr.clearable:
            clearable = ", ".join(a.name for t in model.element_types(type_key)
                                  for a in t.attrs if a.clearable) or "none"
            raise walker.error(f"{attr.name} cannot be cleared (clearable: {clearable})", word,
                               "error")
        pairs.append((attr, word))
    return c.ClearCommand(steps, pairs)


def _clear_wants(type_key, fields):
    used = {word.text for word in fields}
    if all(model.find_attr(type_key, name) for name in used):
        return [w.Fields(type_key, "clear", frozenset(used))]
    return []


def _delete(walker):
    steps = expect_object(walker, walker.path())
    if walker.peek() is not None:
        raise walker.unknown_collection(steps[-1].type_key, walker.peek())
    return c.DeleteCommand(steps)


def _describe(walker):
    steps = walker.path()
    if walker.peek() is not None:
        raise walker.unknown_collection(steps[-1].type_key if steps else None, walker.peek())
    if steps and steps[-1].is_open:
        return c.DescribeCommand(steps[:-1], steps[-1])
    return c.DescribeCommand(steps, None)


def _export(walker):
    """`export [TYPE | OBJECT]` (after `--keep-ids`): a root collection, or one object and
    all that is under it."""
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
        return c.ExportCommand(collection=steps[0].link)
    return c.ExportCommand(path=steps)


def _wait(walker):
    """`wait-until OBJECT FIELD VALUE [timeout SECONDS]`: poll a field until it has a value."""
    steps = expect_object(walker, walker.path())
    subject = " ".join(word.text for word in walker.words[:walker.i])
    type_key = steps[-1].type_key
    name = walker.peek()
    if name is None:
        raise walker.error(f"expected a field of {type_label(type_key)} and the value to "
                           f"wait for")
    attr = None if name.quoted else model.find_attr(type_key, name.text)
    if attr is None:
        fields = ", ".join(a.name for t in model.element_types(type_key) for a in t.attrs
                           if not a.legacy)
        raise walker.error(f"{name.text!r} is not a field of {type_label(type_key)} "
                           f"(fields: {fields})", name)
    walker.i += 1
    walker.cursor(lambda: w.value_of(attr, w.scope_of(steps)))
    word = walker.peek()
    if word is None:
        raise walker.error(f"expected the value of {name.text} to wait for: "
                           f"{attr.kind.expected}")
    value = _wait_value(walker, attr, name, word)
    walker.i += 1
    walker.cursor(lambda: [w.Keywords(("timeout",))])
    timeout = _timeout(walker)
    return c.WaitCommand(steps, attr, name, value, [word], timeout, subject)


def _wait_value(walker, attr, name, word):
    if attr.kind.is_reference or walker.completing:
        return word.text  # compared with the id the field holds
    try:
        return attr.kind.parse(word.text)
    except ValueSyntaxError as error:
        raise walker.error(f"bad value for {name.text}: {error.message}", word) from None


def _timeout(walker):
    """`timeout SECONDS` (a number, 0 or more), or the default."""
    word = walker.peek()
    if word is None:
        return DEFAULT_TIMEOUT
    if word.quoted or word.text != "timeout":
        raise walker.error(f"unexpected {word.text!r}: expected `timeout SECONDS` or the end "
                           f"of the line", word)
    walker.i += 1
    walker.cursor(list)  # a number of seconds: nothing to offer
    seconds = walker.peek()
    if seconds is None:
        raise walker.error("expected the number of seconds after timeout")
    try:
        value = float(seconds.text)
    except ValueError:
        value = -1.0
    import math  # only lines that wait with a timeout need it

    if not math.isfinite(value) or value < 0:
        raise walker.error(f"bad timeout: expected a number of seconds (0 or more), got "
                           f"{seconds.text!r}", seconds)
    walker.i += 1
    walker.cursor(list)
    if walker.peek() is not None:
        raise walker.error(f"unexpected {walker.peek().text!r} after the timeout",
                           walker.peek())
    return value


BUILDERS = {
    "list": _list, "show": _show, "create": _create, "set": _set, "clear": _clear,
    "delete": _delete, "describe": _describe, "export": _export, "wait-until": _wait,
}
