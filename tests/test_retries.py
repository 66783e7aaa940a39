"""When a request is made again (midoshell.retries over urllib3's Retry): which failures for
which methods, Retry-After within the deadline, the backoff, failover to the next URL, and
"was it sent" from exception types.

The rules are checked first on urllib3's Retry itself (no network), then end to end through
tests/faultproxy.py in front of a real sandbox (see also test_faults.py).
"""

import os
import socket
import threading
import time

import pytest
import requests
from urllib3.exceptions import (MaxRetryError, NameResolutionError, NewConnectionError,
                                ProtocolError, ReadTimeoutError, SSLError)
from urllib3.response import HTTPResponse
from urllib3.util.timeout import Timeout

from conftest import ROOT
from faultproxy import Answer, FaultProxy, ResetAfterForward, ResetMidAnswer
from test_faults import make_router, mido, routers
from midoshell.http_answers import never_sent
from midoshell.retries import Attempts
from midoshell.transport import Watchdog

ROUTERS = r"/routers$"
URL = "/midonet-api/routers"


# -- the rules, on urllib3's Retry ------------------------------------------------------------
class Told(list):
    """The retries told: (attempt number, of how many, status or None, error or None)."""

    def __call__(self, number, total, response, error):
        self.append((number, total, response.status if response is not None else None, error))


def attempts(retries=2, urls=1, time_left=30.0):
    told = Told()
    return Attempts(retries, urls, told, lambda: time_left), told


def refused():
    return NewConnectionError(None, "Failed to establish a new connection: refused")


def reset():
    return ProtocolError("Connection aborted.", ConnectionResetError(104, "reset"))


def answer(status, **headers):
    return HTTPResponse(body=b"", headers=headers, status=status, preload_content=False)


@pytest.mark.parametrize("method", ["POST", "GET", "PUT", "DELETE"])
def test_a_connection_never_opened_is_retried_for_every_method(method):
    tries, told = attempts()
    error = refused()
    tries.retry.increment(method, URL, error=error)
    tries.retry.increment(method, URL, error=error)
    assert told == [(2, 3, None, error), (3, 3, None, error)]
    with pytest.raises(MaxRetryError):  # three attempts in all
        tries.retry.increment(method, URL, error=error)
    assert not tries.reached_server()


@pytest.mark.parametrize("error", [reset(), ReadTimeoutError(None, URL, "read timed out")],
                         ids=["reset", "read-timeout"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_a_request_that_may_have_been_sent_is_retried_when_idempotent(method, error):
    tries, told = attempts()
    tries.retry.increment(method, URL, error=error)
    assert told == [(2, 3, None, error)]
    assert tries.reached_server()


@pytest.mark.parametrize("error", [reset(), ReadTimeoutError(None, URL, "read timed out")],
                         ids=["reset", "read-timeout"])
def test_a_post_that_may_have_been_sent_is_never_retried(error):
    tries, told = attempts()
    with pytest.raises(type(error)):
        tries.retry.increment("POST", URL, error=error)
    assert told == []
    assert tries.reached_server(error)


def test_a_refused_certificate_is_not_tried_again():
    tries, told = attempts()
    with pytest.raises(MaxRetryError):
        tries.retry.increment("GET", URL, error=SSLError("certificate verify failed"))
    assert told == []


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_gateway_or_busy_answer_is_retried_for_idempotent_methods(status):
    retry = attempts()[0].retry
    methods = ("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST", "PATCH")
    assert [m for m in methods if retry.is_retry(m, status)] == \
        ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]


@pytest.mark.parametrize("status", [500, 404, 429, 413])
def test_other_statuses_are_not_retried_even_with_retry_after(status):
    assert not attempts()[0].retry.is_retry("GET", status, has_retry_after=True)


def test_status_retries_are_counted_apart_from_failover():
    """With several URLs, a 503 is retried `retries` times, not once per URL more."""
    tries, told = attempts(retries=2, urls=3)
    busy = answer(503, **{"Retry-After": "0"})
    tries.retry.increment("GET", URL, response=busy)
    tries.retry.increment("GET", URL, response=busy)
    with pytest.raises(MaxRetryError):
        tries.retry.increment("GET", URL, response=busy)
    assert [(n, total, status) for n, total, status, _ in told] == [(2, 5, 503), (3, 5, 503)]


@pytest.mark.parametrize("headers, wait", [
    ({"Retry-After": "3"}, 3), ({"RetryAfter": "2"}, 2),  # MidoNet's own spelling
    ({"Retry-After": "3600"}, 10),  # a server asking for an hour is waited for 10 s
    ({"Retry-After": "soon"}, 0), ({"Retry-After": "0"}, 0), ({}, 0),  # the backoff's
], ids=["seconds", "RetryAfter", "capped", "unreadable", "zero", "none"])
def test_retry_after_is_honoured_within_bounds(headers, wait):
    tries, _ = attempts()
    retry = tries.retry.increment("GET", URL, response=answer(503, **headers))
    assert retry.wait(answer(503, **headers)) == wait


def test_a_retry_whose_wait_would_pass_the_deadline_is_not_made():
    tries, told = attempts(time_left=3.0)
    with pytest.raises(MaxRetryError):
        tries.retry.increment("GET", URL, response=answer(503, **{"Retry-After": "5"}))
    assert told == []
    tries.retry.increment("GET", URL, response=answer(503, **{"Retry-After": "2"}))
    assert [t[:3] for t in told] == [(2, 3, 503)]


@pytest.mark.parametrize("method, error", [("GET", reset()), ("POST", refused())])
def test_no_attempt_is_begun_in_the_last_moment_of_the_deadline(method, error):
    tries, told = attempts(time_left=0.05)
    with pytest.raises(MaxRetryError) as refusal:
        tries.retry.increment(method, URL, error=error)  # no wait, but no time either
    assert told == []
    assert refusal.value.reason is error  # what failed is still known: was it sent?


def test_the_backoff_doubles_up_to_two_seconds():
    tries, _ = attempts(retries=6)
    waits = []
    for _ in range(6):
        waits.append(tries.retry.increment("GET", URL, error=reset()).wait())
    assert waits == [0, 0.5, 1.0, 2.0, 2.0, 2.0]


def test_with_several_urls_a_refused_connection_moves_to_the_next_at_once():
    tries, told = attempts(retries=2, urls=2)
    error = requests.ConnectionError(MaxRetryError(None, URL, refused()))
    with pytest.raises(MaxRetryError):  # urllib3 does not retry it at the same URL
        tries.retry.increment("POST", URL, error=refused())
    assert tries.move_on(error)
    assert tries.number == 2 and tries.total == 4
    assert not tries.move_on(requests.ConnectionError(reset()))  # it may have been sent


def test_failover_stops_when_the_attempts_are_spent():
    tries, _ = attempts(retries=0, urls=2)
    error = requests.ConnectionError(MaxRetryError(None, URL, refused()))
    assert tries.move_on(error)
    assert not tries.move_on(error)


# -- was it sent: exception types, never the text ---------------------------------------------
@pytest.mark.parametrize("error, sent", [
    (requests.ConnectionError(MaxRetryError(None, URL, refused())), False),
    (requests.ConnectionError(MaxRetryError(None, URL, NameResolutionError(
        "api.example.test", None, socket.gaierror(-2, "Name or service not known")))), False),
    (requests.ConnectTimeout("deadline"), False),
    (requests.ConnectionError(reset()), True),
    (requests.ReadTimeout(ReadTimeoutError(None, URL, "read timed out")), True),
    # words are not types: a reset whose message speaks of a refused connection was sent
    (requests.ConnectionError(ProtocolError("NewConnectionError: Connection refused")), True),
    (requests.ConnectionError("NewConnectionError(...): Connection refused"), True),
], ids=["refused", "no-such-host", "deadline", "reset", "read-timeout", "reset-text",
        "bare-text"])
def test_was_it_sent_comes_from_the_exception_types(error, sent):
    assert never_sent(error) is not sent


# -- socket timeouts end at the deadline ------------------------------------------------------
def test_the_pools_bound_each_attempts_timeouts_by_the_deadline():
    """urllib3 gives its retries the first attempt's timeouts; the pools cut them down to
    what is left (the watchdog cannot cut a connection still being opened)."""
    from midoshell.client import Client

    client = Client("http://127.0.0.1:9/midonet-api")  # never connected to
    pool = client.http.get_adapter("http://").poolmanager.connection_from_url(client.url)
    with client.deadline(1.0):
        bound = pool._get_timeout(Timeout(connect=10.0, read=30.0))
    assert 0.5 < bound.connect_timeout <= 1.0 and 0.5 < bound.read_timeout <= 1.0


def test_each_attempts_socket_timeouts_end_at_the_deadline():
    watchdog = Watchdog()
    given = Timeout(connect=10.0, read=30.0)
    assert watchdog.bound(given) is given  # no deadline: as given
    watchdog.arm(time.monotonic() + 2.0)
    try:
        bound = watchdog.bound(given)
        assert 1.5 < bound.connect_timeout <= 2.0 and 1.5 < bound.read_timeout <= 2.0
        assert watchdog.bound(Timeout(connect=1.0, read=None)).connect_timeout == 1.0
    finally:
        watchdog.disarm()


# -- end to end, through the fault proxy ------------------------------------------------------
@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT)


@pytest.mark.parametrize("fault", [ResetAfterForward(), ResetMidAnswer()],
                         ids=["reset-before-answer", "reset-mid-answer"])
def test_a_put_whose_answer_was_lost_is_sent_again(proxy, sandbox, env, fault):
    router = make_router(sandbox, "r1")
    proxy.on(fault, "PUT", r"/routers/", times=1)
    done = mido(proxy.url, "-c", f"router {router} set name r2", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"midoshell: retrying PUT {URL}/{router} (2/3): connection reset by the server"]
    assert [s.forwarded for s in proxy.requests("PUT")] == [True, True]
    assert routers(sandbox) == ["r2"]


def test_a_retry_after_longer_than_the_deadline_is_not_waited_for(proxy, sandbox, env):
    proxy.on(Answer(503, b"", headers={"Retry-After": "5"}), "GET", ROUTERS, times=None)
    began = time.monotonic()
    done = mido(proxy.url, "--timeout", "3", "-c", "list router", env=env)
    took = time.monotonic() - began
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["-c:1: API error 503: Service Unavailable"]
    assert proxy.count("GET", ROUTERS) == 1
    assert took < 3, took  # it gave up at once rather than sleep to the deadline


@pytest.mark.parametrize("value", ["soon", "Wed, 21 Oct 2015 07:28:00 GMT", "-1"])
def test_a_retry_after_in_the_past_or_unreadable_falls_back_to_the_backoff(proxy, sandbox,
                                                                          env, value):
    make_router(sandbox, "r1")
    proxy.on(Answer(503, b"", headers={"Retry-After": value}), "GET", ROUTERS, times=2)
    done = mido(proxy.url, "-c", "list router", env=env)
    assert done.returncode == 0, done.stderr
    assert "name r1" in done.stdout
    assert done.stderr.splitlines() == [f"midoshell: retrying GET {URL} (2/3): HTTP 503",
                                        f"midoshell: retrying GET {URL} (3/3): HTTP 503"]


def test_a_post_moves_to_the_second_url_when_the_first_refuses_connections(sandbox, env):
    with FaultProxy(sandbox.url) as first, FaultProxy(sandbox.url) as second:
        urls = f"{first.url},{second.url}"
        assert mido(urls, "-c", "list router", env=env).returncode == 0  # caches the root
        first.refuse()
        done = mido(urls, "-c", "create router name r1", env=env)
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines() == [
            f"midoshell: retrying POST {URL} at {second.url} (2/4): connection refused"]
        assert first.count("POST") == 0 and second.count("POST") == 1
    assert routers(sandbox) == ["r1"]


def test_failover_goes_through_the_urls_in_the_order_given(sandbox, env):
    with FaultProxy(sandbox.url) as first, FaultProxy(sandbox.url) as second, \
            FaultProxy(sandbox.url) as third:
        first.refuse()
        done = mido(f"{first.url},{second.url},{third.url}", "-c", "list router", env=env)
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines() == [
            f"midoshell: retrying GET /midonet-api/ at {second.url} (2/5): connection refused"]
        assert third.count() == 0


def test_when_every_url_refuses_each_gets_its_turn_and_the_last_is_named(sandbox, env):
    with FaultProxy(sandbox.url) as first, FaultProxy(sandbox.url) as second:
        first.refuse()
        second.refuse()
        done = mido(f"{first.url},{second.url}", "-c", "list router", env=env)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        f"midoshell: retrying GET /midonet-api/ at {second.url} (2/4): connection refused",
        f"midoshell: retrying GET /midonet-api/ at {first.url} (3/4): connection refused",
        f"midoshell: retrying GET /midonet-api/ at {second.url} (4/4): connection refused",
        f"-c:1: cannot reach the MidoNet API at {second.url}: connection refused"]


def test_the_waits_between_attempts_follow_the_backoff(proxy, sandbox, env):
    proxy.on(Answer(503, b""), "GET", ROUTERS, times=2)
    assert mido(proxy.url, "-c", "list router", env=env).returncode == 0
    gets = proxy.requests("GET", ROUTERS)
    gaps = [later.at - earlier.at for earlier, later in zip(gets, gets[1:])]
    assert gaps[0] < 0.4 and 0.5 <= gaps[1] < 1.5, gaps  # none, then 0.5 s


def test_a_retry_is_told_from_a_background_thread_only_in_the_debug_log(sandbox, capsys):
    from midoshell.client import Client

    with FaultProxy(sandbox.url) as proxy:
        proxy.on(Answer(503, b""), "GET", r"/hosts$", times=1)
        client = Client(proxy.url)
        found = []
        worker = threading.Thread(target=lambda: found.append(
            client.get(client.root_link("hosts"), None)))
        worker.start()
        worker.join(30)
    assert len(found[0]) == 3
    assert capsys.readouterr().err == ""
    assert proxy.count("GET", r"/hosts$") == 2


def test_a_write_begun_after_the_deadline_is_never_sent(proxy):
    """A command whose deadline passed before its next request: that request is not
    sent at all, so a write is known not applied (not 'may have been applied')."""
    from midoshell.client import Client
    from midoshell.errors import ConnectError

    client = Client(proxy.url, notice=lambda text: None)
    routers_uri = client.root_link("routers")
    with pytest.raises(ConnectError, match="timed out after") as failure:
        with client.deadline(0.3):
            time.sleep(0.4)
            client.create(routers_uri, "application/vnd.org.midonet.Router-v3+json",
                          {"name": "late"})
    assert not failure.value.maybe_applied
    assert proxy.count("POST") == 0


def test_the_completers_background_client_retries_as_the_clients_own(sandbox, tmp_path):
    """Its own session, made as the client's: urllib3's retries, the deadline's guard,
    headers, CA settings, proxies and --match-cn's TLS context."""
    from midoshell.client import Client
    from midoshell.interactive.refresh import background_client

    with FaultProxy(sandbox.url) as proxy:
        proxy.on(Answer(503, b""), "GET", r"/hosts$", times=1)
        client = Client(proxy.url, notice=lambda text: None)
        clone = background_client(client)
        assert clone.http is not client.http
        assert len(clone.get(clone.root_link("hosts"), None)) == 3
        assert [s.status for s in proxy.requests("GET", r"/hosts$")] == [503, 200]
        assert proxy.requests("GET", r"/hosts$")[0].headers["user-agent"] == "midoshell"
    from test_https import make_certificate

    ca = str(make_certificate(tmp_path)[0])
    tls = Client("https://127.0.0.1:9/midonet-api", verify=ca, match_cn=True)
    clone = background_client(tls)
    assert clone.http.verify == ca
    assert clone.http.get_adapter("https://").ssl_context is \
        tls.http.get_adapter("https://").ssl_context
