"""The MidoNet REST API over requests: root document, media types, login, retries, failover.

Idempotent requests (GET, PUT, DELETE) are retried with backoff after a connection failure
or a 502/503/504 (honouring Retry-After); a POST is retried only when it never reached a
server (the connection itself failed).  With several API URLs (a MidoNet Cluster behind no
load balancer), a connection failure moves to the next one.
"""

import http.client
import json
import logging
import os
import re
import socket
import ssl
import time

import requests

from midoshell import rootcache
from midoshell.errors import ApiError, ConnectError, MidoError
from midoshell.secrets import mask_json

APPLICATION = "application/vnd.org.midonet.Application-v5+json"
IDEMPOTENT = ("GET", "PUT", "DELETE", "HEAD", "OPTIONS")
RETRY_STATUSES = (502, 503, 504)
LOG = logging.getLogger("midoshell.http")


def split_urls(urls):
    """`a,b` or ["a", "b,c"] -> ["a", "b", "c"], without trailing slashes."""
    if isinstance(urls, str):
        urls = [urls]
    return [u.strip().rstrip("/") for item in urls for u in item.split(",") if u.strip()]


class Client:
    """The API at one or more URLs: discovers the root document, logs in when a user is
    configured, and turns every non-2xx answer into ApiError (a 401 after a fresh login, and
    an unreachable API, into ConnectError).
    """

    def __init__(self, url, username=None, password=None, project_id=None, verify=True,
                 timeout=30.0, retries=2, sleep=time.sleep, cache_root=False):
        self.urls = split_urls(url)
        self.active = 0
        self.username, self.password, self.project_id = username, password, project_id
        self.http = _session(self.urls, verify)
        self.http.headers["User-Agent"] = "midoshell"
        self.timeout = (min(timeout, 10.0), timeout)
        self.retries = retries
        self.sleep = sleep
        self.token = None
        self._root = None
        self.cache_root = cache_root  # keep the root document in $XDG_CACHE_HOME (rootcache)
        self._root_cached = False  # the root document in use came from that cache

    @property
    def url(self):
        return self.urls[self.active]

    # -- the root document ----------------------------------------------------------------
    def root(self, fresh=False):
        if self._root is None and self.cache_root and not fresh:
            self._root = rootcache.load(self.url)
            self._root_cached = self._root is not None
        if self._root is None:
            self._root = self.request("GET", self.url + "/", accept=APPLICATION)
            if self.cache_root:
                rootcache.store(self.url, self._root)
        return self._root

    def root_link(self, key):
        try:
            return self.root()[key]
        except KeyError:
            if self._refetch_root() is not None:
                return self.root_link(key)
            raise ApiError(404, f"the API does not offer {key!r}") from None
        except TypeError:
            raise ApiError(502, "the API's root document is not a JSON object") from None

    def _refetch_root(self):
        """The root document fetched again when the one in use came from the cache and a
        request says it may be stale (once per client); the old one, or None."""
        if not self._root_cached:
            return None
        old, self._root, self._root_cached = self._root, None, False
        try:
            self.root(fresh=True)
        except MidoError:  # the request's own failure says more than this one's
            self._root = old
            return None
        return old

    def _stale_uri(self, uri):
        """After a 404: the URI to retry when it was built from a cached root document that
        has changed since, else None."""
        old = self._refetch_root()
        return rootcache.relocate(uri, old, self._root) if old is not None else None

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

    # -- login ----------------------------------------------------------------------------
    def login(self):
        """POST /login with Basic credentials; the token is the sessionId cookie's value."""
        headers = {"X-Auth-Project": self.project_id} if self.project_id else {}
        response = self._exchange("POST", self.url + "/login", headers, None, None,
                                  auth=(self.username, self.password or ""))
        if response.status_code == 404 and self._root_cached:
            fresh = self._stale_uri(uri)
            if fresh is not None:
                uri = fresh
                response = self._send(method, uri, accept, content_type, body, params)
        if response.status_code == 401:
            raise ConnectError(f"login refused for user {self.username!r}: "
                               f"{_error_message(response) or 'invalid credentials'}")
        if not response.ok:
            raise ConnectError(f"login failed: HTTP {response.status_code} "
                               f"{_error_message(response) or ''}".rstrip())
        token = response.cookies.get("sessionId") or _json_or_none(response, {}).get("key")
        if not token:
            raise ConnectError("login answer carries no token (no sessionId cookie)")
        self.token = token

    # -- requests -------------------------------------------------------------------------
    def request(self, method, uri, accept=None, content_type=None, body=None, params=None,
                raw=False):
        if self.username and self.token is None:
            self.login()
        response = self._send(method, uri, accept, content_type, body, params)
        if response.status_code == 401 and self.username:
            self.login()  # the token may have expired: one fresh login, one retry
            response = self._send(method, uri, accept, content_type, body, params)
        if response.status_code == 404 and self._root_cached:
            fresh = self._stale_uri(uri)
            if fresh is not None:
                uri = fresh
                response = self._send(method, uri, accept, content_type, body, params)
        if response.status_code == 401:
            raise ConnectError(f"the MidoNet API refused the request (401): "
                               f"{_error_message(response) or 'authentication required'}")
        if not response.ok:
            raise _api_error(response, method, uri)
        if raw:
            return response
        return _json_body(response, method, uri)

    def _send(self, method, uri, accept, content_type, body, params):
        headers = {}
        if accept:
            headers["Accept"] = accept
        if content_type:
            headers["Content-Type"] = content_type
        if self.token:
            headers["X-Auth-Token"] = self.token
        data = json.dumps(body) if body is not None else None
        if LOG.isEnabledFor(logging.DEBUG):
            LOG.debug("%s %s %s", method, uri, mask_json(data or ""))
        response = self._exchange(method, uri, headers, data, params)
        if LOG.isEnabledFor(logging.DEBUG):
            LOG.debug("-> %s %s", response.status_code, mask_json(response.text[:2000]))
        return response

    def _exchange(self, method, uri, headers, data, params, auth=None):
        """One request with the retry and failover rules; a response, or ConnectError."""
        attempt = 0
        while True:
            target = self.rebase(uri)
            try:
                response = self.http.request(method, target, headers=headers, data=data,
                                             params=params, timeout=self.timeout, auth=auth,
                                             allow_redirects=True)
            except requests.RequestException as error:
                if attempt < self._budget() and self._may_retry(method, error):
                    self._pause(attempt, None, failover=True)
                    attempt += 1
                    continue
                raise ConnectError(f"cannot reach the MidoNet API at {self.url}: "
                                   f"{_reason(error)}") from None
            if method in IDEMPOTENT and response.status_code in RETRY_STATUSES \
                    and attempt < self.retries:
                self._pause(attempt, response.headers, failover=False)
                attempt += 1
                continue
            return response

    def _budget(self):
        return self.retries + len(self.urls) - 1

    @staticmethod
    def _may_retry(method, error):
        """Any request may be sent again when it never left; others only if idempotent.
        A refused TLS certificate is refused again: no retry."""
        if isinstance(error, requests.exceptions.SSLError):
            return False
        return method in IDEMPOTENT or _never_sent(error)

    def _pause(self, attempt, headers, failover):
        if failover and len(self.urls) > 1:
            self.active = (self.active + 1) % len(self.urls)
            LOG.debug("trying the next API URL: %s", self.url)
            return
        self.sleep(_retry_after(headers) or min(0.25 * 2 ** attempt, 2.0))

    def rebase(self, uri):
        """A URI from one server's answers, pointed at the server in use."""
        for base in self.urls:
            if uri == base or uri.startswith(base + "/") or uri.startswith(base + "?"):
                return self.url + uri[len(base):]
        return uri


def _session(urls, verify):
    """A requests.Session with the environment's proxy and CA settings read once.

    requests would read them again on every request (a scan of os.environ per request, ~10%
    of a long script's time); reading them here keeps HTTPS_PROXY, NO_PROXY and
    REQUESTS_CA_BUNDLE working.
    """
    session = requests.Session()
    proxies = {}
    for url in urls:
        proxies.update(requests.utils.get_environ_proxies(url))
    session.proxies.update(proxies)
    if verify is True:
        verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    session.verify = verify
    session.trust_env = False
    return session


def _never_sent(error):
    """A connection that could not be opened: the server saw nothing."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(error, requests.exceptions.ConnectionError):
        text = repr(error.args[0] if error.args else error)
        return "NewConnectionError" in text or "Connection refused" in text
    return False


def _retry_after(headers):
    """Seconds to wait from Retry-After (or MidoNet's RetryAfter), at most 10."""
    if not headers:
        return None
    value = headers.get("Retry-After") or headers.get("RetryAfter")
    try:
        return min(float(value), 10.0) if value is not None else None
    except ValueError:
        return None


def _api_error(response, method, uri):
    body = _json_or_none(response, None)
    if isinstance(body, dict) and (body.get("message") or body.get("violations")):
        return ApiError(response.status_code, body.get("message") or "",
                        body.get("violations") or (), method, uri)
    kind = (response.headers.get("Content-Type") or "").split(";")[0]
    detail = response.reason or "error"
    if response.content and kind and "json" not in kind:
        detail += f" (the server answered with {kind}, not a MidoNet error)"
    return ApiError(response.status_code, detail, (), method, uri)


def _json_body(response, method, uri):
    if not response.content:
        return None
    value = _json_or_none(response, None)
    if value is None:
        kind = response.headers.get("Content-Type") or "no content type"
        raise ApiError(502, f"the API answered {method} {uri} with something that is not "
                       f"JSON (HTTP {response.status_code}, {kind})")
    return value


def _reason(error):
    """Why a request failed, in plain words (not the repr of urllib3's exception chain)."""
    if isinstance(error, requests.Timeout):
        return "timed out"
    root = _root_cause(error)
    if isinstance(error, requests.exceptions.SSLError) or isinstance(root, ssl.SSLError):
        detail = getattr(root, "verify_message", None) or getattr(root, "reason", None) or root
        prefix = "certificate verify failed: " if isinstance(
            root, ssl.SSLCertVerificationError) else ""
        return f"TLS error: {prefix}{_plain(detail)}"
    if isinstance(root, ConnectionRefusedError):
        return "connection refused"
    if isinstance(root, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(root, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(root, socket.gaierror):
        return f"unknown host ({_plain(root)})"
    if isinstance(root, (TimeoutError, socket.timeout)):
        return "timed out"
    return _plain(root)


def _root_cause(error):
    """The innermost exception of a requests/urllib3 chain (MaxRetryError.reason, args, causes)."""
    seen, current = set(), error
    while id(current) not in seen:
        seen.add(id(current))
        inner = getattr(current, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((a for a in reversed(getattr(current, "args", ()))
                          if isinstance(a, BaseException)), None)
        inner = inner or current.__cause__ or current.__context__
        if inner is None:
            break
        current = inner
    return current


def _plain(detail):
    """An exception's message without `[Errno N]` and urllib3's object prefixes."""
    text = str(detail)
    text = re.sub(r"^\[Errno -?\d+\] ", "", text)
    text = re.sub(r"^<[^>]+>: ", "", text)
    text = text.replace("Failed to establish a new connection: ", "")
    return re.sub(r"\s*\(_ssl\.c:\d+\)$", "", text)[:200]


def _json_or_none(response, default):
    try:
        return response.json()
    except ValueError:
        return default


def _error_message(response):
    body = _json_or_none(response, {})
    return body.get("message") if isinstance(body, dict) else None
