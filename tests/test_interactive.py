"""The interactive prompt in a real pseudo-terminal: aliases printed, history kept, Ctrl-D leaves."""

import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

PROMPT = "midonet>"  # prompt_toolkit draws the space as a cursor move


def spawn(env):
    env = dict(env, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="200", LINES="40")
    child = pexpect.spawn(sys.executable, ["-m", "midoshell"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 200))
    child.expect_exact(PROMPT)
    return child


def settle():
    """Control keys typed before the prompt is reading would reach a cooked-mode terminal."""
    time.sleep(0.3)


def run(child, line, expect):
    child.sendline(line)
    child.expect(expect)
    child.expect_exact(PROMPT)


def test_interactive_session_prints_aliases_and_keeps_history(shell_env, tmp_path):
    child = spawn(shell_env)
    run(child, "tunnel-zone create name eucatz type gre", r"tzone0\r?\n")
    run(child, "tunnel-zone tzone0 add member host host0 address 192.0.2.10",
        r"zone tzone0 host host0 address 192\.0\.2\.10")
    run(child, "router router9 show", r"no router9 in the router collection")
    settle()
    child.send("list rou")
    child.sendcontrol("c")  # cancels the line, the shell stays
    child.expect_exact(PROMPT)
    settle()
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    history = tmp_path / "state" / "midoshell" / "history"
    assert "tunnel-zone create name eucatz type gre" in history.read_text()
    assert oct(history.stat().st_mode & 0o777) == "0o600"
    assert oct(history.parent.stat().st_mode & 0o777) == "0o700"


def test_history_file_can_be_moved(shell_env, tmp_path):
    path = tmp_path / "elsewhere" / "hist"
    env = dict(shell_env, MIDOSHELL_HISTFILE=str(path))
    child = spawn(env)
    run(child, "list host", r"host host0 name compute-1")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "list host" in path.read_text()
