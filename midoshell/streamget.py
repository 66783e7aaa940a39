"""A collection GET whose answer is decoded while it arrives (see jsonstream.py).

The request goes through the client as any GET (login, retries, failover, deadline); only
the body is read afterwards, chunk by chunk.  A body that breaks before its first item is
asked for again, as a GET that failed outright is; once items have been handed out, a
break is an error saying how far the answer came, never a list silently cut short.  The
deadline is kept between chunks: a server that dribbles its answer is given up on when the
command's time is out.
"""

import contextlib
import time
from urllib.parse import urlsplit

import requests
import urllib3

from midoshell import http_answers as answers
from midoshell.errors import ApiError, ConnectError
from midoshell.jsonstream import ArrayItems, NotAList, NotJson

CHUNK = 256 * 1024  # bytes read at once: large enough that decoding, not reading, costs


def stream_batches(client, uri, media, params=None):
    """The items of the JSON array answering GET `uri`, as they arrive: a list of the items
    each chunk of the answer completes (none empty).  The request is sent now (its errors
    are raised here); the body is read as the lists are taken."""
    end = _end_of(client)
    return _batches(client, uri, media, params, _request(client, uri, media, params), end)


def _request(client, uri, media, params):
    with _streamed(client.http):
        return client.request("GET", uri, accept=media, params=params, raw=True)


def _batches(client, uri, media, params, response, end):
    attempts = client.attempts_at("GET", uri)
    while True:
        decoder = ArrayItems()
        try:
            for chunk in _chunks(response):
                items = decoder.feed(chunk)
                if items:
                    yield items
                if time.monotonic() > end:
                    raise ConnectError(f"cannot reach the MidoNet API at {client.url}: timed "
                                       f"out after {client.seconds:g} s (see --timeout)")
            items = decoder.end()
            if items:
                yield items
            return
        except requests.RequestException as error:
            with client.deadline(max(end - time.monotonic(), 0.001)):  # the one in force
                # before its first item, the GET's retry rules decide (told, waited for)
                if decoder.count or not attempts.again("GET", uri, error):
                    raise _cut_off(uri, decoder, answers.reason_of(error)) from None
        except NotAList:
            raise ApiError(502, f"the API answered GET {uri} with something that is not a "
                                f"list") from None
        except NotJson as error:
            kind = response.headers.get("Content-Type") or "no content type"
            raise ApiError(502, f"the API answered GET {uri} with something that is not "
                                f"JSON (HTTP {response.status_code}, {kind}): {error}") from None
        finally:
            response.close()
        end = _end_of(client)  # the body broke before its first item: ask again
        response = _request(client, uri, media, params)


def _chunks(response):
    """The body's bytes as they come: what has arrived (up to CHUNK) is handed on at once,
    not held until CHUNK bytes are there; urllib3's errors as requests' (as iter_content)."""
    raw = response.raw
    if getattr(response, "_content_consumed", False) or getattr(raw, "chunked", False) \
            or not hasattr(raw, "read1"):
        # read already (the debug log shows answers), or one HTTP chunk at a time anyway
        yield from response.iter_content(CHUNK)
        return
    while True:
        try:
            data = raw.read1(CHUNK)
        except (urllib3.exceptions.HTTPError, OSError) as error:
            raise requests.ConnectionError(error) from None
        if not data:
            return
        yield data


def _end_of(client):
    """When the body must have come: the deadline in force, else the client's timeout."""
    armed = getattr(client._local, "deadline", None)
    return armed if armed is not None else time.monotonic() + client.seconds


@contextlib.contextmanager
def _streamed(http):
    """The session's requests leave the body unread (requests' Session.stream) while the
    request is made; a request of another thread that reads its answer whole (as the
    client's other calls do) is not changed by it."""
    before = http.stream
    http.stream = True
    try:
        yield
    finally:
        http.stream = before


def _cut_off(uri, decoder, reason):
    path = urlsplit(uri).path or "/"
    if decoder.count:
        return ConnectError(f"the answer to GET {path} broke off after {decoder.count:,} "
                            f"object(s): {reason}; the list is incomplete")
    return ConnectError(f"the answer to GET {path} broke off: {reason}")
