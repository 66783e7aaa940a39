"""The Application (root) document, system state and mock tenants."""

from urllib.parse import quote

from .. import media
from ..errors import ApiError
from ..web import json_response

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


ROUTES = [
    ("/", {"GET": application}, {}),
    ("/system_state", {"GET": system_state}, {}),
    ("/tenants", {"GET": list_tenants, "POST": refuse_tenant_change}, {}),
    ("/tenants/<tenant_id>", {"GET": get_tenant, "PUT": refuse_tenant_change,
                              "DELETE": refuse_tenant_change}, {}),
]
