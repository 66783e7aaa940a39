"""Listings read as they arrive: a broken answer is an error that says how far it came.

A collection's answer is decoded and printed while it arrives (midoshell/streamget.py): the
objects of a parent's collection are printed in the server's order as they come, so when the
answer breaks off, what came is printed, then a message on stderr saying the list is
incomplete, and the exit status is 3, never a traceback.
"""

import json
import os
import re

import pytest
import requests

from conftest import ROOT, run_midoshell
from faultproxy import CutMidAnswer

BRIDGE_MEDIA = "application/vnd.org.midonet.Bridge-v4+json"
PORT_MEDIA = "application/vnd.org.midonet.Port-v3+json"


@pytest.fixture
def env(isolated_home):
    return dict(os.environ, PYTHONPATH=ROOT)


def post(url, media, body):
    made = requests.post(url, data=json.dumps(body), headers={"Content-Type": media},
                         timeout=10)
    assert made.status_code == 201, made.text
    return requests.get(made.headers["Location"], timeout=10).json()


def bridges(sandbox, count):
    return [post(sandbox.url + "/bridges", BRIDGE_MEDIA, {"name": f"b{n}"})
            for n in range(count)]


def broke_off_after(stderr):
    found = re.search(r"broke off after ([\d,]+) object\(s\)", stderr)
    assert found, stderr
    return int(found.group(1).replace(",", ""))


def test_a_top_level_listing_cut_in_the_middle_prints_nothing_and_says_so(proxy, sandbox,
                                                                          env):
    bridges(sandbox, 200)
    proxy.on(CutMidAnswer(), "GET", r"/bridges$", times=None)
    done = run_midoshell(["--midonet-url", proxy.url, "-c", "list bridge"], env)
    assert "Traceback" not in done.stderr
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""  # sorted by name: nothing can be printed before the end
    assert 0 < broke_off_after(done.stderr) < 200
    assert "the list is incomplete" in done.stderr
    assert done.stderr.startswith("-c:1: the answer to GET /midonet-api/bridges broke off")


def test_a_parent_collection_prints_what_came_before_the_answer_broke_off(proxy, sandbox,
                                                                          env):
    bridge = bridges(sandbox, 1)[0]
    for _ in range(150):
        post(bridge["ports"], PORT_MEDIA, {"type": "Bridge"})
    whole = run_midoshell(["--midonet-url", proxy.url, "-c", "bridge bridge0 list port"], env)
    assert whole.returncode == 0 and len(whole.stdout.splitlines()) == 150
    proxy.on(CutMidAnswer(), "GET", r"/bridges/[^/]+/ports$", times=None)
    done = run_midoshell(["--midonet-url", proxy.url, "-c", "bridge bridge0 list port"], env)
    assert "Traceback" not in done.stderr
    assert done.returncode == 3, done.stderr
    printed = done.stdout.splitlines()
    came = broke_off_after(done.stderr)
    assert 0 < came < 150
    assert printed == whole.stdout.splitlines()[:came]  # the objects that came, in order


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_formats_end_no_record_half_way(proxy, sandbox, env, fmt):
    """What json and csv print of a broken answer is whole records only."""
    bridge = bridges(sandbox, 1)[0]
    for _ in range(150):
        post(bridge["ports"], PORT_MEDIA, {"type": "Bridge"})
    proxy.on(CutMidAnswer(), "GET", r"/bridges/[^/]+/ports$", times=None)
    done = run_midoshell(["--midonet-url", proxy.url, "-o", fmt, "-c",
                          "bridge bridge0 list port"], env)
    assert done.returncode == 3 and "Traceback" not in done.stderr
    came = broke_off_after(done.stderr)
    if fmt == "json":  # the document was never closed: no program takes it for a whole one
        assert done.stdout.startswith("[{") and not done.stdout.rstrip().endswith("]")
        assert done.stdout.count('"id": ') == came
    else:
        assert len(done.stdout.splitlines()) == came + 1  # the header, then one per object


@pytest.mark.parametrize("pretty", [False, True])
def test_a_json_listing_printed_in_pieces_is_the_document_json_dumps_writes(sandbox, pretty):
    from midoshell.client import Client
    from midoshell.output import RenderOptions, render
    from midoshell.session import Session

    for name in ("b1", "é ü", "tab\there", "b10"):
        post(sandbox.url + "/bridges", BRIDGE_MEDIA, {"name": name})
    session = Session(Client(sandbox.url), show_aliases=True)
    options = RenderOptions(format="json", pretty=pretty)
    (text,) = render(session.run_line("list bridge"), options)
    whole = json.loads(text)
    assert [b["alias"] for b in whole] == ["bridge0", "bridge1", "bridge2", "bridge3"]
    assert text == json.dumps(whole, indent=2 if pretty else None, ensure_ascii=False)
    (empty,) = render(session.run_line("list router"), options)
    assert empty == "[]"


def test_with_debug_on_the_answer_read_for_the_log_is_listed_whole(sandbox, env):
    """-d logs each answer (reading it whole before the listing reads it)."""
    bridges(sandbox, 3)
    done = run_midoshell(["--midonet-url", sandbox.url, "-d", "-c", "list bridge"], env)
    assert done.returncode == 0, done.stderr
    assert [line.split()[3] for line in done.stdout.splitlines()] == ["b0", "b1", "b2"]


def test_names_with_digits_int_cannot_read_are_ordered_as_text(sandbox, env):
    for name in ("b²", "b10", "b9", "٣"):  # a superscript two; an Arabic-Indic three
        post(sandbox.url + "/bridges", BRIDGE_MEDIA, {"name": name})
    done = run_midoshell(["--midonet-url", sandbox.url, "-c", "list bridge"], env)
    assert done.returncode == 0, done.stderr
    assert [line.split()[3] for line in done.stdout.splitlines()] == ["٣", "b9", "b10", "b²"]
