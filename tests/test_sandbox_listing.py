"""Collections are served from cached renderings: the answers must stay exactly what a fresh
rendering would give, whoever changed the state file and whatever Host was asked."""

import json

import requests

from midoshell.sandbox import start
from midoshell.sandbox.store import Store
from midoshell.sandbox.web import Ctx, RenderCache

BRIDGE = "application/vnd.org.midonet.Bridge-v4+json"


def post(url, body):
    made = requests.post(url + "/bridges", data=json.dumps(body), timeout=10,
                         headers={"Content-Type": BRIDGE})
    assert made.status_code == 201, made.text
    return made.headers["Location"]


def names(url, **params):
    return [b["name"] for b in requests.get(url + "/bridges", params=params, timeout=10).json()]


def test_a_listing_follows_every_change(sandbox):
    url = sandbox.url
    first = post(url, {"name": "one"})
    post(url, {"name": "two"})
    assert names(url) == ["one", "two"]
    assert names(url) == ["one", "two"]  # served again from the cache
    requests.put(first, data=json.dumps({"name": "uno"}), headers={"Content-Type": BRIDGE},
                 timeout=10)
    assert names(url) == ["uno", "two"]
    requests.delete(first, timeout=10)
    assert names(url) == ["two"]
    post(url, {"name": "three", "tenantId": "t1"})
    assert names(url, tenant_id="t1") == ["three"]
    assert names(url) == ["two", "three"]


def test_a_listing_sees_what_another_sandbox_wrote_to_the_file(tmp_path):
    state = str(tmp_path / "shared.db")
    with start(port=0, state=state, hosts=0) as one, start(port=0, state=state, hosts=0) as two:
        post(one.url, {"name": "from-one"})
        assert names(one.url) == ["from-one"]
        location = post(two.url, {"name": "from-two"})
        assert names(one.url) == ["from-one", "from-two"]
        requests.put(location.replace(two.url, one.url), timeout=10,
                     data=json.dumps({"name": "renamed"}), headers={"Content-Type": BRIDGE})
        requests.put(location, data=json.dumps({"name": "renamed-by-two"}), timeout=10,
                     headers={"Content-Type": BRIDGE})
        assert names(one.url) == ["from-one", "renamed-by-two"]


def test_links_follow_the_host_asked_even_when_cached(sandbox):
    post(sandbox.url, {"name": "b"})
    by_address = requests.get(sandbox.url + "/bridges", timeout=10).json()
    local = sandbox.url.replace("127.0.0.1", "localhost")
    by_name = requests.get(local + "/bridges", timeout=10).json()
    again = requests.get(sandbox.url + "/bridges", timeout=10).json()
    assert by_address[0]["uri"].startswith(sandbox.url + "/bridges/")
    assert by_name[0]["uri"].startswith(local + "/bridges/")
    assert again == by_address


def test_a_listing_is_byte_for_byte_a_fresh_rendering(sandbox):
    for n in range(5):
        post(sandbox.url, {"name": f"b{n}\u202e\x00\"\\u0000"})
    cached = requests.get(sandbox.url + "/bridges", timeout=10).content
    again = requests.get(sandbox.url + "/bridges", timeout=10).content
    from midoshell.sandbox.resources.devices import render_bridge

    fresh = [render_bridge(Ctx(None, None, sandbox.url + "/"), doc)
             for doc in sandbox._store.all("bridge")]
    assert cached == again == json.dumps(fresh).encode()


def test_renderers_that_read_more_than_the_document_are_not_cached():
    store = Store()
    cache = RenderCache()

    def render(ctx, doc):  # reads another object: its answer may change without doc
        other = ctx.store.get("other", "x")
        return {"id": doc["id"], "other": other["value"]}

    with store.transaction():
        store.insert("thing", "a", {"id": "a"})
        store.insert("other", "x", {"value": 1})
        ctx = Ctx(None, store, "http://h/")
        assert cache.json_of(ctx, store.rows("thing"), render) == [b'{"id": "a", "other": 1}']
        store.replace("other", "x", {"value": 2})
        assert cache.json_of(ctx, store.rows("thing"), render) == [b'{"id": "a", "other": 2}']
