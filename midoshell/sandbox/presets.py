"""Starting states beyond the seeded hosts: what an install guide assumes already exists.

`packstack`: the OpenStack Packstack all-in-one guide (MidoNet integration) finds, in
midonet-cli, the "MidoNet Provider Router" that Neutron's MidoNet plugin creates, the
external network its `neutron net-create ext-net` / `subnet-create` made (a bridge with a
200.200.200.0/24 subnet, DHCP off), and on the host the veth pair and `uplinkbridge` its
`ip link` / `brctl` lines made, which the agent reports as host interfaces.

Objects are made through the API itself, so they are exactly what a client would get, with
fixed ids: a restart on the same state file adds nothing twice (a 409 means it is there).
"""

import json
import uuid

from .resources.hosts import new_interface
from .seed import host_id

PROVIDER_ROUTER = "MidoNet Provider Router"
PROVIDER_ROUTER_ID = "f7a6a815-3dc4-4c28-b627-646bf183e517"  # the id MidoNet v5 gives it
EXT_NET_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "midoshell-sandbox/packstack/ext-net"))
_DHCP_SUBNET = "application/vnd.org.midonet.DhcpSubnet-v2+json"
_UPLINK_INTERFACES = [("veth0", "7e:10:ac:13:00:01", None), ("veth1", "7e:10:ac:13:00:02", None),
                      ("uplinkbridge", "7e:10:ac:13:00:03", "172.19.0.1")]

PRESETS = ("packstack",)


def apply(name, app, store):
    """Put preset `name` into the sandbox served by `app` (before it listens)."""
    if name != "packstack":
        raise ValueError(f"unknown preset {name!r}; known: {', '.join(PRESETS)}")
    from werkzeug.test import Client  # only when a preset is asked for: start-up time

    client = Client(app)
    _post(client, "/routers", {"id": PROVIDER_ROUTER_ID, "name": PROVIDER_ROUTER})
    _post(client, "/bridges", {"id": EXT_NET_ID, "name": "ext-net", "tenantId": "admin"})
    _post(client, f"/bridges/{EXT_NET_ID}/dhcp",
          {"subnetPrefix": "200.200.200.0", "subnetLength": 24,
           "defaultGateway": "200.200.200.1", "enabled": False}, _DHCP_SUBNET)
    _add_uplink_interfaces(store)


def _post(client, path, body, media_type="application/json"):
    answer = client.post("/midonet-api" + path, data=json.dumps(body),
                         headers={"Content-Type": media_type})
    if answer.status_code not in (201, 409):  # 409: made on an earlier start
        raise RuntimeError(f"preset: POST {path} answered {answer.status_code}: "
                           f"{answer.get_data(as_text=True)[:300]}")


def _add_uplink_interfaces(store):
    """The fake uplink's interfaces on the first seeded host (if there is one)."""
    with store.transaction():
        doc = store.get("host", host_id(0))
        if doc is None:
            return
        names = {iface["name"] for iface in doc["interfaces"]}
        added = [new_interface(name, mac, 1500, "Virtual", "UNKNOWN",
                               [address] if address else [])
                 for name, mac, address in _UPLINK_INTERFACES if name not in names]
        if added:
            doc["interfaces"] += added
            store.replace("host", doc["id"], doc)
