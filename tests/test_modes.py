"""midoshell as a user runs it: -c, -e, -f FILE, pipes; stdout, stderr and exit statuses."""

import re

from conftest import run_in_process, serve_sandbox

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

UPLINK_SCRIPT = """\
# The Packstack uplink, as a script
tunnel-zone create name eucatz type gre
tunnel-zone tzone0 add member host host0 address 192.0.2.10

create router name "MidoNet Provider Router"
router router0 add port address 172.19.0.2 net 172.19.0.0/30
router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router router0 port port0 gw 172.19.0.1
host host0 add binding port router router0 port port0 interface veth1
tunnel-zone tzone0 list member
"""


def test_one_liners_print_uuids_and_chain_by_them(shell_env):
    made = run_in_process(["-c", "tunnel-zone create name tz type gre"], shell_env)
    assert made.returncode == 0, made.stderr
    zone = made.stdout.strip()
    assert re.fullmatch(UUID, zone)
    hosts = run_in_process(["-c", "host list"], shell_env)
    first_host = hosts.stdout.splitlines()[0].split()[1]  # scripts take the second word
    assert re.fullmatch(UUID, first_host)
    added = run_in_process(["-c", f"tunnel-zone {zone} add member host {first_host} address 10.0.2.15"],
                          shell_env)
    assert added.stdout == f"zone {zone} host {first_host} address 10.0.2.15\n"
    router = run_in_process(["-e", "router", "create", "name", "edge router"], shell_env).stdout.strip()
    port = run_in_process(["-e", f"router {router} add port addresses 10.0.0.1/24"],
                         shell_env).stdout.strip()
    bound = run_in_process(["-c", f"host {first_host} add binding interface veth0 port router {router} "
                                 f"port {port}"], shell_env)
    assert bound.stdout == f"host {first_host} interface veth0 port {port}\n", bound.stderr
    listed = run_in_process(["-A", "-e", "router", "list"], shell_env)
    assert listed.stdout == f'router {router} name "edge router" state up asn 0\n'


def test_aliases_are_understood_in_one_liners_and_printed_on_request(shell_env):
    run_in_process(["-c", "create bridge name b"], shell_env)
    shown = run_in_process(["--aliases", "-c", "bridge bridge0 add port", "-c", "bridge bridge0 list port"],
                          shell_env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["bridge0:port0", "port port0 device bridge0 state up plugged no vlan 0"]


def test_a_script_file_runs_the_uplink_workflow(shell_env, tmp_path):
    script = tmp_path / "uplink.mido"
    script.write_text(UPLINK_SCRIPT)
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 7
    assert re.fullmatch(f"zone {UUID} host {UUID} address 192.0.2.10", lines[-1])
    assert re.fullmatch(f"host {UUID} interface veth1 port {UUID}", lines[-2])
    assert done.stderr == ""


def test_the_same_script_through_a_pipe_with_aliases(shell_env):
    done = run_in_process(["--aliases"], shell_env, stdin=UPLINK_SCRIPT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "tzone0",
        "zone tzone0 host host0 address 192.0.2.10",
        "router0",
        "router0:port0",
        "router0:route1",
        "host host0 interface veth1 port router0:port0",
        "zone tzone0 host host0 address 192.0.2.10",
    ]
    assert "midonet>" not in done.stdout


def test_a_failing_line_stops_the_script_with_file_and_line(shell_env, tmp_path):
    script = tmp_path / "bad.mido"
    script.write_text("create router name r1\nrouter router9 show\ncreate router name r2\n")
    done = run_in_process(["-f", str(script)], shell_env)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == \
        f"{script}:2: no router9 in the router collection: it holds router0"
    assert len(done.stdout.splitlines()) == 1
    listed = run_in_process(["-c", "list router"], shell_env)
    assert len(listed.stdout.splitlines()) == 1  # r2 was never created


def test_keep_going_runs_on_and_exits_1(shell_env, tmp_path):
    script = tmp_path / "bad.mido"
    script.write_text("create router name r1\nrouter router0 frobnicate\ncreate router name r2\n")
    done = run_in_process(["--keep-going", "-f", str(script)], shell_env)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{script}:2: syntax error: ")
    assert len(done.stdout.splitlines()) == 2


def test_syntax_errors_exit_2_and_send_nothing(tmp_path, isolated_home):
    import os
    env = dict(os.environ, MIDO_API_URL="http://127.0.0.1:9/midonet-api")  # nothing listens
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for line, fragment in [
        ('show router "unterminated', "unmatched quote"),
        ("frobnicate router", "is not a command or a collection"),
        ("list gizmo", "expected a collection at the top level"),
        ("create router colour red", "'colour' is not a field"),
        ("router router0 add port addresses 10.0.0.300/24", "bad value for addresses"),
        ("router router0 add route dst 10.0.0.0/40", "bad value for dst"),
    ]:
        done = run_in_process(["-c", line], env)
        assert done.returncode == 2, (line, done.stderr)
        assert fragment in done.stderr
        assert done.stdout == ""
        assert "Traceback" not in done.stderr
        assert done.stderr.splitlines()[1] == "  " + line


def test_an_unreachable_api_exits_3(isolated_home):
    import os
    env = dict(os.environ, MIDO_API_URL="http://127.0.0.1:9/midonet-api")
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = run_in_process(["-c", "list router"], env)
    assert done.returncode == 3
    assert "cannot reach the MidoNet API at http://127.0.0.1:9/midonet-api" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_alias_exits_1(shell_env):
    done = run_in_process(["-c", "tunnel-zone tzone3 list member"], shell_env)
    assert done.returncode == 1
    assert done.stderr == "-c:1: no tzone3 in the tunnel-zone collection: it is empty\n"


def test_an_api_error_shows_status_message_and_violations(shell_env):
    done = run_in_process(["-c", "tunnel-zone create name nameless"], shell_env)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith("-c:1: API error 400: ")
    assert "  type: may not be null" in done.stderr.splitlines()


def test_positional_words_without_eval_are_a_usage_error(shell_env):
    done = run_in_process(["list", "router"], shell_env)
    assert done.returncode == 2
    assert "use -c or -e" in done.stderr


def test_no_url_anywhere_starts_the_bundled_sandbox(isolated_home):
    import os
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    made = run_in_process(["-c", "create router name kept"], env)
    assert made.returncode == 0, made.stderr
    assert "using the bundled sandbox at http://127.0.0.1:" in made.stderr
    listed = run_in_process(["--aliases", "-c", "list router"], env)
    assert listed.stdout == "router router0 name kept state up asn 0\n"


def test_midonetrc_without_a_section_header_is_read(shell_env, isolated_home):
    url = shell_env.pop("MIDO_API_URL")
    (isolated_home / ".midonetrc").write_text(f"api_url = {url}\nusername = admin\n"
                                              "password = ad%min\nproject_id = admin\n")
    done = run_in_process(["-c", "list host"], shell_env)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3


def test_a_restarted_sandbox_on_the_same_state_file_still_has_everything(tmp_path, isolated_home):
    import os
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root)
    state = tmp_path / "mido.db"

    proc, url = serve_sandbox(state, env, hosts=2)
    try:
        shell = dict(env, MIDO_API_URL=url)
        script = ("tunnel-zone create name tz type vxlan\n"
                  "tunnel-zone tzone0 add member host host1 address 10.0.0.2\n"
                  "create bridge name kept\nbridge bridge0 add port\n")
        done = run_in_process(["--aliases"], shell, stdin=script)
        assert done.returncode == 0, done.stderr
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
    proc, url = serve_sandbox(state, env, hosts=2)
    try:
        shell = dict(env, MIDO_API_URL=url)
        done = run_in_process(["--aliases", "-c", "tunnel-zone tzone0 list member",
                              "-c", "bridge bridge0 list port", "-c", "host list"], shell)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0] == "zone tzone0 host host1 address 10.0.0.2"
        assert lines[1] == "port port0 device bridge0 state up plugged no vlan 0"
        assert len(lines) == 4  # two hosts, seeded once
    finally:
        proc.terminate()
        proc.wait(10)
