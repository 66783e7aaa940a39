"""Sandbox: POST /login and X-Auth-Token checks, in mock ("none") and password modes."""

import base64
import re

import pytest
import requests

from midoshell.sandbox import start
from sandbox_helpers import api, error, vnd  # noqa: F401  (api is a fixture)

CHALLENGE = 'Basic  realm="BASIC_AUTH_REALM"'
TOKEN_TYPE = vnd("Token-v1") + ";charset=UTF-8"


def basic(user, password):
    raw = f"{user}:{password}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


@pytest.fixture
def secured():
    server = start(port=0, hosts=1, auth="password", user="admin", password="s3cret")
    yield server
    server.stop()


def test_mock_login_always_succeeds(api):
    for headers in ({}, basic("anyone", "anything"), {"Authorization": "garbage"}):
        resp = requests.post(api.url + "/login", data="{}",
                             headers={**headers, "X-Auth-Project": "p"})
        assert resp.status_code == 200
        assert resp.headers["Content-Type"] == TOKEN_TYPE
        assert resp.headers["Set-Cookie"] == "sessionId=00000000"
        assert resp.json() == {"key": "00000000", "expires": None}


def test_mock_mode_needs_no_token(api):
    assert requests.get(api.url + "/routers").status_code == 200
    resp = requests.get(api.url + "/routers", headers={"X-Auth-Token": "whatever"})
    assert resp.status_code == 200


def test_password_login(secured):
    resp = requests.post(secured.url + "/login", headers=basic("admin", "s3cret"))
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == TOKEN_TYPE
    body = resp.json()
    token = body["key"]
    assert token and token != "00000000"
    cookie = resp.headers["Set-Cookie"]
    match = re.fullmatch(r"sessionId=([^;]+); Expires=(\w{3}, \d\d-\d\d-\d{4} "
                         r"\d\d:\d\d:\d\d UTC)", cookie)
    assert match, cookie
    assert match.group(1) == token and match.group(2) == body["expires"]

    ok = requests.get(secured.url + "/routers", headers={"X-Auth-Token": token})
    assert ok.status_code == 200
    assert requests.get(secured.url, headers={"X-Auth-Token": token}).status_code == 200


@pytest.mark.parametrize("headers, message", [
    ({}, "Authorization header is not set."),
    ({"Authorization": "Bearer abc"}, "Authorization header does not contain Basic."),
    ({"Authorization": "Basic !!!"}, "Authorization header is not valid"),
    (basic("admin", ""), "Authorization header is not valid"),
    (basic("admin", "a:b"), "Authorization header is not valid"),
    (basic("admin", "wrong"), None),
])
def test_password_login_failures(secured, headers, message):
    resp = requests.post(secured.url + "/login", headers=headers)
    error(resp, 401, message)
    assert resp.headers["WWW-Authenticate"] == CHALLENGE
    assert "Set-Cookie" not in resp.headers


@pytest.mark.parametrize("headers", [{}, {"X-Auth-Token": "00000000"}])
def test_password_mode_rejects_requests_without_a_valid_token(secured, headers):
    for path in ("", "/routers", "/hosts"):
        resp = requests.get(secured.url + path, headers=headers)
        error(resp, 401, "Authentication error")
        assert resp.headers["WWW-Authenticate"] == CHALLENGE


def test_options_needs_no_token(secured):
    assert requests.options(secured.url + "/routers").status_code == 200


def test_basic_prefix_is_case_insensitive(secured):
    header = basic("admin", "s3cret")["Authorization"].replace("Basic", "bAsIc")
    resp = requests.post(secured.url + "/login", headers={"Authorization": header})
    assert resp.status_code == 200


def test_password_mode_needs_credentials():
    with pytest.raises(ValueError):
        start(port=0, auth="password")
    with pytest.raises(ValueError):
        start(port=0, auth="kerberos")


# -- the password of the midoshell-sandbox command, kept out of `ps` --------------------------
def _serve(args, env=None):
    """Start `midoshell-sandbox ARGS`; (process, url), or (process, None) if it exited."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = dict(os.environ, PYTHONPATH=ROOT, **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", "--port", "0",
                             "--hosts", "0", "--auth", "password", "--user", "admin", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    if not line:
        return proc, None
    return proc, line.split()[-1]


def _logs_in(url, password):
    return requests.post(url + "/login", headers=basic("admin", password),
                         timeout=10).status_code == 200


@pytest.mark.parametrize("how", ["environment", "file"])
def test_the_password_can_stay_out_of_the_command_line(tmp_path, how):
    secret = "correct horse battery"
    if how == "file":
        path = tmp_path / "password"
        path.write_text(secret + "\n")
        proc, url = _serve(["--password-file", str(path)])
    else:
        proc, url = _serve([], {"MIDOSHELL_SANDBOX_PASSWORD": secret})
    try:
        assert url is not None, proc.communicate(timeout=10)[1]
        with open(f"/proc/{proc.pid}/cmdline", "rb") as cmdline:
            assert secret.encode() not in cmdline.read()
        assert _logs_in(url, secret)
        assert not _logs_in(url, secret + "\n")
        assert not _logs_in(url, "wrong")
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def test_password_on_the_command_line_wins_over_the_environment():
    proc, url = _serve(["--password", "given"], {"MIDOSHELL_SANDBOX_PASSWORD": "other"})
    try:
        assert _logs_in(url, "given") and not _logs_in(url, "other")
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


@pytest.mark.parametrize("content", [None, "", "\nsecond line"])
def test_a_missing_or_empty_password_file_is_a_usage_error(tmp_path, content):
    path = tmp_path / "password"
    if content is not None:
        path.write_text(content)
    proc, url = _serve(["--password-file", str(path)])
    out, err = proc.communicate(timeout=10)
    assert url is None and proc.returncode == 2
    assert "usage: midoshell-sandbox" in err and str(path) in err
    assert "Traceback" not in err
