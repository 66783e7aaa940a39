"""The checked-in man pages are what the generator makes, and groff renders them cleanly."""

import shutil
import subprocess
from pathlib import Path

import pytest

from midoshell.manpage import render_pages

MAN = Path(__file__).resolve().parent.parent / "man"


def test_checked_in_pages_are_fresh():
    for name, text in render_pages().items():
        assert (MAN / name).read_text(encoding="utf-8") == text, \
            f"man/{name} is stale: run `python -m midoshell.manpage man`"


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
@pytest.mark.parametrize("name", sorted(render_pages()))
def test_pages_render_without_warnings(name):
    done = subprocess.run(["groff", "-man", "-Tutf8", "-z", "-ww", str(MAN / name)],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stderr == ""
