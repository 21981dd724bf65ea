"""The collector is paused inside `paused()`, nested and across threads, and left as found."""

from __future__ import annotations

import gc
import threading

import pytest

from styrgraf.knowledge.gcpause import paused, pausing


def test_paused_nests_and_restores_the_collector():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_inside_restores_the_collector():
    @pausing
    def fails():
        assert not gc.isenabled()
        raise ValueError("boom")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_threads_resume_the_collector_when_the_last_one_leaves():
    inside, leave = threading.Barrier(3), threading.Event()

    def worker():
        with paused():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert not gc.isenabled()
    with paused():  # this thread's block ends first: the workers' still hold the pause
        pass
    assert not gc.isenabled()
    leave.set()
    for t in threads:
        t.join()
    assert gc.isenabled()
