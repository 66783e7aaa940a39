"""Trace requests (`/traces`)."""

ROUTES = []
