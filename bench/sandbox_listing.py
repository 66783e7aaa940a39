"""How fast the sandbox serves a large collection: GET /bridges at 1k, 5k and 20k objects.

    python bench/sandbox_listing.py [--against REF] [--quick]

Each size is filled over HTTP (POSTs) into one state file on /dev/shm, then `GET /bridges` is
timed (median of several runs, the whole answer read) and set against a floor measured in the
same run: `json.dumps` of the same rows in this process, the least any Python server must do
to send them.  `--against REF` also serves the same state file with the sandbox of git
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
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from sandboxes import READY, SCRATCH, child_env  # noqa: E402

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
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
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
    todo = list(range(have, count))
    errors = []

    def work(part):
        http = requests.Session()
        for n in part:
            answer = http.post(url + "/bridges", data=json.dumps({"name": f"bridge-{n}"}),
                               headers={"Content-Type": BRIDGE}, timeout=60)
            if answer.status_code != 201:
                errors.append(f"{answer.status_code} {answer.text[:200]}")
                return

    threads = [threading.Thread(target=work, args=(todo[i::clients],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"creating bridges failed: {errors[0]}")


def time_get(url, runs):
    """(median seconds of a whole GET /bridges, the rows of the last answer)."""
    import requests

    http = requests.Session()
    times, rows = [], None
    for _ in range(runs + 1):  # the first run warms caches and is not counted
        began = time.perf_counter()
        answer = http.get(url + "/bridges", headers={"Accept": COLLECTION}, timeout=120)
        body = answer.content
        times.append(time.perf_counter() - began)
        assert answer.status_code == 200, answer.status_code
        rows = body
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
            head += f" {name[:14] + ' ms':>17} {'x floor':>8}"
        if args.against:
            head += f" {'speed-up':>9}"
        print(head, flush=True)
        for size in sizes:
            results = {}
            for name, tree in trees.items():
                served = Served(tree, state, work)
                try:
                    fill(served.url, size)
                    results[name] = time_get(served.url, runs)
                finally:
                    served.close()
            rows = results["this tree"][1]
            assert len(rows) == size, len(rows)
            low = floor(rows, runs)
            line = f"{size:>8} {1000 * low:>9.1f}"
            for name in trees:
                took = results[name][0]
                line += f" {1000 * took:>17.1f} {took / low:>8.1f}"
            if args.against:
                line += f" {results[args.against][0] / results['this tree'][0]:>8.1f}x"
            print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
