"""Every object type midoshell knows, and the collections at the root of the API.

The types are defined in three modules; TYPES imports a module when a line first needs one of
its types, so a one-liner builds only the types it touches (about 5 ms of a start-up when all
are built).
"""

import importlib

from midoshell.model.types import Root

MODULES = ("devices", "policy", "services")  # where the types are defined, in TYPES' order

# Which module defines a type: only a shortcut.  A key missing here (or listed under the
# wrong module) still works, by loading every module; tests/test_startup.py checks the list.
WHERE = {
    "devices": ("router", "router-port", "bridge-port", "remote-peer", "route", "bgp-network",
                "bgp-peer", "bridge", "dhcp", "dhcp-host", "opt121-route"),
    "policy": ("chain", "rule", "port-group", "port-group-member", "ip-address-group",
               "ip-address", "mirror", "condition", "l2insertion", "tracerequest"),
    "services": ("host", "interface", "binding", "tunnel-zone", "tunnel-zone-member",
                 "load-balancer", "pool", "pool-member", "vip", "health-monitor", "vtep",
                 "vtep-binding", "vtep-port", "container", "container-group", "qos-policy",
                 "qos-bw-limit-rule", "qos-dscp-rule", "tenant", "system-state"),
}
_MODULE_OF = {key: module for module, keys in WHERE.items() for key in keys}


class _Types(dict):
    """key -> ObjectType, loading the defining module on first use.  Anything that looks at
    the whole (iteration, `in`, len, values) loads every module first."""

    def __init__(self):
        super().__init__()
        self._loaded = set()

    def _load(self, module):
        if module not in self._loaded:
            self._loaded.add(module)
            for t in importlib.import_module(f"midoshell.model.{module}").TYPES:
                dict.__setitem__(self, t.key, t)

    def load_all(self):
        if len(self._loaded) < len(MODULES):
            for module in MODULES:
                self._load(module)
            # dict order as when every module was loaded at once, whatever came first
            ordered = [t for module in MODULES
                       for t in importlib.import_module(f"midoshell.model.{module}").TYPES]
            dict.clear(self)
            dict.update(self, {t.key: t for t in ordered})
        return self

    def __missing__(self, key):
        module = _MODULE_OF.get(key)
        if module is not None:
            self._load(module)
        if not dict.__contains__(self, key):
            self.load_all()
        if not dict.__contains__(self, key):
            raise KeyError(key)
        return dict.get(self, key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        return dict.__contains__(self, key) or self.get(key) is not None

    def __iter__(self):
        return dict.__iter__(self.load_all())

    def __len__(self):
        return dict.__len__(self.load_all())

    def __eq__(self, other):
        return dict.__eq__(self.load_all(), other)

    __hash__ = None

    def __repr__(self):
        return dict.__repr__(self.load_all())

    def keys(self):
        return dict.keys(self.load_all())

    def values(self):
        return dict.values(self.load_all())

    def items(self):
        return dict.items(self.load_all())


TYPES = _Types()

# The root collections, in the order `describe` lists them (midonet-cli's order).
ROOTS = [
    Root("router", "router", "routers", "routerTemplate", tenant_filtered=True),
    Root("mirror", "mirror", "mirrors", "mirrorTemplate", tenant_filtered=True),
    Root("bridge", "bridge", "bridges", "bridgeTemplate", tenant_filtered=True),
    Root("port", "port", "ports", "portTemplate", tenant_filtered=True, can_create=False),
    Root("chain", "chain", "chains", "chainTemplate", tenant_filtered=True),
    Root("l2insertion", "l2insertion", "l2insertions", "l2InsertionTemplate",
         tenant_filtered=True),
    Root("host", "host", "hosts", "hostTemplate", can_create=False),
    Root("port-group", "port-group", "portGroups", "portGroupTemplate", tenant_filtered=True),
    Root("ip-address-group", "ip-address-group", "ipAddrGroups", "ipAddrGroupTemplate"),
    Root("tunnel-zone", "tunnel-zone", "tunnelZones", "tunnelZoneTemplate", tenant_filtered=True),
    Root("tenant", "tenant", "tenants", can_create=False),
    Root("load-balancer", "load-balancer", "loadBalancers", "loadBalancerTemplate"),
    Root("health-monitor", "health-monitor", "healthMonitors", "healthMonitorTemplate"),
    Root("vtep", "vtep", "vteps", "vtepTemplate"),
    Root("tracerequest", "tracerequest", "traceRequests", "traceRequestTemplate",
         tenant_filtered=True),
    Root("container", "container", "serviceContainers", "serviceContainerTemplate"),
    Root("container-group", "container-group", "serviceContainerGroups",
         "serviceContainerGroupTemplate"),
    Root("qos-policy", "qos-policy", "qosPolicies", "qosPolicyTemplate"),
    Root("system-state", "system-state", "systemState", can_create=False, singleton=True),
]

# Ports of the root `port` collection take their type from their JSON `type`.
PORT_TYPES = {"Router": "router-port", "Bridge": "bridge-port", "Vxlan": "bridge-port"}
# A `device` reference points at a router or a bridge, told apart by the port's type.
DEVICE_TYPES = {"Router": "router", "Bridge": "bridge", "Vxlan": "bridge"}
