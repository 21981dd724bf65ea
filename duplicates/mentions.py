"""Load the texts to compare from the knowledge base: one item per *mention*.

A shared node (an assignment named by 003 and 004) is described in each
document's graph with that document's own wording, so the unit compared is
(node, graph) with the text that graph states. Which text: an activity's
label (the Aktivitet cell) and description; an assignment's or a response's
description only, because their labels are titles the curators derived (a
shared node has the registry's label in every graph, which would make every
mention of it look identical).

Groups for `--across`:
- document: the graph's source document (`<graph> prov:wasDerivedFrom doc`);
- committee: a response's `sg:respondent`, an assignment's `sg:assignedTo`,
  an activity's document publisher — each expanded with `org:hasMember*`, so
  "Socialnämnderna" and "Socialnämnden Sydväst" count as the same committee;
- network: an activity's `sg:network`; where none is stated (assignments,
  responses, activities outside the networks' appendices) the committee
  groups stand in, so pairs from different committees count as different.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.sources import ONTOLOGY_GRAPH
from styrgraf.queries.engine import values

from .defaults import KIND_NAMES
from .items import Item

#: Kind name → class, in the order of `--kinds`.
KINDS = dict(zip(KIND_NAMES, ("sg:Activity", "sg:Assignment", "sg:AssignmentResponse"),
                 strict=True))

_TEXTS = """
SELECT ?node ?kind ?g ?prop ?text WHERE {
  VALUES (?class ?kind) { %s }
  ?node a ?class .
  VALUES ?prop { rdfs:label dcterms:description }
  GRAPH ?g { ?node ?prop ?text }
  FILTER(isLiteral(?text) && (lang(?text) = "" || langMatches(lang(?text), "sv")))
}
"""

_SKIPPED_GRAPHS = """
SELECT DISTINCT ?g WHERE {
  VALUES ?k { sg:CurationGraph sg:SuggestionGraph }
  GRAPH ?g { ?g a ?k }
}
"""

_SECTIONS = """
SELECT ?node ?g ?sectionLabel WHERE {
  VALUES ?class { %s }
  ?node a ?class .
  GRAPH ?g { ?node sg:statedIn ?section }
  OPTIONAL { ?section rdfs:label ?sectionLabel }
}
"""

_DOCUMENTS = """
SELECT ?g ?doc ?title ?publisher WHERE {
  GRAPH ?g { ?g prov:wasDerivedFrom ?doc }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:publisher/org:hasMember* ?publisher }
}
"""

_RELATIONS = """
SELECT ?node ?relation ?value WHERE {
  VALUES ?class { %s }
  ?node a ?class .
  {
    VALUES ?p { sg:respondent sg:assignedTo }
    ?node ?p ?assignee . ?assignee org:hasMember* ?value . BIND("committee" AS ?relation)
  } UNION {
    ?node sg:network ?value . BIND("network" AS ?relation)
  } UNION {
    ?node sg:respondsTo ?value . BIND("answers" AS ?relation)
  }
}
"""


def load_mentions(store: ox.Store, kinds: Iterable[str] = tuple(KINDS)) -> list[Item]:
    """One item per (node, graph) of the chosen kinds that has text in that graph."""
    kinds = list(dict.fromkeys(kinds))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise InputError(f"unknown kind(s) {', '.join(unknown)}; choose from "
                         f"{', '.join(KINDS)}")
    classes = " ".join(KINDS[k] for k in kinds)
    pairs = " ".join(f'({KINDS[k]} "{k}")' for k in kinds)
    skipped = {g for (g,) in values(store, _SKIPPED_GRAPHS)} | {ONTOLOGY_GRAPH}

    # (node, graph) → (labels, descriptions) that graph states; read as plain strings,
    # since at 1M triples building terms and dicts per row costs more than the query
    texts: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    kind_of: dict[str, str] = {}
    labels: dict[str, str] = {}  # a node's name, from any graph (the least, to be stable)
    for node, kind, graph, prop, text in values(store, _TEXTS % pairs):
        if prop == _LABEL:
            labels[node] = min(labels.get(node, text), text)
        if graph in skipped:
            continue
        kind_of[node] = kind
        stated = texts.get((node, graph))
        if stated is None:
            stated = texts[node, graph] = ([], [])
        stated[prop != _LABEL].append(text)

    sections: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node, graph, section in values(store, _SECTIONS % classes):
        if section is not None:
            sections[node, graph].add(section)
    documents, titles, publishers = _documents(store)
    relations = _relations(store, classes)
    nobody: frozenset[str] = frozenset()
    document_groups = {g: frozenset([d]) for g, d in documents.items()}

    items = []
    for (node, graph), (node_labels, descriptions) in sorted(texts.items()):
        kind = kind_of[node]
        text = _text(kind, node_labels, descriptions)
        if not text:
            continue
        committees, networks, answers = relations.get(node) or (nobody, nobody, nobody)
        committees = committees or publishers.get(graph, nobody)
        networks = networks or committees
        source = " – ".join(p for p in (titles.get(graph, ""),
                                        "; ".join(sorted(sections.get((node, graph), ()))))
                            if p)
        items.append(Item(
            id=node, text=text, label=labels.get(node, node), kind=kind, source=source,
            graph=graph,
            groups={"network": networks, "committee": committees,
                    "document": document_groups.get(graph) or frozenset([graph])},
            identity=answers | {node},
        ))
    return items


_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _text(kind: str, labels: list[str], descriptions: list[str]) -> str:
    labels, descriptions = sorted(labels), sorted(descriptions)
    parts = labels + descriptions if kind == "activity" else (descriptions or labels)
    return "\n".join(parts).strip()


def _documents(store: ox.Store) -> tuple[dict[str, str], dict[str, str],
                                         dict[str, frozenset[str]]]:
    documents: dict[str, str] = {}
    titles: dict[str, str] = {}
    publishers: dict[str, set[str]] = defaultdict(set)
    for graph, doc, title, publisher in values(store, _DOCUMENTS):
        documents.setdefault(graph, doc or "")
        if title is not None:
            titles[graph] = min(titles.get(graph, title), title)
        if publisher is not None:
            publishers[graph].add(publisher)
    return documents, titles, {g: frozenset(p) for g, p in publishers.items()}


def _relations(store: ox.Store, classes: str
               ) -> dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """node → (committees, networks, what it answers), each as a set of IRIs."""
    found: dict[str, tuple[set[str], set[str], set[str]]] = {}
    position = {"committee": 0, "network": 1, "answers": 2}
    for node, relation, value in values(store, _RELATIONS % classes):
        sets = found.get(node)
        if sets is None:
            sets = found[node] = (set(), set(), set())
        sets[position[relation]].add(value)
    return {node: (frozenset(c), frozenset(n), frozenset(a))
            for node, (c, n, a) in found.items()}
