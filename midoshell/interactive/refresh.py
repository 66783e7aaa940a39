"""Background listing of collections for the completer: a TTL, a timeout, never in a keystroke.

The completer reads only what the session already holds and asks `track` to keep a scope
fresh.  A daemon thread does the HTTP through its own client (its own connection pool and a
short timeout, so a slow API never holds up the prompt), then hands the listing to the
session under the shell's lock, exactly as a listing by a command would name it.  A listing
that started before a changing command finished is dropped: it may show what was deleted.
"""

import contextlib
import copy
import logging
import queue
import threading
import time

from midoshell.errors import MidoError, ValueSyntaxError
from midoshell.interactive.guard import contained
from midoshell.model.value_kinds import is_uuid

TTL = 30.0             # seconds a listing is trusted for completion
TIMEOUT = (2.0, 5.0)   # connect and read timeouts of the background client
RETRY_AFTER = 5.0      # seconds before a failed listing is tried again
THREAD_NAME = "midoshell-refresh"


class Unknown(Exception):
    """A scope that names nothing (also the completer's mark for a scope not resolved)."""


class _Changed(Exception):
    """A command changed things while a listing was fetched: drop it, ask again later."""


def background_client(client):
    """A copy of the session's client with its own HTTP session (made as the client's:
    retries, deadline, proxies, TLS) and a short timeout."""
    clone = copy.copy(client)
    http = getattr(client, "http", None)
    if http is not None:
        from midoshell.transport import copy_session

        clone.http = copy_session(http, client.watchdog)
        clone.timeout = TIMEOUT
    return clone


def _quiet_background(record):
    """`debug on` logs HTTP to the terminal; background requests would tear the prompt."""
    return record.threadName != THREAD_NAME


class Refresher:
    """Keeps the collections the completer looks at listed in the session."""

    def __init__(self, session, lock, client=None, ttl=TTL, on_change=None):
        from midoshell.session import Session

        self.session, self.lock, self.ttl = session, lock, ttl
        self.on_change = on_change or (lambda: None)
        self.shadow = Session(client or background_client(session.client), show_aliases=False)
        self.version = 0  # bumped by every listing taken in: the completer's memo key
        self._jobs = queue.Queue()
        self._pending = {}   # scope key -> Event set when its listing is done
        self._stamps = {}    # (parent uuid, collection name) -> (monotonic time, changes)
        self._failed = {}    # scope key -> monotonic time of the last failure
        self._guard = threading.Lock()
        self._thread = None
        http_log = logging.getLogger("midoshell.http")
        if _quiet_background not in http_log.filters:
            http_log.addFilter(_quiet_background)

    # -- the completer's side (never blocks) ------------------------------------------------
    def track(self, scope, link, parent_id):
        """Ask for a listing of `link` under `scope` if it is missing or stale.

        parent_id is the parent's UUID as the completer found it (None: the root), or
        Unknown when the scope is not resolved yet.  Returns an Event to wait on when
        nothing is listed yet, else None.
        """
        listed = parent_id is not Unknown and self.session.aliases.is_listed(parent_id, link.name)
        if listed and not self._stale(parent_id, link.name):
            return None
        key = (tuple(step.key for step in scope), link.name)
        with self._guard:
            event = self._pending.get(key)
            failed = self._failed.get(key)
            if event is None and (failed is None or time.monotonic() - failed >= RETRY_AFTER):
                event = self._pending[key] = threading.Event()
                self._jobs.put((key, scope, link))
                self._start()
        return None if listed else event

    def _stale(self, parent_id, name):
        """A listing the completer has not seen before counts as fresh from now."""
        now, changes = time.monotonic(), self.session.changes
        stamp = self._stamps.setdefault((parent_id, name), (now, changes))
        return stamp[1] != changes or now - stamp[0] > self.ttl

    def _start(self):
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name=THREAD_NAME, daemon=True)
            self._thread.start()

    # -- the background thread ------------------------------------------------------------
    def _work(self):
        while True:
            key, scope, link = self._jobs.get()
            try:
                self.refresh(scope, link)
            except _Changed:
                pass
            except MidoError:  # unreachable API, a bad alias: completion just stays
                self._failed[key] = time.monotonic()
            except Exception:  # a bug: the same, but tests see it
                self._failed[key] = time.monotonic()
                contained("listing for completion")
            finally:
                with self._guard:
                    self._pending.pop(key).set()

    def refresh(self, scope, link):
        """List `link` under the object `scope` names and hand the listing to the session."""
        changes = self.session.changes
        self.shadow.tenant = self.session.tenant
        parent = self._parent(scope, changes)
        self._list(parent, link, changes)

    def _list(self, parent, link, changes):
        objs = self.shadow.resolver.list(parent, link)
        with self._taking(changes):
            self.session.adopt(parent, link, objs)
            parent_id = parent.id if parent is not None else None
            self._stamps[(parent_id, link.name)] = (time.monotonic(), changes)
        self.version += 1
        self.on_change()
        return objs

    @contextlib.contextmanager
    def _taking(self, changes):
        """Hold the shell's lock to change the session, unless a command changed things."""
        with self.lock:
            if self.session.changes != changes:
                raise _Changed()
            yield

    def _parent(self, scope, changes):
        """The Obj a scope names, resolved with the session's aliases (lists what it must)."""
        parent = None
        for step in scope:
            uuid = self._uuid(parent, step, changes)
            obj = self.session.cache.get(uuid)
            if obj is None:
                obj = self.shadow.resolver.by_id(parent, step.link, uuid)
                with self._taking(changes):
                    self.session.resolver.remember(obj)
            parent = obj
        return parent

    def _uuid(self, parent, step, changes):
        """The step's object, listing its collection for filters or an alias not seen yet."""
        if step.singleton:
            raise Unknown("a single object has no collections to complete")
        parent_id = parent.id if parent is not None else None
        aliases = self.session.aliases

        def listed():
            return self._list(parent, step.link, changes)

        uuid = step_id(step, parent_id, aliases, listed)
        if uuid is None and step.ref is not None:
            listed()
            uuid = step_id(step, parent_id, aliases, listed)
        if uuid is None:
            raise Unknown(f"nothing answers to {step.key}")
        return uuid


def step_id(step, parent_id, aliases, members):
    """The UUID one step of a completion scope (a StepRef) names under `parent_id`, from the
    session's names, or None: a UUID as typed, an alias in the parent's namespace, or the one
    object of `members()` (the collection as known) with the step's field values."""
    if step.singleton or step.ref is None and not step.filters:
        return None
    if step.ref is not None:
        if is_uuid(step.ref):
            return step.ref.lower()
        namespace = aliases.namespaces.get(parent_id)
        return namespace.lookup(step.ref) if namespace else None
    found = [o.id for o in members() if all(matches(o, a, t) for a, t in step.filters)]
    return found[0] if len(found) == 1 else None


def matches(obj, attr, text):
    """Whether an object's field has the typed value (references are not compared)."""
    own = obj.type.attr(attr.name)
    if own is None or own.kind.is_reference:
        return False
    try:
        return own.read(obj.doc) == own.kind.parse(text)
    except ValueSyntaxError:
        return False
