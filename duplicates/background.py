"""A duplicates search that runs beside other work: the report's queries need not wait for it.

The search (loading the texts, vectorising, the pair search) and the report's
queries are independent, and each takes about half of a large report. On Linux,
for a store of at least PARALLEL_MIN_QUADS quads, `start` forks a child that
inherits the opened in-memory store (copy-on-write: nothing is copied or
reloaded), runs the same `kb.duplicates(...)` and sends the result back; the
parent goes on with its queries and collects the result when it needs it.
The child also keeps the findings with the snapshot, as a search in the parent
would. Anywhere else, or for a small store, the search runs in the parent
when the result is asked for. A child that dies without an answer (killed,
out of memory) is replaced by the search in the parent; an error in the child
is raised in the parent as it would have been there.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import sys
from typing import Any

from styrgraf.knowledge.errors import StyrgrafError
from styrgraf.knowledge.gcpause import paused

#: Below this many quads a second process costs more than it saves.
PARALLEL_MIN_QUADS = 200_000
#: How long `close` waits for a child that answered to write the findings it keeps.
KEEP_SECONDS = 60.0


class Search:
    """A search started by `start`; `result()` waits for it, `close()` stops it."""

    def __init__(self, kb, options: dict[str, Any]) -> None:
        self._kb, self._options = kb, options
        self._process = None
        self._answer = None
        self._answered = False

    def _fork(self) -> None:
        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        # fork: the child gets the knowledge base itself (its store in memory), unpickled
        self._process = context.Process(target=_child, args=(writer, self._kb, self._options),
                                        daemon=True, name="styrgraf-duplicates")
        self._process.start()
        writer.close()
        self._answer = reader

    @property
    def cores(self) -> int:
        """Cores the search takes from the caller while it runs: 1 in a child, else 0."""
        return 1 if self._process is not None else 0

    def result(self):
        """The duplicates.run.Result, as `kb.duplicates(**options)` gives it."""
        if self._answer is None:
            return self._kb.duplicates(**self._options)
        try:
            with paused():  # 40k items rebuilt: the collector would take most of the time
                status, value = self._answer.recv()
        except (EOFError, OSError):  # the child died without an answer
            status, value = "lost", None
        self._answered = status == "ok"  # the child now keeps the findings: let it finish
        if self._answered:
            self._close_answer()  # close() joins it
        else:
            self.close()
        if status == "error":
            raise value
        if status == "lost":
            return self._kb.duplicates(**self._options)
        return value

    def close(self) -> None:
        """Stop the child if it still runs (the caller failed, or no longer needs it); a
        child that has answered is given KEEP_SECONDS to finish keeping its findings."""
        self._close_answer()
        if self._process is not None:
            if self._answered:
                self._process.join(KEEP_SECONDS)
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None

    def _close_answer(self) -> None:
        if self._answer is not None:
            self._answer.close()
            self._answer = None


def start(kb, **options: Any) -> Search:
    """Begin `kb.duplicates(**options)` in a child process where that pays (see above)."""
    search = Search(kb, options)
    if _worth_a_process(kb):
        search._fork()
    return search


def _worth_a_process(kb) -> bool:
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return False
    if getattr(kb, "path", None) is None:  # a server's graphs, or nothing kept: in place
        return False
    return len(kb.store) >= PARALLEL_MIN_QUADS


def _child(conn, kb, options: dict[str, Any]) -> None:
    from . import pairs
    from .kept import deferred_keeping

    # One thread: the caller's queries use the other core. Measured at 1M triples on 2
    # cores, a first report took 28.7-29.2 s this way and 30.7-31.5 s with the search on
    # 2 threads (also at a lower priority): the third busy thread slows the queries more
    # than it speeds the search.
    pairs.MAX_WORKERS = 1

    pending: list = []
    try:
        with deferred_keeping() as pending:  # answer first, then keep the findings
            answer = ("ok", kb.duplicates(**options))
    except BaseException as e:  # every failure goes back to the parent
        answer = ("error", _portable(e))
    with contextlib.suppress(BrokenPipeError, OSError):
        conn.send(answer)
    conn.close()
    for keep in pending:
        keep()


def _portable(error: BaseException) -> BaseException:
    """`error` if it survives pickling, else one of the same message and exit code."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # any exception class may fail to pickle
        kept = (StyrgrafError(str(error)) if isinstance(error, StyrgrafError)
                else RuntimeError(f"{type(error).__name__}: {error}"))
        kept.exit_code = getattr(error, "exit_code", 1)  # type: ignore[attr-defined]
        return kept
