"""Read the knowledge store into a networkx graph: typed nodes, their facts, and the links.

A handful of bulk SPARQL queries over the whole store (not one per node), so a
graph of thousands of nodes is read in about a second. Every node whose class
is in `classes.STYLES` becomes a graph node carrying what the details panel
shows; every IRI-to-IRI statement between two such nodes becomes an edge keyed
by its property. Gaps and the latest statuses are not judged here: they are
read from the same catalogued queries (and so the same rules in rules/) that
`overview` and `query` print, on the whole knowledge base before any
selection, so the page's gap list and the command line cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from styrgraf.ontology.prefixes import compact
from styrgraf.ontology.terms import DCTERMS, RDFS, SG, SKOS
from styrgraf.queries.engine import select
from styrgraf.queries.named import Names, run_named

from . import classes as cls
from .texts import PROPERTY_LABELS

_RDFS_LABEL = RDFS.label
_NAME_ORDER = (RDFS.label, SKOS.prefLabel, DCTERMS.title)
_DESCRIPTION = DCTERMS.description
_TIMELINE = SG.timeline
_RESPONSIBLE = SG.responsible

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
# a response's own status (what one report says); an assignment's comes from the rules
_STATUS = """SELECT DISTINCT ?r ?status WHERE { ?r sg:status ?status . }"""
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


def extract(store: ox.Store, lang: str = "en", names: Names | None = None) -> nx.MultiDiGraph:
    """All typed nodes of the knowledge base and the links between them."""
    names = names or Names(store)
    types = _types(store)
    text = _literals(store)
    links = {(r["s"].value, r["p"].value, r["o"].value) for r in _rows(store, _LINKS)}
    curated = {(r["s"].value, r["p"].value, r["o"].value) for r in _rows(store, _CURATED)}

    def name(iri: str) -> str:
        return text.pick(iri, _NAME_ORDER, lang) or compact(iri)

    class_labels = {s.name: {**cls.FALLBACK_LABELS.get(s.name, {}),
                             **text.per_lang(s.iri, _RDFS_LABEL)} for s in cls.STYLES}
    status = {r["r"].value: r["status"].value for r in _rows(store, _STATUS)}
    reported = run_named(store, "assignments-by-status", [("status", "rapporterad")],
                         names=names)
    assignment_status = _assignment_statuses(reported)
    states = _assignment_states(reported)
    graph = nx.MultiDiGraph(lang=lang, class_labels=class_labels)
    for iri, class_names in types.items():
        graph.add_node(
            iri, iri=iri, curie=compact(iri), label=name(iri), classes=cls.ordered(class_names),
            description=text.pick(iri, (_DESCRIPTION,), lang),
            timeline=text.pick(iri, (_TIMELINE,), lang),
            status=(name(status[iri]) if iri in status else assignment_status.get(iri)),
            responsible=[], sources=[], gaps=[],
            state=states.get(iri, "unreported") if "Assignment" in class_names else None)
    for s, p, o in sorted(links):
        if p == _RESPONSIBLE and s in graph:
            graph.nodes[s]["responsible"].append(name(o))
        if s in graph and o in graph:
            graph.add_edge(s, o, key=p, predicate=p, curie=compact(p),
                           label=_property_label(p, text, lang), curated=(s, p, o) in curated)
    _add_sources(store, graph, types, name)
    for iri, found in gaps(store, names, reported).items():
        if iri in graph:
            graph.nodes[iri]["gaps"] = found
    return graph


def gaps(store, names: Names, reported=None) -> dict[str, list[str]]:
    """Node → its gap kinds (keys of texts.GAPS), read from the catalogued queries.

    no-activity: strategies-without-activities; no-responsible, no-timeline,
    no-strategy, no-source: activity-gaps; open: assignments-by-status rows
    whose latest status is pågående (ongoing at the latest report of a
    committee carrying it). `reported` is that query's answer for status
    "rapporterad", when the caller already has it.
    """
    found: dict[str, list[str]] = defaultdict(list)
    for row in run_named(store, "strategies-without-activities", names=names).rows:
        found[row["node"].value].append("no-activity")
    for row in run_named(store, "activity-gaps", names=names).rows:
        for part in row["missing"].value.split(", "):
            found[row["activity"].value].append(f"no-{part}")
    if reported is None:
        reported = run_named(store, "assignments-by-status", [("status", "rapporterad")],
                             names=names)
    ongoing = {row["assignment"].value for row in reported.rows
               if row["latestStatus"].value == "pågående"}
    for assignment in sorted(ongoing):
        found[assignment].append("open")
    return dict(found)


def _assignment_statuses(reported) -> dict[str, str]:
    """Assignment → 'Committee: status (date)' for each committee that carries it and reported."""
    lines: dict[str, list[str]] = defaultdict(list)
    for row in reported.rows:
        who = row["committeeLabel"].value if row["committeeLabel"] else compact(
            row["committee"].value)
        when = row["reportEnd"].value if row["reportEnd"] else ""
        lines[row["assignment"].value].append(f"{who}: {row['latestStatus'].value} ({when})")
    return {a: "; ".join(sorted(set(v))) for a, v in lines.items()}


def _assignment_states(reported) -> dict[str, str]:
    """Assignment → "open" if any carrying committee's latest report says pågående, else
    "closed" (rule `latest-status`); assignments nobody reported on are left out."""
    states: dict[str, str] = {}
    for row in reported.rows:
        a = row["assignment"].value
        if row["latestStatus"].value == "pågående":
            states[a] = "open"
        else:
            states.setdefault(a, "closed")
    return states


def _rows(store: ox.Store, query: str) -> list[dict]:
    return select(store, query).rows


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
