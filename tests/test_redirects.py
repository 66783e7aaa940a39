"""Redirects never carry the login to another server: a fake API on loopback answers 302.

The login token (X-Auth-Token) and the sessionId cookie go only where the user pointed
midoshell; a redirect to another scheme, host or port is not followed and is reported, and
HTTPS -> HTTP is refused.  A redirect within the same server is followed.
"""

import http.server
import json
import os
import ssl
import threading

import pytest

from conftest import ROOT, run_in_process

TOKEN = "token-123"


class Recorder(http.server.BaseHTTPRequestHandler):
    """Logs in anyone; redirects what `redirect` says; records every request."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.server.seen.append(("POST", self.path, dict(self.headers)))
        if self.path.endswith("/login"):
            self.send_response(200)
            self.send_header("Set-Cookie", f"sessionId={TOKEN}; Path=/")
            self.send_header("Content-Type", "application/json")
            body = json.dumps({"key": TOKEN}).encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.do_GET()

    def do_GET(self):
        if self.command == "GET":
            self.server.seen.append(("GET", self.path, dict(self.headers)))
        target = self.server.redirect(self.path)
        if target:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        base = f"{self.server.base}/midonet-api"
        body = json.dumps({"uri": base + "/", "version": "v5.0", "hosts": base + "/hosts",
                           "hostTemplate": base + "/hosts/{id}"} if self.path.endswith("/")
                          else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(redirect=lambda path: None, context=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    scheme = "https" if context else "http"
    server.base = f"{scheme}://127.0.0.1:{server.server_port}"
    server.url = server.base + "/midonet-api"
    server.seen = []
    server.redirect = redirect
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT, MIDO_USER="admin", MIDO_PASSWORD="pw")


@pytest.fixture
def elsewhere():
    server = serve()
    yield server
    server.shutdown()


def credentials_sent(server):
    return [(method, path) for method, path, headers in server.seen
            if "X-Auth-Token" in headers or "Cookie" in headers or "Authorization" in headers]


def test_a_redirect_to_another_port_is_not_followed(env, elsewhere):
    api = serve(lambda path: elsewhere.url + "/" if path == "/midonet-api/" else None)
    try:
        done = run_in_process(["--midonet-url", api.url, "-c", "list host"], env)
    finally:
        api.shutdown()
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert f"redirected GET to {elsewhere.url}/; not followed" in done.stderr
    assert elsewhere.seen == []  # nothing at all went there, the token least of all


def test_https_to_http_is_refused(env, elsewhere, tmp_path):
    from test_https import make_certificate

    cert, key = make_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    api = serve(lambda path: elsewhere.url + "/" if path == "/midonet-api/" else None, context)
    try:
        done = run_in_process(["--midonet-url", api.url, "--ca-cert", str(cert),
                              "-c", "list host"], env)
    finally:
        api.shutdown()
    assert done.returncode == 3
    assert "leaves HTTPS for plain HTTP" in done.stderr
    assert elsewhere.seen == []
    assert [m for m, p, h in api.seen] == ["POST", "GET"]  # the login, then the refused GET


def test_a_redirect_within_the_same_server_is_followed_with_the_token():
    api = serve()
    api.redirect = lambda path: (api.url + "/hosts") if path == "/midonet-api/moved" else None
    try:
        from midoshell.client import Client

        client = Client(api.url, "admin", "pw", notice=lambda text: None)
        assert client.get(api.url + "/moved", "application/json") == []
    finally:
        api.shutdown()
    gets = [(path, headers.get("X-Auth-Token")) for method, path, headers in api.seen
            if method == "GET"]
    assert gets == [("/midonet-api/moved", TOKEN), ("/midonet-api/hosts", TOKEN)]
    assert all("Cookie" not in headers for _, _, headers in api.seen)  # no cookie jar


def test_the_session_cookie_is_never_sent_back(env):
    """The token travels in X-Auth-Token only; a cookie jar would hand sessionId to any
    server on the same host name, whatever its port or scheme."""
    api = serve()
    try:
        done = run_in_process(["--midonet-url", api.url, "-c", "list host", "-c", "list host"],
                             env)
    finally:
        api.shutdown()
    assert done.returncode == 0, done.stderr
    assert all("Cookie" not in headers for _, _, headers in api.seen)
    assert sum(1 for m, p, h in api.seen if h.get("X-Auth-Token") == TOKEN) >= 2


def test_a_redirect_to_another_host_name_on_the_same_port_is_not_followed():
    """localhost is this very server, but another name: the token does not follow."""
    api = serve()
    port = api.server_port
    api.redirect = lambda path: (f"http://localhost:{port}/midonet-api/hosts"
                                 if path == "/midonet-api/moved" else None)
    try:
        from midoshell.client import Client
        from midoshell.errors import ConnectError

        client = Client(api.url, "admin", "pw", notice=lambda text: None)
        with pytest.raises(ConnectError, match="; not followed: another scheme, host or port"):
            client.get(api.url + "/moved", "application/json")
    finally:
        api.shutdown()
    assert [path for method, path, _ in api.seen if method == "GET"] == ["/midonet-api/moved"]


@pytest.mark.parametrize("one, other, same", [
    ("http://api:8181/a", "http://API:8181/b?c", True),
    ("http://api/a", "http://api:80/b", True),
    ("https://api/a", "HTTPS://api:443/b", True),
    ("http://api:8181/a", "http://other:8181/a", False),
    ("http://api:8181/a", "http://api:8182/a", False),
    ("http://api/a", "https://api/a", False),
    ("http://api:80/a", "https://api:80/a", False),
])
def test_the_same_server_means_the_same_scheme_host_and_port(one, other, same):
    from midoshell.transport import origin

    assert (origin(one) == origin(other)) is same
