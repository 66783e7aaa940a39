"""Server data never drives the terminal, never forges a line or a csv record, never crashes.

Rendering is tested on hostile results directly, then end to end against a MidoNet API whose
answers carry control characters, lone surrogates and nulls (a rewriting loopback proxy in
front of the sandbox).
"""

import csv
import io
import json
import re

import pytest

from conftest import line_runner, run_in_process
from hostile_server import RewritingProxy, each_object
from midoshell.errors import ApiError
from midoshell.output import RenderOptions, render
from midoshell.output.safe import is_safe, visible
from midoshell.results import Created, Lines, Row, Rows, Value
from midoshell.runner import Runner

HOSTILE = [
    "\x1b]0;PWNED\x07x",            # OSC: sets the terminal's title
    "a\nbridge bridge9 name fake",  # forges an output line
    "good\rEVIL",                   # overwrites; a csv record terminator
    "back\b\b\bspace",
    "\u202egnp.exe",                # right-to-left override
    "c1\x9b31mred",                 # C1 CSI
    "del\x7f",
    "ls\u2028ps\u2029nel\x85",      # line separators (str.splitlines breaks there)
    "\ud800lone",                   # a lone surrogate: not encodable in UTF-8
    "isolate\u2066x\u2069\u200f\u061c",
    'quote" and \\x1b literal',     # a backslash escape that is only text
    "=HYPERLINK(\"http://x\")",     # a formula
    "-2+3", "+1", "@SUM(A1)", "'quoted",
    "plain",
]


def hostile_rows():
    return Rows([Row("bridge", f"bridge{i}", [("name", text), ("state", "up"), ("desc", None)],
                     f"{i:08d}-0000-0000-0000-000000000000", f"bridge{i}")
                 for i, text in enumerate(HOSTILE)])


def unescape(text):
    """The inverse of output.safe.cell: what the escapes stand for."""
    table = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
    return re.sub(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt\\])",
                  lambda m: table.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), text)


def lines(result, **options):
    return render(result, RenderOptions(**options))


def assert_terminal_safe(out):
    for line in out:
        assert is_safe(line), repr(line)
        line.encode("utf-8")  # strict: a lone surrogate would raise


@pytest.mark.parametrize("fmt", ["text", "table"])
def test_text_and_table_escape_every_control_and_keep_one_line_per_object(fmt):
    out = lines(hostile_rows(), format=fmt, width=None)
    assert_terminal_safe(out)
    body = out if fmt == "text" else out[2:]
    assert len(body) == len(HOSTILE)
    assert "\\x1b]0;PWNED\\x07x" in body[0]
    assert "\\u202egnp.exe" in body[4]


def test_text_lines_give_back_every_value_exactly():
    for line, original in zip(lines(hostile_rows()), HOSTILE):
        quoted = line.split(" name ", 1)[1].rsplit(" state ", 1)[0]
        if quoted.startswith('"'):
            quoted = quoted[1:-1].replace('\\"', '"')
        assert unescape(quoted) == original, line


def test_table_cells_give_back_every_value_exactly():
    out = lines(Rows([Row(None, None, [("name", t)]) for t in HOSTILE]), format="table",
                headers=False)
    assert [unescape(line.rstrip(" ")) for line in out] == HOSTILE


def test_a_bare_value_created_id_and_human_lines_are_escaped_too():
    for fmt in ("text", "table"):
        for text in HOSTILE:
            assert_terminal_safe(lines(Value(text), format=fmt))
            assert unescape(lines(Value(text), format=fmt)[0]) == text
        assert_terminal_safe(lines(Created("\x1b[2Jx", "\x1b[2Jx"), format=fmt))
    for fmt in ("text", "table", "csv"):
        assert lines(Lines(["tenant_id: \x1b[31m"]), format=fmt) == ["tenant_id: \\x1b[31m"]


def test_json_is_exact_and_still_never_drives_the_terminal():
    for pretty in (False, True):
        out = lines(hostile_rows(), format="json", pretty=pretty)
        assert_terminal_safe("\n".join(out).splitlines())  # indentation's own line breaks
        document = json.loads("\n".join(out))
        assert [r["name"] for r in document] == HOSTILE
        assert json.loads(lines(Value(HOSTILE[0]), format="json")[0]) == HOSTILE[0]


def test_csv_gives_back_one_record_per_object_with_the_same_values():
    out = lines(hostile_rows(), format="csv")
    text = "".join(line + "\n" for line in out)
    text.encode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == ["id", "alias", "name", "state", "desc"]
    assert len(records) == 1 + len(HOSTILE)
    names = [r[2] for r in records[1:]]
    for shown, original in zip(names, HOSTILE):
        if original.startswith(("=", "+", "-", "@", "'")):
            assert shown == "'" + original  # a spreadsheet shows it as text
        elif "\ud800" in original:
            assert shown == original.replace("\ud800", "\\ud800")  # UTF-8 cannot hold it
        else:
            assert shown == original


def test_csv_splits_no_record_at_a_carriage_return_or_unicode_line_break():
    rows = Rows([Row(None, None, [("name", "good\rEVIL,x")]),
                 Row(None, None, [("name", "a\u2028b\x85c\nd")])])
    out = lines(rows, format="csv", headers=False)
    assert out == ['"good\rEVIL,x"', '"a\u2028b\x85c\nd"']


def test_csv_on_a_terminal_shows_controls_escaped():
    out = lines(hostile_rows(), format="csv", terminal=True)
    assert_terminal_safe(out)
    assert len(out) == 1 + len(HOSTILE)


def test_error_messages_on_stderr_are_escaped_one_line_each():
    class NoSession:
        pass

    err = io.StringIO()
    error = ApiError(400, "name \x1b]0;PWNED\x07 taken\nforged: line",
                     [{"property": "name\x9b", "message": "bad\r"}, None, "x\u202e"])
    Runner(NoSession(), stdout=io.StringIO(), stderr=err).report(error, "-c")
    written = err.getvalue().splitlines()
    assert written == ["-c: API error 400: name \\x1b]0;PWNED\\x07 taken\\nforged: line",
                       "  name\\x9b: bad\\r", "  None", "  x\\u202e"]
    assert visible("\ud800") == "\\ud800"


# -- end to end: a MidoNet API with hostile answers ---------------------------------------------

def poison(path, document):
    def change(obj):
        if "name" in obj:
            obj["name"] = "\ud800\x1b]0;PWNED\x07x\nrouter fake"
        if "inboundMirrorIds" in obj:
            obj["inboundMirrorIds"] = [None]
        return obj

    return each_object(document, change)


@pytest.fixture
def hostile_env(shell_env, sandbox):
    run = line_runner(sandbox.url)
    for line in ("create router name r", "create bridge name b"):
        run(line)
    env = {k: v for k, v in shell_env.items() if k not in ("COLUMNS", "LINES")}
    with RewritingProxy(sandbox.url, poison) as proxy:
        yield dict(env, MIDO_API_URL=proxy.url)


@pytest.mark.parametrize("fmt", ["text", "table", "json", "csv"])
def test_a_lone_surrogate_and_a_null_in_a_uuid_list_never_crash_a_listing(hostile_env, fmt):
    result = run_in_process(["-o", fmt, "-c", "list router", "-c", "list bridge"], hostile_env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if fmt == "csv":  # exact for the program reading it (the terminal case is tested above)
        records = list(csv.reader(io.StringIO(result.stdout, newline="")))
        assert [r[2] for r in records if r[0] != "id"] == \
            ["\\ud800\x1b]0;PWNED\x07x\nrouter fake"] * 2
        return
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if fmt == "text":
        assert result.stdout.splitlines() == [
            line for line in result.stdout.splitlines() if line.startswith(("router ", "bridge "))]
        assert len(result.stdout.splitlines()) == 2
        assert 'name "\\ud800\\x1b]0;PWNED\\x07x\\nrouter fake"' in result.stdout
        assert "in-mirrors [null]" in result.stdout
    if fmt == "json":
        documents = [json.loads(line) for line in result.stdout.splitlines()]
        assert documents[0][0]["name"] == "\ud800\x1b]0;PWNED\x07x\nrouter fake"


def test_show_of_a_hostile_field_prints_it_escaped(hostile_env):
    result = run_in_process(["-c", "router router0 show name"], hostile_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "\\ud800\\x1b]0;PWNED\\x07x\\nrouter fake\n"


def test_completion_menu_and_meta_show_server_names_escaped():
    from midoshell import model
    from midoshell.interactive.sources import Candidate, object_meta
    from midoshell.resolver import Obj

    bridge = Obj(model.TYPES["bridge"], {"id": "1", "name": "\x1b]0;PWNED\x07\u202ex\ud800",
                                         "adminStateUp": True}, None, model.root("bridge"))
    assert object_meta(bridge, "bridge") == "bridge  \\x1b]0;PWNED\\x07\\u202ex\\ud800  up"
    assert Candidate('"a\\x1b"', display="a\x1b\n").shown == "a\\x1b\\n"


def test_the_toolbar_shows_a_pasted_control_character_escaped():
    from types import SimpleNamespace
    from unittest import mock

    from midoshell.interactive.toolbar import Toolbar

    session = SimpleNamespace(client=SimpleNamespace(username="ad\x1bmin"), tenant="t\u202e")
    app = SimpleNamespace(current_buffer=SimpleNamespace(text="list \x1b[2J bridge "))
    with mock.patch("prompt_toolkit.application.get_app", return_value=app):
        parts = Toolbar(session, "http://h\x9b/midonet-api")()
    for _, text in parts:
        assert is_safe(text), text
    assert "user: ad\\x1bmin" in parts[0][1]


def test_a_syntax_error_echoes_the_line_escaped_with_the_caret_under_the_bad_word():
    from midoshell.errors import MidoSyntaxError

    error = MidoSyntaxError("bad", "list\tbridge\x1b[2J foo", 17)  # at `foo`
    shown = error.lines()
    assert shown[1] == "  list\\tbridge\\x1b[2J foo"
    assert shown[2] == " " * shown[1].index("foo") + "^"


@pytest.mark.parametrize("odd", [3.5, True, {"a": 1}, [1, None], ["x", None]])
def test_a_field_of_an_unexpected_json_type_is_printed_as_sent(odd):

    from midoshell import model
    from midoshell.naming import ReferenceNamer, row
    from midoshell.resolver import Obj

    doc = {"id": "p1", "type": "Router", "deviceId": odd, "adminStateUp": odd,
           "inboundMirrorIds": odd, "portAddress": odd, "portMac": odd}
    port = Obj(model.concrete_type("port", doc), doc, None, model.root("port"))
    printed = row(port, ReferenceNamer(aliases=None, cache={}, show_aliases=False))
    for fmt in ("text", "table", "json", "csv"):
        assert_terminal_safe(lines(Rows([printed]), format=fmt))
    device = dict(printed.fields)["device"]
    assert device == json.dumps(odd, ensure_ascii=False)


@pytest.mark.parametrize("answer, printed, message", [
    (lambda doc: doc + [None, 5, "x"], 1, "warning: 3 item(s) of GET "),
    (lambda doc: [dict(o, name=5, id=7) for o in doc], 1, None),
    (lambda doc: {"not": "a list"}, 0, "API error 502: the API answered GET "),
])
def test_a_collection_answer_of_any_shape_lists_what_it_can(sandbox, answer, printed, message):
    line_runner(sandbox.url)("create bridge name b")

    def rewrite(path, document):
        return answer(document) if path.endswith("/bridges") else document

    with RewritingProxy(sandbox.url, rewrite) as proxy:
        run = line_runner(proxy.url)
        err = io.StringIO()
        run.session.stderr = err  # the session's own warnings
        out = io.StringIO()
        Runner(run.session, stdout=out, stderr=err).run_one("list bridge")
    assert len(out.getvalue().splitlines()) == printed
    said = err.getvalue()
    assert "internal error" not in said
    if message:
        assert said.startswith(message), said
    else:
        assert said == ""


def test_the_interactive_shell_lists_hostile_names_escaped_and_lives_on(hostile_env):
    import sys

    import pexpect

    env = dict(hostile_env, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="200", LINES="40")
    child = pexpect.spawn(sys.executable, ["-m", "midoshell"], env=env, encoding="utf-8",
                          codec_errors="surrogateescape", timeout=30, dimensions=(40, 200))
    child.expect_exact("midonet>")
    child.sendline("list router")
    child.expect_exact('name "\\ud800\\x1b]0;PWNED\\x07x\\nrouter fake"')
    child.expect_exact("midonet>")
    seen = child.before
    child.sendline("list bridge")
    child.expect_exact("in-mirrors [null]")
    child.expect_exact("midonet>")
    seen += child.before
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b]0;PWNED" not in seen and "\udcff" not in seen


def test_the_fast_path_of_escaping_agrees_with_the_rule_for_every_character():
    from midoshell.output import safe

    unsafe = re.compile(f"[{safe.UNSAFE}]")
    unsafe_or_backslash = re.compile(f"[{safe.UNSAFE_OR_BACKSLASH}]")
    for code in range(0x110000):
        char = chr(code)
        assert safe.visible(char) == unsafe.sub(safe._escape_one, char), hex(code)
        assert safe.cell("a" + char) == unsafe_or_backslash.sub(safe._escape_one,
                                                                "a" + char), hex(code)
