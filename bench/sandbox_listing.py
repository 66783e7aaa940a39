"""How fast the sandbox serves a large collection: GET /bridges at 1k, 5k and 20k objects.

    python bench/sandbox_listing.py [--against REF] [--quick]

Each size is filled over HTTP (POSTs) into one state file on /dev/shm, then `GET /bridges` is
timed (median of several runs, the whole answer read by requests), twice: repeated with
nothing changed ("GET"), and with a PUT renaming one bridge before each (untimed) GET ("after
a write": a cached answer cannot be reused, only the renderings of unchanged rows).  Both
are set against a floor measured in the same run: `json.dumps` of the same rows in this
process, the least a Python server that renders every answer afresh must do.  `--against REF` also serves the same state file with the sandbox of git
revision REF (e.g. `main`), so the speed-up is measured in one run on the same data.
Nothing is asserted: figures are printed.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from sandboxes import READY, SCRATCH, child_env, post_bridges  # noqa: E402

SIZES = (1000, 5000, 20000)
BRIDGE = "application/vnd.org.midonet.Bridge-v4+json"
COLLECTION = "application/vnd.org.midonet.collection.Bridge-v4+json"


def _tree_of(ref, into):
    """A copy of revision `ref`'s midoshell package under `into`; returns that directory."""
    archive = subprocess.run(["git", "-C", ROOT, "archive", ref, "midoshell"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)
    return into


class Served:
    """One sandbox process on `state`, running the midoshell package found in `tree`."""

    def __init__(self, tree, state, home):
        env = child_env(home)
        env["PYTHONPATH"] = tree
        command = [sys.executable, "-m", "midoshell.sandbox", "--port", "0", "--hosts", "0",
                   "--state", state]
        # cwd too: `python -m` puts the working directory first on the path
        self.process = subprocess.Popen(command, env=env, cwd=tree, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if not line.startswith(READY):
            self.close()
            raise RuntimeError(f"the sandbox in {tree} did not start")
        self.url = line[len(READY):].strip()

    def close(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


def fill(url, count, clients=4):
    """POST bridges until `url` holds `count` of them."""
    import requests

    have = len(requests.get(url + "/bridges", headers={"Accept": COLLECTION}).json())
    post_bridges(url + "/bridges", BRIDGE, [f"bridge-{n}" for n in range(have, count)], clients)


def time_get(url, runs, write_first=False):
    """(median seconds of a whole GET /bridges, the rows of the last answer); with
    `write_first`, a PUT renames the first bridge before each GET."""
    import requests

    http = requests.Session()
    times, rows, first = [], None, None
    for n in range(runs + 1):  # the first run warms caches and is not counted
        if write_first and first is not None:
            renamed = http.put(first, data=json.dumps({"name": f"renamed-{n}"}), timeout=60,
                               headers={"Content-Type": BRIDGE})
            assert renamed.status_code == 204, renamed.status_code
        began = time.perf_counter()
        answer = http.get(url + "/bridges", headers={"Accept": COLLECTION}, timeout=120)
        body = answer.content
        times.append(time.perf_counter() - began)
        assert answer.status_code == 200, answer.status_code
        rows = body
        if first is None:
            first = json.loads(body)[0]["uri"]
    return statistics.median(times[1:]), json.loads(rows)


def floor(rows, runs):
    """Median seconds of json.dumps of `rows` (+ encoding): the least a server does."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        json.dumps(rows).encode()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REF",
                        help="also time the sandbox of this git revision on the same data")
    parser.add_argument("--quick", action="store_true", help="fewer runs, sizes up to 5k")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 7
    sizes = SIZES[:2] if args.quick else SIZES
    work = tempfile.mkdtemp(prefix="sandbox-listing-", dir=SCRATCH)
    try:
        trees = {"this tree": ROOT}
        if args.against:
            trees[args.against] = _tree_of(args.against, tempfile.mkdtemp(dir=work))
        state = os.path.join(work, "bridges.db")
        print(f"sandbox listing: GET /bridges, median of {runs}; floor = json.dumps of the "
              f"same rows in one process (load {os.getloadavg()[0]:.2f})", flush=True)
        head = f"{'objects':>8} {'floor ms':>9}"
        for name in trees:
            label = name[:12]
            head += f" | {label + ' GET':>16} {'x floor':>7} {'after write':>11} {'x floor':>7}"
        if args.against:
            head += f" | {'speed-up GET':>12} {'after write':>11}"
        print(head, flush=True)
        for size in sizes:
            results = {}
            for name, tree in trees.items():
                served = Served(tree, state, work)
                try:
                    fill(served.url, size)
                    results[name] = (time_get(served.url, runs),
                                     time_get(served.url, runs, write_first=True))
                finally:
                    served.close()
            rows = results["this tree"][0][1]
            assert len(rows) == size, len(rows)
            low = floor(rows, runs)
            line = f"{size:>8} {1000 * low:>9.1f}"
            for name in trees:
                (plain, _), (written, _) = results[name]
                line += (f" | {1000 * plain:>13.1f} ms {plain / low:>7.2f} "
                         f"{1000 * written:>8.1f} ms {written / low:>7.2f}")
            if args.against:
                ours, theirs = results["this tree"], results[args.against]
                line += (f" | {theirs[0][0] / ours[0][0]:>11.1f}x "
                         f"{theirs[1][0] / ours[1][0]:>10.1f}x")
            print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
