"""Run a catalogued query by name, with parameters given as text."""

from __future__ import annotations

import time
from collections.abc import Iterable

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.labels import FEW_NODES, NameIndex
from styrgraf.ontology.prefixes import VOCAB

from . import catalog, engine, params
from .answers import AnswerCache, key_of
from .engine import ResultTable


class Names:
    """The name index, read from the knowledge base the first time a name must be resolved."""

    def __init__(self, source) -> None:
        self.source = source
        self._index: NameIndex | None = None
        self._display: NameIndex | None = None

    @property
    def loaded(self) -> NameIndex | None:
        """The index if something has read it already, else None (nothing is read)."""
        return self._index

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex.read(self.source)
        return self._index

    @property
    def display(self) -> NameIndex:
        """Every node's display names: the whole index if read, else the names alone (no
        classes, nothing findable), read once for every table and diff that follows."""
        if self._index is not None:
            return self._index
        if self._display is None:
            self._display = NameIndex.read_display(self.source)
        return self._display

    def for_labels(self, nodes: set[str]) -> NameIndex | None:
        """The index to label `nodes` with: `display` if read or if they are many; None for
        a few (labels_of then asks for just those)."""
        if self._index is None and self._display is None and len(nodes) <= FEW_NODES:
            return None
        return self.display


def bind(names: Names, query: catalog.NamedQuery,
         given: Iterable[tuple[str, str]]) -> dict[str, engine.Term]:
    """Terms for the query's parameters: given values, else defaults."""
    values: dict[str, str] = {}
    for name, value in given:
        query.parameter(name)  # raises for an unknown name
        if name in values:
            raise InputError(f"parameter '{name}' given twice")
        values[name] = value
    bound: dict[str, engine.Term] = {}
    for p in query.parameters:
        raw = values.get(p.name)
        if raw is None and p.default is not None:
            raw = params.default_value(p.default)
        if raw is None:
            if not p.optional:
                raise InputError(f"query '{query.name}' needs -p {p.name} VALUE ({p.help})")
            continue
        bound[p.name] = _term(names, p, raw)
    return bound


def _index_for(names: Names, raw: str) -> NameIndex:
    """The names needed to resolve `raw`: for an IRI or prefixed name of a known node, that
    node's alone (a query by IRI should not read every name of a city); else all."""
    if names.loaded is None:
        iri = params.iri_of(raw)
        if iri is not None:
            one = NameIndex.read_node(names.source, iri)
            if one.known(iri):
                return one
    return names.index


def run_named(source, name: str, given: Iterable[tuple[str, str]] = (),
              names: Names | None = None, cache: AnswerCache | None = None) -> ResultTable:
    """Run query `name`; parameter columns are marked so people-facing output can hide them.

    `cache` (for a source that does not change: an opened snapshot) keeps each answer by
    query text and bound values, so a report and its overview ask once, and a later
    process on the same snapshot not at all (queries.answers).
    """
    query = catalog.get(name)
    bound = bind(names or Names(source), query, given)
    key = key_of(query.text, bound)
    limit = engine.row_limit(query.text)  # a table reads only the rows it shows
    result = cache.get(key) if cache is not None else None
    if result is not None and limit is not None:
        result = ResultTable(result.columns, result.rows[:limit])
    if result is None:
        started = time.perf_counter()
        result = engine.select(source, query.text, bound)
        if cache is not None and (limit is None or len(result.rows) < limit):  # all of it
            cache.put(key, result, time.perf_counter() - started)
    # Hide, in people-facing output, parameter columns that only echo the bound value or
    # stay empty because the parameter was not given; a parameter that is also a data
    # column (assignments-by-status's committee) stays when it carries values.
    declared = {p.name for p in query.parameters} & set(result.columns)
    empty = {c for c in declared if all(row.get(c) is None for row in result.rows)}
    # a node parameter that is also the grouping column (committee) stays visible
    data_columns = {c for c in declared if c in bound and c in query.group}
    result.parameter_columns = ((set(bound) & set(result.columns)) - data_columns) | empty
    return result


def _term(names: Names, p: catalog.Parameter, raw: str) -> engine.Term:
    if p.kind == "node":
        classes = tuple(VOCAB + c for c in p.choices)
        return params.resolve_node(_index_for(names, raw), raw, classes, what=f"-p {p.name}")
    if p.kind == "year":
        return params.year_literal(raw)
    if p.kind == "date":
        return params.date_literal(raw)
    if p.kind == "integer":
        return params.integer_literal(raw)
    if p.kind == "choice":
        return ox.Literal(params.choose(raw, p.choices, p.name))
    return ox.Literal(raw)
