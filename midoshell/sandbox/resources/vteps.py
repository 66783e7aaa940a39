"""VTEPs, their bindings (and the VXLAN bridge ports they make) and their ports."""

ROUTES = []
