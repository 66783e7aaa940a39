"""The script benchmark's workload: a provisioning script, and the HTTP calls it makes.

`make_script` writes what an operator's provisioning script looks like: per tenant network a
bridge, a router, two chains, ports, a route, rules, a peer link, filters, a tunnel-zone
member (hosts named by UUID, as scripts scrape them), then shows, lists, sets and deletes.
Objects are named by aliases (`bridge3`, `router3:port0`) and by field filters
(`rule type drop`), which work whether or not aliases are printed.

`record` runs a script in this process through the same Session and Runner as `midoshell`,
with `Client._send` wrapped, and keeps every request each line made: method, URL, headers,
body, status, and whether it was made while naming an object for printing.
"""

import collections
import inspect
import io
import json
import os
from dataclasses import dataclass, field

from midoshell.client import Client
from midoshell.parsing import parse
from midoshell.runner import Runner
from midoshell.session import Session

BASE = "{BASE}"  # the sandbox URL, taken out of recorded URLs and bodies
VERBS = {"CreateCommand": "create", "SetCommand": "set", "ClearCommand": "clear",
         "ShowCommand": "show", "ListCommand": "list", "DeleteCommand": "delete"}
# The requests a line of each verb cannot do without, whatever the client: a raw loop that
# knows every URL still has to make these.
# (A change is a PUT of the whole document, so it needs the document first.)
OWN = {"create": {"POST": 1, "GET": 1}, "list": {"GET": 1}, "show": {"GET": 1},
       "set": {"GET": 1}, "clear": {"GET": 1}, "delete": {"DELETE": 1}}
NAMING = ("chain", "alias", "object_name", "port_name")


class _Aliases:
    """Hands out aliases the way a session does for objects created in order: numbers per
    prefix in creation order (the script lists each collection right after its first
    object is created, so listing order and creation order agree)."""

    def __init__(self):
        self.next = collections.Counter()

    def new(self, prefix):
        number = self.next[prefix]
        self.next[prefix] += 1
        return f"{prefix}{number}"


def make_script(hosts, lines=2000):
    """A provisioning script of exactly `lines` lines (see the module's docstring)."""
    out, alias, k = [], _Aliases(), 0
    zone = None
    while len(out) < lines:
        if k % 8 == 0:
            if zone is not None:
                out.append(f"tunnel-zone {zone} list member")
            out.append(f"create tunnel-zone name tz-{k // 8} type vxlan")
            zone = alias.new("tzone")
        out += _network(k, alias, zone, hosts[k % len(hosts)])
        if k % 4 == 3:
            out += _scratch_bridge(k, alias)
        if k % 10 == 9:
            out += ["list bridge", "list router", "list chain", "list host",
                    "list tunnel-zone"]
        k += 1
    return out[:lines]


def _network(k, alias, zone, host):
    """One tenant network: about 27 lines."""
    x, y = divmod(k, 256)
    b, r = alias.new("bridge"), alias.new("router")
    c_in, c_out = alias.new("chain"), alias.new("chain")
    return [
        f"# network {k}",
        f"create bridge name net-{k}",
        f"create router name rtr-{k}",
        f"create chain name in-{k}",
        f"create chain name out-{k}",
        f"bridge {b} add port",
        f"bridge {b} add port vlan {k % 4000 + 1}",
        f"router {r} add port address 10.{x}.{y}.1 net 10.{x}.{y}.0/24",
        f"router {r} add route src 0.0.0.0/0 dst 172.16.{y}.0/24 type normal "
        f"port {r}:port0 gw 10.{x}.{y}.254",
        f"bridge {b} port port0 set peer {r}:port0",
        f"chain {c_in} add rule src !10.0.0.0/8 dst-port 22 type drop",
        f"chain {c_in} add rule type accept",
        f"chain {c_out} add rule type jump jump-to {c_in}",
        f"bridge {b} set infilter {c_in} outfilter {c_out}",
        f"tunnel-zone {zone} add member host {host} address 192.168.{y}.{10 + x}",
        f"router {r} set name rtr-{k}-edge",
        f"bridge {b} show",
        f"{b}:port0 show",
        f"bridge {b} port port0 show peer",
        f"router {r} port port0 show",
        f"router {r} show name",
        f"router {r} list port",
        f"router {r} list route",
        f"chain {c_in} list rule",
        f"chain {c_in} rule type drop set dst-port 2222",
        f"chain {c_in} delete rule type accept",
        f"bridge {b} delete port port1",
    ]


def _scratch_bridge(k, alias):
    t = alias.new("bridge")
    return [f"create bridge name tmp-{k}", f"bridge {t} add port", f"bridge {t} set name tmp-{k}-x",
            f"bridge {t} delete"]


def verb_of(line):
    """The verb a script line uses (`create`, `show`, …), or None for comments."""
    command = parse(line)
    return VERBS.get(type(command).__name__, type(command).__name__)


@dataclass
class Call:
    line: int
    method: str
    path: str       # URL with the sandbox's base replaced by BASE
    headers: dict
    data: str       # the JSON body as sent, BASE for the sandbox's URL, or None
    params: dict
    status: int
    naming: bool    # made while naming an object for printing


@dataclass
class Recording:
    lines: list
    calls: list = field(default_factory=list)
    output: str = ""
    errors: str = ""
    status: int = 0
    agent: str = None  # the client's User-Agent
    extra_calls: list = field(default_factory=list)  # made by the lines run after the script

    def replay_file(self, path):
        """The calls, as the replay program reads them."""
        with open(path, "w") as stream:
            json.dump([[c.method, c.path, c.headers, c.data, c.params, c.status]
                       for c in self.calls], stream)

    def per_line(self):
        """line number -> [Call]."""
        grouped = collections.defaultdict(list)
        for c in self.calls:
            grouped[c.line].append(c)
        return grouped


def record(lines, url, show_aliases=False, then=()):
    """Run a script in this process against `url`, as `midoshell` would, keeping its calls;
    then run the lines of `then` (read-only lines, to probe what the session has cached),
    whose calls are kept apart in `extra_calls`."""
    client = Client(url)
    session = Session(client, show_aliases=show_aliases)
    recording = Recording(lines)
    where = {"line": 0, "naming": 0}
    send = client._send
    signature = inspect.signature(send)
    http = getattr(client, "http", None)
    recording.agent = http.headers.get("User-Agent") if http is not None else None

    def recording_send(*args, **kwargs):
        response = send(*args, **kwargs)
        call = signature.bind(*args, **kwargs)
        call.apply_defaults()
        a = call.arguments
        headers = {k: v for k, v in (("Accept", a.get("accept")),
                                     ("Content-Type", a.get("content_type"))) if v}
        if getattr(client, "token", None):
            headers["X-Auth-Token"] = client.token
        body = a.get("body")
        data = json.dumps(body) if body is not None else None
        recording.calls.append(Call(
            where["line"], a["method"], _relative(a["uri"], url), headers,
            data.replace(url, BASE) if data else None, a.get("params"),
            response.status_code, where["naming"] > 0))
        return response

    client._send = recording_send
    for name in NAMING:
        _count_depth(session.names, name, where)
    stdout, stderr = io.StringIO(), io.StringIO()
    runner = Runner(session, stdout=stdout, stderr=stderr)
    for number, line in enumerate(lines, 1):
        where["line"] = number
        status, _ = runner.run_one(line, f"<script>:{number}")
        if status:
            recording.status = status
            break
    recording.output, recording.errors = stdout.getvalue(), stderr.getvalue()
    script_calls = len(recording.calls)
    for number, line in enumerate(then if not recording.status else (), len(lines) + 1):
        where["line"] = number
        status, _ = runner.run_one(line, f"<probe>:{number}")
        recording.status = recording.status or status
    recording.extra_calls = recording.calls[script_calls:]
    del recording.calls[script_calls:]
    if recording.status:
        recording.errors = stderr.getvalue()
    return recording


def _count_depth(obj, name, where):
    """Wrap obj.name so that requests made inside it are marked."""
    method = getattr(obj, name, None)
    if method is None:
        return

    def wrapped(*args, **kwargs):
        where["naming"] += 1
        try:
            return method(*args, **kwargs)
        finally:
            where["naming"] -= 1

    setattr(obj, name, wrapped)


def _relative(uri, url):
    if uri.startswith(url):
        return BASE + uri[len(url):]
    return uri


def verb_table(recording):
    """Per verb: lines, requests per line by method, the most any line made, GETs beyond the
    verb's own (path lookups, alias listings, references), requests made while naming."""
    per_line = recording.per_line()
    stats = {}
    for number, line in enumerate(recording.lines, 1):
        verb = verb_of(line)
        if verb not in OWN:
            continue
        calls = per_line.get(number, [])
        s = stats.setdefault(verb, {"lines": 0, "requests": 0, "max": 0, "extra_get": 0,
                                    "naming": 0, "methods": collections.Counter(),
                                    "max_method": collections.Counter()})
        methods = collections.Counter(c.method for c in calls)
        s["lines"] += 1
        s["requests"] += len(calls)
        s["max"] = max(s["max"], len(calls))
        s["methods"].update(methods)
        for m, n in methods.items():
            s["max_method"][m] = max(s["max_method"][m], n)
        s["extra_get"] += max(0, methods["GET"] - OWN[verb].get("GET", 0))
        s["naming"] += sum(1 for c in calls if c.naming)
    return stats


def run_plain(lines, url, show_aliases=False):
    """Run a script in this process as `midoshell` would, output thrown away (for profiling);
    returns the exit status."""
    session = Session(Client(url), show_aliases=show_aliases)
    with open(os.devnull, "w") as sink:
        return Runner(session, stdout=sink, stderr=io.StringIO()).run_lines(lines, "<script>")


def own_requests(recording):
    """How many requests the script's lines make, and how many they could not do without
    (each verb's own, see OWN): the rest are path lookups, alias listings and references."""
    per_line = recording.per_line()
    made = needed = 0
    for number, line in enumerate(recording.lines, 1):
        calls = per_line.get(number, [])
        made += len(calls)
        verb = verb_of(line)
        own = OWN.get(verb)
        if own is None:
            needed += len(calls)
            continue
        methods = collections.Counter(c.method for c in calls)
        needed += sum(n if m != "GET" else min(n, own.get("GET", 0))
                      for m, n in methods.items())
    return made, needed
