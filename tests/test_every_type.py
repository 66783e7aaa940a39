"""Every object type through create -> list -> show -> show FIELD -> set -> clear -> delete,
against the sandbox over HTTP, checking the exact lines midoshell prints (aliases shown)."""

from dataclasses import dataclass, field

import pytest

from midoshell import model
from midoshell.client import Client
from midoshell.output import render_text
from midoshell.session import Session


@dataclass
class Case:
    name: str
    setup: list
    create: str
    created: list
    list: str
    listed: list
    show: str
    field: str  # `show FIELD` line and its value
    value: str
    set: str
    after_set: str  # the show line after set
    clear: str = ""
    after_clear: str = ""
    delete: str = ""
    after_delete: list = field(default_factory=list)


BRIDGE_AND_PORT = ["create bridge name b", "bridge bridge0 add port"]
ROUTER_AND_PORT = ["create router name r", "router router0 add port addresses 10.0.0.1/24 "
                   "mac 02:00:00:00:00:01"]

CASES = [
    Case("router", ["create chain name c"], "create router name r1", ["router0"],
         "list router", ["router router0 name r1 state up asn 0"],
         "show router router0", "router router0 show asn", "0",
         "router router0 set name r2 state down asn 65000 infilter chain0",
         "router router0 name r2 state down infilter chain0 asn 65000",
         "router router0 clear infilter", "router router0 name r2 state down asn 65000",
         "delete router router0"),
    Case("router-port", ["create router name r"],
         "router router0 add port addresses 10.0.0.1/24 mac 02:00:00:00:00:01", ["router0:port0"],
         "router router0 list port",
         ["port port0 device router0 state up plugged no mac 02:00:00:00:00:01 addresses 10.0.0.1/24"],
         "show router0:port0", "router router0 port port0 show addresses", "10.0.0.1/24",
         "router router0 port port0 set state down addresses 10.0.0.1/24,10.0.1.1/24",
         "port port0 device router0 state down plugged no mac 02:00:00:00:00:01 "
         "addresses 10.0.0.1/24,10.0.1.1/24",
         "router router0 port port0 clear infilter",
         "port port0 device router0 state down plugged no mac 02:00:00:00:00:01 "
         "addresses 10.0.0.1/24,10.0.1.1/24",
         "router router0 delete port port0"),
    Case("remote-peer", ROUTER_AND_PORT,
         "router router0 port port0 add remote-peers mac 02:00:00:00:00:09 ip 10.0.0.9",
         ["mac 02:00:00:00:00:09 ip 10.0.0.9"],
         "router router0 port port0 list remote-peers", ["mac 02:00:00:00:00:09 ip 10.0.0.9"],
         "router router0 port port0 remote-peers ip 10.0.0.9 show",
         "router router0 port port0 remote-peers ip 10.0.0.9 show mac", "02:00:00:00:00:09",
         "", "", delete="router router0 port port0 delete remote-peers ip 10.0.0.9"),
    Case("route", ROUTER_AND_PORT,
         "router router0 add route src 0.0.0.0/0 dst 10.1.0.0/16 type normal port router0:port0 "
         "gw 10.0.0.254 weight 10", ["router0:route1"],
         "router router0 list route",
         ["route route0 type local src 0.0.0.0/0 dst 10.0.0.1 port router0:port0 weight 0 learned false",
          "route route1 type normal src 0.0.0.0/0 dst 10.1.0.0/16 gw 10.0.0.254 port router0:port0 "
          "weight 10 learned false"],
         "router router0 route route1 show", "router router0 route route1 show gw", "10.0.0.254",
         "router router0 route route1 set weight 20",
         "route route1 type normal src 0.0.0.0/0 dst 10.1.0.0/16 gw 10.0.0.254 port router0:port0 "
         "weight 20 learned false",
         delete="router router0 delete route route1",
         after_delete=["route route0 type local src 0.0.0.0/0 dst 10.0.0.1 port router0:port0 "
                       "weight 0 learned false"]),
    Case("bgp-network", ["create router name r"], "router router0 add bgp-network net 10.1.0.0/16",
         ["router0:net0"], "router router0 list bgp-network", ["net net0 net 10.1.0.0/16"],
         "router router0 bgp-network net0 show", "router router0 bgp-network net0 show net",
         "10.1.0.0/16", "router router0 bgp-network net0 set net 10.2.0.0/16", "net net0 net 10.2.0.0/16",
         delete="router router0 bgp-network net0 delete"),
    Case("bgp-peer", ["create router name r asn 65000"],
         "router router0 add bgp-peer asn 65001 address 10.0.0.2 hold-time 30", ["router0:peer0"],
         "router router0 list bgp-peer", ["peer peer0 asn 65001 address 10.0.0.2 hold-time 30"],
         "show router0:peer0", "router router0 bgp-peer peer0 show asn", "65001",
         "router router0 bgp-peer peer0 set keep-alive 10 password s3",
         "peer peer0 asn 65001 address 10.0.0.2 keep-alive 10 hold-time 30 password s3",
         delete="router router0 bgp-peer peer0 delete"),
    Case("bridge", ["create chain name c"], "create bridge name b1", ["bridge0"],
         "list bridge", ["bridge bridge0 name b1 state up"],
         "show bridge bridge0", "bridge bridge0 show name", "b1",
         'bridge bridge0 set name "big bridge" outfilter chain0',
         'bridge bridge0 name "big bridge" state up outfilter chain0',
         "bridge bridge0 clear outfilter", 'bridge bridge0 name "big bridge" state up',
         "delete bridge bridge0"),
    Case("bridge-port", ["create bridge name b", "create chain name c"], "bridge bridge0 add port vlan 3",
         ["bridge0:port0"],
         "bridge bridge0 list port", ["port port0 device bridge0 state up plugged no vlan 3"],
         "show bridge0:port0", "bridge bridge0 port port0 show vlan", "3",
         "bridge bridge0 port port0 set vlan 4 infilter chain0",
         "port port0 device bridge0 state up plugged no infilter chain0 vlan 4",
         "bridge bridge0 port port0 clear infilter", "port port0 device bridge0 state up plugged no vlan 4",
         "bridge bridge0 delete port port0"),
    Case("dhcp", ["create bridge name b"],
         "bridge bridge0 add dhcp subnet 10.0.0.0/24 gw 10.0.0.1 dns-servers 8.8.8.8,8.8.4.4",
         ["gw 10.0.0.1 dns-servers 8.8.8.8,8.8.4.4 subnet 10.0.0.0/24"],
         "bridge bridge0 list dhcp", ["gw 10.0.0.1 dns-servers 8.8.8.8,8.8.4.4 subnet 10.0.0.0/24"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 show",
         "bridge bridge0 dhcp subnet 10.0.0.0/24 show gw", "10.0.0.1",
         "bridge bridge0 dhcp subnet 10.0.0.0/24 set dns-servers 1.1.1.1 interface-mtu 1450",
         "dhcp gw 10.0.0.1 dns-servers 1.1.1.1 subnet 10.0.0.0/24 interface-mtu 1450",
         delete="bridge bridge0 delete dhcp subnet 10.0.0.0/24"),
    Case("dhcp-host", ["create bridge name b", "bridge bridge0 add dhcp subnet 10.0.0.0/24"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 add host name vm1 mac 02:00:00:00:00:05 address 10.0.0.5",
         ["name vm1 address 10.0.0.5 mac 02:00:00:00:00:05"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 list host",
         ["name vm1 address 10.0.0.5 mac 02:00:00:00:00:05"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 host mac 02:00:00:00:00:05 show",
         "bridge bridge0 dhcp subnet 10.0.0.0/24 host mac 02:00:00:00:00:05 show name", "vm1",
         "bridge bridge0 dhcp subnet 10.0.0.0/24 host mac 02:00:00:00:00:05 set address 10.0.0.6",
         "dhcp-host name vm1 address 10.0.0.6 mac 02:00:00:00:00:05",
         delete="bridge bridge0 dhcp subnet 10.0.0.0/24 delete host mac 02:00:00:00:00:05"),
    Case("opt121-route", ["create bridge name b", "bridge bridge0 add dhcp subnet 10.0.0.0/24"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 add opt121-routes destination 1.0.0.0/8 gateway 10.0.0.1",
         ["destination 1.0.0.0/8 gateway 10.0.0.1"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 list opt121-routes",
         ["destination 1.0.0.0/8 gateway 10.0.0.1"],
         "bridge bridge0 dhcp subnet 10.0.0.0/24 opt121-routes destination 1.0.0.0/8 show",
         "bridge bridge0 dhcp subnet 10.0.0.0/24 opt121-routes destination 1.0.0.0/8 show gateway",
         "10.0.0.1",
         "bridge bridge0 dhcp subnet 10.0.0.0/24 opt121-routes destination 1.0.0.0/8 set gateway 10.0.0.2",
         "object destination 1.0.0.0/8 gateway 10.0.0.2",
         delete="bridge bridge0 dhcp subnet 10.0.0.0/24 delete opt121-routes destination 1.0.0.0/8"),
    Case("chain", [], "create chain name c1", ["chain0"], "list chain", ["chain chain0 name c1"],
         "show chain chain0", "chain chain0 show name", "c1", "", "", delete="delete chain chain0"),
    Case("rule", ["create chain name c"],
         "chain chain0 add rule src !10.0.0.0/8 dst-port 22 fragment-policy header type drop",
         ["chain0:rule0"], "chain chain0 list rule",
         ["rule rule0 inverted no src !10.0.0.0/8 dst-port 22-22 fragment-policy header no-vlan false "
          "match-nw-dst-rewritten false pos 1 type drop"],
         "show chain0:rule0", "chain chain0 rule rule0 show src", "!10.0.0.0/8",
         "chain chain0 rule rule0 set dst 10.9.0.0/16 type reject",
         "rule rule0 inverted no src !10.0.0.0/8 dst 10.9.0.0/16 dst-port 22-22 fragment-policy header "
         "no-vlan false match-nw-dst-rewritten false pos 1 type reject",
         delete="chain chain0 delete rule rule0"),
    Case("port-group", [], "create port-group name pg1 stateful true", ["pgroup0"],
         "list port-group", ["pgroup pgroup0 name pg1 stateful true"],
         "show port-group pgroup0", "port-group pgroup0 show stateful", "true",
         "port-group pgroup0 set stateful false", "pgroup pgroup0 name pg1 stateful false",
         delete="delete port-group pgroup0"),
    Case("port-group-member", ["create port-group name pg"] + BRIDGE_AND_PORT,
         "port-group pgroup0 add member port bridge0:port0", ["port-group pgroup0 port bridge0:port0"],
         "port-group pgroup0 list member", ["port-group pgroup0 port bridge0:port0"],
         "port-group pgroup0 member port bridge0:port0 show",
         "port-group pgroup0 member port bridge0:port0 show port", "",  # a port reference: its line
         "", "", delete="port-group pgroup0 delete member port bridge0:port0"),
    Case("ip-address-group", [], "create ip-address-group name ipg1", ["ipg0"],
         "list ip-address-group", ["ipg ipg0 name ipg1"], "show ip-address-group ipg0",
         "ip-address-group ipg0 show name", "ipg1", "", "", delete="delete ip-address-group ipg0"),
    Case("ip-address", ["create ip-address-group name g"],
         "ip-address-group ipg0 add ipv4 address 10.0.0.7", ["address 10.0.0.7"],
         "ip-address-group ipg0 list ip", ["address 10.0.0.7"],
         "ip-address-group ipg0 ip address 10.0.0.7 show",
         "ip-address-group ipg0 ipv4 address 10.0.0.7 show address", "10.0.0.7", "", "",
         delete="ip-address-group ipg0 delete ip address 10.0.0.7"),
    Case("tunnel-zone", [], "tunnel-zone create name tz type gre", ["tzone0"],
         "tunnel-zone list", ["tzone tzone0 name tz type gre"], "show tunnel-zone tzone0",
         "tunnel-zone tzone0 show type", "gre", "tunnel-zone tzone0 set name tz2",
         "tzone tzone0 name tz2 type gre", delete="delete tunnel-zone tzone0"),
    Case("tunnel-zone-member", ["tunnel-zone create name tz type vxlan"],
         "tunnel-zone tzone0 add member host host1 address 10.0.0.2",
         ["zone tzone0 host host1 address 10.0.0.2"],
         "tunnel-zone tzone0 list member", ["zone tzone0 host host1 address 10.0.0.2"],
         "tunnel-zone tzone0 member host host1 show", "tunnel-zone tzone0 member host host1 show address",
         "10.0.0.2", "", "", delete="tunnel-zone tzone0 delete member host host1"),
    Case("host", [], "", [], "list host alive true",
         [f"host host{n} name compute-{n + 1} alive true addresses 127.0.0.1,192.168.100.{10 + n} "
          "flooding-proxy-weight 1 container-weight 1 container-limit no-limit "
          "enforce-container-limit false" for n in range(3)],
         "show host host1", "host host1 show name", "compute-2",
         "host host1 set flooding-proxy-weight 5 container-limit 2 enforce-container-limit true",
         "host host1 name compute-2 alive true addresses 127.0.0.1,192.168.100.11 "
         "flooding-proxy-weight 5 container-weight 1 container-limit 2 enforce-container-limit true"),
    Case("interface", [], "", [], "host host0 list interface",
         ["iface lo host_id host0 status 3 addresses 127.0.0.1 mac 00:00:00:00:00:00 mtu 65536 "
          "type Virtual endpoint LOCALHOST",
          "iface eth0 host_id host0 status 3 addresses 192.168.100.10 mac 52:54:00:00:00:00 mtu 1500 "
          "type Physical endpoint PHYSICAL"],
         "host host0 interface iface eth0 show", "host host0 interface iface eth0 show mtu", "1500",
         "", ""),
    Case("binding", ROUTER_AND_PORT + ["tunnel-zone create name tz type gre",
                                       "tunnel-zone tzone0 add member host host0 address 10.0.0.9"],
         "host host0 add binding interface veth1 port router0:port0",
         ["host host0 interface veth1 port router0:port0"],
         "host host0 list binding", ["host host0 interface veth1 port router0:port0"],
         "host host0 binding interface veth1 show", "host host0 binding interface veth1 show interface",
         "veth1", "", "", delete="host host0 delete binding interface veth1"),
    Case("tenant", [], "", [], "list tenant",
         ['tenant-id admin name admin description "Admin Tenant" enabled yes'],
         'tenant tenant-id admin show', "tenant tenant-id admin show name", "admin", "", ""),
    Case("system-state", [], "", [], "", [], "show system-state",
         "show system-state availability", "READWRITE", "", ""),
    Case("mirror", BRIDGE_AND_PORT + ["bridge bridge0 add port"], "create mirror to-port bridge0:port0",
         ["mirror0"], "list mirror", ["mirror mirror0 to-port bridge0:port0"],
         "show mirror mirror0", "mirror mirror0 show to-port", "", "mirror mirror0 set to-port bridge0:port1",
         "mirror mirror0 to-port bridge0:port1", delete="delete mirror mirror0"),
    Case("condition", BRIDGE_AND_PORT + ["create mirror to-port bridge0:port0"],
         "mirror mirror0 add matches dst 10.0.0.0/8 src-port 1000-2000 fragment-policy header",
         ["dst 10.0.0.0/8 src-port 1000-2000 fragment-policy header"],
         "mirror mirror0 list matches",
         ["inverted no dst 10.0.0.0/8 src-port 1000-2000 fragment-policy header no-vlan false "
          "match-nw-dst-rewritten false"],
         "mirror mirror0 matches src-port 1000-2000 show", "mirror mirror0 matches dst 10.0.0.0/8 show src-port",
         "1000-2000", "mirror mirror0 matches dst 10.0.0.0/8 set dst !10.1.0.0/16",
         "object inverted no dst !10.1.0.0/16 src-port 1000-2000 fragment-policy header no-vlan false "
         "match-nw-dst-rewritten false",
         delete="mirror mirror0 delete matches src-port 1000-2000"),
    Case("l2insertion", BRIDGE_AND_PORT + ["bridge bridge0 add port"],
         "create l2insertion port bridge0:port0 srv-port bridge0:port1 vlan 7 pos 1 fail-open false "
         "mac 02:00:00:00:00:0a", ["l2insertion0"], "list l2insertion",
         ["l2insertion l2insertion0 port bridge0:port0 srv-port bridge0:port1 vlan 7 pos 1 fail-open false "
          "mac 02:00:00:00:00:0a"],
         "show l2insertion l2insertion0", "l2insertion l2insertion0 show vlan", "7",
         "l2insertion l2insertion0 set vlan 8 fail-open true",
         "l2insertion l2insertion0 port bridge0:port0 srv-port bridge0:port1 vlan 8 pos 1 fail-open true "
         "mac 02:00:00:00:00:0a", delete="delete l2insertion l2insertion0"),
    Case("tracerequest", BRIDGE_AND_PORT,
         "create tracerequest name tr1 port bridge0:port0 limit 10 enabled true src !10.0.0.0/8", ["tr0"],
         "list tracerequest",
         ["tr tr0 inverted no src !10.0.0.0/8 fragment-policy any no-vlan false match-nw-dst-rewritten false "
          "name tr1 port bridge0:port0 limit 10 enabled true"],
         "show tracerequest tr0", "tracerequest tr0 show limit", "10",
         "tracerequest tr0 set dst-port 80 fragment-policy header enabled false",
         "tr tr0 inverted no src !10.0.0.0/8 dst-port 80-80 fragment-policy header no-vlan false "
         "match-nw-dst-rewritten false name tr1 port bridge0:port0 limit 10 enabled false",
         delete="delete tracerequest tr0"),
    Case("health-monitor", [], "create health-monitor type TCP delay 5 timeout 10 max-retries 3", ["hm0"],
         "list health-monitor", ["hm hm0 delay 5 timeout 10 max-retries 3 state up type TCP"],
         "show health-monitor hm0", "health-monitor hm0 show delay", "5",
         "health-monitor hm0 set delay 7", "hm hm0 delay 7 timeout 10 max-retries 3 state up type TCP",
         delete="delete health-monitor hm0"),
    Case("load-balancer", ["create router name r"], "create load-balancer", ["lb0"],
         "list load-balancer", ["lb lb0 state up"], "show load-balancer lb0",
         "load-balancer lb0 show state", "up", "load-balancer lb0 set state down", "lb lb0 state down",
         delete="delete load-balancer lb0"),
    Case("pool", ["create load-balancer", "create health-monitor type TCP delay 1 timeout 1 max-retries 1"],
         "load-balancer lb0 add pool lb-method ROUND_ROBIN health-monitor hm0", ["lb0:pool0"],
         "load-balancer lb0 list pool",
         ["pool pool0 load-balancer lb0 health-monitor hm0 lb-method ROUND_ROBIN protocol TCP state up"],
         "load-balancer lb0 pool pool0 show", "load-balancer lb0 pool pool0 show protocol", "TCP",
         "load-balancer lb0 pool pool0 set state down",
         "pool pool0 load-balancer lb0 health-monitor hm0 lb-method ROUND_ROBIN protocol TCP state down",
         "load-balancer lb0 pool pool0 clear health-monitor",
         "pool pool0 load-balancer lb0 lb-method ROUND_ROBIN protocol TCP state down",
         "load-balancer lb0 delete pool pool0"),
    Case("pool-member", ["create load-balancer", "load-balancer lb0 add pool lb-method ROUND_ROBIN"],
         "load-balancer lb0 pool pool0 add member address 192.168.100.1 protocol-port 80", ["lb0:pool0:pm0"],
         "load-balancer lb0 pool pool0 list member",
         ["pm pm0 address 192.168.100.1 protocol-port 80 weight 1 state up status ACTIVE"],
         "load-balancer lb0 pool pool0 member pm0 show", "load-balancer lb0 pool pool0 member pm0 show weight",
         "1", "load-balancer lb0 pool pool0 member pm0 set weight 3",
         "pm pm0 address 192.168.100.1 protocol-port 80 weight 3 state up status ACTIVE",
         delete="load-balancer lb0 pool pool0 delete member pm0"),
    Case("vip", ["create load-balancer", "load-balancer lb0 add pool lb-method ROUND_ROBIN"],
         "load-balancer lb0 pool pool0 add vip address 192.168.0.1 protocol-port 8080 persistence SOURCE_IP",
         ["lb0:pool0:vip0"], "load-balancer lb0 pool pool0 list vip",
         ["vip vip0 load-balancer lb0 address 192.168.0.1 protocol-port 8080 persistence SOURCE_IP state up"],
         "load-balancer lb0 pool pool0 vip vip0 show", "load-balancer lb0 pool pool0 vip vip0 show address",
         "192.168.0.1", "load-balancer lb0 pool pool0 vip vip0 set protocol-port 8081",
         "vip vip0 load-balancer lb0 address 192.168.0.1 protocol-port 8081 persistence SOURCE_IP state up",
         "load-balancer lb0 pool pool0 vip vip0 clear persistence",
         "vip vip0 load-balancer lb0 address 192.168.0.1 protocol-port 8081 state up",
         "load-balancer lb0 pool pool0 delete vip vip0"),
    Case("vtep", ["tunnel-zone create name vt type vtep"],
         "create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0", ["vtep0"],
         "list vtep",
         ['vtep vtep0 name sandbox-vtep description "midoshell-sandbox emulated hardware VTEP" '
          "management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0 connection-state connected"],
         "vtep management-ip 192.168.2.4 show", "vtep vtep0 show management-port", "6632", "", "",
         delete="delete vtep vtep0"),
    Case("vtep-binding", ["create bridge name b", "tunnel-zone create name vt type vtep",
                          "create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0"],
         "vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0",
         ["physical-port eth0 vlan 10 network-id bridge0"], "vtep vtep0 list binding",
         ["physical-port eth0 vlan 10 network-id bridge0"],
         "vtep management-ip 192.168.2.4 binding physical-port eth0 show",
         "vtep vtep0 binding physical-port eth0 show vlan", "10", "", "",
         delete="vtep management-ip 192.168.2.4 delete binding physical-port eth0 vlan 10"),
    Case("vtep-port", ["tunnel-zone create name vt type vtep",
                       "create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone0"],
         "", [], "vtep vtep0 list port",
         [f'name eth{n} description "sandbox-vtep port eth{n}"' for n in range(4)],
         "vtep vtep0 port name eth1 show", "vtep vtep0 port name eth1 show description",
         "sandbox-vtep port eth1", "", ""),
    Case("container-group", ["create port-group name pg"], "create container-group policy least port-group pgroup0",
         ["cgroup0"], "list container-group", ["cgroup cgroup0 policy least port-group pgroup0"],
         "show container-group cgroup0", "container-group cgroup0 show policy", "least", "", "",
         delete="delete container-group cgroup0"),
    Case("container", BRIDGE_AND_PORT + ["create container-group policy least"],
         "container-group cgroup0 add container type IPSEC", ["cgroup0:container0"],
         "list container", ["container container0 container-group cgroup0 type IPSEC"],
         "show container container0", "container container0 show type", "IPSEC", "", "",
         delete="delete container container0"),
    Case("qos-policy", [], "create qos-policy name q1 description d shared true", ["qos-policy0"],
         "list qos-policy", ["qos-policy qos-policy0 name q1 description d shared true"],
         "show qos-policy qos-policy0", "qos-policy qos-policy0 show description", "d",
         "qos-policy qos-policy0 set shared false", "qos-policy qos-policy0 name q1 description d shared false",
         "qos-policy qos-policy0 clear description", "qos-policy qos-policy0 name q1 shared false",
         "delete qos-policy qos-policy0"),
    Case("qos-bw-limit-rule", ["create qos-policy name q"],
         "qos-policy qos-policy0 add bw-limit-rule max-kbps 100 max-burst-kb 10",
         ["qos-policy0:qos-bw-limit-rule0"], "qos-policy qos-policy0 list bw-limit-rule",
         ["qos-bw-limit-rule qos-bw-limit-rule0 max-kbps 100 max-burst-kb 10"],
         "show qos-policy0:qos-bw-limit-rule0", "qos-policy qos-policy0 bw-limit-rule qos-bw-limit-rule0 "
         "show max-kbps", "100",
         "qos-policy qos-policy0 bw-limit-rule qos-bw-limit-rule0 set max-kbps 200",
         "qos-bw-limit-rule qos-bw-limit-rule0 max-kbps 200 max-burst-kb 10",
         "qos-policy qos-policy0 bw-limit-rule qos-bw-limit-rule0 clear max-burst-kb",
         "qos-bw-limit-rule qos-bw-limit-rule0 max-kbps 200",
         "qos-policy qos-policy0 delete bw-limit-rule qos-bw-limit-rule0"),
    Case("qos-dscp-rule", ["create qos-policy name q"], "qos-policy qos-policy0 add dscp-rule dscp-mark 11",
         ["qos-policy0:qos-dscp-rule0"], "qos-policy qos-policy0 list dscp-rule",
         ["qos-dscp-rule qos-dscp-rule0 dscp-mark 11"], "show qos-policy0:qos-dscp-rule0",
         "qos-policy qos-policy0 dscp-rule qos-dscp-rule0 show dscp-mark", "11",
         "qos-policy qos-policy0 dscp-rule qos-dscp-rule0 set dscp-mark 12",
         "qos-dscp-rule qos-dscp-rule0 dscp-mark 12",
         delete="qos-policy qos-policy0 delete dscp-rule qos-dscp-rule0"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_type_round_trip(case, sandbox):
    session = Session(Client(sandbox.url), show_aliases=True)

    def shell(line):
        return render_text(session.run_line(line))

    for line in case.setup:
        shell(line)
    if case.create:
        assert shell(case.create) == case.created
    if case.list:
        assert shell(case.list) == case.listed
    shown = shell(case.show)
    assert len(shown) == 1
    if case.listed:  # show prints the listed line; objects without id add their type prefix
        assert shown[0] in case.listed or shown[0].split(" ", 1)[1] in case.listed
    value = shell(case.field)
    if case.value:
        assert value == [case.value]
    else:  # a reference field: the referenced port's line
        assert len(value) == 1 and value[0].startswith("port port0 device bridge0")
    if case.set:
        assert shell(case.set) == []
        assert shell(case.show) == [case.after_set]
    if case.clear:
        assert shell(case.clear) == []
        assert shell(case.show) == [case.after_clear]
    if case.delete:
        assert shell(case.delete) == []
        assert shell(case.list) == case.after_delete


def test_every_object_type_has_a_case():
    assert set(model.TYPES) == {c.name for c in CASES}


@pytest.mark.parametrize("key", sorted(model.TYPES))
def test_describe_every_type(key, sandbox):
    from midoshell.help import describe_type

    lines = describe_type(key)
    assert "Fields:" in lines
    for attr in model.object_type(key).attrs:
        assert any(line.split()[:1] == [attr.name] for line in lines), attr.name
    for child in model.object_type(key).children:
        assert any(child.name in line.split() for line in lines), child.name
