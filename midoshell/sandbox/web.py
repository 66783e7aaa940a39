"""Per-request context handed to resource handlers, and the response shapes they return."""

import json

from werkzeug.wrappers import Response

from . import media
from .errors import ApiError, not_found
from .validation import Body, parse_json

# The storage class name MidoNet puts in "There is no <X> with ID <id>." for each kind.
PROTO = {"router": "Router", "bridge": "Network", "port": "Port", "route": "Route",
         "chain": "Chain", "rule": "Rule", "host": "Host", "tunnel_zone": "TunnelZone",
         "port_group": "PortGroup", "ip_addr_group": "IPAddrGroup", "dhcp_subnet": "Dhcp",
         "bgp_peer": "BgpPeer", "bgp_network": "BgpNetwork", "mirror": "Mirror",
         "load_balancer": "LoadBalancer", "pool": "Pool", "pool_member": "PoolMember",
         "vip": "Vip", "health_monitor": "HealthMonitor", "vtep": "Vtep",
         "trace_request": "TraceRequest", "l2insertion": "L2Insertion",
         "service_container": "ServiceContainer",
         "service_container_group": "ServiceContainerGroup", "qos_policy": "QosPolicy",
         "qos_bw_limit_rule": "QosRuleBandwidthLimit", "qos_dscp_rule": "QosRuleDscp"}


class Ctx:
    """What a handler needs: the request, the store (inside its transaction), the base URI."""

    def __init__(self, request, store, base, body=None, renders=None):
        self.request = request
        self.store = store
        self.base = base  # e.g. http://127.0.0.1:8181/midonet-api/ (trailing slash)
        self._body = body  # framing.RequestBody, read and decoded before the transaction
        self._renders = renders if renders is not None else RenderCache()

    def uri(self, *parts):
        """Absolute URI under the API root; None when any part is None (a null link)."""
        if any(p is None for p in parts):
            return None
        return self.base + "/".join(str(p) for p in parts)

    def accept(self, types, generic=True):
        """Negotiate the response Content-Type for a GET against allowed media types."""
        return media.negotiate(self.request.headers.get("Accept"), types, generic)

    def body(self, types, generic=True):
        """Check the Content-Type against `types`, then decode the JSON body."""
        media.check_body_type(self.request.headers.get("Content-Type"), types, generic)
        if self._body is None:  # a Ctx made outside the app (tests, tools)
            return Body(parse_json(self.request.get_data(as_text=True)))
        return Body(self._body.json())

    def query(self, name):
        return self.request.args.get(name)

    def load(self, kind, obj_id):
        """The stored object, or the storage layer's 404 for it."""
        doc = self.store.get(kind, obj_id)
        if doc is None:
            raise not_found(PROTO[kind], obj_id)
        return doc

    def require(self, refs):
        """404 for the first reference to a missing object; `refs` maps kind -> ids."""
        for kind, ids in refs.items():
            for obj_id in ids:
                if obj_id is not None:
                    self.load(kind, obj_id)

    def list_of(self, docs, types, render, generic=True):
        """A 200 JSON array of rendered objects, after Accept negotiation."""
        ctype = self.accept(types, generic)
        return json_response([render(self, d) for d in docs], ctype)

    def list_kind(self, kind, types, render, generic=True, **match):
        """GET of a stored collection: the objects of `kind` whose fields equal `match`, as
        list_of(store.all(kind, **match), ...) would answer, from cached renderings."""
        ctype = self.accept(types, generic)
        body = self._renders.collection(self, kind, match, render)
        return Response(body, status=200, content_type=ctype)

    def item(self, kind, obj_id, types, render):
        """GET of one stored object: Accept is checked before the object is looked up."""
        ctype = self.accept(types)
        return json_response(render(self, self.load(kind, obj_id)), ctype)


_CACHE_LIMIT = 200_000  # renderings kept; past it the cache starts again (memory bound)
_BODIES_LIMIT = 64 * 1024 * 1024  # bytes of whole collection answers kept


class RenderCache:
    """JSON renderings of stored documents, reused while the stored text and the base URI
    are the same (the base follows the request's Host, so it rarely changes), and whole
    collection answers, reused until the next write to the state file (by anyone).

    Only renderers that read nothing but the document and the base URI are cached; one
    that touches anything else (the store, the request) is found out on its first use and
    never cached.  Lives as long as the app; used inside the store's lock.
    """

    def __init__(self):
        self._cache = {}  # (render, id) -> (stored text, base URI, JSON rendering bytes)
        self._impure = set()
        self._bodies = {}  # (kind, match, render, base) -> (store generation, JSON bytes)

    def collection(self, ctx, kind, match, render):
        """The JSON array (bytes) of render(ctx, doc) for the stored objects of `kind`
        whose fields equal `match`, in creation order."""
        key = (kind, tuple(sorted(match.items())), render, ctx.base)
        generation = ctx.store.generation()
        hit = self._bodies.get(key)
        if hit is not None and hit[0] == generation:
            return hit[1]
        parts = self.json_of(ctx, ctx.store.rows(kind, **match), render)
        if parts:  # brackets on the ends, so the 30 MB of a big list are copied once
            parts[0] = b"[" + parts[0]
            parts[-1] = parts[-1] + b"]"
        body = b", ".join(parts) if parts else b"[]"
        if render not in self._impure:
            self._keep_body(key, generation, body)
        return body

    def _keep_body(self, key, generation, body):
        self._bodies.pop(key, None)
        self._bodies[key] = (generation, body)
        total = sum(len(kept) for _, kept in self._bodies.values())
        while total > _BODIES_LIMIT and self._bodies:  # the oldest go first
            total -= len(self._bodies.pop(next(iter(self._bodies)))[1])

    def json_of(self, ctx, rows, render):
        """The JSON bytes of render(ctx, doc) for each (id, stored text) in `rows`."""
        cache, base, out = self._cache, ctx.base, []
        for obj_id, text in rows:
            hit = cache.get((render, obj_id))
            if hit is not None and hit[0] == text and hit[1] == base:
                out.append(hit[2])
            else:
                out.append(self._render(ctx, obj_id, text, render))
        return out

    def _render(self, ctx, obj_id, text, render):
        doc = json.loads(text)
        if render in self._impure:
            return json.dumps(render(ctx, doc)).encode()
        watched = _WatchedCtx(ctx)
        rendered = json.dumps(render(watched, doc)).encode()
        if not watched.pure:
            self._impure.add(render)
            return rendered
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        # Keyed by id, so a changed object replaces its old rendering: the cache holds
        # about one rendering per stored object.
        self._cache[(render, obj_id)] = (text, ctx.base, rendered)
        return rendered


class _WatchedCtx:
    """A Ctx that notices whether a renderer uses more than `base` and `uri()`."""

    def __init__(self, ctx):
        self._ctx = ctx
        self.base = ctx.base
        self.pure = True

    def uri(self, *parts):
        return Ctx.uri(self, *parts)

    def __getattr__(self, name):
        self.pure = False
        return getattr(self._ctx, name)


def bare(status, headers=None):
    """A response with no body and no Content-Type."""
    resp = Response(status=status, headers=headers)
    del resp.headers["Content-Type"]  # bodiless answers carry no media type
    return resp


def json_response(data, content_type, status=200):
    return Response(json.dumps(data), status=status, content_type=content_type)


def created(location):
    return bare(201, {"Location": location})


def no_content(status=204):
    return bare(status)


def error_response(err: ApiError):
    if err.empty:
        resp = bare(err.status)
    else:
        ctype = media.ERROR + (";charset=UTF-8" if err.charset else "")
        resp = json_response(err.entity(), ctype, err.status)
    resp.headers.update(err.headers)
    return resp
