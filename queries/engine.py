"""Run SPARQL over the knowledge base and hand back plain result tables.

Everything that reads the knowledge base goes through `run`, whatever the
backend: today the embedded Oxigraph store, whose `query` method takes the
query text, the predeclared prefixes, union-default-graph semantics and the
parameter bindings (Oxigraph's substitutions, SEP-0007: values are bound,
never pasted into the text). A remote SPARQL endpoint can sit behind the
same call by offering that one method.

Two engine rules shape the query files: a bound variable must be in the
SELECT projection, and `BOUND(?param)` does not see a binding, so optional
parameters are written `COALESCE(?x, "") = COALESCE(?param, ?x, "")`.
Parameters are used at the outer level of a query only (never inside a
subquery), so binding them by substitution and by a VALUES block agree.

Inside `limited(Limits(...))` (the `query` and `sparql` commands) a query
has a time limit, a memory limit and Ctrl-C. pyoxigraph 0.5 cannot cancel a
query (oxigraph#1926: the engine's cancellation token is not in its Python
API), but it releases the GIL while it evaluates, in `Store.query` (where
ORDER BY and aggregates do all their work) as in each step of the lazy
iterator. So the query runs in a worker thread while the calling thread
waits, free to see the clock, the process's memory and SIGINT, and to give
up with `QueryStopped` or `QueryInterrupted`. The worker looks at a flag
between batches of rows and stops there; a worker held inside one engine
call runs on until that call returns, which the command line never sees:
the error ends the process. Outside `limited` a query runs in the caller's
thread, as plainly as before.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError, StyrgrafError
from styrgraf.knowledge.gcpause import pausing
from styrgraf.ontology.prefixes import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class ResultTable:
    """A SELECT result: ordered columns and rows of terms (None where unbound)."""

    columns: list[str]
    rows: list[dict[str, Term | None]]
    #: columns that only echo a bound parameter; hidden in human-readable output
    parameter_columns: set[str] = field(default_factory=set)


@dataclass
class GraphResult:
    """A CONSTRUCT or DESCRIBE result."""

    triples: list[ox.Triple]


@dataclass
class AskResult:
    """An ASK result."""

    value: bool


QueryResult = ResultTable | GraphResult | AskResult

_UPDATE_RE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


class QueryStopped(StyrgrafError):
    """A query ran past its time or memory limit and was stopped: exit code 124
    (as GNU `timeout` says a command timed out)."""

    exit_code = 124


class QueryInterrupted(StyrgrafError):
    """Ctrl-C while a query ran: exit code 130 (128 + SIGINT, as a shell reports it)."""

    exit_code = 130


@dataclass(frozen=True)
class Limits:
    """What the queries inside `limited` may use. None (or 0) is no limit."""

    #: seconds one query may take
    timeout: float | None = None
    #: bytes the process may grow by while one query runs
    max_memory: int | None = None
    #: SELECT rows to read of the query whose text is `rows_of` (the command's own query,
    #: not the name look-ups it also makes); the rest are never evaluated
    max_rows: int | None = None
    rows_of: str | None = None


_LIMITS: ContextVar[Limits | None] = ContextVar("query_limits", default=None)
#: how often the waiting thread looks at the clock and the memory, in seconds
_POLL = 0.05
#: rows the worker reads between two looks at whether it has been given up on
_BATCH = 256


@contextlib.contextmanager
def limited(limits: Limits) -> Iterator[None]:
    """Run the queries inside the block in a worker thread, under `limits` and Ctrl-C."""
    token = _LIMITS.set(limits)
    try:
        yield
    finally:
        _LIMITS.reset(token)


def row_limit(query: str) -> int | None:
    """The rows `run` reads of `query` under the current limits (None: all of them)."""
    limits = _LIMITS.get()
    if limits is None or not limits.max_rows or limits.rows_of != query:
        return None
    return limits.max_rows


@pausing
def run(source, query: str, substitutions: dict[str, Term] | None = None) -> QueryResult:
    """Execute `query` over the union of all graphs with the given variable bindings."""
    subs = _variables(substitutions)
    limits = _LIMITS.get()
    with _engine_errors(query):
        if limits is None:
            return _evaluate(source, query, subs)
        rows = row_limit(query)
        return _guarded(limits, lambda cancel: _evaluate(source, query, subs, rows, cancel))


@pausing
def values(source, query: str) -> list[tuple[str | None, ...]]:
    """A SELECT's rows as tuples of lexical values (None where unbound), in its variables'
    order. For bulk readers that want strings, not terms: the duplicates search reads 200k
    texts at 1M triples, where a dict of terms per row costs more than the query."""
    with _engine_errors(query):
        return [tuple(None if t is None else t.value for t in s)
                for s in _solutions(source, query, None)]


@pausing
def tuples(source, query: str, substitutions: dict[str, Term] | None = None
           ) -> list[tuple[Term | None, ...]]:
    """A SELECT's rows as tuples of terms (None where unbound), in its variables' order:
    `run` without a dict per row, for bulk readers (a diff reads every quad of a graph)."""
    with _engine_errors(query):
        return [tuple(s) for s in _solutions(source, query, substitutions)]


def _solutions(source, query: str, substitutions: dict[str, Term] | None):
    result = _ask(source, query, _variables(substitutions))
    if not isinstance(result, ox.QuerySolutions):
        raise InputError("expected a SELECT query")
    return result


def _variables(substitutions: dict[str, Term] | None) -> dict[ox.Variable, Term]:
    return {ox.Variable(name): term for name, term in (substitutions or {}).items()}


def _ask(source, query: str, subs: dict[ox.Variable, Term]):
    """The source's lazy result: over the union of all graphs, with the usual prefixes."""
    return source.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                        substitutions=subs or None)


@contextlib.contextmanager
def _engine_errors(query: str) -> Iterator[None]:
    """The engine's errors as styrgraf's: a bad query is the user's input, I/O is ours."""
    try:
        yield
    except SyntaxError as e:
        raise InputError(_syntax_message(query, e)) from e
    except RuntimeError as e:
        raise InputError(_runtime_message(str(e))) from e
    except OSError as e:
        raise StyrgrafError(f"query failed: {e}") from e


class _Cancelled(Exception):
    """The waiting thread gave up on this query; its worker stops at the next batch."""


def _evaluate(source, query: str, subs: dict, max_rows: int | None = None,
              cancel: threading.Event | None = None) -> QueryResult:
    result = _ask(source, query, subs)
    # Results are lazy: evaluation (and its errors) happens while iterating, so collect here.
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        # a solution iterates over its values in the variables' order (None if unbound)
        return ResultTable(columns, [dict(zip(columns, s, strict=True))
                                     for s in _rows(result, max_rows, cancel)], set())
    if isinstance(result, ox.QueryBoolean):
        return AskResult(bool(result))
    return GraphResult(list(_rows(result, None, cancel)))


def _rows(result, max_rows: int | None, cancel: threading.Event | None) -> Iterable:
    """The first `max_rows` items of `result` (all for None), read in batches with a look
    at `cancel` between them (a check per row would cost more than the rows)."""
    if cancel is None and max_rows is None:
        return result
    return itertools.chain.from_iterable(_batches(iter(result), max_rows, cancel))


def _batches(items: Iterator, max_rows: int | None, cancel: threading.Event | None):
    left = max_rows
    while left is None or left > 0:
        batch = list(itertools.islice(items, _BATCH if left is None else min(_BATCH, left)))
        if not batch:
            return
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        yield batch
        if left is not None:
            left -= len(batch)


def _guarded(limits: Limits, work: Callable[[threading.Event], QueryResult]) -> QueryResult:
    """`work` in a worker thread; this thread waits, and gives up on a limit or Ctrl-C."""
    outcome: dict[str, object] = {}
    done, cancel = threading.Event(), threading.Event()

    def worker() -> None:
        try:
            outcome["value"] = work(cancel)
        except _Cancelled:
            pass
        except BaseException as e:  # handed to the waiting thread
            # without the frames' variables: pyoxigraph's result iterator may only be
            # dropped by the thread that made it, so it must not travel with the traceback
            traceback.clear_frames(e.__traceback__)
            outcome["error"] = e
        finally:
            done.set()

    start = time.monotonic()
    base = resident_memory() if limits.max_memory else None
    try:
        threading.Thread(target=worker, name="styrgraf-query", daemon=True).start()
        while not done.wait(_wait(limits, start)):
            if limits.timeout and time.monotonic() - start >= limits.timeout:
                raise QueryStopped(f"the query took longer than {limits.timeout:g} s and was "
                                   "stopped; narrow it or raise --timeout")
            if base is not None and (resident_memory() or 0) - base > limits.max_memory:
                raise QueryStopped(
                    f"the query needed more than {limits.max_memory // 2**20} MB of memory "
                    "and was stopped; narrow it (patterns that share no variable multiply "
                    "each other's rows) or raise STYRGRAF_MAX_MEMORY")
    except KeyboardInterrupt:
        raise QueryInterrupted("interrupted: the query was stopped") from None
    finally:
        if not done.is_set():
            cancel.set()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _wait(limits: Limits, start: float) -> float:
    if not limits.timeout:
        return _POLL
    return max(0.0, min(_POLL, start + limits.timeout - time.monotonic()))


def resident_memory() -> int | None:
    """This process's resident memory in bytes (the peak where the current size is not
    known), or None where neither can be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def select(source, query: str, substitutions: dict[str, Term] | None = None) -> ResultTable:
    """Run a query that must be a SELECT."""
    result = run(source, query, substitutions)
    if not isinstance(result, ResultTable):
        raise InputError("expected a SELECT query")
    return result


def _syntax_message(query: str, e: SyntaxError) -> str:
    first_word = _UPDATE_RE.match(_strip_prologue(query))
    if first_word:
        return (f"{first_word.group(1).upper()} is an update; styrgraf only runs queries "
                "(the knowledge base is edited in its Turtle files)")
    message = str(e.args[0]) if e.args else str(e)
    return f"SPARQL syntax error: {message}"


def _runtime_message(message: str) -> str:
    missing = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", message)
    if missing:
        name = missing.group(1)
        return (f"parameter '{name}' is not a variable in the query's SELECT clause; "
                f"add ?{name} to the SELECT so it can be bound")
    return f"query failed: {message}"


def _strip_prologue(query: str) -> str:
    """Drop comments and PREFIX/BASE declarations to see the query form."""
    text = re.sub(r"(?m)^\s*#.*$", "", query)
    return re.sub(r"(?is)^\s*((PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", text)
