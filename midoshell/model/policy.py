"""Chains and rules, port groups, IP address groups, mirrors, L2 insertions and trace requests."""

import ipaddress

from midoshell.model.common import ID, NAME, TENANT, condition_attrs, object_type
from midoshell.model.value_kinds import (
    BOOL, DeviceReference, Enum, Integer, Kind, Mac, NatTargets, PortReference, Reference, Text,
)
from midoshell.model.types import Attr, Child

RULE_TYPES = {t: t for t in ("accept", "drop", "reject", "return", "jump", "dnat", "snat",
                             "rev_dnat", "rev_snat", "trace")}
RULE_TYPES["l2-transform"] = "l2_transform"


class IPAddress(Kind):
    expected = "an IPv4 or IPv6 address"
    respelled = True  # IPv6 written out in full by the v5 server

    def parse(self, text):
        try:
            return str(ipaddress.ip_address(text))
        except ValueError:
            self.fail(text)

    def same(self, stored, typed):
        # the v5 server writes IPv6 addresses in full (fd00:0:0:0:0:0:0:1), a line may not
        return _canonical(stored) == _canonical(typed)


def _canonical(address):
    try:
        return ipaddress.ip_address(address)
    except (TypeError, ValueError):
        return address


CHAIN = object_type(
    "Chain-v1", key="chain", prefix="chain", template_key="chainTemplate",
    description="a rule chain", attrs=[ID, TENANT, NAME], update="none",
    children=[Child("rule", "rule", "rules", parent_key="chainId")],
)

RULE = object_type(
    "Rule-v2", key="rule", prefix="rule", template_key="ruleTemplate",
    description="a rule of a chain (conditions, then what to do)", update="replace",
    attrs=condition_attrs() + [
        ID,
        Attr("chain", "chainId", Reference("chain"), hidden=True, settable=False,
             help="the chain"),
        Attr("pos", "position", Integer(1), help="position in the chain, from 1"),
        Attr("type", "type", Enum(RULE_TYPES), help="what the rule does"),
        Attr("action", "flowAction", Enum({v: v for v in ("accept", "continue", "redirect",
                                                          "return")}),
             help="what happens after a NAT or L2 rule"),
        Attr("jump-to", "jumpChainId", Reference("chain"), help="chain a jump rule jumps to"),
        Attr("target-port", "targetPortId", PortReference(), help="port an L2 rule redirects to"),
        Attr("ingress", "ingress", BOOL, help="redirect into the target port"),
        Attr("fail-open", "failOpen", BOOL, help="forward when the target port is down"),
        Attr("pop-vlan", "popVlan", BOOL, help="pop the VLAN tag"),
        Attr("push-vlan", "pushVlan", Integer(0, 65535), help="push this VLAN tag"),
        Attr("target", "natTargets", NatTargets(), help="NAT targets"),
        Attr("traceid", "requestId", Text(), help="trace request id of a trace rule"),
        Attr("tracelimit", "limit", Integer(0), help="packets a trace rule traces"),
    ],
)

PORT_GROUP = object_type(
    "PortGroup-v1", key="port-group", prefix="pgroup", template_key="portGroupTemplate",
    description="a group of ports (for rules and stateful flows)",
    attrs=[ID, TENANT, NAME, Attr("stateful", "stateful", BOOL, help="share flow state")],
    children=[Child("member", "port-group-member", "ports", parent_key="portGroupId")],
)

PORT_GROUP_MEMBER = object_type(
    "PortGroupPort-v1", key="port-group-member", prefix="pgport", has_id=False,
    description="a port's membership of a port group",
    attrs=[Attr("port-group", "portGroupId", Reference("port-group"), settable=False,
                help="the group"),
           Attr("port", "portId", PortReference(), help="the member port")],
)


def _address_version(doc, assigned):
    """`ip` takes both families: the address says which."""
    if "version" not in doc and doc.get("addr"):
        doc["version"] = ipaddress.ip_address(doc["addr"]).version


IP_GROUP = object_type(
    "IpAddrGroup-v1", key="ip-address-group", prefix="ipg", template_key="ipAddrGroupTemplate",
    description="a group of IP addresses (for rules)", update="none",
    attrs=[ID, NAME],
    children=[Child("ip", "ip-address", "addrs"),
              Child("ipv4", "ip-address", "addrs", {"version": 4}, only={"version": 4}),
              Child("ipv6", "ip-address", "addrs", {"version": 6}, only={"version": 6})],
)

IP_ADDRESS = object_type(
    "IpAddrGroupAddr-v1", key="ip-address", prefix="addr", has_id=False,
    description="an address of an IP address group", finish=_address_version,
    attrs=[Attr("address", "addr", IPAddress(), help="the address")],
)

MIRROR = object_type(
    "Mirror-v1", key="mirror", prefix="mirror", template_key="mirrorTemplate",
    description="a port mirror: matching traffic is copied to a port",
    attrs=[ID, Attr("to-port", "toPortId", PortReference(), help="port receiving the copies")],
    children=[Child("matches", "condition", "conditions", embedded=True)],
)

CONDITION = object_type(
    "Mirror-v1", key="condition", prefix="object", has_id=False,
    description="a match condition of a mirror", attrs=condition_attrs(),
)

L2_INSERTION = object_type(
    "L2Insertion-v1", key="l2insertion", prefix="l2insertion", template_key="l2InsertionTemplate",
    description="a service inserted in the path of a port",
    attrs=[
        ID,
        Attr("port", "portId", PortReference(), help="the protected port"),
        Attr("srv-port", "srvPortId", PortReference(), help="the service's port"),
        Attr("vlan", "vlan", Integer(0, 4095), help="VLAN used towards the service"),
        Attr("pos", "position", Integer(1), help="position among the port's insertions"),
        Attr("fail-open", "failOpen", BOOL, help="forward when the service is down"),
        Attr("mac", "mac", Mac(), help="MAC address of the service"),
    ],
)


def _trace_condition(doc, assigned):
    """Trace requests always carry a condition object (the server requires one, even when it
    matches everything).  Their id is the server's: it makes one when none is sent (v5's
    TraceRequest.create), so nothing is invented here."""
    if not isinstance(doc.get("condition"), dict):
        doc["condition"] = {}


TRACE_REQUEST = object_type(
    "TraceRequest-v1", key="tracerequest", prefix="tr", template_key="traceRequestTemplate",
    description="a request to trace matching packets on a device", finish=_trace_condition,
    attrs=condition_attrs("condition") + [
        ID, NAME,
        Attr("port", "deviceId", DeviceReference("port", "PORT", PortReference()),
             help="trace on this port"),
        Attr("router", "deviceId", DeviceReference("router", "ROUTER"), help="trace on this router"),
        Attr("bridge", "deviceId", DeviceReference("bridge", "BRIDGE"), help="trace on this bridge"),
        Attr("limit", "limit", Integer(0), help="most packets traced"),
        Attr("enabled", "enabled", BOOL, help="whether tracing is on"),
    ],
)

TYPES = [CHAIN, RULE, PORT_GROUP, PORT_GROUP_MEMBER, IP_GROUP, IP_ADDRESS, MIRROR, CONDITION,
         L2_INSERTION, TRACE_REQUEST]
