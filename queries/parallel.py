"""Independent questions asked at once, on threads: Oxigraph lets go of Python while it evaluates.

The overview asks a dozen questions that do not depend on each other; at 1M
triples each takes seconds. pyoxigraph releases the GIL during evaluation, so two
threads answer two questions in little more than the time of one (measured:
four overview questions 10.9 s one after the other, 6.0 s on two threads of
this 2-core machine). The calls fill an answer cache that the caller then reads
in its own order, so what is computed, and every number, is the same.

Threads are daemons: Ctrl-C does not wait for a question still running on one.
Each call runs in a copy of the caller's context, so the query limits set by
`engine.limited` apply on every thread.
"""

from __future__ import annotations

import contextvars
import os
import queue
import threading
from collections.abc import Callable, Sequence


def run_all(calls: Sequence[Callable[[], object]], workers: int | None = None) -> None:
    """Run every call, up to `workers` at a time (default: one per core); their results
    are dropped (they fill a cache). The first exception is raised once all have ended."""
    workers = min(len(calls), workers or os.cpu_count() or 1)
    if workers <= 1:
        for call in calls:
            call()
        return
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for call in calls:
        todo.put((contextvars.copy_context(), call))
    errors: list[BaseException] = []

    def work() -> None:
        while True:
            try:
                context, call = todo.get_nowait()
            except queue.Empty:
                return
            if errors:  # one failed: the rest would only delay the error
                continue
            try:
                context.run(call)
            except BaseException as e:  # raised in the caller's thread below
                errors.append(e)

    threads = [threading.Thread(target=work, daemon=True, name=f"styrgraf-query-{k}")
               for k in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
