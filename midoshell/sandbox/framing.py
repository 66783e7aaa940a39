"""Reading a request's body before any lock: framing checks, a deadline, JSON decoding.

The store serialises requests, so nothing that waits on a client may happen inside a
transaction: the whole body is read here, within BODY_SECONDS, and decoded once; a client
that is slow, lies about its length or frames its body badly gets a 4xx and holds up no one.
"""

import io
import re
import socket
import threading
import time

from .errors import ApiError
from .validation import parse_json

BODY_SECONDS = 5.0  # the whole body must arrive within this long of the headers
MAX_BODY = 16 * 1024 * 1024  # far above any MidoNet object; refuses memory exhaustion
_DIGITS = re.compile(r"[0-9]+")
_FRAMING = "midoshell.framing_error"


def framing_error(headers):
    """A 400 ApiError for headers that do not frame one body unambiguously, else None.

    `headers` is the request's email.message.Message, where duplicates are still visible
    (the WSGI environ keeps only one Content-Length).
    """
    lengths = headers.get_all("Content-Length") or []
    codings = headers.get_all("Transfer-Encoding") or []
    if len(lengths) > 1:
        return ApiError(400, "More than one Content-Length header")
    if lengths and not _DIGITS.fullmatch(lengths[0].strip()):
        return ApiError(400, f"Content-Length is not a number: {lengths[0].strip()[:40]!r}")
    if codings and lengths:
        return ApiError(400, "Both Content-Length and Transfer-Encoding are set")
    if codings:
        parts = [p.strip().lower() for c in codings for p in c.split(",") if p.strip()]
        if parts != ["chunked"]:
            return ApiError(501, "Only Transfer-Encoding: chunked is supported")
    return None


def mark_framing(environ, headers):
    """Called by the request handler: remember a framing error for the app to answer."""
    error = framing_error(headers)
    if error is not None:
        environ[_FRAMING] = error


class RequestBody:
    """A request body read in full: its bytes, and its JSON or the error decoding gave."""

    def __init__(self, raw):
        self.raw = raw
        self._data = self._error = None
        if raw.strip():
            try:
                self._data = parse_json(raw.decode("utf-8", "replace"))
            except ApiError as err:
                self._error = err
            except RecursionError:
                self._error = ApiError(400, "Malformed JSON in request body: nested too deep")
        else:
            self._data = {}

    def json(self):
        """The decoded JSON object; raises the 400 its decoding gave."""
        if self._error is not None:
            raise self._error
        return self._data


def read_body(environ):
    """Read the whole body of a WSGI request before any lock is taken; a RequestBody.

    Afterwards wsgi.input holds the bytes read, so werkzeug's Request sees them as usual.
    Raises ApiError: 400 for a bad framing or a body shorter than announced, 408 when it
    does not arrive in time, 413 when it is too large.
    """
    error = environ.get(_FRAMING)
    if error is not None:
        raise error
    chunked = bool(environ.get("wsgi.input_terminated"))
    length = environ.get("CONTENT_LENGTH") or ""
    if not chunked and length in ("", "0"):
        return RequestBody(b"")
    if not chunked:
        length = int(length)
        if length > MAX_BODY:
            raise ApiError(413, f"Request body larger than {MAX_BODY} bytes")
    raw = _read_within_deadline(environ, None if chunked else length)
    environ["wsgi.input"] = io.BytesIO(raw)
    environ["CONTENT_LENGTH"] = str(len(raw))
    environ.pop("wsgi.input_terminated", None)
    return RequestBody(raw)


def _read_within_deadline(environ, length):
    """The body's bytes; `length` None means read to the end of the chunked stream."""
    stream = environ["wsgi.input"]
    sock = environ.get("werkzeug.socket")
    if length is not None and sock is not None and hasattr(stream, "read1"):
        return _read_plain(stream, sock, length)
    late = threading.Event()

    def cut_off():
        # Shutting the reading side ends any read in progress, however the client trickles.
        late.set()
        try:  # the plain socket's shutdown: a TLS socket's own would drop its TLS state
            socket.socket.shutdown(sock, socket.SHUT_RD)
        except OSError:
            pass

    timer = threading.Timer(BODY_SECONDS, cut_off) if sock is not None else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    began = time.monotonic()
    try:
        raw = _read(stream, length)
    except OSError as exc:
        if late.is_set() or isinstance(exc, TimeoutError):
            raise _too_slow() from None
        # werkzeug's chunked reader says "Invalid chunk header" and the like
        raise ApiError(400, f"Malformed request body: {exc}") from None
    finally:
        if timer is not None:
            timer.cancel()
    if late.is_set() or time.monotonic() - began > BODY_SECONDS:
        raise _too_slow()
    if length is not None and len(raw) < length:
        raise ApiError(400, f"Request body ended after {len(raw)} of the {length} bytes "
                            "its Content-Length announced")
    return raw


def _read_plain(stream, sock, length):
    """A Content-Length body: each read waits at most until the deadline (no thread)."""
    deadline = time.monotonic() + BODY_SECONDS
    idle = sock.gettimeout()
    parts, total = [], 0
    try:
        while total < length:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _too_slow()
            sock.settimeout(remaining)
            try:  # read1: one receive at most, so the deadline holds however it trickles
                data = stream.read1(min(65536, length - total))
            except TimeoutError:
                raise _too_slow() from None
            except OSError as exc:
                raise ApiError(400, f"Request body could not be read: {exc}") from None
            if not data:
                raise ApiError(400, f"Request body ended after {total} of the {length} "
                                    "bytes its Content-Length announced")
            parts.append(data)
            total += len(data)
    finally:
        try:
            sock.settimeout(idle)
        except OSError:
            pass
    return b"".join(parts)


def _read(stream, length):
    parts, total = [], 0
    while length is None or total < length:
        want = 65536 if length is None else min(65536, length - total)
        data = stream.read(want)
        if not data:
            break
        parts.append(data)
        total += len(data)
        if total > MAX_BODY:
            raise ApiError(413, f"Request body larger than {MAX_BODY} bytes")
    return b"".join(parts)


def _too_slow():
    # werkzeug closes every connection after its answer, so no "Connection: close" here
    return ApiError(408, f"The request body did not arrive within {BODY_SECONDS:g} seconds")
