"""Text before the cursor -> what kinds of token may come next (pure: grammar and model only).

Two layers, as pgcli's `suggest_type`: the grammar (lark's interactive parser, fed only the
complete words) says whether a keyword or a word may come; when a word may, the words typed so
far are walked with the object model, as the interpreter walks them, to say which kind of word:
a collection, the objects of a collection in a parent's scope, a field, a field's value.
Which values exist is the completer's business (sources.py), not this module's.
"""

import functools
import re
from dataclasses import dataclass

from lark.exceptions import UnexpectedInput
from lark.lexer import PatternStr

from midoshell import model
from midoshell.interpret import ALIAS_RE, is_ref
from midoshell.parsing import VERBS, unquote
from midoshell.syntax import parser

# A word as the shell splits a line; an unterminated quote runs to the end of the line.
PIECES = re.compile(r"""\s+|"(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"']+""")


@dataclass(frozen=True)
class StepRef:
    """One object of a typed path: a collection, and the alias/UUID or filters selecting in it."""

    link: object  # model Root or Child
    ref: str = None
    filters: tuple = ()  # ((Attr, text), ...)
    singleton: bool = False

    @property
    def key(self):
        return (self.link.name, self.ref, tuple((a.name, t) for a, t in self.filters))


@dataclass(frozen=True)
class Keywords:
    words: tuple


@dataclass(frozen=True)
class Collections:
    type_key: str  # None: the root collections
    creatable: bool = False


@dataclass(frozen=True)
class Fields:
    """Field names of a type; role says which (filter, create, set, show, clear)."""

    type_key: str
    role: str
    used: frozenset = frozenset()


@dataclass(frozen=True)
class Values:
    """Values of a non-reference field; `link` set: also the values its objects have (filters)."""

    attr: object
    scope: tuple = ()
    link: object = None


@dataclass(frozen=True)
class Objects:
    """Elements of `link` under the object that `scope` (StepRefs from the root) names."""

    scope: tuple
    link: object


@dataclass(frozen=True)
class References:
    """Objects a reference field may name, looked for in `scope` nearest first, then the root."""

    attr: object
    scope: tuple = ()


@dataclass(frozen=True)
class Chains:
    """An alias or alias chain starting a path (`bridge0:port0`)."""


@dataclass(frozen=True)
class Suggestion:
    partial: str  # the word being typed (may start with a quote)
    wants: tuple


class _AtCursor(Exception):
    """The walk reached the cursor deep inside a path: unwinds with what may come there."""

    def __init__(self, wants):
        super().__init__()
        self.wants = wants


# -- the grammar layer ----------------------------------------------------------------------

def partial_start(text):
    """Where the word being typed starts (len(text) right after white space)."""
    start = len(text)
    for match in PIECES.finditer(text):
        start = match.start() if not match.group().isspace() else match.end()
    return start


@functools.lru_cache(maxsize=None)
def keyword_table():
    """Keyword terminal name -> (word, grammar rule that uses it), read from the grammar."""
    table = {}
    for rule in parser().rules:
        for symbol in rule.expansion:
            if symbol.is_term and symbol.name not in table:
                pattern = parser().get_terminal(symbol.name).pattern
                if isinstance(pattern, PatternStr):
                    table[symbol.name] = (pattern.value, str(rule.origin.name))
    return table


def full_words(names):
    """Keywords of these terminals that are words in full: `list`, not `l` or `li`."""
    table = keyword_table()
    found = [table[n] for n in names if n in table]
    return tuple(sorted(word for word, rule in found if word.replace("-", "").isalpha() and word[0].isalpha() and not any(
        other != word and other.startswith(word) and r == rule for other, r in found)))


@functools.lru_cache(maxsize=None)
def command_words():
    """The words a line may start with, in full (the topics of `help`)."""
    return full_words(_grammar("")[1])


@functools.lru_cache(maxsize=None)
def _verb_terminals():
    return {name: VERBS[rule] for name, (_, rule) in keyword_table().items() if rule in VERBS}


def _grammar(head):
    """The tokens of the complete words and the terminals that may follow, or None."""
    interactive = parser().parse_interactive(head)
    try:
        tokens = interactive.exhaust_lexer()
        return tokens, interactive.accepts()
    except UnexpectedInput:
        return None, None


# -- the model layer ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Word:
    text: str
    quoted: bool


def suggest(text):
    """What may be typed at the end of `text` (the text before the cursor)."""
    start = partial_start(text)
    partial = text[start:]
    tokens, accepts = _grammar(text[:start])
    if tokens is None:
        return Suggestion(partial, ())
    keywords = full_words(accepts)
    keywords = [Keywords(keywords)] if keywords else []
    words = _word_wants(tokens) if "WORD" in accepts else []
    if any(isinstance(w, (Values, References)) for w in words):
        keywords = []  # a field's value is due: a verb here would leave the field without one
    # At the start of a line the command words come first; later, the words of the model.
    return Suggestion(partial, tuple(keywords + words if not tokens else words + keywords))


def _word_wants(tokens):
    if tokens and keyword_table().get(tokens[0].type, (None, None))[1] in GUARDS:
        tokens = tokens[1:]  # `--may-exist create …` completes as `create …`
    rule = keyword_table().get(tokens[0].type, (None, None))[1] if tokens else None
    if rule == "wait_command":  # wait-until OBJECT FIELD VALUE [timeout SECONDS]
        words = [_Word(unquote(t), t.type == "STRING") for t in tokens[1:]]
        return _Walk("wait-until", words, len(words) + 2).wants()
    if rule == "help_command":
        return [Keywords(command_words()), Collections(None)]
    if rule is not None and rule not in VERBS:
        return []  # sett TENANT, exit: free words
    verbs = _verb_terminals()
    position = next((i for i, t in enumerate(tokens) if t.type in verbs), None)
    words = [_Word(unquote(t), t.type == "STRING") for t in tokens if t.type in ("WORD", "STRING")]
    verb = verbs[tokens[position].type] if position is not None else None
    return _Walk(verb, words, position).wants()


GUARDS = ("may_exist", "if_exists")


def _link(context, word):
    """The collection `word` names under `context` (None: the root), or None."""
    if word is None or word.quoted:
        return None
    if context is None:
        return model.root(word.text)
    return model.object_type(context).child(word.text)


# What may follow a complete object, by verb: (fields role or None, collections).
_AFTER_OBJECT = {
    None: (None, "all"), "list": (None, "all"), "delete": (None, "all"),
    "describe": (None, "all"), "create": (None, "creatable"), "show": ("show", "all"),
    "set": ("set", "all"), "clear": ("clear", "all"), "wait-until": ("show", "all"),
}


class _Walk:
    """Walks complete words left to right as interpret._Walker does, until the cursor."""

    def __init__(self, verb, words, verb_position):
        self.verb, self.words, self.i = verb, words, 0
        # With no verb typed yet, nothing can end a run of filters at the verb.
        self.boundary = len(words) + 2 if verb_position is None else verb_position

    def peek(self, offset=0):
        j = self.i + offset
        return self.words[j] if j < len(self.words) else None

    def at_end(self):
        return self.i >= len(self.words)

    def wants(self):
        try:
            return self.path()
        except _AtCursor as reached:
            return reached.wants

    # -- paths ----------------------------------------------------------------------------
    def path(self, nested=False):
        steps, context = self.alias_chain(), None
        if steps is None:
            return []
        if steps:
            context = steps[-1].link.type
        while not self.at_end():
            link = _link(context, self.peek())
            if link is None:
                return self.i if nested else self.rest(context, steps)
            self.i += 1
            if getattr(link, "singleton", False):
                steps.append(StepRef(link, singleton=True))
                context = link.type
                continue
            if self.at_end():
                raise _AtCursor(self.after_collection(steps, link, nested))
            step = self.select(steps, link)
            if step is None:
                return self.i if nested else []
            steps.append(step)
            context = link.type
        raise _AtCursor(self.after_object(context, steps, nested))

    def alias_chain(self):
        """Steps of a leading alias chain (`bridge0:port0`); [] if none, None if unknown."""
        first = self.peek()
        if first is None or first.quoted or model.root(first.text) is not None \
                or not ALIAS_RE.match(first.text):
            return []
        steps, context = [], None
        for part in first.text.split(":"):
            prefix = re.match(r"^(.*?)\d+$", part).group(1)
            links = model.ROOTS if context is None else model.object_type(context).children
            link = next((l for l in links if model.object_type(l.type).prefix == prefix), None)
            if link is None:
                return None
            steps.append(StepRef(link, part))
            context = link.type
        self.i += 1
        return steps

    def select(self, steps, link):
        """The alias, UUID or filters after a collection word (cursor past them), or None."""
        word = self.peek()
        if is_ref(word.text) and model.find_attr(link.type, word.text) is None \
                and _link(link.type, word) is None:
            self.i += 1
            return StepRef(link, word.text)
        filters = self.filters(steps, link)
        return StepRef(link, filters=tuple(filters)) if filters else None

    def filters(self, steps, link):
        """`FIELD VALUE` pairs selecting in an open collection; a run ends at the verb."""
        start, found = self.i, []
        while not self.at_end():
            name = self.peek()
            attr = None if name.quoted else model.find_attr(link.type, name.text)
            if attr is None or start < self.boundary <= self.i + 1:
                break
            self.i += 1
            if self.at_end():  # the values objects already have help to filter, not to create
                raise _AtCursor(self.value(attr, steps, None if self.verb == "create" else link))
            found.append((attr, self.skip_value(attr, steps)))
        if self.at_end() and found:
            role = {"create": "create", "list": "filter"}.get(self.verb, "filter")
            used = frozenset(a.name for a, _ in found)
            closed = steps + [StepRef(link, filters=tuple(found))]
            raise _AtCursor([Fields(link.type, role, used)] +
                            self.after_object(link.type, closed, False))
        return found

    def skip_value(self, attr, steps):
        """Step over one value (a reference may be an object path); returns its text."""
        word = self.peek()
        if attr.kind.is_reference and not word.quoted and model.root(word.text) is not None:
            nested = _Walk(None, self.words[self.i:], None)
            end = nested.path(nested=True)
            text = " ".join(w.text for w in self.words[self.i:self.i + end])
            self.i += end
            return text
        self.i += 1
        return word.text

    def value(self, attr, steps, link):
        if attr.kind.is_reference:
            return [References(attr, tuple(steps))]
        return [Values(attr, tuple(steps), link)]

    # -- at the cursor --------------------------------------------------------------------
    def after_collection(self, steps, link, nested):
        """Right after an open collection word: its objects, filters or fields to create."""
        scope = tuple(steps)
        if nested or self.verb in (None, "show", "set", "clear", "delete"):
            return [Objects(scope, link), Fields(link.type, "filter")]
        if self.verb == "list":
            return [Fields(link.type, "filter")]
        if self.verb == "create":
            return [Fields(link.type, "create")]
        return []

    def after_object(self, context, steps, nested):
        """After a complete object (or at the start of a path)."""
        if context is None:
            return [Collections(None), Chains()]
        if nested:
            return [Collections(context)]
        role, collections = _AFTER_OBJECT[self.verb]
        wants = [Fields(context, role)] if role else []
        return wants + [Collections(context, creatable=collections == "creatable")]

    # -- words after the path ---------------------------------------------------------------
    def rest(self, context, steps):
        """Words left after the path: fields to show or clear, or assignments."""
        if context is None or self.verb is None:
            return []
        if self.verb == "show":
            return self.show_fields(context)
        if self.verb == "set":
            return self.assignments(context, steps)
        if self.verb == "wait-until":
            return self.wait_value(context, steps)
        if self.verb == "clear":
            used = {w.text for w in self.words[self.i:]}
            if all(model.find_attr(context, w) for w in used):
                return [Fields(context, "clear", frozenset(used))]
        return []

    def wait_value(self, type_key, steps):
        """`wait-until OBJECT FIELD VALUE [timeout SECONDS]`: the field's values, then timeout."""
        attr = model.find_attr(type_key, self.peek().text)
        if attr is None:
            return []
        self.i += 1
        if self.at_end():
            return self.value(attr, steps, None)
        self.i += 1
        return [Keywords(("timeout",))] if self.at_end() else []

    def show_fields(self, type_key):
        """`show OBJECT FIELD FIELD…`: each reference field leads to its target's fields."""
        while not self.at_end():
            attr = model.find_attr(type_key, self.peek().text)
            if attr is None or not attr.kind.is_reference or attr.kind.target not in model.TYPES \
                    and attr.kind.target != "port":
                return []
            type_key = attr.kind.target
            self.i += 1
        return [Fields(type_key, "show")]

    def assignments(self, type_key, steps):
        used = set()
        while not self.at_end():
            attr = model.find_attr(type_key, self.peek().text)
            if attr is None:
                return []
            self.i += 1
            if self.at_end():
                return self.value(attr, steps, None)
            self.skip_value(attr, steps)
            used.add(attr.name)
        return [Fields(type_key, "set", frozenset(used))]

