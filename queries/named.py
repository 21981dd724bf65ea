"""Run a catalogued query by name with parameters from the command line."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError

from . import catalog, engine, params
from .engine import ResultTable


def bind(store: ox.Store, query: catalog.NamedQuery,
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
        bound[p.name] = _term(store, p, raw)
    return bound


def run_named(store: ox.Store, name: str, given: Iterable[tuple[str, str]] = ()) -> ResultTable:
    """Run query `name`; parameter columns are marked so people-facing output can hide them."""
    query = catalog.get(name)
    bound = bind(store, query, given)
    result = engine.run(store, query.text, bound)
    if not isinstance(result, ResultTable):
        raise InputError(f"query '{name}' is not a SELECT query")
    # Hide, in people-facing output, parameter columns that only echo the bound value or
    # stay empty because the parameter was not given; a parameter that is also a data
    # column (assignments-by-status's committee) stays when it carries values.
    declared = {p.name for p in query.parameters} & set(result.columns)
    empty = {c for c in declared if all(row.get(c) is None for row in result.rows)}
    result.parameter_columns = (set(bound) & set(result.columns)) | empty
    return result


def _term(store: ox.Store, p: catalog.Parameter, raw: str) -> engine.Term:
    if p.kind == "node":
        return params.resolve_node(store, raw)
    if p.kind == "year":
        return params.year_literal(raw)
    if p.kind == "integer":
        return params.integer_literal(raw)
    if p.kind == "choice":
        return ox.Literal(params.choose(raw, p.choices, p.name))
    return ox.Literal(raw)
