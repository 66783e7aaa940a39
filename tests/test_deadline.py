"""--timeout is the deadline of the whole command: silent servers, dribbling servers, retries.

The servers here are fake, on 127.0.0.1 with an ephemeral port: one accepts connections and
never answers, one answers a byte at a time (in the status line or in the body).
"""

import os
import socket
import threading
import time

import pytest

from conftest import ROOT, run_midoshell
from midoshell.client import Client
from midoshell.errors import ConnectError

SLACK = 1.5  # from the first connection to the end of the process, on a loaded machine


class FakeServer:
    """Accepts connections on 127.0.0.1; `behaviour(conn)` runs for each in its own thread."""

    def __init__(self, behaviour):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/midonet-api"
        self.behaviour = behaviour
        self.connections = 0
        self.first_connection = None  # time.monotonic() of the first accept
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        self.listener.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:  # closed
                return
            self.connections += 1
            if self.first_connection is None:
                self.first_connection = time.monotonic()
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        with conn:
            try:
                self.behaviour(conn, self.stop)
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.listener.close()


def silent(conn, stop):
    """Read the request, never answer."""
    conn.recv(65536)
    stop.wait(120)


def dribble(text, every=0.5):
    def behaviour(conn, stop):
        conn.recv(65536)
        for byte in text:
            if stop.wait(every):
                return
            conn.sendall(bytes([byte]))
    return behaviour


ROOT_BODY = b'{"uri": "x", "version": "v5.0", "bridges": "x"}' + b" " * 200
SLOW_STATUS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" \
              b"Content-Length: %d\r\n\r\n" % len(ROOT_BODY) + ROOT_BODY


class SlowBody:
    """Headers at once, then the body a byte at a time."""

    def __call__(self, conn, stop):
        conn.recv(65536)
        conn.sendall(SLOW_STATUS[:SLOW_STATUS.index(b"\r\n\r\n") + 4])
        for byte in ROOT_BODY:
            if stop.wait(0.5):
                return
            conn.sendall(bytes([byte]))


@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT)


@pytest.mark.parametrize("behaviour", [silent, dribble(SLOW_STATUS), SlowBody()],
                         ids=["silent", "dribbled-status-line", "dribbled-body"])
def test_the_timeout_bounds_the_whole_command(env, behaviour):
    server = FakeServer(behaviour)
    try:
        done = run_midoshell(["--midonet-url", server.url, "--timeout", "3",
                              "-c", "list bridge"], env, timeout=60)
        took = time.monotonic() - server.first_connection  # the interpreter's start left out
    finally:
        server.close()
    print(f"--timeout 3 took {took:.2f} s from the first connection to the exit")
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"-c:1: cannot reach the MidoNet API at {server.url}: timed out after 3 s "
        f"(see --timeout)")
    assert 2.5 <= took < 3 + SLACK


def test_a_dribbling_server_is_cut_off_in_process():
    """The same without interpreter start-up: the deadline holds to a tenth of a second."""
    server = FakeServer(dribble(SLOW_STATUS, every=0.2))
    client = Client(server.url, timeout=1.5, notice=lambda text: None)
    try:
        began = time.monotonic()
        with pytest.raises(ConnectError, match="timed out after 1.5 s"):
            client.root()
        took = time.monotonic() - began
    finally:
        server.close()
    assert 1.4 <= took < 1.5 + 0.8, took


def test_retries_are_told_and_stay_within_the_deadline(env):
    def slam(conn, stop):  # read the request, close without an answer
        conn.recv(65536)

    server = FakeServer(slam)
    try:
        done = run_midoshell(["--midonet-url", server.url, "--timeout", "5",
                              "-c", "list bridge"], env, timeout=60)
    finally:
        server.close()
    assert done.returncode == 3
    lines = done.stderr.splitlines()
    assert [line.split(": ", 1)[1].split(")")[0] for line in lines[:2]] == [
        "retrying GET /midonet-api/ (2/3", "retrying GET /midonet-api/ (3/3"], lines
    assert lines[2].startswith(f"-c:1: cannot reach the MidoNet API at {server.url}: ")
    assert server.connections == 3


def test_one_deadline_for_all_the_requests_of_a_command(sandbox):
    """A command that needs several requests shares one deadline: each answer is slowed
    by the client's own clock here, so three 0.4 s answers pass a 1 s deadline."""
    class SlowClient(Client):
        def _follow(self, *args):
            time.sleep(0.4)
            return super()._follow(*args)

    client = SlowClient(sandbox.url, timeout=1.0, notice=lambda text: None)
    began = time.monotonic()
    with pytest.raises(ConnectError, match="timed out"):
        with client.deadline():
            for _ in range(5):
                client.get(sandbox.url + "/hosts", "application/json")
    assert time.monotonic() - began < 1.5
    # outside a command, each request has the whole timeout again
    assert len(client.get(sandbox.url + "/hosts", "application/json")) == 3


def test_the_deadline_holds_through_an_http_proxy(monkeypatch):
    """HTTP_PROXY is honoured, and a proxy that dribbles is cut off like a server."""
    server = FakeServer(dribble(SLOW_STATUS, every=0.2))
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    # the API's host is never resolved: the request goes to the loopback proxy
    client = Client("http://api.example.test:8181/midonet-api", timeout=1.5,
                    notice=lambda text: None)
    try:
        began = time.monotonic()
        with pytest.raises(ConnectError, match="timed out after 1.5 s"):
            client.root()
        took = time.monotonic() - began
    finally:
        server.close()
    assert server.connections == 1
    assert 1.4 <= took < 1.5 + 0.8, took
