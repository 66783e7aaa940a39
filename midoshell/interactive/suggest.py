"""Text before the cursor -> what kinds of token may come next (pure: grammar and model only).

Two layers, as pgcli's `suggest_type`: the grammar (lark's interactive parser, fed only the
complete words) says whether a keyword or a word may come; when a word may, the words typed so
far are walked by midoshell.walker, the interpreter's own walker, which stops at the cursor and
says which kind of word: a collection, the objects of a collection in a parent's scope, a
field, a field's value.  Which values exist is the completer's business (sources.py).
"""

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from lark.exceptions import UnexpectedInput
from lark.lexer import PatternStr

from midoshell import parsing
from midoshell.parsing import VERBS, unquote
from midoshell.lark_grammar import parser
from midoshell.verbs import wants_at
from midoshell.wants import (
    Chains, Collections, Fields, Keywords, Objects, References, Values,
)

__all__ = ["suggest", "Suggestion", "partial_start", "command_words", "keyword_table", "PIECES",
           # the kinds of word, as the completer knows them
           "Chains", "Collections", "Fields", "Keywords", "Objects", "References", "Values"]

# A word as the shell splits a line; an unterminated quote runs to the end of the line.
PIECES = re.compile(r"""\s+|"(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"']+""")


@dataclass(frozen=True)
class Suggestion:
    partial: str  # the word being typed (may start with a quote)
    wants: tuple


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
    """Keywords of these terminals that are words in full: `list`, not `l` or `li`; the
    `--may-exist` and `--if-exists` guards, not `?`."""
    return _full_words(frozenset(names))


@functools.lru_cache(maxsize=256)  # a handful of parser states: once each, not per keystroke
def _full_words(names):
    table = keyword_table()
    found = [table[n] for n in names if n in table]
    words = [word for word, rule in found if _spelt_out(word) and not any(
        other != word and other.startswith(word) and r == rule for other, r in found)]
    return tuple(sorted(words, key=lambda word: (word.startswith("-"), word)))


def _spelt_out(word):
    bare = word[2:] if word.startswith("--") else word
    return bare[:1].isalpha() and bare.replace("-", "").isalpha()


@functools.lru_cache(maxsize=None)
def command_words():
    """The words a line may start with, in full (the topics of `help`)."""
    verbs, others = parsing.command_words()
    return tuple(sorted(verbs + others))


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


# -- the walker layer ---------------------------------------------------------------------

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


GUARDS = ("may_exist", "if_exists")


def _word_wants(tokens):
    if tokens and keyword_table().get(tokens[0].type, (None, None))[1] in GUARDS:
        tokens = tokens[1:]  # `--may-exist create …` completes as `create …`
    rule = keyword_table().get(tokens[0].type, (None, None))[1] if tokens else None
    if rule == "wait_command":  # wait-until OBJECT FIELD VALUE [timeout SECONDS]
        return wants_at("wait-until", _words(tokens[1:]), None)
    if rule == "export_command":  # export [--keep-ids] [TYPE | OBJECT]
        return _export_wants(_words(tokens[1:]))
    if rule == "help_command":
        return [Keywords(command_words()), Collections(None)]
    if rule is not None and rule not in VERBS:
        return []  # sett TENANT, exit: free words
    verbs = _verb_terminals()
    position = next((i for i, t in enumerate(tokens) if t.type in verbs), None)
    verb = verbs[tokens[position].type] if position is not None else None
    return wants_at(verb, _words(tokens), position)


def _export_wants(words):
    keep_ids = bool(words) and words[0].text == "--keep-ids" and not words[0].quoted
    if keep_ids:
        words = words[1:]
    wants = wants_at("export", words, None)
    return wants if keep_ids or words else [Keywords(("--keep-ids",))] + wants


class _Word(NamedTuple):
    """A word as the walker reads it (midoshell.commands.Word's fields, made faster: a
    keystroke makes one per word of the line)."""

    text: str
    column: int
    quoted: bool


def _words(tokens):
    """The words of the tokens (the verb's keyword left out), as the walker reads them."""
    return [_Word(unquote(t), t.column, t.type == "STRING") for t in tokens
            if t.type in ("WORD", "STRING")]
