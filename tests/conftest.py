"""Shared fixtures: every test gets its own HOME and XDG directories and no MIDO_* settings."""

import logging
import os
import re
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for kind in ("CONFIG", "DATA", "STATE", "CACHE"):
        path = tmp_path / kind.lower()
        path.mkdir()
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(path))
    for name in list(os.environ):
        if name.startswith("MIDO_") or name.startswith("MIDOSHELL_"):
            monkeypatch.delenv(name)
    # A bug in completion, colouring or the toolbar raises instead of costing only a menu.
    monkeypatch.setenv("MIDOSHELL_STRICT", "1")
    return home


@pytest.fixture
def sandbox():
    """A fresh in-memory MidoNet API sandbox on 127.0.0.1 with three hosts."""
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, hosts=3)
    yield server
    server.stop()


@pytest.fixture
def shell_env(sandbox, isolated_home):
    """Environment for running `midoshell` as a subprocess against the sandbox."""
    env = dict(os.environ)
    env["MIDO_API_URL"] = sandbox.url
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_midoshell(args, env, stdin=None, timeout=60):
    """Run midoshell in a child process as a user would; returns CompletedProcess (text)."""
    import subprocess

    # No input: /dev/null, not the terminal pytest may run on (midoshell would ask there).
    return subprocess.run([sys.executable, "-m", "midoshell", *args], env=env, input=stdin,
                          stdin=subprocess.DEVNULL if stdin is None else None,
                          capture_output=True, text=True, timeout=timeout)


PROMPT = "midonet>"  # prompt_toolkit draws the space after it as a cursor move


def spawn_shell(env):
    """The interactive shell in a pseudo-terminal (pexpect), at its first prompt."""
    import pexpect

    env = dict(env, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="200", LINES="40")
    child = pexpect.spawn(sys.executable, ["-m", "midoshell"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 200))
    child.expect_exact(PROMPT)
    return child


def run_in_process(args, env, stdin=None):
    """Run midoshell's main() in this process, with `env` as its environment variables and
    its streams in memory; the same result as run_midoshell gives (no terminal either)."""
    import subprocess

    from midoshell.environment import Environment
    from midoshell.main import main

    world = Environment.captured(env, stdin=stdin or "")
    status = main(list(args), world)
    return subprocess.CompletedProcess(["midoshell", *args], status, world.stdout.getvalue(),
                                       world.stderr.getvalue())


def line_runner(url, client_class=None, show_aliases=True):
    """A function running lines as an interactive user would (aliases printed, unless not
    `show_aliases`: as a script) and returning the printed lines; its `.session` is the
    Session behind it."""
    from midoshell.client import Client
    from midoshell.output import render_text
    from midoshell.session import Session

    session = Session((client_class or Client)(url), show_aliases=show_aliases)

    def run(line):
        return render_text(session.run_line(line))

    run.session = session
    return run


@pytest.fixture
def shell(sandbox):
    """Run lines against a fresh sandbox; returns the printed lines."""
    return line_runner(sandbox.url)


def serve_sandbox(state, env, hosts=1):
    """A `python -m midoshell.sandbox` process on the state file `state`; (process, url)."""
    import subprocess

    proc = subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", "--port", "0",
                             "--hosts", str(hosts), "--state", str(state)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    assert line.startswith("midoshell-sandbox: serving http://127.0.0.1:"), \
        line + proc.stderr.read()
    return proc, line.split()[-1]


@pytest.fixture
def proxy(sandbox):
    """tests/faultproxy.py between midoshell and a fresh sandbox, to inject network faults."""
    from faultproxy import FaultProxy

    with FaultProxy(sandbox.url) as fault_proxy:
        yield fault_proxy


def environ_trusting_no_ca():
    """os.environ for a midoshell child whose test decides what is trusted: no CA bundle
    from the machine's environment."""
    environ = dict(os.environ, PYTHONPATH=ROOT)
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        environ.pop(name, None)
    return environ


LOGGED = re.compile(r'"([A-Z]+) /midonet-api(\S*) HTTP/1\.1" (\d+)')


class RequestLog(logging.Handler):
    """The sandbox's request log (werkzeug's `"GET /path HTTP/1.1" 200` lines), as
    "METHOD /path" under the API root."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.requests = []

    def emit(self, record):
        found = LOGGED.search(record.getMessage())
        if found:
            self.requests.append(f"{found.group(1)} {found.group(2) or '/'}")

    def since(self, mark):
        return self.requests[mark:]


@pytest.fixture
def logged():
    """A sandbox logging every request it answers; yields (server, log)."""
    log = RequestLog()
    werkzeug = logging.getLogger("werkzeug")
    level = werkzeug.level
    werkzeug.addHandler(log)
    werkzeug.setLevel(logging.INFO)
    from midoshell.sandbox.server import SandboxServer

    server = SandboxServer(host="127.0.0.1", port=0, hosts=3, log_requests=True)
    try:
        yield server, log
    finally:
        server.stop()
        werkzeug.removeHandler(log)
        werkzeug.setLevel(level)
