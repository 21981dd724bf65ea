"""Read the knowledge store into a networkx graph: typed nodes, their facts, and the links.

A handful of bulk SPARQL queries over the whole store (not one per node), so a
graph of thousands of nodes is read in about a second. Every node whose class
is in `classes.STYLES` becomes a graph node carrying what the details panel
shows; every IRI-to-IRI statement between two such nodes becomes an edge keyed
by its property. Gaps are judged on the whole knowledge base, before any
selection, so hiding activities does not turn every strategy into a gap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from styrgraf.ontology.prefixes import CONCEPT, VOCAB, compact
from styrgraf.queries.engine import ResultTable, run

from . import classes as cls
from .gaps import Facts, find_gaps
from .texts import PROPERTY_LABELS

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_NAME_ORDER = (_RDFS_LABEL, "http://www.w3.org/2004/02/skos/core#prefLabel",
               "http://purl.org/dc/terms/title")
_DESCRIPTION = "http://purl.org/dc/terms/description"
_TIMELINE = VOCAB + "timeline"
_RESPONSIBLE = VOCAB + "responsible"
_CLOSED = CONCEPT + "avslutad"

_TYPES = "SELECT DISTINCT ?s ?t WHERE { ?s a ?t . FILTER(isIRI(?s) && isIRI(?t)) }"
_NAMES = """SELECT DISTINCT ?s ?p ?l WHERE {
  VALUES ?p { rdfs:label skos:prefLabel dcterms:title dcterms:description sg:timeline }
  ?s ?p ?l . FILTER(isIRI(?s) && isLiteral(?l)) }"""
_LINKS = """SELECT DISTINCT ?s ?p ?o WHERE {
  ?s ?p ?o . FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type) }"""
# Stated only by the curator: in a curation graph and in no graph that is not one.
_CURATED = """SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?c { ?c a sg:CurationGraph . ?s ?p ?o . FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type) }
  FILTER NOT EXISTS {
    GRAPH ?g { ?s ?p ?o }
    FILTER NOT EXISTS { GRAPH ?g { ?g a sg:CurationGraph } } } }"""
_STATUS = """SELECT DISTINCT ?a ?r ?status ?end WHERE {
  ?r sg:status ?status .
  OPTIONAL { ?r sg:respondsTo ?a }
  OPTIONAL { ?r sg:reportedIn ?d . ?d sg:periodEnd ?end } }"""
_SOURCES = """SELECT DISTINCT ?s ?where ?doc WHERE {
  ?s sg:statedIn ?where . OPTIONAL { ?where dcterms:isPartOf ?doc } }"""


@dataclass
class _Literals:
    """Literal values per subject, property and language tag ('' for none)."""

    values: dict[str, dict[str, dict[str, str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict)))

    def add(self, s: str, p: str, lang: str, value: str) -> None:
        self.values[s][p].setdefault(lang, value)

    def pick(self, s: str, props: tuple[str, ...], lang: str) -> str | None:
        """The first property that has a value, in `lang`, else English, else untagged, else any."""
        by_prop = self.values.get(s, {})
        for p in props:
            found = by_prop.get(p)
            if found:
                for preferred in (lang, "en", ""):
                    if preferred in found:
                        return found[preferred]
                return found[min(found)]
        return None

    def per_lang(self, s: str, p: str) -> dict[str, str]:
        return dict(self.values.get(s, {}).get(p, {}))


def extract(store: ox.Store, lang: str = "en") -> nx.MultiDiGraph:
    """All typed nodes of the knowledge base and the links between them."""
    types = _types(store)
    text = _literals(store)
    links = {(r["s"].value, r["p"].value, r["o"].value) for r in _rows(store, _LINKS)}
    curated = {(r["s"].value, r["p"].value, r["o"].value) for r in _rows(store, _CURATED)}

    def name(iri: str) -> str:
        return text.pick(iri, _NAME_ORDER, lang) or compact(iri)

    class_labels = {s.name: {**cls.FALLBACK_LABELS.get(s.name, {}),
                             **text.per_lang(s.iri, _RDFS_LABEL)} for s in cls.STYLES}
    status, closed = _statuses(store)
    graph = nx.MultiDiGraph(lang=lang, class_labels=class_labels)
    for iri, names in types.items():
        graph.add_node(
            iri, iri=iri, curie=compact(iri), label=name(iri), classes=cls.ordered(names),
            description=text.pick(iri, (_DESCRIPTION,), lang),
            timeline=text.pick(iri, (_TIMELINE,), lang),
            status=name(status[iri]) if iri in status else None,
            responsible=[], sources=[], gaps=[])
    for s, p, o in sorted(links):
        if p == _RESPONSIBLE and s in graph:
            graph.nodes[s]["responsible"].append(name(o))
        if s in graph and o in graph:
            graph.add_edge(s, o, key=p, predicate=p, curie=compact(p),
                           label=_property_label(p, text, lang), curated=(s, p, o) in curated)
    _add_sources(store, graph, types, name)
    facts = Facts(
        classes={iri: graph.nodes[iri]["classes"] for iri in graph},
        links=links,
        has_timeline={s for s in text.values if _TIMELINE in text.values[s]},
        closed=closed)
    for iri, found in find_gaps(facts).items():
        graph.nodes[iri]["gaps"] = found
    return graph


def _rows(store: ox.Store, query: str) -> list[dict]:
    result = run(store, query)
    assert isinstance(result, ResultTable)
    return result.rows


def _types(store: ox.Store) -> dict[str, set[str]]:
    """Node IRI → the local names of its known classes (nodes of no known class are left out)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _TYPES):
        style = cls.BY_IRI.get(row["t"].value)
        if style is not None:
            found[row["s"].value].add(style.name)
    return found


def _literals(store: ox.Store) -> _Literals:
    text = _Literals()
    for row in _rows(store, _NAMES):
        lit = row["l"]
        text.add(row["s"].value, row["p"].value, lit.language or "", lit.value)
    return text


def _statuses(store: ox.Store) -> tuple[dict[str, str], dict[str, bool]]:
    """The status concept of every response and, for an assignment, of its latest response.

    Latest = reported in the document whose sg:periodEnd is latest; a response
    in a document without a period counts as oldest. Returns (node → status
    IRI, assignment → whether that latest status is 'closed').
    """
    status: dict[str, str] = {}
    latest: dict[str, tuple[str, str, str]] = {}
    for row in _rows(store, _STATUS):
        response, value = row["r"].value, row["status"].value
        end = row["end"].value if row["end"] is not None else ""
        status.setdefault(response, value)
        if row["a"] is not None:
            key = (end, response, value)
            assignment = row["a"].value
            if assignment not in latest or key > latest[assignment]:
                latest[assignment] = key
    for assignment, (_, _, value) in latest.items():
        status[assignment] = value
    closed = {a: value == _CLOSED for a, (_, _, value) in latest.items()}
    return status, closed


def _add_sources(store: ox.Store, graph: nx.MultiDiGraph, types: dict[str, set[str]],
                 name) -> None:
    """Document and section for each node, from sg:statedIn (a section or a whole document)."""
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in _rows(store, _SOURCES):
        node = row["s"].value
        if node not in graph:
            continue
        where = row["where"].value
        if "Section" in types.get(where, set()):
            doc = name(row["doc"].value) if row["doc"] is not None else ""
            seen[node].add((doc, name(where)))
        else:
            seen[node].add((name(where), ""))
    for node, pairs in seen.items():
        graph.nodes[node]["sources"] = [{"document": d, "section": s} for d, s in sorted(pairs)]


def _property_label(iri: str, text: _Literals, lang: str) -> str:
    own = text.pick(iri, (_RDFS_LABEL,), lang)
    if own:
        return own
    known = PROPERTY_LABELS.get(iri)
    return known.get(lang, known["en"]) if known else compact(iri)
