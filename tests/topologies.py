"""Topologies for the export and --may-exist tests: every creatable object type with every
field it can be given set (a trace rule excepted: the server keeps no request id for it)."""

# Every creatable type of the model, every settable field given at least once.
EVERY_TYPE = """\
create tunnel-zone name "zone one" type gre
tunnel-zone tzone0 add member host host0 address 192.0.2.10
tunnel-zone tzone0 add member host host1 address 192.0.2.11
create tunnel-zone name vt type vtep
create vtep management-ip 192.168.2.4 management-port 6632 tunnel-zone tzone1
create qos-policy name q1 description "the d" shared true tenant 0123456789abcdef0123456789abcdef
qos-policy qos-policy0 add bw-limit-rule max-kbps 100 max-burst-kb 10
qos-policy qos-policy0 add dscp-rule dscp-mark 11
create chain name in tenant 0123456789abcdef0123456789abcdef
create chain name out
create chain name jumped
create port-group name pg1 stateful true tenant 0123456789abcdef0123456789abcdef
create ip-address-group name ips
ip-address-group ipg0 add ip address 10.0.0.1
ip-address-group ipg0 add ip address fd00::1
create health-monitor type TCP delay 5 timeout 10 max-retries 3 state down
create load-balancer state down
load-balancer lb0 add pool lb-method ROUND_ROBIN health-monitor hm0 state down
load-balancer lb0 pool pool0 add member address 192.168.100.1 protocol-port 80 weight 3 state down
load-balancer lb0 pool pool0 add vip address 192.168.0.1 protocol-port 8080 persistence SOURCE_IP state down
create router name edge tenant 0123456789abcdef0123456789abcdef state down infilter chain0 outfilter chain2 load-balancer lb0 asn 65000 local-redirect-chain chain1 forward-chain chain1
router router0 add port addresses 10.0.0.1/24,10.0.1.1/24 mac 02:00:00:00:00:01 state down infilter chain0 outfilter chain2 vni 5000 vxlan-off-ramp true
router router0 add port address 172.19.0.2 net 172.19.0.0/30
router router0 port port0 add remote-peers mac 01:02:03:04:05:06 ip 10.0.0.9
router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router0:port1 gw 172.19.0.1 weight 7
router router0 add route src 10.8.0.0/16 dst 10.9.0.0/16 type blackhole
router router0 add bgp-network net 10.1.0.0/16
router router0 add bgp-peer asn 65001 address 10.0.0.2 keep-alive 10 hold-time 30 connect-retry 15 password s3cret
create bridge name b state down infilter chain0 outfilter chain2 qos-policy qos-policy0 tenant 0123456789abcdef0123456789abcdef
bridge bridge0 add port vlan 5 state down infilter chain0 outfilter chain2 qos-policy qos-policy0
bridge bridge0 add port
vtep vtep0 add binding physical-port eth0 vlan 10 network-id bridge0
vtep vtep0 add binding physical-port eth1 vlan 11 network-id bridge0
bridge bridge0 add port
bridge bridge0 add dhcp subnet 10.0.0.0/24 gw 10.0.0.1 server 10.0.0.2 dns-servers 8.8.8.8,8.8.4.4 interface-mtu 1400
bridge bridge0 dhcp subnet 10.0.0.0/24 add host name vm1 mac 01:02:03:04:05:07 address 10.0.0.5
bridge bridge0 dhcp subnet 10.0.0.0/24 add opt121-routes destination 1.0.0.0/8 gateway 10.0.0.1
create bridge name "second bridge"
bridge bridge1 add port
bridge bridge0 port port0 set peer router0:port0
port-group pgroup0 add member port bridge0:port0
port-group pgroup0 add member port router0:port1
chain chain0 add rule type drop hw-src 02:00:00:00:00:0a hw-src-mask ffff.ff00.0000 hw-dst !02:00:00:00:00:0b hw-dst-mask ffff.ffff.0000 ethertype 0x0800 src !10.0.0.0/8 dst 10.1.0.0/16 proto 6 tos 4 src-port 1000-2000 dst-port !80 flow fwd-flow port-group pgroup0 in-port-group !pgroup0 out-port-group pgroup0 ip-address-group-src ipg0 ip-address-group-dst !ipg0 in-ports bridge0:port0,router0:port1 out-ports !bridge0:port3 fragment-policy header vlan 7 icmp-data-src 10.5.0.0/16 icmp-data-dst !10.6.0.1 match-nw-dst-rewritten true inverted yes
chain chain0 add rule type jump jump-to chain1 no-vlan true
chain chain0 add rule type dnat action accept dst 1.1.1.1 target 192.0.2.1-192.0.2.99:80-90 fragment-policy unfragmented
chain chain0 add rule type snat action continue target 192.0.2.5 flow return-flow
chain chain0 add rule type l2-transform action redirect target-port bridge0:port3 ingress true fail-open true pop-vlan true push-vlan 100
chain chain0 add rule type accept
chain chain0 add rule type accept pos 1
chain chain1 add rule type reject
create mirror to-port bridge0:port0
mirror mirror0 add matches dst 10.0.0.0/8 proto 17
mirror mirror0 add matches src !10.2.0.0/16
mirror mirror0 add matches no-vlan true hw-src 02:00:00:00:00:0a hw-src-mask ffff.ff00.0000 hw-dst !02:00:00:00:00:0b hw-dst-mask ffff.ffff.0000 ethertype 0x0800 src !10.0.0.0/8 dst 10.1.0.0/16 proto 6 tos 4 src-port 1000-2000 dst-port !80 flow fwd-flow port-group pgroup0 in-port-group !pgroup0 out-port-group pgroup0 ip-address-group-src ipg0 ip-address-group-dst !ipg0 in-ports bridge0:port0,router0:port1 out-ports !bridge0:port3 fragment-policy header vlan 7 icmp-data-src 10.5.0.0/16 icmp-data-dst !10.6.0.1 match-nw-dst-rewritten true inverted yes
create mirror to-port router0:port1
router router0 set in-mirrors mirror0 out-mirrors mirror1
router router0 port port0 set in-mirrors mirror0 out-mirrors mirror1 post-in-filter-mirrors mirror0 pre-out-filter-mirrors mirror1
bridge bridge0 set in-mirrors mirror1 out-mirrors mirror0
bridge bridge0 port port3 set in-mirrors mirror1 out-mirrors mirror0 post-in-filter-mirrors mirror1 pre-out-filter-mirrors mirror0
create l2insertion port bridge0:port0 srv-port bridge1:port0 vlan 7 pos 1 fail-open true mac 02:00:00:00:00:0a
create container-group policy least port-group pgroup0
container-group cgroup0 add container type IPSEC port router0:port1 configuration 0f2c43a4-7a9c-4c57-9a0e-2a6b2d11e0c1 host host2
create tracerequest name tr1 port bridge0:port0 limit 10 enabled true src !10.0.0.0/8 dst-port 80 fragment-policy header
create tracerequest name tr2 router router0 limit 3
create tracerequest name tr3 bridge bridge1
create tracerequest name tr4 port router0:port1 no-vlan true hw-src 02:00:00:00:00:0a hw-src-mask ffff.ff00.0000 hw-dst !02:00:00:00:00:0b hw-dst-mask ffff.ffff.0000 ethertype 0x0800 src !10.0.0.0/8 dst 10.1.0.0/16 proto 6 tos 4 src-port 1000-2000 dst-port !80 flow fwd-flow port-group pgroup0 in-port-group !pgroup0 out-port-group pgroup0 ip-address-group-src ipg0 ip-address-group-dst !ipg0 in-ports bridge0:port0,router0:port1 out-ports !bridge0:port3 fragment-policy header vlan 7 icmp-data-src 10.5.0.0/16 icmp-data-dst !10.6.0.1 match-nw-dst-rewritten true inverted yes
host host0 set flooding-proxy-weight 3 container-weight 2 container-limit 4 enforce-container-limit true
host host0 add binding interface veth1 port router0:port1
host host1 add binding interface eth9 port bridge1:port0
bridge bridge0 port port2 set infilter chain1 in-mirrors mirror0
"""

# The install guides' workflows (shared/seeds): Eucalyptus, the Packstack uplink.
GUIDES = """\
tunnel-zone add name eucatz type gre
tunnel-zone list
host list
tunnel-zone tzone0 add member host host0 address 192.0.2.10
tunnel-zone tzone0 add member host host1 address 192.0.2.11
tunnel-zone tzone0 add member host host2 address 192.0.2.12
tunnel-zone create name vxlan type vxlan
list tunnel-zone
create router name "MidoNet Provider Router"
router list
router router0 add port address 172.19.0.2 net 172.19.0.0/30
router router0 add route src 0.0.0.0/0 dst 0.0.0.0/0 type normal port router router0 port port0 gw 172.19.0.1
host host0 add binding port router router0 port port0 interface veth1
"""
