"""Sandbox: service containers and service container groups."""

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"


def test_group_crud(api):
    # Host groups are bound in the store and the API makes none: naming one is a 404.
    error(api.post("service_container_groups", {"hostGroupId": MISSING}), 404,
          f"There is no HostGroup with ID {MISSING}.")
    group = api.create("service_container_groups", {"policy": "LEAST"})
    uri = api.url + "/service_container_groups/" + group["id"]
    assert group == {"id": group["id"], "policy": "LEAST", "hostGroupId": None,
                     "portGroupId": None, "uri": uri,
                     "serviceContainers": uri + "/service_containers", "portGroup": None}
    # The stored policy defaults to weighted, on create and on update.
    assert api.create("service_container_groups", {})["policy"] == "WEIGHTED"
    listed = api.get("service_container_groups",
                     accept=vnd("collection.ServiceContainerGroup-v1"))
    assert listed.json()[0]["id"] == group["id"] and len(listed.json()) == 2
    error(api.put(uri, {**group, "hostGroupId": MISSING}), 404)
    assert api.put(uri, {**group, "policy": "WEIGHTED"}).status_code == 204
    assert api.get(uri).json() == {**group, "policy": "WEIGHTED"}
    assert api.put(uri, {"id": group["id"]}).status_code == 204
    assert api.get(uri).json()["policy"] == "WEIGHTED"
    error(api.put(uri, {"policy": "RANDOM"}), 400)
    error(api.put(f"service_container_groups/{MISSING}", {}), 404,
          f"There is no ServiceContainerGroup with ID {MISSING}.")
    assert api.delete(uri).status_code == 204
    error(api.get(uri), 404, f"There is no ServiceContainerGroup with ID {group['id']}.")
    assert api.delete(uri).status_code == 204


def test_group_validation_and_port_group(api):
    error(api.post("service_container_groups", {"policy": "RANDOM"}), 400)
    error(api.post("service_container_groups", {"portGroupId": MISSING}), 404,
          f"There is no PortGroup with ID {MISSING}.")
    location = api.post("port_groups", {"name": "pg"}).headers["Location"]
    port_group = api.get(location, accept=vnd("PortGroup-v1")).json()  # no plain json here
    group = api.create("service_container_groups", {"portGroupId": port_group["id"]})
    assert group["portGroup"] == port_group["uri"]
    assert api.delete(port_group["uri"]).status_code == 204
    assert api.get(group["uri"]).json()["portGroupId"] is None


def test_containers(api):
    group = api.create("service_container_groups", {"policy": "WEIGHTED"})
    port = api.router_port(api.router())
    container = api.create(group["serviceContainers"], {"serviceType": "IPSEC",
                                                        "portId": port["id"],
                                                        "serviceGroupId": MISSING})
    uri = api.url + "/service_containers/" + container["id"]
    assert container == {
        "id": container["id"], "serviceType": "IPSEC", "serviceGroupId": group["id"],
        "configurationId": None, "portId": port["id"], "statusCode": "STOPPED",
        "statusMessage": None, "hostId": None, "namespaceName": None,
        "interfaceName": None, "uri": uri, "serviceContainerGroup": group["uri"],
        "port": port["uri"]}
    loose = api.create("service_containers", {"serviceType": "HAPROXY"})
    assert loose["statusCode"] is None and loose["serviceGroupId"] is None
    assert [c["id"] for c in api.get(group["serviceContainers"]).json()] == \
        [container["id"]]
    assert len(api.get("service_containers").json()) == 2
    # PUT only moves the container: its port's host changes, nothing else is stored.
    host = api.hosts()[0]["id"]
    moved = {**container, "hostId": host, "serviceType": "OTHER", "configurationId": MISSING}
    assert api.put(uri, moved).status_code == 204
    assert api.get(port["uri"]).json()["hostId"] == host
    assert api.get(uri).json() == {**container, "hostId": host}
    assert api.put(uri, container).status_code == 204  # hostId null: unscheduled again
    assert api.get(port["uri"]).json()["hostId"] is None
    error(api.put(uri, {**container, "hostId": MISSING}), 404,
          f"There is no Host with ID {MISSING}.")
    body = error(api.put(uri, {"hostId": host}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "serviceType", "message": "may not be null"}]
    # A container without a port cannot be scheduled.
    error(api.put(loose["uri"], loose), 406,
          f"Container {loose['id']} scheduling cannot be changed because it is not "
          f"connected to a port.")
    error(api.put(f"service_containers/{MISSING}", loose), 404,
          f"There is no ServiceContainer with ID {MISSING}.")
    # The router port names its container; a port holds one container.
    shown = api.get(port["uri"]).json()
    assert shown["serviceContainerId"] == container["id"] and shown["serviceContainer"] == uri
    error(api.post("service_containers", {"serviceType": "X", "portId": port["id"]}), 409,
          f"Operation failed because the Port with ID {port['id']} already references the "
          f"ServiceContainer with ID {container['id']} via the field service_container_id. "
          f"This field can accommodate only one reference.")
    # Deleting the port deletes its container (a cascade); deleting the group, the rest.
    other = api.create(group["serviceContainers"], {"serviceType": "X"})
    assert api.delete(port["uri"]).status_code == 204
    assert api.get(uri).status_code == 404
    assert api.delete(group["uri"]).status_code == 204
    assert api.get(other["uri"]).status_code == 404
    assert api.delete(uri).status_code == 204


def test_container_validation(api):
    body = error(api.post("service_containers", {}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "serviceType", "message": "may not be null"}]
    for field, proto in [("serviceGroupId", "ServiceContainerGroup"), ("portId", "Port")]:
        error(api.post("service_containers", {"serviceType": "X", field: MISSING}), 404,
              f"There is no {proto} with ID {MISSING}.")
    error(api.post(f"service_container_groups/{MISSING}/service_containers",
                   {"serviceType": "X"}), 404)
    error(api.get(f"service_container_groups/{MISSING}/service_containers"), 404)


def test_media_types(api):
    for path in ("service_containers", "service_container_groups"):
        empty(api.post(path, {}, ctype="text/plain"), 415)
        empty(api.post(path, {}, ctype=vnd("Router-v3")), 406)
        empty(api.get(path, accept=vnd("Router-v3")), 406)
