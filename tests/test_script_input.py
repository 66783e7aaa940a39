"""Script files and pipes that are too big or odd: clear errors, never unbounded memory."""

import time

from conftest import run_in_process, run_midoshell
from midoshell.runner import InputError, script_lines


def test_a_stream_without_line_breaks_is_cut_at_the_limit(shell_env):
    started = time.monotonic()
    done = run_midoshell(["-f", "/dev/zero"], shell_env, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 2
    assert "/dev/zero:1: line longer than 1,048,576 bytes" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_piped_line_too_long_is_refused_and_nothing_after_it_runs(shell_env):
    data = "list host\n" + "x" * (2 << 20) + "\ncreate bridge name late\n"
    done = run_in_process([], shell_env, stdin=data)
    assert done.returncode == 2
    assert "<stdin>:2: line longer than" in done.stderr
    assert "compute-1" in done.stdout
    assert run_in_process(["-c", "list bridge"], shell_env).stdout == ""


def test_the_limit_is_on_bytes_read_not_on_lines_that_end_in_time():
    import io

    lines = list(script_lines(io.BytesIO(b"a" * 10 + b"\n" + b"b" * 11), limit=10))
    assert lines[0] == "a" * 10
    assert isinstance(lines[1], InputError) and len(lines) == 2


def test_a_script_starting_with_a_utf8_bom_runs(shell_env, tmp_path):
    script = tmp_path / "bom.mido"
    script.write_bytes("\ufefflist host\r\ncreate bridge name b\r\n".encode("utf-8"))
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 0, done.stderr
    assert "compute-1" in done.stdout
    piped = run_in_process([], shell_env, stdin="\ufefflist bridge\n")
    assert (piped.returncode, piped.stderr) == (0, "")


def test_a_lone_carriage_return_is_refused_with_file_and_line(shell_env, tmp_path):
    script = tmp_path / "cr.mido"
    script.write_bytes(b"list host\ncreate bridge name a\rdelete bridge name b\nlist bridge\n")
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 2
    assert f"{script}:2: syntax error: carriage return inside the line" in done.stderr
    assert "name a\\rdelete" in done.stderr and "\r" not in done.stderr
    assert run_in_process(["-c", "list bridge"], shell_env).stdout == ""
    one = run_in_process(["-c", "list host\rlist bridge"], shell_env)
    assert one.returncode == 2 and "carriage return" in one.stderr


def test_an_echoed_line_never_drives_the_terminal():
    import pytest

    from midoshell.errors import MidoSyntaxError
    from midoshell.parsing import parse

    with pytest.raises(MidoSyntaxError) as caught:
        parse("create router name \x1b]0;PWNED\x07x\u202e frob\x9b")
    message, shown, caret = caught.value.lines()
    assert "\\x1b]0;PWNED\\x07x\\u202e frob\\x9b" in shown
    assert not any(ch in shown + message for ch in "\x1b\x07\u202e\x9b")
    assert shown[caret.index("^"):].startswith("frob")


def test_a_line_of_many_words_is_parsed_or_refused_never_an_internal_error():
    import pytest

    from midoshell.errors import MidoSyntaxError
    from midoshell.parsing import parse

    assert len(parse("list router " + "name x " * 1500).filters) == 1500
    started = time.monotonic()
    with pytest.raises(MidoSyntaxError, match="more than 10,000 words"):
        parse("a " * 500_000)
    assert time.monotonic() - started < 2


def test_a_utf16_script_is_named_as_such(shell_env, tmp_path):
    script = tmp_path / "wide.mido"
    script.write_bytes("list host\r\n".encode("utf-16"))
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 2
    assert f"{script}:1: the input is UTF-16" in done.stderr


def test_a_long_line_is_echoed_around_the_caret_only():
    import pytest

    from midoshell.errors import MidoSyntaxError
    from midoshell.parsing import parse

    for line, start, end in [("create router " + "x" * 100_000 + " name", "create", "…"),
                             ("create router name " + "x" * 100_000 + " frob", "…", "frob")]:
        with pytest.raises(MidoSyntaxError) as caught:
            parse(line)
        message, shown, caret = caught.value.lines()
        assert len(message) < 400 and len(shown) < 200
        assert shown.strip().startswith(start) and shown.endswith(end)
        assert shown[caret.index("^"):].startswith(line.split()[2][:5] if end == "…" else "frob")


def test_fuzz_any_bytes_read_as_lines_or_errors():
    import io

    from hypothesis import HealthCheck, given, settings, strategies as st

    from midoshell.errors import MidoError
    from midoshell.parsing import parse

    pieces = st.sampled_from([b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00",
                              b"list host", b" ", b"\xe9", b"\xc3\xa9", b'"', b"password",
                              b"x" * 50])

    @settings(max_examples=500, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(pieces, max_size=30).map(b"".join))
    def check(data):
        for item in script_lines(io.BytesIO(data), limit=200):
            if isinstance(item, MidoError):
                item.lines()
                continue
            assert isinstance(item, str) and "\n" not in item
            try:
                parse(item)
            except MidoError as error:
                assert "\r" not in "".join(error.lines())

    check()
