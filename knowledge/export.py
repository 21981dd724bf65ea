"""Serialise the knowledge base for other systems.

Turtle merges the graphs into one; TriG, N-Quads and JSON-LD keep each source
in its own named graph. Output is sorted, so the same knowledge always gives
the same bytes (diff-friendly).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from styrgraf.ontology.prefixes import PREFIXES

from .atomic import atomic_writer
from .sources import ONTOLOGY_GRAPH
from .store import KnowledgeBase

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
MERGING_FORMATS = {"turtle"}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def export(kb: KnowledgeBase, fmt: str, output: Path | None = None, *,
           include_vocabulary: bool = False) -> int:
    """Write the knowledge in `fmt` to `output` (atomically) or stdout; return the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    graphs = kb.data_graphs + ([ONTOLOGY_GRAPH] if include_vocabulary else [])
    if fmt in MERGING_FORMATS:
        items: list = sorted({q.triple for g in graphs for q in _quads(kb, g)}, key=_triple_key)
    else:
        items = sorted((q for g in graphs for q in _quads(kb, g)), key=_quad_key)
    if output is None:
        _write(items, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with atomic_writer(output) as handle:
            _write(items, fmt, handle)
    return len(items)


def _quads(kb: KnowledgeBase, graph: str):
    target = ox.DefaultGraph() if graph == "" else ox.NamedNode(graph)
    return kb.store.quads_for_pattern(None, None, None, target)


def _write(items: list, fmt: str, handle: BinaryIO) -> None:
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    ox.serialize(items, handle, FORMATS[fmt], prefixes=prefixes)


def _triple_key(t: ox.Triple) -> tuple:
    return (str(t.subject), t.predicate.value != _RDF_TYPE, str(t.predicate), str(t.object))


def _quad_key(q: ox.Quad) -> tuple:
    return (str(q.graph_name), *_triple_key(q.triple))
