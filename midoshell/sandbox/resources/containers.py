"""Service containers and service container groups (`/service_containers`, `…_groups`)."""

from .. import media
from ..errors import ApiError
from ..web import no_content
from .owned import Owned
from .ports import reference_conflict
from .toplevel import TopLevel

CONTAINER = media.Types("ServiceContainer-v1")
GROUP = media.Types("ServiceContainerGroup-v1")
POLICIES = ("WEIGHTED", "LEAST")
UNSCHEDULABLE = ("Container {} scheduling cannot be changed because it is not connected to "
                 "a port.")


# ---- groups --------------------------------------------------------------------------

def _read_group(ctx, body, group_id, current):
    doc = {"id": group_id,
           # The stored policy has a default (weighted) that an omitted one reads back as.
           "policy": body.enum("policy", POLICIES, "ServiceContainerPolicy") or "WEIGHTED",
           "hostGroupId": body.uuid("hostGroupId"),
           "portGroupId": body.uuid("portGroupId")}
    body.check()
    ctx.require({"port_group": [doc["portGroupId"]]})
    if doc["hostGroupId"] is not None:
        # The store binds the group to a host group, and the API creates none: a named
        # host group is always missing.
        raise ApiError(404, f"There is no HostGroup with ID {doc['hostGroupId']}.")
    return doc


def render_group(ctx, doc):
    uri = ctx.uri("service_container_groups", doc["id"])
    return {**doc, "uri": uri, "serviceContainers": uri + "/service_containers",
            "portGroup": ctx.uri("port_groups", doc["portGroupId"])}


# Both kinds delete "ignoring missing" (204).
GROUPS = TopLevel("service_container_group", "service_container_groups", GROUP,
                  _read_group, render_group, delete_checks_missing=False)


def update_group(ctx, obj_id):
    """PUT replaces the group named by the body's `id` (the path's when the body has none);
    its containers stay."""
    body = ctx.body(GROUP.item)
    ctx.load("service_container_group", obj_id)
    target = body.uuid("id") or obj_id
    doc = _read_group(ctx, body, target, None)
    ctx.load("service_container_group", target)
    ctx.store.replace("service_container_group", target, doc)
    return no_content()


# ---- containers ----------------------------------------------------------------------

def _read_container(ctx, body, container_id, current):
    doc = {"id": container_id, "serviceType": body.string("serviceType", required=True),
           "serviceGroupId": body.uuid("serviceGroupId"),
           "configurationId": body.uuid("configurationId"),  # opaque to the API
           "portId": body.uuid("portId")}
    body.check()
    ctx.require({"service_container_group": [doc["serviceGroupId"]],
                 "port": [doc["portId"]]})
    for other in ctx.store.all("service_container", portId=doc["portId"] or ""):
        if other["id"] != container_id:  # a port holds one container
            raise reference_conflict("Port", doc["portId"], "service_container_id",
                                     "ServiceContainer", other["id"])
    return doc


def render_container(ctx, doc):
    # Status comes from the agent running the container. With no agent here, a container
    # on a port reads STOPPED (the server's answer when no status is reported) and one
    # without a port has no status at all. Its host is its port's host.
    port = ctx.store.get("port", doc["portId"])
    status = doc.get("statusCode") or (None if port is None else "STOPPED")
    return {**doc, "statusCode": status, "statusMessage": None,
            "hostId": port["hostId"] if port else None,
            "namespaceName": None, "interfaceName": None,
            "uri": ctx.uri("service_containers", doc["id"]),
            "serviceContainerGroup": ctx.uri("service_container_groups",
                                             doc["serviceGroupId"]),
            "port": ctx.uri("ports", doc["portId"])}


CONTAINERS = TopLevel("service_container", "service_containers", CONTAINER,
                      _read_container, render_container, delete_checks_missing=False)


def update_container(ctx, obj_id):
    """PUT only (re)schedules: the body's `hostId` becomes the host of the container's
    port. Nothing else of the body is stored; a container without a port is refused."""
    body = ctx.body(CONTAINER.item)
    for key in ("id", "serviceGroupId", "configurationId", "portId"):
        body.uuid(key)  # typed like the rest of the body, though not stored
    host_id = body.uuid("hostId")
    body.string("serviceType", required=True)
    current = ctx.load("service_container", obj_id)
    body.check()
    if current["portId"] is None:
        raise ApiError(406, UNSCHEDULABLE.format(obj_id))
    port = ctx.load("port", current["portId"])
    if port["hostId"] != host_id:
        ctx.require({"host": [host_id]})
        port["hostId"] = host_id
        ctx.store.replace("port", port["id"], port)
    return no_content()


# A container created through its group belongs to that group, whatever the body says;
# the group is looked up before anything else.
GROUP_CONTAINERS = Owned("service_container_group", "service_container", "serviceGroupId",
                         render_container, CONTAINER.list, child=CONTAINERS,
                         parent_first=True)


ROUTES = GROUPS.routes(update=update_group) + CONTAINERS.routes(update=update_container) + [
    ("/service_container_groups/<parent_id>/service_containers",
     GROUP_CONTAINERS.handlers(), {}),
]
