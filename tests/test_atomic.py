"""--atomic and --rollback: a failing or killed run leaves the API as it was before it."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from midoshell.main import main
from tests.conftest import run_in_process
from tests.state_dump import dump

SETUP = """\
create router name base
router router0 add port address 10.1.0.1 net 10.1.0.0/24
create bridge name base-b
bridge bridge0 add port
create chain name base-c
chain chain0 add rule type accept pos 1
chain chain0 add rule type drop pos 2
chain chain0 add rule type reject pos 3
"""

SCRIPT = """\
create tunnel-zone name tz type gre
tunnel-zone tzone0 add member host host0 address 10.0.0.1
create router name r1
router router1 add port address 10.0.0.1 net 10.0.0.0/24
bridge bridge0 port port0 set peer router1:port0
router router0 set name renamed
chain chain0 rule rule1 delete
chain chain0 add rule type accept src 10.0.0.0/8 pos 1
router router1 set infilter chain0
bridge bridge0 port port0 clear peer
router router0 port port0 set peer bridge0:port0
create bridge name b1
bridge bridge1 delete
"""

FAILING = "router name no-such-router set name x"


@pytest.fixture
def api(sandbox, monkeypatch):
    monkeypatch.setenv("MIDO_API_URL", sandbox.url)
    assert main(["-f", _write("setup.mido", SETUP)]) == 0
    return sandbox.url


def _write(name, text):
    path = os.path.join(os.environ["HOME"], name)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
    return path


def journals():
    directory = os.path.join(os.environ["XDG_STATE_HOME"], "midoshell", "journal")
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []


def test_a_complete_run_keeps_its_changes_and_no_journal(api):
    before = dump(api)
    assert main(["--atomic", "-f", _write("s.mido", SCRIPT)]) == 0
    assert dump(api) != before
    assert journals() == []


@pytest.mark.parametrize("failing_at", range(1, len(SCRIPT.splitlines()) + 2))
def test_a_run_failing_at_any_line_leaves_the_api_as_it_was(api, failing_at, capsys):
    lines = SCRIPT.splitlines()[:failing_at - 1] + [FAILING]
    before = dump(api)
    status = main(["--atomic", "-f", _write("s.mido", "\n".join(lines) + "\n")])
    err = capsys.readouterr().err
    assert status == 1
    assert "cannot undo" not in err, err
    assert f"s.mido:{failing_at}: " in err
    if failing_at > 1:
        assert "the run failed; rolled back" in err
    assert dump(api) == before
    assert journals() == []


def test_lines_whose_undo_the_api_forbids_are_refused_before_running(api, capsys):
    before = dump(api)
    status = main(["--atomic", "-c", "create router name x", "-c", "delete host host0"])
    assert status == 2
    assert "-c:2: --atomic cannot undo deleting a host" in capsys.readouterr().err
    assert dump(api) == before


@pytest.mark.parametrize("line", ["router router0 port port0 delete", "delete bridge0:port0"])
def test_port_deletes_are_refused_before_running(api, capsys, line):
    before = dump(api)
    assert main(["--atomic", "-c", "create router name x", "-c", line]) == 2
    assert "-c:2: --atomic cannot undo deleting a port" in capsys.readouterr().err
    assert dump(api) == before


def test_a_delete_that_takes_children_with_it_is_undone_not_done(api, capsys):
    before = dump(api)
    assert main(["--atomic", "-c", "create bridge name x", "-c", "delete router router0"]) == 1
    assert "cannot undo this delete" in capsys.readouterr().err
    assert dump(api) == before


def wait_for_steps(count, timeout=60):
    """Until the running journal holds `count` lines."""
    directory = os.path.join(os.environ["XDG_STATE_HOME"], "midoshell", "journal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name in journals():
            with open(os.path.join(directory, name), encoding="utf-8") as stream:
                if sum(1 for _ in stream) >= count:
                    return
        time.sleep(0.01)
    raise AssertionError(f"the run never wrote {count} journal lines")


def test_killed_runs_are_rolled_back_later_and_rollback_repeats_harmlessly(api, tmp_path):
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(__file__)))
    script = _write("long.mido", SCRIPT + "".join(
        f"create router name extra{n}\nrouter name extra{n} set name again{n}\n"
        for n in range(300)))
    rng = random.Random(12)
    for attempt in range(3):
        before = dump(api)
        child = subprocess.Popen([sys.executable, "-m", "midoshell", "--atomic", "-f", script],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_steps(rng.randrange(3, 120))  # a random point of the run
        child.send_signal(signal.SIGKILL)
        child.wait()
        names = journals()
        assert len(names) == 1, names
        kept = tmp_path / f"copy{attempt}.jsonl"
        journal = os.path.join(os.environ["XDG_STATE_HOME"], "midoshell", "journal", names[0])
        shutil.copy(journal, kept)
        assert dump(api) != before  # the killed run had changed something
        done = run_in_process(["--rollback"], env)
        assert done.returncode == 0, done.stderr
        assert dump(api) == before
        assert journals() == []
        again = run_in_process(["--rollback"], env)
        assert again.returncode == 0
        assert "no unfinished --atomic run" in again.stderr
        # The same journal rolled back a second time (as after a rollback killed midway).
        again = run_in_process(["--rollback", str(kept)], env)
        assert again.returncode == 0, again.stderr
        assert dump(api) == before
