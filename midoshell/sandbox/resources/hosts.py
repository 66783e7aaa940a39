"""Hosts, their (agent-reported) interfaces, and host-interface-port bindings."""

import uuid
from urllib.parse import quote

from .. import deletes, media
from ..errors import ApiError, already_exists
from ..web import created, json_response, no_content
from .owned import Owned

_WEIGHTS = (("floodingProxyWeight", "Flooding proxy weight must not be null."),
            ("containerWeight", "Container weight must not be null."),
            ("containerLimit", "Container limit must not be null."),
            ("enforceContainerLimit", "Enforce container limit must not be null."))
_BINDING_ITEM = media.vnd("HostInterfacePort-v1")


def new_host(host_id, name, alive, interfaces):
    """A stored host with the proto defaults for its weights and limits."""
    return {"id": host_id, "name": name, "alive": alive, "floodingProxyWeight": 1,
            "containerWeight": 1, "containerLimit": -1, "enforceContainerLimit": False,
            "interfaces": interfaces}


def new_interface(name, mac, mtu, if_type, endpoint, addresses, status=3):
    return {"name": name, "mac": mac, "mtu": mtu, "type": if_type, "endpoint": endpoint,
            "portType": None, "addresses": addresses, "status": status}


def render_interface(ctx, host_id, iface):
    out = {"hostId": host_id}
    out.update(iface)
    out["uri"] = ctx.uri("hosts", host_id, "interfaces", quote(iface["name"], safe=""))
    return out


def render_host(ctx, doc):
    uri = ctx.uri("hosts", doc["id"])
    interfaces = doc["interfaces"]
    out = {"id": doc["id"], "name": doc["name"],
           "addresses": [a for i in interfaces for a in i["addresses"]],
           "hostInterfaces": [render_interface(ctx, doc["id"], i) for i in interfaces],
           "alive": doc["alive"]}
    out.update({key: doc[key] for key, _ in _WEIGHTS})
    out.update(uri=uri, interfaces=uri + "/interfaces", ports=uri + "/ports")
    return out


def list_hosts(ctx):
    return ctx.list_kind("host", media.HOST.list, render_host)


def get_host(ctx, host_id):
    return ctx.item("host", host_id, media.HOST.item, render_host)


def _posted_interfaces(body):
    """Sandbox extension: a POSTed host may describe its interfaces, as an agent would."""
    items = body.data.get("hostInterfaces") or []
    if not isinstance(items, list) or not all(
            isinstance(i, dict) and isinstance(i.get("name"), str)
            and isinstance(i.get("addresses") or [], list) for i in items):
        raise ApiError(400, "hostInterfaces must be a list of interface objects, each "
                            "with a name and a list of addresses")
    return [new_interface(i["name"], i.get("mac"), i.get("mtu", 1500),
                          i.get("type", "Physical"), i.get("endpoint", "PHYSICAL"),
                          list(i.get("addresses") or []), i.get("status", 3))
            for i in items]


def create_host(ctx):
    # The real server accepts POST /hosts (tests inject hosts that way); agents do not exist
    # here, so the body may also set `alive` and `hostInterfaces`.
    body = ctx.body(media.HOST.item)
    doc = new_host(body.uuid("id") or str(uuid.uuid4()), body.string("name"),
                   body.boolean("alive", False), _posted_interfaces(body))
    doc.update(floodingProxyWeight=body.integer("floodingProxyWeight", 1, 0, 65535),
               containerWeight=body.integer("containerWeight", 1, 0),
               containerLimit=body.integer("containerLimit", -1, -1),
               enforceContainerLimit=body.boolean("enforceContainerLimit", False))
    body.check()
    if not ctx.store.insert("host", doc["id"], doc):
        raise already_exists("Host", doc["id"])
    return created(ctx.uri("hosts", doc["id"]))


def update_host(ctx, host_id):
    """Only the four weight/limit fields change; all four must be present; answers 200."""
    body = ctx.body(media.HOST.item, generic=False)
    doc = ctx.load("host", host_id)
    for key, message in _WEIGHTS:
        if not body.has(key):
            raise ApiError(400, message)
    doc.update(floodingProxyWeight=body.integer("floodingProxyWeight"),
               containerWeight=body.integer("containerWeight"),
               containerLimit=body.integer("containerLimit"),
               enforceContainerLimit=body.boolean("enforceContainerLimit"))
    ctx.store.replace("host", host_id, doc)
    return no_content(200)


def delete_host(ctx, host_id):
    doc = ctx.load("host", host_id)
    if doc["alive"]:
        raise ApiError(403, f"Cannot delete host {host_id} because it is active.")
    bound = len(ctx.store.all("port", hostId=host_id))
    if bound:
        raise ApiError(403, f"Cannot delete host {host_id} because it has {bound} binding(s).")
    deletes.delete(ctx.store, "host", host_id, doc)
    return no_content(200)


def list_interfaces(ctx, host_id):
    doc = ctx.load("host", host_id)
    ctype = ctx.accept(media.INTERFACE.list, generic=False)
    return json_response([render_interface(ctx, host_id, i) for i in doc["interfaces"]], ctype)


def get_interface(ctx, host_id, name):
    doc = ctx.load("host", host_id)
    ctype = ctx.accept(media.INTERFACE.item, generic=False)
    for iface in doc["interfaces"]:
        if iface["name"] == name:
            return json_response(render_interface(ctx, host_id, iface), ctype)
    raise ApiError(404, "Interface not found")


def render_binding(ctx, port):
    host_id, port_id = port["hostId"], port["id"]
    return {"portId": port_id, "hostId": host_id, "interfaceName": port["interfaceName"],
            "uri": ctx.uri("hosts", host_id, "ports", port_id),
            "host": ctx.uri("hosts", host_id), "port": ctx.uri("ports", port_id)}


BINDINGS = Owned("host", "port", "hostId", render_binding,
                 [media.coll("HostInterfacePort-v1")], generic=False)


def get_binding(ctx, host_id, port_id):
    # The server's method declares no media type: an explicit json Accept gets json.
    ctype = ctx.accept([_BINDING_ITEM, media.JSON], generic=False)
    ctx.load("host", host_id)
    port = ctx.store.get("port", port_id)
    if port is None or port["hostId"] != host_id:
        raise ApiError(404, "Host interface port not found")
    return json_response(render_binding(ctx, port), ctype)


def create_binding(ctx, parent_id):
    """Bind a port to a host interface, with the server's checks in the server's order."""
    body = ctx.body(media.BINDING.item, generic=False)
    port_id, if_name = body.uuid("portId"), body.string("interfaceName")
    host_id = parent_id
    ctx.load("host", host_id)
    if not ctx.store.all("tz_member", hostId=host_id):
        raise ApiError(409, "The specified host is not in any tunnel zone.")
    port = ctx.load("port", port_id)
    # A port with a host but no interface (a scheduled container's) may still be bound.
    if port["interfaceName"] is not None:
        raise ApiError(409, f"Port {port_id} is already bound to an interface")
    for other in ctx.store.all("port", hostId=host_id):
        if other["interfaceName"] == if_name:
            shown = "null" if if_name is None else if_name
            raise ApiError(409, f"Interface {shown} is already bound to a port.")
    port.update(hostId=host_id, interfaceName=if_name)
    ctx.store.replace("port", port_id, port)
    return created(ctx.uri("hosts", host_id, "ports", port_id))


def delete_binding(ctx, host_id, port_id):
    # The server unbinds whatever host the port is on; only a missing port is an error.
    port = ctx.load("port", port_id)
    port.update(hostId=None, interfaceName=None)
    ctx.store.replace("port", port_id, port)
    return no_content()


ROUTES = [
    ("/hosts", {"GET": list_hosts, "POST": create_host}, {}),
    ("/hosts/<host_id>", {"GET": get_host, "PUT": update_host, "DELETE": delete_host}, {}),
    ("/hosts/<host_id>/interfaces", {"GET": list_interfaces}, {}),
    ("/hosts/<host_id>/interfaces/<name>", {"GET": get_interface}, {}),
    ("/hosts/<parent_id>/ports", {**BINDINGS.handlers(), "POST": create_binding}, {}),
    ("/hosts/<host_id>/ports/<port_id>", {"GET": get_binding, "DELETE": delete_binding}, {}),
]
