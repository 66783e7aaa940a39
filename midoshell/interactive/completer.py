"""The prompt_toolkit completer: suggest (grammar, model) -> sources (session) -> ranked."""

import time

from prompt_toolkit.completion import Completer, Completion

from midoshell.interactive.guard import contained
from midoshell.interactive.matching import rank
from midoshell.interactive.sources import Sources
from midoshell.interactive.suggest import suggest

# A menu longer than this is scrolled by no one; the rest is counted, typing narrows it.
MENU_LIMIT = 1000


class MidoCompleter(Completer):
    """Completes the command language; never makes an HTTP request itself.

    wait: on an explicit Tab, how long to wait for a collection never listed before (the
    completer runs in a thread, so typing goes on meanwhile).
    """

    def __init__(self, session, refresher=None, wait=0.5):
        self.sources = Sources(session, refresher)
        self.wait = wait

    def candidates(self, text, wait=0.0, limit=None):
        """(Suggestion, ranked (Candidate, text to insert), how many match in all) for the
        text before the cursor."""
        suggestion = suggest(text)
        found, waits = self.sources.collect(suggestion)
        if waits and wait > 0:
            deadline = time.monotonic() + wait
            for event in waits:
                event.wait(max(0.0, deadline - time.monotonic()))
            found, _ = self.sources.collect(suggestion)
        ranked, total = rank(found, suggestion.partial, limit)
        return suggestion, ranked, total

    def get_completions(self, document, complete_event):
        wait = self.wait if complete_event.completion_requested else 0.0
        try:
            suggestion, ranked, total = self.candidates(document.text_before_cursor, wait,
                                                        MENU_LIMIT)
        except Exception:  # a bug here must cost a menu, not the line being typed
            contained("completion")
            return
        start = -len(suggestion.partial)
        for cand, text in ranked:
            yield Completion(text, start, display=cand.shown, display_meta=cand.meta)
        if total > len(ranked):
            yield Completion(suggestion.partial, start, display=f"… {total - len(ranked):,} more",
                             display_meta="type more of the word to narrow the list")
