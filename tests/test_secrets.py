"""Passwords and tokens stay out of history, debug output and messages; private files stay private."""

import os
import sys
import time


from conftest import run_in_process
from midoshell.masking import mask_json, mask_line


def test_masking_rules():
    assert mask_line("router router0 add bgp-peer asn 1 address 10.0.0.2 password s3cret") == \
        "router router0 add bgp-peer asn 1 address 10.0.0.2 password ********"
    assert mask_line('... password "two words" hold-time 30') == '... password ******** hold-time 30'
    assert mask_json('{"asNumber": 1, "password": "s3\\"cret"}') == '{"asNumber": 1, "password": "********"}'
    assert mask_json('{"key":"00000000","expires":null}') == '{"key":"********","expires":null}'


def test_debug_output_never_shows_a_bgp_password(shell_env):
    made = run_in_process(["-c", "create router name r asn 65000"], shell_env).stdout.strip()
    done = run_in_process(["-d", "-c", f"router {made} add bgp-peer asn 65001 address 10.0.0.2 "
                                      "password hunter2"], shell_env)
    assert done.returncode == 0, done.stderr
    assert "POST " in done.stderr
    assert "hunter2" not in done.stderr


def test_history_masks_secrets_and_is_private(shell_env, tmp_path):
    import pexpect
    env = dict(shell_env, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    child = pexpect.spawn(sys.executable, ["-m", "midoshell"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 200))
    child.expect("midonet")
    child.sendline("create router name r asn 65000")
    child.expect("router0")
    child.sendline("router router0 add bgp-peer asn 65001 address 10.0.0.2 password hunter2")
    child.expect("router0:peer0")
    time.sleep(0.3)
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    history = tmp_path / "state" / "midoshell" / "history"
    text = history.read_text()
    assert "password ********" in text and "hunter2" not in text
    assert oct(history.stat().st_mode & 0o777) == "0o600"
    assert oct(history.parent.stat().st_mode & 0o777) == "0o700"


def test_login_failures_never_echo_the_password(isolated_home):
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, auth="password", user="admin", password="right")
    try:
        env = dict(os.environ, MIDO_API_URL=server.url, MIDO_USER="admin",
                   MIDO_PASSWORD="wrong-secret")
        env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        done = run_in_process(["-d", "-c", "list host"], env)
        assert done.returncode == 3
        assert "wrong-secret" not in done.stderr + done.stdout
        assert "Authorization" not in done.stderr
    finally:
        server.stop()


def test_the_sandbox_state_directory_is_private(isolated_home, tmp_path):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = run_in_process(["-c", "list router"], env)
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data" / "midoshell"
    assert oct(data.stat().st_mode & 0o777) == "0o700"
