"""A build script as install guides write them, against the writes alone.

    python bench/build_script.py [--quick]      (or section 8 of bench/run.py)

A 2,000-line script of creates, sets and deletes (tenant networks: tunnel zones and their
members, routers, bridges, chains, ports, peer links, routes, rules, filters, host bindings;
scratch objects made and deleted), objects named by aliases as the guides do, nothing shown
or listed, is piped into one midoshell process against a fresh seeded sandbox.  The floor is
a raw requests.Session loop (replay.py) sending only the POSTs, PUTs and DELETEs the script
makes, against another fresh sandbox; both must leave the server in the same state.  A
create is one POST; a set reads the object first (a PUT replaces it whole), so it costs a GET
more than the floor.  Also printed: the requests each verb makes per line, and the requests
of a `-c 'create bridge name x'` one-liner (read from the sandbox's request log).
"""

import argparse
import itertools
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

LINES = 2000
TARGET = 1.15
WRITES = ("POST", "PUT", "DELETE")


def make_build_script(hosts, lines=LINES):
    """Exactly `lines` lines: tenant networks, a tunnel zone every eight of them, a scratch
    bridge made, changed and deleted every third one."""
    from workload import _Aliases  # aliases as a session gives objects made in order

    alias = _Aliases()
    return list(itertools.islice(_blocks(alias, hosts), lines))


def _blocks(alias, hosts):
    """The script's lines, network after network, for ever."""
    for k in itertools.count():
        if k % 8 == 0:
            yield f"create tunnel-zone name tz-{k // 8} type vxlan"
            zone = alias.new("tzone")
        yield from _network(k, alias, zone, f"host{k % hosts}")
        if k % 3 == 2:
            yield from _scratch(k, alias)


def _network(k, alias, zone, host):
    """One tenant network: 21 lines, 19 of them creates, a change and a peer link."""
    x, y = divmod(k, 256)
    b, r = alias.new("bridge"), alias.new("router")
    c_in, c_out = alias.new("chain"), alias.new("chain")
    uplink = f"172.{16 + x % 16}.{y}"
    return [
        f"create router name rtr-{k} asn {65000 + k % 500}",
        f"create bridge name net-{k}",
        f"create chain name in-{k}",
        f"create chain name out-{k}",
        f"router {r} add port address 10.{x}.{y}.1 net 10.{x}.{y}.0/24",
        f"router {r} add port address {uplink}.2 net {uplink}.0/30",
        f"bridge {b} add port",
        f"bridge {b} add port",
        f"bridge {b} add port vlan {k % 4000 + 1}",
        f"bridge {b} port port0 set peer {r}:port0",
        f"router {r} add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port {r}:port1 "
        f"gw {uplink}.1",
        f"router {r} add route src 0.0.0.0/0 dst 10.{x}.{y}.0/24 type normal port {r}:port0",
        f"chain {c_in} add rule src !10.0.0.0/8 dst-port 22 type drop",
        f"chain {c_in} add rule type accept",
        f"chain {c_out} add rule type jump jump-to {c_in}",
        f"bridge {b} set infilter {c_in} outfilter {c_out}",
        f"tunnel-zone {zone} add member host {host} address 192.168.{y}.{10 + x}",
        f"host {host} add binding interface tap{k} port {b}:port1",
        f"router {r} add bgp-peer asn {64512 + k % 1000} address {uplink}.1",
        f"router {r} add bgp-network net 10.{x}.{y}.0/24",
        f"router {r} add bgp-network net {uplink}.0/30",
    ]


def _scratch(k, alias):
    t = alias.new("bridge")
    return [f"create bridge name tmp-{k}", f"bridge {t} add port",
            f"bridge {t} set name tmp-{k}-x", f"bridge {t} delete port port0", f"delete bridge {t}"]


def section(bench, tools):
    """The build script against the writes alone (see the module's docstring)."""
    from dataclasses import replace

    from workload import record

    tools.heading(f"8. build script: {LINES:,} lines of creates, sets and deletes against the "
                  f"writes alone")
    with tools.seeded_sandbox(bench) as reference:
        lines = make_build_script(tools.script_hosts, LINES)
        recording = record(lines, reference.url)
        expected_state = reference.state()
    if recording.status:
        raise RuntimeError(f"the build script fails: {recording.errors.strip()[:300]}")
    writes = [c for c in recording.calls if c.method in WRITES]
    script_file = os.path.join(bench.scratch, "build.mido")
    calls_file = os.path.join(bench.scratch, "build-writes.json")
    with open(script_file, "w") as stream:
        stream.write("\n".join(lines) + "\n")
    replace(recording, calls=writes).replay_file(calls_file)
    tools.say(f"{len(recording.calls)} requests for {len(lines)} lines, {len(writes)} of them "
              f"writes (the floor sends those alone)")
    runs = _timed_runs(bench, tools, script_file, calls_file, recording, expected_state)
    ours, floor = (tools.median([r["wall"] for r in runs[k]]) for k in ("midoshell", "replay"))
    ratio = ours / floor
    paired = [a["wall"] / b["wall"] for a, b in zip(runs["midoshell"], runs["replay"])]
    busy, busy_floor = (tools.median([r["cpu"] + r["sandbox_cpu"] for r in runs[k]])
                        for k in ("midoshell", "replay"))
    tools.say(f"median: midoshell {ours:.2f} s ({1000 * ours / len(lines):.2f} ms a line), the "
              f"writes alone {floor:.2f} s; ratio {ratio:.2f} (target <= {TARGET}); each pair: "
              f"{', '.join(f'{r:.2f}' for r in paired)}")
    tools.say(f"CPU of client and sandbox together (less disturbed by other load): "
              f"{busy:.2f} s against {busy_floor:.2f} s, ratio {busy / busy_floor:.2f}")
    bench.row(f"build script, {len(lines):,} lines", f"{ours:.2f} s", f"{floor:.2f} s", ratio,
              f"ratio <= {TARGET}", ratio <= TARGET)
    bench.row("build script, client + sandbox CPU", f"{busy:.2f} s", f"{busy_floor:.2f} s",
              busy / busy_floor)
    if runs.get("before"):
        before = tools.median([r["wall"] for r in runs["before"]])
        tools.say(f"before: {before:.2f} s, ratio {before / floor:.2f}")
        bench.row("build script before", f"{before:.2f} s", f"{floor:.2f} s", before / floor)
    _per_verb(bench, tools, recording)
    _one_liner(bench, tools)


def _timed_runs(bench, tools, script_file, calls_file, recording, expected):
    """Each run of midoshell (and of the --before tree) and of the floor against a fresh
    sandbox, interleaved: wall seconds, client and sandbox CPU; every run's output, answers
    and final state checked."""
    runs = {"midoshell": [], "replay": [], **({"before": []} if bench.before else {})}
    for n in range(1 if bench.quick else 5):
        for name in (list(runs) if n % 2 == 0 else reversed(list(runs))):
            with tools.seeded_sandbox(bench) as server:
                result = tools.script_run(bench, name, server, script_file, calls_file,
                                          recording, expected)
            runs[name].append(result)
            tools.say(f"  run {n + 1} {name:<9} {result['wall']:>6.2f} s wall, "
                      f"{result['cpu']:>5.2f} s CPU in the client, "
                      f"{result['sandbox_cpu']:>5.2f} s in the sandbox; {result['check']}")
    return runs


def _per_verb(bench, tools, recording):
    """Requests per line for each verb, by method."""
    from workload import verb_table

    table = verb_table(recording)
    tools.say("requests per line, by verb (scripts print UUIDs; aliases are named as made)")
    tools.say(f"  {'verb':<7} {'lines':>5} {'req/line':>8} {'max':>4}  {'GET':>5} {'POST':>5} "
              f"{'PUT':>5} {'DEL':>5}")
    for verb, s in table.items():
        n, m = s["lines"], s["methods"]
        tools.say(f"  {verb:<7} {n:>5} {s['requests'] / n:>8.2f} {s['max']:>4}  "
                  f"{m['GET'] / n:>5.2f} {m['POST'] / n:>5.2f} {m['PUT'] / n:>5.2f} "
                  f"{m['DELETE'] / n:>5.2f}")
    create = table.get("create")
    if create:
        n = create["lines"]
        per_line = create["requests"] / n
        bench.row("build script, requests per create", f"{per_line:.3f} (max {create['max']})",
                  "1 POST", None, "1 POST", create["methods"]["POST"] == n and per_line <= 1.01)


ONE_LINER = "create bridge name x"


def _one_liner(bench, tools):
    """The requests of `midoshell -c 'create bridge name x'`, from the sandbox's request log:
    a first run reads the root document (then cached), the next ones only POST."""
    import logging
    import re

    from midoshell.sandbox.server import SandboxServer

    logged = []
    pattern = re.compile(r'"([A-Z]+) (\S+) HTTP/1\.1"')
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: logged.extend(
        " ".join(m.groups()) for m in [pattern.search(record.getMessage())] if m)
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.addHandler(handler)
    werkzeug.setLevel(logging.INFO)
    server = SandboxServer(host="127.0.0.1", port=0, hosts=1, log_requests=True)
    try:
        env = dict(bench.env, MIDO_API_URL=server.url)
        counts = []
        for _ in range(3):
            before = len(logged)
            done = subprocess.run([sys.executable, "-m", "midoshell", "-c", ONE_LINER],
                                  env=env, capture_output=True, text=True, timeout=60,
                                  cwd=bench.scratch)
            if done.returncode:
                raise RuntimeError(f"-c '{ONE_LINER}' failed: {done.stderr.strip()[:300]}")
            counts.append(logged[before:])
    finally:
        server.stop()
        werkzeug.removeHandler(handler)
    first, later = counts[0], counts[-1]
    tools.say(f"-c '{ONE_LINER}': first run {len(first)} requests ({', '.join(first)}), then "
              f"{len(later)} ({', '.join(later)})")
    bench.row(f"-c '{ONE_LINER}' requests", str(len(later)), "1 POST", None, "1",
              len(later) == 1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one timed run of each")
    args = parser.parse_args(argv)
    import run

    tools = run._tools()
    bench = tools.Bench(argparse.Namespace(quick=args.quick, profile=False, only=None,
                                         before=None))
    try:
        section(bench, tools)
        tools.heading("summary")
        for line in bench.table():
            tools.say(line)
    finally:
        bench.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
