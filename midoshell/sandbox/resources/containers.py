"""Service containers and service container groups."""

ROUTES = []
