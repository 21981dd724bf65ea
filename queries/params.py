"""Turn command-line parameter values into RDF terms, safely.

Values become terms (never query text). A node can be named by IRI, prefixed
name or label (case and accents ignored); a label matching several nodes is
an error listing them, and a node of the wrong class an error naming the
class expected.
"""

from __future__ import annotations

import re
from datetime import date

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.labels import NameIndex, fold_name
from styrgraf.ontology.prefixes import PREFIXES, VOCAB, compact, expand
from styrgraf.ontology.terms import XSD

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
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
        return ox.Literal(value, datatype=ox.NamedNode(XSD.integer))
    if _DECIMAL.match(value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD.decimal))
    if value in ("true", "false"):
        return ox.Literal(value, datatype=ox.NamedNode(XSD.boolean))
    iri = expand(value)
    if iri is not None:
        return _iri(iri)
    return ox.Literal(value)


def year_literal(value: str | int) -> ox.Literal:
    """A 4-digit year as xsd:gYear."""
    text = _ascii_digits(str(value).strip())
    if not re.fullmatch(r"[0-9]{4}", text):
        raise InputError(f"not a year: {value!r} (expected four digits, e.g. 2024)")
    return ox.Literal(text, datatype=ox.NamedNode(XSD.gYear))


def integer_literal(value: str | int) -> ox.Literal:
    text = _ascii_digits(str(value).strip())
    if not _INTEGER.match(text):
        raise InputError(f"not a whole number: {value!r}")
    return ox.Literal(text, datatype=ox.NamedNode(XSD.integer))


def date_literal(value: str) -> ox.Literal:
    """An ISO date (2026-12-01) as xsd:date."""
    text = _ascii_digits(str(value).strip())
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"not a date: {value!r} (expected YYYY-MM-DD, e.g. 2024-08-31)") from None
    return ox.Literal(parsed.isoformat(), datatype=ox.NamedNode(XSD.date))


def choose(value: str, choices: tuple[str, ...], name: str) -> str:
    """The choice `value` names, ignoring case and diacritics ("pagaende" → "pågående")."""
    wanted = fold_name(value)
    for choice in choices:
        if fold_name(choice) == wanted:
            return choice
    raise InputError(f"{name} must be one of: {', '.join(choices)} (got {value!r})")


def default_value(spec: str, today: date | None = None) -> str:
    """Evaluate a default such as `current-year`, `current-year-2` or `today`."""
    today = today or date.today()
    if spec == "today":
        return today.isoformat()
    m = re.fullmatch(r"current-year(?:-(\d+))?", spec)
    if m:
        return str(today.year - int(m.group(1) or 0))
    return spec


def resolve_node(index: NameIndex, value: str, classes: tuple[str, ...] = (),
                 what: str = "") -> ox.NamedNode:
    """An IRI (`<…>` or bare http(s)), a prefixed name, or a name of exactly one node.

    With `classes` (IRIs), the node must have one of them: a label shared by
    nodes of several classes resolves to the one of the expected class, and a
    node of another class is an error naming the class expected.
    """
    text = value.strip()
    if not text:
        raise InputError(f"{what or 'node'}: empty name")
    iri = _as_iri(text)
    if iri is not None:
        if not index.known(iri):
            raise InputError(f"{what or 'node'}: no node {text!r} in the knowledge base"
                             + _hint(index, _local_name(iri), classes))
        return _checked(index, iri, classes, what, text)
    matches = index.named(text)
    if classes and len(matches) > 1:
        matches = {m for m in matches if index.has_class(m, classes)} or matches
    if len(matches) == 1:
        return _checked(index, next(iter(matches)), classes, what, text)
    if not matches:
        prefix, sep, _ = text.partition(":")
        if sep and re.fullmatch(r"[A-Za-z][\w-]*", prefix) and " " not in text:
            raise InputError(f"{what or 'node'}: unknown prefix {prefix + ':'!r} in {text!r} "
                             f"(known prefixes: {', '.join(sorted(PREFIXES))})")
        raise InputError(f"{what or 'node'}: no node is named {text!r}"
                         + _hint(index, text, classes))
    raise InputError(f"{what or 'node'}: {len(matches)} nodes are named {text!r}: "
                     f"{_describe(index, matches)} — name one by its prefixed name")


def iri_of(value: str) -> str | None:
    """The IRI `value` spells (`<…>`, bare http(s) or a prefixed name), else None; never
    raises (a malformed IRI is for `resolve_node` to report)."""
    try:
        return _as_iri(value.strip())
    except (InputError, ValueError):
        return None


def _as_iri(text: str) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return _iri(text[1:-1]).value
    if re.match(r"^https?://\S+$", text):
        return _iri(text).value
    iri = expand(text)
    return _iri(iri).value if iri is not None else None


def _checked(index: NameIndex, iri: str, classes: tuple[str, ...], what: str,
             given: str) -> ox.NamedNode:
    if classes and not index.has_class(iri, classes):
        expected = " or ".join(_class_name(index, c) for c in classes)
        actual = ", ".join(sorted(_class_name(index, c) for c in index.classes.get(iri, set())
                                  if c.startswith(VOCAB))) or "no known class"
        raise InputError(f"{what or 'node'}: {index.label(iri) or given!r} is not a "
                         f"{expected} (it is: {actual})")
    return ox.NamedNode(iri)


def _hint(index: NameIndex, text: str, classes: tuple[str, ...]) -> str:
    near = index.near(text)
    if classes:
        near = [n for n in near if index.has_class(n, classes)] or near
    return ("; did you mean: " + _describe(index, near)) if near else ""


def _class_name(index: NameIndex, iri: str) -> str:
    return index.label(iri, "en") or compact(iri)


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1].replace("-", " ")


def _describe(index: NameIndex, nodes) -> str:
    ordered = list(nodes) if isinstance(nodes, list) else sorted(nodes)
    shown = [f"{compact(n)} ({index.label(n) or 'no label'})" for n in ordered[:_MAX_CANDIDATES]]
    more = len(ordered) - len(shown)
    return ", ".join(shown) + (f", … {more} more" if more > 0 else "")


def _ascii_digits(text: str) -> str:
    """'２０２４' or '٢٠٢٤' → '2024': digits of any script read as the digits they are."""
    import unicodedata

    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch
                   for ch in text)


def _iri(text: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError as e:
        raise InputError(f"not a valid IRI: {text!r} ({e})") from e


def _unescape(text: str) -> str:
    return re.sub(r'\\["\\ntr]', lambda m: _ESCAPES[m.group(0)], text)
