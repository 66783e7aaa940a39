"""VTEPs (hardware VXLAN gateways), their bindings to bridges and their physical ports.

There is no switch behind a sandbox VTEP: every VTEP reports the same fixed identity, a
fixed set of physical ports and a `connected` state, and its bindings live only in the
store. A binding to a bridge gives that bridge a VXLAN port, as on the server.
"""

import uuid
from urllib.parse import quote

from .. import deletes, media
from ..errors import ApiError, bad_request
from ..validation import NOT_NULL
from ..web import created, json_response, no_content
from . import ports
from .toplevel import TopLevel

VTEP = media.Types("VTEP-v2")
BINDING = media.Types("VTEPBinding-v2")
VTEP_PORT = media.Types("VTEPPort-v1", json=False)  # produced in the vendor type only

SWITCH_NAME = "sandbox-vtep"
SWITCH_DESCRIPTION = "midoshell-sandbox emulated hardware VTEP"
PHYSICAL_PORTS = ("eth0", "eth1", "eth2", "eth3")

IP_INVALID = "is not a valid IP address"
ZONE_INVALID = "Tunnel zone ID is not valid."
ZONE_NOT_VTEP = "Tunnel zone is not of type VTEP."


# ---- VTEPs ---------------------------------------------------------------------------

def _host_addresses(store):
    return {a for host in store.all("host") for i in host["interfaces"] for a in i["addresses"]}


def _read_vtep(ctx, body, vtep_id, current):
    doc = {"id": vtep_id,
           "managementIp": body.ipv4("managementIp", required=True, message=IP_INVALID),
           # An int on the server: omitted means 0, which the minimum refuses.
           "managementPort": body.integer("managementPort", 0, 1, 65535),
           "tunnelZoneId": body.uuid("tunnelZoneId"), "bindings": []}
    body.check()
    zone = ctx.store.get("tunnel_zone", doc["tunnelZoneId"])
    if zone is None:
        raise bad_request(ZONE_INVALID)
    if zone["type"] != "vtep":
        raise bad_request(ZONE_NOT_VTEP)
    address = doc["managementIp"]
    if ctx.store.all("vtep", managementIp=address):
        raise ApiError(409, f"A VTEP with IP address {address} already exists.")
    # The server compares the switch's management and tunnel IPs with every host address;
    # the sandbox switch has no tunnel IPs, so only the management IP can clash.
    if address in _host_addresses(ctx.store):
        raise ApiError(409, f"VTEP conflicts with an existing host with IP address {address}.")
    return doc


def render_vtep(ctx, doc):
    uri = ctx.uri("vteps", doc["id"])
    return {"id": doc["id"], "managementIp": doc["managementIp"],
            "managementPort": doc["managementPort"], "tunnelZoneId": doc["tunnelZoneId"],
            "name": SWITCH_NAME, "description": SWITCH_DESCRIPTION,
            "connectionState": "connected", "tunnelIpAddrs": [], "uri": uri,
            "bindings": uri + "/bindings", "ports": uri + "/ports",
            # sic: the server leaves "/bindings" out of this template
            "vtepBindingTemplate": uri + "/{portName}/{vlanId}"}


def _refuse_if_bound(store, doc):
    if doc["bindings"]:
        raise bad_request(f"The VTEP with IP address {doc['managementIp']} cannot be deleted "
                          "because it still has bindings. To delete the VTEP, please delete "
                          "its bindings and then resubmit this request.")


# No PUT (405); DELETE of a missing VTEP is a 404, of a bound one a 400.
VTEPS = TopLevel("vtep", "vteps", VTEP, _read_vtep, render_vtep,
                 refuse_delete=_refuse_if_bound, updatable=False)


# ---- VXLAN ports ---------------------------------------------------------------------

def vxlan_port_id(vtep_id, bridge_id):
    """The server derives a VXLAN port's id from its VTEP and bridge ids (XOR)."""
    return str(uuid.UUID(int=uuid.UUID(vtep_id).int ^ uuid.UUID(bridge_id).int))


def _bridge_vni(store, bridge_id):
    """The bridge's VNI: shared by its VXLAN ports, drawn from a sequence with the first."""
    for port in store.all("port", deviceId=bridge_id, type="Vxlan"):
        return port["vni"]
    return store.next_value("vxgw_vni")


def _add_vxlan_port(store, vtep, bridge):
    port_id = vxlan_port_id(vtep["id"], bridge["id"])
    if store.exists("port", port_id):
        return
    port = {"type": "Vxlan", "id": port_id, "deviceId": bridge["id"], "adminStateUp": True,
            "inboundFilterId": None, "outboundFilterId": None, "tunnelKey": 0,
            "vifId": None, "hostId": None, "interfaceName": None, "peerId": None,
            "inboundMirrorIds": [], "outboundMirrorIds": [], "postInFilterMirrorIds": [],
            "preOutFilterMirrorIds": [], "insertionIds": [], "qosPolicyId": None,
            "active": False, "vlanId": 0, "vtepId": vtep["id"],
            "vni": _bridge_vni(store, bridge["id"])}
    store.insert("port", port_id, port)
    bridge["vxLanPortIds"] = bridge["vxLanPortIds"] + [port_id]
    store.replace("bridge", bridge["id"], bridge)


def list_vxlan_ports(ctx, bridge_id):
    bridge = ctx.load("bridge", bridge_id)
    docs = [ctx.store.get("port", p) for p in bridge["vxLanPortIds"]]
    return ctx.list_of([d for d in docs if d], media.PORT.list, ports.render_port,
                       generic=False)


def no_such_port(vtep, name):
    return ApiError(404, f"The VTEP {vtep} does not have a port named {name}.")


# ---- bindings ------------------------------------------------------------------------

def render_binding(ctx, vtep_id, binding):
    return {"vtepId": vtep_id, "portName": binding["portName"],
            "vlanId": binding["vlanId"], "networkId": binding["networkId"],
            "uri": ctx.uri("vteps", vtep_id, "bindings", quote(binding["portName"], safe=""),
                           binding["vlanId"])}


def _vlan(text):
    try:
        return int(text)
    except ValueError:
        raise ApiError(404, empty=True) from None  # a path parameter that does not convert


def _find(vtep, port_name, vlan):
    for binding in vtep["bindings"]:
        if binding["portName"] == port_name and binding["vlanId"] == vlan:
            return binding
    return None


def list_bindings(ctx, vtep_id):
    ctype = ctx.accept(BINDING.list, generic=False)
    vtep = ctx.load("vtep", vtep_id)
    return json_response([render_binding(ctx, vtep_id, b) for b in vtep["bindings"]], ctype)


def get_binding(ctx, vtep_id, port_name, vlan):
    ctype = ctx.accept(BINDING.item, generic=False)
    vtep = ctx.load("vtep", vtep_id)
    binding = _find(vtep, port_name, _vlan(vlan))
    if binding is None:
        raise ApiError(404, f"The VTEP at {vtep['managementIp']} does not have a binding to a "
                            f"Midonet network for VLAN {vlan} at port {port_name}.")
    return json_response(render_binding(ctx, vtep_id, binding), ctype)


def _read_binding(ctx):
    body = ctx.body(BINDING.item, generic=False)
    binding = {"portName": body.string("portName", required=True),
               "vlanId": body.integer("vlanId", 0, 0, 4095),
               "networkId": body.uuid("networkId")}
    if binding["networkId"] is None:
        body.violation("networkId", NOT_NULL)
    body.check()
    return binding


def _load_or_400(ctx, kind, proto, obj_id):
    # The binding handler reports its VTEP and bridge as bad input, not missing resources.
    doc = ctx.store.get(kind, obj_id)
    if doc is None:
        raise bad_request(f"There is no {proto} with ID {obj_id}.")
    return doc


def create_binding(ctx, vtep_id):
    binding = _read_binding(ctx)
    vtep = _load_or_400(ctx, "vtep", "Vtep", vtep_id)
    bridge = _load_or_400(ctx, "bridge", "Network", binding["networkId"])
    address, name = vtep["managementIp"], binding["portName"]
    if name not in PHYSICAL_PORTS:
        # sic: the server formats three arguments into a two-placeholder message, so the
        # management port lands where the port's name belongs.
        raise no_such_port(address, vtep["managementPort"])
    existing = _find(vtep, name, binding["vlanId"])
    if existing is not None:  # a port and VLAN bind once, whatever the network
        raise ApiError(409, f"The VTEP at {address}:{vtep['managementPort']} already has a "
                            f"binding for port {name} on vlan {binding['vlanId']} to network "
                            f"{existing['networkId']}")
    vtep["bindings"].append(binding)
    ctx.store.replace("vtep", vtep_id, vtep)
    _add_vxlan_port(ctx.store, vtep, bridge)
    return created(render_binding(ctx, vtep_id, binding)["uri"])


def delete_binding(ctx, vtep_id, port_name, vlan):
    vtep = ctx.load("vtep", vtep_id)
    binding = _find(vtep, port_name, _vlan(vlan))
    if binding is None:
        return no_content()  # idempotent
    vtep["bindings"].remove(binding)
    ctx.store.replace("vtep", vtep_id, vtep)
    network = binding["networkId"]
    if not any(b["networkId"] == network for b in vtep["bindings"]):
        # the last binding to this bridge takes the VXLAN port
        deletes.delete(ctx.store, "port", vxlan_port_id(vtep_id, network))
    return no_content()


# ---- physical ports ------------------------------------------------------------------

def _no_storage_class():
    raise ApiError(406, empty=True)


def render_vtep_port(ctx, vtep_id, name):
    return {"name": name, "description": f"{SWITCH_NAME} port {name}",
            "uri": ctx.uri("vteps", vtep_id, "ports", quote(name, safe="")),
            "vtep": ctx.uri("vteps", vtep_id)}


def list_vtep_ports(ctx, vtep_id):
    ctype = ctx.accept(VTEP_PORT.list, generic=False)
    ctx.load("vtep", vtep_id)
    return json_response([render_vtep_port(ctx, vtep_id, n) for n in PHYSICAL_PORTS], ctype)


def get_vtep_port(ctx, vtep_id, name):
    ctype = ctx.accept(VTEP_PORT.item, generic=False)
    ctx.load("vtep", vtep_id)
    if name not in PHYSICAL_PORTS:
        raise no_such_port(vtep_id, name)
    return json_response(render_vtep_port(ctx, vtep_id, name), ctype)




ROUTES = VTEPS.routes() + [
    ("/vteps/<vtep_id>/bindings", {"GET": list_bindings, "POST": create_binding}, {}),
    ("/vteps/<vtep_id>/bindings/<port_name>/<vlan>", {"GET": get_binding,
                                                      "DELETE": delete_binding}, {}),
    ("/vteps/<vtep_id>/ports", {"GET": list_vtep_ports}, {}),
    # A VTEP port has no storage class: the (unguarded) DELETE cannot find one (406).
    ("/vteps/<vtep_id>/ports/<name>", {"GET": get_vtep_port,
                                       "DELETE": lambda ctx, **_: _no_storage_class()}, {}),
    ("/bridges/<bridge_id>/vxlan_ports", {"GET": list_vxlan_ports}, {}),
]
