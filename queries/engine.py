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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError, StyrgrafError
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


def run(source, query: str, substitutions: dict[str, Term] | None = None) -> QueryResult:
    """Execute `query` over the union of all graphs with the given variable bindings."""
    subs = {ox.Variable(name): term for name, term in (substitutions or {}).items()}
    try:
        result = source.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                              substitutions=subs or None)
        # Results are lazy: evaluation errors surface while iterating, so collect here.
        if isinstance(result, ox.QuerySolutions):
            columns = [v.value for v in result.variables]
            rows = [{c: solution[c] for c in columns} for solution in result]
            return ResultTable(columns, rows, set())
        if isinstance(result, ox.QueryBoolean):
            return AskResult(bool(result))
        return GraphResult(list(result))
    except SyntaxError as e:
        raise InputError(_syntax_message(query, e)) from e
    except RuntimeError as e:
        raise InputError(_runtime_message(str(e))) from e
    except OSError as e:
        raise StyrgrafError(f"query failed: {e}") from e


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
