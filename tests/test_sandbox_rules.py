"""Sandbox: chain rules — every type, condition fields, validation, positions, cascades."""

import pytest

from sandbox_helpers import api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
OTHER = "0b0b0b0b-1111-2222-3333-444444444444"
RULE = vnd("Rule-v2")
INVALID = "Validation error(s) found"
RANGE_MESSAGE = "{midokura.javarx.RangeNotValid.message}"
L4_MESSAGE = ("For a rule with tpDst or tpSrc constraints, the fragmentPolicy must be "
              "'header' or 'unfragmented'.")
NAT_MESSAGE = ("For a NAT rule with port constraints or multiple targets, the "
               "fragmentPolicy must be 'unfragmented'.")
MAC_MESSAGE = "MAC address string must be 6 words of 1 or 2 hex digits joined with 5 ':'"
MASK_MESSAGE = ('MAC mask must consist of three sets of four hexadecimal digits separated by '
                'periods, e.g. "ffff.ff00.0000".')

FLAGS = ["condInvert", "matchForwardFlow", "matchReturnFlow", "invInPorts", "invOutPorts",
         "invPortGroup", "invInPortGroup", "invOutPortGroup", "invIpAddrGroupSrc",
         "invIpAddrGroupDst", "invTraversedDevice", "invDlType", "invDlSrc", "invDlDst",
         "invNwTos", "invNwProto", "invNwSrc", "invNwDst", "invTpSrc", "invTpDst", "noVlan",
         "invIcmpDataSrcIp", "invIcmpDataDstIp", "matchNwDstRewritten"]
NULLS = ["portGroup", "inPortGroup", "outPortGroup", "ipAddrGroupSrc", "ipAddrGroupDst",
         "traversedDevice", "dlType", "dlSrc", "dlSrcMask", "dlDst", "dlDstMask", "nwTos",
         "nwProto", "nwSrcAddress", "nwDstAddress", "tpSrc", "tpDst", "vlan",
         "icmpDataSrcIpAddress", "icmpDataDstIpAddress"]
LENGTHS = ["nwSrcLength", "nwDstLength", "icmpDataSrcIpLength", "icmpDataDstIpLength"]

FULL_CONDITION = {
    "inPorts": [MISSING], "outPorts": [OTHER], "portGroup": MISSING, "inPortGroup": OTHER,
    "outPortGroup": MISSING, "ipAddrGroupSrc": OTHER, "ipAddrGroupDst": MISSING,
    "traversedDevice": OTHER, "dlType": 0x0800, "dlSrc": "aa:bb:cc:dd:ee:ff",
    "dlSrcMask": "ffff.ff00.0000", "dlDst": "02:00:00:00:00:01", "dlDstMask": "ffff.ffff.ffff",
    "nwTos": 4, "nwProto": 6, "nwSrcAddress": "10.0.0.0", "nwSrcLength": 8,
    "nwDstAddress": "192.168.1.1", "nwDstLength": 32, "tpSrc": {"start": 1024, "end": 2048},
    "tpDst": {"start": 80, "end": 80}, "fragmentPolicy": "unfragmented", "vlan": 100,
    "icmpDataSrcIpAddress": "172.16.0.0", "icmpDataSrcIpLength": 12,
    "icmpDataDstIpAddress": "172.16.1.1", "icmpDataDstIpLength": 32,
}


@pytest.fixture
def chain(api):
    return api.create("chains", {"name": "c", "tenantId": "t1"})


def add(api, chain, **body):
    return api.create(chain["rules"], body, ctype=RULE)


def violations(resp):
    body = error(resp, 400, INVALID)
    return sorted((v["property"], v["message"]) for v in body["violations"])


def test_accept_rule_defaults_and_links(api, chain):
    resp = api.post(chain["rules"], {"type": "accept"}, ctype=RULE)
    assert resp.status_code == 201 and resp.content == b""
    rule = api.get(resp.headers["Location"], accept=RULE).json()
    assert resp.headers["Location"] == api.url + "/rules/" + rule["id"] == rule["uri"]
    assert (rule["type"], rule["chainId"], rule["position"], rule["meterName"]) == \
        ("accept", chain["id"], 1, None)
    assert all(rule[flag] is False for flag in FLAGS)
    assert all(rule[key] is None for key in NULLS)
    assert all(rule[key] == 0 for key in LENGTHS)
    assert rule["inPorts"] == [] and rule["outPorts"] == []
    assert rule["fragmentPolicy"] == "any"
    assert "flowAction" not in rule and "jumpChainId" not in rule


def test_every_condition_field_round_trips(api, chain):
    rule = add(api, chain, type="drop", **FULL_CONDITION)
    assert {key: rule[key] for key in FULL_CONDITION} == FULL_CONDITION


def test_every_inversion_flag_round_trips(api, chain):
    rule = add(api, chain, type="reject", **dict.fromkeys(FLAGS, True))
    assert all(rule[flag] is True for flag in FLAGS)


def test_prefix_length_reads_zero_without_an_address(api, chain):
    rule = add(api, chain, type="accept", nwSrcLength=24, icmpDataDstIpLength=16)
    assert rule["nwSrcLength"] == 0 and rule["icmpDataDstIpLength"] == 0


@pytest.mark.parametrize("rule_type, body, expected", [
    ("accept", {}, {}), ("drop", {}, {}), ("reject", {}, {}), ("return", {}, {}),
    ("rev_dnat", {"flowAction": "continue"}, {"flowAction": "continue"}),
    ("rev_snat", {"flowAction": "return"}, {"flowAction": "return"}),
    ("snat", {"flowAction": "accept", "natTargets": [
        {"addressFrom": "1.1.1.1", "addressTo": "1.1.1.9", "portFrom": 1000,
         "portTo": 2000}]},
     {"flowAction": "accept", "fragmentPolicy": "unfragmented", "natTargets": [
         {"addressFrom": "1.1.1.1", "addressTo": "1.1.1.9", "portFrom": 1000,
          "portTo": 2000}]}),
    ("l2_transform", {"flowAction": "redirect", "popVlan": True, "pushVlan": 200,
                      "targetPortId": MISSING, "ingress": True, "failOpen": True},
     {"flowAction": "redirect", "popVlan": True, "pushVlan": 200, "targetPortId": MISSING,
      "ingress": True, "failOpen": True}),
    ("l2_transform", {"flowAction": "accept"},
     {"popVlan": False, "pushVlan": 0, "targetPortId": None, "ingress": False,
      "failOpen": False}),
    ("trace", {"requestId": MISSING, "limit": 10}, {"requestId": None, "limit": None}),
])
def test_each_rule_type(api, chain, rule_type, body, expected):
    rule = add(api, chain, type=rule_type, **body)
    assert rule["type"] == rule_type
    assert {key: rule[key] for key in expected} == expected


def test_type_is_required_and_must_be_known(api, chain):
    error(api.post(chain["rules"], {"position": 1}), 400,
          "Missing property 'type' that is to contain type id (for class Rule)")
    error(api.post(chain["rules"], {"type": "continue"}), 400,
          "Could not resolve type id 'continue' into a subtype of Rule")
    error(api.post(chain["rules"], {"type": "ACCEPT"}), 400)


def test_positions_insert_and_renumber(api, chain):
    first = add(api, chain, type="accept")
    head = add(api, chain, type="drop")  # default position 1: insert at the head
    last = add(api, chain, type="reject", position=3)
    middle = add(api, chain, type="return", position=2)
    listed = api.get(chain["rules"], accept=vnd("collection.Rule-v2")).json()
    assert [r["id"] for r in listed] == [head["id"], middle["id"], first["id"], last["id"]]
    assert [r["position"] for r in listed] == [1, 2, 3, 4]
    assert api.delete(head["uri"]).status_code == 204
    assert api.get(last["uri"]).json()["position"] == 3
    assert [r["position"] for r in api.get(chain["rules"]).json()] == [1, 2, 3]


def test_position_validation(api, chain):
    error(api.post(chain["rules"], {"type": "accept", "position": 2}), 400,
          "Position exceeds number of rules in chain")
    assert violations(api.post(chain["rules"], {"type": "accept", "position": 0})) == [
        ("position", "must be greater than or equal to 1")]


def test_mac_and_mask_validation(api, chain):
    resp = api.post(chain["rules"], {"type": "accept", "dlSrc": "aa:bb:cc", "dlDst": "x",
                                     "dlSrcMask": "ffff.ff00", "dlDstMask": "ff:ff"})
    assert violations(resp) == [("dlDst", MAC_MESSAGE), ("dlDstMask", MASK_MESSAGE),
                                ("dlSrc", MAC_MESSAGE), ("dlSrcMask", MASK_MESSAGE)]
    rule = add(api, chain, type="accept", dlSrc="a:b:c:d:e:f")  # 1-digit words are fine
    assert rule["dlSrc"] == "a:b:c:d:e:f"


def test_address_and_length_validation(api, chain):
    resp = api.post(chain["rules"], {"type": "accept", "nwSrcAddress": "10.0.0.256",
                                     "nwDstAddress": "10.0.0.1", "nwDstLength": 33,
                                     "icmpDataSrcIpAddress": "::1",
                                     "icmpDataDstIpLength": -1})
    assert violations(resp) == [
        ("icmpDataDstIpLength", "must be greater than or equal to 0"),
        ("icmpDataSrcIpAddress", "is an invalid IP format"),
        ("nwDstLength", "must be less than or equal to 32"),
        ("nwSrcAddress", "is an invalid IP format")]


def test_dl_type_range(api, chain):
    assert violations(api.post(chain["rules"], {"type": "accept", "dlType": 0x05FF})) == [
        ("dlType", "must be greater than or equal to 1536")]
    assert violations(api.post(chain["rules"], {"type": "accept", "dlType": 0x10000})) == [
        ("dlType", "must be less than or equal to 65535")]
    assert add(api, chain, type="accept", dlType=0xFFFF, invDlType=True)["dlType"] == 0xFFFF


@pytest.mark.parametrize("bad", [{"start": 0, "end": 10}, {"start": 10, "end": 9},
                                 {"start": 1, "end": 65536}, {"start": 5}])
def test_port_range_validation(api, chain, bad):
    assert violations(api.post(chain["rules"], {"type": "accept", "tpSrc": bad})) == [
        ("tpSrc", RANGE_MESSAGE)]
    assert violations(api.post(chain["rules"], {"type": "accept", "tpDst": bad})) == [
        ("tpDst", RANGE_MESSAGE)]


def test_port_ranges_default_to_header_fragments(api, chain):
    rule = add(api, chain, type="accept", tpDst={"start": 1, "end": 65535}, invTpDst=True)
    assert rule["tpDst"] == {"start": 1, "end": 65535} and rule["invTpDst"] is True
    assert rule["fragmentPolicy"] == "header"
    error(api.post(chain["rules"], {"type": "accept", "tpSrc": "80"}), 400)


def test_fragment_policy_rules(api, chain):
    for policy in ("any", "nonheader"):
        body = error(api.post(chain["rules"], {"type": "accept", "tpSrc": {"start": 1,
                                                                           "end": 2},
                                               "fragmentPolicy": policy}), 400, INVALID)
        assert body["violations"] == [{"property": "", "message": L4_MESSAGE}]
    error(api.post(chain["rules"], {"type": "accept", "fragmentPolicy": "all"}), 400,
          "The valid options for fragmentPolicy are: 'any', 'header', 'nonheader', and "
          "'unfragmented'.")
    assert add(api, chain, type="accept", fragmentPolicy="nonheader")["fragmentPolicy"] == \
        "nonheader"


def test_nat_targets_and_flow_action_are_required(api, chain):
    assert violations(api.post(chain["rules"], {"type": "dnat"})) == [
        ("flowAction", "may not be null"), ("natTargets", "may not be null")]
    resp = api.post(chain["rules"], {"type": "snat", "flowAction": "drop", "natTargets": []})
    assert violations(resp) == [("flowAction", 'must match "accept|continue|return"'),
                                ("natTargets", "size must be between 1 and 2147483647")]
    resp = api.post(chain["rules"], {"type": "dnat", "flowAction": "accept",
                                     "natTargets": [{"addressFrom": "1.1.1.x"}]})
    assert violations(resp) == [("natTargets[0].addressFrom", "is an invalid IP format"),
                                ("natTargets[0].addressTo", "may not be null")]
    for rule_type in ("rev_dnat", "rev_snat"):
        assert violations(api.post(chain["rules"], {"type": rule_type})) == [
            ("flowAction", "may not be null")]


def test_nat_fragment_policy(api, chain):
    floating = [{"addressFrom": "5.5.5.5", "addressTo": "5.5.5.5"}]
    rule = add(api, chain, type="dnat", flowAction="accept", natTargets=floating)
    assert rule["fragmentPolicy"] == "unfragmented"
    assert rule["natTargets"] == [{"addressFrom": "5.5.5.5", "addressTo": "5.5.5.5",
                                   "portFrom": 0, "portTo": 0}]
    rule = add(api, chain, type="dnat", flowAction="accept", natTargets=floating,
               fragmentPolicy="any")
    assert rule["fragmentPolicy"] == "any"  # a floating IP may match fragments
    ranged = [{"addressFrom": "5.5.5.5", "addressTo": "5.5.5.9"}]
    error(api.post(chain["rules"], {"type": "snat", "flowAction": "accept",
                                    "natTargets": ranged, "fragmentPolicy": "any"}),
          400, NAT_MESSAGE)
    error(api.post(chain["rules"], {"type": "dnat", "flowAction": "accept",
                                    "natTargets": floating, "fragmentPolicy": "header",
                                    "tpDst": {"start": 80, "end": 80}}), 400, NAT_MESSAGE)


def test_l2_transform_and_trace_validation(api, chain):
    resp = api.post(chain["rules"], {"type": "l2_transform", "flowAction": "continue",
                                     "pushVlan": 65536})
    assert violations(resp) == [("flowAction", 'must match "accept|redirect"'),
                                ("pushVlan", "must be less than or equal to 65535")]
    assert violations(api.post(chain["rules"], {"type": "trace"})) == [
        ("requestId", "may not be null")]


def test_jump_rules(api, chain):
    assert violations(api.post(chain["rules"], {"type": "jump"})) == [
        ("jumpChainId", "may not be null")]
    error(api.post(chain["rules"], {"type": "jump", "jumpChainId": MISSING}), 404,
          f"There is no Chain with ID {MISSING}.")
    target = api.create("chains", {"name": "target"})
    rule = add(api, chain, type="jump", jumpChainId=target["id"])
    assert (rule["jumpChainId"], rule["jumpChainName"]) == (target["id"], "target")
    assert "flowAction" not in rule


def test_missing_chain_rule_and_duplicate_id(api, chain):
    error(api.post(f"chains/{MISSING}/rules", {"type": "accept"}), 404,
          f"There is no Chain with ID {MISSING}.")
    error(api.get(f"chains/{MISSING}/rules"), 404, f"There is no Chain with ID {MISSING}.")
    error(api.get(f"rules/{MISSING}"), 404, f"There is no Rule with ID {MISSING}.")
    error(api.delete(f"rules/{MISSING}"), 404, f"There is no Rule with ID {MISSING}.")
    rule = add(api, chain, type="accept", id=MISSING, chainId=OTHER, meterName="m")
    assert (rule["id"], rule["chainId"], rule["meterName"]) == (MISSING, chain["id"], None)
    error(api.post(chain["rules"], {"type": "drop", "id": MISSING}), 409,
          f"A(n) Rule with ID {MISSING} already exists.")


def test_delete_rule(api, chain):
    rule = add(api, chain, type="accept")
    resp = api.delete(rule["uri"])
    assert resp.status_code == 204 and resp.content == b""
    error(api.get(rule["uri"]), 404)
    assert api.get(chain["rules"]).json() == []


def test_rule_methods_and_media_types(api, chain):
    rule = add(api, chain, type="accept")
    empty(api.put(rule["uri"], {"type": "drop"}), 405)
    empty(api.get("rules"), 405)
    empty(api.post(chain["rules"], {"type": "accept"}, ctype=vnd("Rule-v1")), 406)
    empty(api.post(chain["rules"], {"type": "accept"}, ctype="text/plain"), 415)
    empty(api.get(rule["uri"], accept=vnd("Rule-v1")), 406)
    assert api.get(rule["uri"], accept=RULE).headers["Content-Type"] == RULE
    empty(api.get(chain["rules"], accept=RULE), 406)
    assert api.get(chain["rules"], accept=vnd("collection.Rule-v2")).status_code == 200


def test_chain_delete_takes_its_rules_and_jumps_to_it(api, chain):
    other = api.create("chains", {"name": "other"})
    own = add(api, chain, type="accept")
    self_jump = add(api, chain, type="jump", jumpChainId=chain["id"])
    kept = add(api, other, type="drop")
    jump = add(api, other, type="jump", jumpChainId=chain["id"], position=2)
    assert api.delete(chain["uri"]).status_code == 204
    for gone in (own, self_jump, jump):
        error(api.get(gone["uri"]), 404)
    listed = api.get(other["rules"]).json()
    assert [(r["id"], r["position"]) for r in listed] == [(kept["id"], 1)]
