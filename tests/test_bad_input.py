"""Bad input of every kind gives a clear error and the right exit status, never a traceback.

The hypothesis tests use a fixed seed and a bounded number of examples; for a longer run:
MIDOSHELL_FUZZ_EXAMPLES=100000 python -m pytest tests/test_bad_input.py -k fuzz
"""

import os
import signal
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_in_process
from midoshell.client import Client
from midoshell.errors import ApiError, MidoError, MidoSyntaxError
from midoshell.output import render
from midoshell.parsing import parse
from midoshell.session import Session

EXAMPLES = int(os.environ.get("MIDOSHELL_FUZZ_EXAMPLES", "3000"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                suppress_health_check=list(HealthCheck))

WORDS = ["list", "show", "create", "add", "set", "clear", "delete", "describe", "help", "l",
         "sett", "cleart", "router", "bridge", "port", "chain", "rule", "host", "tunnel-zone",
         "member", "binding", "route", "name", "state", "up", "type", "gre", "address", "src",
         "dst-port", "peer", "router0", "bridge0:port0", "host0", "tzone0", "chain0", "rule0",
         "10.0.0.1", "10.0.0.0/8", "!10.0.0.0/8", "300.1.1.1", "80-90", "02:00:00:00:00:01",
         "0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a10", '"a b"', "'q'", '"', "#", "system-state", ""]


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_fuzz_parse_raises_only_syntax_errors(text):
    try:
        parse(text)
    except MidoError:
        pass


@pytest.mark.slow
@FUZZ
@given(st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join))
def test_fuzz_parse_word_soup(text):
    try:
        parse(text)
    except MidoError:
        pass


@pytest.fixture(scope="module")
def live_session():
    yield from _live_session()


@pytest.fixture(scope="module")
def shaped_session():
    """Its own server: the command-shaped fuzz deletes what the other tests look at."""
    yield from _live_session()


def _live_session():
    from midoshell.sandbox import start

    server = start(host="127.0.0.1", port=0, hosts=2)
    session = Session(Client(server.url, retries=0), show_aliases=True)
    for line in ("create router name r", "router router0 add port addresses 10.0.0.1/24",
                 "create bridge name b", "bridge bridge0 add port", "create chain name c",
                 "tunnel-zone create name tz type gre"):
        session.run_line(line)
    yield session
    server.stop()


@settings(max_examples=max(EXAMPLES // 6, 50), derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join))
def test_fuzz_run_line_against_the_sandbox(live_session, text):
    try:
        render(live_session.run_line(text))
    except MidoError:
        pass


# Lines shaped like commands (an object, a verb, then fields and values), where the walker's
# corners are: a word after a plain field (`bridge0 show name x`), references followed into
# other objects, bare ids, mistyped words.
OBJECTS = ["router0", "bridge0", "bridge0:port0", "router0:port0", "router router0",
           "router router0 port port0", "bridge bridge0 port port0", "host host0", "host0",
           "tunnel-zone tzone0", "chain0", "chain chain0 rule rule0", "tzone0",
           "0b6a5e0e", "0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a10", "system-state", "routr", ""]
VERB_WORDS = ["show", "list", "set", "clear", "delete", "add", "describe", "lst", "s"]
TAIL = ["name", "x", "state", "up", "peer", "device", "port", "type", "addresses", "member",
        "10.0.0.1/24", "rule", "host0", "alive", "id", "infilter", "chain0", "router0",
        "in-mirrors", "mac", "address", "interface", "binding", "\"q r\"", "nme", "ports"]
SHAPED = st.builds(
    lambda obj, verb, tail, before: " ".join(
        w for w in ([verb, obj] if before else [obj, verb]) + tail if w),
    st.sampled_from(OBJECTS), st.sampled_from(VERB_WORDS),
    st.lists(st.sampled_from(TAIL), max_size=4), st.booleans())


@FUZZ
@given(SHAPED)
def test_fuzz_parse_command_shaped_lines(text):
    try:
        parse(text)
    except MidoError:
        pass


@settings(max_examples=max(EXAMPLES // 6, 50), derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(SHAPED)
def test_fuzz_run_command_shaped_lines_against_the_sandbox(shaped_session, text):
    try:
        render(shaped_session.run_line(text))
    except MidoError:
        pass


def test_a_word_after_a_plain_field_is_a_syntax_error(shell_env):
    done = run_in_process(["-c", "create bridge name b0", "-c", "bridge0 show name x"], shell_env)
    assert done.returncode == 2
    assert "internal error" not in done.stderr
    assert "syntax error: unexpected 'x': name is a plain value" in done.stderr


CATALOGUE = [
    # (line, fragment of the message)
    ("router router0 add port addresses 10.0.0.300/24", "bad value for addresses"),
    ("router router0 add port addresses fe80::zz/64", "bad value for addresses"),
    ("router router0 add route dst 10.0.0.0/33 type reject", "bad value for dst"),
    ("router router0 add route dst 10.1 type reject", "bad value for dst"),
    ("router router0 add route gw 1.2.3 type reject", "bad value for gw"),
    ("router router0 port port0 set mac 02:00:00:00:00", "bad value for mac"),
    ("router router0 port port0 set mac 02:00:00:00:00:zz", "bad value for mac"),
    ("router not-a-uuid-or-alias show", "expected an alias, UUID or FIELD VALUE"),
    ("router 0b6a5e0e-1f2c-4a53-8a8e-6f1f3c3b2a1g show", "expected an alias, UUID"),
    ("chain chain0 add rule dst-port 70000 type drop", "bad value for dst-port"),
    ("chain chain0 add rule dst-port 90-80 type drop", "bad value for dst-port"),
    ("chain chain0 add rule src-port a-b type drop", "bad value for src-port"),
    ("create pool-member protocol-port -1", "expected a collection"),
    ("list gizmo", "expected a collection at the top level"),
    ("create router colour red", "'colour' is not a field"),
    ("frobnicate router", "is not a command or a collection"),
    ("router router0 frobnicate", "expected a verb"),
    ('create router name "unterminated', "unmatched quote"),
    ("create router name 'unterminated", "unmatched quote"),
    ("list router\x00", "NUL"),
    ("host host0 set flooding-proxy-weight 70000", "bad value for flooding-proxy-weight"),
    ("host host0 set alive false", "alive is read-only"),
    ("bridge0 show name x", "name is a plain value"),
    ("router0:port0 show in-mirrors x", "in-mirrors is a list"),
    ("router0:port0 show device name x", "name is a plain value"),
]


@pytest.mark.parametrize("line, fragment", CATALOGUE)
def test_catalogue_of_bad_lines(line, fragment):
    with pytest.raises(MidoSyntaxError) as caught:
        parse(line)
    assert fragment in "\n".join(caught.value.lines())


def test_unknown_alias_and_field_after_listing(live_session):
    with pytest.raises(MidoError) as caught:
        live_session.run_line("router router7 show")
    assert "no router7 in the router collection: it holds router0" in caught.value.message
    with pytest.raises(MidoError) as caught:
        live_session.run_line("bridge bridge0 port port0 set peer tzone0")
    assert "tzone0 is a tunnel zone, not a port" in caught.value.message


def test_a_100_kb_line_is_refused_cleanly(live_session):
    line = "create router name " + "x" * 100_000
    before = render(live_session.run_line("list router"))
    with pytest.raises(ApiError) as caught:  # the v5 server limits names to 255 characters
        live_session.run_line(line)
    assert caught.value.status == 400
    assert caught.value.lines()[1:] == ["  name: size must be between 0 and 255"]
    assert render(live_session.run_line("list router")) == before
    with pytest.raises(MidoSyntaxError):
        parse("list router " + "y" * 100_000)


def test_script_files_with_crlf_bad_utf8_and_nul(shell_env, tmp_path):
    script = tmp_path / "windows.mido"
    script.write_bytes(b"create router name r1\r\nlist router\r\n")
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2 and "name r1 " in done.stdout
    script.write_bytes(b"list router\ncreate router name caf\xe9\nlist bridge\n")
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{script}:2: syntax error: invalid UTF-8 (byte 23)")
    script.write_bytes(b"list router\x00\n")
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 2 and "NUL character" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_mid_script_exits_130(shell_env, tmp_path):
    script = tmp_path / "long.mido"
    script.write_text("list host\n" * 20000)
    proc = subprocess.Popen([sys.executable, "-m", "midoshell", "-f", str(script)], env=shell_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().startswith("host ")  # the script is running its lines
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert f"{script}:" in err and "interrupted" in err
    assert "Traceback" not in err
