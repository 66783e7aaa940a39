"""A fault-injecting HTTP proxy for tests: 127.0.0.1, an ephemeral port, a real sandbox behind.

Requests pass through unchanged unless a rule matches, as through a reverse proxy: the
sandbox gets its own address as Host (it refuses names not its own), and its address in
answers (links, Location) is rewritten to the proxy's.  A rule applies a fault a number of
times:

    proxy = FaultProxy(sandbox.url)
    proxy.on(Answer(503, headers={"Retry-After": "1"}), "GET", r"/routers$", times=2)
    ... run midoshell --midonet-url proxy.url -c "list router" ...
    assert proxy.count("GET", r"/routers$") == 3  # two answered 503 by the proxy, one retry
    assert proxy.count("GET", r"/routers$", forwarded=True) == 1

`refuse()` stops listening (connections refused), `listen()` comes back on the same port,
`die()` also resets every open connection.  Every request the proxy reads is recorded in
`seen`, with the fault applied and whether it reached the sandbox.
"""

import http.client
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
               "upgrade", "content-length"}


# -- faults ---------------------------------------------------------------------------------
@dataclass
class Answer:
    """Answer in the sandbox's place (it never sees the request)."""
    status: int
    body: bytes = b""
    content_type: str = "text/plain"
    headers: dict = field(default_factory=dict)


@dataclass
class Drop:
    """Close the connection without an answer; the sandbox never sees the request."""
    reset: bool = False  # RST instead of a clean FIN


@dataclass
class Delay:
    """Hold the request this long, then pass it on (unless the client has gone)."""
    seconds: float


@dataclass
class ResetAfterForward:
    """Pass the request on, wait for the sandbox's answer, then reset the client's connection."""


@dataclass
class ResetMidAnswer:
    """Pass the request on, send the first half of the answer's bytes, then reset."""


@dataclass
class CutMidAnswer:
    """Pass the request on, send the first half of the answer's bytes, then close the
    connection cleanly (the body ends short of its Content-Length)."""


@dataclass
class Die:
    """The server dies: stop listening and reset every connection, this one included."""


@dataclass
class Seen:
    """One request the proxy read."""
    method: str
    path: str
    headers: dict  # lower-case names
    body: bytes
    fault: str = "forward"
    forwarded: bool = False
    status: int = None  # what the client was answered, None when it got no answer
    target: str = ""  # path and query, as sent
    at: float = field(default_factory=time.monotonic)  # when it was read


@dataclass
class _Rule:
    fault: object
    method: str
    path: re.Pattern
    times: int  # None: always

    def matches(self, method, path):
        return (self.times is None or self.times > 0) \
            and (self.method is None or self.method == method) \
            and (self.path is None or self.path.search(path) is not None)


class _Conn:
    """A client connection and whether the proxy has killed it."""

    def __init__(self, sock):
        self.sock = sock
        self.dead = threading.Event()


# -- the proxy ------------------------------------------------------------------------------
class FaultProxy:
    """See the module docstring.  Use as a context manager or call close()."""

    def __init__(self, backend_url):
        parts = urlsplit(backend_url)
        self.backend = (parts.hostname, parts.port)
        self.port = 0
        self.seen = []
        self._path = parts.path
        self._rules = []
        self._conns = set()
        self._lock = threading.Lock()
        self._listener = None
        self._accepting = threading.Event()
        self._acceptor = None
        self.listen()
        self.url = f"http://127.0.0.1:{self.port}{self._path}"

    # -- control --------------------------------------------------------------------------
    def on(self, fault, method=None, path=None, times=1):
        """Apply `fault` to the next `times` requests (None: all) matching method and path
        (a regular expression searched in the path, query string excluded)."""
        with self._lock:
            self._rules.append(_Rule(fault, method, re.compile(path) if path else None, times))
        return self

    def set_backend(self, url):
        parts = urlsplit(url)
        self.backend = (parts.hostname, parts.port)

    def listen(self):
        """(Re)open the listening socket, on the same port as before if there was one."""
        if self._listener is not None:
            return
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._accepting.set()
        self._acceptor = threading.Thread(target=self._accept_loop, args=(listener,),
                                          name="faultproxy-accept", daemon=True)
        self._acceptor.start()

    def refuse(self):
        """Stop listening: new connections are refused from when this returns.  Open ones
        carry on."""
        if self._listener is None:
            return
        self._accepting.clear()
        self._acceptor.join()  # the acceptor closes the socket: no late accept() after this
        self._listener = None

    def die(self):
        """Stop listening and reset every open connection."""
        self.refuse()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            conn.dead.set()
            _abort(conn.sock)

    def close(self):
        self.die()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- what happened ----------------------------------------------------------------------
    def requests(self, method=None, path=None, forwarded=None):
        """The requests seen, optionally only those with this method, a path matching the
        regular expression `path`, or that did (not) reach the sandbox."""
        with self._lock:
            seen = list(self.seen)
        return [s for s in seen if (method is None or s.method == method)
                and (path is None or re.search(path, s.path))
                and (forwarded is None or s.forwarded == forwarded)]

    def count(self, method=None, path=None, forwarded=None):
        return len(self.requests(method, path, forwarded))

    # -- serving ----------------------------------------------------------------------------
    def _accept_loop(self, listener):
        # A timeout rather than a blocking accept(): closing a socket another thread is
        # blocked on neither wakes that thread nor stops the socket listening at once.
        with listener:
            while self._accepting.is_set():
                try:
                    sock, _ = listener.accept()
                except socket.timeout:
                    continue
                sock.settimeout(None)
                conn = _Conn(sock)
                with self._lock:
                    self._conns.add(conn)
                threading.Thread(target=self._serve, args=(conn,), name="faultproxy-conn",
                                 daemon=True).start()

    def _serve(self, conn):
        try:
            pending = b""
            while not conn.dead.is_set():
                request, pending = _read_request(conn.sock, pending)
                if request is None or not self._handle(conn, request):
                    break
        except OSError:
            pass
        finally:
            with self._lock:
                self._conns.discard(conn)
            conn.sock.close()

    def _handle(self, conn, seen):
        """Answer one request; False when the connection is over."""
        with self._lock:
            fault = None
            for rule in self._rules:
                if rule.matches(seen.method, seen.path):
                    fault = rule.fault
                    if rule.times is not None:
                        rule.times -= 1
                    break
            seen.fault = type(fault).__name__ if fault else "forward"
            self.seen.append(seen)
        if isinstance(fault, Die):
            self.die()
            return False
        if isinstance(fault, Drop):
            if fault.reset:
                _abort(conn.sock)
            return False
        if isinstance(fault, Answer):
            return self._send(conn, seen, _answer(fault))
        if isinstance(fault, Delay) and conn.dead.wait(fault.seconds):
            return False
        status, raw = self._forward(seen)
        if isinstance(fault, ResetAfterForward):
            _abort(conn.sock)
            return False
        if isinstance(fault, ResetMidAnswer):
            conn.sock.sendall(raw[:len(raw) // 2])
            _abort(conn.sock)
            return False
        if isinstance(fault, CutMidAnswer):
            conn.sock.sendall(raw[:len(raw) // 2])
            conn.sock.shutdown(socket.SHUT_WR)
            return False
        return self._send(conn, seen, raw, status)

    def _send(self, conn, seen, raw, status=None):
        if conn.dead.is_set():
            return False
        seen.status = status or int(raw.split(b" ", 2)[1])
        conn.sock.sendall(raw)
        return seen.headers.get("connection", "").lower() != "close"

    def _forward(self, seen):
        """The sandbox's answer to `seen` as raw bytes; 502 when the sandbox is down."""
        backend = http.client.HTTPConnection(*self.backend, timeout=60)
        try:
            headers = {k: v for k, v in seen.headers.items()
                       if k not in _HOP_BY_HOP and k != "host"}
            backend.request(seen.method, seen.target, body=seen.body or None, headers=headers)
            seen.forwarded = True
            reply = backend.getresponse()
            own = f"http://{self.backend[0]}:{self.backend[1]}"
            theirs = "http://" + seen.headers.get("host", f"127.0.0.1:{self.port}")
            body = reply.read().replace(own.encode(), theirs.encode())
            kept = [(k, v.replace(own, theirs)) for k, v in reply.getheaders()
                    if k.lower() not in _HOP_BY_HOP]
            return reply.status, _response(reply.status, reply.reason, kept, body)
        except OSError:
            page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            return 502, _response(502, "Bad Gateway", [("Content-Type", "text/html")], page)
        finally:
            backend.close()


def _answer(fault):
    headers = [("Content-Type", fault.content_type), *fault.headers.items()]
    reason = http.client.responses.get(fault.status, "Unknown")
    return _response(fault.status, reason, headers, fault.body)


def _response(status, reason, headers, body):
    head = [f"HTTP/1.1 {status} {reason}"]
    head += [f"{name}: {value}" for name, value in headers]
    head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def _read_request(sock, pending):
    """(Seen, bytes left over) for the next request on `sock`, or (None, b"") at its end."""
    while b"\r\n\r\n" not in pending:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        pending += chunk
    head, pending = pending.split(b"\r\n\r\n", 1)
    request_line, *lines = head.decode("latin-1").split("\r\n")
    method, target, _ = request_line.split(" ", 2)
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", ""):
        raise NotImplementedError("faultproxy: chunked request bodies")
    length = int(headers.get("content-length") or 0)
    while len(pending) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        pending += chunk
    seen = Seen(method, urlsplit(target).path, headers, pending[:length], target=target)
    return seen, pending[length:]


def _abort(sock):
    """Reset a connection: RST rather than FIN, as when a server process is killed."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # shutdown wakes a thread blocked reading this socket; its close then sends the RST.
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
