"""The documented command lines that read or change topology, run in order against the sandbox."""

import pytest

from midoshell.client import Client
from midoshell.errors import ResolveError
from midoshell.output import render_text
from midoshell.session import Session

SESSION = """\
create tunnel-zone name tz1 type vxlan
tunnel-zone tzone0 add member host host0 address 10.0.0.1
tunnel-zone tzone0 add member host host1 address 10.0.0.2
tunnel-zone tzone0 member host host1 show
tunnel-zone tzone0 delete member host host1
list host
list host alive true
host name compute-1 show alive
create router name r1
add bridge name b
list router name r1
router list
router router0 show
router router0 show name
router router0 name show
show router router0
set router router0 name again
list router name again
router router0 add port addresses 10.0.0.1/24
router router0 list port
router router0 port list
list router router0 port
router name again list port
bridge bridge0 add port
bridge bridge0 port port0 set peer router0:port0
bridge bridge0 list port
list port
list port device bridge0
show bridge0:port0
bridge bridge0 add dhcp subnet 10.0.0.0/24
bridge bridge0 dhcp subnet 10.0.0.0/24 add host name vm1 mac 01:02:03:04:05:06 address 10.0.0.5
bridge bridge0 dhcp subnet 10.0.0.0/24 set dns-servers 8.8.8.8,8.8.4.4
bridge bridge0 dhcp subnet 10.0.0.0/24 show
create chain name c0
chain chain0 add rule type drop
chain chain0 list rule type drop
router router0 set state down infilter chain0
router router0 show infilter
router router0 route list
host host0 add binding interface eth0 port bridge0:port0
host host0 binding interface eth0 show
host host0 delete binding interface eth0
create tunnel-zone name vz type vtep
create vtep management-ip 1.2.3.4 management-port 6632 tunnel-zone tzone1
vtep management-ip 1.2.3.4 show name
vtep management-ip 1.2.3.4 add binding physical-port eth1 vlan 142 network-id bridge0
vtep management-ip 1.2.3.4 binding list
vtep management-ip 1.2.3.4 delete binding physical-port eth1 vlan 142
delete vtep management-ip 1.2.3.4
create load-balancer
load-balancer lb0 add pool lb-method ROUND_ROBIN
load-balancer lb0 pool pool0 create member address 1.2.3.4 protocol-port 80
create tracerequest name tr1 port bridge0:port0 limit 10 enabled true
show system-state
system-state show state
describe
describe router
router router0 describe port
sett 0123456789abcdef0123456789abcdef
cleart
delete chain chain0 rule rule0
bridge bridge0 delete port port0
router router0 delete
delete router router1
"""


def test_the_documented_session_runs(sandbox):
    session = Session(Client(sandbox.url), show_aliases=True)
    outputs = {}
    for line in SESSION.splitlines():
        if line == "delete router router1":  # midonet-cli's example of an unknown alias
            with pytest.raises(ResolveError, match="^no router1 in the router collection"):
                session.run_line(line)
            continue
        outputs[line] = render_text(session.run_line(line))
    assert outputs["router router0 show infilter"] == ["chain chain0 name c0"]
    assert outputs["host name compute-1 show alive"] == ["true"]
    assert outputs["list router name again"] == ["router router0 name again state up asn 0"]
    assert outputs["bridge bridge0 list port"] == \
        ["port port0 device bridge0 state up plugged no vlan 0 peer router0:port0"]
    assert outputs["host host0 binding interface eth0 show"] == \
        ["binding host host0 interface eth0 port bridge0:port0"]
    assert outputs["tunnel-zone tzone0 member host host1 show"] == \
        ["memb zone tzone0 host host1 address 10.0.0.2"]
    assert outputs["system-state show state"] == ["ACTIVE"]
    assert outputs["vtep management-ip 1.2.3.4 binding list"] == \
        ["physical-port eth1 vlan 142 network-id bridge0"]
