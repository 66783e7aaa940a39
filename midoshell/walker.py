"""The one walker of the object-path language, for the interpreter and the completer.

Object paths: collections, alias chains, UUIDs, field filters, reference values as paths.

A path is a run of steps `COLLECTION (ALIAS | UUID | FIELD VALUE…)` from the root, or an
alias chain (`bridge0:port0`).  The verb may stand anywhere among the words; field pairs never
run across it, which is what tells `router name r1 set name r2` apart.

One Walker reads the words for the interpreter and for the completer.  Interpreting, it
builds Steps and Pairs and raises MidoSyntaxError on a bad word.  Completing (the words
before the cursor), it raises AtCursor where the words run out, with the kinds of word that
may come there (midoshell.wants): every place that reads a word says both.  What each verb
takes after its object is midoshell.verbs', walked by the same Walker.
"""

from midoshell import commands as c
from midoshell import model
from midoshell.aliases import alias_prefix, is_alias_chain
from midoshell.errors import MidoSyntaxError, ValueSyntaxError
from midoshell.model.value_kinds import is_uuid
from midoshell.suggestions import closest, did_you_mean


class _Wants:
    """midoshell.wants, imported when a line is first completed: a one-liner never
    completes, and need not import it (nor the standard dataclasses it uses)."""

    def __getattr__(self, name):
        from midoshell import wants

        value = getattr(wants, name)
        setattr(self, name, value)  # found here directly from now on
        return value


w = _Wants()


class AtCursor(Exception):
    """The walk of a partial line reached the cursor: what may be typed there.  `complete`:
    the path walked so far names an object (it may end here)."""

    def __init__(self, wants, complete=False):
        super().__init__()
        self.wants, self.complete = wants, complete


def is_ref(text):
    """An alias, alias chain, UUID or UUID prefix (8+ hex digits)."""
    from midoshell.anywhere import is_id_prefix

    return is_uuid(text) or is_alias_chain(text) or is_id_prefix(text)


def collection_link(type_key, word):
    """The Root or Child named by `word` in the context of `type_key` (None = root)."""
    if word is None or word.quoted:
        return None
    if type_key is None:
        return model.root(word.text)
    return model.object_type(type_key).child(word.text)


# What may follow a complete object on a partial line, by verb: (fields role, collections).
_AFTER_OBJECT = {
    None: (None, "all"), "list": (None, "all"), "delete": (None, "all"),
    "describe": (None, "all"), "create": (None, "creatable"), "show": ("show", "all"),
    "set": ("set", "all"), "clear": ("clear", "all"), "wait-until": ("show", "all"),
    "export": (None, "all"),
}


class Walker:
    """Reads words left to right; `boundary` is the index of the first word after the verb.

    `completing`: the words are those before the cursor, and running out of them raises
    AtCursor instead of an error.
    """

    def __init__(self, verb, words, boundary, line, completing=False):
        self.verb, self.words, self.boundary, self.line = verb, words, boundary, line
        self.completing = completing
        self.i = 0
        self.pending = []  # wants of an object path, typed as a value, that may go on

    # -- helpers ------------------------------------------------------------------------
    def peek(self, offset=0):
        j = self.i + offset
        return self.words[j] if j < len(self.words) else None

    def cursor(self, wants, complete=False):
        """Completing and out of words: stop, offering `wants()` (a callable: only built here)."""
        if self.completing and self.i >= len(self.words):
            raise AtCursor(self.pending + wants(), complete)

    def error(self, message, word=None, label="syntax error"):
        column = word.column if word else len(self.line) + 1
        return MidoSyntaxError(message, self.line, column, label)

    # -- paths --------------------------------------------------------------------------
    def path(self):
        """Steps as far as they go; the last one may be open (a bare collection)."""
        steps, context = [], None
        first = self.peek()
        if first is not None and not first.quoted and model.root(first.text) is None \
                and is_alias_chain(first.text):
            steps.extend(self.alias_chain(first))
            self.i += 1
            context = steps[-1].type_key
        while True:
            self.cursor(lambda: self.after_object(context, steps), complete=context is not None)
            word = self.peek()
            link = collection_link(context, word)
            if link is None:
                return steps
            self.i += 1
            step = c.Step(word, link.type, link, singleton=getattr(link, "singleton", False))
            steps.append(step)
            if step.singleton:
                context = step.type_key
                continue
            self.cursor(lambda: self.after_collection(steps[:-1], link))
            self.select(step, steps[:-1])
            if step.is_open:
                return steps
            context = step.type_key

    def select(self, step, scope):
        """The alias, UUID or filters after a collection word."""
        start, link = self.i, step.link
        ref = self.peek()
        if ref is not None and is_ref(ref.text) and model.find_attr(link.type, ref.text) is None \
                and collection_link(link.type, ref) is None:
            step.ref = ref
            self.i += 1
            return
        # the values objects already have help to filter, not to create
        step.filters = self.pairs(link.type, start, stop_at_verb=True, scope=scope,
                                  held=None if self.verb == "create" else link)
        if step.filters:
            self.cursor(lambda: self.after_filters(step, scope), complete=True)

    def alias_chain(self, word):
        """`bridge0:port0` as a path: each alias's prefix tells which collection it is in."""
        steps, context, column = [], None, word.column
        for part in word.text.split(":"):
            prefix = alias_prefix(part)
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
        self.no_hints()
        where = "at the top level" if context is None else f"in a {context}"
        prefixes = list(dict.fromkeys(model.object_type(l.type).prefix for l in links))
        near = closest(prefix, prefixes)
        number = word.text[len(prefix):]
        hint = ("; did you mean " + " or ".join(repr(p + number) for p in near) + "?") if near \
            else f" (aliases here start with {', '.join(prefixes) or 'nothing'})"
        return self.error(f"no collection of {prefix!r} objects {where}{hint}", word)

    # -- field pairs ----------------------------------------------------------------------
    def pairs(self, type_key, start, stop_at_verb, strict=False, scope=(), held=None):
        """`FIELD VALUE` pairs while the next word is a field of the type.

        With `strict`, a word that is not a field is an error (assignments); otherwise the
        run just ends there (filters).  `scope` (Steps) and `held` (the collection filtered)
        say where a value due at the cursor is looked for.
        """
        found = []
        while self.peek() is not None:
            name = self.peek()
            attr = None if name.quoted else model.find_attr(type_key, name.text)
            if attr is None:
                if strict:
                    raise self.unknown_field(type_key, name)
                break
            if stop_at_verb and start < self.boundary < self.i + 2:
                break  # a run of pairs before the verb ends at the verb
            if self.peek(1) is None:
                self.i += 1
                self.cursor(lambda: w.value_of(attr, w.scope_of(scope), held))
                self.i -= 1
                if strict:
                    raise self.error(f"missing value for {name.text}: expected "
                                     f"{attr.kind.expected}")
                break
            self.i += 1
            found.append(self.value(attr, name))
        return found

    def value(self, attr, name):
        """The value of one pair (the cursor is on it); references may be object paths.

        A leading `!` inverts the match of fields that can be inverted (`src !10.0.0.0/8`).
        Completing, values are taken as typed: the cursor is past them.
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
            pair = c.Pair(attr, name, self.parse(attr, name, word), [word])
        pair.inverted = inverted
        return pair

    def parse(self, attr, name, word):
        if self.completing:
            return word.text
        try:
            return attr.kind.parse(word.text)
        except ValueSyntaxError as error:
            self.no_hints()
            hint = hint_for(word, getattr(attr.kind, "values", ()))
            raise self.error(f"bad value for {name.text}: {error.message}{hint}", word) from None

    def reference_value(self, attr, name, word):
        if not word.quoted and model.root(word.text) is not None:
            start = self.i
            # a nested path is walked as a line of its own: no verb, nothing ends it early
            saved = self.verb, self.boundary
            self.verb, self.boundary = None, 0
            try:
                steps = self.path()
            except AtCursor as reached:
                if not reached.complete:
                    raise
                # the path may go on, or the value end here: what the line takes after it
                steps, self.pending = [], reached.wants
                self.verb, self.boundary = saved
                ref = c.RefValue(self.words[start:self.i])
                return c.Pair(attr, name, ref, ref.words)
            self.verb, self.boundary = saved
            if not steps or steps[-1].is_open:
                raise self.error(f"incomplete object path for {name.text}: expected an alias "
                                 f"or UUID after {self.words[self.i - 1].text}")
            ref = c.RefValue(self.words[start:self.i], steps)
            return c.Pair(attr, name, ref, ref.words)
        self.i += 1
        return c.Pair(attr, name, c.RefValue([word]), [word])

    # -- what may come at the cursor ----------------------------------------------------
    def after_collection(self, scope, link):
        """Right after an open collection word: its objects, filters or fields to create."""
        scope = w.scope_of(scope)
        if self.verb in (None, "show", "set", "clear", "delete", "export", "wait-until"):
            return [w.Objects(scope, link), w.Fields(link.type, "filter")]
        if self.verb == "list":
            return [w.Fields(link.type, "filter")]
        if self.verb == "create":
            return [w.Fields(link.type, "create")]
        return []

    def after_filters(self, step, scope):
        """After `COLLECTION FIELD VALUE…`: more fields, or (the object chosen) what follows."""
        role = "create" if self.verb == "create" else "filter"
        used = frozenset(p.attr.name for p in step.filters)
        return [w.Fields(step.type_key, role, used)] + self.after_object(step.type_key,
                                                                        scope + [step])

    def after_object(self, context, steps):
        """After a complete object (or at the start of a path)."""
        if context is None:
            return [w.Collections(None), w.Chains()]
        role, collections = _AFTER_OBJECT[self.verb]
        wants = [w.Fields(context, role)] if role else []
        return wants + [w.Collections(context, creatable=collections == "creatable")]

    # -- errors -------------------------------------------------------------------------
    def no_hints(self):
        """Completing, a bad word ends the walk: no message is shown, none is worked out."""
        if self.completing:
            raise MidoSyntaxError("nothing may follow", self.line, 1)

    def unknown_field(self, type_key, word):
        self.no_hints()
        names = list(dict.fromkeys(a.name for a in assignable_fields(type_key)))
        return self.error(f"{word.text!r} is not a field of {type_label(type_key)}"
                          f"{hint_for(word, names)} (fields: {', '.join(names)})", word)

    def unknown_collection(self, context, word):
        self.no_hints()
        names = model.collections_of(context)
        where = "at the top level" if context is None else f"of {type_label(context)}"
        what = f"{word.text!r}" if word else "nothing"
        return self.error(f"expected a collection {where}, got {what}{hint_for(word, names)} "
                          f"(collections: {', '.join(names) or 'none'})", word)


def hint_for(word, names):
    """`; did you mean 'port'?` for a mistyped word, else nothing."""
    hint = did_you_mean(word.text, names) if word is not None and not word.quoted else ""
    return f"; {hint}" if hint else ""


def type_label(type_key):
    """How messages name a type; a reference's `device` is a router or a bridge."""
    if type_key == "device":
        return " or ".join(t.description or t.key for t in model.element_types(type_key))
    return model.object_type(type_key).description or type_key


def field_names(type_key):
    return list(dict.fromkeys(a.name for t in model.element_types(type_key) for a in t.attrs
                              if not a.legacy))


def assignable_fields(type_key):
    return [a for t in model.element_types(type_key) for a in t.attrs if a.assignable]
