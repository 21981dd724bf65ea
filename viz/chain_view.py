"""What the goal chain page holds: the tree drawn at opening, and every node a click can open.

The page carries the whole selection (the default classes, less the
activities and assignments a filter drops) so that a click opens a node's
neighbours without another trip to the command line; at opening it draws
only the chain, or, with --focus, the focused node's chain: its ancestors up
to the vision and its descendants (to --depth levels below it). Positions are
the tidy tree's (tree.py) for what is drawn.
"""

from __future__ import annotations

import re

import networkx as nx

from . import scope
from .chain import Chain, build_chain, chain_class
from .page import Drawn
from .select import Selection, select
from .tree import positions, wrap


def chain_view(graph: nx.MultiDiGraph, selection: Selection, kept: set[str],
               facts: scope.Facts, depth: int | None, orientation: str) -> Drawn:
    """The page's nodes, the ones drawn at opening, their tree and places."""
    filtered = bool(selection.network or selection.committee)
    activities = {n for n, d in graph.nodes(data=True) if chain_class(d) == "Activity"}
    chain = build_chain(graph, kept if filtered else activities)
    drawn_classes = {chain_class(graph.nodes[n]) or "" for n in chain.depth} - {""}
    universe = select(graph, Selection(types=selection.types | drawn_classes))
    if filtered:
        dropped = {n for n, d in graph.nodes(data=True)
                   if chain_class(d) in ("Activity", "Assignment")} - kept
        universe = nx.MultiDiGraph(universe.subgraph(set(universe) - dropped))
    visible = [n for n in chain.order() if n in universe]
    if selection.focus and selection.focus not in universe:
        select(graph, selection)  # raises the force view's words for a focus not shown
    if selection.focus:
        visible = focus_chain(chain, selection.focus, depth, visible)
    sub = _restricted(chain, visible)
    lines = {n: len(wrap(graph.nodes[n]["label"] or graph.nodes[n]["curie"])) for n in visible}
    placed = positions(sub.roots, sub.children, sub.depth, lines, orientation)
    choices = {**_choices(graph, universe),
               "preset": {"network": selection.network or "",
                          "committee": selection.committee or ""}}
    return Drawn(universe, visible, placed, sub, facts, choices)


def focus_chain(chain: Chain, focus: str, depth: int | None, visible: list[str]) -> list[str]:
    """The focused node's chain: its ancestors and its descendants (to `depth` levels)."""
    if focus not in chain.depth:
        return visible  # not on the chain: the page opens the node's neighbours itself
    keep = {focus}
    up = chain.parent.get(focus)
    while up is not None:
        keep.add(up)
        up = chain.parent.get(up)
    frontier, level = [focus], 0
    while frontier and (depth is None or level < depth):
        frontier = [c for n in frontier for c in chain.children.get(n, [])]
        keep.update(frontier)
        level += 1
    return [n for n in visible if n in keep]


def _restricted(chain: Chain, visible: list[str]) -> Chain:
    """The chain cut down to the drawn nodes (a node whose parent is not drawn is a root)."""
    shown = set(visible)
    return Chain(
        parent={n: (p if p in shown else None) for n, p in chain.parent.items() if n in shown},
        children={n: [c for c in cs if c in shown] for n, cs in chain.children.items()
                  if n in shown},
        roots=[n for n in visible if chain.parent.get(n) not in shown],
        depth={n: chain.depth[n] for n in visible},
        also={n: [p for p in ps if p in shown] for n, ps in chain.also.items() if n in shown})


def _choices(graph: nx.MultiDiGraph, universe: nx.MultiDiGraph) -> dict:
    """The networks and years the table's filters offer (committees come with the rule rows);
    `preset` (added by the caller) is the command line's filter, the table's at opening."""
    networks = sorted(((n, d["label"]) for n, d in graph.nodes(data=True)
                       if "Network" in d["classes"]), key=lambda x: x[1].casefold())
    years = {int(y) for _, d in universe.nodes(data=True)
             for y in re.findall(r"\b(20\d\d)\b", d.get("timeline") or "")}
    return {"networkChoices": [{"id": n, "label": label} for n, label in networks],
            "years": sorted(years)}
