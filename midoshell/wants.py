"""What may be typed where the walker stopped on a partial line: kinds of word, no values.

Which words of each kind exist (aliases, field values) is the completer's business
(midoshell.interactive.sources), which reads them from the model and the session.
"""

from dataclasses import dataclass  # not midoshell.records: its generic __init__ is slower,
# and only completion imports this module


@dataclass(frozen=True)
class StepRef:
    """One object of a typed path: a collection, and the alias/UUID or filters selecting in it."""

    link: object  # model Root or Child
    ref: str = None
    filters: tuple = ()  # ((Attr, text), ...)
    singleton: bool = False

    @property
    def key(self):
        return (self.link.name, self.ref, tuple((a.name, t) for a, t in self.filters))


@dataclass(frozen=True)
class Keywords:
    words: tuple


@dataclass(frozen=True)
class Collections:
    type_key: str  # None: the root collections
    creatable: bool = False


@dataclass(frozen=True)
class Fields:
    """Field names of a type; role says which (filter, create, set, show, clear)."""

    type_key: str
    role: str
    used: frozenset = frozenset()


@dataclass(frozen=True)
class Values:
    """Values of a non-reference field; `link` set: also the values its objects have (filters)."""

    attr: object
    scope: tuple = ()
    link: object = None


@dataclass(frozen=True)
class Objects:
    """Elements of `link` under the object that `scope` (StepRefs from the root) names."""

    scope: tuple
    link: object


@dataclass(frozen=True)
class References:
    """Objects a reference field may name, looked for in `scope` nearest first, then the root."""

    attr: object
    scope: tuple = ()


@dataclass(frozen=True)
class Chains:
    """An alias or alias chain starting a path (`bridge0:port0`)."""


def scope_of(steps):
    """The command's Steps as StepRefs: what the completer resolves in the session."""
    return tuple(_step_ref(step) for step in steps)


def _step_ref(step):
    if step.singleton:
        return StepRef(step.link, singleton=True)
    filters = tuple((p.attr, ("!" if p.inverted else "") + p.text) for p in step.filters)
    return StepRef(step.link, step.ref.text if step.ref is not None else None, filters)


def value_of(attr, scope, link=None):
    """A field's value is due: the objects it may name, or its values."""
    if attr.kind.is_reference:
        return [References(attr, scope)]
    return [Values(attr, scope, link)]
