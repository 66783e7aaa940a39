"""What an HTTP exchange with the MidoNet API came to, in midoshell's terms: a server's
error body as an ApiError, a failed connection in plain words (not the repr of urllib3's
exception chain), whether a request can have reached the server, and what to say when a URL
is not the API or a redirect is refused."""

import http.client
import re
import socket
import ssl
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError

from midoshell.errors import ApiError
from midoshell.masking import mask_url
from midoshell.transport import origin


def no_api_message(url, detail):
    """There is no MidoNet API at `url`; for a URL without /midonet-api, the likely one."""
    text = f"no MidoNet API at {mask_url(url)} ({detail})"
    parts = urlsplit(url)
    if "midonet-api" not in parts.path:
        text += f"; did you mean {mask_url(parts.scheme + '://' + parts.netloc)}/midonet-api?"
    return text


def redirect_refused(method, target, location):
    text = (f"the MidoNet API at {mask_url(target)} redirected {method} to "
            f"{mask_url(location)}; not followed: ")
    if origin(target)[0] == "https" and origin(location)[0] != "https":
        return text + "it leaves HTTPS for plain HTTP, where the login would travel in clear"
    return text + ("another scheme, host or port would be handed the login token; if that is "
                   "the API, give it with --midonet-url")


def never_sent(error):
    """A connection that could not be opened (refused, no such host, timed out connecting),
    told by urllib3's exception types anywhere in the chain: the server saw nothing."""
    return any(isinstance(e, (ConnectTimeoutError, requests.exceptions.ConnectTimeout))
               for e in causes(error))


def api_error(response, method, uri):
    body = json_or_none(response, None)
    if isinstance(body, dict) and (body.get("message") or body.get("violations")):
        return ApiError(response.status_code, body.get("message") or "",
                        body.get("violations") or (), method, uri)
    kind = (response.headers.get("Content-Type") or "").split(";")[0]
    detail = response.reason or "error"
    if response.content and kind and "json" not in kind:
        detail += f" (the server answered with {kind}, not a MidoNet error)"
    return ApiError(response.status_code, detail, (), method, uri)


def json_body(response, method, uri):
    if not response.content:
        return None
    value = json_or_none(response, None)
    if value is None:
        kind = response.headers.get("Content-Type") or "no content type"
        raise ApiError(502, f"the API answered {method} {uri} with something that is not "
                       f"JSON (HTTP {response.status_code}, {kind})")
    return value


def reason_of(error):
    """Why a request failed, in plain words (not the repr of urllib3's exception chain)."""
    if isinstance(error, requests.Timeout):
        return "timed out"
    root = root_cause(error)
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


def root_cause(error):
    """The innermost exception of a requests/urllib3 chain (MaxRetryError.reason, args, causes)."""
    *_, innermost = causes(error)
    return innermost


def causes(error):
    """`error`, then each exception it wraps (requests' args, urllib3's MaxRetryError.reason
    and ProxyError, __cause__, __context__), outermost first."""
    seen, current = set(), error
    while current is not None and id(current) not in seen:
        yield current
        seen.add(id(current))
        inner = getattr(current, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((a for a in reversed(getattr(current, "args", ()))
                          if isinstance(a, BaseException)), None)
        current = inner or current.__cause__ or current.__context__


def _plain(detail):
    """An exception's message without `[Errno N]` and urllib3's object prefixes."""
    text = str(detail)
    text = re.sub(r"^\[Errno -?\d+\] ", "", text)
    text = re.sub(r"^<[^>]+>: ", "", text)
    text = text.replace("Failed to establish a new connection: ", "")
    return re.sub(r"\s*\(_ssl\.c:\d+\)$", "", text)[:200]


def json_or_none(response, default):
    try:
        return response.json()
    except ValueError:
        return default


def error_message(response):
    body = json_or_none(response, {})
    return body.get("message") if isinstance(body, dict) else None
