"""Delete cascades across resource modules: each module registers what deleting a kind takes.

A hook runs inside the request's transaction, before the object itself is removed; raising
ApiError (a 409 for an object still referenced) refuses the delete and rolls it all back.
The registry is filled once, at import time, by the resource modules.
"""

_ON_DELETE = {}


def on_delete(kind):
    """Decorator: call `function(store, doc)` whenever an object of `kind` is deleted."""
    def register(function):
        _ON_DELETE.setdefault(kind, []).append(function)
        return function
    return register


def deleting(store, kind, doc):
    for function in _ON_DELETE.get(kind, ()):
        function(store, doc)
