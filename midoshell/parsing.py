"""Text -> Command: the grammar gives a line its shape, the interpreter its meaning."""

import functools
import re

from midoshell import commands as c
from midoshell.errors import MidoSyntaxError
from midoshell.interpret import export_command, guarded, interpret
from midoshell.verbs import build
from midoshell.lalr import Token, UnexpectedCharacters, UnexpectedInput, UnexpectedToken, transform
from midoshell.suggestions import closest, did_you_mean, similarity
from midoshell.lark_grammar import tables_parser as parser

VERBS = {
    "list_verb": "list", "show_verb": "show", "create_verb": "create",
    "delete_verb": "delete", "set_verb": "set", "clear_verb": "clear",
    "describe_verb": "describe",
}


def unquote(token):
    text = token.value
    if token.type != "STRING":
        return text
    if text[0] == "'":
        return text[1:-1]
    out, chars = [], iter(text[1:-1])
    for ch in chars:
        out.append(next(chars, "\\") if ch == "\\" else ch)
    return "".join(out)


def to_word(token):
    return c.Word(unquote(token), token.column, token.type == "STRING")


class _Commands:
    """The one dispatch from the grammar to meaning: each method is the handler of one rule
    of the parse tree, called with the rule's transformed children (midoshell.lalr.transform),
    and the commands are built here; the words around a verb go to the walker."""

    def __init__(self, line):
        self.line = line

    def start(self, command=None):
        if command is None or isinstance(command, Token):  # blank line or COMMENT
            return c.EmptyCommand()
        return command

    def pre_words(self, *items):
        return _flatten(items)

    post_words = pre_words

    def verb(self, which):
        return which

    def object_command(self, *parts):
        pre, verb, post = _around_verb(parts)
        return interpret(verb, pre, post, self.line)

    def help_command(self, words=()):
        return c.HelpCommand(list(words))

    def export_command(self, words=()):
        return export_command(list(words), self.line)

    def wait_command(self, words):
        return build("wait-until", list(words), len(words), self.line)

    def guarded_command(self, guard, command):
        return guarded(guard, command, self.line)

    def guard(self, which):
        return which

    def may_exist(self):
        return "may-exist"

    def if_exists(self):
        return "if-exists"

    def tenant_set(self, token):
        return c.TenantCommand(to_word(token).text)

    def tenant_clear(self):
        return c.TenantCommand(None)

    def debug_command(self, token):
        return c.DebugCommand(token.type == "DEBUG_ON")

    def exit_command(self, words=()):
        return c.ExitCommand()

    def refresh_command(self):
        return c.RefreshCommand()


for _rule, _verb in VERBS.items():
    setattr(_Commands, _rule, lambda self, *_, v=_verb: v)


def _around_verb(parts):
    """(words before, verb, words after) of an object command's transformed children."""
    pre, verb, post = [], None, []
    for part in parts:
        if isinstance(part, str):
            verb = part
        elif verb is None:
            pre = part
        else:
            post = part
    return pre, verb, post


class _VerbOnly(_Commands):
    """A line that is a verb alone: the verb it spells, nothing interpreted."""

    def object_command(self, *parts):
        pre, verb, post = _around_verb(parts)
        return verb if not pre and not post else None


def _flatten(items):
    words = []
    for item in items:
        if isinstance(item, list):
            words.extend(item)
        else:
            words.append(to_word(item))
    return words


def parse(line):
    """Parse one line into a Command; raise MidoSyntaxError (nothing sent) if it means nothing."""
    if "\x00" in line:
        raise MidoSyntaxError("NUL character in line", line, line.index("\x00") + 1)
    _check_size(line)
    if "\r" in line:
        raise MidoSyntaxError("carriage return inside the line: on a terminal it hides what "
                              "comes before it, so it is refused rather than taken as a space or "
                              "a line break (end lines with LF or CRLF)", line, line.index("\r") + 1)
    try:
        tree = parser().parse(line)
    except UnexpectedInput as error:
        raise _syntax_error(error, line) from None
    return transform(tree, _Commands(line))


MAX_WORDS = 10_000  # no command has more; parsing and walking far longer lines costs seconds


def _check_size(line):
    """A line of more words than any command has is refused before it is parsed (the parse
    tree of 100,000 words would be too deep to walk)."""
    words = line.split(None, MAX_WORDS)
    if len(words) > MAX_WORDS:
        column = len(line) - len(words[-1]) + 1
        raise MidoSyntaxError(f"line of more than {MAX_WORDS:,} words: no command is that long",
                              line[:column + 40], column)


def verb_of(word):
    """The verb a lone word spells in the grammar (`l` -> list, `add` -> create), or None."""
    try:
        found = transform(parser().parse(word), _VerbOnly(word))
    except UnexpectedInput:
        return None
    return found if isinstance(found, str) else None


@functools.lru_cache(maxsize=None)
def command_words():
    """The words a line may start with, in full (`list`, `add`, `quit`; not `l`, `?` or the
    `--may-exist` guard), read from the grammar: (verbs, other commands)."""
    table = parser()
    first = [table.get_terminal(name).value for name in table.states[table.start]
             if name in _literal_names()]
    spelt = {word: verb_of(word) for word in first}
    verbs = [w for w in first if spelt[w] and not any(
        o != w and o.startswith(w) and spelt[o] == spelt[w] for o in first)]
    others = [w for w in first if not spelt[w] and w[0].isalpha()
              and w.replace("-", "").isalpha()]
    order = {t.value: i for i, t in enumerate(table.terminals) if t.is_literal}
    return tuple(sorted(verbs, key=order.get)), tuple(sorted(others, key=order.get))


def verbs_in_full():
    """The verbs (`list` … `describe`), then their other full spellings (`add`)."""
    return list(VERBS.values()) + [w for w in command_words()[0] if w not in VERBS.values()]


def _literal_names():
    return {t.name for t in parser().terminals if t.is_literal}


def _syntax_error(error, line):
    column = getattr(error, "column", None) or len(line) + 1
    if isinstance(error, UnexpectedCharacters) and line[error.pos_in_stream] in "\"'":
        return MidoSyntaxError("unmatched quote", line, column)
    expected = _describe_expected(getattr(error, "expected", None) or getattr(error, "allowed", ()))
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        unknown = _unknown_first_word(line) or _misspelt_verb(line) or \
            _word_instead_of_verb(line, expected)
        if unknown is not None:
            return unknown
        return MidoSyntaxError(f"incomplete command: expected {expected}", line, len(line) + 1)
    found = getattr(getattr(error, "token", None), "value", None) or \
        (line[column - 1:].split() or [line[column - 1:column]])[0]
    return MidoSyntaxError(f"unexpected {found!r}: expected {expected}", line, column)


def _unknown_first_word(line):
    """`frobnicate …`: a first word that is neither a collection nor an alias chain."""
    from midoshell import model
    from midoshell.walker import is_ref

    first = line.split()[0]
    if model.root(first) is not None or is_ref(first) or first[0] in "\"'" \
            or first in keywords():
        return None
    commands = list(VERBS.values()) + list(command_words()[1])
    collections = model.collections_of(None)
    spellings = [w for w in verbs_in_full() if w not in commands]  # `add`
    hint = did_you_mean(first, commands + spellings + collections)
    return MidoSyntaxError(f"{first!r} is not a command or a collection"
                           + (f"; {hint}" if hint else "")
                           + f" (commands: {', '.join(commands)}; "
                           f"collections: {', '.join(collections)})",
                           line, line.index(first) + 1)


_WORDS = re.compile(r"""[^\s"']+|"(?:[^"\\]|\\.)*"?|'[^']*'?""")


def _misspelt_verb(line):
    """A line without a verb (`tunnel-zone lst`): the word most like a verb, if one is,
    with the caret on it rather than at the end of the line."""
    from midoshell import model

    verbs = verbs_in_full()
    known = set(model.collections_of(None)) | {child.name for t in model.TYPES.values()
                                               for child in t.children}
    best = None
    for match in _WORDS.finditer(line):
        word = match.group()
        if word[0] in "\"'" or word in known:
            continue
        found = closest(word, verbs, limit=1)
        if found:
            score = similarity(word.lower(), found[0])
            if best is None or score > best[0]:
                best = (score, word, found[0], match.start() + 1)
    if best is None:
        return None
    _, word, verb, column = best
    return MidoSyntaxError(f"no verb in the line: {word!r} is not a verb; did you mean "
                           f"{verb!r}? (verbs: {', '.join(verbs)})", line, column)


def _word_instead_of_verb(line, expected):
    """`router router0 frobnicate`: the first word that is not part of the object path is
    where a verb was wanted."""
    from midoshell.errors import MidoError
    from midoshell.interpret import path_end

    words = [c.Word(m.group(), m.start() + 1, m.group()[0] in "\"'")
             for m in _WORDS.finditer(line)]
    try:
        end = path_end(words, line)
    except MidoError:
        return None
    if end >= len(words):
        return None
    word = words[end]
    return MidoSyntaxError(f"unexpected {word.text!r}: expected {expected}", line, word.column)


def keywords():
    """Every keyword of the grammar (verbs, their abbreviations, command words)."""
    return {t.value for t in parser().terminals if t.is_literal}


def _describe_expected(names):
    """Terminal names -> readable words, verbs spelled out in full (not `l`, `li`, …)."""
    words, others = set(), set()
    for name in names:
        if name == "$END":
            others.add("end of line")
            continue
        try:
            terminal = parser().get_terminal(name)
        except KeyError:
            continue
        if terminal.is_literal:
            words.add(terminal.value)
        elif name == "WORD":
            others.add("an object, collection or value")
        elif name == "STRING":
            others.add("a quoted value")
    full = sorted(w for w in words if not any(o != w and o.startswith(w) for o in words))
    if full and all(w in verbs_in_full() for w in full):
        return "a verb (" + ", ".join(full) + ")"
    return ", ".join(full + sorted(others)) or "something else"
