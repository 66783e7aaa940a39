"""A create that reads nothing back prints what it printed when it read the new object
back, and so do the lines after it: every object type's round trip, in text and JSON, with
aliases and with UUIDs."""

import re

import pytest

from midoshell import posted
from midoshell.client import Client
from midoshell.errors import MidoError
from midoshell.output import RenderOptions, render
from midoshell.sandbox import start
from midoshell.session import Session
from test_every_type import CASES

_VARYING = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                      r"|(?:[0-9a-f]{2}:){5}[0-9a-f]{2}")  # UUIDs, and MACs the server makes


def _lines(case):
    steps = [case.create, case.list, case.show, case.field, case.set, case.show, case.clear,
             case.show, case.delete, case.list]
    return case.setup + [line for line in steps if line]


def _transcript(case, aliases):
    """What each line prints in text and JSON (or the error it fails with), UUIDs and MACs
    replaced by their order of first appearance (each run's server makes new ones)."""
    out = []
    with start(host="127.0.0.1", port=0, hosts=3) as server:
        session = Session(Client(server.url), show_aliases=aliases)
        for line in _lines(case):
            try:
                result = session.run_line(line)
            except MidoError as error:
                out.append((line, "error", str(error)))
                continue
            for form in ("text", "json"):
                out.append((line, form, render(result, RenderOptions(format=form))))
    seen = {}
    text = repr(out)
    return _VARYING.sub(lambda m: seen.setdefault(m.group(0), f"<{len(seen)}>"), text)


@pytest.mark.parametrize("aliases", [False, True], ids=["uuids", "aliases"])
@pytest.mark.parametrize("case", [c for c in CASES if c.create], ids=lambda c: c.name)
def test_output_as_when_the_new_object_was_read_back(case, aliases, monkeypatch):
    built = _transcript(case, aliases)
    monkeypatch.setattr(posted, "built", lambda *args: None)  # every create reads back
    assert built == _transcript(case, aliases)
