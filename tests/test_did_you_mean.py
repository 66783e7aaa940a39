"""Errors a user can act on: the word that is wrong, where it is, and what was meant."""

import pytest

from conftest import run_in_process
from midoshell.errors import MidoSyntaxError
from midoshell.parsing import parse

MEANT = [
    ("lst router", "lst", "'list'"),
    ("list routr", "routr", "'router'"),
    ("list routers", "routers", "'router'"),
    ("list tunnelzone", "tunnelzone", "'tunnel-zone'"),
    ("list Bridges", "Bridges", "'bridge'"),
    ("router router0 list ports", "ports", "'port'"),
    ("router router0 prots list", "prots", "'port'"),
    ("tunnel-zone lst", "lst", "'list'"),
    ("router router0 ad port address 10.0.0.1 net 10.0.0.0/24", "ad", "'add'"),
    ("router name r1 delte", "delte", "'delete'"),
    ("create router nme r1", "nme", "'name'"),
    ("router router0 set stat down", "stat", "'state'"),
    ("router router0 show nmae", "nmae", "'name'"),
    ("list bridge nme b0", "nme", "'name'"),
    ("routr0 show", "routr0", "'router0'"),
    ("bridge0:prot0 show", "prot0", "'port0'"),
    ("list host alive tru", "tru", "'true'"),
    ("router router0 set state dwn", "dwn", "'down'"),
    ("describe routr", "routr", "'router'"),
    ("tunn create name tz type gre", "tunn", "'tunnel-zone'"),  # cut short, not 'tenant'
    ("list tunnel", "tunnel", "'tunnel-zone'"),
]


@pytest.mark.parametrize("line, bad, meant", MEANT)
def test_a_mistyped_word_gets_did_you_mean_and_the_caret(line, bad, meant):
    with pytest.raises(MidoSyntaxError) as caught:
        parse(line)
    error = caught.value
    assert f"did you mean {meant}" in error.message
    assert error.column == line.index(bad) + 1, error.lines()
    assert error.lines()[2].index("^") == error.lines()[1].index(bad)


@pytest.mark.parametrize("line, bad", [("router router0 frobnicate", "frobnicate"),
                                       ("router name r1 port port0 zork x", "zork"),
                                       ("bridge0:port0 zzz", "zzz"),
                                       ("0b6a5e0e zzz", "zzz")])
def test_a_line_without_a_verb_points_at_the_first_word_that_is_not_the_path(line, bad):
    with pytest.raises(MidoSyntaxError) as caught:
        parse(line)
    assert caught.value.column == line.index(bad) + 1
    assert f"unexpected {bad!r}: expected a verb" in caught.value.message


def test_nothing_close_means_no_guess():
    with pytest.raises(MidoSyntaxError) as caught:
        parse("list zzzzqqq")
    assert "did you mean" not in caught.value.message


@pytest.mark.parametrize("word, meant", [("lst", "'list'"), ("routr", "'router'")])
def test_help_on_an_unknown_word_is_an_error_with_suggestions(shell_env, word, meant):
    done = run_in_process(["-c", f"help {word}"], shell_env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"no help on '{word}'; did you mean {meant}?" in done.stderr


def test_help_on_a_command_still_prints_to_stdout(shell_env):
    done = run_in_process(["-c", "help list"], shell_env)
    assert done.returncode == 0 and "Usage:" in done.stdout
