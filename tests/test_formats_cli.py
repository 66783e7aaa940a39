"""Output formats, configuration and shell completion, through the midoshell command."""

import csv
import io
import json
import os
import re
import subprocess
import sys

from conftest import run_in_process
from midoshell.options import build_parser
from midoshell.shellcomplete import option_words


def setup_router(env):
    done = run_in_process(["-c", 'create router name "edge router"'], env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_each_format_for_a_list_a_show_and_a_field(shell_env):
    uuid = setup_router(shell_env)
    text = run_in_process(["-c", "list router", "-c", f"router {uuid} show",
                          "-c", f"router {uuid} show name"], shell_env)
    line = f'router {uuid} name "edge router" state up asn 0'
    assert text.stdout.splitlines() == [line, line, "edge router"]

    listed = run_in_process(["-o", "json", "-c", "list router"], shell_env)
    assert json.loads(listed.stdout) == [{
        "id": uuid, "alias": None, "name": "edge router", "state": True, "infilter": None,
        "outfilter": None, "load-balancer": None, "asn": 0, "in-mirrors": [],
        "out-mirrors": [], "local-redirect-chain": None, "forward-chain": None}]
    assert listed.stderr == ""
    aliased = run_in_process(["-o", "json", "--aliases", "-c", f"router {uuid} show"], shell_env)
    assert json.loads(aliased.stdout)["alias"] == "router0"
    field = run_in_process(["-o", "json", "-c", f"router {uuid} show name"], shell_env)
    assert json.loads(field.stdout) == "edge router"

    table = run_in_process(["-o", "table", "--columns", "id,name,state", "-c", "list router"],
                          shell_env)
    assert table.stdout.splitlines()[0].split() == ["id", "name", "state"]
    assert table.stdout.splitlines()[2].split() == [uuid, "edge", "router", "up"]
    bare = run_in_process(["-o", "table", "-c", f"router {uuid} show state"], shell_env)
    assert bare.stdout == "up\n"

    spreadsheet = run_in_process(["-o", "csv", "--columns", "name,asn", "-c", "list router"],
                                shell_env)
    assert list(csv.reader(io.StringIO(spreadsheet.stdout))) == [["name", "asn"],
                                                                ["edge router", "0"]]
    headless = run_in_process(["-o", "csv", "--no-headers", "--columns", "id", "-c", "list router"],
                             shell_env)
    assert headless.stdout == uuid + "\n"


def test_stdout_holds_only_data_and_errors_go_to_stderr(shell_env):
    done = run_in_process(["-o", "json", "--keep-going", "-c", "list router", "-c", "router router9 show",
                          "-c", "list bridge"], shell_env)
    assert done.returncode == 1
    documents = [json.loads(line) for line in done.stdout.splitlines()]
    assert documents == [[], []]
    assert "no router9" in done.stderr


def test_the_config_file_picks_the_format_and_show_config_explains(shell_env, tmp_path):
    setup_router(shell_env)
    config = tmp_path / "config" / "midoshell" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[default]\noutput = csv\n[profile js]\noutput = json\npassword = s3cret\n")
    config.chmod(0o600)
    assert run_in_process(["-c", "list router"], shell_env).stdout.startswith("id,alias,name")
    profiled = run_in_process(["--profile", "js", "-c", "list router"], shell_env)
    assert isinstance(json.loads(profiled.stdout), list)
    shown = run_in_process(["--profile", "js", "--show-config"], shell_env)
    assert shown.returncode == 0
    assert "s3cret" not in shown.stdout
    assert "output            json" in shown.stdout and "[profile js]" in shown.stdout
    bad = run_in_process(["--profile", "nope", "-c", "list router"], shell_env)
    assert bad.returncode == 2 and "no [profile nope]" in bad.stderr


def test_version_names_midoshell_and_the_api(shell_env):
    done = run_in_process(["--version"], shell_env)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].startswith("midoshell ")
    assert done.stdout.splitlines()[1].startswith("MidoNet API v5.0 at http://127.0.0.1:")


def bash_complete(env, *words):
    """What bash offers for the words typed so far, with midoshell's script loaded."""
    import shlex
    script = run_in_process(["--completion", "bash"], env).stdout
    shim = os.path.join(env["HOME"], "bin")
    os.makedirs(shim, exist_ok=True)
    with open(os.path.join(shim, "midoshell"), "w") as stub:
        stub.write(f"#!/bin/sh\nexec {sys.executable} -m midoshell \"$@\"\n")
    os.chmod(os.path.join(shim, "midoshell"), 0o755)
    program = (script + "\n"
               + "COMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) + ")\n"
               + f"COMP_CWORD={len(words) - 1}\n_midoshell\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    done = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True,
                          env=dict(env, PATH=shim + os.pathsep + env["PATH"]))
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


def test_bash_completes_options_and_command_words(shell_env):
    assert bash_complete(shell_env, "midoshell", "--out") == ["--output"]
    assert bash_complete(shell_env, "midoshell", "-c", "tunnel") == ["tunnel-zone "]
    offered = bash_complete(shell_env, "midoshell", "-c", "'create tunnel-zone type ")
    assert offered == ["create tunnel-zone type gre ", "create tunnel-zone type vxlan ",
                       "create tunnel-zone type vtep "]


def test_zsh_script_is_made_from_the_same_options(shell_env):
    script = run_in_process(["--completion", "zsh"], shell_env).stdout
    assert script.startswith("#compdef midoshell")
    offered = re.search(r"^ *compadd -- (.*)$", script, re.M).group(1).split()
    assert offered == option_words(build_parser())  # every option of --help, no other word
    assert "--output" in offered and "--midonet-url" in offered
    # after -c the script asks midoshell itself, which answers from the grammar and the model
    assert re.search(r'midoshell --complete-command "\$\{words\[CURRENT\]', script)
