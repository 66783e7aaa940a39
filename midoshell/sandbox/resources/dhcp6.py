"""DHCPv6 subnets of a bridge (`/bridges/{id}/dhcpV6/{prefix_len}`) and their hosts."""

import re
import uuid

from .. import deletes, media
from ..errors import ApiError
from ..validation import ipv6_text
from ..web import created, json_response, no_content
from .owned import Owned

SUBNET = media.Types("DhcpV6Subnet-v1")
HOST = media.Types("DhcpV6Host-v1")
SUBNET_LIST = [media.coll("DhcpV6Subnet-v1")]  # the lists produce only the collection type
HOST_LIST = [media.coll("DhcpV6Host-v1")]

# The prefix's @Pattern takes only the full eight-group form.
_FULL_IPV6 = re.compile(r"^(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})$")
INVALID_IPV6 = "is an invalid IPv6 format"
NO_SUBNET = "Network {} does not have a subnet with address {}."
HOST_EXISTS = "Subnet {} on bridge {} already has a host with MAC address {}."


def _subnet_key(prefix, length):
    return f"{prefix}_{length}"


def _parse_uri_subnet(text):
    """(canonical prefix, length) from `fd00:0:0:0:0:0:0:0_64`; 400 when it is not one."""
    prefix, _, length = text.rpartition("_")
    try:
        return ipv6_text(prefix), int(length)
    except ValueError:
        raise ApiError(400, f"{text} is not a valid IPv6 subnet") from None


def _find(ctx, bridge_id, key):
    ctx.load("bridge", bridge_id)
    for doc in ctx.store.all("dhcp6_subnet", bridgeId=bridge_id):
        if _subnet_key(doc["prefix"], doc["prefixLength"]) == key:
            return doc
    return None


def _read_subnet(body):
    prefix = body.string("prefix", required=True)
    if prefix is not None and not _FULL_IPV6.match(prefix):
        body.violation("prefix", INVALID_IPV6)
    length = body.integer("prefixLength", 0, 0, 128)
    body.check()
    return {"prefix": ipv6_text(prefix), "prefixLength": length}


def render_subnet(ctx, doc):
    uri = ctx.uri("bridges", doc["bridgeId"], "dhcpV6",
                  _subnet_key(doc["prefix"], doc["prefixLength"]))
    return {"prefix": doc["prefix"], "prefixLength": doc["prefixLength"], "uri": uri,
            "hosts": uri + "/hostsV6"}


SUBNETS = Owned("bridge", "dhcp6_subnet", "bridgeId", render_subnet, SUBNET_LIST,
                generic=False, accept_first=True)


def create_subnet(ctx, parent_id):
    bridge_id = parent_id
    # A generic create: no check for a subnet already there (GET finds the first).
    fields = _read_subnet(ctx.body(SUBNET.item))
    ctx.load("bridge", bridge_id)
    doc = {"id": str(uuid.uuid4()), "bridgeId": bridge_id, **fields, "hosts": []}
    ctx.store.insert("dhcp6_subnet", doc["id"], doc)
    return created(render_subnet(ctx, doc)["uri"])


def get_subnet(ctx, bridge_id, subnet):
    ctype = ctx.accept(SUBNET.item, generic=False)
    doc = _find(ctx, bridge_id, _subnet_key(*_parse_uri_subnet(subnet)))
    if doc is None:
        raise ApiError(404, empty=True)
    return json_response(render_subnet(ctx, doc), ctype)


def _load_subnet(ctx, bridge_id, subnet, shown=None):
    doc = _find(ctx, bridge_id, _subnet_key(*_parse_uri_subnet(subnet)))
    if doc is None:
        raise ApiError(404, NO_SUBNET.format(bridge_id, shown or subnet))
    return doc


def update_subnet(ctx, bridge_id, subnet):
    body = ctx.body(SUBNET.item, generic=False)
    fields = _read_subnet(body)
    doc = _load_subnet(ctx, bridge_id, subnet)
    doc.update(fields)  # the body's prefix may move the subnet, as on the server
    ctx.store.replace("dhcp6_subnet", doc["id"], doc)
    return no_content()


def delete_subnet(ctx, bridge_id, subnet):
    doc = _load_subnet(ctx, bridge_id, subnet)
    deletes.delete(ctx.store, "dhcp6_subnet", doc["id"], doc)
    return no_content()


# ---- hosts -----------------------------------------------------------------------------

def _slashed(doc):
    return f"{doc['prefix']}/{doc['prefixLength']}"


def _read_host(body):
    # Annotated @NotNull, but the server validates neither POST nor PUT.
    address = body.string("fixedAddress")
    try:
        address = ipv6_text(address) if address else address
    except ValueError:
        raise ApiError(400, f"{address} is not a valid IPv6 address") from None
    return {"clientId": body.string("clientId"), "fixedAddress": address,
            "name": body.string("name")}


def render_host(ctx, subnet_doc, host):
    uri = render_subnet(ctx, subnet_doc)["uri"] + "/hostsV6/" + \
        (host["clientId"] or "").replace(":", "-")
    return {**host, "uri": uri}


def _subnet_for_hosts(ctx, bridge_id, subnet, quiet):
    doc = _find(ctx, bridge_id, _subnet_key(*_parse_uri_subnet(subnet)))
    if doc is None:
        if quiet:  # the reads answer a missing subnet without a body
            raise ApiError(404, empty=True)
        prefix, length = _parse_uri_subnet(subnet)
        raise ApiError(404, NO_SUBNET.format(bridge_id, f"{prefix}/{length}"))
    return doc


def list_hosts(ctx, bridge_id, subnet):
    ctype = ctx.accept(HOST_LIST, generic=False)
    doc = _subnet_for_hosts(ctx, bridge_id, subnet, quiet=True)
    return json_response([render_host(ctx, doc, h) for h in doc["hosts"]], ctype)


def add_host(ctx, bridge_id, subnet):
    host = _read_host(ctx.body(HOST.item, generic=False))
    doc = _subnet_for_hosts(ctx, bridge_id, subnet, quiet=False)
    if any(h["clientId"] == host["clientId"] for h in doc["hosts"]):
        # sic: the server's message names the fixed address as a MAC address
        raise ApiError(409, HOST_EXISTS.format(_slashed(doc), bridge_id,
                                               host["fixedAddress"]))
    doc["hosts"].append(host)
    ctx.store.replace("dhcp6_subnet", doc["id"], doc)
    return created(render_host(ctx, doc, host)["uri"])


def _host_index(doc, client):
    wanted = client.replace("-", ":")
    for index, host in enumerate(doc["hosts"]):
        if host["clientId"] == wanted:
            return index
    return None


def get_host(ctx, bridge_id, subnet, client):
    ctype = ctx.accept(HOST.item, generic=False)
    doc = _subnet_for_hosts(ctx, bridge_id, subnet, quiet=True)
    index = _host_index(doc, client)
    if index is None:
        raise ApiError(404, empty=True)
    return json_response(render_host(ctx, doc, doc["hosts"][index]), ctype)


def _host_or_404(ctx, bridge_id, subnet, client):
    doc = _subnet_for_hosts(ctx, bridge_id, subnet, quiet=False)
    index = _host_index(doc, client)
    if index is None:
        raise ApiError(404, NO_SUBNET.format(bridge_id, _slashed(doc)))
    return doc, index


def update_host(ctx, bridge_id, subnet, client):
    host = _read_host(ctx.body(HOST.item, generic=False))
    doc, index = _host_or_404(ctx, bridge_id, subnet, client)
    doc["hosts"][index] = host  # the body replaces the entry, its client id included
    ctx.store.replace("dhcp6_subnet", doc["id"], doc)
    return no_content()


def delete_host(ctx, bridge_id, subnet, client):
    doc, index = _host_or_404(ctx, bridge_id, subnet, client)
    del doc["hosts"][index]
    ctx.store.replace("dhcp6_subnet", doc["id"], doc)
    return no_content()


_SUBNET_PATH = "/bridges/<bridge_id>/dhcpV6/<subnet>"

ROUTES = [
    ("/bridges/<parent_id>/dhcpV6", {**SUBNETS.handlers(), "POST": create_subnet}, {}),
    (_SUBNET_PATH, {"GET": get_subnet, "PUT": update_subnet, "DELETE": delete_subnet}, {}),
    (_SUBNET_PATH + "/hostsV6", {"GET": list_hosts, "POST": add_host}, {}),
    (_SUBNET_PATH + "/hostsV6/<client>", {"GET": get_host, "PUT": update_host,
                                         "DELETE": delete_host}, {}),
]
