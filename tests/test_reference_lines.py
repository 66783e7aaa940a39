"""Every command line that midonet-cli documents or that the install guides use parses."""

import pytest

from midoshell import commands as c
from midoshell.parsing import parse

LINES = [
    # reference §3-§4 and §14
    "add bridge name b", "bridge bridge0 add port", "bridge bridge0 delete port port0",
    "bridge bridge0 dhcp subnet 10.0.0.0/24 add host name vm1 mac 01:02:03:04:05:06 address 10.0.0.5",
    "bridge bridge0 dhcp subnet 10.0.0.0/24 set dns-servers 8.8.8.8,8.8.4.4",
    "bridge bridge0 list port", "bridge bridge0 port port0 set peer router0:port0", "cleart",
    "create router name r1", "create tunnel-zone name tz1 type vxlan", "create tunnel-zone name x",
    "delete chain chain0 rule rule0", "delete router router1", "delete vtep management-ip 1.2.3.4",
    "desc", "describe", "help", "host host0 delete binding interface eth0",
    "host host0 add binding interface eth0 port bridge0:port0", "list host", "list port",
    "list router", "list router router0 port", "list router name again", "list host alive true",
    "list port device bridge0", "chain chain0 list rule type drop", 'list router name "two words"',
    "load-balancer lb0 pool pool0 create member address 1.2.3.4 protocol-port 80",
    "router list", "router router0 add port addresses 10.0.0.1/24", "router router0 list port",
    "router router0 name show", "router router0 route list", "router router0 set state down infilter chain0",
    "router router0 show", "router router0 show name", "router router1 delete", "router router9 show",
    "set router router0 name again", "show router router0", "show system-state",
    "system-state show state", "system-state state show", "show system-state availability",
    "tunnel-zone create name tz type vxlan",
    "tunnel-zone tzone0 add member host 11111111-1111-1111-1111-111111111111 address 10.0.0.1",
    "tunnel-zone tzone0 add member host host0 address 10.0.0.1", "tunnel-zone tzone0 delete member host host1",
    "tunnel-zone tzone0 member host host1 show", "vtep management-ip 1.2.3.4 binding list",
    "vtep management-ip 1.2.3.4 delete binding physical-port in1 vlan 142",
    "vtep management-ip 1.2.3.4 show name", "router router0 show infilter",
    "bridge name b port vlan 0 show peer device", "host name compute-1 show alive",
    "vtep management-ip 192.168.2.4 show name", "bridge bridge0 dhcp subnet 10.0.0.0/24 show",
    "tunnel-zone name tz1 add member host 11111111-1111-1111-1111-111111111111 address 1.1.1.1",
    "router name r list port", "router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal "
    "port router router0 port port0 gw 10.0.0.1", "router router0 set infilter chain chain0",
    "host host0 add binding interface veth0 port bridge bridge0 port port0",
    "create tracerequest name tr1 port bridge0:port0 limit 10 enabled true",
    "chain chain0 add rule src !10.0.0.0/8 dst-port !22-22 type drop",
    "chain chain0 add rule type dnat action accept dst 1.1.1.1 target 192.0.2.1-192.0.2.99:80 "
    "fragment-policy unfragmented",
    "chain chain0 add rule port-group !pgroup0 type accept", "chain chain0 add rule in-ports "
    "!bridge0:port0,bridge0:port1 type drop", "chain chain0 add rule type jump jump-to chain1",
    "chain chain0 rule pos 1 show", "chain chain0 rule pos 1 set src 10.0.0.0/8",
    "router router0 port port0 add remote-peers mac 01:02:03:04:05:06 ip 10.0.0.9",
    "bridge bridge0 dhcp subnet 10.0.0.0/24 add opt121-routes destination 1.0.0.0/8 gateway 10.0.0.1",
    "mirror mirror0 add matches dst 10.0.0.0/8", "create mirror to-port bridge0:port0",
    "router router0 set in-mirrors mirror0", "ip-address-group ipg0 add ipv4 address 10.0.0.1",
    "ip-address-group ipg0 ip address 10.0.0.1 delete", "create port-group name pg1 stateful true",
    "port-group pgroup0 add member port bridge0:port0", "create health-monitor type TCP delay 5 "
    "timeout 10 max-retries 3", "create load-balancer", "load-balancer lb0 add pool lb-method ROUND_ROBIN",
    "load-balancer lb0 pool pool0 add vip address 192.168.0.1 protocol-port 8080 persistence SOURCE_IP",
    "create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0",
    "vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0",
    "create container-group policy least", "container-group cgroup0 add container type IPSEC",
    "create qos-policy name q1 description d shared true",
    "qos-policy qos-policy0 add bw-limit-rule max-kbps 100 max-burst-kb 10",
    "qos-policy qos-policy0 add dscp-rule dscp-mark 11", "list tenant", "sett 0123456789abcdef0123456789abcdef",
    "debug on", "debug off", "create l2insertion port bridge0:port0 srv-port bridge0:port1 vlan 7 "
    "pos 1 fail-open false mac 02:00:00:00:00:01", "router router0 add bgp-peer asn 65001 address 10.0.0.2",
    "router router0 add bgp-network net 10.1.0.0/16", "host host0 set container-limit no-limit",
    "clear router router0 infilter", "bridge bridge0 port port0 clear peer", "show bridge0:port0",
    # the install guides (shared/seeds)
    "tunnel-zone add name eucatz type gre", "tunnel-zone list", "host list",
    "tunnel-zone tzone0 add member host host0 address 192.0.2.10", "tunnel-zone create name euca-mido type gre",
    "list tunnel-zone", "tunnel-zone create name vxlan type vxlan",
    "router router0 add port address 172.19.0.2 net 172.19.0.0/30",
    "router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router router0 port port0 gw 172.19.0.1",
    "host host0 add binding port router router0 port port0 interface veth1",
]


@pytest.mark.parametrize("line", LINES)
def test_documented_line_parses(line):
    command = parse(line)
    assert not isinstance(command, c.EmptyCommand)
