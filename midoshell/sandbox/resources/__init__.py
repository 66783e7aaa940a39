"""The sandbox's REST resources; ROUTES lists (path rule, {method: handler}, defaults)."""

from . import (bgp, containers, devices, dhcp, dhcp6, hosts, ip_groups, lbaas, links, mirrors,
               nested, peering, port_groups, ports, qos, root, routes, rules, state_tables,
               traces, tunnel_zones, vteps)

# Every module that serves resources (each advertised collection is served by one).
MODULES = [devices, ports, links, routes, hosts, tunnel_zones, rules, port_groups, ip_groups,
           dhcp, dhcp6, bgp, peering, lbaas, vteps, traces, mirrors, containers, qos, nested,
           state_tables]

ROUTES = root.ROUTES + [route for module in MODULES for route in module.ROUTES]

# Top-level path segments the server knows; anything else is "Root resource … not found".
KNOWN_SEGMENTS = frozenset(segment for segment, _, _ in root.ROOT_RESOURCES) | {"login"}
