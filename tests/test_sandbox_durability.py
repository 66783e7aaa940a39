"""The sandbox's state file: concurrent writers, kill -9, and files that are not its own.

Nothing acknowledged is lost; a file that is not the sandbox's is refused with a clear error
instead of being reset or overwritten.
"""

import collections
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import requests

from conftest import ROOT, run_in_process, serve_sandbox
from midoshell.sandbox import start
from midoshell.sandbox.store import APPLICATION_ID, SCHEMA_VERSION, StateFileError, Store

BRIDGE = "application/vnd.org.midonet.Bridge-v4+json"
CLIENTS, CREATES = 8, 500


def create_bridges(url, prefix, count, acked, statuses, stop=None):
    """POST `count` bridges named prefix-N; record each 201's id in `acked`, every status
    in `statuses`.  Stops at the first connection error (the server is gone)."""
    http = requests.Session()
    for n in range(count):
        if stop is not None and stop.is_set():
            return
        try:
            made = http.post(f"{url}/bridges", data=json.dumps({"name": f"{prefix}-{n}"}),
                             headers={"Content-Type": BRIDGE}, timeout=30)
        except requests.ConnectionError:
            statuses["connection error"] += 1
            return
        statuses[made.status_code] += 1
        if made.status_code == 201:
            acked.append(made.headers["Location"].rsplit("/", 1)[-1])


def bridge_ids(url):
    listed = requests.get(f"{url}/bridges", timeout=60)
    assert listed.status_code == 200
    return {b["id"] for b in listed.json()}


# -- concurrency ----------------------------------------------------------------------------
@pytest.mark.slow
def test_eight_concurrent_clients_lose_nothing(tmp_path):
    state = tmp_path / "busy.db"
    acked, statuses = [], collections.Counter()
    with start(port=0, state=str(state), hosts=0) as server:
        started = time.monotonic()
        clients = [threading.Thread(target=create_bridges,
                                    args=(server.url, f"c{i}", CREATES, acked, statuses))
                   for i in range(CLIENTS)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        took = time.monotonic() - started
        found = bridge_ids(server.url)
        names = {b["name"] for b in requests.get(f"{server.url}/bridges", timeout=60).json()}
    print(f"\n{CLIENTS} clients x {CREATES} creates in {took:.1f} s: written {len(acked)}, "
          f"found {len(found)}, statuses {dict(statuses)}")
    assert statuses == {201: CLIENTS * CREATES}  # no 5xx, no connection errors
    assert len(acked) == len(set(acked)) == CLIENTS * CREATES
    assert found == set(acked)
    assert names == {f"c{i}-{n}" for i in range(CLIENTS) for n in range(CREATES)}
    # and they are in the file, not just in a cache: a fresh connection sees them all
    with sqlite3.connect(state) as db:
        stored = db.execute("SELECT COUNT(*) FROM objects WHERE kind = 'bridge'").fetchone()[0]
    print(f"rows in the state file: {stored}")
    assert stored == CLIENTS * CREATES


def test_two_sandboxes_writing_one_file_wait_for_each_other(tmp_path):
    """Two midoshells without an API URL each start a bundled sandbox on the same file:
    SQLite's lock is held by one connection at a time, the other waits (busy timeout)."""
    state = str(tmp_path / "shared.db")
    acked, statuses = [], collections.Counter()
    with start(port=0, state=state, hosts=2) as one, start(port=0, state=state, hosts=2) as two:
        clients = [threading.Thread(target=create_bridges,
                                    args=(server.url, f"{server.port}-{i}", 200, acked, statuses))
                   for server in (one, two) for i in range(2)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        assert bridge_ids(one.url) == bridge_ids(two.url) == set(acked)
        assert len(requests.get(one.url + "/hosts", timeout=10).json()) == 2  # seeded once
    print(f"\ntwo sandboxes, one file: written {len(acked)}, statuses {dict(statuses)}")
    assert statuses == {201: 800}


def test_the_state_file_is_wal_with_full_sync(tmp_path):
    state = tmp_path / "s.db"
    store = Store(str(state))
    try:  # synchronous is a setting of the connection, so ask the store's own
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        store.close()
    with start(port=0, state=str(state), hosts=1):
        with sqlite3.connect(state) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


# -- kill -9 --------------------------------------------------------------------------------
@pytest.mark.slow
def test_kill_9_during_writes_loses_no_acknowledged_object(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    state = tmp_path / "killed.db"
    acked = []  # every id ever answered 201, over all rounds
    for round_ in range(3):
        proc, url = serve_sandbox(state, env, hosts=0)
        try:
            before = len(acked)
            statuses, stop = collections.Counter(), threading.Event()
            clients = [threading.Thread(target=create_bridges,
                                        args=(url, f"r{round_}c{i}", 100_000, acked, statuses,
                                              stop))
                       for i in range(4)]
            for client in clients:
                client.start()
            deadline = time.monotonic() + 20
            while len(acked) - before < 300 and time.monotonic() < deadline:
                time.sleep(0.01)
            proc.send_signal(signal.SIGKILL)  # mid-write: four clients are still posting
            proc.wait(10)
        finally:
            stop.set()
            proc.kill()
            for client in clients:
                client.join(30)
        assert statuses["connection error"] >= 1  # the kill did land while they wrote
        assert all(status == 201 for status in statuses if status != "connection error"), \
            statuses

        proc, url = serve_sandbox(state, env, hosts=0)  # the same file, after the crash
        try:
            found = bridge_ids(url)
        finally:
            proc.terminate()
            proc.wait(10)
        lost = set(acked) - found
        print(f"\nround {round_ + 1}: acknowledged {len(acked) - before} this round, "
              f"{len(acked)} in all; found {len(found)} after restart "
              f"({len(found) - len(acked)} committed but never acknowledged); lost {len(lost)}")
        assert not lost
        # a create the client never heard about may have committed, at most one per client
        assert len(found) - len(acked) <= len(clients)


# -- files that are not the sandbox's ---------------------------------------------------------
def sandbox_file(path, count=300):
    """A genuine state file holding `count` bridges, closed cleanly (WAL checkpointed)."""
    with start(port=0, state=str(path), hosts=0) as server:
        http = requests.Session()
        for n in range(count):
            http.post(f"{server.url}/bridges", data=json.dumps({"name": "b" * 100 + str(n)}),
                      headers={"Content-Type": BRIDGE}, timeout=10)
    return path.read_bytes()


def foreign(path, script, app_id=0, version=0):
    with sqlite3.connect(path) as db:
        db.executescript(script)
        db.execute(f"PRAGMA application_id = {app_id}")
        db.execute(f"PRAGMA user_version = {version}")
    db.close()


SANDBOX_SCHEMA = ("CREATE TABLE objects (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT "
                  "NULL, id TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (kind, id));"
                  "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);")


@pytest.fixture(scope="module")
def good_state(tmp_path_factory):
    """The bytes of a genuine state file with 300 bridges (made once: it takes a second)."""
    return sandbox_file(tmp_path_factory.mktemp("good") / "good.db")


def make_bad_file(kind, path, good_state):
    if kind == "text":
        path.write_text("routers: [r1, r2]\n")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "foreign-sqlite":
        foreign(path, "CREATE TABLE users (name TEXT, email TEXT);"
                      "INSERT INTO users VALUES ('ann', 'ann@example.test');")
    elif kind == "other-schema":
        foreign(path, "CREATE TABLE objects (kind TEXT, payload BLOB);")
    elif kind == "extra-table":
        foreign(path, SANDBOX_SCHEMA + "CREATE TABLE notes (text TEXT);")
    elif kind == "other-application":
        foreign(path, SANDBOX_SCHEMA, app_id=0x0F0F0F0F)
    elif kind == "newer-schema":
        foreign(path, SANDBOX_SCHEMA, app_id=APPLICATION_ID, version=SCHEMA_VERSION + 1)
    elif kind in ("damaged", "truncated", "bad-header"):
        good = good_state
        middle = len(good) // 2
        path.write_bytes({
            "damaged": good[:middle] + b"\0" * 8192 + good[middle + 8192:],
            "truncated": good[:middle],
            "bad-header": b"SQLite format 3\0" + b"\xff" * 84 + good[100:],
        }[kind])


BAD_FILES = {  # kind -> what the message says
    "text": "is not a SQLite database",
    "binary": "is not a SQLite database",
    "bad-header": "is not a SQLite database",
    "foreign-sqlite": "is a SQLite database but not a midoshell-sandbox state file (tables: users)",
    "other-schema": "is a SQLite database but not a midoshell-sandbox state file (tables: objects)",
    "extra-table": "not a midoshell-sandbox state file (tables: counters, notes, objects)",
    "other-application": "belongs to another program (SQLite application_id 0xf0f0f0f)",
    "newer-schema": f"was written by a newer sandbox (schema version {SCHEMA_VERSION + 1}",
    "damaged": "is damaged",
    "truncated": "is damaged",
}


def fingerprint(directory):
    """Name, size and hash of every file in `directory`: anything written shows."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in directory.iterdir()}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_the_command_refuses_a_bad_state_file_and_leaves_it_alone(tmp_path, kind, good_state):
    place = tmp_path / "files"
    place.mkdir()
    path = place / "state.db"
    make_bad_file(kind, path, good_state)
    before = fingerprint(place)
    proc = subprocess.run([sys.executable, "-m", "midoshell.sandbox", "--port", "0",
                           "--state", str(path)], capture_output=True, text=True, timeout=30,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"midoshell-sandbox: cannot start: state file {path} ")
    assert BAD_FILES[kind] in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr
    assert fingerprint(place) == before  # not reset, not converted, no WAL beside it


@pytest.mark.parametrize("kind", ["text", "foreign-sqlite", "damaged"])
def test_start_raises_for_a_bad_state_file(tmp_path, kind, good_state):
    path = tmp_path / "state.db"
    make_bad_file(kind, path, good_state)
    before = path.read_bytes()
    with pytest.raises(StateFileError, match=BAD_FILES[kind].split(" (")[0]):
        start(port=0, state=str(path))
    assert path.read_bytes() == before


def test_empty_and_new_files_become_state_files(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    sqlite3.connect(tmp_path / "blank.db").close()  # a SQLite database with no tables
    for path in (empty, tmp_path / "blank.db", tmp_path / "new.db"):
        with start(port=0, state=str(path), hosts=2) as server:
            assert len(requests.get(server.url + "/hosts", timeout=10).json()) == 2


def test_a_state_file_from_before_the_stamp_is_still_accepted(tmp_path):
    """Files written before application_id was set have the tables and nothing else."""
    path = tmp_path / "old.db"
    sandbox_file(path, count=3)
    foreign(path, "", app_id=0, version=0)  # take the stamp off again
    with start(port=0, state=str(path), hosts=0) as server:
        assert len(bridge_ids(server.url)) == 3
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def test_midoshell_reports_a_bad_bundled_sandbox_state_file(isolated_home, tmp_path):
    data = tmp_path / "data" / "midoshell"  # conftest points XDG_DATA_HOME at tmp_path/data
    data.mkdir(parents=True, exist_ok=True)
    state = data / "sandbox.db"
    state.write_text("not a database\n")
    done = run_in_process(["-c", "list router"], dict(os.environ, PYTHONPATH=ROOT))
    assert "Traceback" not in done.stderr
    assert done.returncode in (1, 3)
    assert f"state file {state} is not a SQLite database" in done.stderr
    assert state.read_text() == "not a database\n"
