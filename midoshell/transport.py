"""The HTTP connection under the API client: a requests.Session whose requests end at a deadline
and are retried by urllib3 as the request's own Retry says.

requests' timeouts bound each socket operation, so a server that sends a byte a second holds a
request for ever.  Here every connection the pools hand out is known to a watchdog thread that
shuts the socket down when the deadline of the request (or of the whole command) passes; the
blocked read then fails at once, however the server dribbles.  Each attempt's socket timeouts
end at the deadline too (urllib3 gives its retries the first attempt's timeouts).
"""

import logging
import os
import socket
import ssl
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.timeout import Timeout


class Watchdog:
    """Deadlines per thread, and the connection each thread is using: a connection still in
    use when its thread's deadline passes is shut down (the request then fails)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._armed = {}  # thread id -> [deadline, connection or None, fired]
        self._thread = None
        self._wake_at = None  # when the watcher thread wakes next (None: not waiting)

    def arm(self, deadline):
        """From now on this thread's requests end at `deadline` (time.monotonic())."""
        with self._cond:
            self._armed[threading.get_ident()] = [deadline, None, False]
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="midoshell-deadline",
                                                daemon=True)
                self._thread.start()
            if self._wake_at is None or deadline < self._wake_at:
                self._cond.notify()

    def disarm(self):
        """The end of the guarded work; True when the deadline passed and cut it short."""
        with self._cond:
            entry = self._armed.pop(threading.get_ident(), None)
        return bool(entry and entry[2])

    def fired(self):
        with self._cond:
            entry = self._armed.get(threading.get_ident())
        return bool(entry and entry[2])

    def time_left(self):
        """Seconds to this thread's deadline; None when it has none."""
        with self._cond:
            entry = self._armed.get(threading.get_ident())
        return None if entry is None else entry[0] - time.monotonic()

    def bound(self, timeout):
        """A urllib3 Timeout whose connect and read times end by this thread's deadline."""
        left = self.time_left()
        if left is None:
            return timeout
        left = max(left, 0.001)  # urllib3 refuses 0; a deadline already past fails at once
        return Timeout(connect=_at_most(timeout.connect_timeout, left),
                       read=_at_most(timeout.read_timeout, left))

    def attach(self, conn):
        """A pool handed `conn` to this thread: it is the one to shut at the deadline."""
        with self._cond:
            entry = self._armed.get(threading.get_ident())
            if entry is None:
                return
            entry[1] = conn
            if entry[2]:  # already past the deadline: do not even start
                _shut(conn)

    def _watch(self):
        with self._cond:
            while True:
                now = time.monotonic()
                for entry in self._armed.values():
                    if not entry[2] and entry[0] <= now:
                        entry[2] = True
                        _shut(entry[1])
                pending = [e[0] for e in self._armed.values() if not e[2]]
                self._wake_at = min(pending) if pending else None
                self._cond.wait(None if self._wake_at is None
                                else min(self._wake_at - now, 3600.0))


def _at_most(seconds, limit):
    return min(seconds, limit) if isinstance(seconds, (int, float)) else limit


def _shut(conn):
    """Shut a connection's socket down: a thread blocked reading it wakes with an error.
    socket.socket.shutdown on purpose: SSLSocket's own drops its SSL object under the reader."""
    sock = getattr(conn, "sock", None)
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools tell the watchdog which connection a request uses, and
    whose retries are those of the thread's request in progress (attempting()); with
    `ssl_context`, HTTPS connections use that context (see tls_context_matching_cn)."""

    def __init__(self, watchdog, ssl_context=None):
        self.watchdog = watchdog
        self.ssl_context = ssl_context
        self._attempts = threading.local()
        super().__init__()

    @contextmanager
    def attempting(self, attempts):
        """Requests of this thread, inside, are retried by `attempts.retry` (a urllib3 Retry
        the attempts keep up to date; midoshell.retries)."""
        outer = getattr(self._attempts, "current", None)
        self._attempts.current = attempts
        try:
            yield
        finally:
            self._attempts.current = outer

    @property
    def max_retries(self):
        """What requests hands urllib3 for a request: see attempting()."""
        attempts = getattr(self._attempts, "current", None)
        return self._default_retries if attempts is None else attempts.retry

    @max_retries.setter
    def max_retries(self, retry):  # requests' own default: no retry
        self._default_retries = retry

    def init_poolmanager(self, *args, **kwargs):
        if self.ssl_context is not None:
            kwargs["ssl_context"] = self.ssl_context
        super().init_poolmanager(*args, **kwargs)
        self._guard(self.poolmanager)

    def proxy_manager_for(self, proxy, **kwargs):
        """Through HTTPS_PROXY and friends too."""
        if self.ssl_context is not None:
            kwargs.setdefault("ssl_context", self.ssl_context)
        return self._guard(super().proxy_manager_for(proxy, **kwargs))

    def _guard(self, manager):
        manager.pool_classes_by_scheme = {
            "http": _guarded(HTTPConnectionPool, self.watchdog),
            "https": _guarded(HTTPSConnectionPool, self.watchdog),
        }
        return manager


def _guarded(pool_class, watchdog):
    def _get_conn(self, timeout=None):
        conn = pool_class._get_conn(self, timeout)
        watchdog.attach(conn)
        return conn

    def _get_timeout(self, timeout):  # at each attempt, retries included
        return watchdog.bound(pool_class._get_timeout(self, timeout))

    return type("Guarded" + pool_class.__name__, (pool_class,),
                {"_get_conn": _get_conn, "_get_timeout": _get_timeout})


def _not_urllib3s_retry_warning(record):
    """urllib3 logs each retry after a broken connection as a warning, in its own words;
    midoshell tells each retry itself (midoshell.client)."""
    return not hasattr(record, "__urllib3-retry-warning")


def tls_context_matching_cn(ca_cert):
    """A TLS context that verifies the chain against `ca_cert` (or the usual CAs) and, for a
    certificate without subjectAltName, accepts a CN naming the host (--match-cn)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = True
    context.hostname_checks_common_name = True
    if ca_cert and os.path.isdir(ca_cert):
        context.load_verify_locations(capath=ca_cert)
    elif ca_cert:
        context.load_verify_locations(cafile=ca_cert)
    else:
        import certifi  # requests' own CA bundle, what is trusted without --ca-cert

        context.load_verify_locations(cafile=certifi.where())
    return context


def make_session(urls, verify, watchdog, match_cn=False):
    """A requests.Session for the API: guarded pools, the environment's proxies and CA
    settings read once, and no cookie jar (the login token travels only in X-Auth-Token,
    so a redirect or another URL can never be handed the sessionId cookie)."""
    # requests would read the proxy settings again on every request (a scan of os.environ per
    # request, ~10% of a long script's time); read once, they keep HTTPS_PROXY and NO_PROXY.
    proxies = {}
    for url in urls:
        proxies.update(requests.utils.get_environ_proxies(url))
    if verify is True:
        verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    context = None
    if match_cn and verify is not False:
        context = tls_context_matching_cn(verify if isinstance(verify, str) else None)
    return _session(verify, proxies, watchdog, context)


def copy_session(session, watchdog):
    """A session made as `session` was (CA settings, proxies, TLS context, headers) with
    connections of its own: for another thread's requests."""
    copy = _session(session.verify, dict(session.proxies), watchdog,
                    session.get_adapter("https://").ssl_context)
    copy.headers.update(session.headers)
    return copy


def _session(verify, proxies, watchdog, context):
    from http.cookiejar import DefaultCookiePolicy

    session = requests.Session()
    session.proxies.update(proxies)
    session.verify = verify
    session.trust_env = False
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    logging.getLogger("urllib3.connectionpool").addFilter(_not_urllib3s_retry_warning)
    adapter = GuardedAdapter(watchdog, context)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def origin(url):
    """(scheme, host, port) of a URL, the port filled in from the scheme."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)
