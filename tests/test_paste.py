"""Pasting into the interactive shell (a real terminal, bracketed paste): each line runs."""

import pexpect

from conftest import PROMPT, run_midoshell, spawn_shell

START, END = "\x1b[200~", "\x1b[201~"




def leave(child):
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()


def bridges(env):
    return run_midoshell(["-o", "json", "--columns", "name", "-c", "list bridge"], env).stdout


def test_a_pasted_block_runs_each_line_in_turn(shell_env):
    child = spawn_shell(shell_env)
    child.send(f"{START}create bridge name a\ncreate bridge name b\nlist bridge{END}")
    child.send("\r")
    child.expect(r"bridge bridge1 name b")
    child.expect_exact(PROMPT)
    leave(child)
    assert '"a"' in bridges(shell_env) and '"b"' in bridges(shell_env)


def test_a_paste_of_whole_lines_runs_without_enter_and_prompts_are_dropped(shell_env):
    child = spawn_shell(shell_env)
    child.send(f"{START}midonet> create bridge name a\r\nmidonet> list bridge\r\n{END}")
    child.expect(r"bridge bridge0 name a")
    child.expect_exact(PROMPT)
    leave(child)


def test_a_failing_line_stops_the_rest_of_the_paste(shell_env):
    child = spawn_shell(shell_env)
    child.send(f"{START}create bridge name a\nlst bridge\ncreate bridge name c\n{END}")
    child.expect(r"line 2 of 3: syntax error")
    child.expect(r"lines 3-3\) did not run")
    child.expect_exact(PROMPT)
    leave(child)
    listed = bridges(shell_env)
    assert '"a"' in listed and '"c"' not in listed


def test_the_first_screen_says_how_to_get_help_and_what_the_sandbox_is(isolated_home):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDO")}
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    child = spawn_shell(env)
    before = child.before
    assert "Type 'help' for the commands, '?' anywhere in a line" in before
    assert "Tab to complete" in before
    assert "bundled sandbox" in before and "three made-up hosts" in before
    assert "sandbox.db; to start afresh, leave and delete that file" in before
    leave(child)


def test_against_a_real_api_only_the_help_line_is_shown(shell_env):
    child = spawn_shell(shell_env)
    assert "Type 'help' for the commands" in child.before
    assert "sandbox" not in child.before
    leave(child)


def test_a_pasted_transcript_runs_only_its_prompted_lines():
    from midoshell.interactive.paste import entered_lines

    transcript = ("midonet> tunnel-zone list\r\n"
                  "tzone tzone0 name eucatz type gre\r\n"
                  "midonet> host list  \r\n"
                  "host host0 name compute-1 alive true\r\n"
                  "midonet(8f2c)> list host\r\n")
    assert entered_lines(transcript) == (["tunnel-zone list", "host list  ", "list host"], 2)
    assert entered_lines("list host\nlist bridge\n\n") == (["list host", "list bridge"], 0)
    assert entered_lines("midonet>\nmidonet> list host") == (["list host"], 0)


def test_a_guide_block_with_output_runs_in_the_terminal(shell_env):
    child = spawn_shell(shell_env)
    child.send(f"{START}midonet> tunnel-zone create name tz type gre\n"
               f"tzone0\nmidonet> tunnel-zone list\n{END}")
    child.expect(r"1 without it left out")
    child.expect(r"tzone tzone0 name tz type gre")
    child.expect_exact(PROMPT)
    leave(child)
