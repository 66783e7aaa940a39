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

    def __init__(self, request, store, base, body=None):
        self.request = request
        self.store = store
        self.base = base  # e.g. http://127.0.0.1:8181/midonet-api/ (trailing slash)
        self._body = body  # framing.RequestBody, read and decoded before the transaction

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

    def item(self, kind, obj_id, types, render):
        """GET of one stored object: Accept is checked before the object is looked up."""
        ctype = self.accept(types)
        return json_response(render(self, self.load(kind, obj_id)), ctype)


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
