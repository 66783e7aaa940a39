"""A write whose answer was lost: what midoshell says about it, and a DELETE done twice."""

import os

import pytest
import requests

from conftest import ROOT, run_in_process
from faultproxy import Answer, Delay, Drop, ResetAfterForward, ResetMidAnswer

ROUTER_MEDIA = "application/vnd.org.midonet.Router-v3+json"


@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT)


def routers(server):
    return [r["name"] for r in requests.get(server.url + "/routers", timeout=10).json()]


def run_script(tmp_path, url, env, *extra):
    script = tmp_path / "build.mido"
    script.write_text("create router name r1\ncreate router name r2\ncreate router name r3\n"
                      "create router name r4\n")
    done = run_in_process(["--midonet-url", url, *extra, "-f", str(script)], env)
    assert "Traceback" not in done.stderr
    return script, done


@pytest.mark.parametrize("fault", [ResetAfterForward(), ResetMidAnswer()],
                         ids=["reset-before-answer", "reset-mid-answer"])
def test_a_line_whose_write_reached_the_server_may_have_been_applied(proxy, sandbox, env,
                                                                     tmp_path, fault):
    proxy.on(Delay(0), "POST", r"/routers$", times=2)  # the first two pass
    proxy.on(fault, "POST", r"/routers$", times=1)  # the third is applied, its answer lost
    script, done = run_script(tmp_path, proxy.url, env)
    assert done.returncode == 3
    assert routers(sandbox) == ["r1", "r2", "r3"]  # line 3 was applied
    assert (f"{script}: stopped at line 3; lines 1-2 ran; line 3 may have been applied; "
            f"lines from 4 on did not run") in done.stderr
    assert "may have been applied" in done.stderr.splitlines()[0]


def test_a_line_that_never_reached_the_server_did_not_run(proxy, sandbox, env, tmp_path):
    proxy.on(Delay(0), "POST", r"/routers$", times=2)
    proxy.on(Drop(), "POST", r"/routers$", times=None)  # closed before it was passed on
    script, done = run_script(tmp_path, proxy.url, env)
    assert done.returncode == 3
    assert routers(sandbox) == ["r1", "r2"]
    # a dropped POST may have been read by a real server: midoshell cannot know better
    assert f"{script}: stopped at line 3; lines 1-2 ran;" in done.stderr


def test_a_refused_connection_is_a_line_that_did_not_run(proxy, sandbox, env, tmp_path):
    script = tmp_path / "two.mido"
    script.write_text("create router name r1\ncreate router name r2\n")
    proxy.on(Delay(0), "POST", r"/routers$", times=1)
    first = run_in_process(["--midonet-url", proxy.url, "-c", "create router name r1"], env)
    assert first.returncode == 0
    proxy.refuse()
    done = run_in_process(["--midonet-url", proxy.url, "-f", str(script)], env)
    assert done.returncode == 3
    assert "may have been applied" not in done.stderr


def member_setup(url, env):
    """A tunnel zone with one member; (zone id, host id).  A member's DELETE answers 404
    once it is gone (most DELETEs of the v5 API answer 204 either way)."""
    zone = run_in_process(["--midonet-url", url, "-c", "tunnel-zone create name tz type gre"],
                         env).stdout.strip()
    host = run_in_process(["--midonet-url", url, "-c", "host list"], env).stdout.split()[1]
    added = run_in_process(["--midonet-url", url, "-c",
                           f"tunnel-zone {zone} add member host {host} address 10.0.0.1"], env)
    assert added.returncode == 0, added.stderr
    return zone, host


def members(server, zone):
    return requests.get(f"{server.url}/tunnel_zones/{zone}/hosts", timeout=10).json()


def test_a_delete_retried_after_its_answer_was_lost_is_a_success(proxy, sandbox, env):
    zone, host = member_setup(sandbox.url, env)
    proxy.on(ResetAfterForward(), "DELETE", r"/hosts/", times=1)
    done = run_in_process(["--midonet-url", proxy.url, "-c",
                          f"tunnel-zone {zone} delete member host {host}"], env)
    assert done.returncode == 0, done.stderr
    assert members(sandbox, zone) == []
    deletes = proxy.requests("DELETE", r"/hosts/")
    assert [(d.forwarded, d.status) for d in deletes] == [(True, None), (True, 404)]
    assert "API error" not in done.stderr


def test_a_delete_answered_404_at_the_first_attempt_is_still_an_error(proxy, sandbox, env):
    """Gone before midoshell's DELETE (removed by someone else after midoshell looked it
    up): no earlier attempt of midoshell's did it, so the 404 is reported."""
    zone, host = member_setup(sandbox.url, env)
    gone = Answer(404, b'{"message": "The member was not found", "code": 404}',
                  "application/json")
    proxy.on(gone, "DELETE", r"/hosts/", times=1)
    done = run_in_process(["--midonet-url", proxy.url, "-c",
                          f"tunnel-zone {zone} delete member host {host}"], env)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["-c:1: API error 404: The member was not found"]
    assert proxy.count("DELETE") == 1
