"""QoS policies and their bandwidth-limit and DSCP-marking rules."""

import functools
import uuid

from .. import deletes, media
from ..errors import ApiError, already_exists
from ..validation import Body
from ..web import PROTO, no_content
from .owned import Owned
from .toplevel import TopLevel

POLICY = media.Types("QOSPolicy-v1")
BW_LIMIT = media.Types("QOSRuleBWLimit-v1")
DSCP = media.Types("QOSRuleDSCP-v1")

# Each rule kind: its top-level URI segment and its media types.
_RULE_SEGMENTS = {"qos_bw_limit_rule": "qos_bw_limit_rules", "qos_dscp_rule": "qos_dscp_rules"}
_RULE_TYPES = {"qos_bw_limit_rule": BW_LIMIT, "qos_dscp_rule": DSCP}
# The policy's convenience `rules` list names the two kinds this way.
_CONVENIENCE = {"bandwidth_limit": "qos_bw_limit_rule", "dscp_marking": "qos_dscp_rule"}


# ---- rules ---------------------------------------------------------------------------

def _rule_fields(kind, body):
    if kind == "qos_bw_limit_rule":
        return {"maxKbps": body.integer("maxKbps", 0),
                "maxBurstKb": body.integer("maxBurstKb")}
    return {"dscpMark": body.integer("dscpMark", 0, 0, 63)}


def _rule_top(kind):
    """The rules of one kind: made under a policy only (the top-level path answers 405);
    deleting a missing one is no error (204)."""
    def read(ctx, body, obj_id, current):
        doc = {"id": obj_id, **_rule_fields(kind, body), "policyId": body.data["policyId"]}
        body.check()
        return doc

    def render(ctx, doc):
        return {**doc, "uri": ctx.uri(_RULE_SEGMENTS[kind], doc["id"])}

    return TopLevel(kind, _RULE_SEGMENTS[kind], _RULE_TYPES[kind], read, render,
                    delete_checks_missing=False, listed=False)


RULES = {kind: _rule_top(kind) for kind in _RULE_SEGMENTS}
# A policy's rules of each kind; the media type is checked first.
_OF_POLICY = {kind: Owned("qos_policy", kind, "policyId", top.render, top.types.list,
                          accept_first=True, child=top) for kind, top in RULES.items()}


def update_rule(ctx, obj_id, kind):
    """PUT writes the rule named by the body's `id` (the server does not use the path's)."""
    body = ctx.body(_RULE_TYPES[kind].item)
    ctx.load(kind, obj_id)
    # A body without an id would make the server fail on a null key; the path's id is the
    # only sensible target then.
    target = body.uuid("id") or obj_id
    current = ctx.load(kind, target)
    # The server takes policyId from the body too; keeping the current one when the body
    # has none avoids orphaning the rule.
    policy_id = body.uuid("policyId") or current["policyId"]
    doc = {"id": target, **_rule_fields(kind, body), "policyId": policy_id}
    body.check()
    ctx.load("qos_policy", policy_id)
    ctx.store.replace(kind, target, doc)
    return no_content()


# ---- policies ------------------------------------------------------------------------

def _read_policy(ctx, body, policy_id, current):
    doc = {"id": policy_id, "name": body.string("name"),
           "description": body.string("description"),
           "shared": body.boolean("shared"),
           # snake case on the wire; the python client's `tenantId` is ignored
           "tenant_id": body.string("tenant_id")}
    rules = _convenience_rules(body)
    body.check()
    if rules is not None:
        _sync_rules(ctx.store, policy_id, rules, current is None)
    return doc


def _convenience_rules(body):
    """The write-only `rules` list as (kind, rule doc) pairs; None when it was not sent."""
    raw = body.data.get("rules")
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise ApiError(400, "Can not deserialize instance of java.util.ArrayList out of "
                            "non-array token")
    rules = []
    for item in raw:
        kind = _CONVENIENCE.get(item.get("type"))
        if kind is None:
            raise ApiError(400, f"Unknown QoS rule type: {item.get('type')}")
        entry = Body(item)
        fields = ({"maxKbps": entry.integer("max_kbps", 0),
                   "maxBurstKb": entry.integer("max_burst_kbps")}
                  if kind == "qos_bw_limit_rule" else
                  {"dscpMark": entry.integer("dscp_mark", 0, 0, 63)})
        for violation in entry.violations:
            body.violation("rules." + violation["property"], violation["message"])
        rules.append((kind, {"id": entry.uuid("id") or str(uuid.uuid4()), **fields}))
    return rules


def _sync_rules(store, policy_id, rules, creating):
    """Make the policy's rules exactly `rules`: create new ids, rewrite kept ones, drop
    the rest (on PUT an empty list removes every rule)."""
    wanted = {doc["id"] for _, doc in rules}
    if not creating:
        for kind in _RULE_SEGMENTS:
            for old in store.all(kind, policyId=policy_id):
                if old["id"] not in wanted:
                    deletes.delete(store, kind, old["id"], old)
    for kind, doc in rules:
        doc["policyId"] = policy_id
        if store.exists(kind, doc["id"]):
            store.replace(kind, doc["id"], doc)
        elif not store.insert(kind, doc["id"], doc):
            raise already_exists(PROTO[kind], doc["id"])


def render_policy(ctx, doc):
    uri = ctx.uri("qos_policies", doc["id"])
    return {**doc, "rules": None, "uri": uri, "bwLimitRules": uri + "/qos_bw_limit_rules",
            "dscpRules": uri + "/qos_dscp_rules"}


POLICIES = TopLevel("qos_policy", "qos_policies", POLICY, _read_policy, render_policy,
                    delete_checks_missing=False)


def _rule_routes(kind):
    segment = _RULE_SEGMENTS[kind]
    return RULES[kind].routes(update=functools.partial(update_rule, kind=kind)) + [
        (f"/qos_policies/<parent_id>/{segment}", _OF_POLICY[kind].handlers(), {})]


ROUTES = POLICIES.routes() + _rule_routes("qos_bw_limit_rule") + \
    _rule_routes("qos_dscp_rule")
