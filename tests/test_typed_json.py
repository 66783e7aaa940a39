"""`-o json` is typed: numbers, booleans, null, arrays and UUIDs as the API means them, under
the CLI's field names; `show` prints one object, `show FIELD` one value.  Text is unchanged."""

import json

import pytest

from conftest import line_runner, run_in_process
from midoshell.output import RenderOptions, render


@pytest.fixture
def run_json(sandbox):
    run = line_runner(sandbox.url)

    def as_json(line):
        return json.loads("\n".join(render(run.session.run_line(line),
                                           RenderOptions(format="json"))))

    as_json.text = run
    return as_json


def test_a_host_listing_has_booleans_numbers_and_arrays(run_json):
    hosts = run_json("list host")
    assert hosts[0] == {
        "id": hosts[0]["id"], "alias": "host0", "name": "compute-1", "alive": True,
        "addresses": ["127.0.0.1", "192.168.100.10"], "flooding-proxy-weight": 1,
        "container-weight": 1, "container-limit": -1, "enforce-container-limit": False}


def test_show_is_an_object_and_show_field_a_typed_value(run_json):
    run_json("create router name r")
    router = run_json("router router0 show")
    assert router == {"id": router["id"], "alias": "router0", "name": "r", "state": True,
                      "infilter": None, "outfilter": None, "load-balancer": None, "asn": 0,
                      "in-mirrors": [], "out-mirrors": [], "local-redirect-chain": None,
                      "forward-chain": None}
    assert run_json("router router0 show asn") == 0
    assert run_json("host host0 show alive") is True
    assert run_json("router router0 show name") == "r"


def test_references_are_uuids_enumerations_words_and_inverted_conditions_marked(run_json):
    run_json("create router name r")
    run_json("router router0 add port addresses 10.0.0.1/24")
    run_json("create chain name c")
    run_json("chain chain0 add rule type accept dst !10.0.0.0/8 dst-port 80-90 proto 6 pos 1")
    router = run_json("router router0 show")
    port = run_json("router router0 port port0 show")
    assert port["device"] == router["id"]
    assert port["addresses"] == ["10.0.0.1/24"]
    assert port["state"] is True and port["plugged"] is False and port["peer"] is None
    rule = run_json("chain chain0 rule rule0 show")
    assert rule["dst"] == {"not": "10.0.0.0/8"}
    assert rule["dst-port"] == {"start": 80, "end": 90}
    assert rule["proto"] == 6 and rule["pos"] == 1 and rule["type"] == "accept"
    assert run_json.text("chain chain0 list rule")[0].startswith(
        "rule rule0 inverted no dst !10.0.0.0/8 proto 6 dst-port 80-90")


def test_a_tunnel_zone_type_is_the_cli_word(run_json):
    run_json("tunnel-zone create name tz type vxlan")
    assert run_json("tunnel-zone tzone0 show type") == "vxlan"
    assert run_json("list tunnel-zone")[0]["type"] == "vxlan"


def test_json_from_the_command_line_is_typed_and_text_is_not(shell_env):
    made = run_in_process(["-c", "create router name r"], shell_env).stdout.strip()
    shown = run_in_process(["-o", "json", "-c", f"router {made} show"], shell_env)
    assert json.loads(shown.stdout)["asn"] == 0
    text = run_in_process(["-c", f"router {made} show", "-c", f"router {made} show asn"],
                         shell_env)
    assert text.stdout == f"router {made} name r state up asn 0\n0\n"
