"""The prompt and the bottom toolbar: where, as whom, and what is wrong with the line so far.

A syntax error is marked while typing; Enter still runs the line and reports it in full.
"""

from midoshell.errors import MidoError
from midoshell.interactive.suggest import partial_start
from midoshell.output.safe import visible
from midoshell.parsing import parse
from midoshell.interactive.guard import contained

LONGEST = 100  # characters of an error message the one-line toolbar shows


def prompt_text(session):
    """`midonet> `, or `midonet(TENANT)> ` once a tenant is set."""
    return f"midonet({session.tenant})> " if session.tenant else "midonet> "


def syntax_problem(text):
    """The syntax error of the words typed in full, or None.

    The word under the cursor and what is still missing at the end are not errors yet:
    `router rou` is on its way to `router router0`.
    """
    if not text.strip():
        return None
    try:
        parse(text)
    except MidoError as error:
        column = getattr(error, "column", None)
        if column is None or column - 1 >= partial_start(text):
            return None
        return error.message
    except Exception:  # the toolbar must never take the prompt down with it
        contained("the toolbar")
        return None
    return None


class Toolbar:
    """Callable for PromptSession(bottom_toolbar=…); parses each new text once."""

    def __init__(self, session, endpoint):
        self.session = session
        self.endpoint = endpoint
        self._last = (None, None)

    def problem(self, text):
        if self._last[0] != text:
            self._last = (text, syntax_problem(text))
        return self._last[1]

    def __call__(self):
        from prompt_toolkit.application import get_app

        text = get_app().current_buffer.text
        user = getattr(self.session.client, "username", None) or "-"
        tenant = self.session.tenant or "-"
        parts = [("class:bottom-toolbar",
                  visible(f" {self.endpoint}  user: {user}  tenant: {tenant} "))]
        problem = visible(self.problem(text) or "")
        if problem:
            short = problem if len(problem) <= LONGEST else problem[:LONGEST - 1] + "…"
            parts.append(("class:bottom-toolbar.error", f" syntax error: {short} "))
        return parts
