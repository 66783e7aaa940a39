"""What makes two objects of a type the same one: used by `--may-exist`, `export` and `describe`.

MidoNet names are free text and not unique, so identity is a rule per type:

- "unique": the fields listed name the object; a line matching two existing objects is refused.
  Fields the line does not give must be empty on the object (a `create router` with no name is
  a nameless router), except for a `partial` identity, where only the fields given count
  (a route given `dst` and `gw` is the route with that destination and gateway).
- "nth": the object has no name; the n-th such line of a run (same parent, same fields given)
  is the parent's n-th object with those fields, in listing order (ports: the device's n-th
  port).  The server keeps child collections in the order they were made, so a script run
  twice finds the same objects again.
- "position": a rule: one with the line's conditions and action that no earlier line of the
  run took, preferably the one at the line's position (`pos`).

A line that gives an `id` is always identified by that id.
"""

import functools
import json
from json.encoder import encode_basestring_ascii as _quoted

from midoshell.records import dataclass  # the standard decorator costs a one-liner ~7 ms


@dataclass(frozen=True)
class Identity:
    rule: str  # "unique", "nth" or "position"
    fields: tuple = ()  # the fields that name an object (unique); () for nth on all fields given
    partial: bool = False  # unique: fields the line does not give are not compared
    whole: bool = False  # nth: every field the line gives must match, not only `fields`

    def describe(self):
        if self.rule == "position":
            return ("its conditions and action: the first such rule of the chain not taken "
                    "by an earlier line, the one at the line's position (pos) if one is there")
        if self.rule == "unique":
            names = ", ".join(self.fields)
            extra = " (the fields given)" if self.partial else ""
            return (f"{names}{extra}: an object with the same {names} is the same object "
                    f"(two of them: the line fails and lists them)")
        if self.whole:
            return "all the fields given: the n-th such line is the n-th such object"
        return "its place: the n-th line creating one in a parent is the parent's n-th"


def _unique(*fields, partial=False):
    return Identity("unique", tuple(fields), partial=partial)


NTH = Identity("nth")
NTH_WHOLE = Identity("nth", whole=True)
NAME = _unique("name")

IDENTITIES = {
    "router": NAME, "bridge": NAME, "chain": NAME, "port-group": NAME,
    "ip-address-group": NAME, "tunnel-zone": NAME, "qos-policy": NAME, "tracerequest": NAME,
    "router-port": NTH, "bridge-port": NTH,
    "route": _unique("dst", "src", "gw", "port", partial=True),
    "bgp-network": _unique("net"),
    "bgp-peer": _unique("address"),
    "remote-peer": _unique("mac", "ip"),
    "dhcp": _unique("subnet"),
    "dhcp-host": _unique("mac"),
    "opt121-route": _unique("destination"),
    "rule": Identity("position"),
    "port-group-member": _unique("port"),
    "ip-address": _unique("address"),
    "mirror": NTH_WHOLE, "condition": NTH_WHOLE,
    "l2insertion": _unique("port", "srv-port"),
    "load-balancer": NTH_WHOLE, "health-monitor": NTH_WHOLE, "container-group": NTH_WHOLE,
    "pool": NTH,
    "pool-member": _unique("address", "protocol-port"),
    "vip": _unique("address", "protocol-port"),
    "vtep": _unique("management-ip"),
    "vtep-binding": _unique("physical-port", "vlan"),
    "binding": _unique("interface"),
    "tunnel-zone-member": _unique("host"),
    "container": NTH,
    "qos-bw-limit-rule": NTH, "qos-dscp-rule": NTH,
}

# Made and owned by the server or its agents: never created by a line, never exported.
SERVER_OWNED = ("host", "interface", "vtep-port", "tenant", "system-state")


# Fields the server fills in itself whatever a create says: the host a container runs on
# (the scheduler's choice).  Never compared, never exported.
SERVER_SET = {("container", "host")}
# Fields the v5 server forces on create (health monitors and pool members start up) and
# takes only from an update: a create that gives them is followed by an update.
SET_AFTER_CREATE = {("health-monitor", "state"), ("pool-member", "state")}


def identity(type_key):
    """The identity rule of a type (None for what the server makes)."""
    return IDENTITIES.get(type_key)


def is_empty(value):
    return value is None or value == "" or value == [] or value == {}


def content_key(object_type, doc):
    """The object's own values (no references, which change with every UUID), as text: orders
    objects that share a name the same way in every deployment holding them."""
    reads = _CONTENT_READS.get(object_type.key)
    if reads is None:
        reads = _CONTENT_READS[object_type.key] = _content_reads(object_type)
    return tuple([_json(read(doc)) for read in reads])


_CONTENT_READS = {}  # type key -> how content_key reads each value, worked out once a type


def _content_reads(object_type):
    """A function per value content_key writes, in its order: each attribute that is the
    object's own (set by a user, not a reference, not a legacy spelling, not the tenant),
    then each embedded collection (a mirror's matches are part of what it is)."""
    reads = [attr.read for attr in object_type.attrs
             if attr.assignable and not attr.legacy and not attr.kind.is_reference
             and attr.name != "tenant"]
    reads += [functools.partial(_embedded, child.uri_key)
              for child in object_type.children if child.embedded]
    return reads


def _embedded(key, doc):
    return doc.get(key)


def _json(value):
    """json.dumps(value, sort_keys=True, default=str), with the common values written by
    the encoder's own C functions (json.dumps costs microseconds a call, and a listing of
    nameless objects is ordered by these texts)."""
    kind = value.__class__
    if value is None:
        return "null"
    if kind is str:
        return _quoted(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value, sort_keys=True, default=str)
