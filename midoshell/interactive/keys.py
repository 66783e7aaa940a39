"""Key bindings: `?` lists what may come next (the line stays), Tab completes as pgcli does."""

from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.filters import emacs_insert_mode, vi_insert_mode
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys

from midoshell.interactive.paste import paste_handler
from midoshell.interactive.suggest import PIECES, References, Values
from midoshell.interactive.toolbar import syntax_problem
from midoshell.interactive.guard import contained

HEADINGS = {"keyword": "commands", "collection": "collections", "field": "fields",
            "value": "values", "object": "objects"}
SHOWN = 24  # entries per group; more would scroll the line being typed out of sight


def in_open_quote(text):
    """Whether the cursor is inside a quoted value (where `?` is just a character)."""
    pieces = [m.group() for m in PIECES.finditer(text)]
    last = pieces[-1] if pieces else ""
    return last[:1] in ("'", '"') and (len(last) == 1 or last[-1] != last[0])


def help_lines(completer, text):
    """What may come at the end of `text`, grouped, one line each, with descriptions."""
    suggestion, ranked, _ = completer.candidates(text)
    lines = []
    for want in suggestion.wants:
        if isinstance(want, (Values, References)):
            lines.append(f"  {want.attr.name}: {want.attr.kind.expected}"
                         + (f" ({want.attr.help})" if want.attr.help else ""))
    groups = {}
    for cand, _ in ranked:
        groups.setdefault(cand.kind, []).append(cand)
    for kind, cands in groups.items():
        lines.append(f"  {HEADINGS.get(kind, kind)}:")
        width = min(max(len(c.shown) for c in cands[:SHOWN]), 28)
        lines += [f"    {c.shown:<{width}}  {c.meta}".rstrip() for c in cands[:SHOWN]]
        if len(cands) > SHOWN:
            lines.append(f"    … and {len(cands) - SHOWN} more (type to narrow, Tab to complete)")
    if not lines:
        problem = syntax_problem(text + " ")
        lines.append(f"  {problem}" if problem else "  nothing more: press Enter to run the line")
    return lines


def key_bindings(completer):
    bindings = KeyBindings()
    typing = emacs_insert_mode | vi_insert_mode

    @bindings.add("?", filter=typing)
    def _(event):
        buffer = event.current_buffer
        text = buffer.document.text_before_cursor
        if in_open_quote(text):
            buffer.insert_text("?")
            return
        try:
            lines = help_lines(completer, text)
        except Exception as error:  # say so, and keep the line
            contained("? help")
            lines = [f"  no help here: internal error: {type(error).__name__}: {error}"]
        # To the terminal the prompt is on, which is not stdout when results go to a file.
        output = event.app.output
        run_in_terminal(lambda: print_formatted_text("\n".join(lines), output=output))

    @bindings.add("tab", filter=typing)
    def _(event):
        """Tab: the next completion if the menu is open, else open it on the first one."""
        buffer = event.current_buffer
        if buffer.complete_state:
            buffer.complete_next()
        else:
            buffer.start_completion(select_first=True)

    bindings.add(Keys.BracketedPaste)(paste_handler)
    return bindings
