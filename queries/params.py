"""Turn command-line parameter values into RDF terms, safely.

Values become terms (never query text). A node can be named by IRI, prefixed
name or label; a label matching several nodes is an error listing them.
"""

from __future__ import annotations

import re
from datetime import date

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.labels import NAME_PROPERTIES, RDFS_LABEL, label_of
from styrgraf.ontology.prefixes import STANDARD_PREFIXES, compact, expand

XSD = STANDARD_PREFIXES["xsd"]
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_LANG_LITERAL = re.compile(r'^"(?P<v>(?:[^"\\]|\\.)*)"@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)$')
_TYPED_LITERAL = re.compile(r'^"(?P<v>(?:[^"\\]|\\.)*)"\^\^(?P<dt><[^<>\s]+>|[\w-]+:[\w.-]*)$')
_QUOTED = re.compile(r'^"(?P<v>(?:[^"\\]|\\.)*)"$')
_ESCAPES = {'\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r"}

_MAX_CANDIDATES = 8


def parse_term(value: str) -> ox.NamedNode | ox.Literal:
    """Read a value given with `sparql -p`.

    `<iri>` and `prefix:name` (known prefixes) are IRIs; `"text"@sv` and
    `"2024"^^xsd:gYear` are literals as in Turtle; bare integers, decimals and
    true/false are typed literals; anything else is a plain string.
    """
    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1])
    if m := _LANG_LITERAL.match(value):
        return ox.Literal(_unescape(m["v"]), language=m["lang"])
    if m := _TYPED_LITERAL.match(value):
        dt = m["dt"]
        dt_iri = dt[1:-1] if dt.startswith("<") else expand(dt)
        if dt_iri is None:
            raise InputError(f"unknown prefix in datatype {dt!r}")
        return ox.Literal(_unescape(m["v"]), datatype=_iri(dt_iri))
    if m := _QUOTED.match(value):
        return ox.Literal(_unescape(m["v"]))
    if _INTEGER.match(value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if _DECIMAL.match(value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if value in ("true", "false"):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))
    iri = expand(value)
    if iri is not None:
        return _iri(iri)
    return ox.Literal(value)


def year_literal(value: str | int) -> ox.Literal:
    """A 4-digit year as xsd:gYear."""
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise InputError(f"not a year: {value!r} (expected four digits, e.g. 2024)")
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))


def integer_literal(value: str | int) -> ox.Literal:
    text = str(value).strip()
    if not _INTEGER.match(text):
        raise InputError(f"not a whole number: {value!r}")
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))


def choose(value: str, choices: tuple[str, ...], name: str) -> str:
    """The choice `value` names, ignoring case and diacritics ("pagaende" → "pågående")."""
    wanted = _fold(value)
    for choice in choices:
        if _fold(choice) == wanted:
            return choice
    raise InputError(f"{name} must be one of: {', '.join(choices)} (got {value!r})")


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def default_value(spec: str, today: date | None = None) -> str:
    """Evaluate a default such as `current-year` or `current-year-2`."""
    today = today or date.today()
    m = re.fullmatch(r"current-year(?:-(\d+))?", spec)
    if m:
        return str(today.year - int(m.group(1) or 0))
    return spec


def resolve_node(store: ox.Store, value: str) -> ox.NamedNode:
    """An IRI (`<…>` or bare http(s)), a prefixed name, or a label of exactly one node."""
    text = value.strip()
    if not text:
        raise InputError("empty node name")
    if text.startswith("<") and text.endswith(">"):
        return _existing(store, _iri(text[1:-1]), value)
    if re.match(r"^https?://\S+$", text):
        return _existing(store, _iri(text), value)
    iri = expand(text)
    if iri is not None:
        return _existing(store, _iri(iri), value)
    matches = _nodes_labelled(store, text)
    if len(matches) == 1:
        return next(iter(matches))
    if not matches:
        near = _nodes_containing(store, text)
        hint = ("; did you mean: " + _describe(store, near)) if near else ""
        raise InputError(f"no node is labelled {text!r}{hint}")
    raise InputError(f"{len(matches)} nodes are labelled {text!r}: {_describe(store, matches)}"
                     " — name one by its prefixed name")


def _nodes_labelled(store: ox.Store, text: str) -> set[ox.NamedNode]:
    wanted = text.casefold()
    found = set()
    for prop in NAME_PROPERTIES:
        for q in store.quads_for_pattern(None, ox.NamedNode(prop), None, None):
            obj = q.object
            if (isinstance(obj, ox.Literal) and isinstance(q.subject, ox.NamedNode)
                    and obj.value.casefold() == wanted):
                found.add(q.subject)
    return found


def _nodes_containing(store: ox.Store, text: str) -> list[ox.NamedNode]:
    wanted = text.casefold()
    found: dict[str, ox.NamedNode] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None, None):
        obj = q.object
        if (isinstance(obj, ox.Literal) and isinstance(q.subject, ox.NamedNode)
                and wanted in obj.value.casefold()):
            found.setdefault(q.subject.value, q.subject)
    return [found[k] for k in sorted(found)][:_MAX_CANDIDATES]


def _describe(store: ox.Store, nodes) -> str:
    ordered = sorted(nodes, key=lambda n: n.value)
    shown = [f"{compact(n.value)} ({label_of(store, n) or 'no label'})"
             for n in ordered[:_MAX_CANDIDATES]]
    more = len(ordered) - len(shown)
    return ", ".join(shown) + (f", … {more} more" if more > 0 else "")


def _existing(store: ox.Store, node: ox.NamedNode, given: str) -> ox.NamedNode:
    if next(iter(store.quads_for_pattern(node, None, None, None)), None) is None and \
            next(iter(store.quads_for_pattern(None, None, node, None)), None) is None:
        raise InputError(f"no node {given!r} in the knowledge base")
    return node


def _iri(text: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError as e:
        raise InputError(f"not a valid IRI: {text!r} ({e})") from e


def _unescape(text: str) -> str:
    return re.sub(r'\\["\\ntr]', lambda m: _ESCAPES[m.group(0)], text)
