"""Fuzzing the server's side: every field of every answer carries control characters, bidi
controls and lone surrogates (and lists carry nulls); every command still prints what it can,
one escaped line per object, or says plainly what went wrong.  Never a traceback.

A fixed seed and a bounded number of examples; for a longer run:
MIDOSHELL_FUZZ_EXAMPLES=2000 python -m pytest tests/test_hostile_answers.py
"""

import csv
import io
import json
import os
import zlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hostile_server import RewritingProxy
from midoshell.client import Client
from midoshell.errors import MidoError
from midoshell.output import RenderOptions, render
from midoshell.output.safe import is_safe, visible
from midoshell.results import Rows
from midoshell.session import Session

EXAMPLES = int(os.environ.get("MIDOSHELL_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                suppress_health_check=list(HealthCheck))

SETUP = ["create router name r", "router router0 add port addresses 10.0.0.1/24",
         "create bridge name b", "bridge bridge0 add port", "create chain name c",
         "chain chain0 add rule type accept dst 10.0.0.0/8 pos 1",
         "tunnel-zone create name tz type gre",
         "tunnel-zone tzone0 add member host host0 address 10.0.0.9",
         "router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router0:port0",
         "create port-group name pg", "create ip-address-group name ipg"]

LINES = ["list router", "list bridge", "list host", "list chain", "list tunnel-zone",
         "list port-group", "list ip-address-group", "list port", "router router0 list port",
         "router router0 show", "router router0 list route", "bridge bridge0 list port",
         "chain chain0 list rule", "tunnel-zone tzone0 list member", "host host0 show",
         "router router0 show name", "router router0 port port0 show"]

# Keys the client finds its way by: a link it cannot follow is another kind of failure.
NAVIGATION = {"uri", "type"}

DANGEROUS = "\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\u061c\u200e\u200f\u2028\u2029\u202a\u202e" \
            "\u2066\u2069\ud800\udbff\udc00\udfff\\\"',=+-@"
HOSTILE_TEXT = st.text(st.one_of(st.sampled_from(DANGEROUS), st.characters()), min_size=1,
                       max_size=8)

ANY_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                        | HOSTILE_TEXT,
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(HOSTILE_TEXT, inner, max_size=3), max_leaves=5)


class Poison:
    """How one example changes answers: a hostile piece put in front of each string (the
    same for the same string, so ids stay unique and stable), and nulls added to lists; or
    with `retype`, every value but ids made that JSON value instead (a number for a name, an
    object for a UUID, …)."""

    def __init__(self, pieces, null_in_lists, ids=True, retype=None):
        self.pieces, self.null_in_lists = pieces, null_in_lists
        self.kept = NAVIGATION if ids and retype is None else NAVIGATION | {"id"}  # GET by id
        self.retype = retype

    def __call__(self, path, document):
        return self.change(document)

    def change(self, value, key=None):
        if key in self.kept or (isinstance(key, str) and key.endswith("Template")):
            return value
        if isinstance(value, dict):
            return {k: self.change(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [self.change(v) for v in value]
            return items + [None] if self.null_in_lists and key is not None else items
        if self.retype is not None and not (isinstance(value, str) and value.startswith("http")):
            return self.retype[0]
        if isinstance(value, str) and not value.startswith("http"):
            return self.pieces[zlib.crc32(value.encode()) % len(self.pieces)] + value
        return value


@pytest.fixture(scope="module")
def hostile_api():
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, hosts=2)
    session = Session(Client(server.url, retries=0), show_aliases=True)
    for line in SETUP:
        session.run_line(line)
    holder = {"poison": lambda path, document: document}
    proxy = RewritingProxy(server.url, lambda path, doc: holder["poison"](path, doc))
    yield proxy.url, holder
    proxy.close()
    server.stop()


def check_printed(result, fmt):
    import unittest.mock

    import midoshell.output.listed as listed

    count = len(result.rows) if isinstance(result, Rows) else None  # a listing is read once
    with unittest.mock.patch.object(listed, "WRITE_AFTER", 0):  # each type's written code,
        out = render(result, RenderOptions(format=fmt, width=80))  # as a long listing has
    if fmt in ("text", "table"):
        for line in out:
            assert is_safe(line), repr(line)
        if fmt == "text" and isinstance(result, Rows):
            assert len(out) == count
    elif fmt == "json":
        text = "\n".join(out)
        text.encode("utf-8")
        json.loads(text) if text else None
    elif isinstance(result, Rows) and out:
        text = "".join(line + "\n" for line in out)
        text.encode("utf-8")
        assert len(list(csv.reader(io.StringIO(text, newline="")))) == count + 1


@FUZZ
@given(pieces=st.lists(HOSTILE_TEXT, min_size=1, max_size=5), null_in_lists=st.booleans(),
       aliases=st.booleans(), ids=st.booleans(),
       retype=st.one_of(st.none(), st.tuples(ANY_JSON)))
def test_fuzz_hostile_answers_print_safely_or_fail_plainly(hostile_api, pieces, null_in_lists,
                                                           aliases, ids, retype):
    url, holder = hostile_api
    holder["poison"] = Poison(pieces, null_in_lists, ids, retype)
    session = Session(Client(url, retries=0), show_aliases=aliases)
    for line in LINES:
        try:
            result = session.run_line(line)
        except MidoError as error:  # e.g. an alias whose object no longer looks the same
            for text in error.lines():
                assert is_safe(visible(text))
            continue
        for fmt in ("text", "table", "json", "csv"):
            check_printed(result, fmt)
