"""The MidoNet REST API over requests: root document, media types, login, retries, failover.

Retries are urllib3's (midoshell.retries): idempotent requests (GET, PUT, DELETE) are made
again with backoff after a failed connection or a 502/503/504 (honouring Retry-After); a POST
only when it never reached a server (the connection could not be opened).  With several API
URLs (a MidoNet Cluster behind no load balancer), a connection that cannot be opened moves to
the next one.  Each retry is told on stderr.

The timeout is a deadline: a request, its retries and pauses, and however slowly the answer
comes, end within it (for a whole command when the caller opens `deadline()` around it).
"""

import json
import logging
import ssl
import sys
import threading
import time
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

import requests

from midoshell import http_answers as answers
from midoshell import rootcache
from midoshell.errors import ApiError, ConnectError, LoginRefused, MidoError
from midoshell.masking import mask_json, mask_url
from midoshell.retries import Attempts
from midoshell.transport import Watchdog, make_session, origin

APPLICATION = "application/vnd.org.midonet.Application-v5+json"
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0  # seconds, at most, to open a connection (the deadline may be sooner)
LOGIN_HINT = ("give a user name with -u USER, the MIDO_USER variable, or `username` in "
              "~/.midonetrc or midoshell's config file")
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

    notice: called with each retry's one-line message (default: printed on stderr).
    match_cn: accept a certificate without subjectAltName whose CN names the host.
    """

    def __init__(self, url, username=None, password=None, project_id=None, verify=True,
                 timeout=30.0, retries=2, cache_root=False, notice=None,
                 match_cn=False, login_hint=LOGIN_HINT):
        self.urls = split_urls(url)
        self.active = 0
        self.username, self.password, self.project_id = username, password, project_id
        self.ca_cert = verify if isinstance(verify, str) else None  # --ca-cert, for messages
        self.watchdog = Watchdog()
        self.http = make_session(self.urls, verify, self.watchdog, match_cn)
        self.http.headers["User-Agent"] = "midoshell"
        self.timeout = timeout
        self.retries = retries
        self.notice = notice or _tell
        self.login_hint = login_hint
        self.token = None
        self._root = None
        self.cache_root = cache_root  # keep the root document in $XDG_CACHE_HOME (rootcache)
        self._root_cached = False  # the root document in use came from that cache
        self._local = threading.local()  # this thread's deadline

    # -- the deadline ---------------------------------------------------------------------
    @contextmanager
    def deadline(self, seconds=None):
        """Everything inside (requests, retries, pauses, slow answers) ends within `seconds`
        (the client's timeout by default).  Nested, the outer deadline holds."""
        if getattr(self._local, "deadline", None) is not None:
            yield
            return
        self._local.deadline = time.monotonic() + (seconds or self.seconds)
        self.watchdog.arm(self._local.deadline)
        try:
            yield
        finally:
            self._local.deadline = None
            self.watchdog.disarm()

    @property
    def seconds(self):
        """The timeout as one number of seconds (a (connect, read) pair gives its longer)."""
        return max(self.timeout) if isinstance(self.timeout, tuple) else self.timeout

    def _time_left(self):
        return self._local.deadline - time.monotonic()

    @property
    def url(self):
        return self.urls[self.active]

    # -- the root document ----------------------------------------------------------------
    def root(self, fresh=False):
        if self._root is None and self.cache_root and not fresh:
            self._root = rootcache.load(self.url)
            self._root_cached = self._root is not None
        if self._root is None:
            self._root = self._fetch_root()
            if self.cache_root:
                rootcache.store(self.url, self._root)
        return self._root

    def _fetch_root(self):
        """The root document; anything else at the URL means there is no MidoNet API there."""
        try:
            response = self.request("GET", self.url + "/", accept=APPLICATION, raw=True)
        except ApiError as error:
            if error.status >= 500:  # a server is there, failing: say what it said
                raise
            detail = error.message.replace("API error ", "HTTP ", 1)
            raise ConnectError(answers.no_api_message(self.url, detail)) from None
        document = answers.json_or_none(response, None)
        if document is None:
            kind = response.headers.get("Content-Type") or "no content type"
            raise ConnectError(answers.no_api_message(
                self.url, f"HTTP {response.status_code} with {kind}, not JSON"))
        if not isinstance(document, dict) or not ("uri" in document or "version" in document):
            raise ConnectError(answers.no_api_message(self.url, "its JSON is not a MidoNet root "
                                                        "document"))
        return document

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

    def get_batches(self, uri, media, params=None):
        """GET a collection: its items decoded as the answer arrives, in lists (streamget)."""
        from midoshell.streamget import stream_batches

        return stream_batches(self, uri, media, params)

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
        if response.status_code == 401:
            text = (f"login refused for user {self.username!r}: "
                    f"{answers.error_message(response) or 'invalid credentials'}")
            if self.password is None:
                text += ("; no password was given (MIDO_PASSWORD, `password` or "
                         "`password_command` in the config file, or run on a terminal to be "
                         "asked)")
            raise LoginRefused(text)
        if not response.ok:
            raise ConnectError(f"login failed: HTTP {response.status_code} "
                               f"{answers.error_message(response) or ''}".rstrip())
        token = response.cookies.get("sessionId") or answers.json_or_none(response, {}).get("key")
        if not token:
            raise ConnectError("login answer carries no token (no sessionId cookie)")
        self.token = token

    # -- requests -------------------------------------------------------------------------
    def request(self, method, uri, accept=None, content_type=None, body=None, params=None,
                raw=False):
        with self.deadline():
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
                raise ConnectError(self._refused_message(response))
            if getattr(response, "already_done", False):
                return None
            if not response.ok:
                raise answers.api_error(response, method, uri)
            if raw:
                return response
            return answers.json_body(response, method, uri)

    def _refused_message(self, response):
        text = (f"the MidoNet API refused the request (401): "
                f"{answers.error_message(response) or 'authentication required'}")
        return text if self.username else f"{text}; it needs a login: {self.login_hint}"

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
            LOG.debug("%s %s %s", method, mask_url(uri), mask_json(data or ""))
        response = self._exchange(method, uri, headers, data, params)
        if LOG.isEnabledFor(logging.DEBUG):
            LOG.debug("-> %s %s", response.status_code, mask_json(response.text[:2000]))
        return response

    def _exchange(self, method, uri, headers, data, params, auth=None):
        """One request, made again by urllib3's rules (midoshell.retries) and moved to the
        next URL when a connection cannot be opened, within the deadline; a response, or
        ConnectError."""
        with self.deadline():
            attempts = self.attempts_at(method, uri)
            with self.http.get_adapter("http://").attempting(attempts):
                return self._attempts(method, uri, headers, data, params, auth, attempts)

    def attempts_at(self, method, uri):
        """The attempts at one request (midoshell.retries), each retry told by this client;
        within a deadline (deadline())."""
        return Attempts(self.retries, len(self.urls), self._teller(method, uri),
                        self._time_left)

    def _attempts(self, method, uri, headers, data, params, auth, attempts):
        while True:
            try:
                response = self._follow(method, self.rebase(uri), headers, data, params, auth)
            except requests.RequestException as error:
                if self._move_on(attempts, error) \
                        or attempts.again(method, self.rebase(uri), error):
                    continue
                raise self._unreachable(method, self._reason(error),
                                        attempts.reached_server(error)) from None
            if method == "DELETE" and response.status_code == 404 \
                    and attempts.reached_server():
                # An earlier attempt reached the server and did the delete; only its
                # answer was lost.
                self.notice(f"{method} {_path(uri)}: done by an earlier attempt (now gone)")
                response.already_done = True
            return response

    def _move_on(self, attempts, error):
        """With several URLs, a connection that could not be opened moves to the next."""
        if len(self.urls) < 2 or not attempts.move_on(error):
            return False
        self.active = (self.active + 1) % len(self.urls)
        LOG.debug("trying the next API URL: %s", mask_url(self.url))
        attempts.tell(attempts.number, attempts.total, None, error)
        return True

    def _follow(self, method, target, headers, data, params, auth):
        """One exchange, following redirects only within the same scheme, host and port: the
        login token and credentials never go to another server, nor from HTTPS to HTTP."""
        for _ in range(MAX_REDIRECTS + 1):
            response = self.http.request(method, target, headers=headers, data=data,
                                         params=params, timeout=self._socket_timeout(),
                                         auth=auth, allow_redirects=False)
            if not response.is_redirect:
                return response
            location = urljoin(target, response.headers["Location"])
            if origin(location) != origin(target):
                raise ConnectError(answers.redirect_refused(method, target, location))
            if method not in ("GET", "HEAD") and response.status_code not in (307, 308):
                raise ConnectError(f"the MidoNet API answered {method} {mask_url(target)} "
                                   f"with HTTP {response.status_code} to {mask_url(location)}"
                                   f"; not followed (it would turn the {method} into a GET)")
            target, params = location, None
        raise ConnectError(f"the MidoNet API redirected {method} {mask_url(target)} more than "
                           f"{MAX_REDIRECTS} times")

    def _socket_timeout(self):
        """(connect, read) for a request; the pools end each attempt's by the deadline."""
        if self._time_left() <= 0:
            raise requests.exceptions.ConnectTimeout("deadline")  # nothing was sent
        return CONNECT_TIMEOUT, self.seconds

    def _reason(self, error):
        if self.watchdog.fired() or self._time_left() <= 0.05:
            return f"timed out after {self.seconds:g} s (see --timeout)"
        root = answers.root_cause(error)
        if isinstance(root, ssl.SSLCertVerificationError):
            from midoshell.tlsdiag import explain

            why = explain(self.url, self.ca_cert, self.http.verify, root,
                          min(5.0, self._time_left()))
            if why:
                return f"TLS error: certificate verify failed: {why}"
        return answers.reason_of(error)

    def _unreachable(self, method, reason, sent):
        maybe = sent and method not in ("GET", "HEAD", "OPTIONS")
        text = f"cannot reach the MidoNet API at {mask_url(self.url)}: {reason}"
        if maybe:
            text += f" (the {method} was sent: it may have been applied)"
        return ConnectError(text, maybe_applied=maybe)

    def _teller(self, method, uri):
        """How the retries of one request are told: `retrying GET /path (2/3): reason`."""
        def tell(number, total, response, error):
            reason = f"HTTP {response.status}" if response is not None else self._reason(error)
            where = f" at {mask_url(self.url)}" if len(self.urls) > 1 else ""
            self.notice(f"retrying {method} {_path(self.rebase(uri))}{where} "
                        f"({number}/{total}): {reason}")
        return tell

    def rebase(self, uri):
        """A URI from one server's answers, pointed at the server in use."""
        for base in self.urls:
            if uri == base or uri.startswith(base + "/") or uri.startswith(base + "?"):
                return self.url + uri[len(base):]
        return uri


def _tell(text):
    """A retry notice on stderr, for the user's commands (the main thread); background work,
    such as the completer's listings, must not write over the prompt: debug log only."""
    if threading.current_thread() is threading.main_thread():
        print(f"midoshell: {text}", file=sys.stderr)
    else:
        LOG.debug(text)


def _path(uri):
    return urlsplit(uri).path or "/"
