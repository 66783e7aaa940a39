"""`wait-until OBJECT FIELD VALUE [timeout SECONDS]`: build the command, then poll with backoff.

Scripts use it to wait for what agents report (a host coming alive, a port plugged, a
container running): fields the API only reads, so polling is the only way to see them change.
"""

import math
import time

from midoshell import commands as c
from midoshell import model
from midoshell.errors import MidoError, ValueSyntaxError
from midoshell.interpret import _expect_object, _type_label, _Walker
from midoshell.present import field_text
from midoshell.results import Nothing

DEFAULT_TIMEOUT = 60.0
FIRST_PAUSE, LONGEST_PAUSE, GROWTH = 0.1, 2.0, 1.5


class WaitTimeout(MidoError):
    """The field did not reach the value in time (exit 1, like any failed line)."""


def wait_command(words, line):
    """The words after `wait-until` -> WaitCommand (raises MidoSyntaxError, nothing sent)."""
    walker = _Walker("wait-until", list(words), len(words), line)
    steps = _expect_object(walker, walker.path())
    subject = " ".join(w.text for w in walker.words[:walker.i])
    type_key = steps[-1].type_key
    name = walker.peek()
    if name is None:
        raise walker.error(f"expected a field of {_type_label(type_key)} and the value to "
                           f"wait for")
    attr = None if name.quoted else model.find_attr(type_key, name.text)
    if attr is None:
        fields = ", ".join(a.name for t in model.element_types(type_key) for a in t.attrs
                           if not a.legacy)
        raise walker.error(f"{name.text!r} is not a field of {_type_label(type_key)} "
                           f"(fields: {fields})", name)
    walker.i += 1
    word = walker.peek()
    if word is None:
        raise walker.error(f"expected the value of {name.text} to wait for: "
                           f"{attr.kind.expected}")
    value = _parse(walker, attr, name, word)
    walker.i += 1
    timeout = _timeout(walker)
    return c.WaitCommand(steps, attr, name, value, [word], timeout, subject)


def _parse(walker, attr, name, word):
    if attr.kind.is_reference:
        return word.text  # compared with the id the field holds
    try:
        return attr.kind.parse(word.text)
    except ValueSyntaxError as error:
        raise walker.error(f"bad value for {name.text}: {error.message}", word) from None


def _timeout(walker):
    """`timeout SECONDS` (a number, 0 or more), or the default."""
    word = walker.peek()
    if word is None:
        return DEFAULT_TIMEOUT
    if word.quoted or word.text != "timeout":
        raise walker.error(f"unexpected {word.text!r}: expected `timeout SECONDS` or the end "
                           f"of the line", word)
    walker.i += 1
    seconds = walker.peek()
    if seconds is None:
        raise walker.error("expected the number of seconds after timeout")
    try:
        value = float(seconds.text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise walker.error(f"bad timeout: expected a number of seconds (0 or more), got "
                           f"{seconds.text!r}", seconds)
    walker.i += 1
    if walker.peek() is not None:
        raise walker.error(f"unexpected {walker.peek().text!r} after the timeout",
                           walker.peek())
    return value


def pauses(first=FIRST_PAUSE, longest=LONGEST_PAUSE, growth=GROWTH):
    """Backoff: short pauses first (a state often changes soon), then at most `longest`."""
    pause = first
    while True:
        yield pause
        pause = min(pause * growth, longest)


def wait(executor, cmd, clock=time.monotonic, sleep=time.sleep):
    """Fetch the object until its field equals the value; Nothing, or WaitTimeout saying
    what the field held at the last look."""
    deadline = clock() + cmd.timeout
    for pause in pauses():
        obj = executor.resolver.path(cmd.path)[-1]  # fetched anew at each look
        attr = obj.type.attr(cmd.attr.name) or cmd.attr
        if attr.read(obj.doc) == cmd.value:
            return Nothing()
        left = deadline - clock()
        if left <= 0:
            seen = field_text(obj, attr, executor.names)
            wanted = " ".join(w.text for w in cmd.words)
            raise WaitTimeout(f"wait-until: timed out after {cmd.timeout:g} s: "
                              f"{cmd.subject} {cmd.field.text} is {seen if seen is not None else 'empty'}, "
                              f"not {wanted}")
        sleep(min(pause, left))
    return Nothing()  # pauses() never ends; here for readers and linters
