"""The MidoNet REST API over requests: the root document, media types, login and errors."""

import json
import logging

import requests

from midoshell.errors import ApiError, ConnectError

APPLICATION = "application/vnd.org.midonet.Application-v5+json"
LOG = logging.getLogger("midoshell.http")


class Client:
    """One API endpoint: discovers the root document, logs in when a user is configured,
    and turns every non-2xx answer into ApiError (401 after a fresh login into ConnectError).
    """

    def __init__(self, url, username=None, password=None, project_id=None, verify=True,
                 timeout=(5.0, 60.0)):
        self.url = url.rstrip("/")
        self.username, self.password, self.project_id = username, password, project_id
        self.http = requests.Session()
        self.http.verify = verify
        self.http.headers["User-Agent"] = "midoshell"
        self.timeout = timeout
        self.token = None
        self._root = None

    # -- the root document ----------------------------------------------------------------
    def root(self):
        if self._root is None:
            self._root = self.request("GET", self.url + "/", accept=APPLICATION)
        return self._root

    def root_link(self, key):
        try:
            return self.root()[key]
        except KeyError:
            raise ApiError(404, f"the API does not offer {key!r}") from None

    def template_uri(self, key, object_id):
        return self.root_link(key).replace("{id}", object_id)

    # -- verbs ----------------------------------------------------------------------------
    def get(self, uri, media, params=None):
        return self.request("GET", uri, accept=media, params=params)

    def create(self, uri, media, body):
        """POST; returns the new object's URI (the Location header)."""
        response = self.request("POST", uri, content_type=media, body=body, raw=True)
        return response.headers.get("Location")

    def update(self, uri, media, body):
        self.request("PUT", uri, content_type=media, body=body)

    def delete(self, uri):
        self.request("DELETE", uri)

    # -- plumbing -------------------------------------------------------------------------
    def login(self):
        """POST /login with Basic credentials; the token is the sessionId cookie's value."""
        headers = {}
        if self.project_id:
            headers["X-Auth-Project"] = self.project_id
        try:
            response = self.http.post(self.url + "/login", auth=(self.username, self.password or ""),
                                      headers=headers, timeout=self.timeout)
        except requests.RequestException as error:
            raise ConnectError(f"cannot reach the MidoNet API at {self.url}: {_reason(error)}")
        if response.status_code == 401:
            raise ConnectError(f"login refused for user {self.username!r}: "
                               f"{_error_message(response) or 'invalid credentials'}")
        if not response.ok:
            raise ConnectError(f"login failed: HTTP {response.status_code} "
                               f"{_error_message(response)}".rstrip())
        token = response.cookies.get("sessionId")
        if token is None:
            token = _json_or_none(response, {}).get("key")
        if not token:
            raise ConnectError("login answer carries no token (no sessionId cookie)")
        self.token = token

    def request(self, method, uri, accept=None, content_type=None, body=None, params=None,
                raw=False):
        if self.username and self.token is None:
            self.login()
        response = self._send(method, uri, accept, content_type, body, params)
        if response.status_code == 401 and self.username:
            self.login()  # the token may have expired: one fresh login, one retry
            response = self._send(method, uri, accept, content_type, body, params)
        if response.status_code == 401:
            raise ConnectError(f"the MidoNet API refused the request (401): "
                               f"{_error_message(response) or 'authentication required'}")
        if not response.ok:
            body = _json_or_none(response, {})
            message = body.get("message") if isinstance(body, dict) else None
            raise ApiError(response.status_code, message or _status_text(response),
                           body.get("violations") or () if isinstance(body, dict) else (),
                           method, uri)
        if raw:
            return response
        if not response.content:
            return None
        value = _json_or_none(response, None)
        if value is None:
            raise ApiError(response.status_code, f"the API answered {method} {uri} with "
                           f"something that is not JSON ({response.headers.get('Content-Type')})")
        return value

    def _send(self, method, uri, accept, content_type, body, params):
        headers = {}
        if accept:
            headers["Accept"] = accept
        if content_type:
            headers["Content-Type"] = content_type
        if self.token:
            headers["X-Auth-Token"] = self.token
        data = json.dumps(body) if body is not None else None
        LOG.debug("%s %s %s", method, uri, data or "")
        try:
            response = self.http.request(method, uri, headers=headers, data=data, params=params,
                                         timeout=self.timeout, allow_redirects=True)
        except requests.RequestException as error:
            raise ConnectError(f"cannot reach the MidoNet API at {self.url}: {_reason(error)}")
        LOG.debug("-> %s %s", response.status_code, response.text[:2000])
        return response


def _reason(error):
    text = str(error.__context__ or error)
    if isinstance(error, requests.Timeout):
        return "timed out"
    if isinstance(error, requests.exceptions.SSLError):
        return "TLS error: " + text
    if isinstance(error, requests.ConnectionError):
        return "connection failed (" + (text.split("] ")[-1] if "] " in text else text)[:200] + ")"
    return text[:200]


def _json_or_none(response, default):
    try:
        return response.json()
    except ValueError:
        return default


def _error_message(response):
    body = _json_or_none(response, {})
    return body.get("message") if isinstance(body, dict) else None


def _status_text(response):
    return response.reason or "error"
