"""Logging in: users and passwords from every source, the token, and refusals (exit 3)."""

import os
import sys

import pytest

from conftest import ROOT, run_in_process


@pytest.fixture
def locked_sandbox():
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, hosts=2, auth="password", user="admin",
                   password="s3cret%x")
    yield server
    server.stop()


@pytest.fixture
def env(locked_sandbox, isolated_home):
    environ = dict(os.environ, MIDO_API_URL=locked_sandbox.url)
    environ["PYTHONPATH"] = ROOT
    return environ


def test_user_and_password_from_the_environment_log_in(env):
    done = run_in_process(["-c", "list host"], dict(env, MIDO_USER="admin", MIDO_PASSWORD="s3cret%x"))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2


def test_midonetrc_credentials_log_in(env, isolated_home):
    (isolated_home / ".midonetrc").write_text(
        "[cli]\nusername = admin\npassword = s3cret%x\nproject_id = admin\n")
    done = run_in_process(["-c", "list host"], env)
    assert done.returncode == 0, done.stderr


def test_flags_override_the_environment(env):
    done = run_in_process(["-u", "nobody", "-c", "list host"],
                         dict(env, MIDO_USER="admin", MIDO_PASSWORD="s3cret%x"))
    assert done.returncode == 3
    assert "login refused for user 'nobody'" in done.stderr


def test_a_wrong_password_exits_3_without_a_traceback(env):
    done = run_in_process(["-c", "list host"], dict(env, MIDO_USER="admin", MIDO_PASSWORD="wrong"))
    assert done.returncode == 3
    assert "login refused" in done.stderr
    assert "wrong" not in done.stderr
    assert "Traceback" not in done.stderr


def test_no_credentials_against_a_locked_server_exits_3(env):
    done = run_in_process(["-A", "-c", "list host"], dict(env, MIDO_USER="admin"))
    assert done.returncode == 3
    assert "refused the request (401)" in done.stderr


def test_debug_logs_requests_but_never_the_password_or_token(env):
    done = run_in_process(["-d", "-c", "list host"], dict(env, MIDO_USER="admin", MIDO_PASSWORD="s3cret%x"))
    assert done.returncode == 0, done.stderr
    assert "GET " in done.stderr
    assert "s3cret" not in done.stderr
    assert "X-Auth-Token" not in done.stderr


def test_password_prompt(env):
    import pexpect
    child = pexpect.spawn(sys.executable, ["-m", "midoshell", "-u", "admin", "-p", "-c", "list host"],
                          env=env, encoding="utf-8", timeout=20)
    child.expect("Password:")
    child.sendline("s3cret%x")
    child.expect("host [0-9a-f-]{36} name compute-1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
