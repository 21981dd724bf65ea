"""Counts per class and per source document, for `styrgraf stats`."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from styrgraf.ontology.prefixes import GRAPH, compact

from .answers import AnswerCache
from .named import run_named


@dataclass(frozen=True)
class ClassCount:
    """Nodes of one class: in the whole knowledge base and per graph (file stem)."""

    class_iri: str
    label: str
    total: int
    per_graph: dict[str, int]


@dataclass(frozen=True)
class DocumentCount:
    graph: str
    document: str | None
    title: str | None
    kind: str
    statements: int


@dataclass(frozen=True)
class Statistics:
    classes: list[ClassCount]
    documents: list[DocumentCount]

    @property
    def graphs(self) -> list[str]:
        return [d.graph for d in self.documents]


#: The counting questions `statistics` asks.
STATISTICS = ("class-counts-by-document", "class-counts", "documents")


def statistics(source, cache: AnswerCache | None = None) -> Statistics:
    """Run the counting queries and pivot classes × graphs (`cache`: see `run_named`)."""
    per_graph: dict[str, dict[str, int]] = {}
    for row in run_named(source, "class-counts-by-document", cache=cache).rows:
        counts = per_graph.setdefault(row["class"].value, {})
        counts[_short(row["graph"].value)] = _int(row["nodes"])
    classes = [
        ClassCount(row["class"].value,
                   row["classLabel"].value if row["classLabel"] else compact(row["class"].value),
                   _int(row["nodes"]), per_graph.get(row["class"].value, {}))
        for row in run_named(source, "class-counts", cache=cache).rows
    ]
    documents = [
        DocumentCount(
            graph=_short(row["graph"].value),
            document=compact(row["document"].value) if row["document"] else None,
            title=row["documentLabel"].value if row["documentLabel"] else None,
            kind=row["kind"].value,
            statements=_int(row["statements"]),
        )
        for row in run_named(source, "documents", cache=cache).rows
    ]
    return Statistics(classes, documents)


def _short(graph: str) -> str:
    return graph[len(GRAPH):] if graph.startswith(GRAPH) else graph


def _int(term: ox.Literal | None) -> int:
    return int(term.value) if term is not None else 0
