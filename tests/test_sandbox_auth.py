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
