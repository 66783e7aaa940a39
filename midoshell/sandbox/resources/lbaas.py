"""Load balancers, pools, pool members, VIPs and health monitors."""

ROUTES = []
