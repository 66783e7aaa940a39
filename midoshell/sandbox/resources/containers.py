"""Service containers and service container groups (`/service_containers`, `…_groups`)."""

import uuid

from .. import hooks, media
from ..errors import already_exists
from ..web import PROTO, created
from .toplevel import TopLevel

CONTAINER = media.Types("ServiceContainer-v1")
GROUP = media.Types("ServiceContainerGroup-v1")
POLICIES = ("WEIGHTED", "LEAST")


# ---- groups --------------------------------------------------------------------------

def _read_group(ctx, body, group_id, current):
    doc = {"id": group_id,
           "policy": body.enum("policy", POLICIES, "ServiceContainerPolicy"),
           # Host groups are not served by the API, so the id is kept as given.
           "hostGroupId": body.uuid("hostGroupId"),
           "portGroupId": body.uuid("portGroupId")}
    body.check()
    ctx.require({"port_group": [doc["portGroupId"]]})
    return doc


def render_group(ctx, doc):
    uri = ctx.uri("service_container_groups", doc["id"])
    return {**doc, "uri": uri, "serviceContainers": uri + "/service_containers",
            "portGroup": ctx.uri("port_groups", doc["portGroupId"])}


def _delete_group_containers(ctx, doc):
    for container in ctx.store.all("service_container", serviceGroupId=doc["id"]):
        ctx.store.delete("service_container", container["id"])


# The server has no PUT for either kind (405), and deletes "ignoring missing" (204).
GROUPS = TopLevel("service_container_group", "service_container_groups", GROUP,
                  _read_group, render_group, cascade=_delete_group_containers,
                  delete_checks_missing=False, updatable=False)


# ---- containers ----------------------------------------------------------------------

def _read_container(ctx, body, container_id, current):
    doc = {"id": container_id, "serviceType": body.string("serviceType", required=True),
           "serviceGroupId": body.uuid("serviceGroupId"),
           "configurationId": body.uuid("configurationId"),  # opaque to the API
           "portId": body.uuid("portId")}
    body.check()
    ctx.require({"service_container_group": [doc["serviceGroupId"]],
                 "port": [doc["portId"]]})
    return doc


def render_container(ctx, doc):
    # Status comes from the agent running the container. With no agent here, a container
    # on a port reads STOPPED (the server's answer when no status is reported) and one
    # without a port has no status at all.
    status = None if doc["portId"] is None else "STOPPED"
    return {**doc, "statusCode": status, "statusMessage": None, "hostId": None,
            "namespaceName": None, "interfaceName": None,
            "uri": ctx.uri("service_containers", doc["id"]),
            "serviceContainerGroup": ctx.uri("service_container_groups",
                                             doc["serviceGroupId"]),
            "port": ctx.uri("ports", doc["portId"])}


CONTAINERS = TopLevel("service_container", "service_containers", CONTAINER,
                      _read_container, render_container, delete_checks_missing=False,
                      updatable=False)


def list_group_containers(ctx, group_id):
    ctx.load("service_container_group", group_id)
    docs = ctx.store.all("service_container", serviceGroupId=group_id)
    return ctx.list_of(docs, CONTAINER.list, render_container)


def create_group_container(ctx, group_id):
    """A container created through its group belongs to that group, whatever the body says."""
    ctx.load("service_container_group", group_id)  # looked up before anything else
    body = ctx.body(CONTAINER.item)
    body.data["serviceGroupId"] = group_id
    doc = _read_container(ctx, body, body.uuid("id") or str(uuid.uuid4()), None)
    if not ctx.store.insert("service_container", doc["id"], doc):
        raise already_exists(PROTO["service_container"], doc["id"])
    return created(ctx.uri("service_containers", doc["id"]))


@hooks.on_delete("port")
def _unplug_containers(store, port):
    for container in store.all("service_container", portId=port["id"]):
        container["portId"] = None
        store.replace("service_container", container["id"], container)


@hooks.on_delete("port_group")
def _forget_port_group(store, port_group):
    for group in store.all("service_container_group", portGroupId=port_group["id"]):
        group["portGroupId"] = None
        store.replace("service_container_group", group["id"], group)


ROUTES = GROUPS.routes() + CONTAINERS.routes() + [
    ("/service_container_groups/<group_id>/service_containers",
     {"GET": list_group_containers, "POST": create_group_container}, {}),
]
