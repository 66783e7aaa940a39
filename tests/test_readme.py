"""The README's set-up commands, run as written (offline: no dependencies fetched)."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAN_PAGES = ["man/man1/midoshell.1", "man/man7/midoshell-language.7",
             "man/man7/midoshell-objects.7"]


def setup_commands():
    """The first two command blocks: install and run, then install for the tests."""
    text = (ROOT / "README.rst").read_text()
    return re.findall(r"^    (python3 -m venv \.venv && .*)$", text, re.MULTILINE)[:2]


def pip_installs(command):
    """The `pip install ARGS` parts of a README command line, as argument lists."""
    return [shlex.split(part.strip())[2:] for part in command.split("&&")
            if re.match(r"\s*\.venv/bin/pip install ", part)]


def test_the_ci_finds_the_test_command():
    found = [c for c in setup_commands() if re.match(r"python3 -m venv .*pytest", c)]
    assert found and "pytest" in found[0]


def test_the_man_pages_are_still_installed_after_the_second_command(tmp_path):
    source = tmp_path / "midoshell"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".hypothesis"))
    venv = source / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # Offline: this interpreter's pip, setuptools and wheel, no dependency fetched; and no
    # source tree on the path, where pip would take midoshell for installed already.
    paths = [p for p in sys.path if p.endswith("site-packages")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    python = str(venv / "bin" / "python")
    for command in setup_commands():
        for args in pip_installs(command):
            done = subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps",
                                   "--no-build-isolation", "--no-index", *args],
                                  env=env, capture_output=True, text=True, cwd=source)
            assert done.returncode == 0, done.stderr
        installed = [page for page in MAN_PAGES if (venv / "share" / page).is_file()]
        assert installed == MAN_PAGES, f"after {command!r}"


def test_the_readme_says_to_activate_and_that_zsh_needs_compinit():
    text = (ROOT / "README.rst").read_text()
    assert "    . .venv/bin/activate" in text
    assert "compinit" in text
