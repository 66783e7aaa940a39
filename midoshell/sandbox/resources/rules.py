"""Chain rules (`/chains/{id}/rules`, `/rules/{id}`): every rule type, conditions, positions."""

ROUTES = []
