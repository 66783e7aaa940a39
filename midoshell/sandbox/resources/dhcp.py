"""DHCP subnets of a bridge (`/bridges/{id}/dhcp/{prefix_len}`) and their static hosts."""

import re
import uuid

from .. import deletes, media
from ..errors import ApiError
from ..validation import INVALID_IP, NOT_NULL, is_ipv4
from ..web import created, json_response, no_content
from ..conditions import MAC_INVALID
from .owned import Owned
from .rules import read_objects

SUBNET = media.Types("DhcpSubnet-v2")
HOST = media.Types("DhcpHost-v2")
# The subnet and host lists are JAX-RS endpoints that produce only the collection type.
SUBNET_LIST = [media.coll("DhcpSubnet-v2")]
HOST_LIST = [media.coll("DhcpHost-v2")]

INVALID_IPV4 = "is an invalid IPv4 format"
SUBNET_EXISTS = "The specified DHCP subnet({}) already exists on this bridge."
NO_SUBNET = "Network {} does not have a subnet with address {}."
HOST_EXISTS = "Subnet {} on bridge {} already has a host with MAC address {}."
_MAC = re.compile(r"^([0-9A-Fa-f]{1,2}:){5}[0-9A-Fa-f]{1,2}$")


# ---- subnets -----------------------------------------------------------------------------

def _route(sub):
    return {"destinationPrefix": sub.ipv4("destinationPrefix", message=INVALID_IPV4),
            "destinationLength": sub.integer("destinationLength", 0, 0, 32),
            "gatewayAddr": sub.ipv4("gatewayAddr", message=INVALID_IPV4)}


def _dns_servers(body):
    servers = body.string_list("dnsServerAddrs")
    for server in servers:
        if not is_ipv4(server):
            body.violation("dnsServerAddrs", INVALID_IPV4)
    return servers


def _read_subnet(body):
    # Option 121 routes and DNS servers are not checked by the server (bad ones end in a
    # 500 when stored); here they are validated like the other addresses.
    fields = {"subnetPrefix": body.ipv4("subnetPrefix", required=True, message=INVALID_IPV4),
              "subnetLength": body.integer("subnetLength", 0, 0, 32),
              "defaultGateway": body.ipv4("defaultGateway", message=INVALID_IPV4),
              "serverAddr": body.ipv4("serverAddr", message=INVALID_IPV4),
              "dnsServerAddrs": _dns_servers(body),
              "interfaceMTU": body.integer("interfaceMTU", None, 0, 65536),
              "opt121Routes": read_objects(body, "opt121Routes", _route),
              "enabled": body.boolean("enabled", True)}
    body.check()
    fields["subnet"] = f"{fields['subnetPrefix']}_{fields['subnetLength']}"
    return fields


def _slashed(subnet):
    return subnet.replace("_", "/")


def _find_subnet(ctx, bridge_id, subnet):
    """The subnet stored under the key `a.b.c.d_len` of the bridge (404 for the bridge)."""
    ctx.load("bridge", bridge_id)
    found = ctx.store.all("dhcp_subnet", bridgeId=bridge_id, subnet=subnet)
    return found[0] if found else None


def _load_subnet(ctx, bridge_id, subnet, shown=None):
    doc = _find_subnet(ctx, bridge_id, subnet)
    if doc is None:
        raise ApiError(404, NO_SUBNET.format(bridge_id, shown or subnet))
    return doc


def render_subnet(ctx, doc):
    uri = ctx.uri("bridges", doc["bridgeId"], "dhcp", doc["subnet"])
    out = {key: doc[key] for key in ("subnetPrefix", "subnetLength", "defaultGateway",
                                     "serverAddr", "dnsServerAddrs", "interfaceMTU",
                                     "opt121Routes", "enabled")}
    out["dnsServerAddrs"] = out["dnsServerAddrs"] or None  # an empty list reads back null
    out.update(uri=uri, hosts=uri + "/hosts")
    return out


SUBNETS = Owned("bridge", "dhcp_subnet", "bridgeId", render_subnet, SUBNET_LIST,
                generic=False, accept_first=True)


def create_subnet(ctx, parent_id):
    bridge_id = parent_id
    fields = _read_subnet(ctx.body(SUBNET.item))
    if _find_subnet(ctx, bridge_id, fields["subnet"]) is not None:
        raise ApiError(409, SUBNET_EXISTS.format(_slashed(fields["subnet"])))
    doc = {"id": str(uuid.uuid4()), "bridgeId": bridge_id, **fields}
    ctx.store.insert("dhcp_subnet", doc["id"], doc)
    return created(ctx.uri("bridges", bridge_id, "dhcp", doc["subnet"]))


def get_subnet(ctx, bridge_id, subnet):
    ctype = ctx.accept(SUBNET.item)
    doc = _find_subnet(ctx, bridge_id, subnet)
    if doc is None:
        raise ApiError(404, empty=True)  # the server answers an unknown subnet without a body
    return json_response(render_subnet(ctx, doc), ctype)


def update_subnet(ctx, bridge_id, subnet):
    fields = _read_subnet(ctx.body(SUBNET.item))
    doc = _load_subnet(ctx, bridge_id, subnet)
    # Quirk kept from the server: the subnet is re-derived from the body's prefix and
    # length, so a PUT can move the subnet (and its hosts) to another key.
    if fields["subnet"] != subnet and _find_subnet(ctx, bridge_id, fields["subnet"]):
        raise ApiError(409, SUBNET_EXISTS.format(_slashed(fields["subnet"])))
    doc.update(fields)
    ctx.store.replace("dhcp_subnet", doc["id"], doc)
    return no_content()


def delete_subnet(ctx, bridge_id, subnet):
    doc = _load_subnet(ctx, bridge_id, subnet)
    deletes.delete(ctx.store, "dhcp_subnet", doc["id"], doc)
    return no_content()


# ---- hosts -------------------------------------------------------------------------------

def _canonical_mac(text):
    """MACs are compared as values: lower case, two digits per byte."""
    return ":".join(f"{int(part, 16):02x}" for part in text.split(":"))


def _option(sub):
    return {"optName": sub.string("optName"), "optValue": sub.string("optValue")}


def _read_host(body, mac_required=True):
    # The server does not validate hosts (a bad MAC fails later with a 500); a 400 is kinder.
    mac = body.string("macAddr")
    if mac is None and mac_required:
        body.violation("macAddr", NOT_NULL)
    elif mac is not None and not _MAC.match(mac):
        body.violation("macAddr", MAC_INVALID)
    fields = {"macAddr": mac, "ipAddr": body.ipv4("ipAddr", message=INVALID_IP),
              "name": body.string("name"),
              "extraDhcpOpts": read_objects(body, "extraDhcpOpts", _option)}
    body.check()
    fields["macAddr"] = mac and _canonical_mac(mac)
    return fields


def _subnet_for_hosts(ctx, bridge_id, subnet):
    # Host operations name the subnet with a slash in their 404 message.
    return _load_subnet(ctx, bridge_id, subnet, shown=_slashed(subnet))


def _find_host(ctx, subnet_doc, mac):
    wanted = _canonical_mac(mac) if _MAC.match(mac) else mac
    for host in ctx.store.all("dhcp_host", subnetId=subnet_doc["id"]):
        if host["macAddr"] == wanted:
            return host
    raise ApiError(404, NO_SUBNET.format(subnet_doc["bridgeId"],
                                         _slashed(subnet_doc["subnet"])))


def render_host(ctx, doc, subnet_doc):
    return {"macAddr": doc["macAddr"], "ipAddr": doc["ipAddr"], "name": doc["name"],
            "extraDhcpOpts": doc["extraDhcpOpts"],
            "uri": ctx.uri("bridges", subnet_doc["bridgeId"], "dhcp", subnet_doc["subnet"],
                           "hosts", doc["macAddr"])}


def list_hosts(ctx, bridge_id, subnet):
    ctype = ctx.accept(HOST_LIST, generic=False)
    subnet_doc = _subnet_for_hosts(ctx, bridge_id, subnet)
    docs = ctx.store.all("dhcp_host", subnetId=subnet_doc["id"])
    return json_response([render_host(ctx, doc, subnet_doc) for doc in docs], ctype)


def add_host(ctx, bridge_id, subnet):
    fields = _read_host(ctx.body(HOST.item, generic=False))
    subnet_doc = _subnet_for_hosts(ctx, bridge_id, subnet)
    taken = ctx.store.all("dhcp_host", subnetId=subnet_doc["id"], macAddr=fields["macAddr"])
    if taken:
        raise ApiError(409, HOST_EXISTS.format(_slashed(subnet_doc["subnet"]), bridge_id,
                                               fields["macAddr"]))
    doc = {"id": str(uuid.uuid4()), "subnetId": subnet_doc["id"], **fields}
    ctx.store.insert("dhcp_host", doc["id"], doc)
    return created(render_host(ctx, doc, subnet_doc)["uri"])


def get_host(ctx, bridge_id, subnet, mac):
    ctype = ctx.accept(HOST.item, generic=False)
    subnet_doc = _subnet_for_hosts(ctx, bridge_id, subnet)
    doc = _find_host(ctx, subnet_doc, mac)
    return json_response(render_host(ctx, doc, subnet_doc), ctype)


def update_host(ctx, bridge_id, subnet, mac):
    fields = _read_host(ctx.body(HOST.item, generic=False), mac_required=False)
    subnet_doc = _subnet_for_hosts(ctx, bridge_id, subnet)
    doc = _find_host(ctx, subnet_doc, mac)
    # The entry is replaced by the body, its MAC included; a body without one keeps the
    # entry's MAC (the server would store a host it can no longer read).
    doc.update(fields, macAddr=fields["macAddr"] or doc["macAddr"])
    ctx.store.replace("dhcp_host", doc["id"], doc)
    return no_content()


def delete_host(ctx, bridge_id, subnet, mac):
    subnet_doc = _subnet_for_hosts(ctx, bridge_id, subnet)
    deletes.delete(ctx.store, "dhcp_host", _find_host(ctx, subnet_doc, mac)["id"])
    return no_content()


_SUBNET_PATH = "/bridges/<bridge_id>/dhcp/<subnet>"

ROUTES = [
    ("/bridges/<parent_id>/dhcp", {**SUBNETS.handlers(), "POST": create_subnet}, {}),
    (_SUBNET_PATH, {"GET": get_subnet, "PUT": update_subnet, "DELETE": delete_subnet}, {}),
    (_SUBNET_PATH + "/hosts", {"GET": list_hosts, "POST": add_host}, {}),
    (_SUBNET_PATH + "/hosts/<mac>", {"GET": get_host, "PUT": update_host,
                                     "DELETE": delete_host}, {}),
]
