"""Questions asked at once on threads give the answers asked one after the other."""

from __future__ import annotations

import threading

import pytest

from styrgraf.queries import engine
from styrgraf.queries.answers import AnswerCache
from styrgraf.queries.named import Names
from styrgraf.queries.overview import overview
from styrgraf.queries.parallel import run_all


def test_every_call_runs_once_on_several_threads():
    seen: list[tuple[int, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2, timeout=10)

    def call(k: int):
        def run():
            if k < 2:
                barrier.wait()  # the first two meet: they run at the same time
            with lock:
                seen.append((k, threading.current_thread().name))
        return run

    run_all([call(k) for k in range(6)], workers=2)
    assert sorted(k for k, _ in seen) == list(range(6))
    assert len({name for _, name in seen}) == 2


def test_the_first_error_is_raised_after_the_others_end():
    done = []

    def fail():
        raise ValueError("broken question")

    with pytest.raises(ValueError, match="broken question"):
        run_all([fail, lambda: done.append(1)], workers=2)


def test_the_query_limits_apply_on_every_thread(real_kb):
    text = "SELECT ?s WHERE { ?s ?p ?o }"
    rows: list[int] = []
    with engine.limited(engine.Limits(max_rows=3, rows_of=text)):
        run_all([lambda: rows.append(len(engine.select(real_kb.store, text).rows))] * 2,
                workers=2)
    assert rows == [3, 3]


def test_the_overview_asked_on_threads_equals_the_overview_asked_in_turn(real_kb):
    names = Names(real_kb.store)
    in_turn = overview(real_kb.store, "sv", names, None)
    at_once = overview(real_kb.store, "sv", names, AnswerCache())
    assert at_once == in_turn and at_once.findings
