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
        sock.sendall(data.replace(b"{port}", str(server.port).encode()))
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


def request(method, path, body=b"", headers=(), host="127.0.0.1:{port}",
            ctype="application/json"):
    """A raw request; send_raw() puts the server's port in place of {port}."""
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
@pytest.mark.slow
def test_a_body_that_never_arrives_does_not_hold_up_anyone(server, monkeypatch):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
        slow.sendall(request("POST", "/bridges", b"{", ["Content-Length: 20"],
                             host=f"127.0.0.1:{server.port}"))
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


@pytest.mark.slow
def test_a_body_trickling_in_still_ends_in_408(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
        slow.sendall(request("POST", "/bridges", b"", ["Content-Length: 200"],
                             host=f"127.0.0.1:{server.port}"))
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
        slow.sendall(request("POST", "/bridges", b"{", ["Content-Length: 20"],
                             host=f"127.0.0.1:{server.port}"))
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


# -- browsers: no CORS unless asked for, and the Host must name the server ---------------------
ORIGIN = "http://evil.example"


def test_no_cors_headers_by_default(server):
    for answer in (requests.get(server.url + "/bridges", headers={"Origin": ORIGIN}, timeout=10),
                   requests.options(server.url + "/bridges", timeout=10,
                                    headers={"Origin": ORIGIN,
                                             "Access-Control-Request-Method": "POST"}),
                   requests.post(server.url + "/bridges", data="{}", timeout=10,
                                 headers={"Origin": ORIGIN, "Content-Type": BRIDGE})):
        assert not [h for h in answer.headers if h.lower().startswith("access-control")], \
            answer.headers


def test_cors_for_the_origins_named_only():
    with start(port=0, hosts=0, cors=["http://ui.example:3000"]) as served:
        good = requests.get(served.url + "/bridges", timeout=10,
                            headers={"Origin": "http://ui.example:3000"})
        assert good.headers["Access-Control-Allow-Origin"] == "http://ui.example:3000"
        assert "Origin" in good.headers["Vary"]
        other = requests.get(served.url + "/bridges", headers={"Origin": ORIGIN}, timeout=10)
        assert "Access-Control-Allow-Origin" not in other.headers


def test_the_command_takes_cors_origins():
    from midoshell.sandbox.cli import _parser

    args = _parser().parse_args(["--cors", "http://a.example", "--cors", "*"])
    assert args.cors == ["http://a.example", "*"]
    assert "--cors" in _parser().format_help()


@pytest.mark.parametrize("host", [
    "evil.example:{port}", "evil.example", "127.0.0.1.evil.example:{port}", "127.0.0.1:{other}",
    "localhost:{other}", "127.0.0.1", "127.0.0.1:{port}@evil.example",
    "127.0.0.1:{port},evil.example", "[::1]:{other}", "127.0.0.1:+{port}", ""])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_foreign_host_is_refused_before_anything_happens(server, host, method):
    host = host.replace("{other}", str(server.port + 1))
    answer = send_raw(server, request(method, "/bridges", b'{"name": "rebound"}',
                                      ["Content-Length: 19"], host=host))
    assert_json_error(answer, 421)
    assert requests.get(server.url + "/bridges", timeout=10).json() == []


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}",
                                  "[::1]:{port}", "localhost.:{port}"])
def test_the_served_address_and_its_loopback_names_are_accepted(server, host):
    status, _, body = send_raw(server, request("GET", "/", host=host, ctype="*/*"))
    host = host.replace("{port}", str(server.port))
    assert status == 200, body
    links = json.loads(body)
    assert links["uri"].lower() == f"http://{host}/midonet-api/".lower()


def test_links_use_the_served_address_without_a_host_header(server):
    raw = b"GET /midonet-api/ HTTP/1.0\r\nAccept: application/json\r\n\r\n"
    status, _, body = send_raw(server, raw)
    assert status == 200 and json.loads(body)["uri"] == server.url + "/"


def test_an_absolute_request_target_is_checked_like_a_host(server):
    raw = (f"GET http://evil.example:{server.port}/midonet-api/ HTTP/1.1\r\n"
           f"Host: 127.0.0.1:{server.port}\r\n\r\n").encode()
    assert_json_error(send_raw(server, raw), 421)


def test_requests_queued_behind_a_busy_state_file_do_not_pile_up(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 1.0)
    state = str(tmp_path / "busy.db")
    with start(port=0, state=state, hosts=0) as served:
        other = sqlite3.connect(state, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        statuses = []

        def create():
            statuses.append(requests.post(served.url + "/bridges", data="{}", timeout=30,
                                          headers={"Content-Type": BRIDGE}).status_code)

        clients = [threading.Thread(target=create) for _ in range(8)]
        began = time.monotonic()
        try:
            for client in clients:
                client.start()
            for client in clients:
                client.join()
        finally:
            other.execute("ROLLBACK")
            other.close()
        # each waits at most the busy timeout, not the sum of everyone's before it
        assert time.monotonic() - began < 5
        assert statuses == [503] * 8


@pytest.mark.parametrize("raw, status", [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /midonet-api/ HTTP/9.9\r\nHost: 127.0.0.1:{port}\r\n\r\n", 505),
    (b"GET /midonet-api/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Long: " + b"a" * 70000
     + b"\r\n\r\n", 431),
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
])
def test_requests_http_server_refuses_get_a_json_error_too(server, raw, status):
    assert_json_error(send_raw(server, raw), status)


def test_a_name_given_with_allow_host_is_accepted():
    with start(port=0, hosts=0, allow_hosts=["sandbox.example"]) as served:
        raw = request("GET", "/", host="SANDBOX.example:{port}")
        status, _, body = send_raw(served, raw)
        assert status == 200 and json.loads(body)["uri"].lower() == \
            f"http://sandbox.example:{served.port}/midonet-api/"
        assert_json_error(send_raw(served, request("GET", "/", host="other.example:{port}")),
                          421)
        assert_json_error(send_raw(served, request("GET", "/", host="sandbox.example:1")), 421)
    with start(port=0, hosts=0) as served:
        assert_json_error(send_raw(served, request("GET", "/", host="sandbox.example:{port}")),
                          421)


def test_the_command_takes_allowed_host_names():
    from midoshell.sandbox.cli import _parser

    assert _parser().parse_args(["--allow-host", "a.example"]).allow_host == ["a.example"]


@pytest.mark.slow
def test_a_slow_body_over_https_is_408_and_holds_up_no_one(tmp_path):
    import ssl

    from test_https import make_certificate

    cert, key = make_certificate(tmp_path)[:2]
    with start(port=0, hosts=0, certfile=str(cert), keyfile=str(key)) as served:
        context = ssl.create_default_context(cafile=str(cert))
        raw = socket.create_connection(("127.0.0.1", served.port), timeout=30)
        with context.wrap_socket(raw, server_hostname="localhost") as slow:
            slow.sendall(request("POST", "/bridges", b"{", ["Content-Length: 20"],
                                 host=f"localhost:{served.port}"))
            time.sleep(0.3)
            began = time.monotonic()
            quick = requests.get(served.url + "/hosts", verify=str(cert), timeout=10)
            assert quick.status_code == 200 and time.monotonic() - began < 2
            assert_json_error(read_answer(slow), 408)
        assert time.monotonic() - began < 12
