"""When a request to the MidoNet API is made again: urllib3's Retry rules for one request, each
retry told, and no retry whose wait would pass the command's deadline.

urllib3 tells the failures apart by their exception types: a connection that could not be
opened never reached a server, so any method is sent again; a failure after the request went
out (read error, reset, timeout) is retried only for idempotent methods, as is a 502, 503 or 504
answer, after the server's Retry-After or an exponential backoff.  A POST that may have reached
the server is never sent twice.
"""

from urllib3.exceptions import (HTTPError, InvalidHeader, MaxRetryError, ProtocolError,
                                ReadTimeoutError, ResponseError)
from urllib3.util.retry import Retry

from midoshell.http_answers import causes, never_sent

IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({502, 503, 504})
BACKOFF_FACTOR = 0.25  # urllib3's backoff: none before the first retry, then 0.5 s, 1 s, 2 s
BACKOFF_MAX = 2.0
RETRY_AFTER_MAX = 10  # seconds: a server asking for longer is waited for this long
LAST_MOMENT = 0.1  # seconds: with less than this left of the deadline, no attempt is begun


class CommandRetry(Retry):
    """urllib3's Retry, told of each retry (`attempts.retried`) and bounded by the deadline
    (`attempts.time_left`); Retry-After is also read from MidoNet's `RetryAfter`, and one that
    cannot be read is ignored (urllib3 would fail the request)."""

    # 502/503/504 only (status_forcelist): a 429 or 413 is not retried, Retry-After or not
    RETRY_AFTER_STATUS_CODES = frozenset()

    def __init__(self, *args, attempts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempts = attempts

    def new(self, **kwargs):
        kwargs.setdefault("attempts", self.attempts)
        return super().new(**kwargs)

    def increment(self, method=None, url=None, response=None, error=None, _pool=None,
                  _stacktrace=None):
        """urllib3's rules, then the deadline: a retry whose wait would end too near it is
        not made (MaxRetryError: the last answer or failure stands)."""
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        if retry.wait(response) + LAST_MOMENT >= self.attempts.time_left():
            reason = error or ResponseError(f"HTTP {response.status}: no time left to retry")
            raise MaxRetryError(_pool, url, reason) from reason
        self.attempts.retried(retry, response, error)
        return retry

    def wait(self, response=None):
        """How long sleep() waits before the next attempt (as urllib3's sleep decides)."""
        after = None
        if response is not None and self.respect_retry_after_header:
            after = self.get_retry_after(response)
        return after or self.get_backoff_time()

    def get_retry_after(self, response):
        value = response.headers.get("Retry-After") or response.headers.get("RetryAfter")
        try:
            return None if value is None else self.parse_retry_after(value)
        except InvalidHeader:
            return None


class Attempts:
    """The attempts at one request, on one URL or moving among several: `retry` is urllib3's
    Retry as the latest failure left it (what is left of the budget, every failure so far),
    `total` how many attempts there may be.

    retries: how many times a request is made again at one URL; each further URL adds one.
    tell: called with (number of the next attempt, total, response or None, error or None).
    time_left: seconds left of the deadline.
    """

    def __init__(self, retries, urls, tell, time_left):
        self.total = retries + urls
        self.tell = tell
        self.time_left = time_left
        self.retry = CommandRetry(
            total=self.total - 1, status=retries, other=0, attempts=self,
            # with several URLs, a node that refuses connections is left for the next at once
            connect=0 if urls > 1 else None,
            allowed_methods=IDEMPOTENT, status_forcelist=RETRY_STATUSES, raise_on_status=False,
            backoff_factor=BACKOFF_FACTOR, backoff_max=BACKOFF_MAX,
            retry_after_max=RETRY_AFTER_MAX)

    @property
    def number(self):
        """The number of the attempt about to be made."""
        return self.total - self.retry.total

    def retried(self, retry, response=None, error=None):
        self.retry = retry
        self.tell(self.number, self.total, response, error)

    def again(self, method, url, error):
        """After a request failed with `error` (a requests exception) that urllib3 did not
        retry: True when another attempt is to be made at the same URL (told, waited for).

        A failure while the answer's body was read comes after urllib3's part: its rules
        decide here.  A failure urllib3 has already refused (a POST's read error) is
        refused again; one it gave up on (MaxRetryError) is final."""
        chain = list(causes(error))
        cause = next((e for e in chain if isinstance(e, (ProtocolError, ReadTimeoutError))),
                     None)
        if cause is None or any(isinstance(e, MaxRetryError) for e in chain):
            return False
        try:
            retry = self.retry.increment(method, url, error=cause)
        except HTTPError:  # not for this method, or no attempts or time left
            return False
        retry.sleep()
        return True

    def move_on(self, error):
        """After a connection that could not be opened (urllib3 gave up on that URL): True
        when there are attempts and time left for the next URL (no wait: it is another
        server)."""
        if not never_sent(error) or self.retry.total < 1 or self.time_left() < LAST_MOMENT:
            return False
        self.retry = self.retry.new(total=self.retry.total - 1)
        return True

    def reached_server(self, error=None):
        """Whether an attempt may have reached a server: any failure so far, or `error`,
        that was not a connection that could not be opened."""
        failures = [h.error for h in self.retry.history if h.error is not None]
        return any(not never_sent(failure) for failure in failures + [error] if failure)
