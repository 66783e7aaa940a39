"""Completion tables: text before the cursor -> what is offered, from a session filled by hand.

No terminal and no network: the session's client fails the test if anything calls it, so
every object offered comes from the aliases and cache below.
"""

import re
import threading
import time

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from midoshell import model
from midoshell.interactive.completer import MENU_LIMIT, MidoCompleter
from midoshell.interactive.matching import rank
from midoshell.interactive.refresh import Refresher
from midoshell.interactive.sources import Candidate
from midoshell.resolver import Obj
from midoshell.session import Session


class NoNetwork:
    """A client that fails the test when asked for anything."""

    url = "http://127.0.0.1:9/midonet-api"
    username = None

    def __getattr__(self, name):
        raise AssertionError(f"the completer used the API client ({name})")


def uuid(n):
    return f"00000000-0000-4000-8000-{n:012d}"


class World:
    """A session holding a small topology, named as a listing would name it."""

    def __init__(self, client=None):
        self.session = Session(client or NoNetwork())
        self.count = 0

    def add(self, link, doc, parent=None):
        self.count += 1
        doc = dict(doc, id=uuid(self.count))
        obj = Obj(model.concrete_type(link.type, doc), doc, parent, link)
        parent_id = parent.id if parent is not None else None
        self.session.aliases.namespace(parent_id).assign(obj.type.prefix, obj.id)
        self.session.aliases.mark_listed(parent_id, link.name)
        self.session.cache[obj.id] = obj
        return obj

    def child(self, parent, name, doc):
        return self.add(parent.type.child(name), doc, parent)


def topology():
    w = World()
    router0 = w.add(model.root("router"), {"name": "r1", "adminStateUp": True})
    w.add(model.root("router"), {"name": "edge router", "adminStateUp": False})
    for address in ("10.0.0.1/24", "10.0.1.1/24"):
        w.child(router0, "port", {"type": "Router", "portSubnet": [address],
                                  "adminStateUp": True})
    bridge0 = w.add(model.root("bridge"), {"name": "b1", "adminStateUp": True})
    for _ in range(3):
        w.child(bridge0, "port", {"type": "Bridge", "adminStateUp": True})
    for n in range(3):
        w.add(model.root("host"), {"name": f"compute-{n + 1}", "alive": n < 2})
    w.add(model.root("tunnel-zone"), {"name": "tz", "type": "gre"})
    for name in ("in", "out"):
        w.add(model.root("chain"), {"name": name})
    for _ in range(2):
        w.add(model.root("mirror"), {})
    return w


@pytest.fixture(scope="module")
def completer():
    return MidoCompleter(topology().session)


def offered(completer, text):
    """The texts the completer would insert, in order (as prompt_toolkit asks on Tab)."""
    tab = CompleteEvent(completion_requested=True)
    completions = completer.get_completions(Document(text), tab)
    return [c.text for c in completions]


VERBS = {"list", "show", "create", "add", "delete", "set", "clear", "describe"}
ABBREVIATIONS = {"l", "li", "lis", "s", "sh", "sho", "del", "dele", "delet", "desc", "descr"}
COMMANDS = {"help", "sett", "cleart", "debug", "exit", "quit", "refresh"}

# text before the cursor, words that must be offered, words that must not be.
CASES = [
    # verbs and commands, in full, wherever the grammar takes them
    ("", VERBS | COMMANDS | {"router", "bridge", "tunnel-zone", "system-state"},
     ABBREVIATIONS | {"?", "router0"}),
    ("router ", VERBS, ABBREVIATIONS | COMMANDS),
    ("router router0 ", VERBS, ABBREVIATIONS | COMMANDS),
    ("router router0 port port0 ", VERBS, COMMANDS),
    ("list ", {"router", "host", "port"}, VERBS | {"router0"}),
    ("sh ", {"router", "bridge"}, VERBS),
    ("help ", VERBS | COMMANDS | {"router"}, ABBREVIATIONS),
    ("debug ", {"on", "off"}, VERBS),
    ("cleart ", set(), VERBS | {"router"}),
    ("exit ", set(), VERBS | {"router"}),
    # the verb before, between or after the words naming objects
    ("router list ", {"name", "state"}, {"router0", "list"}),
    ("router router0 port list ", {"state", "peer"}, {"port0", "router0"}),
    ("router router0 port port0 show ", {"peer", "state", "mac"}, set()),
    ("show router router0 port port0 ", {"peer", "state"}, set()),
    ("router name r1 set ", {"state", "asn"}, {"id"}),
    ("delete router ", {"router0", "router1"}, {"list"}),
    # collections of the right type
    ("router router0 ", {"port", "route", "bgp-peer", "bgp-network"}, {"member", "router0"}),
    ("tunnel-zone tzone0 ", {"member"}, {"port"}),
    ("router router0 create ", {"port", "route"}, {"name"}),
    ("host host0 list ", {"interface", "binding"}, {"port"}),
    ("describe ", {"router", "host"}, set()),
    ("describe router router0 ", {"port", "route"}, set()),
    # attributes: settable for set/create, all for show, clearable for clear
    ("list router ", {"name", "state", "infilter"}, {"router0", "id"}),
    ("create router ", {"name", "state", "infilter", "asn"}, {"id", "router0", "port"}),
    ("router router0 set ", {"name", "state", "infilter", "port"}, {"id"}),
    ("router router0 set name x ", {"state", "asn"}, {"name", "id"}),
    ("router router0 show ", {"name", "state", "id", "port"}, set()),
    ("router router0 show infilter ", {"name", "id"}, {"state", "asn"}),
    ("router router0 clear ", {"infilter", "outfilter", "in-mirrors", "load-balancer"},
     {"name", "state", "asn"}),
    ("router router0 clear infilter ", {"outfilter"}, {"infilter", "name"}),
    ("host host0 set ", {"flooding-proxy-weight", "container-limit"},
     {"name", "alive", "addresses"}),
    ("bridge0:port0 set ", {"vlan", "peer", "state"}, {"id", "device", "plugged"}),
    ("tunnel-zone tzone0 add member ", {"host", "address"}, {"id"}),
    ("tunnel-zone tzone0 add member host host0 ", {"address"}, {"host", "host0"}),
]

EXACT = [
    # enum and boolean values after a field
    ("router router0 set state ", ["up", "down"]),
    ("tunnel-zone create name tz2 type ", ["gre", "vxlan", "vtep"]),
    ("host host0 set enforce-container-limit ", ["true", "false"]),
    ("router router0 set state d", ["down"]),
    # live objects of the right scope, in alias order
    ("tunnel-zone tzone0 add member host ", ["host0", "host1", "host2"]),
    ("router router0 set infilter ", ["chain0", "chain1"]),
    ("router router0 set in-mirrors mirror0,", ["mirror0,mirror0", "mirror0,mirror1"]),
    ("router0:", ["router0:port0", "router0:port1"]),
    ("bridge0:p", ["bridge0:port0", "bridge0:port1", "bridge0:port2"]),
    # values objects have, to filter on (names with spaces come quoted)
    ("list router name ", ["r1", '"edge router"']),
    ('router name "edge', ['"edge router"']),
]


@pytest.mark.parametrize("text,present,absent", CASES)
def test_offers_what_may_come(completer, text, present, absent):
    got = set(offered(completer, text))
    assert present <= got, (text, present - got)
    assert not absent & got, (text, absent & got)


@pytest.mark.parametrize("text,expected", EXACT)
def test_offers_exactly(completer, text, expected):
    assert offered(completer, text) == expected


@pytest.mark.parametrize("text,first,rest", [
    ("router ", ["router0", "router1"], {"name", "state", "list", "show"}),
    ("router router0 port ", ["port0", "port1"], {"state", "peer", "show"}),
    ("bridge bridge0 port ", ["port0", "port1", "port2"], {"vlan", "show"}),
    ("router name r1 port ", ["port0", "port1"], {"state"}),
    ("router router0 add route port ", ["port0", "port1"],
     {"router0:port0", "bridge0:port2"}),
    ("bridge bridge0 port port0 set peer ", ["port0", "port1", "port2"],
     {"router0:port0", "router0:port1"}),
])
def test_objects_of_the_scope_come_first(completer, text, first, rest):
    got = offered(completer, text)
    assert got[:len(first)] == first
    assert rest <= set(got)


def test_a_collection_never_listed_offers_nothing_and_asks_nobody(completer):
    assert [t for t in offered(completer, "router router1 port ") if t.startswith("port")] == []


def test_the_meta_column_has_type_name_and_state(completer):
    metas = {c.text: c.display_meta_text for c in completer.get_completions(
        Document("tunnel-zone tzone0 add member host "), CompleteEvent())}
    assert metas == {"host0": "host  compute-1  alive", "host1": "host  compute-2  alive",
                     "host2": "host  compute-3  dead"}
    ports = {c.text: c.display_meta_text for c in completer.get_completions(
        Document("router router0 port "), CompleteEvent())}
    assert ports["port1"] == "router-port  10.0.1.1/24  up"


def test_uuids_are_offered_when_one_is_being_typed(completer):
    assert uuid(3) in offered(completer, "router router0 port 0000")
    assert not any(t.startswith("0000") for t in offered(completer, "router router0 port "))


def texts(candidates, partial, limit=None):
    ranked, total = rank(candidates, partial, limit)
    return [text for _, text in ranked], total


def test_prefix_matches_first_then_the_tightest_fuzzy_ones():
    words = [Candidate("list"), Candidate("l2insertion"), Candidate("qos-policy"),
             Candidate("delete")]
    assert texts(words, "li") == (["list", "qos-policy", "l2insertion"], 3)
    assert texts(words, "LI") == (["list", "qos-policy", "l2insertion"], 3)


def test_one_letter_matches_by_prefix_only():
    assert texts([Candidate("router"), Candidate("port")], "r") == (["router"], 1)


def test_inverted_values_and_list_items_keep_what_was_typed_before():
    mirrors = [Candidate("mirror0", kind="object"), Candidate("mirror1", kind="object")]
    assert texts(mirrors, "mirror0,mirror1,m")[0] == ["mirror0,mirror1,mirror0",
                                                      "mirror0,mirror1,mirror1"]
    assert texts([Candidate("pgroup0", kind="object")], "!pg")[0] == ["!pgroup0"]
    assert texts([Candidate("list", kind="keyword")], "!li")[0] == []


def test_a_long_list_is_cut_and_counted():
    many = [Candidate(f"router{n}", kind="object") for n in range(5000)]
    shown, total = texts(many, "", limit=100)
    assert shown == [f"router{n}" for n in range(100)] and total == 5000
    shown, total = texts(many, "rtr49", limit=100)  # fuzzy only
    assert shown[0] == "router49"
    assert total == len([n for n in range(5000) if re.search("4.*9", str(n))])


def test_the_menu_ends_with_a_count_of_what_it_leaves_out():
    w = World()
    for n in range(MENU_LIMIT + 5):
        w.add(model.root("host"), {"name": f"h{n}"})
    completions = list(MidoCompleter(w.session).get_completions(Document("host "),
                                                                CompleteEvent()))
    assert len(completions) == MENU_LIMIT + 1
    assert completions[-1].display_text.startswith("… ")
    assert completions[-1].text == ""  # choosing it changes nothing


def test_the_partial_word_is_replaced(completer):
    completions = list(completer.get_completions(
        Document("router router0 set state d"), CompleteEvent()))
    assert [(c.text, c.start_position) for c in completions] == [("down", -1)]


# -- the refresher: listings happen in its thread, never in the keystroke -----------------

class CountingApi:
    """Serves a host listing; records which thread asked."""

    url = "http://127.0.0.1:9/midonet-api"
    username = None

    def __init__(self, hosts):
        self.hosts = hosts
        self.threads = []

    def root_link(self, key):
        return f"{self.url}/{key}"

    def get(self, uri, media, params=None):
        self.threads.append(threading.current_thread().name)
        return [dict(h) for h in self.hosts]


def wait_for(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_fresh_lists_need_no_request():
    w = topology()
    refresher = Refresher(w.session, threading.RLock(), client=NoNetwork())
    completer = MidoCompleter(w.session, refresher)
    for text in ("router ", "router router0 port ", "tunnel-zone tzone0 add member host "):
        offered(completer, text)
    assert refresher._thread is None  # nothing to list: no background request either


def test_a_missing_list_is_fetched_in_the_background_and_waited_for_on_tab():
    hosts = [{"id": uuid(900 + n), "name": f"node-{n}", "alive": True} for n in range(2)]
    api = CountingApi(hosts)
    session = Session(NoNetwork())
    refresher = Refresher(session, threading.RLock(), client=api)
    completer = MidoCompleter(session, refresher, wait=5.0)
    assert offered(completer, "host ")[:2] == ["host0", "host1"]
    assert api.threads == ["midoshell-refresh"]
    offered(completer, "host ")
    assert len(api.threads) == 1  # fresh now: no new request
    session.changes += 1  # a command changed something: listed again, in the background
    assert offered(completer, "host ")[:2] == ["host0", "host1"]  # the old list meanwhile
    assert wait_for(lambda: len(api.threads) == 2)
    assert api.threads == ["midoshell-refresh"] * 2


def test_the_refresh_command_makes_the_completer_list_again():
    api = CountingApi([{"id": uuid(900), "name": "node-0", "alive": True}])
    session = Session(NoNetwork())
    completer = MidoCompleter(session, Refresher(session, threading.RLock(), client=api),
                              wait=5.0)
    assert offered(completer, "host ")[0] == "host0"
    session.run_line("refresh")
    assert offered(completer, "host ")[0] == "host0"
    assert len(api.threads) == 2


def test_a_listing_that_overlaps_a_change_is_dropped():
    session = Session(NoNetwork())

    class ChangingApi(CountingApi):
        def get(self, uri, media, params=None):
            session.changes += 1  # as if a command deleted something meanwhile
            return super().get(uri, media, params)

    api = ChangingApi([{"id": uuid(900), "name": "node-0", "alive": True}])
    refresher = Refresher(session, threading.RLock(), client=api)
    completer = MidoCompleter(session, refresher, wait=5.0)
    assert [t for t in offered(completer, "host ") if t.startswith("host")] == []
    assert wait_for(lambda: not refresher._pending)
    assert not session.aliases.is_listed(None, "host")
    assert not refresher._failed  # not a failure: asked again on the next keystroke
