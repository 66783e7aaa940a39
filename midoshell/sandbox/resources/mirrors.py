"""Port mirrors and L2 insertions."""

ROUTES = []
