"""The sandbox WSGI app: CORS, login and tokens, routing, one transaction per request."""

import logging

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request

from .errors import ApiError, method_not_allowed
from .resources import KNOWN_SEGMENTS, ROUTES
from .web import Ctx, bare, error_response

ROOT = "/midonet-api"
_CORS = {"Access-Control-Allow-Origin": "*",
         "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
         "Access-Control-Expose-Headers": "Location"}
_PREFLIGHT = {"Access-Control-Allow-Headers": "Origin, X-Auth-Token, X-Auth-Project, "
                                              "Content-Type, Accept, Authorization"}

log = logging.getLogger("midoshell.sandbox")


class SandboxApp:
    """WSGI callable serving the MidoNet v5 REST API under /midonet-api from a Store."""

    def __init__(self, store, authenticator):
        self.store = store
        self.auth = authenticator
        self._handlers = [handlers for _, handlers, _ in ROUTES]
        rules = [Rule(path, endpoint=index, defaults=defaults or None)
                 for index, (path, _, defaults) in enumerate(ROUTES)]
        # Trailing slashes are stripped before matching, so no slash redirects are wanted.
        self._urls = Map(rules, merge_slashes=False, redirect_defaults=False).bind("sandbox")

    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self._respond(request)
        response.headers.update(_CORS)
        return response(environ, start_response)

    def _respond(self, request):
        if request.method == "OPTIONS":  # CORS preflight, answered before any auth
            return bare(200, _PREFLIGHT)
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
                return handler(Ctx(request, store, base), **args)
        except ApiError as err:
            return error_response(err)
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
