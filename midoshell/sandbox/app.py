"""The sandbox WSGI app: Host and CORS checks, login and tokens, routing, one transaction
per request."""

import functools
import logging
import sqlite3

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request

from .browsers import Cors
from .errors import ApiError, method_not_allowed
from .framing import read_body
from .resources import KNOWN_SEGMENTS, ROUTES
from .store import Busy
from .web import Ctx, RenderCache, bare, error_response

ROOT = "/midonet-api"

log = logging.getLogger("midoshell.sandbox")


@functools.lru_cache(maxsize=1)
def _url_map():
    """The routes, compiled once per process: werkzeug compiles each rule to Python code
    (~0.1 s for all of them), and a process that starts many sandboxes (the tests) would pay
    it each time.  Matching only reads the compiled map, so the servers' threads share it."""
    rules = [Rule(path, endpoint=index, defaults=defaults or None)
             for index, (path, _, defaults) in enumerate(ROUTES)]
    # Trailing slashes are stripped before matching, so no slash redirects are wanted.
    return Map(rules, merge_slashes=False, redirect_defaults=False).bind("sandbox")


class SandboxApp:
    """WSGI callable serving the MidoNet v5 REST API under /midonet-api from a Store."""

    def __init__(self, store, authenticator, host_check=None, cors=None):
        self.store = store
        self.auth = authenticator
        self.host_check = host_check  # browsers.HostCheck; None accepts any Host (tests)
        self.cors = cors or Cors()
        self.renders = RenderCache()  # collections are served from cached renderings
        self._handlers = [handlers for _, handlers, _ in ROUTES]
        self._urls = _url_map()

    def __call__(self, environ, start_response):
        try:
            if self.host_check is not None:  # before anything else: DNS rebinding
                self.host_check.check(environ)
            # The whole body is read (or refused) before any lock: a slow client must not
            # hold up the others.
            body = read_body(environ)
        except ApiError as err:
            response = error_response(err)
        else:
            response = self._respond(Request(environ), body)
        response.headers.update(self.cors.headers(environ.get("HTTP_ORIGIN"),
                                                  environ["REQUEST_METHOD"] == "OPTIONS"))
        return response(environ, start_response)

    def _respond(self, request, body):
        if request.method == "OPTIONS":  # CORS preflight, answered before any auth
            return bare(200, {"Allow": "GET, POST, PUT, DELETE, OPTIONS"})
        path = request.path
        if path != ROOT and not path.startswith(ROOT + "/"):
            return bare(404)
        sub = "/" + path[len(ROOT):].strip("/")
        try:
            if sub == "/login":
                return self.auth.login(request)
            self.auth.authorize(request)
            handler, args = self._route(sub, request.method)
            with self.store.transaction() as store:
                base = request.host_url + ROOT.lstrip("/") + "/"
                return handler(Ctx(request, store, base, body, self.renders), **args)
        except ApiError as err:
            return error_response(err)
        except (sqlite3.Error, Busy) as exc:
            return error_response(storage_error(exc, request))
        except Exception as exc:  # the real server turns unhandled errors into a JSON 500
            log.exception("unhandled error on %s %s", request.method, path)
            return error_response(ApiError(500, f"{type(exc).__name__}: {exc}"))

    def _route(self, sub, method):
        """(handler, url arguments) for a path below the root; 404/405 as the server would."""
        try:
            endpoint, args = self._urls.match(sub)
        except HTTPException:
            segment = sub.strip("/").split("/")[0]
            if segment not in KNOWN_SEGMENTS:
                raise ApiError(404, f"Root resource {segment} not found") from None
            raise ApiError(404, empty=True) from None
        handler = self._handlers[endpoint].get("GET" if method == "HEAD" else method)
        if handler is None:
            raise method_not_allowed()
        return handler, args


_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")


def storage_error(exc, request):
    """The answer for a failure of the state file: 503 while another process holds it
    (try again), 507 when the disk is full, 503 for other I/O trouble; never a 500."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if isinstance(exc, Busy) or name.startswith(_BUSY):
        return ApiError(503, "The sandbox's state file is in use by another process; "
                             "try again", headers={"Retry-After": "1"})
    if name.startswith("SQLITE_FULL"):
        log.error("state file full on %s %s: %s", request.method, request.path, exc)
        return ApiError(507, "No space left for the sandbox's state file; nothing was "
                             "changed")
    log.error("state file error on %s %s: %s", request.method, request.path, exc)
    return ApiError(503, f"The sandbox's state file cannot be used: {exc}",
                    headers={"Retry-After": "5"})
