"""The interactive prompt: history kept in a file, Ctrl-C cancels a line, Ctrl-D leaves."""

import os
import sys
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory

from midoshell import config
from midoshell.runner import Runner

PROMPT = "midonet> "


def history_path():
    """$MIDOSHELL_HISTFILE, else $XDG_STATE_HOME/midoshell/history; private to the user."""
    override = os.environ.get("MIDOSHELL_HISTFILE")
    path = Path(override) if override else config.xdg_dir("STATE") / "history"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.touch(mode=0o600)
    os.chmod(path, 0o600)
    return path


def run_shell(session):
    prompt = PromptSession(history=FileHistory(str(history_path())))
    runner = Runner(session)
    while True:
        try:
            line = prompt.prompt(PROMPT)
        except KeyboardInterrupt:
            continue
        except EOFError:
            print(file=sys.stdout)
            return 0
        try:
            _, leave = runner.run_one(line)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            continue
        if leave:
            return 0
