"""`export`: the live topology as a midoshell script that, replayed, makes the same topology.

Objects come out in an order that replays: what others refer to first (tunnel zones, VTEPs,
QoS policies, chains, port groups, address groups, health monitors, load balancers), then
routers and bridges with their ports, routes and DHCP, then what refers to ports (links, port
group members, rules, mirrors, insertions, containers, trace requests, host bindings).  A
reference to something not made yet becomes a `set` at the end (a router's mirrors).

Objects are named by the aliases a replay gives them: in an empty deployment, a session names
objects in the order it made them, and against the deployment exported the listing order is the
order of this script, so both agree.  What the server makes (hosts, interfaces, Local routes, a
VTEP binding's VXLAN port, tunnel keys, states) is not written as a command; hosts are named by
their name, with their id in a comment.  Secrets (BGP passwords) are never written.
"""

import datetime
import re

from midoshell import model
from midoshell.errors import UsageError
from midoshell.export_values import Deferred, Unwritable, Values, word
from midoshell.model.identity import SERVER_OWNED, SERVER_SET, identity

# Root collections in the order they are made, and the phases that follow them.
EARLY = ["tunnel-zone", "vtep", "qos-policy", "chain", "port-group", "ip-address-group",
         "health-monitor", "load-balancer", "router", "bridge"]
LATE = ["mirror", "l2insertion", "container-group", "tracerequest"]
# Children made after every device exists, since they refer to ports: (parent type, link).
LATER_CHILDREN = {("chain", "rule"), ("port-group", "member")}
# Collections that show the same elements as another one, or elements made elsewhere.
SKIPPED_CHILDREN = {("ip-address-group", "ipv4"), ("ip-address-group", "ipv6"),
                    ("vtep", "binding")}
SECRETS = {("bgp-peer", "password")}
# Top-level collections whose objects belong to another: exported with it.
WITH_PARENT = {"port": "router or bridge", "container": "container-group"}


class Node:
    """An object to export, with its children (link, [Node]) in the server's order."""

    def __init__(self, obj):
        self.obj = obj
        self.children = []


class Exporter:
    def __init__(self, session, keep_ids):
        self.session = session
        self.resolver = session.resolver
        self.keep_ids = keep_ids
        self.lines = []
        self.scope = set()  # ids of the objects this export makes
        self.aliases = {}  # id -> alias chain on replay
        self.counters = {}  # (parent id, prefix) -> next alias number
        self.deferred = []  # (Node, [attr]): references to objects made later
        self.values = Values(self)
        self.left_out = []
        self.ports = []  # ports made, in order: their links come after every device
        self.bindings_made = set()  # (vtep id, port name, vlan) of VTEP bindings written

    # -- collecting ------------------------------------------------------------------------
    def collect(self, obj):
        node = Node(obj)
        self.scope.add(obj.id)
        for link in obj.type.children:
            if not link.can_create or (obj.type.key, link.name) in SKIPPED_CHILDREN \
                    or link.type in SERVER_OWNED:
                continue
            kids = [self.collect(o) for o in self.resolver.list(obj, link)
                    if not _server_made(o)]
            node.children.append((link, kids))
        return node

    # -- naming ----------------------------------------------------------------------------
    def name(self, obj, parent_id=None):
        """Give `obj` the alias a replay gives it: the next one in its namespace."""
        counter = (parent_id, obj.type.prefix)
        number = self.counters.get(counter, 0)
        self.counters[counter] = number + 1
        alias = f"{obj.type.prefix}{number}"
        parent_alias = self.aliases.get(parent_id) if parent_id else None
        self.aliases[obj.id] = f"{parent_alias}:{alias}" if parent_alias else alias

    def path_words(self, obj):
        """The words naming an object in a line: `router router0 port port1`."""
        words = []
        chain = []
        while obj is not None:
            chain.append(obj)
            obj = obj.parent
        for step in reversed(chain):
            words.append(step.link.name)
            words.extend(self.selector(step))
        return words

    def selector(self, obj):
        if obj.type.key == "host":
            return self.values.host_selector(obj.id)
        if obj.type.has_id:
            alias = self.aliases.get(obj.id)
            return [alias.split(":")[-1] if alias else obj.id]
        rule = identity(obj.type.key)
        words = []
        for field in rule.fields:
            attr = obj.type.attr(field)
            words += [field, word(self.values.text(obj, attr), before_verb=True)]
        return words

    # -- lines -----------------------------------------------------------------------------
    def emit(self, text):
        self.lines.append(text)

    def create_line(self, node, skip=()):
        obj = node.obj
        words = self.path_words(obj.parent) if obj.parent is not None else []
        words = words + (["add", obj.link.name] if obj.parent is not None
                         else ["create", obj.link.name])
        later = []
        for attr in self.written_attrs(obj, skip):
            try:
                words += [attr.name] + self.values.words(obj, attr)
            except Deferred:
                later.append(attr)
            except Unwritable as why:
                self.leave_out(f"{self.what(obj)}: {attr.name} {why}")
        self.emit(" ".join(words))
        if obj.type.has_id and obj.id:
            self.name(obj, obj.parent_id)
        if obj.type.key in ("router-port", "bridge-port"):
            self.ports.append(obj)
        if later:
            self.deferred.append((obj, later))

    def written_attrs(self, obj, skip):
        """The fields a create line gives: what can be set, not what the path gives."""
        attrs = []
        parent_key = getattr(obj.link, "parent_key", "")
        for attr in obj.type.attrs:
            if attr.name == "id":
                if self.keep_ids and obj.id:
                    attrs.insert(0, attr)
                continue
            if not attr.assignable or attr.legacy or attr.name in skip \
                    or (obj.type.key, attr.name) in SERVER_SET \
                    or (parent_key and attr.json == parent_key):
                continue
            if (obj.type.key, attr.name) in SECRETS:
                if attr.read(obj.doc):
                    self.leave_out(f"the {attr.name} of the {obj.link.name} "
                                   f"{self.identified(obj)} of {self.what(obj.parent)} "
                                   f"(a secret: set it again by hand)")
                continue
            if self.values.is_unset(obj, attr):
                continue
            attrs.append(attr)
        return attrs

    def set_line(self, obj, attrs):
        words = self.path_words(obj) + ["set"]
        for attr in attrs:
            try:
                words += [attr.name] + self.values.words(obj, attr, final=True)
            except Unwritable as why:
                self.leave_out(f"{self.what(obj)}: {attr.name} {why}")
        if words[-1] != "set":
            self.emit(" ".join(words))

    def identified(self, obj):
        """`address 10.0.0.2`: an object by its identity fields, before it has an alias."""
        rule = identity(obj.type.key)
        fields = [obj.type.attr(f) for f in (rule.fields if rule else ())]
        return " ".join(f"{a.name} {self.values.text(obj, a)}" for a in fields if a) or obj.id

    def what(self, obj):
        return " ".join(self.path_words(obj))

    def leave_out(self, text):
        self.left_out.append(text)
        self.emit(f"# left out: {_one_line(text)}")

    def in_order(self, nodes):
        """Top-level objects by name, then by what their line says (references as the
        aliases a replay gives, which do not change with UUIDs), then by UUID: the same
        topology comes out in the same order from every deployment holding it.  A replay
        names them in this order: in an empty deployment as it makes them, and with
        --may-exist as its lines find them."""
        from midoshell.ordering import natural_key

        return sorted(nodes, key=lambda n: (natural_key(n.obj.doc.get("name")),
                                            self.sort_text(n.obj), n.obj.id or ""))

    def sort_text(self, obj):
        parts = []
        for attr in obj.type.attrs:
            if not attr.assignable or attr.legacy or self.values.is_unset(obj, attr):
                continue
            value = attr.read(obj.doc)
            if attr.kind.is_reference:
                items = value if isinstance(value, list) else [value]
                text = ",".join(self.aliases.get(v, "") for v in items)
            else:
                text = self.values.text(obj, attr)
            parts.append(f"{attr.name} {text}")
        return " ".join(parts)

    # -- phases ----------------------------------------------------------------------------
    def emit_tree(self, node):
        self.create_line(node, skip=("peer",))
        for link, kids in node.children:
            if (node.obj.type.key, link.name) in LATER_CHILDREN:
                continue
            if node.obj.type.key == "bridge" and link.name == "port":
                self.emit_bridge_ports(node, kids)
                continue
            for kid in kids:
                self.emit_tree(kid)

    def emit_bridge_ports(self, bridge, kids):
        """A bridge's ports in the server's order; where a VXLAN port stands, the VTEP
        bindings that make it, so that later ports keep their aliases on replay."""
        made = {k.obj.id: k for k in kids}
        for port in self.resolver.list(bridge.obj, bridge.obj.type.child("port")):
            if port.id in made:
                self.emit_tree(made[port.id])
            elif port.doc.get("type") == "Vxlan":
                self.emit_vtep_bindings(bridge.obj, port)

    def emit_vtep_bindings(self, bridge, port):
        vtep = self.vtep(port.doc.get("vtepId"))
        self.name(port, bridge.id)  # the first binding makes it, here, on replay
        self.emit_bindings(vtep, lambda b: b.doc.get("networkId") == bridge.id)
        chosen = [a for a in port.type.attrs if a.kind.is_reference and a.assignable
                  and a.name != "peer" and not self.values.is_unset(port, a)]
        if chosen:  # filters and mirrors put on it: set once everything exists
            self.deferred.append((port, chosen))

    def vtep(self, vtep_id):
        """A VTEP by id (named by its alias when exported, else by its UUID)."""
        known = self.session.cache.get(vtep_id)
        if known is not None and known.parent is None:
            return known
        return self.resolver.by_ref(None, model.root("vtep"), vtep_id)

    def emit_bindings(self, vtep, wanted):
        for binding in self.resolver.list(vtep, vtep.type.child("binding")):
            key = (vtep.id, binding.doc.get("portName"), binding.doc.get("vlanId"))
            if wanted(binding) and key not in self.bindings_made:
                self.bindings_made.add(key)
                self.create_line(Node(binding))

    def emit_other_bindings(self, nodes):
        """Bindings of exported VTEPs to bridges not exported (named by their UUIDs)."""
        for node in nodes:
            if node.obj.type.key == "vtep":
                self.emit_bindings(node.obj, lambda b: True)

    def emit_rules(self, kids):
        """A chain's rules by position.  A trace rule cannot be made again (the server keeps
        no request id for it): it is left out, and the positions after it close up."""
        skipped = 0
        for kid in kids:
            if kid.obj.doc.get("type") == "trace":
                skipped += 1
                self.leave_out(f"rule {kid.obj.doc.get('position')} of {self.what(kid.obj.parent)}"
                               f": a trace rule, which the server keeps without its request id")
                continue
            if skipped and kid.obj.doc.get("position"):
                kid.obj.doc["position"] -= skipped
            self.emit_tree(kid)

    def emit_links(self):
        done = set()
        for obj in self.ports:
            peer = obj.doc.get("peerId")
            if peer and obj.id not in done:
                done.update((obj.id, peer))
                self.set_line(obj, [obj.type.attr("peer")])

    def emit_later_children(self, nodes):
        for node in nodes:
            for link, kids in node.children:
                if (node.obj.type.key, link.name) == ("chain", "rule"):
                    self.emit_rules(kids)
                elif (node.obj.type.key, link.name) in LATER_CHILDREN:
                    for kid in kids:
                        self.emit_tree(kid)

    def emit_hosts(self, only=None):
        """Hosts are the agents' own: their settings as `set` lines, then their bindings."""
        link = model.root("host")
        for host in self.resolver.list(None, link):
            if only is not None and host.id != only:
                continue
            attrs = [a for a in host.type.attrs
                     if a.assignable and not self.values.is_unset(host, a)]
            if attrs:
                self.set_line(host, attrs)
            for binding in self.resolver.list(host, host.type.child("binding")):
                self.create_line(Node(binding))

    def emit_deferred(self):
        for obj, attrs in self.deferred:
            self.set_line(obj, attrs)


def export(session, cmd):
    """The lines of the script (header comment first)."""
    exporter = Exporter(session, cmd.keep_ids)
    if cmd.path:
        obj = session.resolver.path(cmd.path)[-1]
        if obj.type.key == "host":
            exporter.emit_hosts(only=obj.id)
            return _header(session, f"host {obj.doc.get('name') or obj.id}", exporter) + \
                exporter.lines
        if obj.type.key in SERVER_OWNED:
            raise UsageError(f"{obj.type.description} is made by the server: nothing to export")
        what = f"{' '.join(w.text for s in cmd.path for w in _step_words(s))} and all under it"
        body = _export_objects(exporter, {obj.link.name if obj.parent is None else None: [obj]})
    elif cmd.collection is not None:
        key = cmd.collection.name
        if key == "host":
            what = "host settings and bindings"
            body = _export_hosts(exporter)
        elif key in EARLY or key in LATE:
            what = f"every {key}"
            body = _export_objects(exporter, {key: exporter.resolver.list(None, cmd.collection)})
        elif key in WITH_PARENT:
            raise UsageError(f"{key} objects are exported with their {WITH_PARENT[key]}: "
                             f"export that, or one {key} by its path")
        else:
            raise UsageError(f"{key} objects are made by the server or its agents: nothing "
                             f"to export")
    else:
        what = "the whole topology"
        roots = {key: exporter.resolver.list(None, model.root(key)) for key in EARLY + LATE}
        body = _export_objects(exporter, roots, hosts=True)
    return _header(session, what, exporter) + body


def _export_objects(exporter, roots, hosts=False):
    nodes = {key: [exporter.collect(o) for o in objs if not _server_made(o)]
             for key, objs in roots.items()}
    if not exporter.keep_ids:
        for objs in roots.values():
            _say_shared_names(exporter, objs)
    for key in [None] + EARLY:
        for node in exporter.in_order(nodes.get(key, [])):
            exporter.emit_tree(node)
    everything = [n for group in nodes.values() for n in group]
    exporter.emit_other_bindings(everything)
    exporter.emit_links()
    exporter.emit_later_children(everything)
    for key in LATE:
        for node in exporter.in_order(nodes.get(key, [])):
            exporter.emit_tree(node)
    if hosts:
        exporter.emit_hosts()
    exporter.emit_deferred()
    return exporter.lines


def _say_shared_names(exporter, objs):
    """Names shared by objects of a type: a replay with --may-exist cannot tell them apart."""
    counts = {}
    for obj in objs:
        rule = identity(obj.type.key)
        if rule is not None and rule.fields == ("name",) and obj.doc.get("name"):
            key = (obj.type.key, obj.doc["name"])
            counts[key] = counts.get(key, 0) + 1
    for (key, name), count in sorted(counts.items()):
        if count > 1:
            note = (f"{count} {key} objects are named {name!r}: replaying this with --may-exist "
                    f"needs an export made with --keep-ids")
            exporter.session.warn(f"export: {_one_line(note)}")
            exporter.emit(f"# note: {_one_line(note)}")


def _export_hosts(exporter):
    exporter.emit_hosts()
    return exporter.lines


def _header(session, what, exporter):
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [f"# midoshell export of {what} from {_one_line(_public(session.client.url))}, "
             f"{when}",
             "# replay with `midoshell -f FILE`; add --may-exist to bring a deployment to it"
             + (" (objects keep their ids)" if exporter.keep_ids else "")]
    for note in exporter.left_out:
        session.warn(f"export left out {note}")
    return lines


def _public(url):
    """The API's URL without any user or password written into it."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=host))


def _step_words(step):
    words = [step.collection] + ([step.ref] if step.ref is not None else [])
    for pair in step.filters:
        words += [pair.name] + list(pair.words)
    return words


def _server_made(obj):
    """Local routes of router ports and routes learned over BGP come from the server."""
    if obj.type.key == "route":
        return obj.doc.get("type") == "Local" or bool(obj.doc.get("learned"))
    if obj.type.key == "bridge-port":
        return obj.doc.get("type") == "Vxlan"
    return False


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _one_line(text):
    """Server text inside a comment: control characters never reach the output."""
    return _CONTROL.sub("?", str(text))
