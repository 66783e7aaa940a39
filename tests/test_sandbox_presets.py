"""midoshell-sandbox --packstack: the Packstack all-in-one guide's midonet-cli lines run end
to end against what it assumes Neutron (and the host's `ip link` lines) made."""

import os
import signal
import subprocess
import sys

import pytest
import requests

from conftest import ROOT, run_in_process
from midoshell.sandbox import start
from midoshell.sandbox.presets import PROVIDER_ROUTER_ID

# The guide's lines in order, as typed at the `midonet>` prompt (<host_IP> filled in).
GUIDE = [
    "tunnel-zone create name vxlan type vxlan",
    "list tunnel-zone",
    "list host",
    "tunnel-zone tzone0 add member host host0 address 192.168.100.10",
    "router list",
    "router router0 add port address 172.19.0.2 net 172.19.0.0/30",
    "router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router router0 "
    "port port0 gw 172.19.0.1",
    "host list",
    "host host0 add binding port router router0 port port0 interface veth1",
]


@pytest.fixture
def packstack(tmp_path):
    """`midoshell-sandbox --packstack` as a process; yields its URL."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", "--port", "0",
                             "--packstack", "--state", str(tmp_path / "s.db")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    try:
        assert line.startswith("midoshell-sandbox: serving "), proc.stderr.read()
        yield line.split()[-1]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)


def test_the_guide_runs_end_to_end_as_a_script(packstack, isolated_home):
    env = dict(os.environ, MIDO_API_URL=packstack, PYTHONPATH=ROOT)
    done = run_in_process([], env, stdin="\n".join(GUIDE) + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout.splitlines()  # scripts print ids where the prompt shows aliases
    assert f'router {PROVIDER_ROUTER_ID} name "MidoNet Provider Router" state up asn 0' in out
    [port] = requests.get(f"{packstack}/routers/{PROVIDER_ROUTER_ID}/ports", timeout=10).json()
    assert (port["portAddress"], port["interfaceName"]) == ("172.19.0.2", "veth1")
    assert out[-1] == f"host {port['hostId']} interface veth1 port {port['id']}"
    routes = requests.get(f"{packstack}/routers/{PROVIDER_ROUTER_ID}/routes", timeout=10).json()
    assert any(r["nextHopGateway"] == "172.19.0.1" and r["dstNetworkAddr"] == "0.0.0.0"
               and r["nextHopPort"] == port["id"] for r in routes)


def test_the_guide_runs_line_by_line_as_one_liners(packstack, isolated_home):
    env = dict(os.environ, MIDO_API_URL=packstack, PYTHONPATH=ROOT)
    for line in GUIDE:
        done = run_in_process(["-c", line], env)
        assert done.returncode == 0, (line, done.stderr)


def test_what_the_preset_holds():
    with start(port=0, hosts=2, preset="packstack") as server:
        [router] = requests.get(server.url + "/routers", timeout=10).json()
        assert (router["id"], router["name"]) == (PROVIDER_ROUTER_ID, "MidoNet Provider Router")
        assert requests.get(f"{router['uri']}/ports", timeout=10).json() == []
        [bridge] = requests.get(server.url + "/bridges", timeout=10).json()
        assert bridge["name"] == "ext-net"
        hosts = requests.get(server.url + "/hosts", timeout=10).json()
        names = [[i["name"] for i in h["hostInterfaces"]] for h in hosts]
        assert names == [["lo", "eth0", "veth0", "veth1", "uplinkbridge"], ["lo", "eth0"]]


def test_the_preset_is_made_once_on_a_state_file(tmp_path):
    state = str(tmp_path / "s.db")
    for _ in range(2):
        with start(port=0, hosts=1, state=state, preset="packstack") as server:
            assert len(requests.get(server.url + "/routers", timeout=10).json()) == 1
            assert len(requests.get(server.url + "/bridges", timeout=10).json()) == 1
            [host] = requests.get(server.url + "/hosts", timeout=10).json()
            assert len(host["hostInterfaces"]) == 5


def test_without_the_option_there_is_no_provider_router():
    with start(port=0, hosts=1) as server:
        assert requests.get(server.url + "/routers", timeout=10).json() == []


def test_the_request_log_has_no_colours_when_not_a_terminal(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", "--port", "0",
                             "--log-requests"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = proc.stdout.readline().split()[-1]
        requests.get(url + "/hosts", timeout=10)  # 200
        requests.get(url + "/nowhere", timeout=10)  # 404
        requests.post(url + "/bridges", data="{", timeout=10,
                      headers={"Content-Type": "application/json"})  # 400
        requests.get(url + "/hosts/%1b[31mred", timeout=10)  # a control character in the path
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    logged = [line for line in err.splitlines() if "HTTP/1.1" in line]
    assert len(logged) == 4, err
    assert "\x1b" not in err
    assert '"GET /midonet-api/hosts HTTP/1.1" 200' in logged[0]
    assert '" 404 ' in logged[1] and '" 400 ' in logged[2]
