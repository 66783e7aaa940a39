"""Where the time goes: `-X importtime` of a command, phases of a one-liner, cProfile summaries."""

import collections
import io
import json
import os
import pstats
import re
import subprocess
import sys

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s*\|\s*(\d+)\s*\|(\s*)(\S+)")


def import_times(command, env):
    """[(self µs, cumulative µs, depth, module)] from `python -X importtime …`, in order."""
    done = subprocess.run([sys.executable, "-X", "importtime", *command], env=env,
                          capture_output=True, text=True, timeout=120)
    found = []
    for line in done.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            own, total, indent, name = match.groups()
            found.append((int(own), int(total), (len(indent) - 1) // 2, name))
    return found


def by_package(entries):
    """Self time (ms) summed per top-level package."""
    sums = collections.Counter()
    for own, _, _, name in entries:
        sums[name.split(".")[0]] += own / 1000
    return sums


def import_report(label, entries, floor_entries, top=15):
    """Lines: total import time, per-package self time next to the floor's, and the
    heaviest imports by cumulative time (an import's children are inside its figure)."""
    total = sum(own for own, *_ in entries) / 1000
    floor_total = sum(own for own, *_ in floor_entries) / 1000
    ours, floor = by_package(entries), by_package(floor_entries)
    lines = [f"{label}: {len(entries)} modules imported in {total:.1f} ms "
             f"(the floor: {len(floor_entries)} modules, {floor_total:.1f} ms)",
             f"  {'package':<28} {'self ms':>8} {'floor ms':>9}"]
    for name, ms in ours.most_common(top):
        lines.append(f"  {name:<28} {ms:>8.1f} {floor.get(name, 0.0):>9.1f}")
    only = sum(ms for name, ms in ours.items() if name not in floor)
    lines.append(f"  packages the floor does not import: {only:.1f} ms "
                 f"({', '.join(n for n, _ in ours.most_common() if n not in floor and _ >= 1)})")
    lines.append("  heaviest imports by cumulative time (depth: 0 = imported by the program):")
    heavy = sorted(entries, key=lambda e: -e[1])[:top]
    for own, cumulative, depth, name in heavy:
        lines.append(f"  {cumulative / 1000:>8.1f} ms cumulative {own / 1000:>7.1f} ms self  "
                     f"depth {depth}  {name}")
    return lines


PHASES = r"""
import json, sys, time
t = [time.perf_counter()]
import midoshell.main
t.append(time.perf_counter())
from midoshell.lark_grammar import tables_parser
tables_parser()
t.append(time.perf_counter())
import midoshell.client
t.append(time.perf_counter())
import midoshell.session, midoshell.runner, midoshell.connect
t.append(time.perf_counter())
status = midoshell.main.main(["-c", "list host"])
t.append(time.perf_counter())
names = ["import midoshell.main (argparse, config, output)",
         "the grammar's LALR tables from the cache (JSON)",
         "import midoshell.client (requests)", "import session, runner, connect",
         "main(): settings, connection, run_line, print"]
print(json.dumps({"status": status, "phases": [[n, (b - a) * 1000] for n, a, b in
                  zip(names, t, t[1:])]}), file=sys.stderr)
"""


def one_liner_phases(env):
    """Milliseconds of each phase of `midoshell -c 'list host'`, measured inside the process
    (the interpreter's own start-up is not in these)."""
    done = subprocess.run([sys.executable, "-c", PHASES], env=env, capture_output=True,
                          text=True, timeout=120)
    for line in reversed(done.stderr.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"the phase probe failed: {done.stderr.strip()[-500:]}")


def _area(key):
    """Which part of the stack a profiled function belongs to."""
    filename, _, function = key
    if filename == "~":
        if any(w in function for w in ("socket", "select", "poll", "recv", "send")):
            return "socket calls (connect, send, wait for the answer, close)"
        if "json" in function:
            return "json (C)"
        return "builtins"
    path = filename.replace(os.sep, "/")
    if "/midoshell/" in path:
        return "midoshell/" + path.rsplit("/midoshell/", 1)[1]
    for marker, name in (("/lark/", "lark"), ("/requests/", "requests"),
                         ("/urllib3/", "urllib3"), ("/http/client.py", "http.client"),
                         ("/email/", "email (header parsing)"), ("/json/", "json"),
                         ("/socket.py", "socket.py"), ("/copy.py", "copy (deepcopy)"),
                         ("/re/", "re"), ("/logging/", "logging"), ("/threading.py", "threading"),
                         ("/urllib/", "urllib"), ("/idna/", "idna"), ("/ssl.py", "ssl")):
        if marker in path:
            return name
    return path.rsplit("/", 1)[-1]


def _areas(profile):
    stats = pstats.Stats(profile)
    areas = collections.Counter()
    for key, (_, _, own, _, _) in stats.stats.items():
        areas[_area(key)] += own
    return areas


def profile_report(profile, peer=None, top=20):
    """Lines: own time per area of the stack (next to the peer's, when given), then the top
    functions by cumulative and by own time."""
    areas = _areas(profile)
    peer_areas = _areas(peer) if peer is not None else collections.Counter()
    total, peer_total = sum(areas.values()), sum(peer_areas.values())
    lines = [f"own time by area, in seconds (profiler on: {total:.2f} s"
             + (f"; the replay of the same requests: {peer_total:.2f} s)" if peer else ")"),
             f"  {'midoshell':>9} {'%':>5} {'replay':>7}  area"]
    for name in sorted(set(areas) | set(peer_areas), key=lambda n: -areas[n])[:24]:
        lines.append(f"  {areas[name]:>9.2f} {100 * areas[name] / total:>5.1f} "
                     f"{peer_areas[name]:>7.2f}  {name}")
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profile, stream=text).strip_dirs().sort_stats(order).print_stats(top)
        body = text.getvalue().splitlines()
        start = next((i for i, l in enumerate(body) if l.lstrip().startswith("ncalls")), 0)
        lines.append(f"midoshell: top {top} by {order} time:")
        lines += ["  " + l for l in body[start:] if l.strip()]
    return lines
