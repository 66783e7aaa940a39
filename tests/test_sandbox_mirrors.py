"""Sandbox: port mirrors and L2 service insertions."""

from sandbox_helpers import JSON, api, empty, error, vnd  # noqa: F401  (api is a fixture)

MISSING = "0a0a0a0a-1111-2222-3333-444444444444"


def test_mirror_crud(api):
    port = api.bridge_port(api.bridge())
    mirror = api.create("mirrors", {"toPortId": port["id"],
                                    "conditions": [{"nwProto": 6}, {"dlType": 0x0806}]})
    uri = api.url + "/mirrors/" + mirror["id"]
    assert set(mirror) == {"id", "toPortId", "conditions", "uri"}
    assert mirror["uri"] == uri and mirror["toPortId"] == port["id"]
    first, second = mirror["conditions"]
    assert first["nwProto"] == 6 and first["fragmentPolicy"] == "any"
    assert first["uri"] is None and first["inPorts"] == [] and len(first) == 52
    assert second["dlType"] == 0x0806
    assert api.put(uri, {**mirror, "conditions": []}, ctype=vnd("Mirror-v1")).status_code \
        == 204
    assert api.get(uri, accept=vnd("Mirror-v1")).json()["conditions"] == []
    listed = api.get("mirrors", accept=vnd("collection.Mirror-v1"))
    assert [m["id"] for m in listed.json()] == [mirror["id"]]
    assert api.delete(uri).status_code == 204
    error(api.get(uri), 404, f"There is no Mirror with ID {mirror['id']}.")
    assert api.delete(uri).status_code == 204


def test_mirror_validation(api):
    body = error(api.post("mirrors", {}), 400, "Validation error(s) found")
    assert body["violations"] == [{"property": "toPortId", "message": "may not be null"}]
    error(api.post("mirrors", {"toPortId": MISSING}), 404,
          f"There is no Port with ID {MISSING}.")
    port = api.bridge_port(api.bridge())
    body = error(api.post("mirrors", {"toPortId": port["id"],
                                      "conditions": [{}, {"dlSrc": "zz"}]}), 400)
    assert body["violations"][0]["property"] == "conditions[1].dlSrc"
    error(api.post("mirrors", {"toPortId": port["id"], "conditions": {}}), 400)


def test_mirrors_used_by_devices(api):
    bridge = api.bridge()
    target, other = api.bridge_port(bridge), api.bridge_port(bridge)
    mirror = api.create("mirrors", {"toPortId": target["id"]})
    router = api.router(inboundMirrorIds=[mirror["id"]])
    assert api.put(other["uri"], {**other, "outboundMirrorIds": [mirror["id"]]}) \
        .status_code == 204
    # Deleting the mirror clears the references to it.
    assert api.delete(mirror["uri"]).status_code == 204
    assert api.get(router["uri"]).json()["inboundMirrorIds"] == []
    assert api.get(other["uri"]).json()["outboundMirrorIds"] == []
    # Deleting the port a mirror copies to deletes the mirror.
    mirror = api.create("mirrors", {"toPortId": target["id"]})
    router = api.get(router["uri"]).json()
    assert api.put(router["uri"], {**router, "outboundMirrorIds": [mirror["id"]]}) \
        .status_code == 204
    assert api.delete(target["uri"]).status_code == 204
    assert api.get(mirror["uri"]).status_code == 404
    assert api.get(router["uri"]).json()["outboundMirrorIds"] == []


def test_l2_insertions(api):
    bridge = api.bridge()
    port, srv, srv2 = (api.bridge_port(bridge) for _ in range(3))
    body = {"portId": port["id"], "srvPortId": srv["id"], "mac": "aa:bb:cc:dd:ee:ff"}
    first = api.create("l2insertions", {**body, "vlan": 3, "position": 1, "failOpen": True})
    uri = api.url + "/l2insertions/" + first["id"]
    assert first == {"id": first["id"], "portId": port["id"], "srvPortId": srv["id"],
                     "vlan": 3, "position": 1, "failOpen": True,
                     "mac": "aa:bb:cc:dd:ee:ff", "uri": uri}
    second = api.create("l2insertions", {**body, "srvPortId": srv2["id"]})
    assert second["vlan"] == 0 and second["failOpen"] is False
    assert api.get(port["uri"]).json()["insertionIds"] == [first["id"], second["id"]]

    def ids(**query):
        return [i["id"] for i in api.get("l2insertions", params=query).json()]

    assert ids() == [first["id"], second["id"]]
    assert ids(srv_port=srv2["id"]) == [second["id"]]
    assert ids(port=port["id"]) == [first["id"], second["id"]]
    assert ids(srv_port=srv["id"], port=MISSING) == [first["id"]]  # srv_port wins
    assert api.put(uri, {**first, "vlan": 7}, ctype=vnd("L2Insertion-v1")).status_code == 204
    assert api.get(uri).json()["vlan"] == 7
    assert api.delete(uri).status_code == 204 and api.delete(uri).status_code == 204
    assert api.get(port["uri"]).json()["insertionIds"] == [second["id"]]
    # A service port's deletion takes its insertions along.
    assert api.delete(srv2["uri"]).status_code == 204
    assert ids() == [] and api.get(port["uri"]).json()["insertionIds"] == []


def test_l2_insertion_validation(api):
    body = error(api.post("l2insertions", {}), 400, "Validation error(s) found")
    assert sorted(v["property"] for v in body["violations"]) == ["mac", "portId", "srvPortId"]
    port = api.bridge_port(api.bridge())
    error(api.post("l2insertions", {"portId": port["id"], "srvPortId": MISSING,
                                    "mac": "aa:bb:cc:dd:ee:ff"}), 404,
          f"There is no Port with ID {MISSING}.")


def test_media_types(api):
    for path in ("mirrors", "l2insertions"):
        empty(api.post(path, {}, ctype="text/plain"), 415)
        empty(api.post(path, {}, ctype=vnd("Router-v3")), 406)
        empty(api.get(path, accept=vnd("Router-v3")), 406)
        error(api.get(f"{path}/{MISSING}"), 404)
