"""`--may-exist` and `--if-exists`: scripts that can run twice, against the sandbox."""

import collections
import re
import signal
import subprocess
import sys

import pytest

from midoshell.errors import ApiError, MidoSyntaxError, ResolveError, UsageError
from midoshell.parsing import parse
from tests.conftest import ROOT, line_runner, run_in_process
from tests.test_export import CountingClient, body, export, run_script
from tests.topologies import EVERY_TYPE, GUIDES


def writes():
    return {k: n for k, n in CountingClient.counts.items() if k[0] != "GET"}


def test_the_install_guides_run_twice_with_may_exist(sandbox):
    lines = GUIDES.splitlines()
    first = run_script(sandbox.url, lines, may_exist=True)
    CountingClient.counts = collections.Counter()
    second = run_script(sandbox.url, lines, may_exist=True, client_class=CountingClient)
    made = [i for i, line in enumerate(lines) if " add " in line or "create " in line]
    # what the creates print (UUIDs), as if they had made the objects again
    assert [second[i] for i in made] == [first[i] for i in made]
    assert all(first[i] for i in made)
    assert writes() == {}
    assert [k for k, n in CountingClient.counts.items() if n > 1] == []
    with pytest.raises(ApiError) as caught:  # what midonet-cli did on the second run
        run_script(sandbox.url, lines[:1])
    assert caught.value.status == 409


def test_every_type_runs_twice_with_may_exist(sandbox):
    lines = EVERY_TYPE.splitlines()
    run_script(sandbox.url, lines, may_exist=True)
    state = body(export(sandbox.url, "--keep-ids"))
    CountingClient.counts = collections.Counter()
    run_script(sandbox.url, lines, may_exist=True, client_class=CountingClient)
    assert writes() == {}
    assert body(export(sandbox.url, "--keep-ids")) == state


def test_the_guard_in_the_language(shell):
    assert shell("--may-exist create tunnel-zone name eucatz type gre") == ["tzone0"]
    assert shell("--may-exist create tunnel-zone name eucatz type gre") == ["tzone0"]
    assert shell("--may-exist tunnel-zone tzone0 add member host host0 address 192.0.2.10") == \
        ["zone tzone0 host host0 address 192.0.2.10"]
    assert shell("--may-exist tunnel-zone tzone0 add member host host0 address 192.0.2.10") == \
        ["zone tzone0 host host0 address 192.0.2.10"]
    assert shell("tunnel-zone list") == ["tzone tzone0 name eucatz type gre"]
    assert len(shell("tunnel-zone tzone0 list member")) == 1
    with pytest.raises(ApiError):  # without the guard, the line is what it always was
        shell("create tunnel-zone name eucatz type gre")


def test_an_existing_object_is_brought_to_what_the_line_says(sandbox, capsys):
    shell = line_runner(sandbox.url)
    shell("create tunnel-zone name tz type gre")
    shell("tunnel-zone tzone0 add member host host0 address 192.0.2.10")
    shell("create router name r")
    assert shell("--may-exist create router name r state down asn 65000") == ["router0"]
    assert shell("router list") == ["router router0 name r state down asn 65000"]
    assert "router router0 existed: set state up -> down, asn 0 -> 65000" in \
        capsys.readouterr().err
    shell("bridge add name b")
    assert shell("--may-exist bridge bridge0 add dhcp subnet 10.0.0.0/24 gw 10.0.0.1") == \
        ["gw 10.0.0.1 subnet 10.0.0.0/24"]
    assert shell("--may-exist bridge bridge0 add dhcp subnet 10.0.0.0/24 gw 10.0.0.254") == \
        ["gw 10.0.0.254 subnet 10.0.0.0/24"]
    assert shell("bridge bridge0 list dhcp") == ["gw 10.0.0.254 subnet 10.0.0.0/24"]
    # the v5 API has no PUT for a tunnel-zone member: the line says so and changes nothing
    with pytest.raises(UsageError) as caught:
        shell("--may-exist tunnel-zone tzone0 add member host host0 address 192.0.2.99")
    assert "address 192.0.2.10 -> 192.0.2.99" in caught.value.message
    assert "cannot change a host's membership of a tunnel zone" in caught.value.message
    assert shell("tunnel-zone tzone0 list member") == ["zone tzone0 host host0 address 192.0.2.10"]


def test_what_the_api_cannot_change_fails_saying_why(shell):
    shell("create tunnel-zone name vt type vtep")
    shell("create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0")
    with pytest.raises(UsageError) as caught:
        shell("--may-exist create vtep management-ip 192.168.2.4 management-port 6633 "
              "tunnel-zone tzone0")
    assert "management-port 6632 -> 6633" in caught.value.message
    assert "cannot change a hardware VXLAN tunnel end point" in caught.value.message
    assert shell("vtep vtep0 show management-port") == ["6632"]


def test_ambiguous_names_are_refused_and_listed(shell):
    shell("create router name dup")
    shell("create router name dup")
    ids = [shell(f"router router{n} show id")[0] for n in range(2)]
    with pytest.raises(ResolveError) as caught:
        shell("--may-exist create router name dup")
    message = caught.value.message
    assert message.startswith("2 objects in the router collection have name dup: ")
    assert f"router0 ({ids[0]})" in message and f"router1 ({ids[1]})" in message
    with pytest.raises(ResolveError) as caught:  # two to choose from is not nothing
        shell("--if-exists delete router name dup")
    assert ids[0] in caught.value.message and ids[1] in caught.value.message
    assert len(shell("router list")) == 2


def test_if_exists_delete_with_nothing_to_delete_does_nothing(shell):
    CountingClient.counts = collections.Counter()
    assert shell("--if-exists delete bridge name old") == []
    assert shell("--if-exists delete router router7") == []
    assert shell("--if-exists delete router 0123e4a5-aaaa-bbbb-cccc-0123456789ab") == []
    shell("create bridge name old")
    assert shell("--if-exists delete bridge name old") == []
    assert shell("bridge list") == []
    with pytest.raises(ResolveError):
        shell("delete bridge name old")


def test_ports_are_found_by_their_place_and_rules_by_position(sandbox):
    script = ["create router name r", "router router0 add port addresses 10.0.0.1/24",
              "router router0 add port addresses 10.0.1.1/24", "create chain name c",
              "chain chain0 add rule type accept", "chain chain0 add rule type accept",
              "chain chain0 add rule type drop pos 1"]
    first = run_script(sandbox.url, script, may_exist=True)
    CountingClient.counts = collections.Counter()
    again = run_script(sandbox.url, script, may_exist=True, client_class=CountingClient)
    assert writes() == {}
    assert again[:4] == first[:4]  # the two identical rules may come back in either order
    shell = line_runner(sandbox.url)
    assert len(shell("router router0 list port")) == 2
    assert [line.split(" type ")[1] for line in shell("chain chain0 list rule")] == \
        ["drop", "accept", "accept"]
    # a changed line brings the port at that place to it
    run_script(sandbox.url, script[:2] + ["router router0 add port addresses 10.0.2.1/24"],
               may_exist=True)
    assert shell("router router0 port port1 show addresses") == ["10.0.2.1/24"]


def test_guards_go_with_their_verbs():
    for line, wanted in (("--may-exist list router", "create"),
                         ("--if-exists create router", "delete"),
                         ("--may-exist delete router router0", "create")):
        with pytest.raises(MidoSyntaxError) as caught:
            parse(line)
        assert wanted in caught.value.message


def test_the_command_line_options_apply_to_every_line(shell_env, tmp_path):
    script = tmp_path / "topology.mido"
    script.write_text(GUIDES)
    creates = "".join(line + "\n" for line in GUIDES.splitlines() if "list" not in line)
    script.write_text(creates)
    runs = [run_in_process(["--may-exist", "-f", str(script)], shell_env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[1].stderr
    assert runs[0].stdout == runs[1].stdout  # the same UUIDs, found the second time
    assert len(runs[0].stdout.splitlines()) == len(creates.splitlines())
    piped = run_in_process(["--may-exist"], shell_env, stdin=creates)
    assert piped.returncode == 0 and piped.stdout == runs[0].stdout
    again = run_in_process(["-f", str(script)], shell_env)
    assert again.returncode != 0 and "409" in again.stderr
    gone = run_in_process(["--if-exists", "-c", "delete bridge name old",
                          "-c", "delete router name nothing"], shell_env)
    assert (gone.returncode, gone.stdout, gone.stderr) == (0, "", "")


def test_a_script_killed_half_way_runs_again_to_completion(shell_env, sandbox):
    lines = [line for line in EVERY_TYPE.splitlines()]
    creates = [i for i, line in enumerate(lines) if " add " in line or "create " in line]
    half = creates[len(creates) // 2]
    proc = subprocess.Popen([sys.executable, "-m", "midoshell", "--may-exist"], cwd=ROOT,
                            env=shell_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for line in lines[:half + 1]:
        proc.stdin.write(line + "\n")
    proc.stdin.flush()
    printed = 0
    while printed < sum(1 for i in creates if i <= half):  # wait until it made them
        assert proc.stdout.readline(), proc.stderr.read()
        printed += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = body(export(sandbox.url))
    assert 0 < len(partial)
    done = run_in_process(["--may-exist"], shell_env, stdin=EVERY_TYPE)
    assert done.returncode == 0, done.stderr
    finished = body(export(sandbox.url))

    from midoshell.sandbox import start

    clean = start(host="127.0.0.1", port=0, hosts=3)
    try:
        run_script(clean.url, lines)
        expected = body(export(clean.url))
    finally:
        clean.stop()
    assert _masked(finished) == _masked(expected)


def _masked(lines):
    """Port MACs are the server's choice where a line gives none."""
    return [re.sub(r"mac (ac:ca:ba(:[0-9a-f]{2}){3})", "mac MAC", line) for line in lines]


def test_completion_after_a_guard_is_completion_of_the_line_without_it():
    from midoshell.interactive.suggest import suggest

    for line in ("create ", "create router ", "tunnel-zone tzone0 add member ", "delete "):
        guard = "--if-exists " if line.startswith("delete") else "--may-exist "
        assert suggest(guard + line).wants == suggest(line).wants


def test_a_field_the_server_takes_only_from_an_update_is_set_after_create(shell):
    shell("create health-monitor type TCP delay 5 timeout 10 max-retries 3 state down")
    assert shell("health-monitor hm0 show state") == ["down"]


def test_may_exist_set_sends_nothing_when_nothing_changes(sandbox):
    shell = line_runner(sandbox.url, CountingClient)
    shell("create router name r state down")
    CountingClient.counts = collections.Counter()
    assert shell("--may-exist router router0 set state down") == []
    assert writes() == {}
    assert shell("--may-exist router router0 set state up") == []
    assert [k[0] for k in writes()] == ["PUT"]
    assert shell("router router0 show state") == ["up"]
