"""Section 7: more one-liners than `list host`, each against a floor doing its requests.

For every command the floor is a Python process that imports requests and makes exactly the
requests midoshell made for it (recorded from `midoshell -d` after a warm-up, so the root
document comes from its cache), with one requests.Session.  The ratio is then what
midoshell's own work costs per run: start-up, parsing, resolving and printing.  The number of
requests is printed too: a one-liner that makes fewer requests than another tool shows it
there, not in the ratio.
"""

import re
import sys

PYTHON = sys.executable

COMMANDS = [
    "list router",
    "show bridge bridge0",
    "show router router0 name",
    "router router0 list port",
    "router router0 list route",
    "bridge bridge0 port port0 show",
    "chain chain0 list rule",
]

SETUP = [
    "create router name edge",
    "router router0 add port address 10.0.0.1 net 10.0.0.0/24",
    "router router0 add route src 0.0.0.0/0 dst 10.1.0.0/16 type normal port router0:port0 "
    "gw 10.0.0.2",
    "create bridge name tenant-net",
    "bridge bridge0 add port",
    "create chain name filter",
    "chain chain0 add rule type accept dst 10.1.0.0/16 pos 1",
]

FLOOR = r"""
import sys, requests
http = requests.Session()
for line in sys.argv[1:]:
    method, url = line.split(" ", 1)
    answer = http.request(method, url)
    answer.json() if answer.content else None
"""

REQUEST_LINE = re.compile(r"^midoshell\.http: (GET|POST|PUT|DELETE) (\S+)", re.M)


def section(bench, tools):
    """`tools`: run.py's helpers (heading, say, median, timed_process, console_script,
    SandboxProcess)."""
    tools.heading("7. other one-liners: midoshell -c against requests making the same requests")
    runs = 5 if bench.quick else 11
    midoshell = tools.console_script(bench)
    with tools.SandboxProcess(bench.env) as sandbox:
        env = dict(bench.env, MIDO_API_URL=sandbox.url)
        for line in SETUP:
            _checked(tools, [midoshell, "-c", line], env)
        commands, counts = {}, {}
        for line in COMMANDS:
            requests_made = _requests_of(tools, midoshell, line, env)
            counts[line] = len(requests_made)
            commands[line] = [midoshell, "-c", line]
            commands[line + " floor"] = [PYTHON, "-c", FLOOR, *requests_made]
        times = _interleaved(tools, commands, env, runs)
    tools.say(f"{runs} interleaved runs each, medians (ms):")
    for line in COMMANDS:
        ours, floor = tools.median(times[line]), tools.median(times[line + " floor"])
        tools.say(f"  {line:<34} {ours:7.1f}  floor {floor:7.1f}  ratio {ours / floor:.2f}"
                  f"  requests {counts[line]}")
        bench.row(f"one-liner -c '{line}'", f"{ours:.1f} ms", f"{floor:.1f} ms", ours / floor,
                  "ratio <= 1.15", ours / floor <= 1.15)


def _checked(tools, command, env):
    wall, status, _, err, _ = tools.timed_process(command, env)
    if status != 0:
        raise RuntimeError(f"{command[-1]!r} exited {status}: {err.strip()[-300:]}")
    return err


def _requests_of(tools, midoshell, line, env):
    """The requests a warm run of `line` makes, as 'METHOD URL' (from its -d log)."""
    _checked(tools, [midoshell, "-c", line], env)  # warm: root document cached
    log = _checked(tools, [midoshell, "-d", "-c", line], env)
    made = [f"{method} {url}" for method, url in REQUEST_LINE.findall(log)]
    if not made:
        raise RuntimeError(f"{line!r} made no request that -d shows")
    return made


def _interleaved(tools, commands, env, runs):
    times = {name: [] for name in commands}
    names = list(commands)
    for n in range(runs):
        for name in names if n % 2 == 0 else reversed(names):
            wall, status, _, err, _ = tools.timed_process(commands[name], env)
            if status != 0:
                raise RuntimeError(f"{name} exited {status}: {err.strip()[-300:]}")
            times[name].append(wall * 1000)
    return times
