"""Server data made safe for a terminal: control characters shown as escapes, never obeyed.

Anything the API returns (names, descriptions, error messages) may hold bytes that drive a
terminal (ESC sequences retitle the window or redraw the screen, C1 CSI does the same in one
character, \\b and \\r overwrite, \\n forges a line) or reorder what is shown (bidi
controls).  Each such character is written as a visible escape in Python's notation (`\\x1b`,
`\\n`, `\\u202e`), so a record is always one line and the operator sees exactly what is there.
Lone surrogates (valid in JSON, not encodable in UTF-8) are escaped the same way.
"""

import functools
import re

# C0, DEL and C1; bidi embeddings, overrides and isolates; the marks LRM, RLM and ALM; the
# Unicode line and paragraph separators (str.splitlines and some viewers break lines there);
# lone surrogates.
_C0 = "\x00-\x1f"
_OTHERS = ("\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
           "\ud800-\udfff")
UNSAFE = _C0 + _OTHERS
UNSAFE_OR_BACKSLASH = _C0 + _OTHERS + "\\\\"
UNSAFE_BUT_C0 = _OTHERS  # json.dumps escapes C0 itself
SURROGATE = "\ud800-\udfff"


@functools.cache
def _any_of(chars):
    """A pattern matching one of `chars` (a character-class body), compiled on first use:
    compiling them all costs a one-liner more than a millisecond, and most never need one."""
    return re.compile(f"[{chars}]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape_one(match):
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text):
    """Prose (an error message, a help line) with every unsafe character escaped.

    Backslashes stay as they are: messages are read, not parsed back."""
    if text.isprintable():  # the common case, at C speed: no control, format or surrogate
        return text
    return _any_of(UNSAFE).sub(_escape_one, text)


def cell(text):
    """A value for a table cell or a quoted field: unsafe characters escaped and backslashes
    doubled, so the escapes can be read back without doubt (`\\\\x1b` is the four characters
    `\\x1b`, `\\x1b` is ESC)."""
    if text.isprintable() and "\\" not in text:  # the common case, at C speed
        return text
    return _any_of(UNSAFE_OR_BACKSLASH).sub(_escape_one, text)


def is_safe(text):
    return _any_of(UNSAFE).search(text) is None


def json_text(document_text):
    """Serialised JSON with every unsafe character left by json.dumps (C1, DEL, bidi
    controls, separators, lone surrogates; it escapes C0 itself) written as a \\u escape.

    They can only stand inside JSON strings, where \\uXXXX means the same character: the
    document stays exact for any JSON reader, and a terminal never sees them raw."""
    if document_text.isascii() and "\x7f" not in document_text:  # the common case, at C speed
        return document_text
    return _any_of(UNSAFE_BUT_C0).sub(lambda m: f"\\u{ord(m.group()):04x}", document_text)


def encodable(text):
    """Text with lone surrogates escaped: UTF-8 cannot carry them, even where the other
    characters must stay raw (csv for a program)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _any_of(SURROGATE).sub(_escape_one, text)
