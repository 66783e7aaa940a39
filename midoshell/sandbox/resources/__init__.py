"""The sandbox's REST resources; ROUTES lists (path rule, {method: handler}, defaults)."""

from . import (bgp, containers, devices, dhcp, dhcp6, hosts, ip_groups, lbaas, links, mirrors,
               nested, peering, port_groups, ports, qos, root, routes, rules, state_tables,
               traces, tunnel_zones, vteps)

# Every module that serves resources; an advertised collection none of them serves gets
# an empty stub (lists [], items 404, creation 501).
MODULES = [devices, ports, links, routes, hosts, tunnel_zones, rules, port_groups, ip_groups,
           dhcp, dhcp6, bgp, peering, lbaas, vteps, traces, mirrors, containers, qos, nested,
           state_tables]

_SERVED = {path.strip("/").split("/")[0] for module in MODULES for path, _, _ in module.ROUTES}

ROUTES = root.ROUTES + [route for module in MODULES for route in module.ROUTES] \
    + root.stub_routes(_SERVED)

# Top-level path segments the server knows; anything else is "Root resource … not found".
KNOWN_SEGMENTS = frozenset(segment for segment, _, _ in root.ROOT_RESOURCES) | {"login"}
