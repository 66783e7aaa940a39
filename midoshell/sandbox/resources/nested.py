"""Items under a device's nested collections (`/chains/{id}/rules/{id}`, …).

On the server each nested collection is a generic resource class whose `{id}` item answers
GET and PUT only when the class declares them (none of these does: 405), while DELETE is
never guarded: it deletes the object of the collection's kind with that id, whatever its
parent, and a missing one is no error (204). A kind with no storage class behind it
(addresses of an IP group, physical ports of a VTEP) cannot be deleted that way: the
server answers a bodiless 406.
"""

from ..errors import ApiError
from ..web import no_content
from . import bgp, containers, lbaas, ports, qos, rules


def _delete_rule(ctx, rule_id, **_):
    rule = ctx.store.get("rule", rule_id)
    if rule is not None:
        rules.remove_rule(ctx.store, rule)
    return no_content()


def _through(handler, *names):
    """`handler` called with only the URL arguments it takes."""
    def call(ctx, **args):
        return handler(ctx, **{name: args[name] for name in names})
    return call


def _no_storage_class(ctx, **_):
    raise ApiError(406, empty=True)


def _pool_members_of_lb_pool(ctx, **args):
    return {"GET": lbaas.list_pool_members, "POST": lbaas.create_pool_member}[
        ctx.request.method](ctx, args["pool_id"])


_DELETE_PORT = {"DELETE": _through(ports.delete_nested_port, "port_id")}
_DELETE_POOL = {"DELETE": _through(lbaas.POOLS.delete, "obj_id")}
_DELETE_VIP = {"DELETE": _through(lbaas.VIPS.delete, "obj_id")}

ROUTES = [
    ("/chains/<chain_id>/rules/<rule_id>", {"DELETE": _delete_rule}, {}),
    ("/routers/<router_id>/bgp_peers/<peer_id>",
     {"DELETE": _through(bgp.delete_peer, "peer_id")}, {}),
    ("/routers/<router_id>/bgp_networks/<network_id>",
     {"DELETE": _through(bgp.delete_network, "network_id")}, {}),
    ("/routers/<router_id>/peer_ports/<port_id>", _DELETE_PORT, {}),
    ("/bridges/<bridge_id>/peer_ports/<port_id>", _DELETE_PORT, {}),
    ("/bridges/<bridge_id>/vxlan_ports/<port_id>", _DELETE_PORT, {}),
    # Port-group memberships are stored on the port: this deletes the port named {id}.
    ("/ports/<owner_id>/port_groups/<port_id>", _DELETE_PORT, {}),
    ("/load_balancers/<lb_id>/pools/<obj_id>", _DELETE_POOL, {}),
    ("/health_monitors/<hm_id>/pools/<obj_id>", _DELETE_POOL, {}),
    ("/load_balancers/<lb_id>/vips/<obj_id>", _DELETE_VIP, {}),
    ("/pools/<pool_id>/vips/<obj_id>", _DELETE_VIP, {}),
    ("/pools/<pool_id>/pool_members/<obj_id>",
     {"DELETE": _through(lbaas.MEMBERS.delete, "obj_id")}, {}),
    ("/load_balancers/<lb_id>/pools/<pool_id>/pool_members",
     {"GET": _pool_members_of_lb_pool, "POST": _pool_members_of_lb_pool}, {}),
    # The group's container collection is the container resource itself: it reads,
    # updates and deletes any container by id.
    ("/service_container_groups/<group_id>/service_containers/<obj_id>",
     {"GET": _through(containers.CONTAINERS.get, "obj_id"),
      "PUT": _through(containers.update_container, "obj_id"),
      "DELETE": _through(containers.CONTAINERS.delete, "obj_id")}, {}),
    ("/qos_policies/<policy_id>/qos_bw_limit_rules/<rule_id>",
     {"DELETE": _through(qos.delete_rule, "kind", "rule_id")}, {"kind": "qos_bw_limit_rule"}),
    ("/qos_policies/<policy_id>/qos_dscp_rules/<rule_id>",
     {"DELETE": _through(qos.delete_rule, "kind", "rule_id")}, {"kind": "qos_dscp_rule"}),
    ("/ip_addr_groups/<group_id>/ip_addrs/<addr>", {"DELETE": _no_storage_class}, {}),
]
