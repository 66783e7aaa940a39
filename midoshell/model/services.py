"""Hosts, tunnel zones, load balancing, VTEPs, service containers, QoS, tenants, system state."""

from midoshell.model.common import ID, NAME, STATE, object_type
from midoshell.model.value_kinds import (
    BOOL, YESNO, Enum, Integer, IPv4, Limit, PortReference, Reference, Text, TextList,
)
from midoshell.model.types import Attr, Child, collection_media, media

HOST = object_type(
    "Host-v3", key="host", prefix="host", template_key="hostTemplate",
    description="a host running the MidoNet agent",
    attrs=[
        ID,
        Attr("name", "name", Text(), read_only=True, help="host name"),
        Attr("alive", "alive", BOOL, read_only=True, help="whether its agent is alive"),
        Attr("addresses", "addresses", TextList(), read_only=True, help="interface addresses"),
        Attr("flooding-proxy-weight", "floodingProxyWeight", Integer(0, 65535),
             help="weight as a VTEP flooding proxy"),
        Attr("container-weight", "containerWeight", Integer(0),
             help="weight for scheduling service containers"),
        Attr("container-limit", "containerLimit", Limit(),
             help="most service containers (no-limit for none)"),
        Attr("enforce-container-limit", "enforceContainerLimit", BOOL,
             help="whether the limit is enforced"),
    ],
    children=[
        Child("interface", "interface", "interfaces", parent_key="hostId", can_create=False),
        Child("binding", "binding", "ports", parent_key="hostId"),
    ],
)

INTERFACE = object_type(
    "Interface-v1", key="interface", prefix="interface", has_id=False,
    description="a network interface reported by a host's agent",
    attrs=[
        Attr("iface", "name", Text(), read_only=True, help="interface name"),
        Attr("host_id", "hostId", Reference("host"), read_only=True, help="the host"),
        Attr("status", "status", Integer(), read_only=True, help="1 up, 2 has link"),
        Attr("addresses", "addresses", TextList(), read_only=True, help="addresses"),
        Attr("mac", "mac", Text(), read_only=True, help="MAC address"),
        Attr("mtu", "mtu", Integer(), read_only=True, help="MTU"),
        Attr("type", "type", Text(), read_only=True, help="Physical, Virtual, Tunnel, Unknown"),
        Attr("endpoint", "endpoint", Text(), read_only=True, help="endpoint kind"),
    ],
)

BINDING = object_type(
    "HostInterfacePort-v1", key="binding", prefix="binding", has_id=False,
    description="a port bound to a host interface",
    attrs=[
        Attr("host", "hostId", Reference("host"), settable=False, help="the host"),
        Attr("interface", "interfaceName", Text(), help="host interface name"),
        Attr("port", "portId", PortReference(), help="the bound port"),
    ],
)


def _member_media(zone_doc):
    """Members of a gre zone use the Gre media types, as midonet-cli sent them."""
    name = "GreTunnelZoneHost-v1" if zone_doc.get("type") == "gre" else "TunnelZoneHost-v1"
    return media(name), collection_media(name)


TUNNEL_ZONE = object_type(
    "TunnelZone-v1", key="tunnel-zone", prefix="tzone", template_key="tunnelZoneTemplate",
    description="a tunnel zone", child_media=_member_media,
    attrs=[
        ID, NAME,
        Attr("type", "type", Enum({"gre": "gre", "vxlan": "vxlan", "vtep": "vtep"}, strict=False),
             help="tunnel type: gre, vxlan or vtep"),
    ],
    children=[Child("member", "tunnel-zone-member", "hosts", parent_key="tunnelZoneId")],
)

TUNNEL_ZONE_MEMBER = object_type(
    "TunnelZoneHost-v1", key="tunnel-zone-member", prefix="memb", has_id=False,
    description="a host's membership of a tunnel zone",
    attrs=[
        Attr("zone", "tunnelZoneId", Reference("tunnel-zone"), settable=False, help="the zone"),
        Attr("host", "hostId", Reference("host"), help="the member host"),
        Attr("address", "ipAddress", IPv4(), help="the host's tunnel endpoint address"),
    ],
)

LB_STATUS = Enum({"ACTIVE": "ACTIVE", "INACTIVE": "INACTIVE"}, strict=False)

LOAD_BALANCER = object_type(
    "LoadBalancer-v1", key="load-balancer", prefix="lb", template_key="loadBalancerTemplate",
    description="an L4 load balancer",
    attrs=[ID, Attr("router", "routerId", Reference("router"), settable=False,
                    help="router it serves (set the router's load-balancer)"), STATE],
    children=[Child("pool", "pool", "pools", parent_key="loadBalancerId", clients_only=True),
              Child("vip", "vip", "vips", parent_key="loadBalancerId", can_create=False)],
)

POOL = object_type(
    "Pool-v1", key="pool", prefix="pool", template_key="poolTemplate",
    description="a pool of servers behind a load balancer",
    attrs=[
        ID,
        Attr("load-balancer", "loadBalancerId", Reference("load-balancer"), help="its balancer"),
        Attr("health-monitor", "healthMonitorId", Reference("health-monitor"), clearable=True,
             help="monitor of its members"),
        Attr("lb-method", "lbMethod", Enum({"ROUND_ROBIN": "ROUND_ROBIN"}),
             help="balancing method"),
        Attr("protocol", "protocol", Enum({"TCP": "TCP"}), read_only=True, help="protocol"),
        STATE,
    ],
    children=[Child("member", "pool-member", "poolMembers", parent_key="poolId",
                    clients_only=True),
              Child("vip", "vip", "vips", parent_key="poolId")],
)

POOL_MEMBER = object_type(
    "PoolMember-v1", key="pool-member", prefix="pm", template_key="poolMemberTemplate",
    description="a server of a pool",
    attrs=[
        ID,
        Attr("address", "address", IPv4(), help="server address"),
        Attr("protocol-port", "protocolPort", Integer(0, 65535), help="server port"),
        Attr("weight", "weight", Integer(1), help="share of the traffic"),
        STATE,
        Attr("status", "status", LB_STATUS, read_only=True, help="health"),
    ],
)

VIP = object_type(
    "VIP-v1", key="vip", prefix="vip", template_key="vipTemplate",
    description="a virtual IP of a pool",
    attrs=[
        ID,
        Attr("load-balancer", "loadBalancerId", Reference("load-balancer"), settable=False,
             help="its balancer (from the pool)"),
        Attr("address", "address", IPv4(), help="the virtual address"),
        Attr("protocol-port", "protocolPort", Integer(0, 65535), help="the virtual port"),
        Attr("persistence", "sessionPersistence", Enum({"SOURCE_IP": "SOURCE_IP"}),
             clearable=True, help="session persistence"),
        STATE,
    ],
)

HEALTH_MONITOR = object_type(
    "HealthMonitor-v1", key="health-monitor", prefix="hm", template_key="healthMonitorTemplate",
    description="a health monitor of pool members",
    attrs=[
        ID,
        Attr("delay", "delay", Integer(0), help="seconds between probes"),
        Attr("timeout", "timeout", Integer(0), help="seconds to wait for an answer"),
        Attr("max-retries", "maxRetries", Integer(0), help="failures before a member is down"),
        STATE,
        Attr("status", "status", LB_STATUS, read_only=True, help="health"),
        Attr("type", "type", Enum({"TCP": "TCP"}), help="probe type"),
    ],
    children=[Child("pool", "pool", "pools", parent_key="healthMonitorId", can_create=False)],
)

VTEP = object_type(
    "VTEP-v2", key="vtep", prefix="vtep", template_key="vtepTemplate",
    description="a hardware VXLAN tunnel end point", update="none",
    attrs=[
        ID,
        Attr("name", "name", Text(), read_only=True, help="switch name"),
        Attr("description", "description", Text(), read_only=True, help="switch description"),
        Attr("management-ip", "managementIp", IPv4(), help="OVSDB address"),
        Attr("management-port", "managementPort", Integer(1, 65535), help="OVSDB port"),
        Attr("tunnel-zone", "tunnelZoneId", Reference("tunnel-zone"), help="its vtep zone"),
        Attr("connection-state", "connectionState", Text(), read_only=True,
             help="state of the OVSDB connection"),
    ],
    children=[Child("binding", "vtep-binding", "bindings"),
              Child("port", "vtep-port", "ports", can_create=False)],
)

VTEP_BINDING = object_type(
    "VTEPBinding-v2", key="vtep-binding", prefix="binding", has_id=False,
    description="a VTEP port and VLAN bound to a bridge",
    attrs=[
        Attr("management-ip", "mgmtIp", IPv4(), settable=False, help="the VTEP"),
        Attr("physical-port", "portName", Text(), help="switch port"),
        Attr("vlan", "vlanId", Integer(0, 4095), help="VLAN on that port"),
        Attr("network-id", "networkId", Reference("bridge"), help="the bridge"),
    ],
)

VTEP_PORT = object_type(
    "VTEPPort-v1", key="vtep-port", prefix="port", has_id=False,
    description="a physical port of a VTEP",
    attrs=[Attr("name", "name", Text(), read_only=True, help="port name"),
           Attr("description", "description", Text(), read_only=True, help="description")],
)

CONTAINER = object_type(
    "ServiceContainer-v1", key="container", prefix="container",
    template_key="serviceContainerTemplate", description="a service container",
    attrs=[
        ID,
        Attr("container-group", "serviceGroupId", Reference("container-group"),
             help="its group"),
        Attr("configuration", "configurationId", Text(), help="configuration object id"),
        Attr("port", "portId", Reference("port"), help="its port"),
        Attr("type", "serviceType", Text(), help="service type (e.g. IPSEC)"),
        Attr("status", "statusCode", Enum({s.lower(): s for s in (
            "STARTING", "RUNNING", "STOPPING", "STOPPED", "ERROR")}, strict=False),
             read_only=True, help="container state"),
        Attr("host", "hostId", Reference("host"), clearable=True, help="host running it"),
        Attr("namespace", "namespaceName", Text(), read_only=True, help="network namespace"),
        Attr("interface", "interfaceName", Text(), read_only=True, help="its interface"),
        Attr("status-message", "statusMessage", Text(), read_only=True, hidden=True,
             help="last status message"),
    ],
)

CONTAINER_GROUP = object_type(
    "ServiceContainerGroup-v1", key="container-group", prefix="cgroup",
    template_key="serviceContainerGroupTemplate", description="a group of service containers",
    attrs=[ID,
           Attr("policy", "policy", Enum({"weighted": "WEIGHTED", "least": "LEAST"}),
                help="scheduling policy"),
           Attr("port-group", "portGroupId", Reference("port-group"), help="its port group")],
    children=[Child("container", "container", "serviceContainers", parent_key="serviceGroupId")],
)

QOS_POLICY = object_type(
    "QOSPolicy-v1", key="qos-policy", prefix="qos-policy", template_key="qosPolicyTemplate",
    description="a QoS policy",
    attrs=[ID,
           Attr("tenant", "tenant_id", Text(), hidden=True, help="owning tenant (project) id"),
           Attr("name", "name", Text(), clearable=True, help="name"),
           Attr("description", "description", Text(), clearable=True, help="description"),
           Attr("shared", "shared", BOOL, help="shared between tenants")],
    children=[Child("dscp-rule", "qos-dscp-rule", "dscpRules", parent_key="policyId",
                    clients_only=True),
              Child("bw-limit-rule", "qos-bw-limit-rule", "bwLimitRules", parent_key="policyId",
                    clients_only=True)],
)

QOS_POLICY_REF = Attr("policy", "policyId", Reference("qos-policy"), hidden=True, settable=False,
                      help="the policy")

QOS_BW_LIMIT_RULE = object_type(
    "QOSRuleBWLimit-v1", key="qos-bw-limit-rule", prefix="qos-bw-limit-rule",
    template_key="qosBwLimitRuleTemplate", description="a bandwidth limit of a QoS policy",
    attrs=[ID, QOS_POLICY_REF,
           Attr("max-kbps", "maxKbps", Integer(0), help="rate limit in kbit/s"),
           Attr("max-burst-kb", "maxBurstKb", Integer(0), clearable=True, help="burst in kbit")],
)

QOS_DSCP_RULE = object_type(
    "QOSRuleDSCP-v1", key="qos-dscp-rule", prefix="qos-dscp-rule",
    template_key="qosDscpRuleTemplate", description="a DSCP marking of a QoS policy",
    attrs=[ID, QOS_POLICY_REF,
           Attr("dscp-mark", "dscpMark", Integer(0, 63), help="DSCP value")],
)

TENANT = object_type(
    "Tenant-v2", key="tenant", prefix="tenant", has_id=False,
    description="a tenant (project) known to the identity service",
    attrs=[Attr("tenant-id", "id", Text(), read_only=True, help="the tenant id"),
           Attr("name", "name", Text(), read_only=True, help="name"),
           Attr("description", "description", Text(), read_only=True, help="description"),
           Attr("enabled", "enabled", YESNO, read_only=True, help="whether it is enabled")],
)

SYSTEM_STATE = object_type(
    "SystemState-v2", key="system-state", prefix="system_state", has_id=False,
    description="the state of the MidoNet deployment",
    attrs=[Attr("state", "state", Text(), read_only=True, help="ACTIVE or UPGRADE"),
           Attr("availability", "availability", Text(), read_only=True,
                help="READWRITE or READONLY")],
)

TYPES = [HOST, INTERFACE, BINDING, TUNNEL_ZONE, TUNNEL_ZONE_MEMBER, LOAD_BALANCER, POOL,
         POOL_MEMBER, VIP, HEALTH_MONITOR, VTEP, VTEP_BINDING, VTEP_PORT, CONTAINER,
         CONTAINER_GROUP, QOS_POLICY, QOS_BW_LIMIT_RULE, QOS_DSCP_RULE, TENANT, SYSTEM_STATE]
