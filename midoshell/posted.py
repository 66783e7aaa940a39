"""A new object known from its POST alone: the body sent, the id from the Location header and
the links the v5 server gives every object of its type.  A create is then one request.

The v5 server answers a POST with 201, a Location and no body.  What it fills in itself
(defaults, generated values, a port's Local route, what it derives from other fields) is not
in such a document: it is *partial*, and absent keys mean "unknown", not "empty".  Whoever
needs a field it lacks asks the server once (`complete`, `knowing`); a change is never built
on it (a PUT replaces the whole object).
"""

import re

from midoshell.model.identity import SERVER_SET, SET_AFTER_CREATE
from midoshell.model.kinds import is_uuid

# JSON keys of collection links whose URI segment is not the key in snake case (v5 server's
# ResourceUris: a bridge's DHCP subnets are under `dhcp`, a QoS policy's rules under
# `qos_bw_limit_rules`, …).
_SEGMENTS = {"dhcpSubnets": "dhcp", "addrs": "ip_addrs", "bwLimitRules": "qos_bw_limit_rules",
             "dscpRules": "qos_dscp_rules", "vxLanPorts": "vxlan_ports"}
# Links that are not under the object's own URI (a router port's peering table is under its
# router): left out of a built document, so reaching them asks the server.
_ELSEWHERE = {"peeringTable"}
PORT_MEDIA = "Port-v"


class PartialDoc(dict):
    """An object's JSON known only from what was sent; `complete` turns it into the server's."""

    partial = True


def is_partial(doc):
    return getattr(doc, "partial", False)


def segment(key):
    """The URI segment of a collection link (`bgpNetworks` -> `bgp_networks`)."""
    return _SEGMENTS.get(key) or re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def links(kind, location):
    """The links under an object's own URI that the client follows: its collections (an
    embedded one is a list of the object itself, unknown here) and a port's `link`."""
    found = {"uri": location}
    for child in kind.children if kind is not None else ():
        if not child.embedded and child.link not in _ELSEWHERE:
            found[child.link] = f"{location}/{segment(child.link)}"
    if kind is not None and PORT_MEDIA in kind.media:
        found["link"] = f"{location}/link"
    return found


def id_in(location):
    """The new object's id: the last segment of its Location, when that is a UUID."""
    last = (location or "").split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return last.lower() if is_uuid(last) else None


def needs_server_copy(element, body, doc):
    """Why a create must read the new object back (None: it need not): the Location does not
    name it, a field the server takes only from an update must be PUT on the whole object
    (a health monitor made down), or the line prints an object without an id whole and the
    server fills some of its fields (a DHCP subnet's server address)."""
    if doc is None:
        return "the Location does not name the object by its id"
    if any((element.key, a.name) in SET_AFTER_CREATE and a.read(body) is not None
           for a in element.attrs):
        return "a field the server takes only from an update"
    shown = element.visible_attrs()
    if not element.has_id and (lacks(doc, shown) or any(a.kind.respelled for a in shown)):
        return "its create line prints the whole object as the server keeps it"
    return None


def built(element, link, parent, body, location):
    """The object's document as far as the POST tells it, or None when the Location does
    not name it by id.  Fields the server owns are left out even when sent (it ignores or
    overrides them), and the parent's id is filled in as the server fills it."""
    object_id = id_in(location) if element.has_id else None
    if element.has_id and object_id is None or not location:
        return None
    doc = PartialDoc()
    owned = {a.json for a in element.attrs
             if a.read_only or not a.settable or (element.key, a.name) in SERVER_SET}
    doc.update((k, v) for k, v in body.items() if k not in owned)
    parent_key = getattr(link, "parent_key", "")
    if parent_key and parent is not None and parent.id:
        doc[parent_key] = parent.id
    doc.update(links(element, location))
    if object_id is not None:
        doc["id"] = object_id
    return doc


def lacks(doc, attrs):
    """Whether a partial document misses a field among `attrs` (it must be fetched)."""
    return is_partial(doc) and any(a.json not in a.slot(doc) for a in attrs)


def complete(session, obj):
    """The object with the server's whole document, fetched once: the partial document is
    filled in place, so every holder of it (cache, listings, children's parents) sees it."""
    doc = obj.doc
    if not is_partial(doc):
        return obj
    from midoshell.resolver import json_object  # the resolver imports this module

    media = session.resolver.media_for(obj.parent, obj.link)[0] if obj.parent is not None \
        else obj.type.media
    uri = doc["uri"]
    fresh = json_object(session.client.get(uri, media), f"GET {uri}")
    for key in [k for k in doc if k not in fresh]:
        del doc[key]
    doc.update(fresh)
    doc.partial = False
    return obj


def knowing(session, objs, attrs):
    """`objs`, the partial ones lacking a field of `attrs` completed first."""
    for obj in objs:
        if lacks(obj.doc, attrs):
            complete(session, obj)
    return objs
