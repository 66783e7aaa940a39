"""The API's errors in the CLI's words: field names, enum values, what a 409 conflicts with."""

import pytest

from midoshell.errors import ApiError


def error_lines(shell, line):
    with pytest.raises(ApiError) as caught:
        shell(line)
    return caught.value.lines()


def test_validation_errors_name_the_cli_fields(shell):
    shell("create router name r")
    assert error_lines(shell, "router router0 add port") == [
        "API error 400: Validation error(s) found", "  address: may not be null"]
    lines = error_lines(shell, "router router0 add route type normal")
    assert "  src: may not be null" in lines and "  dst: may not be null" in lines
    assert not any("NetworkAddr" in line for line in lines)


def test_a_bare_conflict_says_what_is_already_there(shell):
    shell("tunnel-zone create name tz type gre")
    shell("tunnel-zone tzone0 add member host host0 address 10.0.0.1")
    assert error_lines(shell, "tunnel-zone tzone0 add member host host0 address 10.0.0.1") == [
        "API error 409: conflict: tunnel-zone tzone0 already has a member with host host0"]
    assert error_lines(shell, "tunnel-zone name tz add member host host0 address 10.0.0.2") == [
        "API error 409: conflict: tunnel-zone name tz already has a member with host host0"]


def test_a_conflict_the_server_explains_keeps_its_words(shell):
    shell("create bridge name b")
    shell("bridge bridge0 add dhcp subnet 10.0.0.0/24")
    lines = error_lines(shell, "bridge bridge0 add dhcp subnet 10.0.0.0/24")
    assert lines == ["API error 409: The specified DHCP subnet(10.0.0.0/24) already exists "
                     "on this bridge."]


@pytest.mark.parametrize("line", ["tunnel-zone create name tz3 type capwap",
                                  "tunnel-zone tzone0 set type capwap"])
def test_a_bad_enum_lists_the_allowed_values_not_java(shell, line):
    shell("tunnel-zone create name tz type gre")
    lines = error_lines(shell, line)
    assert lines == ["API error 400: bad value for type: 'capwap' is not one of gre, vxlan, vtep"]


def test_the_status_is_kept_for_scripts(shell):
    shell("create router name r")
    with pytest.raises(ApiError) as caught:
        shell("router router0 add port")
    assert caught.value.status == 400 and caught.value.violations[0]["property"] == "address"


def test_indexed_and_nested_properties_keep_their_shape():
    from midoshell.apierrors import _cli_name

    attrs = {"portAddress": type("A", (), {"name": "address"})(),
             "nwSrcAddress": type("A", (), {"name": "src"})()}
    assert _cli_name("portAddress[0]", attrs) == "address[0]"
    assert _cli_name("condition.nwSrcAddress", attrs) == "src"
    assert _cli_name("unknownThing", attrs) == "unknownThing"


def test_a_servers_message_cannot_drive_the_terminal_or_forge_a_line():
    import io

    from midoshell.runner import Runner

    class Failing:
        debug = False

        def run_line(self, line):
            raise ApiError(409, "taken\x1b]0;PWNED\x07\nbridge bridge9 name fake\u202e\ud800")

        def after_output(self):
            """Nothing was listed."""

    err = io.StringIO()
    status, _ = Runner(Failing(), stdout=io.StringIO(), stderr=err).run_one("list bridge", "-c:1")
    assert status == 1
    assert err.getvalue() == ("-c:1: API error 409: taken\\x1b]0;PWNED\\x07\\nbridge bridge9 "
                              "name fake\\u202e\\ud800\n")
