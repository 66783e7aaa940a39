"""Every row of the sandbox's API table (midoshell/sandbox/API.rst) sent to the sandbox.

The table is the documentation: each row names a request (path, method, headers, body) and
the answer a MidoNet v5 Cluster gives (status, body, what changed), with the server source
it was checked against. This module reads the rows out of the document itself and sends
each one, so the document and the sandbox cannot drift apart.

Cells are split on `¦`. Request cell: `-` (no body), or options `accept=TYPE`,
`ctype=TYPE` (`none` drops the header; `vnd:Name` is application/vnd.org.midonet.Name+json)
followed by the body, sent as written (it need not be valid JSON). Answer cell: `empty` (no body), `json TYPE` (a JSON
answer of that Content-Type), `Location` (a 201's header), `"message"` (an error entity),
optionally `// property: message` violations; then `; then GET PATH has {json}` (the listed
fields of the object at PATH) or `; then GET PATH STATUS`. `{name}` placeholders stand for
objects made for the row (see World).
"""

import itertools
import json
import os
import re
import uuid

import pytest

from sandbox_helpers import vnd

DOC = os.path.join(os.path.dirname(__file__), "..", "midoshell", "sandbox", "API.rst")
MISSING = "0a0a0a0a-1111-2222-3333-444444444444"
COLUMNS = ["Path", "Method", "Status", "Request", "Answer", "Checked against"]


# ---- reading the table ---------------------------------------------------------------

def read_rows(path=DOC):
    """The rows of every csv-table (cells split on "¦") in the document, as dicts keyed by
    COLUMNS; a Method cell naming several methods gives one row per method."""
    rows, in_table = [], False
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith(".. csv-table::"):
                in_table = True
            elif in_table and line.startswith("   ") and not line.startswith("   :"):
                cells = [cell.strip() for cell in line.split("¦")]
                assert len(cells) == len(COLUMNS), f"API.rst line {number}: {cells}"
                if cells != COLUMNS:
                    for method in cells[1].split():
                        rows.append(dict(zip(COLUMNS, cells), Method=method, line=number))
            elif line.strip() and not line.startswith("   "):
                in_table = False
    return rows


ROWS = read_rows()


# ---- objects a row refers to -----------------------------------------------------------

_SERIAL = itertools.count(1)


class World:
    """Objects made on demand for one row: `{router}` makes a router, `{rport}` a port on
    it, and so on; each row gets its own objects, in one sandbox shared by the module."""

    def __init__(self, api):
        self.api = api
        self.made = {"missing": MISSING}
        self.serial = next(_SERIAL)

    def expand(self, text):
        return re.sub(r"\{(\w+)\}", lambda m: self[m.group(1)], text)

    def __getitem__(self, name):
        if name not in self.made:
            self.made[name] = getattr(self, "make_" + name)()
        return self.made[name]

    def _post(self, path, body, ctype="application/json"):
        resp = self.api.http.post(f"{self.api.url}/{self.expand(path)}",
                                  data=self.expand(json.dumps(body)),
                                  headers={"Content-Type": ctype})
        assert resp.status_code == 201, (path, resp.status_code, resp.text)
        location = resp.headers.get("Location")  # a port link has none
        return location and location.rstrip("/").rsplit("/", 1)[-1]

    # unique values
    def make_uniq(self):
        return f"u{self.serial}"

    def make_ip(self):
        return f"10.200.{self.serial // 250}.{self.serial % 250 + 1}"

    # devices
    def make_host(self):
        return self.api.http.get(f"{self.api.url}/hosts").json()[0]["id"]

    def make_host3(self):
        """A host no row puts in a tunnel zone."""
        return self.api.http.get(f"{self.api.url}/hosts").json()[2]["id"]

    def make_deadhost(self):
        return self._post("hosts", {"name": "gone"})

    def make_zonename(self):
        self["zone"]
        return f"tz{self['uniq']}"

    def make_router(self):
        return self._post("routers", {"name": "r"})

    def make_bridge(self):
        return self._post("bridges", {"name": "b"})

    def make_chain(self):
        return self._post("chains", {"name": "c"})

    def make_rport(self):
        return self._post("routers/{router}/ports", {"type": "Router",
                                                     "portAddress": "10.0.0.1",
                                                     "networkLength": 24})

    def make_rport2(self):
        return self._post("routers/{router}/ports", {"type": "Router",
                                                     "portSubnet": ["10.0.1.1/24"]})

    def make_bport(self):
        return self._post("bridges/{bridge}/ports", {"type": "Bridge"})

    def make_bport2(self):
        return self._post("bridges/{bridge}/ports", {"type": "Bridge"})

    def make_lbrouter(self):
        return self._post("routers", {"name": "r", "loadBalancerId": "{lb}"})

    def make_vxlanport(self):
        self["binding"]
        bridge = self.api.http.get(f"{self.api.url}/bridges/{self['bridge']}").json()
        return bridge["vxLanPortIds"][0]

    def make_filtered_router(self):
        return self._post("routers", {"name": "r", "inboundFilterId": "{chain}"})

    def make_bridge2(self):
        return self._post("bridges", {"name": "b2"})

    def make_vxlanport_of_vtep(self):
        # The server derives a VXLAN port's id from its VTEP's and bridge's (XOR).
        return str(uuid.UUID(int=uuid.UUID(self["vtep"]).int ^ uuid.UUID(self["bridge"]).int))

    def make_hmpool(self):
        return self._post("pools", {"loadBalancerId": "{lb}", "lbMethod": "ROUND_ROBIN",
                                    "healthMonitorId": "{hm}"})

    def make_qosbridge(self):
        return self._post("bridges", {"name": "b", "qosPolicyId": "{qos}"})

    def make_mirrored_router(self):
        return self._post("routers", {"name": "r", "inboundMirrorIds": ["{mirror}"]})

    def make_l2iport(self):
        self["l2i"]
        return self["bport"]

    def make_vlanport(self):
        return self._post("bridges/{bridge}/ports", {"type": "Bridge", "vlanId": 7})

    def make_macport(self):
        self._post("bridges/{bridge}/mac_table", {"macAddr": "aa:bb:cc:00:00:0a",
                                                  "portId": "{bport}"})
        return f"aa-bb-cc-00-00-0a_{self['bport']}"

    def make_arp(self):
        self._post("bridges/{bridge}/arp_table", {"ip": "10.0.0.10",
                                                  "mac": "aa:bb:cc:00:00:10"},
                   vnd("IP4Mac-v1"))
        return "10.0.0.10_aa-bb-cc-00-00-10"

    def make_rule(self):
        return self._post("chains/{chain}/rules", {"type": "accept"})

    def make_route(self):
        return self._post("routers/{router}/routes", {
            "type": "Normal", "srcNetworkAddr": "0.0.0.0", "dstNetworkAddr": "10.9.0.0",
            "dstNetworkLength": 16, "nextHopPort": "{rport}"})

    def make_link(self):
        self._post("ports/{rport}/link", {"peerId": "{bport}"})
        return self["rport"]

    def make_peering(self):
        self._post("routers/{router}/ports/{rport}/peering_table",
                   {"ip": "10.0.0.9", "mac": "aa:bb:cc:dd:ee:ff"}, vnd("MacIp-v1"))
        return "10.0.0.9_aa-bb-cc-dd-ee-ff"

    # hosts and tunnel zones
    def make_zone(self):
        return self._post("tunnel_zones", {"name": "tz{uniq}", "type": "gre"})

    def make_vzone(self):
        return self._post("tunnel_zones", {"name": "vz{uniq}", "type": "vtep"})

    def make_member(self):
        self._post("tunnel_zones/{zone}/hosts", {"hostId": "{host}", "ipAddress": "10.0.0.2"},
                   vnd("TunnelZoneHost-v1"))
        return self["host"]

    def make_memberzone(self):
        self["member"]
        return self["zone"]

    def make_vtep_zone_in_use(self):
        self["vtep"]
        return self["vzone"]

    def make_hostbinding(self):
        self["member"]
        self._post("hosts/{host}/ports", {"portId": "{bport}", "interfaceName": "eth{uniq}"},
                   vnd("HostInterfacePort-v1"))
        return self["bport"]

    # groups
    def make_pg(self):
        return self._post("port_groups", {"name": "pg"})

    def make_pgmember(self):
        self._post("port_groups/{pg}/ports", {"portId": "{bport}"})
        return self["bport"]

    def make_ipg(self):
        return self._post("ip_addr_groups", {"name": "ipg"}, vnd("IpAddrGroup-v1"))

    def make_ipaddr(self):
        self._post("ip_addr_groups/{ipg}/ip_addrs", {"version": 4, "addr": "10.0.0.5"},
                   vnd("IpAddrGroupAddr-v1"))
        return "10.0.0.5"

    # DHCP
    def make_dhcp(self):
        self._post("bridges/{bridge}/dhcp", {"subnetPrefix": "10.1.0.0", "subnetLength": 24})
        return "10.1.0.0_24"

    def make_dhcphost(self):
        self._post("bridges/{bridge}/dhcp/{dhcp}/hosts", {"macAddr": "aa:bb:cc:dd:ee:01",
                                                          "ipAddr": "10.1.0.5"},
                   vnd("DhcpHost-v2"))
        return "aa:bb:cc:dd:ee:01"

    def make_dhcp6(self):
        self._post("bridges/{bridge}/dhcpV6", {"prefix": "fd00:0:0:0:0:0:0:0",
                                               "prefixLength": 64})
        return "fd00:0:0:0:0:0:0:0_64"

    def make_dhcp6host(self):
        self._post("bridges/{bridge}/dhcpV6/{dhcp6}/hostsV6",
                   {"clientId": "aa:bb", "fixedAddress": "fd00::5", "name": "vm"},
                   vnd("DhcpV6Host-v1"))
        return "aa-bb"

    # BGP
    def make_peer(self):
        return self._post("routers/{router}/bgp_peers", {"asNumber": 65001,
                                                         "address": "10.0.0.254"})

    def make_bgpnet(self):
        return self._post("routers/{router}/bgp_networks", {"subnetAddress": "10.5.0.0",
                                                            "subnetLength": 16})

    # VTEPs
    def make_vtep(self):
        return self._post("vteps", {"managementIp": "{ip}", "managementPort": 6632,
                                    "tunnelZoneId": "{vzone}"})

    def make_binding(self):
        self._post("vteps/{vtep}/bindings", {"portName": "eth0", "vlanId": 10,
                                             "networkId": "{bridge}"})
        return "eth0/10"

    # load balancing
    def make_lb(self):
        return self._post("load_balancers", {})

    def make_hm(self):
        return self._post("health_monitors", {"type": "TCP", "delay": 5, "timeout": 5,
                                              "maxRetries": 3})

    def make_pool(self):
        return self._post("pools", {"loadBalancerId": "{lb}", "lbMethod": "ROUND_ROBIN"})

    def make_poolmember(self):
        return self._post("pool_members", {"poolId": "{pool}", "address": "10.0.0.7",
                                           "protocolPort": 80})

    def make_vip(self):
        return self._post("vips", {"poolId": "{pool}", "address": "10.0.0.8",
                                   "protocolPort": 80})

    # containers, QoS, mirrors, traces, insertions
    def make_cgroup(self):
        return self._post("service_container_groups", {"policy": "LEAST"})

    def make_container(self):
        return self._post("service_containers", {"serviceType": "IPSEC"})

    def make_pcontainer(self):
        return self._post("service_container_groups/{cgroup}/service_containers",
                          {"serviceType": "IPSEC", "portId": "{bport}"})

    def make_rcontainer(self):
        return self._post("service_containers", {"serviceType": "IPSEC", "portId": "{rport}"})

    def make_qos(self):
        return self._post("qos_policies", {"name": "q"})

    def make_bwrule(self):
        return self._post("qos_policies/{qos}/qos_bw_limit_rules", {"maxKbps": 100})

    def make_dscprule(self):
        return self._post("qos_policies/{qos}/qos_dscp_rules", {"dscpMark": 10})

    def make_mirror(self):
        return self._post("mirrors", {"toPortId": "{bport}"})

    def make_trace(self):
        return self._post("traces", {"id": "{newid}", "name": "t", "deviceType": "BRIDGE",
                                     "deviceId": "{bridge}", "condition": {}})

    def make_newid(self):
        return f"0b0b0b0b-0000-0000-0000-{self.serial:012d}"

    def make_l2i(self):
        return self._post("l2insertions", {"portId": "{bport}", "srvPortId": "{bport2}",
                                           "mac": "aa:bb:cc:00:00:01"})


# ---- sending a row and checking its answer ---------------------------------------------

def media_type(text):
    if text.startswith("vnd:"):
        return vnd(text[4:])
    return text


def build_request(row, world):
    """(method, url, headers, body) for a row."""
    method, spec = row["Method"], row["Request"]
    headers = {"Accept": "application/json"} if method == "GET" else {}
    body = None
    if method in ("POST", "PUT"):
        headers["Content-Type"] = "application/json"
        body = "{}"
    rest = "" if spec == "-" else spec
    while True:
        match = re.match(r"(accept|ctype)=(\S+)\s*", rest)
        if not match:
            break
        name = "Accept" if match.group(1) == "accept" else "Content-Type"
        value = media_type(match.group(2))
        if value == "none":
            headers[name] = None  # requests leaves out a header set to None
        else:
            headers[name] = value
        rest = rest[match.end():]
    if rest:
        body = world.expand(rest)
    url = world.api.url + world.expand(row["Path"])
    return method, url, headers, body


def check_answer(row, world, resp):
    where = f"API.rst line {row['line']}: {row['Method']} {row['Path']}"
    assert resp.status_code == int(row["Status"]), (where, resp.status_code, resp.text)
    answer, _, then = row["Answer"].partition("; then ")
    answer = answer.strip()
    if answer == "empty":
        assert resp.content == b"", (where, resp.text)
    elif answer == "Location":
        assert resp.headers["Location"].startswith(world.api.url + "/"), where
        assert resp.content == b"", (where, resp.text)
    elif answer.startswith("json "):
        assert resp.headers["Content-Type"] == media_type(answer[5:]), (where, resp.headers)
        resp.json()
    elif answer.startswith('"'):
        _check_error(where, world, resp, answer)
    else:
        raise AssertionError(f"{where}: unknown answer {answer!r}")
    if then:
        _check_then(where, world, resp, then.strip())


def _check_error(where, world, resp, answer):
    message, *violations = [part.strip() for part in answer.split(" // ")]
    assert resp.headers["Content-Type"].startswith(vnd("Error-v1")), (where, resp.headers)
    body = resp.json()
    assert body["code"] == resp.status_code, where
    assert body["message"] == world.expand(json.loads(message)), (where, body)
    if violations:
        wanted = [dict(zip(("property", "message"), v.split(": ", 1))) for v in violations]
        assert body.get("violations") == wanted, (where, body)
    else:
        assert "violations" not in body, (where, body)


def _check_then(where, world, resp, then):
    match = re.match(r"GET (\S+) (has (.*)|(\d+))$", then)
    assert match, f"{where}: cannot read {then!r}"
    path = match.group(1)
    url = resp.headers["Location"] if path == "Location" else \
        world.api.url + world.expand(path)
    got = world.api.http.get(url, headers={"Accept": "*/*"})
    if match.group(4):
        assert got.status_code == int(match.group(4)), (where, got.status_code, got.text)
        return
    assert got.status_code == 200, (where, got.text)
    wanted = json.loads(world.expand(match.group(3)))
    doc = got.json()
    assert {key: doc.get(key) for key in wanted} == wanted, (where, doc)


@pytest.fixture(scope="module")
def shared_api():
    from midoshell.sandbox import start

    from sandbox_helpers import Api

    server = start(host="127.0.0.1", port=0, hosts=3)
    yield Api(server)
    server.stop()


def test_every_advertised_collection_is_served():
    """The root document advertises nothing the sandbox does not route."""
    from midoshell.sandbox.resources import ROUTES
    from midoshell.sandbox.resources.root import ROOT_RESOURCES

    routed = {rule.strip("/").split("/")[0] for rule, _, _ in ROUTES}
    advertised = {segment for segment, _, _ in ROOT_RESOURCES} - {"neutron"}
    assert advertised <= routed, sorted(advertised - routed)


def _row_id(row):
    return f"{row['line']}-{row['Method']}-{row['Path']}-{row['Status']}"


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_row(shared_api, row):
    world = World(shared_api)
    method, url, headers, body = build_request(row, world)
    data = body.encode("utf-8", "surrogatepass") if body is not None else None
    resp = shared_api.http.request(method, url, headers=headers, data=data)
    check_answer(row, world, resp)


# ---- the table itself --------------------------------------------------------------------

def test_every_row_names_its_server_source():
    for row in ROWS:
        sources = row["Checked against"]
        assert sources and all(s.strip().endswith((".scala", ".java", ".properties"))
                               for s in sources.split(",")), row


def test_the_table_covers_every_served_path_and_method():
    """Every path the sandbox routes has a row for each of GET, POST, PUT and DELETE:
    an answer for the methods it serves and the 405 of the ones it does not."""
    from midoshell.sandbox.resources import ROUTES

    def rule_pattern(rule):
        parts = re.split(r"(<[^>]+>)", rule)
        return "".join(("[^/]+" if not p.startswith("<path:") else ".+")
                       if p.startswith("<") else re.escape(p) for p in parts)

    # A placeholder stands for one path segment; a VTEP binding's stands for two.
    shapes = {(re.sub(r"\{(\w+)\}", lambda m: "p/10" if m.group(1) == "binding" else "x",
                      row["Path"]), row["Method"]) for row in ROWS}
    missing = [(rule, method) for rule, _, _ in ROUTES
               for method in ("GET", "POST", "PUT", "DELETE")
               if not any(m == method and re.fullmatch(rule_pattern(rule), path)
                          for path, m in shapes)]
    assert not missing, f"paths and methods without a row in API.rst: {missing}"
