"""The sandbox against hostile or broken clients, spoken to over raw sockets.

A slow or malformed request must never freeze the others or end in a 500: each gets a 4xx
(507/503 for a full or busy state file) with MidoNet's JSON error body.
"""

import json
import socket
import sqlite3
import threading
import time

import pytest
import requests

from midoshell.sandbox import start, store as store_module

BRIDGE = "application/vnd.org.midonet.Bridge-v4+json"
ERROR = "application/vnd.org.midonet.Error-v1+json"


@pytest.fixture
def server():
    with start(port=0, hosts=1) as served:
        yield served


def send_raw(server, data, close_write=True, timeout=20):
    """Send `data` on a new connection; return (status, headers, body) of the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(data)
        if close_write:
            sock.shutdown(socket.SHUT_WR)
        return read_answer(sock)


def read_answer(sock):
    raw = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def request(method, path, body=b"", headers=(), host="127.0.0.1", ctype="application/json"):
    lines = [f"{method} /midonet-api{path} HTTP/1.1", f"Host: {host}",
             f"Content-Type: {ctype}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def assert_json_error(answer, status):
    got, headers, body = answer
    assert got == status, (got, body)
    assert headers["content-type"].startswith(ERROR), headers
    assert json.loads(body)["code"] == status
    return json.loads(body)["message"]


# -- a body that never finishes ---------------------------------------------------------------
def test_a_body_that_never_arrives_does_not_hold_up_anyone(server, monkeypatch):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
        slow.sendall(request("POST", "/bridges", b"{", ["Content-Length: 20"]))
        time.sleep(0.3)  # the server has read the headers and is waiting for the rest
        began = time.monotonic()
        root = requests.get(server.url + "/", timeout=10)
        made = requests.post(server.url + "/bridges", data='{"name": "quick"}',
                             headers={"Content-Type": BRIDGE}, timeout=10)
        assert root.status_code == 200 and made.status_code == 201
        assert time.monotonic() - began < 2
        # and the slow client hears 408, with a JSON body, within a few seconds
        message = assert_json_error(read_answer(slow), 408)
        assert "body" in message
    assert time.monotonic() - began < 12
    names = [b["name"] for b in requests.get(server.url + "/bridges", timeout=10).json()]
    assert names == ["quick"]


def test_a_body_trickling_in_still_ends_in_408(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
        slow.sendall(request("POST", "/bridges", b"", ["Content-Length: 200"]))
        began = time.monotonic()
        answer = None
        slow.settimeout(0.5)
        while answer is None and time.monotonic() - began < 20:
            try:
                slow.sendall(b" ")
                time.sleep(0.4)
                if slow.recv(1, socket.MSG_PEEK):
                    slow.settimeout(10)
                    answer = read_answer(slow)
            except socket.timeout:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        assert answer is not None, "no answer to a body sent one byte at a time"
        assert_json_error(answer, 408)
        assert time.monotonic() - began < 12


def test_sigterm_is_not_held_up_by_a_slow_client(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
        slow.sendall(request("POST", "/bridges", b"{", ["Content-Length: 20"]))
        time.sleep(0.3)
        began = time.monotonic()
        server.stop()
        assert time.monotonic() - began < 2


def test_a_busy_state_file_is_503_with_retry_after(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.5)
    state = str(tmp_path / "busy.db")
    with start(port=0, state=state, hosts=0) as served:
        other = sqlite3.connect(state, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            answer = requests.post(served.url + "/bridges", data="{}",
                                   headers={"Content-Type": BRIDGE}, timeout=20)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert answer.status_code == 503, answer.text
        assert answer.headers["Content-Type"].startswith(ERROR)
        assert int(answer.headers["Retry-After"]) >= 1
        assert answer.json()["code"] == 503
        # once the other writer is done, writes go through again
        assert requests.post(served.url + "/bridges", data="{}",
                             headers={"Content-Type": BRIDGE}, timeout=20).status_code == 201


# -- malformed requests: a 4xx with a JSON body, never a 500 ----------------------------------
DEEP = b"[" * 1000 + b"]" * 1000
DEEPER = b'{"name": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5000 + b"}"


@pytest.mark.parametrize("body", [DEEP, DEEPER], ids=["array", "object"])
@pytest.mark.parametrize("method, path", [("POST", "/bridges"), ("POST", "/routers"),
                                          ("POST", "/tunnel_zones"), ("PUT", "/hosts/{host}")])
def test_json_nested_deep_is_400(server, method, path, body):
    host = requests.get(server.url + "/hosts", timeout=10).json()[0]["id"]
    answer = send_raw(server, request(method, path.format(host=host), body,
                                      [f"Content-Length: {len(body)}"]))
    assert_json_error(answer, 400)


def test_a_body_shorter_than_its_length_is_400(server):
    answer = send_raw(server, request("POST", "/bridges", b"{}", ["Content-Length: 20"]))
    assert "Content-Length" in assert_json_error(answer, 400)
    assert requests.get(server.url + "/bridges", timeout=10).json() == []


@pytest.mark.parametrize("headers", [
    ["Content-Length: 2", "Content-Length: 20"],
    ["Content-Length: 2", "Content-Length: 2"],
    ["Content-Length: +2"],
    ["Content-Length: 0x2"],
    ["Content-Length: -1"],
    ["Content-Length: 2", "Transfer-Encoding: chunked"],
])
def test_ambiguous_framing_is_400(server, headers):
    answer = send_raw(server, request("POST", "/bridges", b"{}", headers))
    assert_json_error(answer, 400)


@pytest.mark.parametrize("chunks", [b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n",
                                    b"-2\r\n{}\r\n0\r\n\r\n"])
def test_a_bad_chunk_is_400(server, chunks):
    answer = send_raw(server, request("POST", "/bridges", chunks,
                                      ["Transfer-Encoding: chunked"]))
    assert_json_error(answer, 400)


def test_a_good_chunked_body_still_works(server):
    chunks = b'5\r\n{"nam\r\nd\r\ne": "chunky"}\r\n0\r\n\r\n'
    status, headers, _ = send_raw(server, request("POST", "/bridges", chunks,
                                                  ["Transfer-Encoding: chunked"]))
    assert status == 201, headers
    assert [b["name"] for b in requests.get(server.url + "/bridges", timeout=10).json()] \
        == ["chunky"]


def test_an_unknown_transfer_coding_is_refused(server):
    answer = send_raw(server, request("POST", "/bridges", b"{}",
                                      ["Transfer-Encoding: gzip, chunked"]))
    assert_json_error(answer, 501)


def test_a_huge_content_length_is_413_without_reading(server):
    answer = send_raw(server, request("POST", "/bridges", b"{}",
                                      ["Content-Length: 99999999999999"]))
    assert_json_error(answer, 413)


def test_a_full_disk_is_507_and_changes_nothing(tmp_path):
    with start(port=0, state=str(tmp_path / "full.db"), hosts=0) as served:
        made = requests.post(served.url + "/bridges", data='{"name": "before"}',
                             headers={"Content-Type": BRIDGE}, timeout=10)
        assert made.status_code == 201
        conn = served._store._conn  # SQLite's page limit stands in for a full disk
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        statuses, acked = [], ["before"]
        for n in range(300):
            name = f"{n:03}" + "x" * 250
            answer = requests.post(served.url + "/bridges", data=json.dumps({"name": name}),
                                   headers={"Content-Type": BRIDGE}, timeout=10)
            statuses.append(answer.status_code)
            if answer.status_code == 201:
                acked.append(name)
        assert set(statuses) == {201, 507} and statuses[-1] == 507, statuses
        assert answer.headers["Content-Type"].startswith(ERROR)
        assert answer.json()["code"] == 507
        names = [b["name"] for b in requests.get(served.url + "/bridges", timeout=10).json()]
        assert names == acked
        conn.execute("PRAGMA max_page_count = 1073741823")
        assert requests.post(served.url + "/bridges", data='{"name": "after"}',
                             headers={"Content-Type": BRIDGE}, timeout=10).status_code == 201
