"""Items under a device's nested collections (`/chains/{id}/rules/{id}`, …).

On the server each nested collection is a generic resource class whose `{id}` item answers
GET and PUT only when the class declares them (none of these does: 405), while DELETE is
never guarded: it deletes the object of the collection's kind with that id, whatever its
parent (and whatever kind of port), and a missing one is no error (204). A kind with no
storage class behind it (addresses of an IP group, physical ports of a VTEP) cannot be
deleted that way: the server answers a bodiless 406.
"""

from .. import deletes
from ..errors import ApiError
from ..web import no_content
from . import containers, lbaas


def _deleting(kind):
    """DELETE of the `kind` object named by the path's last placeholder, `item`."""
    def delete(ctx, item, **_):
        deletes.delete(ctx.store, kind, item)
        return no_content()
    return {"DELETE": delete}


def _through(handler, *names):
    """`handler` called with only the URL arguments it takes."""
    def call(ctx, **args):
        return handler(ctx, **{name: args[name] for name in names})
    return call


def _no_storage_class(ctx, **_):
    raise ApiError(406, empty=True)


def _pool_members_of_lb_pool(ctx, **args):
    return lbaas.POOL_MEMBERS.handlers()[ctx.request.method](ctx, args["pool_id"])


ROUTES = [
    ("/routers/<router_id>/ports/<item>", _deleting("port"), {}),
    ("/bridges/<bridge_id>/ports/<item>", _deleting("port"), {}),
    ("/routers/<router_id>/routes/<item>", _deleting("route"), {}),
    ("/chains/<chain_id>/rules/<item>", _deleting("rule"), {}),
    ("/routers/<router_id>/bgp_peers/<item>", _deleting("bgp_peer"), {}),
    ("/routers/<router_id>/bgp_networks/<item>", _deleting("bgp_network"), {}),
    ("/routers/<router_id>/peer_ports/<item>", _deleting("port"), {}),
    ("/bridges/<bridge_id>/peer_ports/<item>", _deleting("port"), {}),
    ("/bridges/<bridge_id>/vxlan_ports/<item>", _deleting("port"), {}),
    # Port-group memberships are stored on the port: this deletes the port named {id}.
    ("/ports/<owner_id>/port_groups/<item>", _deleting("port"), {}),
    ("/load_balancers/<lb_id>/pools/<item>", _deleting("pool"), {}),
    ("/health_monitors/<hm_id>/pools/<item>", _deleting("pool"), {}),
    ("/load_balancers/<lb_id>/vips/<item>", _deleting("vip"), {}),
    ("/pools/<pool_id>/vips/<item>", _deleting("vip"), {}),
    ("/pools/<pool_id>/pool_members/<item>", _deleting("pool_member"), {}),
    ("/load_balancers/<lb_id>/pools/<pool_id>/pool_members",
     {"GET": _pool_members_of_lb_pool, "POST": _pool_members_of_lb_pool}, {}),
    # The group's container collection is the container resource itself: it reads,
    # updates and deletes any container by id.
    ("/service_container_groups/<group_id>/service_containers/<obj_id>",
     {"GET": _through(containers.CONTAINERS.get, "obj_id"),
      "PUT": _through(containers.update_container, "obj_id"),
      "DELETE": _through(containers.CONTAINERS.delete, "obj_id")}, {}),
    ("/qos_policies/<policy_id>/qos_bw_limit_rules/<item>",
     _deleting("qos_bw_limit_rule"), {}),
    ("/qos_policies/<policy_id>/qos_dscp_rules/<item>", _deleting("qos_dscp_rule"), {}),
    ("/ip_addr_groups/<group_id>/ip_addrs/<addr>", {"DELETE": _no_storage_class}, {}),
]
