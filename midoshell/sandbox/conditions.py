"""Rule-condition fields (§6.6): read and validated for rules, trace requests and mirrors."""

import re
from functools import partial

from .errors import ApiError
from .validation import Body

FRAGMENT_POLICIES = ("any", "nonheader", "header", "unfragmented")
MAC_INVALID = "MAC address string must be 6 words of 1 or 2 hex digits joined with 5 ':'"
MASK_INVALID = ('MAC mask must consist of three sets of four hexadecimal digits separated '
                'by periods, e.g. "ffff.ff00.0000".')
# The server's port-range constraint names a message key its properties file lacks, so
# Hibernate Validator hands clients the unresolved template.
RANGE_INVALID = "{midokura.javarx.RangeNotValid.message}"
FRAGMENT_UNKNOWN = ("The valid options for fragmentPolicy are: 'any', 'header', "
                    "'nonheader', and 'unfragmented'.")
FRAGMENT_FOR_L4 = ("For a rule with tpDst or tpSrc constraints, the fragmentPolicy must be "
                   "'header' or 'unfragmented'.")

_MAC = re.compile(r"^([0-9A-Fa-f]{1,2}:){5}[0-9A-Fa-f]{1,2}$")
_MAC_MASK = re.compile(r"^[0-9A-Fa-f]{4}(\.[0-9A-Fa-f]{4}){2}$")


# ---- one reader per kind of field --------------------------------------------------------

def _flag(body, key):
    return body.boolean(key, False)


def _ethertype(body, key):
    return body.integer(key, None, 0x0600, 0xFFFF)


def _length(body, key):
    return body.integer(key, 0, 0, 32)


def _mac(body, key):
    value = body.string(key)
    if value is not None and not _MAC.match(value):
        body.violation(key, MAC_INVALID)
    return value


def _mac_mask(body, key, lower=False):
    value = body.string(key)
    if value is None:
        return None
    if not _MAC_MASK.match(value):
        body.violation(key, MASK_INVALID)
        return value
    return value.lower() if lower else value


def _rule_range_error(key):
    return f'Can not deserialize {key}: expected an object {{"start": N, "end": M}}'


def _nested_range_error(_key):
    return ("Can not deserialize instance of org.midonet.util.Range out of "
            "non-object token")


def _port_range(body, key, not_object=_rule_range_error):
    """An L4 port range {start, end}: both within 1-65535 and start <= end."""
    value = body.data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ApiError(400, not_object(key))
    bounds = Body(value)
    start, end = bounds.integer("start"), bounds.integer("end")
    if start is None or end is None or not 1 <= start <= end <= 0xFFFF:
        body.violation(key, RANGE_INVALID)
    return {"start": start, "end": end}


def check_fragment_policy(value):
    if value is not None and value not in FRAGMENT_POLICIES:
        raise ApiError(400, FRAGMENT_UNKNOWN)  # the DTO swaps Jackson's enum error for this
    return value


def _fragment_policy(body, key):
    return check_fragment_policy(body.data.get(key))


_READERS = {"flag": _flag, "uuid": Body.uuid, "uuids": Body.uuid_list, "int": Body.integer,
            "ethertype": _ethertype, "mac": _mac, "mask": _mac_mask, "ip": Body.ipv4,
            "length": _length, "range": _port_range, "fragments": _fragment_policy}

# A nested condition's mask reads back in lower case (the server keeps it as a number and
# prints it back) and a non-object range fails with Jackson's words. Its fragmentPolicy is
# only taken here and checked once every other field is read (`read_nested_condition`).
_NESTED_READERS = {**_READERS, "mask": partial(_mac_mask, lower=True),
                   "range": partial(_port_range, not_object=_nested_range_error),
                   "fragments": lambda body, key: body.data.get(key)}


# ---- the fields, in groups; each `inv*` flag follows the field it inverts ----------------

_DEVICES = (
    ("condInvert", "flag"), ("matchForwardFlow", "flag"), ("matchReturnFlow", "flag"),
    ("inPorts", "uuids"), ("invInPorts", "flag"), ("outPorts", "uuids"),
    ("invOutPorts", "flag"), ("portGroup", "uuid"), ("invPortGroup", "flag"),
    ("inPortGroup", "uuid"), ("invInPortGroup", "flag"), ("outPortGroup", "uuid"),
    ("invOutPortGroup", "flag"), ("ipAddrGroupSrc", "uuid"), ("invIpAddrGroupSrc", "flag"),
    ("ipAddrGroupDst", "uuid"), ("invIpAddrGroupDst", "flag"), ("traversedDevice", "uuid"),
    ("invTraversedDevice", "flag"))
_VLAN = (("noVlan", "flag"), ("vlan", "int"))
_HEADERS = (
    ("dlType", "ethertype"), ("invDlType", "flag"),
    ("dlSrc", "mac"), ("dlSrcMask", "mask"), ("invDlSrc", "flag"), ("dlDst", "mac"),
    ("dlDstMask", "mask"), ("invDlDst", "flag"), ("nwTos", "int"), ("invNwTos", "flag"),
    ("nwProto", "int"), ("invNwProto", "flag"), ("nwSrcAddress", "ip"),
    ("nwSrcLength", "length"), ("invNwSrc", "flag"), ("nwDstAddress", "ip"),
    ("nwDstLength", "length"), ("invNwDst", "flag"))
_REWRITTEN = (("matchNwDstRewritten", "flag"),)
_FRAGMENTS = (("fragmentPolicy", "fragments"),)
_PORTS = (("tpSrc", "range"), ("invTpSrc", "flag"), ("tpDst", "range"), ("invTpDst", "flag"))
_ICMP = (
    ("icmpDataSrcIpAddress", "ip"), ("icmpDataSrcIpLength", "length"),
    ("invIcmpDataSrcIp", "flag"), ("icmpDataDstIpAddress", "ip"),
    ("icmpDataDstIpLength", "length"), ("invIcmpDataDstIp", "flag"))

# The server writes the same fields in one order in a rule and in another in the Condition
# object of trace requests and mirrors; fields are read (and violations found) in that order.
RULE_FIELDS = _DEVICES + _HEADERS + _PORTS + _FRAGMENTS + _VLAN + _ICMP + _REWRITTEN
NESTED_FIELDS = _DEVICES + _VLAN + _HEADERS + _REWRITTEN + _FRAGMENTS + _PORTS + _ICMP


def read_fields(body, fields=RULE_FIELDS, readers=None):
    """The condition fields of `body`, in the order of `fields`."""
    readers = readers or _READERS
    cond = {}
    for name, kind in fields:
        cond[name] = readers[kind](body, name)
        if kind == "length" and cond[name[:-len("Length")] + "Address"] is None:
            cond[name] = 0  # a prefix length reads back 0 when there is no address
    return cond


def has_l4_fields(cond):
    return cond["tpSrc"] is not None or cond["tpDst"] is not None


def matches_l4_fragments(cond):
    """True when a condition with port ranges would match non-first fragments (no ports)."""
    return has_l4_fields(cond) and cond["fragmentPolicy"] in ("any", "nonheader")


def default_fragment_policy(cond):
    return "header" if has_l4_fields(cond) else "any"


def read_condition(body):
    """The condition fields at the top level of a body (a rule's).

    `fragmentPolicy` stays None when not given: its default depends on what holds the
    condition (see `default_fragment_policy`).
    """
    cond = read_fields(body)
    if matches_l4_fragments(cond):
        body.violation("", FRAGMENT_FOR_L4)  # a class-level constraint: no property
    return cond


def read_nested_condition(data, prefix, outer):
    """A stored condition from its JSON object; violations go to `outer` as `prefix.key`.

    The server does not cascade bean validation into the conditions of trace requests and
    mirrors (no @Valid): a bad address there fails later, in conversion, with a 500. The
    sandbox reports the same rules a rule's condition has, as a 400.
    """
    if not isinstance(data, dict):
        raise ApiError(400, "Can not deserialize instance of "
                            "org.midonet.cluster.rest_api.models.Condition out of "
                            "non-object token")
    body = Body(data)
    cond = read_fields(body, NESTED_FIELDS, _NESTED_READERS)
    for violation in body.violations:
        outer.violation(f"{prefix}.{violation['property']}", violation["message"])
    check_fragment_policy(cond["fragmentPolicy"])
    if matches_l4_fragments(cond):
        raise ApiError(400, FRAGMENT_FOR_L4)  # a plain 400: no bean validation here (above)
    cond["fragmentPolicy"] = cond["fragmentPolicy"] or default_fragment_policy(cond)
    return cond


def render_condition(cond):
    # Condition extends UriResource but has no URI of its own, so it prints "uri": null.
    return {**cond, "uri": None}
