"""Detect SERVICE clauses, which would make the engine call other hosts.

The check fails closed. A query without the letters "service" anywhere
cannot hold the keyword, so it passes without parsing (and keeps Oxigraph's
own syntax messages). Any other query is parsed with rdflib's SPARQL 1.1
grammar and searched for `ServiceGraphPattern`s; a query rdflib cannot read
(a syntax error, an escape it reads differently, nesting too deep for its
parser) raises `InputError` instead of being guessed at lexically, because a
lexical guess can be fooled into "no SERVICE" while Oxigraph, which reads
the query its own way, calls the host.

Two places where rdflib and Oxigraph read the same text differently are
closed before parsing: codepoint escapes (\\uXXXX, \\UXXXXXXXX; rdflib also
takes \\u with eight digits, so `"\\u00000022"` opens a long string for it
and a short one for Oxigraph) are refused, and a carriage return, which ends
a comment for Oxigraph but not for rdflib, is read as a newline.
"""

from __future__ import annotations

import re

from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.prefixes import PREFIXES

#: The prefixes the engine predeclares, declared for the checker too, so both read one query.
#: One per line: rdflib's SERVICE rule fails on a line that has a "#" (even in an IRI) before it.
_PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
_ADVICE = "rerun with --allow-service if the query is trusted"
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_CODEPOINT_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]")
_PROLOGUE_ITEM = re.compile(r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.I)


def uses_service(query: str) -> bool:
    """True if the query contains a SERVICE graph pattern.

    Raises InputError if the query cannot be checked: it is refused either way,
    but the message says why instead of blaming a SERVICE that may not be there.
    """
    if _CODEPOINT_ESCAPE.search(query):
        raise InputError("the query uses a \\u or \\U codepoint escape, which the SERVICE check "
                         f"cannot read reliably; write the character itself, or {_ADVICE}")
    if "service" not in query.casefold():
        return False  # the keyword cannot be there: Oxigraph matches it letter for letter
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    text = _PROLOGUE + query.replace("\r", "\n")
    try:
        return _contains(parseQuery(text), "ServiceGraphPattern")
    except RecursionError:  # rdflib's SERVICE rule recurses on any nested SERVICE
        raise InputError("the query is nested too deeply (or has a SERVICE inside a SERVICE) "
                         f"for the SERVICE check; simplify it, or {_ADVICE}") from None
    except ParseBaseException as e:
        raise InputError(_unparseable(query, e)) from None
    except Exception as e:  # the checker itself failed: refuse, never guess
        raise InputError(f"the query cannot be checked for SERVICE clauses "
                         f"({type(e).__name__}); {_ADVICE}") from None


def _unparseable(query: str, e: Exception) -> str:
    """Say where the checker stopped reading, in the user's own line and column numbers."""
    keyword = _update_keyword(query)
    if keyword:
        return (f"{keyword} is an update; styrgraf only runs queries "
                "(the knowledge base is edited in its Turtle files)")
    loc = max(0, min(len(query), getattr(e, "loc", 0) - len(_PROLOGUE)))
    line = query.count("\n", 0, loc) + 1
    column = loc - (query.rfind("\n", 0, loc) + 1) + 1
    problem = " ".join(str(getattr(e, "msg", "") or e).split())
    return (f"SPARQL syntax error at line {line}, column {column} ({problem}); the query cannot "
            f"be checked for SERVICE clauses, so it is not run: fix it, or {_ADVICE}")


def _update_keyword(query: str) -> str | None:
    """The update keyword the query starts with (after its prologue), if any."""
    pos = 0
    while m := _PROLOGUE_ITEM.match(query, pos):
        if m.end() == pos:
            break
        pos = m.end()
    m = _UPDATE.match(query, pos)
    return m.group(1).upper() if m else None


def _contains(tree: object, name: str) -> bool:
    """Walk rdflib's parse tree (CompValue dicts inside pyparsing ParseResults), without recursion.

    Iterative so that a deeply nested query cannot overflow the stack here.
    """
    from pyparsing import ParseResults

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if getattr(node, "name", None) == name:
                return True
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)
    return False
