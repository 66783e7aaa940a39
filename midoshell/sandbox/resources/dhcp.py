"""DHCP subnets and hosts of bridges (`/bridges/{id}/dhcp`), option-121 routes inside subnets."""

ROUTES = []
