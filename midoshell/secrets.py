"""Keeping secrets out of history, debug logs and messages: the masking rules in one place."""

import re

MASK = "********"
# `password VALUE` in a command line (a BGP peer's MD5 password), quoted or not.
_LINE_SECRET = re.compile(r"""(\bpassword\s+)("(?:[^"\\]|\\.)*"|'[^']*'|\S+)""")
# "password": "…" (or "key", the login token) in a JSON body.
_JSON_SECRET = re.compile(r'("(?:password|key|token)"\s*:\s*)"(?:[^"\\]|\\.)*"')


def mask_line(line):
    """A command line with the values of secret fields replaced."""
    return _LINE_SECRET.sub(lambda m: m.group(1) + MASK, line)


def mask_json(text):
    """A JSON text with secret values replaced."""
    return _JSON_SECRET.sub(lambda m: m.group(1) + f'"{MASK}"', text)
