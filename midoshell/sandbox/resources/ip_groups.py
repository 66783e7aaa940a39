"""IP address groups and their addresses (`/ip_addr_groups`)."""

ROUTES = []
