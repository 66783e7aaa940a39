"""Chain rules (`/chains/{id}/rules`, `/rules/{id}`): every rule type, conditions, positions."""

import uuid

from .. import deletes, media
from ..conditions import default_fragment_policy, has_l4_fields, read_condition
from ..errors import ApiError, already_exists
from ..validation import NOT_NULL, Body
from ..web import created, json_response, no_content

LITERAL_TYPES = ("accept", "drop", "reject", "return")
FORWARD_NAT = ("dnat", "snat")
REVERSE_NAT = ("rev_dnat", "rev_snat")
RULE_TYPES = LITERAL_TYPES + ("jump",) + FORWARD_NAT + REVERSE_NAT + ("l2_transform", "trace")

FRAGMENT_FOR_NAT = ("For a NAT rule with port constraints or multiple targets, the "
                    "fragmentPolicy must be 'unfragmented'.")
POSITION_TOO_BIG = "Position exceeds number of rules in chain"


# ---- arrays of objects (NAT targets here; DHCP routes and options too) -------------------

def read_objects(body, key, read, required=False):
    """A JSON array of objects, each read by `read(Body)`; nested violations are reported
    as `key[i].field`. Returns [] when absent (a `may not be null` if required)."""
    value = body.data.get(key)
    if value is None:
        if required:
            body.violation(key, NOT_NULL)
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ApiError(400, f"Can not deserialize {key}: expected an array of objects")
    items = []
    for index, item in enumerate(value):
        sub = Body(item)
        items.append(read(sub))
        for violation in sub.violations:
            body.violation(f"{key}[{index}].{violation['property']}", violation["message"])
    return items


# ---- reading the type-specific fields ----------------------------------------------------

def _rule_type(body):
    value = body.data.get("type")
    if value is None:
        raise ApiError(400, "Missing property 'type' that is to contain type id "
                            "(for class Rule)")
    if not isinstance(value, str) or value not in RULE_TYPES:
        raise ApiError(400, f"Could not resolve type id '{value}' into a subtype of Rule")
    return value


def _flow_action(body, allowed):
    value = body.string("flowAction", required=True)
    if value is not None and value not in allowed:
        # an un-messaged @Pattern: Hibernate Validator quotes the regular expression
        body.violation("flowAction", f'must match "{"|".join(allowed)}"')
    return value


def _nat_target(sub):
    # The server does not validate targets (bad ones fail later with a 500); a 400 is kinder.
    return {"addressFrom": sub.ipv4("addressFrom", required=True),
            "addressTo": sub.ipv4("addressTo", required=True),
            "portFrom": sub.integer("portFrom", 0, 0, 0xFFFF),
            "portTo": sub.integer("portTo", 0, 0, 0xFFFF)}


def _read_forward_nat(body):
    fields = {"flowAction": _flow_action(body, ("accept", "continue", "return")),
              "natTargets": read_objects(body, "natTargets", _nat_target, required=True)}
    if body.has("natTargets") and not fields["natTargets"]:
        body.violation("natTargets", "size must be between 1 and 2147483647")
    return fields


def _read_jump(body):
    chain_id = body.uuid("jumpChainId")
    if chain_id is None:
        body.violation("jumpChainId", NOT_NULL)
    return {"jumpChainId": chain_id, "jumpChainName": body.string("jumpChainName")}


def _read_l2_transform(body):
    return {"flowAction": _flow_action(body, ("accept", "redirect")),
            "popVlan": body.boolean("popVlan", False),
            "pushVlan": body.integer("pushVlan", 0, 0, 0xFFFF),
            "targetPortId": body.uuid("targetPortId"),
            "ingress": body.boolean("ingress", False),
            "failOpen": body.boolean("failOpen", False)}


def _read_trace(body):
    if body.uuid("requestId") is None:
        body.violation("requestId", NOT_NULL)
    body.integer("limit")
    # Validated, but the server keeps neither in storage, so they always read back null.
    return {"requestId": None, "limit": None}


def _specific_fields(rule_type, body):
    if rule_type in FORWARD_NAT:
        return _read_forward_nat(body)
    if rule_type in REVERSE_NAT:
        return {"flowAction": _flow_action(body, ("accept", "continue", "return"))}
    readers = {"jump": _read_jump, "l2_transform": _read_l2_transform, "trace": _read_trace}
    return readers[rule_type](body) if rule_type in readers else {}


def _is_floating_ip(targets):
    """One single-address target without ports: the only NAT allowed on fragments."""
    return len(targets) == 1 and targets[0]["addressFrom"] == targets[0]["addressTo"] \
        and targets[0]["portFrom"] == 0 and targets[0]["portTo"] == 0


def _settle_fragment_policy(doc):
    policy = doc["fragmentPolicy"]
    if doc["type"] not in FORWARD_NAT:
        doc["fragmentPolicy"] = policy or default_fragment_policy(doc)
    elif policy is None:
        doc["fragmentPolicy"] = "unfragmented"
    elif policy != "unfragmented" and (has_l4_fields(doc)
                                       or not _is_floating_ip(doc["natTargets"])):
        raise ApiError(400, FRAGMENT_FOR_NAT)


# ---- rule order within a chain -----------------------------------------------------------
# A chain's rule order is kept beside the chain (kind "rule_order", id = chain id), so the
# chain document, which other modules render as is, stays untouched. A deleted rule leaves
# it, and it goes with its chain (deletes.py).

def _order(store, chain_id):
    doc = store.get("rule_order", chain_id)
    return doc["ruleIds"] if doc else []


def _save_order(store, chain_id, rule_ids):
    doc = {"chainId": chain_id, "ruleIds": rule_ids}
    if not store.insert("rule_order", chain_id, doc):
        store.replace("rule_order", chain_id, doc)


# ---- handlers ----------------------------------------------------------------------------

def render_rule(ctx, doc, position=None):
    if position is None:
        position = _order(ctx.store, doc["chainId"]).index(doc["id"]) + 1
    out = {"type": doc["type"], "id": doc["id"], "chainId": doc["chainId"],
           "position": position, "meterName": None}  # meterName is accepted, never kept
    out.update((key, value) for key, value in doc.items() if key not in out)
    out["uri"] = ctx.uri("rules", doc["id"])
    return out


def _read_rule(body, chain_id):
    rule_type = _rule_type(body)
    doc = {"type": rule_type, "id": body.uuid("id") or str(uuid.uuid4()), "chainId": chain_id}
    position = body.integer("position", 1, low=1)
    body.string("meterName")
    doc.update(_specific_fields(rule_type, body))
    doc.update(read_condition(body))
    body.check()
    _settle_fragment_policy(doc)
    return doc, position


def create_rule(ctx, chain_id):
    doc, position = _read_rule(ctx.body(media.RULE.item), chain_id)
    ctx.load("chain", chain_id)
    order = _order(ctx.store, chain_id)
    if position > len(order) + 1:
        raise ApiError(400, POSITION_TOO_BIG)
    if doc["type"] == "jump":
        target = ctx.load("chain", doc["jumpChainId"])
        if doc["jumpChainName"] is None:
            doc["jumpChainName"] = target["name"]
    if not ctx.store.insert("rule", doc["id"], doc):
        raise already_exists("Rule", doc["id"])
    order.insert(position - 1, doc["id"])
    _save_order(ctx.store, chain_id, order)
    return created(ctx.uri("rules", doc["id"]))


def list_rules(ctx, chain_id):
    ctype = ctx.accept(media.RULE.list)
    ctx.load("chain", chain_id)
    docs = [ctx.store.get("rule", rule_id) for rule_id in _order(ctx.store, chain_id)]
    return json_response([render_rule(ctx, doc, index + 1)
                          for index, doc in enumerate(docs)], ctype)


def get_rule(ctx, rule_id):
    return ctx.item("rule", rule_id, media.RULE.item, render_rule)


def delete_rule(ctx, rule_id):
    deletes.delete(ctx.store, "rule", rule_id, ctx.load("rule", rule_id))
    return no_content()


ROUTES = [
    ("/chains/<chain_id>/rules", {"GET": list_rules, "POST": create_rule}, {}),
    ("/rules", {}, {}),  # a template but no collection: every method is 405
    ("/rules/<rule_id>", {"GET": get_rule, "DELETE": delete_rule}, {}),
]
