"""midoshell's benchmarks, measured in one run against sandboxes on loopback.

`python bench/run.py [--quick] [--profile]` prints each section as it runs, then a table: for
each figure the measured value, its floor or peer, the ratio, the target, met or missed.

  1. one-liner start-up: `midoshell -c 'list host'` against `python -c "import requests;
     requests.get(URL)"`, separate processes, interleaved, medians;
  2. script throughput: a 2,000-line provisioning script piped into one midoshell process
     against a raw requests.Session loop replaying the same recorded calls (both timed as
     whole processes against fresh sandboxes that end in the same state), and HTTP requests
     per line for each verb;
  3. parse rate, through the grammar alone and through parse();
  4. completion latency (bench/completion.py);
  5. resident memory with 10,000 objects in the session cache;
  6. the sandbox's own requests per second, to show it never dominates section 2;
  7. other one-liners (show, child listings, alias chains) against a floor making the same
     requests (bench/one_liners.py);
  8. large listings, 1k to 20k objects, against one GET + json.loads (bench/large_lists.py).

Not a test: nothing here asserts on time.  --profile adds `-X importtime` and phase figures of
the one-liner and a cProfile of the script run.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import one_liners  # noqa: E402
from sandboxes import (SCRATCH, SandboxProcess, child_env, host_ids, post_bridges,  # noqa: E402
                       root_links)

PYTHON = sys.executable
SEED = 20240607  # the seeded sandboxes' ids: every script-run sandbox gets the same ones
SCRIPT_LINES = 2000
SCRIPT_HOSTS = 16
MEMORY_OBJECTS = 10_000


class Bench:
    """The run's settings, scratch directory, figures and the final table."""

    def __init__(self, args):
        self.args = args
        self.quick = args.quick
        self.scratch = tempfile.mkdtemp(prefix="midoshell-bench-", dir=SCRATCH)
        self.env = child_env(self.scratch)
        self.rows = []
        self.facts = {}  # figures one section leaves for a later one
        self.before = None  # a checked-out older tree to measure next to this one

    def row(self, figure, value, peer="—", ratio=None, target="—", met=None):
        verdict = "—" if met is None else ("met" if met else "MISSED")
        self.rows.append((figure, value, peer, "—" if ratio is None else f"{ratio:.2f}",
                          target, verdict))

    def failed(self, figure, error):
        self.rows.append((figure, f"failed: {error}"[:60], "—", "—", "—", "error"))

    def table(self):
        header = ("figure", "measured", "floor / peer", "ratio", "target", "result")
        widths = [max(len(str(r[i])) for r in [header, *self.rows]) for i in range(6)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        out = [line.format(*header), line.format(*("-" * w for w in widths))]
        out += [line.format(*r) for r in self.rows]
        return out

    def close(self):
        shutil.rmtree(self.scratch, ignore_errors=True)


def say(text=""):
    print(text, flush=True)


def heading(text):
    say()
    say(f"== {text} " + "=" * max(0, 76 - len(text)))


def median(values):
    return statistics.median(values) if values else float("nan")


def _neutral_cwd(env):
    """A working directory outside any source tree: `python -m` and `-c` put the working
    directory first on sys.path, which would shadow the tree PYTHONPATH names."""
    return env.get("HOME") or tempfile.gettempdir()


PEAK_RSS = r"""
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss if os.waitstatus_to_exitcode(status) == 0 else -1)
"""


def peak_rss_mib(command, env):
    """A command's peak resident memory (MiB), measured from a small parent: a child forked
    from this big process would count this process's pages as its own."""
    done = subprocess.run([PYTHON, "-c", PEAK_RSS, *command], env=env, capture_output=True,
                          text=True, timeout=120, cwd=_neutral_cwd(env))
    kib = int(done.stdout.strip().splitlines()[-1])
    if kib < 0:
        raise RuntimeError(f"{command} failed: {done.stderr[-300:]}")
    return kib / 1024


def timed_process(command, env, stdin=None, stdout=subprocess.DEVNULL):
    """Run a process to its end: (wall seconds, exit status, CPU seconds it used, stderr,
    peak resident memory in KiB)."""
    stdin_file = open(stdin, "rb") if stdin else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdin=stdin_file, stdout=stdout,
                                   stderr=subprocess.PIPE, cwd=_neutral_cwd(env))
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
    finally:
        if stdin:
            stdin_file.close()
    return wall, process.returncode, usage.ru_utime + usage.ru_stime, stderr.decode(
        "utf-8", "replace"), usage.ru_maxrss


# -- 1. one-liner start-up ----------------------------------------------------------------
CREATE_FLOOR = r"""
import json, sys, requests
url, media = sys.argv[1], sys.argv[2]
http = requests.Session()
made = http.post(url, data=json.dumps({"name": "x"}), headers={"Content-Type": media})
if sys.argv[3:] != ["post-only"]:
    http.get(made.headers["Location"], headers={"Accept": media}).json()
"""


# The script `pip install` writes for the midoshell console command (pip's own template), so
# that the one-liners are timed as users run them (`python -m` adds runpy, ~3 ms).
CONSOLE_SCRIPT = """#!{python}
import re
import sys
from midoshell.main import cli
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(cli())
"""


def console_script(bench):
    path = os.path.join(bench.scratch, "midoshell")
    with open(path, "w") as stream:
        stream.write(CONSOLE_SCRIPT.format(python=PYTHON))
    os.chmod(path, 0o755)
    return path


def one_liner(bench):
    heading("1. one-liner start-up: midoshell -c against requests doing the same requests")
    runs = 5 if bench.quick else 15
    midoshell = console_script(bench)
    with SandboxProcess(bench.env) as sandbox:
        env = dict(bench.env, MIDO_API_URL=sandbox.url)
        bridges = root_links(sandbox.url)["bridges"]
        commands = {
            "list": [midoshell, "-c", "list host"],
            "list floor": [PYTHON, "-c", f"import requests; requests.get({sandbox.url!r})"],
            # midoshell ends without Python's teardown (main.exit_without_teardown): the
            # same floor ending so too, to show what that is worth
            "list floor, no teardown": [PYTHON, "-c", "import os, requests; requests.get("
                                        f"{sandbox.url!r}); os._exit(0)"],
            "create": [midoshell, "-c", "create bridge name x"],
            "create floor": [PYTHON, "-c", CREATE_FLOOR, bridges, _bridge_media()],
            # midoshell's create is one POST now: the fair floor for it makes no GET either
            "create floor, POST only": [PYTHON, "-c", CREATE_FLOOR, bridges, _bridge_media(),
                                        "post-only"],
            "--version": [midoshell, "--version"],
            "--help": [midoshell, "--help"],
            "python": [PYTHON, "-c", "pass"],
        }
        envs = {name: env for name in commands}
        if bench.before:
            for name in ("list", "create", "--version", "--help"):
                commands[f"{name} before"] = commands[name]
                envs[f"{name} before"] = dict(env, PYTHONPATH=bench.before)
        for name, command in commands.items():  # warm caches (tables, root, .pyc, pages)
            wall, status, _, err, _ = timed_process(command, envs[name])
            if status != 0:
                raise RuntimeError(f"{name} exited {status}: {err.strip()[-300:]}")
        times = {name: [] for name in commands}
        cpu = {name: [] for name in commands}  # less moved by other load than wall time
        peak = {name: [] for name in commands}
        names = list(commands)
        for n in range(runs):
            for name in names if n % 2 == 0 else reversed(names):
                wall, status, used, err, _ = timed_process(commands[name], envs[name])
                if status != 0:
                    raise RuntimeError(f"{name} run exited {status}: {err.strip()[-300:]}")
                times[name].append(wall * 1000)
                cpu[name].append(used * 1000)
        for name in commands:
            peak[name] = [peak_rss_mib(commands[name], envs[name]) for _ in range(3)]
    ms = {name: median(t) for name, t in times.items()}
    cpu_ms = {name: median(t) for name, t in cpu.items()}
    say(f"{runs} interleaved runs each (ms)        wall: median    min    max   CPU: median"
        f"    min  peak RSS MB")
    for name, t in times.items():
        say(f"  {name:<38} {ms[name]:>7.1f} {min(t):>6.1f} {max(t):>6.1f}        "
            f"{cpu_ms[name]:>7.1f} {min(cpu[name]):>6.1f} {max(peak[name]):>8.1f}")
    for name, floor, label in (("list", "list floor", "-c 'list host'"),
                               ("create", "create floor", "-c 'create bridge name x'"),
                               ("create", "create floor, POST only",
                                "-c 'create bridge name x' vs a POST alone")):
        ratio = ms[name] / ms[floor]
        say(f"  {label}: ratio {ratio:.2f} (target <= 1.15; fastest runs "
            f"{min(times[name]) / min(times[floor]):.2f}; CPU {cpu_ms[name] / cpu_ms[floor]:.2f}),"
            f" {ms[name] - ms[floor]:.1f} ms over the floor")
        _before_row(bench, ms, f"one-liner {label}", name, ms[floor], 1.15)
        _before_row(bench, cpu_ms, f"one-liner {label}, CPU", name, cpu_ms[floor], 1.15)
    teardown = ms["list floor"] - ms["list floor, no teardown"]
    say(f"  the floor's teardown (what midoshell skips): {teardown:.1f} ms; -c 'list host' "
        f"against the floor without it: {ms['list'] / ms['list floor, no teardown']:.2f}")
    bench.row("one-liner -c 'list host' vs a floor without teardown", f"{ms['list']:.1f} ms",
              f"{ms['list floor, no teardown']:.1f} ms",
              ms["list"] / ms["list floor, no teardown"])
    for figures, how in ((ms, ""), (cpu_ms, ", CPU")):
        limit = 1.05 * figures["python"] + 20
        for name in ("--version", "--help"):
            label = (f"{name} (API cached)" if name == "--version" else name) + how
            bench.row(label, f"{figures[name]:.1f} ms", f"{figures['python']:.1f} ms (python)",
                      figures[name] / figures["python"], f"<= {limit:.1f} ms",
                      figures[name] <= limit)
            if f"{name} before" in figures:
                bench.row(f"{name} before{how}", f"{figures[name + ' before']:.1f} ms",
                          f"{figures['python']:.1f} ms",
                          figures[name + " before"] / figures["python"])
    for name, floor in (("list", "list floor"), ("create", "create floor")):
        ours, base = max(peak[name]), max(peak[floor])
        bench.row(f"peak RSS, -c {name}", f"{ours:.1f} MB", f"{base:.1f} MB", ours / base,
                  "<= floor + 5 MB", ours <= base + 5)
        if f"{name} before" in peak:
            before = max(peak[name + " before"])
            bench.row(f"peak RSS, -c {name} before", f"{before:.1f} MB", f"{base:.1f} MB",
                      before / base)


def _before_row(bench, ms, label, name, floor_ms, target):
    ratio = ms[name] / floor_ms
    bench.row(label, f"{ms[name]:.1f} ms", f"{floor_ms:.1f} ms", ratio, f"ratio <= {target}",
              ratio <= target)
    if f"{name} before" in ms:
        bench.row(f"{label} before", f"{ms[name + ' before']:.1f} ms", f"{floor_ms:.1f} ms",
                  ms[name + " before"] / floor_ms)


def seeded_sandbox(bench):
    """A fresh sandbox whose ids come out the same every time (see sandboxes.py)."""
    return SandboxProcess(bench.env, hosts=SCRIPT_HOSTS, seed=SEED, state_dir=SCRATCH)


# -- 2. script throughput -----------------------------------------------------------------
def script(bench):
    heading(f"2. script throughput: {SCRIPT_LINES:,} lines piped into midoshell against a raw "
            f"requests loop")
    from workload import make_script, record

    with seeded_sandbox(bench) as reference:
        lines = make_script(host_ids(reference.url), SCRIPT_LINES)
        start = time.perf_counter()
        recording = record(lines, reference.url, then=_reprint_lines(lines))
        recorded_in = time.perf_counter() - start
        expected_state = reference.state()
    bench.facts["script_lines"] = lines
    if recording.status:
        raise RuntimeError(f"the script fails in midoshell: {recording.errors.strip()[:300]}")
    script_file = os.path.join(bench.scratch, "script.mido")
    calls_file = os.path.join(bench.scratch, "calls.json")
    with open(script_file, "w") as stream:
        stream.write("\n".join(lines) + "\n")
    recording.replay_file(calls_file)
    bench.facts["calls"], bench.facts["agent"] = calls_file, recording.agent
    say(f"recorded in-process: {len(recording.calls)} requests for {len(lines)} lines in "
        f"{recorded_in:.1f} s; the server ends with {len(expected_state[0])} objects")
    bench.facts["script_requests"] = len(recording.calls)

    runs = 1 if bench.quick else 3
    results = {"midoshell": [], "replay": []}
    if bench.before:
        results["before"] = []
    for n in range(runs):
        order = list(results) if n % 2 == 0 else list(reversed(results))
        for name in order:
            with seeded_sandbox(bench) as server:
                results[name].append(_script_run(bench, name, server, script_file, calls_file,
                                                 recording, expected_state))
            r = results[name][-1]
            say(f"  run {n + 1} {name:<9} {r['wall']:>6.2f} s wall, {r['cpu']:>5.2f} s CPU in "
                f"the client, {r['sandbox_cpu']:>5.2f} s CPU in the sandbox; "
                f"{r['check']}")
    ours, peer = (median([r["wall"] for r in results[k]]) for k in ("midoshell", "replay"))
    ratio = ours / peer
    requests_count = len(recording.calls)
    say(f"median: midoshell {ours:.2f} s ({1000 * ours / len(lines):.2f} ms a line, "
        f"{requests_count / ours:.0f} requests/s), replay {peer:.2f} s "
        f"({1000 * peer / requests_count:.2f} ms a request); ratio {ratio:.2f} (target <= 1.3)")
    bench.facts["ms_per_request"] = 1000 * peer / requests_count
    best, best_peer = (min(r["wall"] for r in results[k]) for k in ("midoshell", "replay"))
    cpu, cpu_peer = (median([r["cpu"] for r in results[k]]) for k in ("midoshell", "replay"))
    paired = [a["wall"] / b["wall"] for a, b in zip(results["midoshell"], results["replay"])]
    say(f"best runs: {best:.2f} s against {best_peer:.2f} s (ratio {best / best_peer:.2f}); "
        f"ratio of each back-to-back pair: {', '.join(f'{r:.2f}' for r in paired)}; "
        f"client CPU (less disturbed by other load): {cpu:.2f} s against {cpu_peer:.2f} s "
        f"(ratio {cpu / cpu_peer:.2f}, {1000 * (cpu - cpu_peer) / len(lines):.2f} ms a line "
        f"more)")
    share = median([r["sandbox_cpu"] / r["wall"] for r in results["midoshell"]])
    peer_share = median([r["sandbox_cpu"] / r["wall"] for r in results["replay"]])
    bench.facts["sandbox_share"] = (share, peer_share)
    say(f"the sandbox was busy {100 * share:.0f}% of the midoshell run and "
        f"{100 * peer_share:.0f}% of the replay")
    bench.row(f"script, {len(lines):,} lines piped", f"{ours:.2f} s", f"{peer:.2f} s", ratio,
              "ratio <= 1.3", ratio <= 1.3)
    bench.row("script, client CPU", f"{cpu:.2f} s", f"{cpu_peer:.2f} s", cpu / cpu_peer)
    if results.get("before"):
        wall_before = median([r["wall"] for r in results["before"]])
        cpu_before = median([r["cpu"] for r in results["before"]])
        say(f"before: {wall_before:.2f} s wall, {cpu_before:.2f} s client CPU")
        bench.row("script before", f"{wall_before:.2f} s", f"{peer:.2f} s", wall_before / peer)
        bench.row("script, client CPU before", f"{cpu_before:.2f} s", f"{cpu_peer:.2f} s",
                  cpu_before / cpu_peer)
    _requests_per_line(bench, recording, lines)


def _script_run(bench, name, server, script_file, calls_file, recording, expected_state):
    """One timed run against a fresh sandbox; checks output, answers and the final state."""
    env = dict(bench.env, MIDO_API_URL=server.url)
    output_file = os.path.join(bench.scratch, f"{name}.out")
    if name == "before":
        env["PYTHONPATH"] = bench.before
    if name in ("midoshell", "before"):
        command, stdin = [PYTHON, "-m", "midoshell"], script_file
    else:
        command = [PYTHON, os.path.join(HERE, "replay.py"), calls_file, server.url,
                   recording.agent or ""]
        stdin = None
    before = server.cpu_seconds()
    with open(output_file, "wb") as out:
        wall, status, cpu, err, _ = timed_process(command, env, stdin=stdin, stdout=out)
    sandbox_cpu = server.cpu_seconds() - before
    with open(output_file, encoding="utf-8", errors="replace") as out:
        output = out.read()
    if status != 0:
        raise RuntimeError(f"{name} exited {status}: {err.strip()[-400:]}")
    if name in ("midoshell", "before"):
        same_output = output == recording.output
        check = "output as recorded" if same_output else "OUTPUT DIFFERS from the recording"
    else:
        summary = json.loads(output)
        check = (f"{summary['requests']} requests, "
                 + ("all answers as recorded" if not summary["mismatched"] else
                    f"{summary['mismatched']} ANSWERS DIFFER: {summary['mismatches'][:2]}"))
    state_ok = server.state() == expected_state
    check += ", server state as recorded" if state_ok else ", SERVER STATE DIFFERS"
    return {"wall": wall, "cpu": cpu, "sandbox_cpu": sandbox_cpu, "check": check}


def _requests_per_line(bench, recording, lines):
    """HTTP requests per line for each verb, as scripts run (UUIDs printed) and with --aliases,
    and the requests made to print references to objects already cached."""
    from workload import OWN, own_requests, record, verb_table

    tables = {"uuids": verb_table(recording)}
    probe = _reprint_lines(lines)
    aliased = None
    try:
        with seeded_sandbox(bench) as server:
            aliased = record(lines, server.url, show_aliases=True, then=probe)
        if aliased.status:
            raise RuntimeError(aliased.errors.strip()[:300])
        tables["--aliases"] = verb_table(aliased)
    except Exception as error:  # noqa: BLE001 - the UUID figures stand on their own
        say(f"(the --aliases pass failed: {error})")
    say()
    say("HTTP requests per line, by verb (GETs beyond the verb's own: path lookups, alias "
        "listings, references)")
    say(f"  {'mode':<10} {'verb':<7} {'lines':>5} {'req/line':>8} {'max':>4}  "
        f"{'GET':>5} {'POST':>5} {'PUT':>5} {'DEL':>5}  {'extra GET':>9} {'naming':>6}")
    for mode, table in tables.items():
        for verb in OWN:
            s = table.get(verb)
            if not s:
                continue
            n = s["lines"]
            m = s["methods"]
            say(f"  {mode:<10} {verb:<7} {n:>5} {s['requests'] / n:>8.2f} {s['max']:>4}  "
                f"{m['GET'] / n:>5.2f} {m['POST'] / n:>5.2f} {m['PUT'] / n:>5.2f} "
                f"{m['DELETE'] / n:>5.2f}  {s['extra_get'] / n:>9.2f} {s['naming'] / n:>6.2f}")
    made, needed = own_requests(recording)
    per_request = bench.facts.get("ms_per_request")
    say(f"of {made} requests, {made - needed} ({100 * (made - needed) / made:.0f}%) are GETs "
        f"beyond each verb's own; the replay makes them too, so the ratio above does not "
        f"count them" + (f" (they cost the replay about {per_request * (made - needed) / 1000:.1f}"
                         f" s)" if per_request else ""))
    create = tables["uuids"].get("create")
    if create:
        posts, gets = create["max_method"]["POST"], create["max_method"]["GET"]
        n = create["lines"]
        met = posts <= 1 and gets <= 1
        say(f"create: at most {posts} POST and {gets} GET on a line (mean "
            f"{create['methods']['POST'] / n:.2f} POST, {create['methods']['GET'] / n:.2f} GET); "
            f"target 1 POST + at most 1 GET: {'met' if met else 'missed'}")
        bench.row("requests per create line", f"{(create['requests']) / n:.2f} (max "
                  f"{create['max']})", "1 POST + 1 GET", None, "<= 1 POST + 1 GET", met)
    if aliased is not None:
        # The probe re-runs show/list lines whose objects and references are all cached: with
        # aliases printed they may make no more requests than with UUIDs printed.
        extra = len(aliased.extra_calls) - len(recording.extra_calls)
        naming = sum(1 for c in aliased.calls if c.naming)
        say(f"--aliases: {naming} requests in the script were made to name objects for "
            f"printing (first sight of a collection); re-running {len(probe)} show/list lines "
            f"whose objects are all cached made {len(aliased.extra_calls)} requests, against "
            f"{len(recording.extra_calls)} with UUIDs printed: {extra} to print references"
            + (f" ({[c.method + ' ' + c.path for c in aliased.extra_calls if c.naming][:3]})"
               if extra > 0 else ""))
        bench.row("requests to print cached refs", str(max(extra, 0)), "0", None, "0",
                  extra <= 0)


def _reprint_lines(lines):
    """The show and list lines of the script's last complete network, to run again."""
    starts = [i for i, line in enumerate(lines) if line.startswith("# network ")]
    block = lines[starts[-2]:starts[-1]] if len(starts) > 1 else lines
    return [line for line in block if " show" in line or " list " in line]


# -- 3. parse rate ------------------------------------------------------------------------
PARSE_RATE = r"""
import json, sys, time
lines = json.load(open(sys.argv[1]))
windows = int(sys.argv[2])
from midoshell.parsing import parse
functions = {"parse()": parse}
try:
    from midoshell import lark_grammar as grammar
except ImportError:  # a tree from before the loader's name said what it holds
    from midoshell import syntax as grammar
functions["lark parser().parse"] = grammar.parser().parse
if hasattr(grammar, "tables_parser"):  # not in a tree from before the table driver
    functions["tables driver"] = grammar.tables_parser().parse
rates = {}
for name, function in functions.items():
    for line in lines[:50]:
        function(line)
    found = []
    for _ in range(windows):
        start = time.perf_counter()
        for line in lines:
            function(line)
        found.append(len(lines) / (time.perf_counter() - start))
    rates[name] = sorted(found)
print(json.dumps(rates))
"""


def parse_rate(bench):
    heading("3. parse rate: lines a second through the grammar and through parse()")
    from workload import make_script

    lines = bench.facts.get("script_lines") or make_script(
        [f"00000000-0000-4000-8000-{n:012d}" for n in range(SCRIPT_HOSTS)], SCRIPT_LINES)
    lines_file = os.path.join(bench.scratch, "parse-lines.json")
    with open(lines_file, "w") as stream:
        json.dump(lines, stream)
    windows = 3 if bench.quick else 7
    trees = {"now": bench.env}
    if bench.before:
        trees["before"] = dict(bench.env, PYTHONPATH=bench.before)
    rates = {}
    for tree, env in trees.items():
        found = _json_of([PYTHON, "-c", PARSE_RATE, lines_file, str(windows)], env)
        for name, passes in found.items():
            rates[(tree, name)] = max(passes)
            say(f"  {tree:<7} {name:<22} best {max(passes):>9,.0f} lines/s "
                f"({1e6 / max(passes):.1f} µs a line), median {median(passes):>9,.0f}, over "
                f"{windows} passes of {len(lines):,} lines")
    lark_rate = rates[("now", "lark parser().parse")]
    driver = rates[("now", "tables driver")]
    bench.row("parse rate, grammar (best)", f"{driver:,.0f} lines/s",
              f"{lark_rate:,.0f} (lark)", driver / lark_rate, ">= 20,000/s", driver >= 20_000)
    p = rates[("now", "parse()")]
    bench.row("parse rate, parse() (best)", f"{p:,.0f} lines/s", f"{driver:,.0f} (grammar)",
              p / driver, "—", None)
    if ("before", "parse()") in rates:
        b = rates[("before", "parse()")]
        bench.row("parse rate, parse() before", f"{b:,.0f} lines/s", f"{p:,.0f} (now)", b / p)


# -- 4. completion ------------------------------------------------------------------------
def completion(bench):
    heading("4. completion latency (bench/completion.py)")
    if bench.before:
        worst, _ = _completion_run(bench, os.path.join(bench.before, "bench"),
                                   dict(bench.env, PYTHONPATH=bench.before), "before: ")
        bench.facts["completion_before"] = worst
    worst_ms, floor = _completion_run(bench, HERE, bench.env, "")
    bench.row("completion worst p99", f"{worst_ms:.1f} ms",
              f"{floor:.1f} ms" if floor else "—", worst_ms / floor if floor else None,
              "<= 30 ms", worst_ms <= 30.0)
    if "completion_before" in bench.facts:
        before = bench.facts["completion_before"]
        bench.row("completion worst p99 before", f"{before:.1f} ms", f"{worst_ms:.1f} (now)",
                  before / worst_ms)


def _completion_run(bench, folder, env, label):
    repeat = "1" if bench.quick else "5"
    done = subprocess.run([PYTHON, os.path.join(folder, "completion.py"), "--repeat", repeat],
                          env=env, capture_output=True, text=True, timeout=240,
                          cwd=_neutral_cwd(env))
    for line in done.stdout.splitlines():
        say("  " + label + line)
    worst = re.search(r"worst p99 ([\d.]+) ms", done.stdout)
    if not worst:
        raise RuntimeError(f"no 'worst p99' in its output (exit {done.returncode}): "
                           f"{done.stderr.strip()[-300:]}")
    worst_ms = float(worst.group(1))
    floor = None
    for line in done.stdout.splitlines():  # the worst scenario's floor p99, if the row parses
        cells = line.split()
        if len(cells) >= 7 and cells[-5] == worst.group(1):
            floor = float(cells[-3])
    return worst_ms, floor


# -- 5. memory ----------------------------------------------------------------------------
def memory(bench):
    heading(f"5. memory: a session holding {MEMORY_OBJECTS:,} cached objects")
    with SandboxProcess(bench.env) as sandbox:
        start = time.perf_counter()
        made = _fill_bridges(sandbox.url, MEMORY_OBJECTS)
        say(f"  created {made:,} bridges in the sandbox in {time.perf_counter() - start:.1f} s "
            f"(8 clients)")
        env = dict(bench.env, MIDO_API_URL=sandbox.url)
        probe = os.path.join(HERE, "memory.py")
        ours = _json_of([PYTHON, probe, sandbox.url], env)
        raw = _json_of([PYTHON, "-c", RAW_MEMORY, sandbox.url], env)
        before = _json_of([PYTHON, os.path.join(bench.before, "bench", "memory.py"),
                           sandbox.url], dict(env, PYTHONPATH=bench.before)) \
            if bench.before else None
    if ours["status"] != 0 or ours["cached"] < MEMORY_OBJECTS:
        raise RuntimeError(f"list bridge did not cache {MEMORY_OBJECTS} objects: {ours}")
    mib = ours["rss_kib"] / 1024
    raw_mib = raw["rss_kib"] / 1024
    say(f"  midoshell: {ours['rss_imports_kib'] / 1024:.1f} MB after its imports, {mib:.1f} MB "
        f"holding {ours['cached']:,} cached objects (peak {ours['peak_kib'] / 1024:.1f} MB)")
    say(f"  floor: requests + the same {raw['count']:,} documents decoded and held: "
        f"{raw_mib:.1f} MB (peak {raw['peak_kib'] / 1024:.1f} MB)")
    bench.row(f"RSS, {MEMORY_OBJECTS:,} objects cached", f"{mib:.1f} MB", f"{raw_mib:.1f} MB",
              mib / raw_mib, "<= 60 MB", mib <= 60)
    if before is not None:
        before_mib = before["rss_kib"] / 1024
        say(f"  before: {before['rss_imports_kib'] / 1024:.1f} MB after its imports, "
            f"{before_mib:.1f} MB holding {before['cached']:,} cached objects")
        bench.row(f"RSS, {MEMORY_OBJECTS:,} cached, before", f"{before_mib:.1f} MB",
                  f"{raw_mib:.1f} MB", before_mib / raw_mib)


RAW_MEMORY = r"""
import gc, json, sys, requests
docs = requests.get(sys.argv[1] + "/bridges").json()
gc.collect()
fields = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(json.dumps({"count": len(docs), "rss_kib": int(fields["VmRSS"].split()[0]),
                  "peak_kib": int(fields["VmHWM"].split()[0])}))
"""


def _json_of(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180,
                          cwd=_neutral_cwd(env))
    if done.returncode != 0:
        raise RuntimeError(f"{command[1]} exited {done.returncode}: {done.stderr[-300:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fill_bridges(url, count, clients=8):
    """POST bridges until the sandbox holds `count` of them; returns how many it holds."""
    import requests

    links = root_links(url)
    media = _bridge_media()
    have = len(requests.get(links["bridges"], timeout=30).json())
    post_bridges(links["bridges"], media, [f"mem-{n}" for n in range(have, count)], clients)
    return len(requests.get(links["bridges"], timeout=60).json())


def _bridge_media():
    try:
        from midoshell import model

        return model.object_type(model.root("bridge").type).media
    except Exception:  # noqa: BLE001 - the model moved: MidoNet's v5 bridge type will do
        return "application/vnd.org.midonet.Bridge-v4+json"


# -- 6. the sandbox -----------------------------------------------------------------------
def sandbox_rate(bench):
    heading("6. the sandbox: requests a second, 1 and 8 clients (threads, own sessions)")
    import requests

    seconds = 0.5 if bench.quick else 2.0
    media = _bridge_media()
    rates = {}
    with SandboxProcess(bench.env) as sandbox:
        links = root_links(sandbox.url)
        made = requests.post(links["bridges"], data=json.dumps({"name": "probe"}),
                             headers={"Content-Type": media}, timeout=30)
        item = made.headers["Location"]
        for method in ("GET", "POST"):
            for clients in (1, 8):
                before = sandbox.cpu_seconds()
                done, elapsed = _hammer(method, item, links["bridges"], media, clients, seconds)
                busy = (sandbox.cpu_seconds() - before) / elapsed
                rates[(method, clients)] = done / elapsed
                say(f"  {method:<4} {clients} client(s): {done / elapsed:>7.0f} requests/s "
                    f"({1000 * elapsed / done * clients:.2f} ms each as a client sees it; "
                    f"sandbox CPU {100 * busy:.0f}% of one core)")
    bench.row("sandbox GET, 1 | 8 clients",
              f"{rates[('GET', 1)]:.0f} | {rates[('GET', 8)]:.0f} /s")
    bench.row("sandbox POST, 1 | 8 clients",
              f"{rates[('POST', 1)]:.0f} | {rates[('POST', 8)]:.0f} /s")
    share = bench.facts.get("sandbox_share")
    if share:
        ours, peer = share
        say(f"  during the script benchmark the sandbox used {100 * ours:.0f}% of the midoshell "
            f"run's wall time and {100 * peer:.0f}% of the replay's (one core each)")
        bench.row("sandbox CPU / script wall time", f"{100 * ours:.0f}%",
                  f"{100 * peer:.0f}% (replay)", None, "< 50% (midoshell run)", ours < 0.5)


def _hammer(method, item, collection, media, clients, seconds):
    import requests

    counts = [0] * clients
    stop = time.perf_counter() + seconds

    def work(index):
        http = requests.Session()
        n = 0
        while time.perf_counter() < stop:
            if method == "GET":
                http.get(item, headers={"Accept": media}, timeout=30).json()
            else:
                http.post(collection, data=json.dumps({"name": f"rate-{index}-{n}"}),
                          headers={"Content-Type": media}, timeout=30)
            n += 1
        counts[index] = n

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts), time.perf_counter() - start


# -- --profile ----------------------------------------------------------------------------
def profile(bench):
    heading("profile: where the one-liner's and the script's time goes")
    import cProfile

    from profiling import import_report, import_times, one_liner_phases, profile_report
    from workload import make_script, run_plain

    with SandboxProcess(bench.env) as sandbox:
        env = dict(bench.env, MIDO_API_URL=sandbox.url)
        ours = import_times(["-m", "midoshell", "-c", "list host"], env)
        floor = import_times(["-c", f"import requests; requests.get({sandbox.url!r})"], env)
        for line in import_report("midoshell -c 'list host' (-X importtime)", ours, floor):
            say(line)
        phases = one_liner_phases(env)
        say("phases of the one-liner inside its process (ms; python's own start-up not "
            "included):")
        for name, ms in phases["phases"]:
            say(f"  {ms:>7.1f}  {name}")
    from workload import record
    from replay import load, replay

    with seeded_sandbox(bench) as server:
        lines = bench.facts.get("script_lines") or make_script(host_ids(server.url))
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        status = run_plain(lines, server.url)
        profiler.disable()
        wall = time.perf_counter() - start
    calls_file, agent = bench.facts.get("calls"), bench.facts.get("agent")
    if calls_file is None:  # section 2 did not run: record the script's requests here
        calls_file = os.path.join(bench.scratch, "profile-calls.json")
        with seeded_sandbox(bench) as server:
            recording = record(lines, server.url)
            recording.replay_file(calls_file)
            agent = recording.agent
    with seeded_sandbox(bench) as server:
        peer = cProfile.Profile()
        calls = load(calls_file, server.url)
        peer.enable()
        replay(calls, agent)
        peer.disable()
    say()
    say(f"cProfile of the {len(lines):,}-line script in one process (exit {status}, "
        f"{wall:.1f} s with the profiler on), next to the replay of its requests:")
    for line in profile_report(profiler, peer):
        say(line)


def _compile(tree):
    """Byte-compile a tree's package, as `pip install` does: otherwise, where
    PYTHONDONTWRITEBYTECODE is set, every run would compile midoshell's modules from source
    (tens of ms) while requests, the floor, comes compiled from site-packages."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", os.path.join(tree, "midoshell")],
                   check=True, stdout=subprocess.DEVNULL)


def _checkout(revision, scratch):
    """The tree of a git revision, extracted into the scratch directory."""
    target = os.path.join(scratch, "before")
    os.makedirs(target)
    root = os.path.dirname(HERE)
    archive = subprocess.run(["git", "-C", root, "archive", revision], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
    say(f"before: {revision} "
        + subprocess.run(["git", "-C", root, "log", "-1", "--format=%h %s", revision],
                         capture_output=True, text=True).stdout.strip()[:70])
    return target


def _load(before_us=False):
    """The load average: before the run, how far other work may disturb the figures."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load unknown"
    busy = " (busy: expect noisy figures)" if before_us and one > 0.5 * (os.cpu_count() or 1) \
        else ""
    return f"load average {one:.2f} {five:.2f}{busy}"


SECTIONS = [
    ("one-liner start-up", one_liner),
    ("script throughput", script),
    ("parse rate", parse_rate),
    ("completion", completion),
    ("memory", memory),
    ("sandbox", sandbox_rate),
    ("other one-liners", lambda bench: one_liners.section(bench, _tools())),
    ("build script", lambda bench: __import__("build_script").section(bench, _tools())),
    ("large listings", lambda bench: __import__("large_lists").large_lists(bench)),
]


def _tools():
    """What the sections kept in their own modules use of this one."""
    from types import SimpleNamespace

    return SimpleNamespace(heading=heading, say=say, median=median, timed_process=timed_process,
                           console_script=console_script, SandboxProcess=SandboxProcess,
                           seeded_sandbox=seeded_sandbox, script_run=_script_run,
                           script_hosts=SCRIPT_HOSTS, Bench=Bench)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (a smoke check, not figures to quote)")
    parser.add_argument("--profile", action="store_true",
                        help="also print -X importtime of the one-liner and a cProfile of "
                             "the script run")
    parser.add_argument("--only", metavar="N,N", help="run only these sections (numbers)")
    parser.add_argument("--before", metavar="REV",
                        help="also measure the tree of git revision REV (one-liners, script, "
                             "parse rate, completion, memory), in the same run")
    args = parser.parse_args(argv)
    bench = Bench(args)
    if args.before:
        bench.before = _checkout(args.before, bench.scratch)
    for tree in filter(None, (os.path.dirname(HERE), bench.before)):
        _compile(tree)
    wanted = {int(n) for n in args.only.split(",")} if args.only else None
    began = time.perf_counter()
    say(f"midoshell benchmarks{' (--quick)' if args.quick else ''}: python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, {_load(True)}, scratch in "
        f"{bench.scratch}")
    try:
        for number, (name, section) in enumerate(SECTIONS, 1):
            if wanted and number not in wanted:
                continue
            try:
                section(bench)
            except Exception as error:  # noqa: BLE001 - report it, run the other sections
                say(f"section {number} ({name}) failed:")
                say(traceback.format_exc().rstrip())
                bench.failed(name, error)
        if args.profile:
            try:
                profile(bench)
            except Exception:  # noqa: BLE001
                say("the profile failed:")
                say(traceback.format_exc().rstrip())
        heading(f"summary ({time.perf_counter() - began:.0f} s; {_load()})")
        for line in bench.table():
            say(line)
    finally:
        bench.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
