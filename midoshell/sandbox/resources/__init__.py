"""The sandbox's REST resources; ROUTES lists (path rule, {method: handler}, defaults)."""

from . import devices, hosts, links, ports, root, routes, tunnel_zones

ROUTES = (root.ROUTES + devices.ROUTES + ports.ROUTES + links.ROUTES + routes.ROUTES
          + hosts.ROUTES + tunnel_zones.ROUTES)

# Top-level path segments the server knows; anything else is "Root resource … not found".
KNOWN_SEGMENTS = frozenset(segment for segment, _, _ in root.ROOT_RESOURCES) | {"login"}
