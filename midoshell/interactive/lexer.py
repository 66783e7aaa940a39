"""Highlighting: a pygments lexer built from the grammar's keywords and the model's names.

Collections and fields come from the model; aliases, UUIDs, addresses and strings are told
apart by their form.  The grammar decides which words are keywords where they stand
(`set name list` names something "list"), and where a line stops making sense: that token
is marked as an error.
"""

import functools
import ipaddress
import re

from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from pygments.lexer import Lexer
from pygments.token import Comment, Error, Keyword, Name, Number, String, Text, Whitespace

from midoshell import model
from midoshell.aliases import is_alias_chain
from midoshell.anywhere import is_id_prefix
from midoshell.interactive.suggest import PIECES, keyword_table
from midoshell.model.value_kinds import is_uuid
from midoshell.parsing import VERBS
from midoshell.lark_grammar import parser
from midoshell.interactive.guard import contained

_MAC = re.compile(r"^[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}$")

TOKENS = {
    "space": Whitespace, "verb": Keyword, "command": Keyword.Reserved,
    "collection": Name.Class, "field": Name.Attribute, "alias": Name.Variable,
    "uuid": Name.Constant, "address": Number, "number": Number, "string": String,
    "comment": Comment, "error": Error, "word": Text,
}


@functools.lru_cache(maxsize=None)
def model_names():
    """(collection names, field names) of every type in the model."""
    collections = {r.name for r in model.ROOTS}
    fields = set()
    for t in model.TYPES.values():
        collections.update(c.name for c in t.children)
        fields.update(a.name for a in t.attrs)
    return frozenset(collections), frozenset(fields)


def _grammar_roles(text):
    """(start -> keyword kind) for the keywords of the line, and where it goes wrong."""
    roles, error = {}, None
    table = keyword_table()
    interactive = parser().parse_interactive(text)
    try:
        for token in interactive.iter_parse():
            if token.type in table:
                roles[token.start_pos] = "verb" if table[token.type][1] in VERBS else "command"
            elif token.type == "COMMENT":
                roles[token.start_pos] = "comment"
    except UnexpectedToken as problem:
        error = problem.token.start_pos
    except UnexpectedCharacters as problem:
        error = problem.pos_in_stream
    except UnexpectedInput:
        pass
    return roles, error


def word_kind(word):
    """What a plain word looks like: a collection, field, alias, UUID, address, number."""
    bare = word[1:] if word.startswith("!") and len(word) > 1 else word
    collections, fields = model_names()
    if word in collections:
        return "collection"
    if word in fields:
        return "field"
    if is_uuid(bare):
        return "uuid"
    if is_alias_chain(bare):
        return "alias"
    if bare.isdigit():
        return "number"
    if is_id_prefix(bare):  # the start of a UUID names an object too
        return "uuid"
    if _MAC.match(bare) or _is_address(bare):
        return "address"
    return "word"


def _is_address(text):
    if not any(ch in text for ch in ".:") or not text[0].isalnum():
        return False
    try:
        ipaddress.ip_network(text, strict=False)
        return True
    except ValueError:
        return False


def classify(text):
    """[(start, kind, text)] covering the whole line."""
    roles, error = _grammar_roles(text)
    out = []
    for match in PIECES.finditer(text):
        piece, start = match.group(), match.start()
        if piece.isspace():
            kind = "space"
        elif error is not None and start >= error and (start == error or piece[0] in "\"'"):
            kind = "error"
        elif start in roles:
            kind = roles[start]
        elif piece[0] in "\"'":
            kind = "string" if len(piece) > 1 and piece[-1] == piece[0] else "error"
        else:
            kind = word_kind(piece)
        out.append((start, kind, piece))
    if roles.get(0) == "comment":
        return [(0, "comment", text)]
    return out


class MidoLexer(Lexer):
    """The pygments face of `classify`, for prompt_toolkit's PygmentsLexer."""

    name = "midoshell"
    aliases = ["midoshell"]

    def get_tokens_unprocessed(self, text):
        try:
            pieces = classify(text)
        except Exception:  # colours are not worth losing the line over
            contained("highlighting")
            pieces = [(0, "word", text)]
        for start, kind, piece in pieces:
            yield start, TOKENS[kind], piece
