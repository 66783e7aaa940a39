"""`--columns`: an unknown field is a usage error naming it; with text output it is ignored, said."""

import json

from conftest import run_in_process


def test_an_unknown_column_is_a_usage_error_naming_it(shell_env):
    result = run_in_process(["--columns", "name,bogus", "-o", "json", "-c", "list host"],
                           shell_env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "midoshell: --columns: no object type has a field named 'bogus'\n"
    typo = run_in_process(["--columns", "nmae", "-o", "csv", "-c", "list host"], shell_env)
    assert typo.returncode == 2
    assert "'nmae'; did you mean name?" in typo.stderr


def test_known_columns_pick_and_order_fields(shell_env):
    result = run_in_process(["--columns", "name,id,alive", "-o", "json", "-c", "list host"],
                           shell_env)
    assert result.returncode == 0, result.stderr
    assert [list(r) for r in json.loads(result.stdout)] == [["name", "id", "alive"]] * 3


def test_columns_with_text_output_are_ignored_and_said_so(shell_env):
    plain = run_in_process(["-c", "list host"], shell_env)
    result = run_in_process(["--columns", "name", "-c", "list host"], shell_env)
    assert result.returncode == 0
    assert result.stdout == plain.stdout
    assert result.stderr == ("midoshell: warning: --columns is ignored with text output (it "
                             "picks the fields of -o table, json and csv)\n")
    table = run_in_process(["--columns", "name", "-o", "table", "-c", "list host"], shell_env)
    assert table.stderr == ""


def test_a_column_the_listed_objects_lack_prints_empty_and_is_said(shell_env):
    result = run_in_process(["--columns", "name,asn", "-o", "json", "-c", "list host"],
                           shell_env)
    assert result.returncode == 0
    assert json.loads(result.stdout)[0] == {"name": "compute-1", "asn": None}
    assert result.stderr == ("midoshell: --columns: asn: no such field in these objects "
                             "(printed empty)\n")
