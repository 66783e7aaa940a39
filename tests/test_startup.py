"""Start-up: what --help, --version and one-liners import, the cached root document and when
it is fetched again, and object types built only when a line needs them."""

import json
import os
import subprocess
import sys

import pytest

from midoshell import rootcache
from midoshell.client import Client
from midoshell.errors import ApiError

from conftest import run_midoshell

HEAVY = ("requests", "lark", "urllib3", "prompt_toolkit", "pygments", "tabulate", "werkzeug")


def imported_by(args, env):
    """The top-level packages of HEAVY, and midoshell.model's modules, that `main(args)`
    imported in a fresh interpreter; and its exit status."""
    probe = ("import json, sys\nfrom midoshell.main import main\n"
             "try:\n    status = main(%r)\nexcept SystemExit as leaving:\n"
             "    status = leaving.code\n"
             "print(json.dumps([status, sorted({m.split('.')[0] for m in sys.modules} & set(%r)),"
             " sorted(m for m in sys.modules if m.startswith('midoshell.model.'))]))"
             % (list(args), HEAVY))
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    status, heavy, model = json.loads(done.stdout.strip().splitlines()[-1])
    return status, heavy, model


def test_help_imports_neither_requests_nor_lark(shell_env):
    assert imported_by(["--help"], shell_env)[:2] == (0, [])


def test_version_without_an_api_imports_neither_requests_nor_lark(shell_env):
    env = {k: v for k, v in shell_env.items() if k != "MIDO_API_URL"}
    assert imported_by(["--version"], env)[:2] == (0, [])


def test_version_reads_the_api_version_from_the_cache(shell_env):
    first = run_midoshell(["--version"], shell_env)  # nothing cached yet: asks the API
    assert first.returncode == 0
    assert first.stdout.splitlines()[1].startswith("MidoNet API v5.0 at http://127.0.0.1:")
    assert "cached" not in first.stdout
    status, heavy, _ = imported_by(["--version"], shell_env)
    assert (status, heavy) == (0, [])
    again = run_midoshell(["--version"], shell_env)
    assert again.stdout.splitlines()[1].startswith(
        f"MidoNet API v5.0 at {shell_env['MIDO_API_URL']} (cached 2")


@pytest.mark.parametrize("line", ["list host", "create bridge name b", "help", "bridge list"])
def test_one_liners_do_not_import_lark(shell_env, line):
    """Once the grammar's tables are cached: the first run makes them with lark."""
    first = imported_by(["-c", line], shell_env)
    assert first[:2] == (0, ["lark", "requests", "urllib3"])
    status, heavy, _ = imported_by(["-c", line], shell_env)
    assert status == 0
    assert heavy == ["requests", "urllib3"]


SLOW_STDLIB = ("argparse", "dataclasses", "inspect", "configparser", "gettext")


@pytest.mark.parametrize("line", ["list host", "create bridge name b"])
def test_a_plain_one_liner_imports_none_of_the_slow_standard_modules(shell_env, line):
    """argparse (its parser is built only for --help, errors and unusual command lines) and
    dataclasses (through inspect, ~3 ms) stay out of the common path."""
    probe = ("import sys\nfrom midoshell.main import main\nstatus = main(%r)\n"
             "print(status, sorted(set(sys.modules) & set(%r)))" % (["-c", line], SLOW_STDLIB))
    run = [sys.executable, "-c", probe]
    subprocess.run(run, env=shell_env, capture_output=True, timeout=60)  # tables cached
    done = subprocess.run(run, env=shell_env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr


def test_a_one_liner_builds_only_the_types_it_touches(shell_env):
    _, _, hosts = imported_by(["-c", "list host"], shell_env)
    assert "midoshell.model.services" in hosts
    assert "midoshell.model.devices" not in hosts and "midoshell.model.policy" not in hosts
    _, _, bridges = imported_by(["-c", "list bridge"], shell_env)
    assert "midoshell.model.devices" in bridges and "midoshell.model.services" not in bridges


def test_the_catalog_knows_where_each_type_is_defined():
    import importlib

    from midoshell.model import catalog

    for module in catalog.MODULES:
        keys = tuple(t.key for t in importlib.import_module(f"midoshell.model.{module}").TYPES)
        assert keys == catalog.WHERE[module]


def test_types_load_lazily_and_whole_views_see_every_type():
    import importlib

    from midoshell.model import catalog

    types = catalog._Types()
    assert types["host"].key == "host" and types._loaded == {"services"}
    assert "rule" in types and "nothing" not in types and types.get("nothing") is None
    every = [t.key for m in catalog.MODULES
             for t in importlib.import_module(f"midoshell.model.{m}").TYPES]
    assert list(types) == every and len(types) == len(every)
    with pytest.raises(KeyError):
        types["nothing"]


# -- the root document cache -----------------------------------------------------------------
class Counting(Client):
    """A client that records (method, uri) of every request it sends."""

    def __init__(self, url, **options):
        super().__init__(url, cache_root=True, **options)
        self.sent = []

    def _send(self, method, uri, *rest):
        self.sent.append((method, uri))
        return super()._send(method, uri, *rest)


def root_gets(client):
    return [s for s in client.sent if s == ("GET", client.url + "/")]


def test_the_root_document_is_fetched_once_then_read_from_the_cache(sandbox):
    first = Counting(sandbox.url)
    hosts = first.get(first.root_link("hosts"), None)
    assert len(root_gets(first)) == 1
    second = Counting(sandbox.url)
    assert second.get(second.root_link("hosts"), None) == hosts
    assert root_gets(second) == [] and len(second.sent) == 1


def plant_root(url, change):
    """Cache a root document for url, changed by `change(root)`; returns the real one."""
    real = Client(url).root()
    planted = json.loads(json.dumps(real))
    change(planted)
    rootcache.store(url, planted)
    return real


def test_a_stale_cached_root_is_fetched_again_and_the_request_retried(sandbox):
    def moved(root):
        root["hosts"] = root["hosts"].replace("/hosts", "/old-hosts")
        root["hostTemplate"] = root["hostTemplate"].replace("/hosts/", "/old-hosts/")

    real = plant_root(sandbox.url, moved)
    client = Counting(sandbox.url)
    hosts = client.get(client.root_link("hosts"), None)
    assert len(hosts) == 3
    assert [m for m, _ in client.sent] == ["GET", "GET", "GET"]  # 404, root, retried
    assert client.sent[0][1].endswith("/old-hosts") and client.sent[2][1] == real["hosts"]
    one = client.get(client.template_uri("hostTemplate", hosts[0]["id"]), None)
    assert one["id"] == hosts[0]["id"]
    assert rootcache.load(sandbox.url) == real


def test_a_templated_uri_from_a_stale_root_is_rebuilt(sandbox):
    def moved(root):
        root["hostTemplate"] = root["hostTemplate"].replace("/hosts/", "/old-hosts/")

    plant_root(sandbox.url, moved)
    host_id = Client(sandbox.url).get(Client(sandbox.url).root_link("hosts"), None)[0]["id"]
    client = Counting(sandbox.url)
    assert client.get(client.template_uri("hostTemplate", host_id), None)["id"] == host_id
    assert client.sent[-1][1].endswith(f"/hosts/{host_id}")


def test_a_key_missing_from_the_cached_root_fetches_it_again(sandbox):
    real = plant_root(sandbox.url, lambda root: root.pop("bridges"))
    client = Counting(sandbox.url)
    assert client.root_link("bridges") == real["bridges"]
    assert len(root_gets(client)) == 1


def test_a_real_404_fetches_the_root_at_most_once_and_is_reported(sandbox):
    Client(sandbox.url, cache_root=True).root()
    client = Counting(sandbox.url)
    missing = client.template_uri("hostTemplate", "00000000-0000-4000-8000-000000000000")
    for _ in range(2):
        with pytest.raises(ApiError) as raised:
            client.get(missing, None)
        assert raised.value.status == 404
    assert len(root_gets(client)) == 1


def test_a_one_liner_makes_no_root_request_once_cached(shell_env):
    for expected in (True, False):
        done = run_midoshell(["-d", "-c", "list host"], shell_env)
        assert done.returncode == 0, done.stderr
        asked = f"GET {shell_env['MIDO_API_URL']}/ " in done.stderr
        assert asked == expected


def test_the_bundled_sandbox_s_root_is_not_cached(isolated_home):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = run_midoshell(["-c", "list host"], env)
    assert done.returncode == 0, done.stderr
    folder = os.path.join(os.environ["XDG_CACHE_HOME"], "midoshell")
    assert not [n for n in os.listdir(folder) if n.startswith("root-")]


def test_relocate_maps_uris_of_the_old_root_onto_the_new():
    old = {"uri": "http://a/api/", "routers": "http://a/api/routers",
           "routerTemplate": "http://a/api/routers/{id}"}
    new = {"uri": "http://a/v2/", "routers": "http://a/v2/routers",
           "routerTemplate": "http://a/v2/routers/{id}"}
    relocate = rootcache.relocate
    assert relocate("http://a/api/routers", old, new) == "http://a/v2/routers"
    assert relocate("http://a/api/routers/r1/ports", old, new) == "http://a/v2/routers/r1/ports"
    assert relocate("http://a/api/routers?tenant_id=t", old, new) == \
        "http://a/v2/routers?tenant_id=t"
    assert relocate("http://b/other", old, new) is None
    assert relocate("http://a/api/routers", old, old) is None
