"""Passwords as shells ask for them: on the terminal, without echo, never from a pipe.

A user name without a password asks `Password:` in interactive mode and for -c on a
terminal; the interactive shell logs in before its first prompt and asks again after a
refusal, three times in all.  Ctrl-C and Ctrl-D at the prompt end midoshell cleanly.
"""

import os
import subprocess
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

from conftest import ROOT  # noqa: E402

USER, PASSWORD = "admin", "s3cret%x"
PROMPT = "midonet>"


@pytest.fixture
def locked():
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, hosts=2, auth="password", user=USER,
                   password=PASSWORD)
    yield server
    server.stop()


@pytest.fixture
def env(locked, isolated_home):
    return dict(os.environ, MIDO_API_URL=locked.url, PYTHONPATH=ROOT, TERM="xterm",
                PROMPT_TOOLKIT_NO_CPR="1")


def spawn(env, *args):
    return pexpect.spawn(sys.executable, ["-m", "midoshell", *args], env=env,
                         encoding="utf-8", timeout=20, dimensions=(40, 200))


def ended(child):
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def type_password(child, password):
    child.expect_exact("Password: ")
    child.sendline(password)


def test_a_user_without_password_is_asked_on_the_terminal_for_c(env):
    child = spawn(env, "-u", USER, "-c", "list host")
    type_password(child, PASSWORD)
    child.expect("host [0-9a-f-]{36} name compute-1")
    assert PASSWORD not in child.before  # not echoed
    assert ended(child) == 0


def test_midonetrc_without_password_asks_before_the_first_prompt(env, isolated_home):
    (isolated_home / ".midonetrc").write_text(f"[cli]\nusername = {USER}\n")
    child = spawn(env)
    type_password(child, "wrong")
    child.expect_exact("login refused for user 'admin'")
    type_password(child, PASSWORD)
    child.expect_exact(PROMPT)
    assert "wrong" not in child.before and PASSWORD not in child.before
    child.sendline("list host")
    child.expect("host host0 name compute-1")
    child.expect_exact(PROMPT)
    time.sleep(0.3)
    child.sendcontrol("d")
    assert ended(child) == 0


def test_three_refused_passwords_end_with_exit_3_and_no_prompt(env):
    child = spawn(env, "-u", USER)
    for _ in range(3):
        type_password(child, "wrong")
    status = ended(child)
    assert status == 3
    assert PROMPT not in child.before
    assert "login refused for user 'admin'" in child.before
    assert "Traceback" not in child.before


def test_a_wrong_configured_password_is_asked_again_in_the_shell(env):
    child = spawn(dict(env, MIDO_USER=USER, MIDO_PASSWORD="stale"))
    child.expect_exact("login refused for user 'admin'")
    type_password(child, PASSWORD)
    child.expect_exact(PROMPT)
    time.sleep(0.3)
    child.sendcontrol("d")
    assert ended(child) == 0


def run_piped(env, args, stdin):
    return subprocess.run([sys.executable, "-m", "midoshell", *args], env=env, input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("how", ["pipe", "devnull-with-c"])
def test_never_asked_when_stdin_is_not_a_terminal(env, how):
    environ = dict(env, MIDO_USER=USER)
    if how == "pipe":
        done = run_piped(environ, [], "list host\n")
    else:
        done = run_piped(environ, ["-c", "list host"], None)
    assert done.returncode == 3
    assert "Password" not in done.stderr + done.stdout
    assert "login refused for user 'admin'" in done.stderr
    assert "no password was given" in done.stderr


def test_a_401_without_a_user_says_how_to_give_one(env):
    done = run_piped(env, ["-c", "list host"], None)
    assert done.returncode == 3
    message = done.stderr
    assert "refused the request (401)" in message
    assert "-u USER" in message and "MIDO_USER" in message and "username" in message


def test_ctrl_c_at_the_p_prompt_exits_130(env):
    child = spawn(env, "-u", USER, "-p", "-c", "list host")
    child.expect_exact("Password: ")
    child.sendintr()
    assert ended(child) == 130
    assert "Traceback" not in child.before


def test_ctrl_d_at_the_p_prompt_is_a_clear_message(env):
    child = spawn(env, "-u", USER, "-p", "-c", "list host")
    child.expect_exact("Password: ")
    child.sendeof()
    assert ended(child) == 2
    assert "no password given" in child.before
    assert "Traceback" not in child.before


def test_p_with_stdin_from_dev_null_is_a_clear_message(env):
    done = run_piped(env, ["-u", USER, "-p", "-c", "list host"], None)
    assert done.returncode == 2
    assert "stdin is not a terminal" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
