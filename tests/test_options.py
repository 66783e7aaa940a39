"""The quick reader of the command line gives what argparse gives, whenever it answers."""

import io
from contextlib import redirect_stderr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midoshell.main import parse_options
from midoshell.options import build_parser, quick_parse

OPTION_WORDS = sorted(o for a in build_parser()._actions for o in a.option_strings)
VALUES = ["list host", "json", "table", "x", "-c", "", "bash", "--", "-x y", "a=b", "-1",
          "http://127.0.0.1:1/midonet-api", "--outp", "--output=json", "-Ac", "-cfoo"]


def by_argparse(argv):
    try:
        with redirect_stderr(io.StringIO()):
            return vars(parse_options(build_parser(), argv))
    except SystemExit:
        return "usage error"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(OPTION_WORDS + VALUES), max_size=8))
def test_the_quick_reader_agrees_with_argparse_or_leaves_the_line_to_it(argv):
    quick = quick_parse(argv)
    if quick is not None:
        assert vars(quick) == by_argparse(argv)


@pytest.mark.parametrize("argv", [
    ["-c", "list host"],
    ["-c", "list host", "-c", "list router", "-o", "json", "--aliases"],
    ["--midonet-url", "http://127.0.0.1:1/midonet-api", "-A", "-f", "topo.mido"],
    ["--version"], ["--insecure", "-c", "list bridge"], ["--columns", "id,name", "-o", "csv"],
])
def test_the_usual_one_liners_are_read_quickly_and_alike(argv):
    quick = quick_parse(argv)
    assert quick is not None
    assert vars(quick) == by_argparse(argv)


@pytest.mark.parametrize("argv", [
    ["-e", "list", "host"], ["list", "-e"], ["--outp", "json"], ["--output=json"], ["-cfoo"], ["-h"],
    ["-o", "yaml"], ["-c"], ["-c", "-x"], ["--rollback"], ["list", "host"], ["--", "-c"],
])
def test_anything_unusual_goes_to_argparse(argv):
    assert quick_parse(argv) is None
