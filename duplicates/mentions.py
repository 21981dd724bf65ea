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
from styrgraf.queries.engine import ResultTable, run

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

_LABELS = """
SELECT ?node ?label WHERE {
  VALUES ?class { %s }
  ?node a ?class ; rdfs:label ?label .
  FILTER(lang(?label) = "" || langMatches(lang(?label), "sv"))
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
    skipped = {_value(r["g"]) for r in _select(store, _SKIPPED_GRAPHS).rows} | {ONTOLOGY_GRAPH}

    texts: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kind_of: dict[str, str] = {}
    for r in _select(store, _TEXTS % pairs).rows:
        node, graph = r["node"].value, r["g"].value  # bound in every row
        if graph in skipped:
            continue
        kind_of[node] = r["kind"].value
        prop = "label" if r["prop"].value.endswith("label") else "description"
        texts[node, graph][prop].append(r["text"].value)

    sections: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _select(store, _SECTIONS % classes).rows:
        if r["sectionLabel"] is not None:
            sections[r["node"].value, r["g"].value].add(r["sectionLabel"].value)
    documents, titles, publishers = _documents(store)
    labels = _labels(store, classes)
    relations = _relations(store, classes)

    items = []
    for (node, graph), props in sorted(texts.items()):
        kind = kind_of[node]
        text = _text(kind, props)
        if not text:
            continue
        document = documents.get(graph, graph)
        committees = relations[node]["committee"] or publishers.get(graph, frozenset())
        networks = relations[node]["network"] or committees
        source = " – ".join(p for p in (titles.get(graph, ""),
                                        "; ".join(sorted(sections[node, graph]))) if p)
        items.append(Item(
            id=node, text=text, label=labels.get(node, node), kind=kind, source=source,
            graph=graph,
            groups={"network": frozenset(networks), "committee": frozenset(committees),
                    "document": frozenset([document])},
            identity=frozenset({node} | relations[node]["answers"]),
        ))
    return items


def _text(kind: str, props: dict[str, list[str]]) -> str:
    labels, descriptions = sorted(props["label"]), sorted(props["description"])
    parts = labels + descriptions if kind == "activity" else (descriptions or labels)
    return "\n".join(parts).strip()


def _documents(store: ox.Store) -> tuple[dict[str, str], dict[str, str],
                                         dict[str, frozenset[str]]]:
    documents: dict[str, str] = {}
    titles: dict[str, str] = {}
    publishers: dict[str, set[str]] = defaultdict(set)
    for r in _select(store, _DOCUMENTS).rows:
        graph = _value(r["g"])
        documents.setdefault(graph, _value(r["doc"]))
        if r["title"] is not None:
            titles[graph] = min(titles.get(graph, _value(r["title"])), _value(r["title"]))
        if r["publisher"] is not None:
            publishers[graph].add(_value(r["publisher"]))
    return documents, titles, {g: frozenset(p) for g, p in publishers.items()}


def _labels(store: ox.Store, classes: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for r in _select(store, _LABELS % classes).rows:
        node, label = r["node"].value, r["label"].value
        labels[node] = min(labels.get(node, label), label)
    return labels


def _relations(store: ox.Store, classes: str) -> dict[str, dict[str, set[str]]]:
    relations: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in _select(store, _RELATIONS % classes).rows:
        relations[r["node"].value][r["relation"].value].add(r["value"].value)
    return relations


def _select(store: ox.Store, query: str) -> ResultTable:
    result = run(store, query)
    assert isinstance(result, ResultTable)
    return result


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else ""
