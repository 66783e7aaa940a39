"""midoshell sends `set` on service containers and their groups and shows the server's answer."""

import pytest

from midoshell.errors import ApiError


def test_set_on_a_container_group_is_stored(shell):
    shell("create port-group name pg")
    shell("create container-group policy least")
    shell("container-group cgroup0 set policy weighted port-group pgroup0")
    assert shell("list container-group") == ["cgroup cgroup0 policy weighted port-group pgroup0"]


def test_set_host_schedules_a_container_on_a_port(shell):
    shell("create bridge name b")
    shell("bridge bridge0 add port")
    shell("create container-group policy least")
    shell("container-group cgroup0 add container type IPSEC port bridge0:port0")
    shell("container container0 set host host0")
    line = "container container0 container-group cgroup0 port port0 type IPSEC status stopped"
    assert shell("list container") == [line + " host host0"]
    assert shell("host host0 list binding") == ["host host0 port bridge0:port0"]
    # The server stores only the scheduling: a new type is sent but not kept.
    shell("container container0 set type HAPROXY")
    assert shell("container container0 show type") == ["IPSEC"]
    shell("container container0 clear host")
    assert shell("list container") == [line]
    assert shell("host host0 list binding") == []


def test_a_container_without_a_port_shows_the_servers_refusal(shell):
    shell("create container-group policy least")
    shell("container-group cgroup0 add container type IPSEC")
    with pytest.raises(ApiError) as caught:
        shell("container container0 set host host0")
    assert caught.value.status == 406
    assert "scheduling cannot be changed because it is not connected to a port" in \
        str(caught.value)
