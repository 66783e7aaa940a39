"""Keeping secrets out of history, debug logs and messages: the masking rules in one place."""

import functools
import re

MASK = "********"
# `password VALUE` in a command line (a BGP peer's MD5 password), quoted or not, and in
# every shape the grammar reads as that pair: a quote right after the word
# (`password"x"`), an unterminated quote (the rest of the line), any case.
_LINE_SECRET = r"""(\bpassword(?:\s*[=:]\s*|\s+|(?=["'])))("(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"']+)"""
# "password": "…" (or "key", the login token) in a JSON body.
_JSON_SECRET = r'("(?:password|key|token)"\s*:\s*)"(?:[^"\\]|\\.)*"'


@functools.cache
def _pattern(text, flags=0):
    """Compiled on first use: a one-liner that masks nothing does not pay for it."""
    return re.compile(text, flags)


def mask_line(line):
    """A command line with the values of secret fields replaced."""
    return _pattern(_LINE_SECRET, re.IGNORECASE).sub(lambda m: m.group(1) + MASK, line)


def mask_json(text):
    """A JSON text with secret values replaced."""
    return _pattern(_JSON_SECRET).sub(lambda m: m.group(1) + f'"{MASK}"', text)


def mask_url(url):
    """A URL with the password in its user part (http://admin:PW@host/…) replaced; a list of
    URLs separated by commas too."""
    if url is None or "@" not in url:
        return url
    return ",".join(_mask_one_url(part) for part in url.split(","))


def _mask_one_url(url):
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    end = next((i for i, ch in enumerate(rest) if ch in "/?#"), len(rest))
    netloc, tail = rest[:end], rest[end:]
    userinfo, at, host = netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    user = userinfo.split(":", 1)[0]
    return f"{scheme}{sep}{user}:{MASK}@{host}{tail}"


def mask_error_line(line, column, message):
    """(line, caret column, message) of a syntax error with secret values masked; the caret
    stays on the word it pointed at (on the mask when it was inside the secret)."""
    shown, shift, secrets = [], 0, []
    last = 0
    for match in _pattern(_LINE_SECRET, re.IGNORECASE).finditer(line):
        start, end = match.span(2)
        shown.append(line[last:start] + MASK)
        last = end
        secrets.append(match.group(2))
        if column - 1 >= end:
            shift += len(MASK) - (end - start)
        elif column - 1 > start:
            shift += start - (column - 1)
    shown.append(line[last:])
    for secret in secrets:
        for form in {secret, secret.strip("\"'")} - {""}:
            message = message.replace(repr(form), repr(MASK))
            if len(form) >= 4:  # shorter ones would mask ordinary words of the message
                message = message.replace(form, MASK)
    return "".join(shown), column + shift, message
