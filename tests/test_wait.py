"""wait-until: polls a state field until it has a value, fails after the timeout saying what
it saw; the sandbox's admin endpoint (off unless asked for) changes those fields."""

import threading
import time

import pytest
import requests

from midoshell import commands as c
from midoshell.parsing import parse
from midoshell.errors import MidoSyntaxError
from midoshell.wait import pauses
from tests.conftest import ROOT, run_in_process


@pytest.fixture
def admin_sandbox():
    from midoshell.sandbox.server import SandboxServer

    server = SandboxServer(hosts=1, admin=True)
    yield server
    server.stop()


@pytest.fixture
def env(admin_sandbox, isolated_home):
    import os

    environ = dict(os.environ)
    environ["MIDO_API_URL"] = admin_sandbox.url
    environ["PYTHONPATH"] = ROOT
    return environ


def admin_url(server, kind, obj_id):
    return server.url.rsplit("/midonet-api", 1)[0] + f"/_sandbox/state/{kind}/{obj_id}"


def set_state(server, kind, obj_id, **fields):
    answer = requests.put(admin_url(server, kind, obj_id), json=fields, timeout=5)
    assert answer.status_code == 204, answer.text


def first_host(server):
    return requests.get(server.url + "/hosts", timeout=5).json()[0]["id"]


@pytest.mark.parametrize("line, field, value, timeout", [
    ("wait-until host host0 alive true", "alive", True, 60.0),
    ("wait-until router router0 port port0 plugged yes timeout 5", "plugged", True, 5.0),
    ("wait-until container container0 status running timeout 0", "status", "RUNNING", 0.0),
    ("list host", None, None, None),
])
def test_parsed(line, field, value, timeout):
    command = parse(line)
    if field is None:  # other lines are not taken for waits
        assert not isinstance(command, c.WaitCommand)
        return
    assert isinstance(command, c.WaitCommand)
    assert (command.attr.name, command.value, command.timeout) == (field, value, timeout)


@pytest.mark.parametrize("line, message, column", [
    ("wait-until host host0 alive maybe", "bad value for alive", 29),
    ("wait-until host host0 frob true", "'frob' is not a field", 23),
    ("wait-until host host0 alive true timeout -1", "bad timeout", 42),
    ("wait-until host host0 alive true timeout x", "bad timeout", 42),
    ("wait-until host host0 alive true later", "unexpected 'later'", 34),
    ("wait-until host host0 alive", "expected the value of alive", 28),
    ("wait-until host host0", "expected a field", 22),
    ("wait-until host", "expected an alias", 16),
    ("wait-until", "expected a quoted value, an object", 1),
])
def test_bad_lines(line, message, column):
    with pytest.raises(MidoSyntaxError) as caught:
        parse(line)
    assert message in caught.value.message
    assert caught.value.column == column


def test_backoff_grows_to_a_ceiling():
    gen = pauses(0.1, 2.0, 2.0)
    seen = [next(gen) for _ in range(8)]
    assert seen[:3] == [0.1, 0.2, 0.4]
    assert seen[-1] == 2.0 and max(seen) == 2.0


def test_returns_at_once_when_the_field_has_the_value(env):
    started = time.monotonic()
    done = run_in_process(["-c", "wait-until host host0 alive true timeout 30"], env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert time.monotonic() - started < 10


def test_times_out_saying_what_it_saw(env):
    started = time.monotonic()
    done = run_in_process(["-c", "wait-until host host0 alive false timeout 0.6"], env)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == ("-c:1: wait-until: timed out after 0.6 s: host host0 alive is "
                           "true, not false\n")
    assert time.monotonic() - started >= 0.6


def test_waits_for_a_change_made_meanwhile(admin_sandbox, env):
    host = first_host(admin_sandbox)
    set_state(admin_sandbox, "host", host, alive=False)
    timer = threading.Timer(1.0, set_state, (admin_sandbox, "host", host), {"alive": True})
    timer.start()
    try:
        started = time.monotonic()
        done = run_in_process(["-c", "wait-until host host0 alive true timeout 20"], env)
        took = time.monotonic() - started
    finally:
        timer.join()
    assert (done.returncode, done.stderr) == (0, "")
    assert 1.0 <= took < 15


def test_port_plugged_and_container_status(admin_sandbox, env):
    script = ("create router name r\n"
              "router router0 add port address 10.0.0.1 net 10.0.0.0/24\n"
              "wait-until router router0 port port0 plugged no timeout 0\n"
              "create container-group\n"
              "create container type IPSEC container-group cgroup0 port router0:port0\n"
              "wait-until container container0 status stopped timeout 0\n")
    done = run_in_process(["-f", "-"], env, stdin=script)
    assert done.returncode == 0, done.stderr
    port = requests.get(admin_sandbox.url + "/ports", timeout=5).json()[0]["id"]
    container = requests.get(admin_sandbox.url + "/service_containers",
                             timeout=5).json()[0]["id"]
    set_state(admin_sandbox, "port", port, active=True)
    set_state(admin_sandbox, "service_container", container, statusCode="RUNNING")
    done = run_in_process(["-c", "wait-until router router0 port port0 plugged yes timeout 0",
                          "-c", "wait-until container container0 status running timeout 0"],
                         env)
    assert (done.returncode, done.stderr) == (0, "")
    done = run_in_process(["-c", "wait-until container container0 status error timeout 0.2"],
                         env)
    assert done.returncode == 1
    assert "status is running, not error" in done.stderr


def test_admin_endpoint_is_off_unless_asked_for(sandbox):
    answer = requests.put(admin_url(sandbox, "host", first_host(sandbox)),
                          json={"alive": False}, timeout=5)
    assert answer.status_code == 404
    assert requests.get(sandbox.url + "/hosts", timeout=5).json()[0]["alive"] is True


def test_admin_endpoint_changes_only_state_fields(admin_sandbox):
    host = first_host(admin_sandbox)
    answer = requests.put(admin_url(admin_sandbox, "host", host), json={"name": "x"}, timeout=5)
    assert answer.status_code == 400
    answer = requests.put(admin_url(admin_sandbox, "router", host), json={"a": 1}, timeout=5)
    assert answer.status_code == 404
    assert requests.get(admin_sandbox.url + "/hosts", timeout=5).json()[0]["name"] != "x"


@pytest.mark.parametrize("text, expected", [
    ("wai", "wait-until"),
    ("wait-until ho", "host"),
    ("wait-until host host0 al", "alive"),
    ("wait-until host host0 alive ", "true"),
    ("wait-until host host0 alive true ", "timeout"),
    ("wait-until router router0 port port0 pl", "plugged"),
    ("wait-until container container0 status ", "running"),
])
def test_completion_follows_the_grammar(text, expected, env):
    done = run_in_process(["--complete-command", text], env)
    assert done.returncode == 0, done.stderr
    assert expected in [line.split()[-1] for line in done.stdout.splitlines()]


def test_a_wait_outlasts_the_command_timeout(admin_sandbox, env):
    """--timeout bounds each command; wait-until waits its own timeout on top of it."""
    host = first_host(admin_sandbox)
    set_state(admin_sandbox, "host", host, alive=False)
    timer = threading.Timer(2.5, set_state, (admin_sandbox, "host", host), {"alive": True})
    timer.start()
    try:
        done = run_in_process(["--timeout", "1", "-c", "wait-until host host0 alive true timeout 20"],
                             env)
    finally:
        timer.join()
    assert (done.returncode, done.stderr) == (0, "")
