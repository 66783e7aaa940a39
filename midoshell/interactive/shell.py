"""The interactive shell: prompt, completion, highlighting, history, toolbar, pager; the loop."""

import datetime
import io
import os
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import ThreadedCompleter
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.output import create_output
from prompt_toolkit.shortcuts import CompleteStyle
from prompt_toolkit.styles import Style, merge_styles, style_from_pygments_dict

from midoshell import config
from midoshell.errors import EXIT_OK, MidoError
from midoshell.interactive.completer import MidoCompleter
from midoshell.interactive.keys import key_bindings
from midoshell.interactive.lexer import TOKENS, MidoLexer
from midoshell.interactive.paste import entered_lines
from midoshell.interactive.refresh import Refresher
from midoshell.interactive.toolbar import Toolbar, prompt_text
from midoshell.runner import Runner
from midoshell.private import open_private, private_dir
from midoshell.masking import mask_line
from midoshell.interactive.guard import contained

COLORS = {
    "verb": "bold ansiblue", "command": "bold ansiblue", "collection": "ansicyan",
    "field": "ansigreen", "alias": "ansimagenta", "uuid": "ansimagenta",
    "address": "ansiyellow", "number": "ansiyellow", "string": "ansiyellow",
    "comment": "italic ansibrightblack", "error": "bg:ansired ansiwhite",
}
UI = {"bottom-toolbar": "noreverse bg:ansiblack ansiwhite",
      "bottom-toolbar.error": "noreverse bg:ansired ansiwhite"}


class MaskedHistory(FileHistory):
    """The history file, with the values of secret fields (`password X`) masked, written
    only to a private regular file (never through a symbolic link planted in its place)."""

    def store_string(self, string):
        lines = [f"\n# {datetime.datetime.now()}\n"]
        lines += [f"+{line}\n" for line in mask_line(string).split("\n")]
        try:
            fd = open_private(self.filename)
        except MidoError as error:  # replaced since start-up: keep the line, say why
            print(f"midoshell: warning: history not saved: {error.message}", file=sys.stderr)
            return
        with os.fdopen(fd, "ab") as stream:
            stream.write("".join(lines).encode("utf-8", errors="replace"))


def history_path():
    """$MIDOSHELL_HISTFILE, else $XDG_STATE_HOME/midoshell/history; private to the user."""
    override = os.environ.get("MIDOSHELL_HISTFILE")
    if override:
        path = Path(override)
        if not path.parent.exists():
            private_dir(path.parent)
    else:
        path = config.xdg_dir("STATE") / "history"
    os.close(open_private(path))
    return path


def history():
    """The history: the private file, or, when it cannot be had safely, this session's
    lines only (saying why)."""
    try:
        return MaskedHistory(str(history_path()))
    except (MidoError, OSError) as error:
        message = error.message if isinstance(error, MidoError) else str(error)
        print(f"midoshell: warning: history not saved: {message}", file=sys.stderr)
        return InMemoryHistory()


def style():
    colors = style_from_pygments_dict({TOKENS[k]: v for k, v in COLORS.items()})
    return merge_styles([colors, Style.from_dict(UI)])


def pager_command(enabled, stream=None):
    """The pager to use, or None: only for a terminal, $PAGER first, `less -FRX` else."""
    stream = stream or sys.stdout
    if not enabled or not stream.isatty():
        return None
    command = os.environ.get("PAGER", "less -FRX")
    return shlex.split(command) or None


HELP_LINE = ("Type 'help' for the commands, '?' anywhere in a line for what may come next, "
             "Tab to complete; Ctrl-D leaves.")


def welcome_lines(sandbox):
    """What the shell says before its first prompt: how to get help and, on the bundled
    sandbox, what it is and how to start it afresh.  `sandbox`: False, True, or the path of
    its state file."""
    lines = [HELP_LINE]
    if sandbox:
        state = sandbox if isinstance(sandbox, (str, Path)) else \
            config.xdg_dir("DATA") / "sandbox.db"
        lines.append(f"This is the bundled sandbox, not a MidoNet deployment: it began with three "
                     f"made-up hosts (host0-host2) and nothing else, and keeps what you create in "
                     f"{state}; to start afresh, leave and delete that file.")
    return lines


def needs_paging(text, rows):
    return text.count("\n") >= rows - 1


class Shell:
    """One interactive run: builds the prompt once, then reads and runs lines."""

    def __init__(self, session, vi=False, pager=True, sandbox=False):
        self.session = session
        self.sandbox = sandbox
        self.lock = threading.RLock()  # held while a command runs; the refresher merges under it
        self.pager = pager_command(pager)
        self.refresher = Refresher(session, self.lock, on_change=self._lists_changed)
        self.completer = MidoCompleter(session, self.refresher)
        endpoint = "sandbox" if sandbox else getattr(session.client, "url", "")
        self.prompt = PromptSession(
            history=history(),
            completer=ThreadedCompleter(self.completer),
            complete_while_typing=True,
            complete_style=CompleteStyle.COLUMN,
            auto_suggest=AutoSuggestFromHistory(),
            lexer=PygmentsLexer(MidoLexer),
            style=style(),
            include_default_pygments_style=False,
            bottom_toolbar=Toolbar(session, endpoint),
            key_bindings=key_bindings(self.completer),
            vi_mode=vi,
            # Results go to stdout; the prompt stays on the terminal when stdout is a file.
            output=create_output(always_prefer_tty=True),
        )

    def loop(self):
        for line in welcome_lines(self.sandbox):
            print(line, file=sys.stderr)
        while True:
            try:
                line = self.prompt.prompt(lambda: prompt_text(self.session))
            except KeyboardInterrupt:
                continue
            except EOFError:
                return 0
            except Exception as error:  # a bug in completion or drawing must not end the shell
                contained("the prompt")
                print(f"midoshell: internal error in the prompt: {type(error).__name__}: "
                      f"{error}", file=sys.stderr)
                continue
            if self.run(line):
                return 0

    def run(self, text):
        """Run what was entered: one line, or each line of a paste in turn, stopping at the
        first that fails.  Output is paged when it is long and goes to a terminal.  Returns
        whether the user asked to leave."""
        lines, left_out = entered_lines(text)
        if left_out:
            print(f"running the {len(lines)} line{'s' if len(lines) != 1 else ''} with the "
                  f"midonet> prompt; {left_out} without it left out (a transcript's output)",
                  file=sys.stderr)
        for number, line in enumerate(lines, 1):
            where = f"line {number} of {len(lines)}" if len(lines) > 1 else None
            status, leave = self.run_one(line, where)
            if leave:
                return True
            if status != EXIT_OK:
                if number < len(lines):
                    print(f"the rest of the paste (lines {number + 1}-{len(lines)}) did not run",
                          file=sys.stderr)
                return False
        return False

    def run_one(self, line, where=None):
        """(exit status, whether to leave) of one line; status None when interrupted."""
        out = io.StringIO()
        try:
            with self.lock:
                status, leave = Runner(self.session, stdout=out).run_one(line, where)
        except KeyboardInterrupt:  # Ctrl-C during a request: back to the prompt
            print("interrupted", file=sys.stderr)
            return None, False
        self.show(out.getvalue())
        return status, leave

    def show(self, text):
        rows = shutil.get_terminal_size((80, 24)).lines
        if text and self.pager and needs_paging(text, rows):
            try:
                subprocess.run(self.pager, input=text, text=True, check=False)
                return
            except KeyboardInterrupt:
                return
            except OSError:
                pass  # no such pager: print it plainly
        sys.stdout.write(text)
        sys.stdout.flush()

    def _lists_changed(self):
        """From the refresher's thread: redraw the completion menu with the new objects."""
        app = self.prompt.app
        loop = getattr(app, "loop", None)
        if app.is_running and loop is not None:
            loop.call_soon_threadsafe(self._recomplete)

    def _recomplete(self, tries=3):
        """Ask for the menu again.  prompt_toolkit runs one completion at a time and drops a
        request made while one is under way: when the objects arrive while the completion of
        the last keystroke (made without them) still runs, this request is lost and the menu
        stays empty.  So it is asked again, a little later, while no menu shows."""
        buffer = self.prompt.default_buffer
        state = buffer.complete_state
        if not buffer.text or state is not None and state.complete_index is not None:
            return  # nothing typed, or the user is choosing in the menu: leave it alone
        buffer.complete_state = None
        buffer.start_completion(select_first=False)
        if tries > 1:
            self.prompt.app.loop.call_later(0.15, self._recomplete_if_no_menu, tries - 1)

    def _recomplete_if_no_menu(self, tries):
        if self.prompt.app.is_running and self.prompt.default_buffer.complete_state is None:
            self._recomplete(tries)


def run_shell(session, vi=False, pager=True, sandbox=False):
    """The interactive shell on the terminal; returns the exit status."""
    _warm_up_completion()
    return Shell(session, vi=vi, pager=pager, sandbox=sandbox).loop()


def _warm_up_completion():
    """Build what completion needs while the first prompt is drawn, not on the first key."""
    import threading

    from midoshell.interactive.warmup import warm_up

    threading.Thread(target=warm_up, name="midoshell-warm-up", daemon=True).start()
