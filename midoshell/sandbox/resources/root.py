"""The Application (root) document, system state, mock tenants, and not-emulated collections."""

from urllib.parse import quote

from .. import media
from ..errors import ApiError, method_not_allowed, not_found
from ..web import json_response, no_content

# (path segment, collection key, template key), sorted by segment as the server lists them.
ROOT_RESOURCES = [
    ("bgp_networks", None, "bgpNetworkTemplate"),
    ("bgp_peers", None, "bgpPeerTemplate"),
    ("bridges", "bridges", "bridgeTemplate"),
    ("chains", "chains", "chainTemplate"),
    ("health_monitors", "healthMonitors", "healthMonitorTemplate"),
    ("hosts", "hosts", "hostTemplate"),
    ("ip_addr_groups", "ipAddrGroups", "ipAddrGroupTemplate"),
    ("l2insertions", "l2insertions", "l2InsertionTemplate"),
    ("load_balancers", "loadBalancers", "loadBalancerTemplate"),
    ("mirrors", "mirrors", "mirrorTemplate"),
    ("neutron", "neutron", None),
    ("pool_members", "poolMembers", "poolMemberTemplate"),
    ("pools", "pools", "poolTemplate"),
    ("port_groups", "portGroups", "portGroupTemplate"),
    ("ports", "ports", "portTemplate"),
    ("qos_bw_limit_rules", None, "qosBwLimitRuleTemplate"),
    ("qos_dscp_rules", None, "qosDscpRuleTemplate"),
    ("qos_policies", "qosPolicies", "qosPolicyTemplate"),
    ("routers", "routers", "routerTemplate"),
    ("routes", None, "routeTemplate"),
    ("rules", None, "ruleTemplate"),
    ("service_container_groups", "serviceContainerGroups", "serviceContainerGroupTemplate"),
    ("service_containers", "serviceContainers", "serviceContainerTemplate"),
    ("system_state", "systemState", None),
    ("tenants", "tenants", "tenantTemplate"),
    ("traces", "traceRequests", "traceRequestTemplate"),
    ("tunnel_zones", "tunnelZones", "tunnelZoneTemplate"),
    ("vips", "vips", "vipTemplate"),
    ("vteps", "vteps", "vtepTemplate"),
]

# Advertised collections the sandbox does not emulate: (proto class, media name, json ok,
# has a list, DELETE of a missing id is 404). They stay empty: lists answer [], items 404,
# and only creation is refused (501), so a client sees an empty but honest server.
STUBS = {
    "bgp_networks": ("BgpNetwork", "BgpNetwork-v1", True, False, False),
    "bgp_peers": ("BgpPeer", "BgpPeer-v1", True, False, False),
    "health_monitors": ("HealthMonitor", "HealthMonitor-v1", True, True, False),
    "ip_addr_groups": ("IPAddrGroup", "IpAddrGroup-v1", False, True, False),
    "l2insertions": ("L2Insertion", "L2Insertion-v1", True, True, False),
    "load_balancers": ("LoadBalancer", "LoadBalancer-v1", True, True, False),
    "mirrors": ("Mirror", "Mirror-v1", True, True, False),
    "pool_members": ("PoolMember", "PoolMember-v1", True, True, False),
    "pools": ("Pool", "Pool-v1", True, True, False),
    "port_groups": ("PortGroup", "PortGroup-v1", True, True, False),
    "qos_bw_limit_rules": ("QosRuleBandwidthLimit", "QOSRuleBWLimit-v1", True, False, False),
    "qos_dscp_rules": ("QosRuleDscp", "QOSRuleDSCP-v1", True, False, False),
    "qos_policies": ("QosPolicy", "QOSPolicy-v1", True, True, False),
    "rules": ("Rule", "Rule-v2", True, False, True),
    "service_container_groups": ("ServiceContainerGroup", "ServiceContainerGroup-v1",
                                 True, True, False),
    "service_containers": ("ServiceContainer", "ServiceContainer-v1", True, True, False),
    "traces": ("TraceRequest", "TraceRequest-v1", True, True, False),
    "vips": ("Vip", "VIP-v1", True, True, False),
    "vteps": ("Vtep", "VTEP-v2", True, True, True),
}

SYSTEM_STATE = {"state": "ACTIVE", "availability": "READWRITE", "version": "5.0.0",
                "information": None}
ADMIN_TENANT = {"id": "admin", "name": "admin", "description": "Admin Tenant", "enabled": True}
TENANT_MUTATION = "Tenants cannot be created, updated or deleted via the REST API."


def application(ctx):
    # Declared as (json, Application-v5): a wildcard or missing Accept gets plain json.
    ctype = ctx.accept([media.JSON, media.APPLICATION], generic=False)
    doc = {"uri": ctx.base, "version": "v5.0"}
    for segment, collection, template in ROOT_RESOURCES:
        if collection:
            doc[collection] = ctx.uri(segment)
        if template:
            doc[template] = ctx.uri(segment) + "/{id}"
    return json_response(doc, ctype)


def system_state(ctx):
    return json_response(SYSTEM_STATE, ctx.accept(media.SYSTEM_STATE.item, generic=False))


def _tenant(ctx, tenant_id):
    if tenant_id == ADMIN_TENANT["id"]:
        doc = dict(ADMIN_TENANT)
    else:  # the mock provider invents a tenant for any id it is asked about
        doc = {"id": tenant_id, "name": tenant_id, "description": tenant_id, "enabled": True}
    query = "?tenant_id=" + quote(tenant_id, safe="")
    doc.update(uri=ctx.uri("tenants", quote(tenant_id, safe="")),
               routers=ctx.uri("routers") + query, bridges=ctx.uri("bridges") + query,
               chains=ctx.uri("chains") + query, portGroups=ctx.uri("port_groups") + query)
    return doc


def list_tenants(ctx):
    ctype = ctx.accept(media.TENANT.list, generic=False)
    return json_response([_tenant(ctx, ADMIN_TENANT["id"])], ctype)


def get_tenant(ctx, tenant_id):
    return json_response(_tenant(ctx, tenant_id), ctx.accept(media.TENANT.item, generic=False))


def refuse_tenant_change(ctx, tenant_id=None):
    """POST /tenants, PUT and DELETE /tenants/{id}: a 405 with a message. POST and PUT
    consume only the tenant media type, so another Content-Type is a bodiless 415."""
    if ctx.request.method in ("POST", "PUT"):
        media.check_body_type(ctx.request.headers.get("Content-Type"),
                              media.TENANT.item, generic=False)
    raise ApiError(405, TENANT_MUTATION)


def _stub_types(segment):
    _, name, json_ok, _, _ = STUBS[segment]
    return media.Types(name, json=json_ok)


def stub_list(ctx, segment):
    if not STUBS[segment][3]:
        raise method_not_allowed()
    return json_response([], ctx.accept(_stub_types(segment).list))


def stub_create(ctx, segment):
    raise ApiError(501, f"midoshell-sandbox does not emulate {segment}.")


def stub_item(ctx, segment, obj_id):
    if ctx.request.method == "GET":
        ctx.accept(_stub_types(segment).item)
    elif ctx.request.method == "PUT":
        ctx.body(_stub_types(segment).item)
    raise not_found(STUBS[segment][0], obj_id)


def stub_delete(ctx, segment, obj_id):
    if STUBS[segment][4]:
        raise not_found(STUBS[segment][0], obj_id)
    return no_content()


def stub_child(ctx, segment, obj_id, rest):
    raise not_found(STUBS[segment][0], obj_id)


def stub_routes(served):
    """Routes answering for the advertised collections no resource module serves."""
    routes = []
    for segment in STUBS:
        if segment in served:
            continue
        bind = {"segment": segment}
        routes += [
            (f"/{segment}", {"GET": stub_list, "POST": stub_create}, bind),
            (f"/{segment}/<obj_id>", {"GET": stub_item, "PUT": stub_item,
                                      "DELETE": stub_delete}, bind),
            (f"/{segment}/<obj_id>/<path:rest>", {m: stub_child for m in
                                                  ("GET", "POST", "PUT", "DELETE")}, bind),
        ]
    return routes


ROUTES = [
    ("/", {"GET": application}, {}),
    ("/system_state", {"GET": system_state}, {}),
    ("/tenants", {"GET": list_tenants, "POST": refuse_tenant_change}, {}),
    ("/tenants/<tenant_id>", {"GET": get_tenant, "PUT": refuse_tenant_change,
                              "DELETE": refuse_tenant_change}, {}),
]
