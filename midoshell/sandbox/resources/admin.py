"""The sandbox's test-only admin endpoint: change the state fields agents report.

On a real MidoNet, `alive` of a host, `active` of a port and the status of a service
container come from agents, never from API clients.  Tests of `wait-until` need them to
change from outside, so a sandbox started with `admin=True` (`midoshell-sandbox --admin`)
also answers

    PUT /_sandbox/state/<kind>/<id>      {"alive": true}           -> 204

outside the API root.  Without the flag the path does not exist (404 like any other).
Only the fields below may be set: everything else follows the v5 server's rules.
"""

import json

from werkzeug.wrappers import Request, Response

PREFIX = "/_sandbox/state/"

# kind (the store's) -> the agent-reported fields the endpoint may change.
STATE_FIELDS = {
    "host": {"alive"},
    "port": {"active"},
    "service_container": {"statusCode", "statusMessage"},
}


class AdminMiddleware:
    """Answers PUT /_sandbox/state/... itself and hands every other request to `app`."""

    def __init__(self, app, store):
        self.app = app
        self.store = store

    def __call__(self, environ, start_response):
        request = Request(environ)
        if not request.path.startswith(PREFIX):
            return self.app(environ, start_response)
        check = getattr(self.app, "host_check", None)
        if check is not None and not check.allows(environ.get("HTTP_HOST")):
            # the API's guard against DNS rebinding holds here too
            return _answer(421, "misdirected request")(environ, start_response)
        return self._state(request)(environ, start_response)

    def _state(self, request):
        if request.method != "PUT":
            return _answer(405, "only PUT is served here")
        parts = request.path[len(PREFIX):].strip("/").split("/")
        if len(parts) != 2 or parts[0] not in STATE_FIELDS:
            return _answer(404, f"expected {PREFIX}<kind>/<id> with kind one of "
                                f"{', '.join(sorted(STATE_FIELDS))}")
        kind, obj_id = parts
        try:
            fields = json.loads(request.get_data(as_text=True) or "null")
        except ValueError:
            return _answer(400, "the body is not JSON")
        if not isinstance(fields, dict) or not fields:
            return _answer(400, "expected a JSON object of fields")
        unknown = set(fields) - STATE_FIELDS[kind]
        if unknown:
            return _answer(400, f"not state fields of {kind}: {', '.join(sorted(unknown))}")
        with self.store.transaction() as store:
            doc = store.get(kind, obj_id)
            if doc is None:
                return _answer(404, f"no {kind} with id {obj_id}")
            doc.update(fields)
            store.replace(kind, obj_id, doc)
        return Response(status=204)


def _answer(status, message):
    return Response(json.dumps({"code": status, "message": message}), status=status,
                    content_type="application/json")
