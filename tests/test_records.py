"""midoshell.records behaves as dataclasses for what midoshell's records use."""

import dataclasses

import pytest

from midoshell import records


def define(module, frozen=False):
    @module.dataclass(frozen=frozen)
    class Point:
        x: int
        y: int = 0
        tags: list = module.field(default_factory=list)
        note: str = module.field(default="", repr=False, compare=False)

    return Point


@pytest.mark.parametrize("frozen", [False, True])
def test_the_same_behaviour_as_dataclasses(frozen):
    ours, std = define(records, frozen), define(dataclasses, frozen)
    cases = [((1,), {}), ((1, 2), {}), ((), {"x": 3, "tags": [1]}), ((1,), {"note": "n"})]
    for args, kwargs in cases:
        a, b = ours(*args, **kwargs), std(*args, **kwargs)
        assert repr(a) == repr(b)
        assert vars(a) == vars(b)
        assert (a == ours(*args, **kwargs)) == (b == std(*args, **kwargs)) == True  # noqa: E712
        assert a != ours(99) and b != std(99)
        assert (a == b) is False  # different classes
        if frozen:
            for record in (ours, std):
                assert hash(record(1, tags=(1,), note="a")) == hash(record(1, tags=(1,)))
                with pytest.raises(TypeError):
                    hash(record(1, tags=[]))
            with pytest.raises(AttributeError):
                a.x = 5
        else:
            assert ours.__hash__ is None and std.__hash__ is None
            a.x = 5
            assert a.x == 5
    assert ours(1, note="a") == ours(1, note="b")  # compare=False
    assert ours(1).tags is not ours(1).tags  # a fresh list each time
    assert [f.name for f in records.fields(ours)] == [f.name for f in dataclasses.fields(std)]
    assert ours.__match_args__ == std.__match_args__
    assert ours.y == std.y == 0 and not hasattr(ours, "tags") and not hasattr(std, "tags")


@pytest.mark.parametrize("module", [records, dataclasses])
def test_argument_errors_are_type_errors(module):
    point = define(module)
    for args, kwargs in [((), {}), ((1, 2, [], "", 5), {}), ((1,), {"x": 2}),
                         ((1,), {"nope": 1})]:
        with pytest.raises(TypeError):
            point(*args, **kwargs)
    with pytest.raises(TypeError):
        @module.dataclass
        class Bad:
            a: int = 1
            b: int


def test_inheritance_post_init_and_written_methods():
    @records.dataclass
    class Base:
        a: int
        b: int = 2

        def __post_init__(self):
            self.total = self.a + self.b

    @records.dataclass
    class Child(Base):
        c: int = 3

        def __repr__(self):
            return "child"

    child = Child(1, c=5)
    assert (child.a, child.b, child.c, child.total) == (1, 2, 5, 3)
    assert Child(1, 2, 3).total == 3 and Base(4, 5).total == 9  # every field given in order
    assert repr(child) == "child"
    assert [f.name for f in records.fields(child)] == ["a", "b", "c"]


def test_what_it_does_not_reproduce_goes_to_dataclasses():
    @records.dataclass(order=True)
    class Ordered:
        a: int
        b: list = records.field(default_factory=list)

    assert Ordered(1) < Ordered(2)
    assert dataclasses.is_dataclass(Ordered) and Ordered(1).b == []
