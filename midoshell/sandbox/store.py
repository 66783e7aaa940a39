"""SQLite document store for the sandbox: one table of JSON objects keyed by (kind, id)."""

import contextlib
import json
import sqlite3
import threading

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, used for list order
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    doc  TEXT NOT NULL,
    UNIQUE (kind, id)
);
CREATE TABLE IF NOT EXISTS counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""


class Store:
    """Objects are plain dicts stored as JSON; every request runs in one `transaction()`.

    A single connection guarded by a lock keeps `:memory:` databases usable from the
    server's worker threads and gives each request a serialised, all-or-nothing view.
    """

    def __init__(self, path=None):
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path or ":memory:", check_same_thread=False,
                                     isolation_level=None)
        if path:
            # WAL lets an external `sqlite3` reader look at the file while we serve.
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)

    @contextlib.contextmanager
    def transaction(self):
        """Hold the store lock and run one SQLite transaction; roll back on any exception."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

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
        sql = "SELECT doc FROM objects WHERE kind = ?"
        args = [kind]
        for field, value in match.items():
            sql += f" AND json_extract(doc, '$.{field}') IS ?"
            args.append(value)
        rows = self._conn.execute(sql + " ORDER BY seq", args).fetchall()
        return [json.loads(doc) for (doc,) in rows]

    def insert(self, kind, obj_id, doc):
        """Add a new object; returns False (and stores nothing) if the id is taken."""
        try:
            self._conn.execute("INSERT INTO objects (kind, id, doc) VALUES (?, ?, ?)",
                               (kind, str(obj_id), json.dumps(doc)))
        except sqlite3.IntegrityError:
            return False
        return True

    def replace(self, kind, obj_id, doc):
        """Overwrite an existing object in place, keeping its position in list order."""
        self._conn.execute("UPDATE objects SET doc = ? WHERE kind = ? AND id = ?",
                           (json.dumps(doc), kind, str(obj_id)))

    def delete(self, kind, obj_id):
        """Remove an object; returns whether it existed."""
        cur = self._conn.execute("DELETE FROM objects WHERE kind = ? AND id = ?",
                                 (kind, str(obj_id)))
        return cur.rowcount > 0

    def next_value(self, name):
        """Next value (1, 2, …) of a persistent counter, e.g. port tunnel keys."""
        self._conn.execute("INSERT INTO counters (name, value) VALUES (?, 1) "
                           "ON CONFLICT (name) DO UPDATE SET value = value + 1", (name,))
        return self._conn.execute("SELECT value FROM counters WHERE name = ?",
                                  (name,)).fetchone()[0]
