"""The one walker of midoshell's object-path language, for the interpreter and the completer.

`build` turns the words around a verb into a Command; `wants_at` says, for the words before
the cursor, what kind of word may come next.  Both walk the same code (paths.py for object
paths, verbs.py for what each verb takes after its object), so completion, help and the
interpreter cannot disagree.
"""

from midoshell.walker.paths import AtCursor, Walker, is_ref
from midoshell.walker.verbs import build, path_end, wants_at

__all__ = ["AtCursor", "Walker", "build", "is_ref", "path_end", "wants_at"]
