"""Under --may-exist a run looks at collections without naming what it finds (so that what a
create line finds can take the alias the line would have given it); an alias the run has
not given yet is then found by naming the whole listing."""

from conftest import run_in_process


def test_an_existing_object_is_named_when_a_guarded_run_asks_for_it(shell_env):
    made = run_in_process(["-c", "create bridge name a", "-c", "create bridge name b"],
                          shell_env)
    assert made.returncode == 0, made.stderr
    done = run_in_process(["--may-exist", "--aliases", "-c", "create bridge name c",
                           "-c", "bridge bridge1 show"], shell_env)
    assert done.returncode == 0, done.stderr
    # the run's own bridge first, then the others in the usual order
    assert done.stdout == "bridge0\nbridge bridge1 name a state up\n"
