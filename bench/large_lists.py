"""Large listings: `midoshell -c 'list …'` at 1k, 5k and 20k objects, against a floor.

    python bench/large_lists.py [--quick] [--before REV]

The floor is one process doing what any client must: one GET of the same collection (same
media type, a plain requests.Session) and `json.loads` of the whole answer.  For each size
and output format (text, table, json, csv) midoshell and the floor run as separate processes,
interleaved, and the medians of wall time, CPU time and peak RSS (wait4's ru_maxrss) are
printed with their ratios, so growth with size is visible.  midoshell ends without Python's
teardown (main.exit_without_teardown), which the floor script pays (about 15 ms with
requests loaded): the floor is also timed ending with os._exit, and each wall time is
given against that "bare" floor too, so what the listing itself costs stays visible.  Bridges (a top-level collection,
sorted by name) are timed at every size, and at the largest size a router's routes, a
chain's rules, the top-level ports (collections under a parent, printed as they arrive, or
mixed types) and chains (small documents: the floor's own work per object is least, so
midoshell's counts most), each in every format.  Then a session as the interactive shell
has it (aliases shown) lists the bridges and the memory it holds afterwards is measured
with tracemalloc, per object.

The sandbox is filled quickly: one object of each kind is made over HTTP, then copied with
SQL in its state file (new ids and names, the rest as the sandbox stored the first).
Targets: time <= 1.2x the floor, peak RSS <= the floor's + 10 MB, <= 2 KB per object held.
Nothing is asserted; the machine may be shared, so the wall times move between runs (the
CPU times less).  `--before REV` also measures midoshell at git revision REV in the same run.
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from sandboxes import SCRATCH, SandboxProcess, child_env, root_links  # noqa: E402

PYTHON = sys.executable
SIZES = (1000, 5000, 20000)
FORMATS = ("text", "table", "json", "csv")
MEDIA = "application/vnd.org.midonet."
KIND_CODES = {"bridge": 1, "port": 2, "route": 3, "rule": 4, "chain": 5}

FLOOR = r"""
import json, sys, requests
url, media = sys.argv[1], sys.argv[2]
http = requests.Session()
http.headers["User-Agent"] = "midoshell"
docs = json.loads(http.get(url, headers={"Accept": media}, timeout=120).content)
assert isinstance(docs, list)
"""
# The floor ending as midoshell does, without Python's teardown (main.exit_without_teardown):
# the difference is what skipping it is worth, not work the listing itself avoided.
FLOOR_NO_TEARDOWN = FLOOR + "import os\nos._exit(0)\n"

HELD = r"""
import gc, json, os, sys, tracemalloc
from midoshell.client import Client
from midoshell.runner import Runner
from midoshell.session import Session

session = Session(Client(sys.argv[1]), show_aliases=True)
with open(os.devnull, "w") as sink:
    runner = Runner(session, stdout=sink)
    runner.run_one("list router")  # imports and first-use set-up, not counted
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    status, _ = runner.run_one("list bridge")
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
print(json.dumps({"status": status, "objects": len(session.cache), "held": held}))
"""


# -- filling the sandbox ------------------------------------------------------------------
class Filler:
    """One object of each kind made over HTTP; copies of them added with SQL."""

    def __init__(self, sandbox):
        import requests

        self.sandbox = sandbox
        self.http = requests.Session()
        self.links = root_links(sandbox.url, self.http)
        self.bridge = self._post(self.links["bridges"], "Bridge-v4", {"name": "bridge-0"})
        router = self._post(self.links["routers"], "Router-v3", {"name": "router-0"})
        port = self._post(router["ports"], "Port-v3", {
            "type": "Router", "portAddress": "10.0.0.1", "networkAddress": "10.0.0.0",
            "networkLength": 24})
        self._post(self.bridge["ports"], "Port-v3", {"type": "Bridge"})
        self._post(router["routes"], "Route-v1", {
            "type": "Normal", "srcNetworkAddr": "0.0.0.0", "srcNetworkLength": 0,
            "dstNetworkAddr": "10.1.0.0", "dstNetworkLength": 16, "nextHopPort": port["id"],
            "nextHopGateway": "10.0.0.2", "weight": 100})
        self.chain = self._post(self.links["chains"], "Chain-v1", {"name": "chain-0"})
        self._post(self.chain["rules"], "Rule-v2", {
            "type": "accept", "nwDstAddress": "10.0.0.0", "nwDstLength": 8, "nwProto": 6,
            "tpDst": {"start": 80, "end": 80}})
        self.router = router

    def _post(self, uri, media, body):
        made = self.http.post(uri, data=json.dumps(body), timeout=30,
                              headers={"Content-Type": f"{MEDIA}{media}+json"})
        if made.status_code != 201:
            raise RuntimeError(f"POST {uri}: {made.status_code} {made.text[:200]}")
        return self.http.get(made.headers["Location"], timeout=30).json()

    def fill(self, kind, count, where=None):
        """Copies of the first stored object of `kind` (matching `where`, a SQL condition on
        its document) until there are `count`."""
        with sqlite3.connect(self.sandbox.state_file, timeout=30) as db:
            condition = f" AND {where}" if where else ""
            have = db.execute(f"SELECT count(*) FROM objects WHERE kind = ?{condition}",
                              (kind,)).fetchone()[0]
            template = db.execute(f"SELECT doc FROM objects WHERE kind = ?{condition} "
                                  f"ORDER BY seq LIMIT 1", (kind,)).fetchone()[0]
            code = KIND_CODES[kind]
            ids = [f"{n:08x}-{code:04x}-4000-8000-{n:012x}" for n in range(have, count)]
            db.executemany(
                "INSERT INTO objects (kind, id, doc) VALUES (?, ?, json_set(?, '$.id', ?, "
                "'$.name', ?))", [(kind, i, template, i, f"{kind}-{n}")
                                  for n, i in enumerate(ids, have)])
            if kind == "rule":  # a chain keeps the order of its rules apart
                order = json.loads(db.execute("SELECT doc FROM objects WHERE kind = "
                                              "'rule_order'").fetchone()[0])
                order["ruleIds"] += ids
                db.execute("UPDATE objects SET doc = ? WHERE kind = 'rule_order'",
                           (json.dumps(order),))
        return count

    def collections(self):
        """(name, midoshell line, collection URL, collection media, kind, SQL condition)."""
        return {
            "bridges": ("list bridge", self.links["bridges"], "collection.Bridge-v4",
                        "bridge", None),
            "ports": ("list port", self.links["ports"], "collection.Port-v3", "port",
                      "json_extract(doc, '$.type') = 'Bridge'"),
            "routes": ("router router0 list route", self.router["routes"],
                       "collection.Route-v1", "route",
                       "json_extract(doc, '$.type') = 'Normal'"),
            "rules": ("chain chain0 list rule", self.chain["rules"], "collection.Rule-v2",
                      "rule", None),
            "chains": ("list chain", self.links["chains"], "collection.Chain-v1", "chain",
                       None),
        }


# -- measuring ----------------------------------------------------------------------------
# Each process is started by a small one that times it: a process forked from the benchmark
# (tens of MB by then, a hundred inside bench/run.py) reports the benchmark's pages in its own
# peak RSS (Linux keeps the larger of the two), and the smaller figures would all read alike.
SMALL_PARENT = r"""
import json, os, sys, time
began = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), time.perf_counter() - began,
                  usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))
"""


def run(command, env):
    """(wall seconds, CPU seconds, peak RSS in MB) of one process; raises if it failed."""
    done = subprocess.run([PYTHON, "-c", SMALL_PARENT, *command], env=env, cwd=env["HOME"],
                          capture_output=True, timeout=600)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"timing {' '.join(command[-4:])} failed: {done.stderr[-300:]}")
    status, wall, cpu, rss = json.loads(done.stdout.decode().splitlines()[-1])
    if status != 0:
        raise RuntimeError(f"{' '.join(command[-4:])} failed: {done.stderr.decode()[-300:]}")
    return wall, cpu, rss / 1024


def medians(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def measure(trees, line, url, media, formats, runs, env, api):
    """{"floor": (wall, cpu, rss), (tree, format): (wall, cpu, rss)}, medians of `runs`
    interleaved rounds."""
    samples = {}
    for _ in range(runs):
        samples.setdefault("floor", []).append(
            run([PYTHON, "-c", FLOOR, url, f"{MEDIA}{media}+json"], env))
        samples.setdefault("bare floor", []).append(
            run([PYTHON, "-c", FLOOR_NO_TEARDOWN, url, f"{MEDIA}{media}+json"], env))
        for name, tree in trees.items():
            for fmt in formats:
                command = [PYTHON, "-m", "midoshell", "--midonet-url", api, "-o", fmt, "-c",
                           line]
                samples.setdefault((name, fmt), []).append(
                    run(command, dict(env, PYTHONPATH=tree)))
    return {key: medians(values) for key, values in samples.items()}


def held(tree, url, env):
    done = subprocess.run([PYTHON, "-c", HELD, url], env=dict(env, PYTHONPATH=tree),
                          capture_output=True, text=True, cwd=env["HOME"], timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the session memory probe failed: {done.stderr[-300:]}")
    return json.loads(done.stdout)


def _tree_of(ref, into):
    archive = subprocess.run(["git", "-C", ROOT, "archive", ref, "midoshell", "grammar"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)
    return into


# -- the report ---------------------------------------------------------------------------
def say(text):
    print(text, flush=True)


def report(say, size, what, figures, trees, formats, record):
    floor_wall, floor_cpu, floor_rss = figures["floor"]
    bare_wall = figures["bare floor"][0]
    say(f"  {size:>6,} {what}: floor {1000 * floor_wall:5.0f} ms wall, {1000 * floor_cpu:5.0f} "
        f"ms CPU, {floor_rss:5.1f} MB peak; {1000 * bare_wall:5.0f} ms without its teardown")
    for name in trees:
        for fmt in formats:
            wall, cpu, rss = figures[(name, fmt)]
            label = fmt if name == "this tree" else f"{fmt} ({name})"
            say(f"  {'':>6} {label:<18} {1000 * wall:5.0f} ms ({wall / floor_wall:4.2f}x; "
                f"{wall / bare_wall:4.2f}x bare)  CPU {1000 * cpu:5.0f} ms "
                f"({cpu / floor_cpu:4.2f}x)  peak {rss:5.1f} MB ({rss - floor_rss:+5.1f})")
            if name == "this tree":
                record(size, what, fmt, wall / floor_wall, cpu / floor_cpu, rss - floor_rss,
                       wall / bare_wall)


def large_lists(bench):
    """bench/run.py's section: see the module docstring."""
    say("")
    say("== 8. large listings: list at 1k, 5k and 20k objects against GET + json.loads ====")
    quick = bench.quick
    trees = {"this tree": ROOT}
    if bench.before:
        trees["before"] = bench.before
    figures = measure_all(trees, bench.env, quick, say)
    worst = max(figures["rows"], key=lambda r: r[3])
    size = max(r[0] for r in figures["rows"])
    at_size = [r for r in figures["rows"] if r[0] == size]
    bench.row(f"list, {size:,} objects: worst time", f"{worst[3]:.2f}x ({worst[1]} -o {worst[2]})",
              "GET + json.loads", worst[3], "<= 1.2x", worst[3] <= 1.2)
    bare = max(figures["rows"], key=lambda r: r[6])
    bench.row(f"list, {size:,} objects: worst time, floor without teardown",
              f"{bare[6]:.2f}x ({bare[1]} -o {bare[2]})", "GET + json.loads, os._exit",
              bare[6])
    fattest = max(at_size, key=lambda r: r[5])
    bench.row(f"list, {size:,} objects: peak RSS", f"{fattest[5]:+.1f} MB ({fattest[1]} -o "
              f"{fattest[2]})", "floor's peak", None, "<= +10 MB", fattest[5] <= 10)
    per = figures["held"]
    bench.row(f"session holding {figures['held_objects']:,} listed", f"{per:.0f} B/object",
              "—", None, "<= 2048 B", per <= 2048)


def measure_all(trees, env, quick, say, sizes=None):
    runs = 3 if quick else 5
    sizes = sizes or (SIZES[:2] if quick else SIZES)
    rows = []

    def record(size, what, fmt, ratio, cpu_ratio, extra, bare_ratio):
        rows.append((size, what, fmt, ratio, cpu_ratio, extra, bare_ratio))

    with SandboxProcess(env, hosts=1, state_dir=SCRATCH) as sandbox:
        filler = Filler(sandbox)
        collections = filler.collections()
        for tree in trees.values():  # the grammar's tables and the root document cached,
            run([PYTHON, "-m", "midoshell", "--midonet-url", sandbox.url, "-c",  # as after
                 "list router"], dict(env, PYTHONPATH=tree))                    # any use
        for size in sizes:
            began = time.perf_counter()
            line, url, media, kind, where = collections["bridges"]
            filler.fill(kind, size, where)
            say(f"  {size:,} bridges in the sandbox ({time.perf_counter() - began:.1f} s)")
            report(say, size, "bridges", measure(trees, line, url, media, FORMATS, runs, env, sandbox.url),
                   trees, FORMATS, record)
        for what in ("ports", "routes", "rules", "chains"):
            line, url, media, kind, where = collections[what]
            filler.fill(kind, sizes[-1], where)
            report(say, sizes[-1], what, measure(trees, line, url, media, FORMATS, runs, env,
                                                 sandbox.url), trees, FORMATS, record)
        found = {name: held(tree, sandbox.url, env) for name, tree in trees.items()}
    ours = found["this tree"]
    for name, probe in found.items():
        say(f"  session ({name}) after `list bridge` of {probe['objects']:,} objects: "
            f"{probe['held'] / 1e6:.1f} MB held, {probe['held'] / probe['objects']:.0f} B "
            f"per object (tracemalloc)")
    return {"rows": rows, "held": ours["held"] / ours["objects"], "held_objects": ours["objects"]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, sizes up to 5k")
    parser.add_argument("--before", metavar="REV", help="also measure midoshell at REV")
    parser.add_argument("--sizes", metavar="N,N", help="object counts (default 1000,5000,20000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="large-lists-", dir=SCRATCH) as scratch:
        trees = {"this tree": ROOT}
        if args.before:
            trees["before"] = _tree_of(args.before, tempfile.mkdtemp(dir=scratch))
        print(f"large listings (load {os.getloadavg()[0]:.2f})", flush=True)
        sizes = tuple(int(n) for n in args.sizes.split(",")) if args.sizes else None
        for tree in trees.values():  # as pip installs it (see run.py's _compile)
            subprocess.run([PYTHON, "-m", "compileall", "-q", os.path.join(tree, "midoshell")],
                           check=True, stdout=subprocess.DEVNULL)
        measure_all(trees, child_env(scratch), args.quick, say, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
