"""Secret values typed in a line never reach the history file or an error message."""

import pytest

from conftest import run_in_process
from midoshell.errors import MidoSyntaxError
from midoshell.parsing import parse
from midoshell.masking import mask_line

SHAPES = [
    'router router0 add bgp-peer asn 1 address 10.0.0.2 password"hunter3"',
    "router router0 add bgp-peer asn 1 address 10.0.0.2 password'hunter3'",
    "router router0 add bgp-peer password\thunter3 asn 1",
    'router router0 add bgp-peer asn 1 password "hunter3',
    "router router0 add bgp-peer asn 1 PASSWORD hunter3",
    "router router0 add bgp-peer password=hunter3",
    'router router0 add bgp-peer password "hun ter3" asn 1',
]


@pytest.mark.parametrize("line", SHAPES)
def test_every_shape_of_a_password_is_masked(line):
    masked = mask_line(line)
    assert "hunter3" not in masked and "ter3" not in masked
    assert "********" in masked


def test_the_history_file_gets_the_masked_line(tmp_path):
    from midoshell.interactive.shell import MaskedHistory

    path = tmp_path / "history"
    MaskedHistory(str(path)).store_string(SHAPES[0])
    assert "hunter3" not in path.read_text() and "password********" in path.read_text()


@pytest.mark.parametrize("line, bad", [
    ('router router0 add bgp-peer password"hunter3" asn x', "x"),
    ("router router0 add bgp-peer password hunter3 frob", "frob"),
    ('router router0 add bgp-peer asn 1 password "hunter3', "********"),
    ("router router0 add bgp-peer asn 1 password hunter3 address", None),
])
def test_a_syntax_error_shows_the_line_with_the_password_masked(line, bad):
    with pytest.raises(MidoSyntaxError) as caught:
        parse(line)
    message, shown, caret = caught.value.lines()
    assert "hunter3" not in "\n".join(caught.value.lines())
    column = caret.index("^")
    if bad is None:
        assert column == len(shown)
    else:
        assert shown[column:].startswith(bad)


def test_a_value_error_on_the_password_itself_does_not_repeat_it(shell_env):
    long_secret = "hunter3" * 20
    done = run_in_process(["-c", f'router router0 add bgp-peer asn 1 password "{long_secret}" '
                                f"address"], shell_env)
    assert done.returncode == 2
    assert "hunter3" not in done.stderr and "********" in done.stderr
