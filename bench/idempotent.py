"""Benchmark: a 2,000-line provisioning script run twice with --may-exist.

The first run builds the topology in a fresh sandbox; the second finds every object already
there.  The second must make no write and at most one GET per collection (every URL it GETs,
it GETs once), and should run at least 3x faster than the first.  Both runs go through the
same Session and Runner as `midoshell --may-exist -f SCRIPT`, against a sandbox in its own
process on loopback; the requests are counted by wrapping Client.request.

    PYTHONPATH=. python bench/idempotent.py [--lines N]
"""

import argparse
import collections
import io
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from midoshell.client import Client  # noqa: E402
from midoshell.runner import Runner  # noqa: E402
from midoshell.session import Session  # noqa: E402


def make_script(lines):
    """Per network: a bridge with ports and DHCP, a router with a port and a route, a chain
    with rules, a link, filters; tunnel-zone members first.  Exactly `lines` lines."""
    out = ["create tunnel-zone name overlay type vxlan"]
    out += [f"tunnel-zone tzone0 add member host host{h} address 192.0.2.{10 + h}"
            for h in range(3)]
    n = 0
    while len(out) < lines:
        net = [
            f"create bridge name net-{n}",
            f"bridge bridge{n} add port",
            f"bridge bridge{n} add port vlan {n % 4000 + 1}",
            f"bridge bridge{n} add dhcp subnet 10.{n // 250}.{n % 250}.0/24 "
            f"gw 10.{n // 250}.{n % 250}.1",
            f"bridge bridge{n} dhcp subnet 10.{n // 250}.{n % 250}.0/24 add host name vm-{n} "
            f"mac 02:00:00:00:{n // 256:02x}:{n % 256:02x} address 10.{n // 250}.{n % 250}.5",
            f"create router name rtr-{n}",
            f"router router{n} add port addresses 10.{n // 250}.{n % 250}.1/24",
            f"router router{n} add route type normal src 0.0.0.0/0 dst 172.16.{n % 250}.0/24 "
            f"gw 10.{n // 250}.{n % 250}.254 port router{n}:port0",
            f"create chain name in-{n}",
            f"chain chain{n} add rule type accept dst-port 22 proto 6",
            f"chain chain{n} add rule type drop src 10.0.0.0/8",
            f"bridge bridge{n} port port0 set peer router{n}:port0",
            f"router router{n} set infilter chain{n}",
        ]
        out += net
        n += 1
    return out[:lines]


class CountingClient(Client):
    """A client that counts what it sends: (method, url) -> times."""

    counts = collections.Counter()

    def request(self, method, uri, *args, **kwargs):
        CountingClient.counts[(method, uri.split("?")[0])] += 1
        return super().request(method, uri, *args, **kwargs)


def run(url, script):
    CountingClient.counts = collections.Counter()
    session = Session(CountingClient(url), show_aliases=False)
    session.may_exist = True
    runner = Runner(session, stdout=io.StringIO(), stderr=sys.stderr)
    start = time.perf_counter()
    status = runner.run_lines(script, "bench")
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"the script failed (status {status})")
    return elapsed, CountingClient.counts


def serve_sandbox(home):
    env = dict(os.environ, HOME=home, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "midoshell.sandbox", "--port", "0",
                             "--hosts", "3", "--state", os.path.join(home, "state.db")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    if not line.startswith("midoshell-sandbox: serving "):
        raise SystemExit("the sandbox did not start: " + line + proc.stderr.read())
    return proc, line.split()[-1]


def summary(counts):
    by_method = collections.Counter()
    for (method, _), times in counts.items():
        by_method[method] += times
    repeated = sum(1 for (method, _), times in counts.items() if method == "GET" and times > 1)
    return by_method, repeated


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args(argv)
    script = make_script(args.lines)
    with tempfile.TemporaryDirectory() as home:
        proc, url = serve_sandbox(home)
        try:
            first, first_counts = run(url, script)
            second, second_counts = run(url, script)
        finally:
            proc.terminate()
            proc.wait()
    first_methods, _ = summary(first_counts)
    second_methods, repeated = summary(second_counts)
    writes = sum(t for m, t in second_methods.items() if m != "GET")
    print(f"script: {len(script)} lines, run twice with --may-exist")
    print(f"first run:  {first:7.2f} s  requests {dict(first_methods)}")
    print(f"second run: {second:7.2f} s  requests {dict(second_methods)}")
    print(f"second run: {writes} writes, {second_methods['GET']} GETs of "
          f"{len([k for k in second_counts if k[0] == 'GET'])} URLs, {repeated} URLs "
          f"fetched more than once")
    ratio = first / second
    print(f"ratio first/second: {ratio:.1f}x (target >= 3x)")
    return 0 if writes == 0 and repeated == 0 and ratio >= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
