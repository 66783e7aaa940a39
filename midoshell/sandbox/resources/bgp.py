"""BGP peers and networks of routers (`/routers/{id}/bgp_peers`, `/bgp_networks`)."""

ROUTES = []
