"""Helpers for the sandbox tests: a started sandbox and a small HTTP client for it."""

import json

import pytest
import requests

from midoshell.sandbox import start

JSON = "application/json"


def vnd(name):
    return f"application/vnd.org.midonet.{name}+json"


class Api:
    """requests.Session bound to one sandbox; paths are relative to the API root."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self.http = requests.Session()

    def _url(self, path):
        return path if path.startswith("http") else f"{self.url}/{path.lstrip('/')}"

    def get(self, path, accept=JSON, **kw):
        headers = {"Accept": accept} if accept is not None else {}
        headers.update(kw.pop("headers", {}))
        return self.http.get(self._url(path), headers=headers, **kw)

    def post(self, path, body=None, ctype=JSON, **kw):
        return self._send("POST", path, body, ctype, **kw)

    def put(self, path, body=None, ctype=JSON, **kw):
        return self._send("PUT", path, body, ctype, **kw)

    def delete(self, path, **kw):
        return self.http.delete(self._url(path), **kw)

    def _send(self, method, path, body, ctype, **kw):
        headers = {"Content-Type": ctype} if ctype is not None else {}
        headers.update(kw.pop("headers", {}))
        data = json.dumps(body if body is not None else {})
        return self.http.request(method, self._url(path), data=data, headers=headers, **kw)

    def create(self, path, body=None, ctype=JSON):
        """POST, assert 201 + Location, then GET the new object and return its JSON."""
        resp = self.post(path, body, ctype)
        assert resp.status_code == 201, resp.text
        assert resp.content == b""
        location = resp.headers["Location"]
        assert location.startswith(self.url + "/")
        got = self.get(location)
        assert got.status_code == 200, got.text
        return got.json()

    # Shortcuts for the objects most tests need.
    def router(self, **fields):
        return self.create("routers", {"name": "r", **fields})

    def bridge(self, **fields):
        return self.create("bridges", {"name": "b", **fields})

    def router_port(self, router, address="10.0.0.1", length=24, **fields):
        body = {"type": "Router", "portAddress": address, "networkLength": length, **fields}
        return self.create(f"routers/{router['id']}/ports", body)

    def bridge_port(self, bridge, **fields):
        return self.create(f"bridges/{bridge['id']}/ports", {"type": "Bridge", **fields})

    def tunnel_zone(self, name="tz", zone_type="gre"):
        return self.create("tunnel_zones", {"name": name, "type": zone_type})

    def hosts(self):
        return self.get("hosts").json()


def error(resp, status, message=None):
    """Assert an error response in MidoNet's error-entity shape and return its body."""
    assert resp.status_code == status, (resp.status_code, resp.text)
    assert resp.headers["Content-Type"].startswith(vnd("Error-v1")), resp.headers
    body = resp.json()
    assert body["code"] == status
    if message is not None:
        assert body["message"] == message
    return body


def empty(resp, status):
    """Assert a framework-style answer: the status and no body."""
    assert resp.status_code == status, (resp.status_code, resp.text)
    assert resp.content == b""


@pytest.fixture
def api():
    server = start(host="127.0.0.1", port=0, hosts=3)
    yield Api(server)
    server.stop()
