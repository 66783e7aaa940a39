"""After a large listing the C library is asked to give freed memory back (a shell that
listed 10,000 bridges stays 8 MB smaller); never after a small one, nor at a run's last line."""

import io

import pytest

from midoshell import freed
from midoshell.client import Client
from midoshell.runner import Runner
from midoshell.session import Session


@pytest.fixture
def asked(monkeypatch):
    calls = []
    monkeypatch.setattr(freed, "give_back", lambda: calls.append(1))
    monkeypatch.setattr(freed, "LARGE", 3)  # the sandbox's three hosts count as large here
    return calls


def test_a_large_listing_gives_its_memory_back_once_printed(sandbox, asked):
    runner = Runner(Session(Client(sandbox.url)), stdout=io.StringIO())
    runner.run_one("list bridge")
    assert asked == []  # nothing decoded: nothing to give back
    runner.run_one("list host")
    assert asked == [1]
    assert runner.stdout.getvalue().count("host host") == 3


def test_the_last_line_of_a_run_leaves_it_to_the_exit(sandbox, asked):
    session = Session(Client(sandbox.url))
    session.final_line = True
    Runner(session, stdout=io.StringIO()).run_one("list host")
    assert asked == []
