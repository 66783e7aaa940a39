"""`dataclass` and `field` for the plain records of the one-liner path, without the cost.

The standard decorator compiles an __init__, __repr__ and __eq__ for every class (and asks
inspect for a signature when the class has no docstring): about 0.3 ms a class, some 10 ms of
a one-liner's start-up over the thirty records it imports.  This one gives the same behaviour
for what midoshell uses (fields with defaults or factories, eq, repr, frozen with its hash,
inheritance, __post_init__, `fields()`) with methods shared by every class, built once.
Anything else (order, slots, kw_only, InitVar, ClassVar, …) is handed to the standard
decorator, so a record that needs more still works, only slower to define.
"""

_MISSING = object()
_DEFAULTS = {"init": True, "repr": True, "eq": True, "frozen": False}


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as dataclasses.FrozenInstanceError)."""


class Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default=_MISSING, default_factory=_MISSING, repr=True, compare=True):
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = None
        self.default, self.default_factory = default, default_factory
        self.repr, self.compare = repr, compare

    def __repr__(self):
        return f"Field(name={self.name!r})"


def field(*, default=_MISSING, default_factory=_MISSING, repr=True, compare=True, **other):
    if other:  # init=False, hash, metadata, kw_only: the standard library's own field
        import dataclasses

        return dataclasses.field(default=_std(default), default_factory=_std(default_factory),
                                 repr=repr, compare=compare, **other)
    return Field(default, default_factory, repr, compare)


def _std(value):
    if value is _MISSING:
        import dataclasses

        return dataclasses.MISSING
    return value


def fields(record):
    """The record's fields, in order (as dataclasses.fields)."""
    found = getattr(record, "__dataclass_fields__", None)
    if found is None:
        raise TypeError("must be called with a record type or instance")
    if not isinstance(found, dict) or not all(isinstance(f, Field) for f in found.values()):
        import dataclasses

        return dataclasses.fields(record)
    return tuple(found.values())


def dataclass(cls=None, /, **options):
    """Decorate a class as a record; `@dataclass` or `@dataclass(frozen=True, …)`."""
    def wrap(cls):
        if set(options) - set(_DEFAULTS) or not _simple(cls):
            import dataclasses

            _to_std_fields(cls)
            return dataclasses.dataclass(cls, **options)
        return _process(cls, **{**_DEFAULTS, **options})

    return wrap if cls is None else wrap(cls)


def _simple(cls):
    """Whether the class uses only what this module reproduces."""
    for annotation in cls.__dict__.get("__annotations__", {}).values():
        text = annotation if isinstance(annotation, str) else repr(annotation)
        if "ClassVar" in text or "InitVar" in text:
            return False
    for base in cls.__mro__[1:]:
        inherited = base.__dict__.get("__dataclass_fields__")
        if inherited is not None and not all(isinstance(f, Field)
                                             for f in inherited.values()):
            return False
    return not any(not isinstance(v, Field) and type(v).__name__ == "Field"
                   and type(v).__module__ == "dataclasses" for v in cls.__dict__.values())


def _to_std_fields(cls):
    """Our Field objects in a class handed to the standard decorator become its own."""
    for name, value in list(cls.__dict__.items()):
        if isinstance(value, Field):
            setattr(cls, name, field(default=value.default,
                                     default_factory=value.default_factory,
                                     repr=value.repr, compare=value.compare, init=True))


def _process(cls, init, repr, eq, frozen):
    collected = {}
    for base in reversed(cls.__mro__[1:]):
        collected.update(base.__dict__.get("__dataclass_fields__", {}))
    for name in cls.__dict__.get("__annotations__", {}):
        value = cls.__dict__.get(name, _MISSING)
        made = value if isinstance(value, Field) else Field(default=value)
        made.name = name
        if isinstance(value, Field):
            if made.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, made.default)
        collected[name] = made
    _check_order(cls, collected)
    cls.__dataclass_fields__ = collected
    names = tuple(collected)
    cls.__record_names__ = names
    cls.__record_post_init__ = hasattr(cls, "__post_init__")
    _set(cls, "__match_args__", names)
    if init:
        _set(cls, "__init__", _init)
    if repr:
        _set(cls, "__repr__", _repr)
    if eq:
        _set(cls, "__eq__", _eq)
    if frozen:
        for name, method in (("__setattr__", _frozen_setattr), ("__delattr__", _frozen_delattr)):
            if name in cls.__dict__:
                raise TypeError(f"cannot overwrite attribute {name} in class {cls.__name__}")
            setattr(cls, name, method)
    # the standard rules: a __hash__ written in the class stays; otherwise eq makes a record
    # unhashable, unless it is frozen (then it hashes its compared fields).  Python itself
    # puts __hash__ = None in a class body that defines __eq__: that one is not "written".
    written = cls.__dict__.get("__hash__", _MISSING)
    if eq and (written is _MISSING or (written is None and "__eq__" in cls.__dict__)):
        cls.__hash__ = _hash if frozen else None
    cls.__record_frozen__ = frozen
    return cls


def _check_order(cls, collected):
    seen_default = False
    for made in collected.values():
        has_default = made.default is not _MISSING or made.default_factory is not _MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {made.name!r} follows default argument "
                            f"in {cls.__name__}")
        seen_default = seen_default or has_default


def _set(cls, name, value):
    if name not in cls.__dict__:
        setattr(cls, name, value)


def _init(self, *args, **kwargs):
    if not kwargs:
        names = type(self).__record_names__
        if len(args) == len(names):  # every field given in order: the common case, quick
            assign = object.__setattr__
            for name, value in zip(names, args):
                assign(self, name, value)
            if type(self).__record_post_init__:
                self.__post_init__()
            return
    spec = type(self).__dataclass_fields__
    if len(args) > len(spec):
        raise TypeError(f"{type(self).__name__}() takes {len(spec)} positional arguments but "
                        f"{len(args)} were given")
    assign = object.__setattr__
    given = len(args)
    for index, (name, made) in enumerate(spec.items()):
        if index < given:
            value = args[index]
            if name in kwargs:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument "
                                f"{name!r}")
        elif name in kwargs:
            value = kwargs[name]
        elif made.default is not _MISSING:
            value = made.default
        elif made.default_factory is not _MISSING:
            value = made.default_factory()
        else:
            raise TypeError(f"{type(self).__name__}() missing required argument: {name!r}")
        assign(self, name, value)
    if len(kwargs) > sum(1 for name in kwargs if name in spec):
        unknown = next(name for name in kwargs if name not in spec)
        raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument "
                        f"{unknown!r}")
    if type(self).__record_post_init__:
        self.__post_init__()


def _repr(self):
    spec = type(self).__dataclass_fields__
    inside = ", ".join(f"{name}={getattr(self, name)!r}" for name, made in spec.items()
                       if made.repr)
    return f"{type(self).__qualname__}({inside})"


def _compared(self):
    return tuple(getattr(self, name) for name, made in type(self).__dataclass_fields__.items()
                 if made.compare)


def _eq(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) == _compared(other)
    return NotImplemented


def _hash(self):
    return hash(_compared(self))


def _frozen_setattr(self, name, value):
    if type(self).__record_frozen__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _frozen_delattr(self, name):
    if type(self).__record_frozen__:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
    object.__delattr__(self, name)
