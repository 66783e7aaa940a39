"""A new object known from its POST alone: the body sent, the id from the Location header and
the links the v5 server gives every object of its type.  A create is then one request.

The v5 server answers a POST with 201, a Location and no body.  What it fills in itself
(defaults, generated values, a port's Local route, what it derives from other fields) is not
in such a document: it is *partial*, and absent keys mean "unknown", not "empty".  Whoever
needs a field it lacks asks the server once (`complete`, `knowing`); a change is never built
on it (a PUT replaces the whole object).  After a change, likewise, the session keeps only
what never changes of the object (`changed`), and the collections of a new object that only
clients fill are named as the run adds to them (`name_in_order`): reaching an object the run
made or changed, or its children, costs no request.
"""

import re

from midoshell.model.identity import SERVER_SET, SET_AFTER_CREATE
from midoshell.model.value_kinds import is_uuid

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


def link_keys(kind):
    """The keys of an object's links: its URI, its collections, a port's `link`.  They never
    change."""
    if kind is None:
        return ["uri"]
    keys = ["uri", *(child.uri_key for child in kind.children if not child.embedded)]
    return keys + ["link"] if PORT_MEDIA in kind.media else keys


def links(kind, location):
    """The links under an object's own URI (an embedded collection is a list in the object
    itself, unknown here; some links are elsewhere)."""
    return {key: location if key == "uri" else f"{location}/{segment(key)}"
            for key in link_keys(kind) if key not in _ELSEWHERE}


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


def name_in_order(session, obj):
    """The collections of an object just made that only clients fill hold what this run adds
    to them, in that order: it is named as it is made, as a listing would name it, without
    listing it.  A VTEP binding makes the server add a VXLAN port to its bridge: that
    bridge's ports are listed again to be named."""
    for child in obj.type.children if obj.type.has_id and obj.id else ():
        if child.clients_only:
            session.aliases.mark_listed(obj.id, child.name)
    if obj.type.key == "vtep-binding":
        session.aliases.listed.discard((obj.doc.get("networkId"), "port"))


def changed(session, obj):
    """After a change the session keeps of the object only what never changes (id, URIs,
    parent, a port's kind), so that reaching it again costs no request and any field is read
    anew.  A port reached through the root collection, whose parent is unknown, is dropped."""
    if obj.id is None or obj.link.embedded:
        return
    kept = ["id", *link_keys(obj.type), *getattr(obj.link, "template", {}),
            getattr(obj.link, "parent_key", "")]
    if obj.parent is None and obj.link.type == "port" or "uri" not in obj.doc:
        session.cache.pop(obj.id, None)
        return
    doc = PartialDoc((k, obj.doc[k]) for k in kept if k in obj.doc)
    session.cache[obj.id] = type(obj)(obj.type, doc, obj.parent, obj.link)


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
