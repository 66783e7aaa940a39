"""`wait-until OBJECT FIELD VALUE [timeout SECONDS]`: poll with backoff (midoshell.walker reads
the line).

Scripts use it to wait for what agents report (a host coming alive, a port plugged, a
container running): fields the API only reads, so polling is the only way to see them change.
"""

import time

from midoshell.errors import MidoError
from midoshell.naming import field_text
from midoshell.results import Nothing

FIRST_PAUSE, LONGEST_PAUSE, GROWTH = 0.1, 2.0, 1.5


class WaitTimeout(MidoError):
    """The field did not reach the value in time (exit 1, like any failed line)."""


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
