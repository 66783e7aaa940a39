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
