"""--dry-run: reads the live API, sends no write, and prints the requests the real run makes."""

import io
import json
import re

import pytest

from midoshell.client import Client
from midoshell.dryrun import PLACEHOLDER, PlanningClient, PlanRunner
from midoshell.runner import Runner
from midoshell.session import Session
from tests.conftest import run_in_process
from tests.state_dump import dump

BUILD = """\
create tunnel-zone name tz type gre
tunnel-zone tzone0 add member host host0 address 10.0.0.1
create router name r1
router router0 add port address 10.0.0.1 net 10.0.0.0/24
create bridge name b1
bridge bridge0 add port
bridge0:port0 set peer router0:port0
create chain name c1
chain chain0 add rule type accept src 10.0.0.0/8 pos 1
chain chain0 add rule type drop pos 1
router router0 set infilter chain0
router router0 add route src 0.0.0.0/0 dst 192.168.0.0/16 type normal port router0:port0
router router0 add bgp-peer asn 65000 address 10.0.0.2 password s3cret
bridge bridge0 set name b2
chain chain0 rule rule1 delete
tunnel-zone tzone0 member host host0 delete
""".splitlines()

PLACEHOLDER_RE = re.compile(PLACEHOLDER.replace("{:012x}", "[0-9a-f]{12}"))


class RecordingClient(Client):
    """The real client, noting every write and the Location of every create."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.writes = []

    def create(self, uri, media, body):
        location = super().create(uri, media, body)
        self.writes.append(["POST", uri, body, location])
        return location

    def update(self, uri, media, body):
        super().update(uri, media, body)
        self.writes.append(["PUT", uri, body, None])

    def delete(self, uri):
        super().delete(uri)
        self.writes.append(["DELETE", uri, None, None])


class RecordingPlanner(PlanningClient):
    """The planning client, noting the placeholder Location of each create."""

    def __init__(self, client):
        super().__init__(client)
        self.locations = []

    def create(self, uri, media, body):
        location = super().create(uri, media, body)
        self.locations.append(location)
        return location


def plan(url, lines):
    planner = RecordingPlanner(Client(url))
    session = Session(planner, show_aliases=False)
    out, err = io.StringIO(), io.StringIO()
    runner = PlanRunner(session, planner, as_json=True, stdout=out, stderr=err)
    status = runner.run_lines(lines, "build.mido")
    return status, json.loads(out.getvalue()), err.getvalue(), planner.locations


def real(url, lines):
    client = RecordingClient(url)
    err = io.StringIO()
    status = Runner(Session(client, show_aliases=False), stdout=io.StringIO(),
                    stderr=err).run_lines(lines, "build.mido")
    return status, client.writes, err.getvalue()


def test_a_dry_run_changes_nothing_and_predicts_the_real_run(sandbox):
    before = dump(sandbox.url)
    status, planned, err, locations = plan(sandbox.url, BUILD)
    assert (status, err) == (0, "")
    assert dump(sandbox.url) == before  # nothing was written
    status, sent, err = real(sandbox.url, BUILD)
    assert (status, err) == (0, "")
    assert [p["where"] for p in planned] == [f"build.mido:{n}" for n in range(1, 17)]
    requests_planned = [r for p in planned for r in p["requests"]]
    assert len(requests_planned) == len(sent)
    # Placeholders stand for the ids the server gave, create for create.
    real_locations = [w[3] for w in sent if w[0] == "POST" and not w[1].endswith("/link")]
    locations = [p for p in locations if not p.endswith("/link")]
    ids = {_last(p): _last(r) for p, r in zip(locations, real_locations)}
    assert len(ids) == len(real_locations)
    for request, (method, uri, body, _) in zip(requests_planned, sent):
        path = PLACEHOLDER_RE.sub(lambda m: ids[m.group()], request["path"])
        assert (request["method"], sandbox.url + path) == (method, uri)
        planned_body = json.loads(PLACEHOLDER_RE.sub(lambda m: ids[m.group()],
                                                     json.dumps(request["body"])))
        if method == "POST":
            expected = dict(body, password="********") if "password" in body else body
            assert planned_body == expected
        elif method == "PUT":  # the server's document, changed as the line says
            for key, value in planned_body.items():
                if not (isinstance(value, str) and value.startswith("http")):
                    assert body[key] == value, key


def _last(uri):
    return uri.rstrip("/").rsplit("/", 1)[-1]


def test_the_text_plan_names_the_line_and_masks_secrets(shell_env, sandbox):
    done = run_in_process(["--dry-run", "-c", "create router name r1",
                          "-c", "router router0 add port address 10.0.0.1 net 10.0.0.0/24",
                          "-c", "router router0 add bgp-peer asn 1 address 10.0.0.2 "
                                "password hush"], shell_env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == '-c:1: POST /routers {"name": "r1"}'
    assert lines[1].startswith("-c:2: POST /routers/00000000-d7a0-4000-8000-000000000001/ports ")
    assert lines[2].startswith("-c:3: POST /routers/00000000-d7a0-4000-8000-000000000001/")
    assert "hush" not in done.stdout and '"password": "********"' in lines[2]
    assert run_in_process(["-c", "list router"], shell_env).stdout == ""


@pytest.mark.parametrize("script, where, status, message", [
    ("create router name r1\nrouter router1 set name x\n", "<stdin>:2", 1, "router1"),
    ("create router name r1\ncreate router nmae x\n", "<stdin>:2", 2, "'nmae' is not a field"),
    ("create chain name c\nchain chain0 add rule type accept src 10.0.0.300/8\n",
     "<stdin>:2", 2, "bad value"),
    ("create chain name c\nrouter router0 set infilter chain0\n", "<stdin>:2", 1, "router0"),
    ("create router name r1\ncreate bridge name b\nrouter router0 set infilter bridge0\n",
     "<stdin>:3", 1, "bridge"),
    ("create router name r1\n--may-exist create router name r1 asn 5\n", None, 0, None),
])
def test_errors_knowable_without_writing(shell_env, script, where, status, message):
    done = run_in_process(["--dry-run", "-f", "-"], shell_env, stdin=script)
    assert done.returncode == status, done.stderr
    if where:
        assert done.stderr.startswith(where + ": ")
        assert message in done.stderr
    assert run_in_process(["-c", "list router"], shell_env).stdout == ""


def test_an_existing_name_under_may_exist_is_found_not_planned(shell_env):
    assert run_in_process(["-c", "create router name r1"], shell_env).returncode == 0
    done = run_in_process(["--dry-run", "--may-exist", "-c", "create router name r1",
                          "-c", "create router name r2"], shell_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == '-c:2: POST /routers {"name": "r2"}\n'


def test_json_plan(shell_env):
    done = run_in_process(["--dry-run", "-o", "json", "-c", "create bridge name b"], shell_env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"where": "-c:1", "line": "create bridge name b",
                                        "requests": [{"method": "POST", "path": "/bridges",
                                                      "body": {"name": "b"}}]}]


def test_an_empty_piped_script_plans_nothing(shell_env):
    done = run_in_process(["--dry-run"], shell_env, stdin=None)
    # stdin is not a terminal here, so it is a (empty) piped script: an empty plan
    assert (done.returncode, done.stdout) == (0, "")


def test_a_trace_request_is_sent_without_an_id_the_server_makes_it(shell_env):
    made = run_in_process(["-c", "create router name r1"], shell_env)
    assert made.returncode == 0, made.stderr
    plan = run_in_process(["--dry-run", "-o", "json", "-c",
                           "create tracerequest name t1 router router0"], shell_env)
    assert plan.returncode == 0, plan.stderr
    (line,) = json.loads(plan.stdout)
    (request,) = line["requests"]
    assert (request["method"], request["path"], request["body"]["name"]) == \
        ("POST", "/traces", "t1")
    assert "id" not in request["body"]
    created = run_in_process(["-c", "create tracerequest name t1 router router0"], shell_env)
    assert created.returncode == 0, created.stderr
    assert re.fullmatch(r"[0-9a-f-]{36}\n", created.stdout)
