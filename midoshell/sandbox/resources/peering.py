"""Router-port peering tables (`/routers/{r}/ports/{p}/peering_table`)."""

ROUTES = []
