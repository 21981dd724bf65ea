"""Detect SERVICE clauses, which would make the engine call other hosts.

Uses rdflib's SPARQL 1.1 grammar to find `ServiceGraphPattern`s; a query the
grammar cannot read is searched for the SERVICE keyword outside strings, IRIs
and comments instead, so an unreadable query is refused rather than let
through.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'      # long string ""
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"     # long string ''
    r'|"(?:[^"\\\n]|\\.)*"'               # string ""
    r"|'(?:[^'\\\n]|\\.)*'"               # string ''
    r"|<[^<>\"{}|^`\\\s]*>"               # IRI
    r"|#[^\n]*"                           # comment
    r"|\bSERVICE\b",
    re.IGNORECASE,
)


def uses_service(query: str) -> bool:
    """True if the query contains a SERVICE graph pattern."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except (ParseBaseException, ValueError, TypeError):
        return _lexical_service(query)
    return _contains(tree, "ServiceGraphPattern")


def _lexical_service(query: str) -> bool:
    return any(m.group(0).upper() == "SERVICE" for m in _TOKENS.finditer(query))


def _contains(node: object, name: str) -> bool:
    """Walk rdflib's parse tree (CompValue dicts inside pyparsing ParseResults)."""
    from pyparsing import ParseResults

    if isinstance(node, dict):
        return getattr(node, "name", None) == name or any(_contains(v, name) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_contains(v, name) for v in node)
    return False
