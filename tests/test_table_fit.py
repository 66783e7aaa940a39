"""`-o table` fits the terminal: no value wrapped or split, headers shortened and columns left
out first (said on stderr), never wider than the width; COLUMNS counts when stdout is a pipe."""

import re
import sys

import pexpect
import pytest

from conftest import run_in_process
from midoshell.output import RenderOptions, render
from midoshell.results import Row, Rows

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def host_ids(env):
    listed = run_in_process(["-c", "list host"], env)
    return [line.split()[1] for line in listed.stdout.splitlines()]


def check_fits(lines, width, ids):
    assert max(len(line) for line in lines) <= width
    body = lines[2:]
    assert len(body) == len(ids)  # one line per host: nothing wrapped
    for line, uuid in zip(body, ids):
        assert line.split()[0] == uuid  # whole
        assert re.search(r"\bcompute-\d\b", line), line  # the name whole


@pytest.mark.parametrize("width", [60, 140])
def test_a_host_table_fits_60_and_140_columns_with_whole_values(shell_env, width):
    ids = host_ids(shell_env)
    result = run_in_process(["-o", "table", "-c", "list host"], dict(shell_env, COLUMNS=str(width)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    check_fits(lines, width, ids)
    header = lines[0].split()
    if width == 60:
        assert header == ["id", "name", "alive"]
        assert result.stderr == (
            "midoshell: table: left out to fit 60 columns: addresses, flooding-proxy-weight, "
            "container-weight, container-limit, enforce-container-limit (choose with --columns, "
            "or see them all with -o text)\n")
    else:
        assert header == ["id", "name", "alive", "addresses", "fpw", "container-weight",
                          "container-limit", "ecl"]
        assert all(re.search(r"127\.0\.0\.1,192\.168\.100\.1\d\b", line) for line in lines[2:])
        assert result.stderr == ("midoshell: table: headers shortened: "
                                 "fpw=flooding-proxy-weight, ecl=enforce-container-limit\n")


def test_without_a_terminal_or_columns_a_table_is_as_wide_as_its_values(shell_env):
    env = {k: v for k, v in shell_env.items() if k != "COLUMNS"}
    result = run_in_process(["-o", "table", "-c", "list host"], env)
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].split()[-1] == "enforce-container-limit"


def test_a_real_terminal_of_60_columns_gets_a_table_that_fits(shell_env):
    ids = host_ids(shell_env)
    env = {k: v for k, v in shell_env.items() if k not in ("COLUMNS", "LINES")}
    child = pexpect.spawn(sys.executable, ["-m", "midoshell", "-o", "table", "-c", "list host"],
                          env=dict(env, TERM="xterm"), encoding="utf-8", timeout=30,
                          dimensions=(24, 60))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = [line for line in child.before.replace("\r", "").split("\n") if line]
    assert lines[0].startswith("midoshell: table: left out to fit 60 columns: addresses")
    check_fits(lines[1:], 60, ids)


ROWS = Rows([Row("router", None, [("name", "x" * 50), ("description", "d" * 30)],
                 "11111111-1111-1111-1111-111111111111")])


def test_values_are_cut_with_an_ellipsis_only_when_the_first_columns_alone_are_too_wide():
    notes = []

    class Notes:
        write = notes.append

        def flush(self):
            pass

    out = render(ROWS, RenderOptions(format="table", width=70, stderr=Notes()))
    assert max(len(line) for line in out) <= 70
    assert out[2].startswith("11111111-1111-1111-1111-111111111111  xxxxxxxxxxxxxxxxxxx")
    assert out[2].endswith("…")
    assert notes == ["midoshell: table: left out to fit 70 columns: description (choose with "
                     "--columns, or see them all with -o text); values cut to fit 70 columns\n"]
    whole = render(ROWS, RenderOptions(format="table", width=40, stderr=Notes()))
    assert whole[2] == "11111111-1111-1111-1111-111111111111"  # one whole UUID beats two cut
    for width in range(8, 120, 7):
        out = render(ROWS, RenderOptions(format="table", width=width, stderr=Notes()))
        assert max(len(line) for line in out) <= width
        assert len(out) == 3


def test_wide_characters_count_twice():
    rows = Rows([Row(None, None, [("name", "名前" * 10), ("state", "up")])])
    out = render(rows, RenderOptions(format="table", width=30, stderr=sys.stderr))
    from wcwidth import wcswidth

    assert max(wcswidth(line) for line in out) <= 30


def test_a_name_with_spaces_around_it_is_quoted_not_trimmed():
    rows = Rows([Row(None, None, [("name", "web")]), Row(None, None, [("name", " web ")])])
    assert render(rows, RenderOptions(format="table", headers=False)) == ['web', '" web "']
