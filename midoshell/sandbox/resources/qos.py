"""QoS policies and their bandwidth-limit and DSCP rules."""

ROUTES = []
