"""Port groups and their members (`/port_groups`, `/ports/{id}/port_groups`)."""

ROUTES = []
