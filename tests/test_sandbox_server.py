"""Sandbox: start/stop, persistence across restarts on a state file, and the CLI."""

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from midoshell.sandbox import start
from sandbox_helpers import Api

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_start_returns_a_listening_server():
    server = start(port=0, hosts=0)
    try:
        assert server.url == f"http://127.0.0.1:{server.port}/midonet-api"
        assert isinstance(server.port, int) and server.port > 0
        assert requests.get(server.url + "/hosts").json() == []
    finally:
        server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url, timeout=2)
    server.stop()  # a second stop is harmless


def test_state_persists_across_restarts(tmp_path):
    state = str(tmp_path / "sandbox.db")
    with start(port=0, state=state, hosts=3) as server:
        api = Api(server)
        router = api.router(name="kept", tenantId="t")
        port = api.router_port(router, "10.0.0.1", 24)
        zone = api.tunnel_zone("tz-kept")
        host_id = api.hosts()[0]["id"]
        api.post(zone["hosts"], {"hostId": host_id, "ipAddress": "10.0.0.1"},
                 ctype="application/vnd.org.midonet.TunnelZoneHost-v1+json")
        api.put(f"hosts/{host_id}", {"floodingProxyWeight": 9, "containerWeight": 1,
                                     "containerLimit": -1, "enforceContainerLimit": False})
    assert os.path.exists(state)

    with start(port=0, state=state, hosts=3) as server:
        api = Api(server)
        hosts = api.hosts()
        assert len(hosts) == 3  # seeding again adds nothing
        assert hosts[0]["floodingProxyWeight"] == 9  # and keeps changes to seeded hosts
        [got] = api.get("routers").json()
        assert got["name"] == "kept" and got["id"] == router["id"]
        assert got["uri"] == f"{server.url}/routers/{router['id']}"
        assert api.get(f"ports/{port['id']}").json()["portAddress"] == "10.0.0.1"
        assert len(api.get(f"routers/{router['id']}/routes").json()) == 1
        assert [z["name"] for z in api.get("tunnel_zones").json()] == ["tz-kept"]
        # the tunnel-key counter persists too: a new port gets a fresh key
        new_port = api.router_port(got, "10.0.1.1", 24)
        assert new_port["tunnelKey"] != port["tunnelKey"]

    with start(port=0, state=state, hosts=5) as server:
        assert len(Api(server).hosts()) == 5


def test_two_sandboxes_are_independent():
    with start(port=0) as a, start(port=0) as b:
        Api(a).router()
        assert Api(b).get("routers").json() == []


def _spawn(*args):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_until_signalled(tmp_path, signum):
    proc = _spawn("--port", "0", "--hosts", "2", "--state", str(tmp_path / "s.db"))
    try:
        line = proc.stdout.readline()
        prefix = "midoshell-sandbox: serving "
        assert line.startswith(prefix), line + proc.stderr.read()
        url = line[len(prefix):].strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/midonet-api")
        assert not url.endswith(":0/midonet-api")
        root = requests.get(url, headers={"Accept": "application/json"}, timeout=5)
        assert root.status_code == 200 and root.json()["uri"] == url + "/"
        assert len(requests.get(url + "/hosts", timeout=5).json()) == 2
    finally:
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert out == ""  # exactly one line on stdout


@pytest.mark.parametrize("args", [["--auth", "password"], ["--port", "x"], ["--hosts", "-1"],
                                  ["--auth", "kerberos"], ["--bogus"]])
def test_cli_argument_errors_exit_2(args):
    proc = _spawn(*args)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 2
    assert "usage: midoshell-sandbox" in err and out == ""


@pytest.mark.parametrize("count", ["99999999999999999999", "10001", "abc", "1e3"])
def test_cli_refuses_a_host_count_out_of_bounds(count):
    proc = _spawn("--port", "0", "--hosts", count)
    out, err = _finish(proc, timeout=10)
    assert proc.returncode == 2 and out == ""
    assert "usage: midoshell-sandbox" in err and "--hosts" in err and "10000" in err
    assert "Traceback" not in err


def test_cli_seeds_the_most_hosts_it_allows(tmp_path):
    proc = _spawn("--port", "0", "--hosts", "10000", "--state", str(tmp_path / "s.db"))
    try:
        url = proc.stdout.readline().split()[-1]
        hosts = requests.get(url + "/hosts", timeout=60).json()
        assert len(hosts) == 10000
        addresses = [h["addresses"][1] for h in hosts]
        assert len(set(addresses)) == 10000 and addresses[0] == "192.168.100.10"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=20)
    assert proc.returncode == 0


def _finish(proc, timeout):
    """proc.communicate(), killing the process if it outlives `timeout`."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise


SLOW_SEEDING = """
import sys, time
from midoshell.sandbox import cli, store
insert = store.Store.insert
def slow_insert(self, *args):  # a slow disk: each seeded host takes a while
    time.sleep(0.05)
    return insert(self, *args)
store.Store.insert = slow_insert
print("seeding", flush=True)
sys.exit(cli.main(sys.argv[1:]))
"""


def test_cli_stops_at_sigterm_while_it_seeds(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    state = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SEEDING, "--port", "0",
                             "--hosts", "10000", "--state", str(state)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline() == "seeding\n"
    time.sleep(0.5)
    began = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    out, err = _finish(proc, timeout=10)
    assert time.monotonic() - began < 3, "SIGTERM waited for the seeding"
    assert "serving" not in out and "Traceback" not in err
    assert proc.returncode == 0
