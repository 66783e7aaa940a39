"""A full JSON dump of what an API holds: every root collection and every collection linked
from its objects (ports, routes, rules, members, …), for before/after comparisons."""

import requests

SKIP = ("neutron", "systemState", "tenants", "uri", "version")


def dump(url, depth=3):
    """{collection uri: [documents]} for every collection reachable from the root."""
    root = requests.get(url + "/", timeout=10).json()
    found = {}
    for key, link in sorted(root.items()):
        if key not in SKIP and isinstance(link, str) and "{" not in link:
            _collect(link, found, depth)
    return found


def _collect(uri, found, depth):
    if uri in found or depth == 0:
        return
    answer = requests.get(uri, timeout=10)
    if answer.status_code != 200:
        return
    docs = answer.json()
    if not isinstance(docs, list):
        return
    found[uri] = docs
    for doc in docs:
        for key, value in sorted(doc.items()):
            if isinstance(value, str) and value.startswith(uri.split("/midonet-api")[0]) \
                    and key != "uri" and not value.endswith("/link") \
                    and value.rsplit("/", 1)[-1] != doc.get(key[:-1] + "Id"):
                _collect(value, found, depth - 1)
