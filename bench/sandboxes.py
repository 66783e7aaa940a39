"""Sandboxes for the benchmarks: each one its own process on loopback, with repeatable ids.

The script benchmark compares runs against separate, fresh sandboxes, so object ids must come
out the same each time: `python bench/sandboxes.py SEED [midoshell-sandbox options]` serves
the sandbox with uuid4 and the port MAC generator seeded.  Given the same requests in the same
order, two such sandboxes end with the same state, and the URLs one run recorded name the same
objects in the next.  Nothing in midoshell changes: the seeding is done in this process only.
"""

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
READY = "midoshell-sandbox: serving "
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None  # state files off the disk


def child_env(home, **extra):
    """An environment for child processes: this tree first on the path, a private HOME and
    XDG directories, and no MIDO_*/MIDOSHELL_* settings from the caller's shell."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MIDO_", "MIDOSHELL_", "XDG_"))}
    env["HOME"] = home
    for kind in ("CONFIG", "DATA", "STATE", "CACHE"):
        path = os.path.join(home, "xdg-" + kind.lower())
        os.makedirs(path, exist_ok=True)
        env[f"XDG_{kind}_HOME"] = path
    env["PYTHONPATH"] = os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


class SandboxProcess:
    """A sandbox served by a child process; `url`, `pid`, `cpu_seconds()`, `state()`."""

    def __init__(self, env, hosts=3, seed=None, state_dir=None, timeout=30.0):
        self.state_file = None
        args = ["--port", "0", "--hosts", str(hosts)]
        if state_dir is not None:
            self.state_file = os.path.join(state_dir, f"sandbox-{uuid.uuid4().hex[:12]}.db")
            args += ["--state", self.state_file]
        if seed is None:
            command = [sys.executable, "-m", "midoshell.sandbox", *args]
        else:
            command = [sys.executable, os.path.join(HERE, "sandboxes.py"), str(seed), *args]
        # stderr goes to a file: a pipe nobody reads could fill up and stall the server
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                        stderr=self.log, text=True)
        self.pid = self.process.pid
        self.url = self._wait_ready(timeout)

    def _wait_ready(self, timeout):
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()),
                         daemon=True).start()
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            line = ""
        if not line.startswith(READY):
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.log.seek(0)
            error = self.log.read()[-500:]
            self.process.stdout.close()
            self.log.close()
            raise RuntimeError(f"the sandbox did not start: {line.strip()} {error.strip()}")
        return line[len(READY):].strip()

    def cpu_seconds(self):
        """User + system CPU time the sandbox process has used so far (Linux /proc)."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def state(self):
        """Every stored object and counter, with this sandbox's URL taken out of documents,
        for comparing two sandboxes (needs a state file)."""
        with sqlite3.connect(f"file:{self.state_file}?mode=ro", uri=True) as db:
            objects = db.execute("SELECT seq, kind, id, doc FROM objects ORDER BY seq").fetchall()
            counters = db.execute("SELECT name, value FROM counters ORDER BY name").fetchall()
        base = self.url.split("/midonet-api")[0]
        return ([(s, k, i, d.replace(base, "{BASE}")) for s, k, i, d in objects], counters)

    def stop(self):
        """Ask the sandbox to stop (SIGTERM) and reap it; its state file is removed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.log.close()
        if self.state_file:
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(self.state_file + suffix)
                except OSError:
                    pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def root_links(url, session=None):
    import requests

    http = session or requests.Session()
    return http.get(url + "/", headers={"Accept": "application/vnd.org.midonet."
                                                  "Application-v5+json"}, timeout=30).json()


def host_ids(url):
    """The ids of the sandbox's seeded hosts, in the server's order."""
    import requests

    return [h["id"] for h in requests.get(root_links(url)["hosts"], timeout=30).json()]


def _serve_seeded(argv):
    """Serve the sandbox with repeatable ids and MACs (see the module's docstring)."""
    seed = int(argv[0])
    ids = random.Random(seed)
    lock = threading.Lock()

    def repeatable_uuid4():
        with lock:
            return uuid.UUID(int=ids.getrandbits(128), version=4)

    uuid.uuid4 = repeatable_uuid4
    random.seed(seed)
    sys.path.insert(0, ROOT)
    from midoshell.sandbox.cli import main

    return main(argv[1:])


if __name__ == "__main__":
    sys.exit(_serve_seeded(sys.argv[1:]))


def post_bridges(collection, media, names, clients=4):
    """POST one bridge per name to `collection`, from `clients` threads at once."""
    import json

    import requests

    errors = []

    def work(part):
        http = requests.Session()
        for name in part:
            answer = http.post(collection, data=json.dumps({"name": name}),
                               headers={"Content-Type": media}, timeout=60)
            if answer.status_code != 201:
                errors.append(f"{answer.status_code} {answer.text[:200]}")
                return

    threads = [threading.Thread(target=work, args=(names[i::clients],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"creating bridges failed: {errors[0]}")
