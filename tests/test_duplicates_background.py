"""The duplicates search beside the report's queries: in a forked child, the same answer.

PARALLEL_MIN_QUADS is lowered so that the built-in knowledge base takes the path a
large one takes (a child process that inherits the store); the answer must equal
the search in the process itself, errors must arrive as they would there, and a
child that dies must not cost the answer.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import time

import pytest

import styrgraf
from styrgraf.duplicates import background
from styrgraf.duplicates.findings import TooManyPairs
from styrgraf.knowledge.cachefile import write_json
from styrgraf.knowledge.errors import InputError
from styrgraf.report import build_report, render_html


def _pairs(result) -> list[tuple]:
    return [(m.a.id, m.a.graph, m.b.id, m.b.graph, m.score, m.shared_terms, m.cluster)
            for m in result.findings.matches]


@pytest.fixture
def forking(monkeypatch):
    monkeypatch.setattr(background, "PARALLEL_MIN_QUADS", 0)


@pytest.fixture
def kb(tmp_path):
    return styrgraf.open(cache_dir=tmp_path / "cache", keep_answers=True)


def test_a_search_in_a_child_equals_the_search_in_place(kb, tmp_path, forking):
    search = background.start(kb, across="network")
    assert search._process is not None and search._process.pid != os.getpid()
    forked = search.result()
    in_place = styrgraf.open(cache_dir=tmp_path / "other", keep_answers=False).duplicates(
        across="network")
    assert _pairs(forked) == _pairs(in_place) and forked.findings.matches
    assert forked.findings.items == in_place.findings.items
    search.close()
    assert list((kb.path / "duplicates").glob("*.json"))  # the child kept what it found


def test_the_child_answers_first_and_keeps_its_findings_before_close_returns(
        kb, forking, monkeypatch):
    from styrgraf.duplicates import kept

    def slow_write(path, data):  # runs in the child (forked with this patch)
        time.sleep(2)
        write_json(path, data)

    monkeypatch.setattr(kept, "write_json", slow_write)
    search = background.start(kb, across="network")
    answer = search.result()
    assert answer.findings.matches
    assert not list((kb.path / "duplicates").glob("*.json"))  # answered before writing
    search.close()  # waits for the child to keep them
    kept_files = list((kb.path / "duplicates").glob("*.json"))
    assert len(kept_files) == 1
    assert kept._decode(json.loads(kept_files[0].read_text("utf-8"))).matches == \
        answer.findings.matches


def test_the_report_is_the_same_with_the_search_beside_it(tmp_path, forking, monkeypatch):
    beside = render_html(build_report(styrgraf.open(cache_dir=tmp_path / "a"),
                                      as_of="2026-12-01"))
    monkeypatch.setattr(background, "PARALLEL_MIN_QUADS", 10**12)
    in_place = render_html(build_report(styrgraf.open(cache_dir=tmp_path / "b"),
                                        as_of="2026-12-01"))
    assert beside == in_place


def test_an_error_in_the_child_is_raised_in_the_parent(kb, forking):
    with pytest.raises(InputError, match="--threshold must be greater than 0"):
        background.start(kb, threshold=0.0).result()
    with pytest.raises(TooManyPairs) as caught:
        background.start(kb, threshold=0.01, max_pairs=1).result()
    assert caught.value.limit == 1 and caught.value.exit_code == 2


def test_a_child_that_dies_is_replaced_by_the_search_in_place(kb, forking):
    search = background.start(kb, across="network")
    os.kill(search._process.pid, signal.SIGKILL)
    assert _pairs(search.result()) == _pairs(kb.duplicates(across="network"))


def test_close_stops_a_running_child(kb, forking):
    search = background.start(kb)
    process = search._process
    search.close()
    assert not process.is_alive()


def test_a_small_store_is_searched_in_place(kb):
    search = background.start(kb, across="network")
    assert search._process is None and search.result().findings.matches


def test_errors_survive_pickling():
    error = pickle.loads(pickle.dumps(TooManyPairs(5, 0.4, "narrow it")))
    assert (error.limit, error.threshold, error.advice) == (5, 0.4, "narrow it")
    assert "more than 5 pairs" in str(error)

    class Odd(InputError):
        def __init__(self, a, b):
            super().__init__(f"{a} {b}")

    kept = background._portable(Odd("x", "y"))
    assert str(kept) == "x y" and kept.exit_code == 2
