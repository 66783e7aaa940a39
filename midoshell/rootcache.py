"""The API's root document (its URIs, URI templates and version), kept per API URL in
$XDG_CACHE_HOME/midoshell so that a one-liner makes one request fewer.

A cached document is used until a request fails in a way that says it is stale (a 404, or a
key it does not have): the client then fetches it again, once, and retries (midoshell.client).
"""

import time

from midoshell import cachefiles


def _name(url):
    """A file name for the URL.  A checksum rather than hashlib (~5 ms to import, which
    --version would pay): two URLs that share a name only replace each other's file, and
    `load` checks the URL kept inside."""
    import zlib

    return f"root-{zlib.crc32(url.encode()):08x}.json"


def load(url, with_date=False):
    """The root document last fetched from `url` (with when, as UTC text), or None."""
    found = cachefiles.read_json(cachefiles.cache_dir(), _name(url))
    if not (isinstance(found, dict) and found.get("url") == url
            and isinstance(found.get("root"), dict)):
        return None
    if not with_date:
        return found["root"]
    fetched = found.get("fetched")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(fetched)) \
        if isinstance(fetched, (int, float)) else "at an unknown time"
    return found["root"], when


def store(url, root):
    if isinstance(root, dict):
        cachefiles.write_json(cachefiles.cache_dir(), _name(url),
                              {"url": url, "fetched": int(time.time()), "root": root})


def relocate(uri, old, new):
    """A URI built from the old root document, rebuilt from the new one (None when it was
    not built from the old one or means the same in both)."""
    import re

    best = None
    for key, value in old.items():
        target = new.get(key)
        if not isinstance(value, str) or not isinstance(target, str) or not value:
            continue
        if "{id}" in value:
            prefix, _, suffix = value.partition("{id}")
            found = re.fullmatch(re.escape(prefix) + r"([^/?#]+)" + re.escape(suffix) + "(.*)",
                                 uri, re.S)
            if found and (found.group(2) == "" or found.group(2)[0] in "/?"):
                candidate = (len(prefix), target.replace("{id}", found.group(1)) + found.group(2))
            else:
                continue
        elif uri == value or uri.startswith(value + "/") or uri.startswith(value + "?"):
            candidate = (len(value), target + uri[len(value):])
        else:
            continue
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None or best[1] == uri:
        return None
    return best[1]
