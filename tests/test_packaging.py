"""The package as installed: the grammar found both ways, the package list complete, entry points."""

import configparser
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from pathlib import Path

from midoshell import lark_grammar

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_in_the_tree_is_listed_in_setup_cfg():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    listed = set(cfg["options"]["packages"].split())
    found = {".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "midoshell").rglob("__init__.py")}
    assert found | {"midoshell.grammar"} == listed


def test_the_grammar_loads_from_the_source_tree_when_not_installed():
    """In the source tree (and an editable install) there is no midoshell/grammar/."""
    assert not (ROOT / "midoshell" / "grammar").exists()
    assert lark_grammar.grammar_text() == (ROOT / "grammar" / "midoshell.lark").read_text()


def test_a_built_wheel_carries_the_grammar_and_loads_it(tmp_path):
    # built from a copy: setuptools builds in the source tree (build/, *.egg-info), and a
    # build/ left there from an earlier run would be packed again
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp_path), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("midoshell-*.whl"))
    target = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        assert "midoshell/grammar/midoshell.lark" in archive.namelist()
        archive.extractall(target)
        entry_points = archive.read(next(n for n in archive.namelist()
                                         if n.endswith("entry_points.txt"))).decode()
    assert "midoshell = midoshell.main:cli" in entry_points
    assert "midoshell-sandbox = midoshell.sandbox.cli:main" in entry_points
    probe = ("import midoshell, midoshell.lark_grammar as s; from importlib import resources;"
             "print(midoshell.__file__);"
             "print(resources.files('midoshell.grammar').joinpath('midoshell.lark').is_file()"
             " and s.grammar_text() == open(s.__file__.rsplit('/', 1)[0] + "
             "'/grammar/midoshell.lark').read());"
             "from midoshell.parsing import parse; print(type(parse('list router')).__name__)")
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    file_, has_grammar, command = out.stdout.split()
    assert file_.startswith(str(target))
    assert has_grammar == "True"
    assert command == "ListCommand"


@pytest.mark.parametrize("line", ["help", "list host", "create router name r"])
def test_one_liners_do_not_import_the_interactive_libraries_or_tabulate(shell_env, line):
    probe = ("import sys; from midoshell.main import main; status = main(['-c', %r]);"
             "print(status, sorted(m for m in sys.modules if m.split('.')[0] in "
             "('prompt_toolkit', 'pygments', 'tabulate', 'werkzeug', 'regex')))" % line)
    out = subprocess.run([sys.executable, "-c", probe], env=shell_env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_python_dash_m_and_version(shell_env):
    out = subprocess.run([sys.executable, "-m", "midoshell", "--version"], env=shell_env,
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("midoshell ")
