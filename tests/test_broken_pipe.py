"""`midoshell … | head -1`: when the reader of stdout goes away, midoshell exits quietly.

As a command killed by SIGPIPE (ovs-vsctl … | head): status 141, no traceback, nothing on
stderr, and no further line of a script is run.
"""

import json
import os
import subprocess
import sys

import pytest
import requests

from conftest import ROOT

BRIDGE_MEDIA = "application/vnd.org.midonet.Bridge-v4+json"


@pytest.fixture
def bridges(sandbox):
    for number in range(150):
        made = requests.post(sandbox.url + "/bridges", data=json.dumps({"name": f"b{number}"}),
                             headers={"Content-Type": BRIDGE_MEDIA}, timeout=10)
        assert made.status_code == 201
    return sandbox


def spawn(args, url, stdin=subprocess.DEVNULL):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.Popen([sys.executable, "-m", "midoshell", "--midonet-url", url, *args],
                            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)


def bridge_count(server):
    return len(requests.get(server.url + "/bridges", timeout=10).json())


SCRIPT = "".join(f"create bridge name s{n}\n" for n in range(40))


def modes(tmp_path):
    script = tmp_path / "make.mido"
    script.write_text(SCRIPT)
    return {
        "-c": (["-c", "list bridge"], None),
        "-e": (["-e", "list", "bridge"], None),
        "-f": (["-f", str(script)], None),
        "stdin": ([], SCRIPT.encode()),
    }


@pytest.mark.parametrize("mode", ["-c", "-e", "-f", "stdin"])
def test_a_reader_gone_before_the_first_line(bridges, tmp_path, mode):
    args, script = modes(tmp_path)[mode]
    proc = spawn(args, bridges.url, stdin=subprocess.PIPE if script else subprocess.DEVNULL)
    proc.stdout.close()  # the reader is gone before midoshell writes anything
    _, err = proc.communicate(script, timeout=60)
    assert err.decode() == ""
    assert proc.returncode == 141
    if script:  # a script stops at the line whose output could not be written
        assert bridge_count(bridges) == 151


@pytest.mark.parametrize("mode", ["-c", "-f"])
def test_head_dash_1(bridges, tmp_path, mode):
    """As `midoshell … | head -1`: one line read, then the pipe closed; the output is
    larger than a pipe's buffer, so midoshell is still writing when the reader goes."""
    if mode == "-c":
        args = [arg for _ in range(10) for arg in ("-c", "list bridge")]
    else:
        script = tmp_path / "lists.mido"
        script.write_text("list bridge\n" * 10 + "create router name after\n")
        args = ["-f", str(script)]
    proc = spawn(args, bridges.url)
    first = proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert first.startswith(b"bridge ")
    assert err.decode() == ""
    assert proc.returncode == 141
    assert requests.get(bridges.url + "/routers", timeout=10).json() == []  # never ran


def closed_stdout(args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "midoshell", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err.decode()


@pytest.mark.parametrize("args", [["--completion", "bash"], ["--show-config"], ["--version"]])
def test_options_that_print_and_exit(args, isolated_home):
    assert closed_stdout(args) == (141, "")


def test_help_into_a_closed_pipe_is_quiet(isolated_home):
    # argparse itself ignores a failed write of its help (and exits 0) when stdout is
    # unbuffered; buffered, the flush at the end fails and midoshell exits 141.  Quiet both ways.
    assert closed_stdout(["--help"])[1] == ""
    assert closed_stdout(["--help", "-c", "x"])[1] == ""
