"""The page's data: one compact JSON value that the page's script turns into vis-network nodes.

Each node travels once, with its wrapped label, position, class, gaps and
status; the script adds the drawing options shared by a class. This keeps
the page near a few hundred bytes per node, where vis-network's own node
objects (colours, fonts and sizes repeated on every node) took about 2 KB.
The chain's tree, the rule rows for the table's filters and the words of
the interface travel alongside.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from styrgraf.ontology.terms import SG

from .chain import Chain
from .classes import STYLES
from .scope import Facts
from .texts import GAPS, STATUS, UI
from .tree import BOX_PAD, BOX_W, COLUMN_PX, FONT_PX, GAP_PX, LINE_PX, ROW_PX, wrap

#: Above this many nodes the page freezes physics after a short stabilisation.
LARGE = 300
#: Target length of an edge on the canvas (force view), in pixels.
EDGE_PX = 110.0
GAP_COLOR = "#d62728"
EDGE_COLOR = "#8a8a8a"
CURATED_COLOR = "#b26b00"


@dataclass(frozen=True)
class PageOptions:
    """How to draw: layout ("chain", "hierarchical" or "force"), gaps, language, caption."""

    layout: str = "chain"
    gaps: bool = True
    lang: str = "en"
    caption: str = ""
    focus: str | None = None
    notice: str = ""  # a sentence the page shows above the graph (an empty network …)


@dataclass
class Drawn:
    """What is on the page: every node (`graph`), the ones drawn at opening, and their places."""

    graph: nx.MultiDiGraph
    visible: list[str]
    placed: dict[str, tuple[float, float]]
    chain: Chain | None = None
    facts: Facts | None = None
    filters: dict = field(default_factory=dict)

    def lines(self) -> int:
        """Lines drawn at opening: the tree's, or every relation of the force view."""
        if self.chain is None:
            return self.graph.number_of_edges()
        shown = set(self.visible)
        return sum(1 for n in shown if self.chain.parent.get(n) in shown)


def page_data(drawn: Drawn, options: PageOptions) -> dict:
    """Everything the page's script needs, as plain JSON-able values."""
    graph, lang = drawn.graph, options.lang
    labels = _class_labeller(graph, lang)
    relations: dict[str, int] = {}
    nodes, details = [], {}
    for node in sorted(graph):
        d = graph.nodes[node]
        gaps = d["gaps"] if options.gaps else []
        lines = wrap(d["label"] or d["curie"])
        record = {"id": node, "l": "\n".join(lines), "n": len(lines), "c": d["cls"]}
        if node in drawn.placed:  # drawn at opening; the rest are placed when a click opens them
            record["x"], record["y"] = drawn.placed[node]
        if gaps:
            record["g"] = 1
        if d.get("state"):
            record["s"] = d["state"]
        nodes.append(record)
        details[node] = {
            "label": d["label"], "curie": d["curie"], "cls": d["cls"],
            "description": d["description"], "responsible": d["responsible"],
            "timeline": d["timeline"], "status": d["status"], "sources": d["sources"],
            "gaps": gaps, "priority": _priority(graph, node),
        }
    edges = []
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
        rel = relations.setdefault(d["label"], len(relations))
        edges.append([u, v, rel, 1 if d["curated"] else 0])
    gap_counts = Counter(k for n in drawn.visible for k in details[n]["gaps"])
    class_counts = Counter(details[n]["cls"] for n in drawn.visible)
    texts = UI[lang]
    return {
        "lang": lang,
        "texts": texts,
        "layout": options.layout,
        "focus": options.focus,
        "notice": options.notice,
        "nodes": nodes,
        "edges": edges,
        "relations": list(relations),
        "visible": drawn.visible,
        "tree": _tree(drawn.chain),
        "table": _table(drawn, details),
        "geometry": {"font": FONT_PX, "boxW": BOX_W, "line": LINE_PX, "pad": BOX_PAD,
                     "column": COLUMN_PX, "row": ROW_PX, "gap": GAP_PX},
        "colors": {"gap": GAP_COLOR, "edge": EDGE_COLOR, "curated": CURATED_COLOR},
        "classes": [{"name": s.name, "label": labels(s.name), "color": s.color,
                     "shape": s.shape, "size": s.size, "count": class_counts[s.name]}
                    for s in STYLES if class_counts[s.name] or _present(details, s.name)],
        "gapKinds": [{"key": key, "label": names[lang], "count": gap_counts[key]}
                     for key, names in GAPS.items() if gap_counts[key]],
        "statusKinds": [{"key": key, "label": v[lang], "color": v["color"]}
                        for key, v in STATUS.items()],
        "hasCurated": any(d["curated"] for _, _, d in graph.edges(data=True)),
        "details": details,
    }


def _present(details: dict, name: str) -> bool:
    return any(d["cls"] == name for d in details.values())


def _class_labeller(graph: nx.MultiDiGraph, lang: str):
    class_labels = graph.graph.get("class_labels", {})

    def label(name: str) -> str:
        found = class_labels.get(name, {})
        return found.get(lang) or found.get("en") or name

    return label


def _priority(graph: nx.MultiDiGraph, node: str) -> str | None:
    found = sorted(graph.nodes[o]["label"] for _, o, k in graph.out_edges(node, keys=True)
                   if k == SG.priority)
    return ", ".join(found) or None


def _tree(chain: Chain | None) -> dict | None:
    if chain is None:
        return None
    return {"roots": chain.roots, "children": chain.children, "depth": chain.depth,
            "also": chain.also}


def _table(drawn: Drawn, details: dict) -> dict | None:
    """The målkedja table's filter data: rule rows per node, and the choices offered."""
    if drawn.chain is None or drawn.facts is None:
        return None
    graph, facts = drawn.graph, drawn.facts
    in_chain = set(drawn.chain.depth)

    def names(ids) -> list[str]:
        return sorted(i for i in ids if i in graph)

    covered = {n: sorted(a for a in acts if a in graph)
               for n, acts in facts.covered_by.items() if n in in_chain}
    networks = {n: names(o for _, o, k in graph.out_edges(n, keys=True) if k == SG.network)
                for n in in_chain if details[n]["cls"] == "Activity"}
    committees = {n: sorted(v) for n, v in facts.committees.items() if n in in_chain}
    labels = {c: graph.nodes[c]["label"] if c in graph else c
              for v in committees.values() for c in v}
    labels.update({c: graph.nodes[c]["label"] for v in networks.values() for c in v})
    preset = drawn.filters.get("preset", {}).get("committee")
    if preset in graph:
        labels[preset] = graph.nodes[preset]["label"]
    carriers = {n: sorted(labels[c] for c in v) for n, v in committees.items()
                if details.get(n, {}).get("cls") == "Assignment"}
    return {"covered": covered, "networks": networks, "committees": committees,
            "carriers": carriers, "labels": labels, **drawn.filters}
