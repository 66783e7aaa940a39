"""Attributes shared by many object types, and the helper that declares a type."""

from midoshell.model.value_kinds import (
    ADMIN, BOOL, YESNO, Cidr, Enum, FlowFlags, Integer, Mac, MacMask, Number, PortRange,
    PortReference, Reference, ReferenceList, Text,
)
from midoshell.model.types import Attr, ObjectType, collection_media, media


def object_type(media_name, **fields):
    """An object type whose item and collection media types share one name (`Router-v3`)."""
    return ObjectType(media=media(media_name), collection_media=collection_media(media_name),
                      **fields)


ID = Attr("id", "id", Text(), read_only=True, hidden=True, help="the object's UUID")
TENANT = Attr("tenant", "tenantId", Text(), hidden=True, help="owning tenant (project) id")
NAME = Attr("name", "name", Text(), help="free-form name")
STATE = Attr("state", "adminStateUp", ADMIN, help="administrative state")
INFILTER = Attr("infilter", "inboundFilterId", Reference("chain"), clearable=True,
                help="chain applied to inbound traffic")
OUTFILTER = Attr("outfilter", "outboundFilterId", Reference("chain"), clearable=True,
                 help="chain applied to outbound traffic")
QOS_POLICY = Attr("qos-policy", "qosPolicyId", Reference("qos-policy"), clearable=True,
                  help="QoS policy applied")


def mirrors(*names):
    """Mirror lists (`in-mirrors` -> inboundMirrorIds, …), all clearable."""
    keys = {"in-mirrors": "inboundMirrorIds", "out-mirrors": "outboundMirrorIds",
            "post-in-filter-mirrors": "postInFilterMirrorIds",
            "pre-out-filter-mirrors": "preOutFilterMirrorIds"}
    return [Attr(n, keys[n], ReferenceList(Reference("mirror")), clearable=True,
                 help="mirrors applied (" + n.replace("-", " ") + ")") for n in names]


def _cidr(name, address_key, length_key, invert, scope, help_text):
    return Attr(name, address_key, Cidr(address_key, length_key), invert=invert, scope=scope,
                help=help_text)


def condition_attrs(scope=""):
    """The match conditions of rules, trace requests and mirror matches, in print order.

    `!` before a value inverts the match where the server has an inversion flag.
    """
    port_ref = PortReference()
    return [
        Attr("inverted", "condInvert", YESNO, scope=scope, help="negate the whole condition"),
        Attr("hw-src", "dlSrc", Mac(), invert="invDlSrc", scope=scope, help="source MAC"),
        Attr("hw-src-mask", "dlSrcMask", MacMask(), scope=scope, help="source MAC mask"),
        Attr("hw-dst", "dlDst", Mac(), invert="invDlDst", scope=scope, help="destination MAC"),
        Attr("hw-dst-mask", "dlDstMask", MacMask(), scope=scope, help="destination MAC mask"),
        Attr("ethertype", "dlType", Number(0x600, 0xFFFF), invert="invDlType", scope=scope,
             help="EtherType (0x0800 IPv4, 0x0806 ARP)"),
        _cidr("src", "nwSrcAddress", "nwSrcLength", "invNwSrc", scope, "source prefix"),
        _cidr("dst", "nwDstAddress", "nwDstLength", "invNwDst", scope, "destination prefix"),
        Attr("proto", "nwProto", Number(0, 255), invert="invNwProto", scope=scope,
             help="IP protocol number (6 tcp, 17 udp, 1 icmp)"),
        Attr("tos", "nwTos", Number(0, 255), invert="invNwTos", scope=scope, help="IP TOS"),
        Attr("src-port", "tpSrc", PortRange(), invert="invTpSrc", scope=scope,
             help="source L4 port or range"),
        Attr("dst-port", "tpDst", PortRange(), invert="invTpDst", scope=scope,
             help="destination L4 port or range"),
        Attr("flow", "matchForwardFlow", FlowFlags(), scope=scope,
             help="match forward or return flows"),
        Attr("port-group", "portGroup", Reference("port-group"), invert="invPortGroup",
             scope=scope, help="port group of the ingress port"),
        Attr("in-port-group", "inPortGroup", Reference("port-group"), invert="invInPortGroup",
             scope=scope, help="port group of the ingress port"),
        Attr("out-port-group", "outPortGroup", Reference("port-group"),
             invert="invOutPortGroup", scope=scope, help="port group of the egress port"),
        Attr("ip-address-group-src", "ipAddrGroupSrc", Reference("ip-address-group"),
             invert="invIpAddrGroupSrc", scope=scope, help="source address group"),
        Attr("ip-address-group-dst", "ipAddrGroupDst", Reference("ip-address-group"),
             invert="invIpAddrGroupDst", scope=scope, help="destination address group"),
        Attr("in-ports", "inPorts", ReferenceList(port_ref), invert="invInPorts", scope=scope,
             help="ingress ports"),
        Attr("out-ports", "outPorts", ReferenceList(port_ref), invert="invOutPorts",
             scope=scope, help="egress ports"),
        Attr("fragment-policy", "fragmentPolicy",
             Enum({v: v for v in ("any", "header", "nonheader", "unfragmented")}), scope=scope,
             help="which IP fragments match"),
        Attr("no-vlan", "noVlan", BOOL, scope=scope, help="match untagged frames only"),
        Attr("vlan", "vlan", Integer(0, 4095), scope=scope, help="match this VLAN"),
        _cidr("icmp-data-src", "icmpDataSrcIpAddress", "icmpDataSrcIpLength", "invIcmpDataSrcIp",
              scope, "source address inside an ICMP error"),
        _cidr("icmp-data-dst", "icmpDataDstIpAddress", "icmpDataDstIpLength", "invIcmpDataDstIp",
              scope, "destination address inside an ICMP error"),
        Attr("match-nw-dst-rewritten", "matchNwDstRewritten", BOOL, scope=scope,
             help="match packets whose destination was rewritten by NAT"),
    ]
