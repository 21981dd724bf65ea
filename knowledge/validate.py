"""SHACL validation of the knowledge base against ontology/shapes.ttl (pySHACL).

Each result names the focus node by its label and the source document(s) its
facts come from, so a curator can go straight to the right file and section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from styrgraf.ontology.prefixes import compact
from styrgraf.ontology.terms import SG
from styrgraf.ontology.vocabulary import load_shapes

from .labels import label_of
from .store import KnowledgeBase

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, in terms a curator can act on."""

    severity: str
    focus: str
    label: str | None
    sources: tuple[str, ...]
    path: str | None
    message: str
    value: str | None


@dataclass
class ValidationReport:
    results: list[ValidationResult]

    @property
    def counts(self) -> Counter:
        return Counter(r.severity for r in self.results)

    @property
    def conforms(self) -> bool:
        return self.counts["Violation"] == 0


def validate(kb: KnowledgeBase, lang: str = "en") -> ValidationReport:
    """Validate the union of all graphs (with the vocabulary, for subclass reasoning)."""
    data = to_rdflib(kb.store)
    _, report_graph, _ = pyshacl.validate(
        data, shacl_graph=load_shapes(), inference="none", advanced=False,
        allow_warnings=True, allow_infos=True,
    )
    results = [_result(kb, report_graph, node, lang)
               for node in report_graph.subjects(RDF.type, SH.ValidationResult)]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    results.sort(key=lambda r: (order.get(r.severity, 9), r.sources, r.label or r.focus, r.message))
    return ValidationReport(results)


def to_rdflib(store: ox.Store):
    """Copy the union of the store's graphs into an rdflib Graph (pySHACL's input)."""
    graph = rdflib.Graph()
    for quad in store.quads_for_pattern(None, None, None, None):
        graph.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate),
                   _rdflib_term(quad.object)))
    return graph


def _rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def _result(kb: KnowledgeBase, g: rdflib.Graph, node, lang: str) -> ValidationResult:
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
        label = label_of(kb.store, ox.NamedNode(focus_text))
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


def _path_text(g: rdflib.Graph, path) -> str | None:
    if path is None:
        return None
    if isinstance(path, rdflib.URIRef):
        return compact(str(path))
    inverse = g.value(path, SH.inversePath)
    return "^" + compact(str(inverse)) if inverse is not None else "(complex path)"


def _sources(kb: KnowledgeBase, node: ox.NamedNode) -> list[str]:
    """Source files stating the node: via sg:statedIn, else any graph describing it."""
    files = kb.graph_files()
    stated = ox.NamedNode(SG.statedIn)
    graphs = {q.graph_name.value for q in kb.store.quads_for_pattern(node, stated, None, None)
              if isinstance(q.graph_name, ox.NamedNode)}
    if not graphs:
        graphs = {q.graph_name.value for q in kb.store.quads_for_pattern(node, None, None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
    return sorted(files.get(g, compact(g)) for g in graphs)


__all__ = ["SEVERITIES", "ValidationReport", "ValidationResult", "to_rdflib", "validate"]
