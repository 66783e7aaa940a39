"""SQLite document store for the sandbox: one table of JSON objects keyed by (kind, id)."""

import contextlib
import json
import sqlite3
import threading

APPLICATION_ID = 0x4D69646F  # "Mido": marks a file as a sandbox state file
SCHEMA_VERSION = 1
# Seconds a request waits for the state file (another sandbox on it, or a request of this
# one before it) before it is answered 503: writes take milliseconds, so waiting is rare.
BUSY_TIMEOUT = 5.0
_TABLES = {"objects": ["seq", "kind", "id", "doc"], "counters": ["name", "value"]}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, used for list order
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    doc  TEXT NOT NULL,
    UNIQUE (kind, id)
);
CREATE INDEX IF NOT EXISTS objects_in_order ON objects (kind, seq);
CREATE TABLE IF NOT EXISTS counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""
_STAMP = f"PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"


class StateFileError(Exception):
    """A state file the sandbox will not use: not SQLite, damaged, or another program's."""


class Busy(Exception):
    """The store stayed in use by other requests for BUSY_TIMEOUT seconds."""


class Store:
    """Objects are plain dicts stored as JSON; every request runs in one `transaction()`.

    A single connection guarded by a lock keeps `:memory:` databases usable from the
    server's worker threads and gives each request a serialised, all-or-nothing view.
    A state file must be empty, new, or one the sandbox wrote: anything else raises
    StateFileError before a byte of it is changed.
    """

    def __init__(self, path=None):
        self._lock = threading.RLock()
        self._writes = 0  # changes made through this Store (see generation())
        self._conn = _open(path) if path else _connect(":memory:")
        try:
            self._conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + _STAMP + "COMMIT;")
        except sqlite3.Error as exc:
            self._conn.close()
            raise StateFileError(f"cannot set up state file {path}: {exc}") from None
        except BaseException:
            self._conn.close()
            raise

    @contextlib.contextmanager
    def transaction(self):
        """Hold the store lock and run one SQLite transaction; roll back on any exception.

        The commit happens before the caller's answer is sent, so anything a client was
        told about (a 201, a 204) is already in the file when it hears of it.
        """
        if not self._lock.acquire(timeout=BUSY_TIMEOUT):
            raise Busy(f"the state is in use by other requests for over {BUSY_TIMEOUT:g} s")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self._conn.execute("COMMIT")
            except BaseException:
                # A failed COMMIT leaves the transaction open; close it or every later
                # request on this one connection would fail to BEGIN.
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        finally:
            self._lock.release()

    def generation(self):
        """A value that changes whenever the stored objects may have changed: writes made
        here, and commits by any other connection to the same file (SQLite's data_version).
        Rolled-back writes count too: it may change without a change, never the reverse."""
        return self._writes, self._conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self):
        with self._lock:
            self._conn.close()

    def get(self, kind, obj_id):
        if obj_id is None:
            return None
        row = self._conn.execute("SELECT doc FROM objects WHERE kind = ? AND id = ?",
                                 (kind, str(obj_id))).fetchone()
        return json.loads(row[0]) if row else None

    def exists(self, kind, obj_id):
        return self.get(kind, obj_id) is not None

    def all(self, kind, **match):
        """Objects of `kind` in creation order whose top-level fields equal `match`."""
        return [json.loads(doc) for _, doc in self.rows(kind, **match)]

    def rows(self, kind, **match):
        """(id, stored JSON text) of the objects all() would give, undecoded."""
        sql = "SELECT id, doc FROM objects WHERE kind = ?"
        args = [kind]
        for field, value in match.items():
            sql += f" AND json_extract(doc, '$.{field}') IS ?"
            args.append(value)
        return self._conn.execute(sql + " ORDER BY seq", args).fetchall()

    def holding(self, kind, field, value):
        """(id, stored JSON text) of the objects of `kind` whose `field` is `value` or a list
        that holds it, in creation order."""
        return self._conn.execute(
            "SELECT id, doc FROM objects WHERE kind = ? AND EXISTS "
            "(SELECT 1 FROM json_each(doc, ?) WHERE json_each.value = ?) ORDER BY seq",
            (kind, f"$.{field}", value)).fetchall()

    def insert(self, kind, obj_id, doc):
        """Add a new object; returns False (and stores nothing) if the id is taken."""
        self._writes += 1
        try:
            self._conn.execute("INSERT INTO objects (kind, id, doc) VALUES (?, ?, ?)",
                               (kind, str(obj_id), json.dumps(doc)))
        except sqlite3.IntegrityError:
            return False
        return True

    def replace(self, kind, obj_id, doc):
        """Overwrite an existing object in place, keeping its position in list order."""
        self._writes += 1
        self._conn.execute("UPDATE objects SET doc = ? WHERE kind = ? AND id = ?",
                           (json.dumps(doc), kind, str(obj_id)))

    def delete(self, kind, obj_id):
        """Remove an object; returns whether it existed."""
        self._writes += 1
        cur = self._conn.execute("DELETE FROM objects WHERE kind = ? AND id = ?",
                                 (kind, str(obj_id)))
        return cur.rowcount > 0

    def next_value(self, name):
        """Next value (1, 2, …) of a persistent counter, e.g. port tunnel keys."""
        self._writes += 1
        self._conn.execute("INSERT INTO counters (name, value) VALUES (?, 1) "
                           "ON CONFLICT (name) DO UPDATE SET value = value + 1", (name,))
        return self._conn.execute("SELECT value FROM counters WHERE name = ?",
                                  (name,)).fetchone()[0]


def _connect(path):
    return sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                           timeout=BUSY_TIMEOUT)


def _open(path):
    """A connection to state file `path`, checked, in WAL mode with durable commits."""
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise StateFileError(f"cannot open state file {path}: {exc}") from None
    try:
        _check(conn, path)
        # WAL lets an external `sqlite3` reader look at the file while we serve.  FULL
        # syncs the log at every commit: an acknowledged write survives a kill -9 (NORMAL
        # would too) and a power cut (NORMAL would not); some builds default to NORMAL.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise StateFileError(f"state file {path} cannot be used: {exc}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn, path):
    """Raise StateFileError unless `path` is new, empty, or a sandbox state file.

    Runs before anything is written, so a mistyped --state never turns someone's database
    into a sandbox, and a damaged file is reported instead of silently started afresh.
    """
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StateFileError(f"state file {path} is not a SQLite database") from None
        raise StateFileError(f"state file {path} is damaged or unreadable: {exc}") from None
    try:
        tables = _tables(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        raise StateFileError(f"state file {path} is damaged: {exc}") from None
    if problems != ["ok"]:
        # One row may hold several newline-separated findings; the message stays one line.
        found = "; ".join(" ".join(problems).split("\n"))
        raise StateFileError(f"state file {path} is damaged: {found[:300]}")
    if app_id not in (0, APPLICATION_ID):
        raise StateFileError(f"state file {path} belongs to another program "
                             f"(SQLite application_id {app_id:#x})")
    if not tables:
        return  # a new or empty database: the schema goes in next
    if tables != _TABLES:
        raise StateFileError(f"state file {path} is a SQLite database but not a "
                             f"midoshell-sandbox state file (tables: {', '.join(sorted(tables))})")
    if version > SCHEMA_VERSION:
        raise StateFileError(f"state file {path} was written by a newer sandbox "
                             f"(schema version {version}, this one knows {SCHEMA_VERSION})")


def _tables(conn):
    """{table: [column, ...]} of the user tables in a database."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: [col[1] for col in conn.execute(
        'PRAGMA table_info("{}")'.format(name.replace('"', '""')))] for name in names}
