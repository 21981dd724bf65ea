"""Narrow the whole graph to what the page shows.

The filters apply in a fixed order, each to what the previous one left:
classes (--types), then a network's activities (--network), then a
committee's assignments (--committee), then the neighbourhood of one node
(--focus/--depth). Membership facts (which group a committee belongs to,
which network an activity is listed by) are read from the whole graph, so
hiding groups does not lose a committee's assignments. A network or
committee filter keeps every direction and strategy, so the ones it leaves
uncovered stay on the page as gaps. A neighbourhood never climbs the goal
chain and then descends it again: two steps from a direction reach its
vision and its activities, not its sibling directions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.terms import ORG, SG

from .classes import DEFAULT_TYPES

NETWORK = SG.network
ASSIGNED_TO = SG.assignedTo
HAS_MEMBER = ORG.hasMember


@dataclass(frozen=True)
class Selection:
    """What to show; node values are IRIs (already resolved from names)."""

    types: frozenset[str] = DEFAULT_TYPES
    focus: str | None = None
    depth: int = 2
    network: str | None = None
    committee: str | None = None


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """A copy of the part of `graph` the selection asks for; each node gets its drawn class."""
    shown = [n for n, d in graph.nodes(data=True) if set(d["classes"]) & selection.types]
    if not shown:
        raise InputError(f"nothing to show: no nodes of the types {_names(selection.types)}")
    view = graph.subgraph(shown)
    if selection.network:
        view = _network(graph, view, selection.network)
    if selection.committee:
        view = _committee(graph, view, selection.committee)
    if selection.focus:
        view = _focus(graph, view, selection)
    result = nx.MultiDiGraph(view)
    for _, data in result.nodes(data=True):
        data["cls"] = next(c for c in data["classes"] if c in selection.types)
    return result


def _network(graph: nx.MultiDiGraph, view: nx.MultiDiGraph, network: str) -> nx.MultiDiGraph:
    _require_class(graph, network, "Network", "--network", "a network")
    activities = {s for s, _, key in graph.in_edges(network, keys=True) if key == NETWORK}
    return _with_neighbours(view, {network} | _skeleton(view), activities)


def _committee(graph: nx.MultiDiGraph, view: nx.MultiDiGraph, committee: str) -> nx.MultiDiGraph:
    _require_class(graph, committee, "Committee", "--committee", "a committee")
    groups = _membership(graph)
    receivers = {committee} | (nx.ancestors(groups, committee) if committee in groups else set())
    assignments = {s for r in receivers for s, _, key in graph.in_edges(r, keys=True)
                   if key == ASSIGNED_TO}
    return _with_neighbours(view, {committee} | _skeleton(view), assignments)


def _skeleton(view: nx.MultiDiGraph) -> set[str]:
    """Every direction and strategy: a filter marks the ones it leaves uncovered, never drops."""
    return {n for n, d in view.nodes(data=True)
            if {"LongTermDirection", "Strategy"} & set(d["classes"])}


def _membership(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Group → member edges (org:hasMember), for finding every group a committee is in."""
    return nx.DiGraph((s, o) for s, o, key in graph.edges(keys=True) if key == HAS_MEMBER)


def _with_neighbours(view: nx.MultiDiGraph, anchors: set[str],
                     seeds: set[str]) -> nx.MultiDiGraph:
    """The seeds, everything one step from a seed (either direction), and the anchors."""
    seeds = {s for s in seeds if s in view}
    keep = set(seeds) | {a for a in anchors if a in view}
    for s in seeds:
        keep.update(view.predecessors(s))
        keep.update(view.successors(s))
    return view.subgraph(keep)


def _focus(graph: nx.MultiDiGraph, view: nx.MultiDiGraph,
           selection: Selection) -> nx.MultiDiGraph:
    node = selection.focus
    if node not in graph:
        raise InputError(f"{node} has no class the graph draws, so it cannot be the focus")
    if node not in view:
        classes = ", ".join(graph.nodes[node]["classes"])
        raise InputError(f"the focus {_label(graph, node)!r} ({classes}) is not among the nodes "
                         "shown; add its class with --types or widen --network/--committee")
    return view.subgraph(_neighbourhood(view, node, selection.depth))


#: Rank on the goal chain; a step to a lower rank climbs it.
_RANK = {"Vision": 0, "Goal": 1, "LongTermDirection": 2, "Strategy": 3, "Activity": 4}


def _neighbourhood(view: nx.MultiDiGraph, start: str, depth: int) -> set[str]:
    """Nodes within `depth` steps (either direction) that never go up the chain, then down."""
    def rank(n: str) -> int | None:
        return next((_RANK[c] for c in view.nodes[n]["classes"] if c in _RANK), None)

    seen = {(start, False)}
    frontier = [(start, False)]
    for _ in range(depth):
        nxt = []
        for node, climbed in frontier:
            here = rank(node)
            for other in set(view.predecessors(node)) | set(view.successors(node)):
                there = rank(other)
                up = here is not None and there is not None and there < here
                down = here is not None and there is not None and there > here
                if climbed and down:
                    continue
                state = (other, climbed or up)
                if state not in seen:
                    seen.add(state)
                    nxt.append(state)
        frontier = nxt
    return {n for n, _ in seen}


def _require_class(graph: nx.MultiDiGraph, node: str, name: str, option: str,
                   what: str) -> None:
    if node not in graph or name not in graph.nodes[node]["classes"]:
        actual = ", ".join(graph.nodes[node]["classes"]) if node in graph else "no known class"
        raise InputError(f"{option}: {_label(graph, node)!r} is not {what} (it is {actual})")


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node]["label"] if node in graph else node


def _names(types: Iterable[str]) -> str:
    return ", ".join(sorted(types))
