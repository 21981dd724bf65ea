"""SHACL validation of the knowledge base against ontology/shapes.ttl.

The shapes are compiled into SPARQL (shapes_sparql) and run on the store itself:
at 1M triples that takes seconds, where pySHACL over an rdflib copy of the store
took 112–134 s. pySHACL stays the reference (the tests compare the two, result for
result) and the fallback: shapes the compiler does not translate are validated by
pySHACL, whole, never in part.

Each result names the focus node by its label and the source document(s) its
facts come from, so a curator can go straight to the right file and section.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from styrgraf.ontology.prefixes import compact
from styrgraf.ontology.terms import SG

from .gcpause import pausing
from .labels import label_of, labels_of
from .shapes_sparql import (
    Check,
    Result,
    UnsupportedShape,
    compile_shapes,
    quiet_rdflib,
    rdflib_ill_typed,
    run_checks,
    typed_terms,
)
from .store import KnowledgeBase
from .validation import SEVERITIES, ValidationReport, ValidationResult

log = logging.getLogger(__name__)

Engine = Literal["auto", "sparql", "pyshacl"]


@pausing  # rdflib's graph is millions of objects: each full collection walked them all
def validate(kb: KnowledgeBase, lang: str = "en", *, engine: Engine = "auto",
             shapes: Path | None = None) -> ValidationReport:
    """Validate the union of all graphs (with the vocabulary, for subclass reasoning).

    `engine` "auto" runs the compiled SPARQL checks, or pySHACL if the shapes use
    something the compiler does not translate; "sparql" raises `UnsupportedShape`
    then; "pyshacl" always uses pySHACL. `shapes`: a Turtle shapes file (default
    ontology/shapes.ttl).

    At 1M triples: pySHACL 112–134 s (the copy into rdflib 13–22 s of it), the
    compiled checks about 10 s (benchmarks/bench_validate.py)."""
    if engine not in ("auto", "sparql", "pyshacl"):
        raise ValueError(f"unknown validation engine {engine!r}")
    if engine != "pyshacl":
        try:
            checks = _compiled(_shapes_bytes(shapes))
        except UnsupportedShape as e:
            if engine == "sparql":
                raise
            log.warning("validating with pySHACL: %s", e)
        else:
            return _validate_sparql(kb, lang, checks)
    return _validate_pyshacl(kb, lang, shapes)


def _shapes_bytes(shapes: Path | None) -> bytes:
    if shapes is None:
        from styrgraf.ontology.vocabulary import SHAPES_PATH

        shapes = Path(SHAPES_PATH)
    return Path(shapes).read_bytes()


@functools.lru_cache(maxsize=4)
def _compiled(data: bytes) -> tuple[Check, ...]:
    return tuple(compile_shapes(data))


def _validate_sparql(kb: KnowledgeBase, lang: str, checks: tuple[Check, ...]) -> ValidationReport:
    terms = typed_terms(kb.store)  # one pass over the store for both uses below
    ill_typed = {t for t in terms if isinstance(t, ox.Literal) and rdflib_ill_typed(t)}
    found = run_checks(kb.store, checks, ill_typed=ill_typed)
    focus = {r.focus.value for r in found if isinstance(r.focus, ox.NamedNode)}
    labels = labels_of(kb.store, focus)  # one read for every result, not a query each
    sources = _SourceIndex(kb)
    results = [_check_result(r, lang, labels, sources) for r in found]
    results += [_problem(kb, quad, message, lang)
                for quad, message in _problems(kb.store, terms, ill_typed)]
    return _report(results)


def _validate_pyshacl(kb: KnowledgeBase, lang: str = "en",
                      shapes: Path | None = None) -> ValidationReport:
    """The reference: pySHACL over an rdflib copy of the store (the fallback, and the tests')."""
    import pyshacl
    import rdflib
    from rdflib.namespace import RDF, SH

    from styrgraf.ontology.vocabulary import load_shapes

    data, problems = _to_rdflib(kb.store)
    shapes_graph = (load_shapes() if shapes is None
                    else rdflib.Graph().parse(shapes, format="turtle"))
    with quiet_rdflib():
        _, report_graph, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, inference="none", advanced=False,
            allow_warnings=True, allow_infos=True,
        )
    nodes = list(report_graph.subjects(RDF.type, SH.ValidationResult))
    focus = {str(f) for n in nodes
             if isinstance(f := report_graph.value(n, SH.focusNode), rdflib.URIRef)}
    labels = labels_of(kb.store, focus)  # one read for every result, not a query each
    results = [_result(kb, report_graph, node, lang, labels) for node in nodes]
    results += [_problem(kb, quad, message, lang) for quad, message in problems]
    return _report(results)


def _report(results: list[ValidationResult]) -> ValidationReport:
    """Most severe first, then by source file, node and message; node, path and value
    settle the order of the rest (so both engines give the same list)."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    results.sort(key=lambda r: (order.get(r.severity, 9), r.sources, r.label or r.focus, r.message,
                                r.focus, r.path or "", r.value or ""))
    return ValidationReport(results)


def _check_result(r: Result, lang: str, labels: dict[str, str | None],
                  sources: _SourceIndex) -> ValidationResult:
    """A compiled check's result as pySHACL's would read (see `_result`)."""
    named = isinstance(r.focus, ox.NamedNode)
    message = (r.messages.get(lang) if lang else None) or next(iter(r.messages.values()),
                                                               "does not conform")
    return ValidationResult(
        severity=r.severity.rsplit("#", 1)[-1],
        focus=compact(r.focus.value),
        label=labels.get(r.focus.value) if named else None,
        sources=sources.of(r.focus) if named else (),
        path=r.path,
        message=message,
        value=None if r.value is None else _value_text(r.value),
    )


def _value_text(term) -> str:
    """As `_result` writes sh:value: an IRI compacted, a literal as rdflib reads it
    (rdflib writes some lexical forms canonically: " 5"^^xsd:integer is "5")."""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        with quiet_rdflib():
            return str(_rdflib_term(term))
    return term.value


class _SourceIndex:
    """`_sources` of each focus node, worked out once however many results it has."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.files = kb.graph_files()
        self.known: dict[ox.NamedNode, tuple[str, ...]] = {}

    def of(self, node: ox.NamedNode) -> tuple[str, ...]:
        if node not in self.known:
            self.known[node] = tuple(_sources(self.kb, node, self.files))
        return self.known[node]


def _problems(store: ox.Store, terms: list, ill_typed: set[ox.Literal]
              ) -> list[tuple[ox.Quad, dict[str, str]]]:
    """What `_to_rdflib` reports, found from the store's typed literals and triple terms
    (`typed_terms`; `ill_typed` those rdflib cannot read) instead of a walk over every
    statement."""
    problems: list[tuple[ox.Quad, dict[str, str]]] = []
    for term in terms:
        if isinstance(term, ox.Triple):
            message = _TRIPLE_TERM
        elif term in ill_typed or _bad_lexical(term):
            message = _ill_typed(term)
        else:
            continue
        problems += [(q, message) for q in store.quads_for_pattern(None, None, term, None)]
    problems.sort(key=lambda p: str(p[0]))
    return problems


def to_rdflib(store: ox.Store):
    """Copy the union of the store's graphs into an rdflib Graph (pySHACL's input)."""
    return _to_rdflib(store)[0]


def _to_rdflib(store: ox.Store):
    """The rdflib Graph, and the statements it cannot hold faithfully, with why.

    An ill-typed literal ("abc"^^xsd:integer) and an RDF 1.2 triple term become
    findings of the report, instead of a traceback from rdflib's logger or a crash.
    """
    import rdflib

    graph = rdflib.Graph()
    problems: list[tuple[ox.Quad, dict[str, str]]] = []
    with quiet_rdflib():
        for quad in store.quads_for_pattern(None, None, None, None):
            if any(isinstance(t, ox.Triple) for t in (quad.subject, quad.object)):
                problems.append((quad, _TRIPLE_TERM))
                continue
            obj = _rdflib_term(quad.object)
            if isinstance(obj, rdflib.Literal) and (obj.ill_typed or _bad_lexical(quad.object)):
                problems.append((quad, _ill_typed(quad.object)))
            graph.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), obj))
    return graph, problems


#: Lexical forms rdflib does not check (it accepts "20x5"^^xsd:gYear).
_LEXICAL = {
    "http://www.w3.org/2001/XMLSchema#gYear": re.compile(r"-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?"),
    "http://www.w3.org/2001/XMLSchema#gYearMonth": re.compile(
        r"-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?"),
}


def _bad_lexical(term: ox.Literal) -> bool:
    pattern = _LEXICAL.get(term.datatype.value) if term.datatype else None
    return pattern is not None and not pattern.fullmatch(term.value)


_TRIPLE_TERM = {"sv": "Ett RDF 1.2-tripelvärde (<< … >>) kan inte valideras; skriv om "
                      "påståendet utan det.",
                "en": "An RDF 1.2 triple term (<< … >>) cannot be validated; state it "
                      "without one."}


def _ill_typed(term: ox.Literal) -> dict[str, str]:
    kind = compact(term.datatype.value)
    return {"sv": f"'{term.value}' är inte ett giltigt {kind}.",
            "en": f"'{term.value}' is not a valid {kind}."}



def _problem(kb: KnowledgeBase, quad: ox.Quad, message: dict[str, str],
             lang: str) -> ValidationResult:
    subject = quad.subject
    focus = subject.value if isinstance(subject, ox.NamedNode) else str(subject)
    named = isinstance(subject, ox.NamedNode)
    return ValidationResult(
        severity="Violation", focus=compact(focus),
        label=label_of(kb.store, subject) if named else None,
        sources=tuple(_sources(kb, subject)) if named else (),
        path=compact(quad.predicate.value), message=message.get(lang, message["en"]),
        value=str(quad.object) if isinstance(quad.object, ox.Triple) else quad.object.value)


def _rdflib_term(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def _result(kb: KnowledgeBase, g, node, lang: str,
            labels: dict[str, str | None]) -> ValidationResult:
    import rdflib
    from rdflib.namespace import SH

    focus = g.value(node, SH.focusNode)
    severity = str(g.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
    messages = list(g.objects(node, SH.resultMessage))
    message = next((str(m) for m in messages if getattr(m, "language", None) == lang),
                   str(messages[0]) if messages else "does not conform")
    path = g.value(node, SH.resultPath)
    value = g.value(node, SH.value)
    focus_text = str(focus)
    label = sources = None
    if isinstance(focus, rdflib.URIRef):
        label = labels.get(focus_text)
        sources = _sources(kb, ox.NamedNode(focus_text))
    return ValidationResult(
        severity=severity,
        focus=compact(focus_text),
        label=label,
        sources=tuple(sources or ()),
        path=_path_text(g, path),
        message=message,
        value=None if value is None else (compact(str(value)) if isinstance(value, rdflib.URIRef)
                                          else str(value)),
    )


def _path_text(g, path) -> str | None:
    import rdflib
    from rdflib.namespace import SH

    if path is None:
        return None
    if isinstance(path, rdflib.URIRef):
        return compact(str(path))
    inverse = g.value(path, SH.inversePath)
    return "^" + compact(str(inverse)) if inverse is not None else "(complex path)"


def _sources(kb: KnowledgeBase, node: ox.NamedNode,
             files: dict[str, str] | None = None) -> list[str]:
    """Source files stating the node: via sg:statedIn, else any graph describing it."""
    files = kb.graph_files() if files is None else files
    stated = ox.NamedNode(SG.statedIn)
    graphs = {q.graph_name.value for q in kb.store.quads_for_pattern(node, stated, None, None)
              if isinstance(q.graph_name, ox.NamedNode)}
    if not graphs:
        graphs = {q.graph_name.value for q in kb.store.quads_for_pattern(node, None, None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
    return sorted(files.get(g, compact(g)) for g in graphs)


__all__ = ["SEVERITIES", "UnsupportedShape", "ValidationReport", "ValidationResult", "to_rdflib",
           "validate"]
