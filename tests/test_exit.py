"""How the midoshell command ends: Python's teardown skipped once the output is out, but
never at the cost of what the teardown would have done for the program."""

import subprocess
import sys


def ended(code, env):
    """(status, stdout, stderr) of a fresh interpreter running `code`, its output buffered
    as a program's usually is (this machine may have asked for it unbuffered)."""
    env = {name: value for name, value in env.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


FINALIZED = ("class Told:\n    def __del__(self):\n        print('torn down', flush=True)\n"
             "told = Told()\n")


def test_a_one_liner_ends_without_the_teardown_and_keeps_its_output(shell_env):
    code = FINALIZED + ("import sys\nfrom midoshell.main import cli\n"
                        "sys.stdout.write('x' * 100000)\ncli(['--version'])\n")
    status, out, err = ended(code, shell_env)
    assert (status, err) == (0, "")
    assert out.startswith("x" * 100000) and "midoshell" in out
    assert "torn down" not in out  # the module's objects were never freed one by one


def test_the_teardown_s_own_work_is_done_before_the_end(shell_env):
    code = ("import atexit, logging, sys\n"
            "atexit.register(lambda: print('exit function ran', file=sys.stderr))\n"
            "from midoshell.main import exit_without_teardown\n"
            "sys.stdout.write('unflushed')\nexit_without_teardown(3)\n")
    status, out, err = ended(code, shell_env)
    assert (status, out, err) == (3, "unflushed", "exit function ran\n")


def test_a_thread_still_at_work_is_waited_for(shell_env):
    code = FINALIZED + (
        "import threading, time\nfrom midoshell.main import exit_without_teardown\n"
        "def late():\n    time.sleep(0.3)\n    print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()\nexit_without_teardown(0)\n")
    status, out, _ = ended(code, shell_env)
    assert status == 0
    assert out.splitlines() == ["thread done", "torn down"]  # the usual exit, teardown and all


def test_a_status_that_is_not_a_number_exits_the_usual_way(shell_env):
    code = "from midoshell.main import exit_without_teardown\nexit_without_teardown('gone')\n"
    assert ended(code, shell_env) == (1, "", "gone\n")


def test_a_profiler_gets_to_write_its_report(shell_env, tmp_path):
    report = tmp_path / "run.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(report), "-m",
                           "midoshell", "--version"], env=shell_env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert report.stat().st_size > 0
