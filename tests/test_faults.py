"""Network faults between midoshell and a real sandbox, injected by tests/faultproxy.py.

Each case checks what midoshell says (stderr), its exit status, and what reached the server
(requests counted at the proxy, objects counted in the sandbox).
"""

import json
import os
import re

import pytest
import requests

from conftest import ROOT, run_in_process, serve_sandbox
from faultproxy import (Answer, Delay, Die, Drop, FaultProxy, ResetAfterForward,
                        ResetMidAnswer)
from midoshell.sandbox import start

ROUTERS = r"/routers$"
ROUTER_MEDIA = "application/vnd.org.midonet.Router-v3+json"


@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT)


def mido(url, *args, env):
    done = run_in_process(["--midonet-url", url, *args], env)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def routers(server):
    """Names of the routers in the sandbox, asked directly (not through the proxy)."""
    return [r["name"] for r in requests.get(server.url + "/routers", timeout=10).json()]


def make_router(server, name):
    """A router made in the sandbox directly; its id."""
    made = requests.post(server.url + "/routers", data=json.dumps({"name": name}),
                         headers={"Content-Type": ROUTER_MEDIA}, timeout=10)
    assert made.status_code == 201
    return made.headers["Location"].rsplit("/", 1)[1]


def retries(done):
    """The retry notices midoshell printed on stderr."""
    return [line for line in done.stderr.splitlines() if line.startswith("midoshell: retrying ")]


def first_error(done):
    """The first line of stderr that is not a retry notice."""
    return next(line for line in done.stderr.splitlines() if line not in retries(done))


# -- connections ------------------------------------------------------------------------------
def test_connection_refused_exits_3(proxy, sandbox, env):
    proxy.refuse()
    done = mido(proxy.url, "-c", "create router name r1", env=env)
    assert done.returncode == 3
    assert first_error(done).startswith(f"-c:1: cannot reach the MidoNet API at {proxy.url}: "
                                        "connection refused")
    assert "connection refused" in first_error(done)
    assert done.stdout == ""
    assert proxy.count() == 0 and routers(sandbox) == []


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
def test_dropped_connections_on_a_get_are_retried(proxy, sandbox, env, reset):
    make_router(sandbox, "r1")
    proxy.on(Drop(reset=reset), "GET", ROUTERS, times=2)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 0, done.stderr
    assert "name r1" in done.stdout
    gets = proxy.requests("GET", ROUTERS)
    assert [g.fault for g in gets] == ["Drop", "Drop", "forward"]
    assert proxy.count("GET", ROUTERS, forwarded=True) == 1
    assert [line.split(": ")[1] for line in retries(done)] == [
        "retrying GET /midonet-api/routers (2/3)", "retrying GET /midonet-api/routers (3/3)"]


REPR_DEBRIS = r"""[(\[]'|'[)\]]|"\)|\)\)"""  # ('…', …')  "))  as left by repr() of an exception


@pytest.mark.parametrize("fault", ["refused", "closed", "reset"])
def test_connection_failures_are_told_in_plain_words(proxy, sandbox, env, fault):
    if fault == "refused":
        proxy.refuse()
    else:
        proxy.on(Drop(reset=fault == "reset"), "POST", ROUTERS)
    done = mido(proxy.url, "-c", "create router name r1", env=env)
    assert done.returncode == 3
    assert not re.search(REPR_DEBRIS, first_error(done)), first_error(done)


def test_a_dropped_post_is_not_resent(proxy, sandbox, env):
    proxy.on(Drop(), "POST", ROUTERS, times=1)
    done = mido(proxy.url, "-c", "create router name r1", env=env)
    assert done.returncode == 3
    assert first_error(done).startswith("-c:1: cannot reach the MidoNet API")
    assert proxy.count("POST", ROUTERS) == 1  # the client cannot know it was not acted on
    assert routers(sandbox) == []


# -- 503 and Retry-After ----------------------------------------------------------------------
@pytest.mark.parametrize("header", ["Retry-After", "RetryAfter"])
def test_a_get_answered_503_twice_is_retried_after_the_servers_delay(proxy, sandbox, env,
                                                                     header):
    make_router(sandbox, "r1")
    busy = Answer(503, b'{"message": "busy", "code": 503}', "application/json", {header: "1"})
    proxy.on(busy, "GET", ROUTERS, times=2)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 0, done.stderr
    assert "name r1" in done.stdout
    gets = proxy.requests("GET", ROUTERS)
    assert [g.status for g in gets] == [503, 503, 200]
    assert retries(done) == ["midoshell: retrying GET /midonet-api/routers (2/3): HTTP 503",
                             "midoshell: retrying GET /midonet-api/routers (3/3): HTTP 503"]
    gaps = [later.at - earlier.at for earlier, later in zip(gets, gets[1:])]
    print("gaps between attempts:", [round(g, 2) for g in gaps])
    # Retry-After: 1 second each time, not the client's own (shorter) backoff
    assert all(0.95 <= gap < 5 for gap in gaps), gaps


def test_a_post_answered_503_is_not_resent(proxy, sandbox, env):
    proxy.on(Answer(503, b"", headers={"Retry-After": "1"}), "POST", ROUTERS, times=1)
    done = mido(proxy.url, "-c", "create router name r1", env=env)
    assert done.returncode == 1
    assert first_error(done).startswith("-c:1: API error 503")
    assert proxy.count("POST", ROUTERS) == 1
    assert routers(sandbox) == []


def test_a_get_answered_503_for_ever_gives_up(proxy, sandbox, env):
    proxy.on(Answer(503, b"", headers={"Retry-After": "0"}), "GET", ROUTERS, times=None)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 1
    assert first_error(done).startswith("-c:1: API error 503")
    assert 2 <= proxy.count("GET", ROUTERS) <= 5  # a few retries, not a loop
    assert proxy.count("GET", ROUTERS, forwarded=True) == 0


# -- resets after the request was sent ------------------------------------------------------
@pytest.mark.parametrize("fault", [ResetAfterForward(), ResetMidAnswer()],
                         ids=["before-answer", "mid-answer"])
def test_a_post_reset_after_it_was_sent_is_not_resent(proxy, sandbox, env, fault):
    proxy.on(fault, "POST", ROUTERS, times=1)
    done = mido(proxy.url, "-c", "create router name r1", env=env)
    assert done.returncode == 3
    assert first_error(done).startswith(f"-c:1: cannot reach the MidoNet API at {proxy.url}")
    assert proxy.count("POST", ROUTERS) == 1
    assert routers(sandbox) == ["r1"]  # created once, never twice


def test_a_get_reset_mid_answer_is_retried(proxy, sandbox, env):
    make_router(sandbox, "r1")
    proxy.on(ResetMidAnswer(), "GET", ROUTERS, times=1)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 0, done.stderr
    assert "name r1" in done.stdout
    assert proxy.count("GET", ROUTERS, forwarded=True) == 2


# -- timeouts ---------------------------------------------------------------------------------
def test_a_read_timeout_exits_3(proxy, sandbox, env):
    proxy.on(Delay(4), "GET", ROUTERS, times=None)
    done = mido(proxy.url, "--timeout", "1", "-c", "list router", env=env)
    assert done.returncode == 3
    assert first_error(done) == (f"-c:1: cannot reach the MidoNet API at {proxy.url}: "
                                 "timed out after 1 s (see --timeout)")
    assert proxy.count("GET", ROUTERS) == 1  # the deadline has passed: no time for a retry


def test_a_post_that_timed_out_is_not_resent(proxy, sandbox, env):
    proxy.on(Delay(3), "POST", ROUTERS, times=None)
    done = mido(proxy.url, "--timeout", "1", "-c", "create router name r1", env=env)
    assert done.returncode == 3
    assert ": timed out after 1 s" in first_error(done)
    assert first_error(done).endswith("(the POST was sent: it may have been applied)")
    assert proxy.count("POST", ROUTERS) == 1


# -- several API URLs ------------------------------------------------------------------------
@pytest.mark.parametrize("joined", [False, True], ids=["repeated", "comma-separated"])
def test_failover_from_a_dead_url_to_a_good_one(proxy, sandbox, env, joined):
    with FaultProxy(sandbox.url) as dead:
        dead.refuse()
        urls = ["--midonet-url", f"{dead.url},{proxy.url}"] if joined else \
            ["--midonet-url", dead.url, "--midonet-url", proxy.url]
        done = run_in_process([*urls, "-c", "create router name r1", "-c", "list router"], env)
        assert done.returncode == 0, done.stderr
        assert "name r1" in done.stdout.splitlines()[1]
        assert dead.count() == 0
        assert retries(done)[0].startswith(f"midoshell: retrying GET /midonet-api/ at "
                                           f"{proxy.url} (2/")
    assert proxy.count("POST", ROUTERS) == 1
    assert routers(sandbox) == ["r1"]


def test_failover_when_a_node_dies_mid_session(sandbox, env):
    with FaultProxy(sandbox.url) as first, FaultProxy(sandbox.url) as second:
        first.on(Die(), "GET", ROUTERS)
        done = mido(f"{first.url},{second.url}", "-c", "create router name r1",
                    "-c", "list router", env=env)
        assert done.returncode == 0, done.stderr
        assert "name r1" in done.stdout.splitlines()[1]
        assert first.count("POST", ROUTERS) == 1  # the first node did the create
        assert second.count("GET", ROUTERS) == 1  # the second answered the list
    assert routers(sandbox) == ["r1"]


# -- the server dies in the middle of a script ----------------------------------------------
def test_a_server_dying_mid_script_stops_it_at_that_line(tmp_path, env):
    state = tmp_path / "mido.db"
    proc, url = serve_sandbox(state, env, hosts=1)
    try:
        with FaultProxy(url) as proxy:
            proxy.on(Die(), "POST", r"/bridges$")
            script = tmp_path / "build.mido"
            script.write_text("create router name r1\ncreate router name r2\n"
                              "create bridge name b1\ncreate router name r3\n")
            done = mido(proxy.url, "-f", str(script), env=env)
            assert done.returncode == 3
            assert first_error(done).startswith(
                f"{script}:3: cannot reach the MidoNet API at {proxy.url}")
            assert f"{script}: stopped at line 3; lines 1-2 ran" in done.stderr
            assert len(done.stdout.splitlines()) == 2  # the two routers' ids
            assert proxy.count("POST", ROUTERS) == 2
            assert proxy.count("POST", forwarded=True) == 2  # b1 never reached the server

            # The server process dies for real, then comes back on the same state file.
            proc.kill()
            proc.wait(10)
            proc, url = serve_sandbox(state, env, hosts=1)
            proxy.set_backend(url)
            proxy.listen()
            back = mido(proxy.url, "--aliases", "-c", "list router", "-c", "list bridge",
                        env=env)
            assert back.returncode == 0, back.stderr
            assert [line.split()[3] for line in back.stdout.splitlines()] == ["r1", "r2"]
    finally:
        proc.kill()
        proc.wait(10)


# -- answers that are not the MidoNet API's --------------------------------------------------
HTML_PAGE = (b"<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
             b"<body><h1>Internal Server Error</h1><p>Something broke.</p></body></html>")


def test_a_body_that_is_not_json_is_a_clear_error(proxy, sandbox, env):
    media = "application/vnd.org.midonet.collection.Router-v3+json"
    proxy.on(Answer(200, b"this is not JSON {", media), "GET", ROUTERS, times=None)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 1
    assert first_error(done).startswith("-c:1: ")
    assert "not JSON" in first_error(done)
    assert done.stdout == ""


@pytest.mark.parametrize("path", [ROUTERS, r"/midonet-api/$"], ids=["collection", "root"])
def test_an_html_page_is_a_clear_error(proxy, sandbox, env, path):
    proxy.on(Answer(200, HTML_PAGE, "text/html; charset=utf-8"), "GET", path, times=None)
    done = mido(proxy.url, "-c", "list router", env=env)
    # An HTML page instead of the root document: there is no API at that URL.
    assert done.returncode == (3 if path.startswith("/midonet-api") else 1)
    assert "not JSON" in first_error(done) and "text/html" in first_error(done)
    assert "<html>" not in done.stderr  # the page itself is not dumped on the user


def test_an_html_error_page_is_a_clear_error(proxy, sandbox, env):
    proxy.on(Answer(500, HTML_PAGE, "text/html"), "GET", ROUTERS, times=None)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 1
    assert first_error(done).startswith("-c:1: API error 500")
    assert "text/html" in first_error(done)
    assert "<html>" not in done.stderr
    assert proxy.count("GET", ROUTERS) == 1  # a 500 is not retried


def test_a_load_balancers_502_page_is_retried_then_reported(proxy, sandbox, env):
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    proxy.on(Answer(502, page, "text/html"), "GET", ROUTERS, times=None)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 1
    assert first_error(done).startswith("-c:1: API error 502")
    assert "text/html" in first_error(done)
    assert 2 <= proxy.count("GET", ROUTERS) <= 5


# -- 401 in the middle of a session -----------------------------------------------------------
USER, PASSWORD = "admin", "s3cret%x"
UNAUTHORIZED = Answer(401, b'{"message": "Authentication error", "code": 401}',
                      "application/json", {"WWW-Authenticate": 'Basic realm="BASIC_AUTH_REALM"'})


@pytest.fixture
def locked():
    server = start(port=0, hosts=1, auth="password", user=USER, password=PASSWORD)
    with FaultProxy(server.url) as fault_proxy:
        yield server, fault_proxy
    server.stop()


@pytest.fixture
def login_env(env):
    return dict(env, MIDO_USER=USER, MIDO_PASSWORD=PASSWORD)


def tokens(proxy, method, path):
    return [s.headers.get("x-auth-token") for s in proxy.requests(method, path)]


def test_a_401_mid_session_logs_in_again_once(locked, login_env):
    server, proxy = locked
    proxy.on(UNAUTHORIZED, "GET", ROUTERS, times=1)  # as if the token had expired
    done = mido(proxy.url, "-c", "create router name r1", "-c", "list router", env=login_env)
    assert done.returncode == 0, done.stderr
    assert "name r1" in done.stdout.splitlines()[1]
    assert proxy.count("POST", r"/login$") == 2
    assert [s.status for s in proxy.requests("GET", ROUTERS)] == [401, 200]
    first, retried = tokens(proxy, "GET", ROUTERS)
    assert first and retried and first != retried  # the retry carries the new token
    assert PASSWORD not in done.stderr + done.stdout


def test_a_post_refused_with_401_is_sent_again_after_login(locked, login_env):
    server, proxy = locked
    proxy.on(UNAUTHORIZED, "POST", ROUTERS, times=1)
    done = mido(proxy.url, "-c", "create router name r1", env=login_env)
    assert done.returncode == 0, done.stderr
    assert proxy.count("POST", r"/login$") == 2
    assert [s.status for s in proxy.requests("POST", ROUTERS)] == [401, 201]
    token = proxy.requests("POST", r"/login$")[-1]
    assert token.status == 200
    names = [r["name"] for r in requests.get(
        server.url + "/routers", timeout=10,
        headers={"X-Auth-Token": tokens(proxy, "POST", ROUTERS)[-1]}).json()]
    assert names == ["r1"]  # a 401 means it was not acted on: one router, not two


def test_a_401_that_persists_after_login_exits_3(locked, login_env):
    _, proxy = locked
    proxy.on(UNAUTHORIZED, "GET", ROUTERS, times=None)
    done = mido(proxy.url, "-c", "list router", env=login_env)
    assert done.returncode == 3
    assert "401" in first_error(done)
    assert proxy.count("POST", r"/login$") == 2  # one fresh login, not a loop
    assert proxy.count("GET", ROUTERS) == 2
