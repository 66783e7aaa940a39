"""A command that lists a collection to resolve an alias takes the object it names from that
listing (as fresh as a GET of it would be) instead of fetching it again; a command reading
again (a wait polling) asks the server each time (tests/test_wait.py)."""

from test_one_request_create import _one_line, _script_session


def test_show_of_an_alias_in_a_fresh_session_is_one_listing(logged):
    server, log = logged
    maker = _script_session(server.url)
    maker.run_line("create bridge name b1")
    session = _script_session(server.url, aliases=True)  # a new run: bridge0 never seen
    requests, out = _one_line(session, log, "show bridge bridge0")
    assert requests == ["GET /bridges"]
    assert out[0].startswith("bridge bridge0 name b1")
    requests, out = _one_line(session, log, "show bridge bridge0 name")
    uuid = session.aliases.namespace(None).lookup("bridge0")
    assert requests == [f"GET /bridges/{uuid}"]  # a later command reads it afresh
    assert out == ["b1"]


def test_a_set_in_a_fresh_session_builds_its_put_on_the_listing_it_just_read(logged):
    server, log = logged
    maker = _script_session(server.url)
    maker.run_line("create bridge name b1")
    session = _script_session(server.url)
    requests, _ = _one_line(session, log, "bridge bridge0 set name b2")
    assert [r.split(" ")[0] for r in requests] == ["GET", "PUT"]
    assert requests[0] == "GET /bridges"
    assert maker.client.get(server.url + "/bridges", None)[0]["name"] == "b2"
