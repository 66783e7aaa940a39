"""Every object type midoshell knows, and the collections at the root of the API."""

from midoshell.model import devices, policy, services
from midoshell.model.types import Root

TYPES = {t.key: t for t in devices.TYPES + policy.TYPES + services.TYPES}

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
