"""The interactive prompt in a real pseudo-terminal: aliases printed, history kept, Ctrl-D leaves."""

import re
import subprocess
import sys
import time

import pexpect

from conftest import PROMPT, spawn_shell


def settle():
    """Control keys typed before the prompt is reading would reach a cooked-mode terminal."""
    time.sleep(0.3)


def run(child, line, expect):
    child.sendline(line)
    child.expect(expect)
    child.expect_exact(PROMPT)


def test_interactive_session_prints_aliases_and_keeps_history(shell_env, tmp_path):
    child = spawn_shell(shell_env)
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
    child = spawn_shell(env)
    run(child, "list host", r"host host0 name compute-1")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "list host" in path.read_text()


# -- the shell's interactive features ------------------------------------------------------

def spawn_with(env, *args, rows=40):
    env = dict(env, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="200", LINES=str(rows))
    child = pexpect.spawn(sys.executable, ["-m", "midoshell", *args], env=env, encoding="utf-8",
                          timeout=20, dimensions=(rows, 200))
    child.expect_exact(PROMPT)
    return child


def styled(text):
    """A regex for text as drawn: colour and cursor codes may fall between its characters."""
    return r"(?:\x1b\[[0-9;?]*[A-Za-z])*".join(re.escape(ch) for ch in text)


def leave(child):
    settle()
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_tab_completes_a_host_alias_and_the_menu_shows_meta(shell_env):
    child = spawn_shell(shell_env)
    run(child, "tunnel-zone create name tz type gre", r"tzone0\r?\n")
    settle()
    child.send("tunnel-zone tzone0 add member host ")
    # The menu: host0 with its name and state, listed in the background.
    child.expect(styled("host  compute-1  alive"))
    child.send("\t")
    settle()
    child.send(" address 192.0.2.10\r")
    child.expect(r"zone tzone0 host host0 address 192\.0\.2\.10")
    child.expect_exact(PROMPT)
    leave(child)


def test_history_survives_a_restart_and_ctrl_r_finds_an_old_line(shell_env):
    child = spawn_shell(shell_env)
    run(child, "describe tunnel-zone", r"tunnel-zone: a tunnel zone")
    run(child, "list host", r"host host0")
    leave(child)
    child = spawn_shell(shell_env)
    settle()
    child.sendcontrol("r")
    child.send("describe tun")
    child.expect(styled("describe tunnel-zone"))
    child.send("\r")  # ends the search with the line found
    settle()
    child.send("\r")
    child.expect(r"tunnel-zone: a tunnel zone")
    child.expect_exact(PROMPT)
    leave(child)


def test_question_mark_lists_what_may_come_and_keeps_the_line(shell_env):
    child = spawn_shell(shell_env)
    run(child, "create router name r1", r"router0\r?\n")
    settle()
    child.send("router router0 set state ?")
    child.expect("state: up or down")
    child.expect_exact(PROMPT)
    child.send("down\r")
    child.expect_exact(PROMPT)
    run(child, "list router", r"router router0 name r1 state down")
    leave(child)


def test_ctrl_c_during_a_command_returns_to_the_prompt(shell_env):
    import socket

    hole = socket.socket()  # accepts connections (the kernel does) and never answers
    hole.bind(("127.0.0.1", 0))
    hole.listen(8)
    env = dict(shell_env, MIDO_API_URL=f"http://127.0.0.1:{hole.getsockname()[1]}/midonet-api")
    try:
        child = spawn_shell(env)
        child.sendline("list router")
        time.sleep(1.0)
        child.sendcontrol("c")
        child.expect("interrupted")
        child.expect_exact(PROMPT)
        run(child, "describe tunnel-zone", r"tunnel-zone: a tunnel zone")
        leave(child)
    finally:
        hole.close()


def expect_answering_cpr(child, pattern):
    """Expect a pattern, answering the terminal's cursor-position queries meanwhile.

    prompt_toolkit draws the bottom toolbar only once it knows where the cursor is.
    """
    while child.expect([pattern, re.escape("\x1b[6n")]) == 1:
        child.send("\x1b[1;1R")


def spawn_with_cpr(env):
    env = {k: v for k, v in env.items() if k != "PROMPT_TOOLKIT_NO_CPR"}
    child = pexpect.spawn(sys.executable, ["-m", "midoshell"], encoding="utf-8", timeout=20,
                          dimensions=(40, 200), env=dict(env, TERM="xterm"))
    return child


def test_prompt_shows_the_tenant_and_the_toolbar_where_and_who(shell_env, sandbox):
    child = spawn_with_cpr(shell_env)
    expect_answering_cpr(child, styled(f"{sandbox.url}  user: -  tenant: -"))
    tenant = "5b1c4d2e0f0a4b8c9d7e6f5a4b3c2d1e"
    child.sendline(f"sett {tenant}")
    expect_answering_cpr(child, re.escape(f"midonet({tenant})>"))
    expect_answering_cpr(child, styled(f"tenant: {tenant}"))
    child.sendline("cleart")
    expect_answering_cpr(child, re.escape(PROMPT))
    leave(child)


def test_the_bundled_sandbox_is_named_in_the_toolbar(shell_env):
    env = {k: v for k, v in shell_env.items() if k != "MIDO_API_URL"}
    child = spawn_with_cpr(env)
    expect_answering_cpr(child, styled("sandbox  user: -  tenant: -"))
    leave(child)


def test_a_syntax_error_is_marked_while_typing(shell_env):
    child = spawn_with_cpr(shell_env)
    expect_answering_cpr(child, re.escape(PROMPT))
    settle()
    child.send("router router0 set nme ")
    expect_answering_cpr(child, styled("syntax error: 'nme' is not a field"))
    child.send("\r")  # Enter still runs it: the error is reported, the shell stays
    expect_answering_cpr(child, "syntax error")
    expect_answering_cpr(child, re.escape(PROMPT))
    leave(child)


def test_long_output_is_paged_only_when_asked(shell_env):
    env = dict(shell_env, PAGER="sed s/^/PAGED:/")
    child = spawn_with(env, rows=12)
    run(child, "describe router", r"PAGED:router: a virtual router")
    leave(child)
    child = spawn_with(env, "--no-pager", rows=12)
    child.sendline("describe router")
    child.expect(r"router: a virtual router")
    child.expect_exact(PROMPT)
    assert "PAGED" not in child.before
    leave(child)


def test_vi_keys_on_request(shell_env):
    child = spawn_with(shell_env, "--vi")
    child.send("list hosx")
    settle()
    child.send("\x1b")  # normal mode, on the last character
    settle()
    child.send("rt\r")  # replace it: `list host`
    child.expect(r"host host0 name compute-1")
    child.expect_exact(PROMPT)
    leave(child)


COLOR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7]|4[0-7]|38;5;\d+)m")


def test_no_color_is_honoured(shell_env):
    for env, colored in ((shell_env, True), (dict(shell_env, NO_COLOR="1"), False)):
        child = spawn_shell(env)
        child.send("router router0 list port")
        time.sleep(0.5)
        child.sendcontrol("c")
        child.expect_exact(PROMPT)
        assert bool(COLOR.search(child.before)) is colored
        leave(child)


def test_one_liners_import_no_terminal_libraries(shell_env):
    env = dict(shell_env, MIDO_API_URL="http://127.0.0.1:9/x")
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "midoshell", "-c", "help"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()
                if line.startswith("import time:")]
    assert "midoshell.main" in imported
    assert not [m for m in imported if m.split(".")[0] in ("prompt_toolkit", "pygments")]
