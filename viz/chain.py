"""The goal chain as a tree: vision → city goals → directions → strategies → activities.

The documents link upwards (an activity supports a strategy, a strategy
belongs to a direction, a direction contributes to goals and relates to the
vision), and a node may link to several parents: a direction to two goals,
an activity to two strategies. A tree needs one parent per node, so each
node hangs under its first parent in reading order (by label), the others
are kept as `also` and shown in the details panel and the table, never as
lines that would cross the tree. City goals, which no document links to the
vision, hang under the vision their directions relate to. Assignments join
only when asked (a committee filter), under the goal they contribute to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from styrgraf.ontology.terms import SG

#: The chain's classes, top down; Assignment stands at the activities' depth.
CHAIN_CLASSES = ("Vision", "Goal", "LongTermDirection", "Strategy", "Activity", "Assignment")
#: Upward links per class, in order of preference: the first that exists is the tree parent.
_UP: dict[str, tuple[str, ...]] = {
    "Goal": (),
    "LongTermDirection": (SG.contributesToGoal, SG.relatesToVision),
    "Strategy": (SG.strategyOf,),
    "Activity": (SG.supportsStrategy, SG.listedUnder),
    "Assignment": (SG.contributesToGoal,),
}


@dataclass
class Chain:
    """A forest over chain nodes: each node's tree parent, ordered children and depth."""

    parent: dict[str, str | None] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)
    also: dict[str, list[str]] = field(default_factory=dict)  # other parents, not drawn

    def order(self) -> list[str]:
        """Nodes in outline order (depth first, children in order): the table's rows."""
        out: list[str] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children.get(node, [])))
        return out


def chain_class(data: dict) -> str | None:
    """The chain class a node is drawn as, or None if it is not on the chain."""
    return next((c for c in CHAIN_CLASSES if c in data["classes"]), None)


def build_chain(graph: nx.MultiDiGraph, items: set[str]) -> Chain:
    """The tree over every vision, goal, direction and strategy, and the given activities
    and assignments (`items`, already filtered)."""
    members = {n for n, d in graph.nodes(data=True)
               if chain_class(d) in CHAIN_CLASSES[:4] or n in items}
    cls = {n: chain_class(graph.nodes[n]) for n in members}

    def key(n: str) -> tuple[str, str]:
        return (graph.nodes[n]["label"].casefold(), n)

    chain = Chain()
    visions = sorted((n for n in members if cls[n] == "Vision"), key=key)
    for node in sorted(members, key=key):
        ups = [o for p in _UP.get(cls[node], ()) for o in _targets(graph, node, p)
               if o in members]
        if cls[node] == "Goal":
            ups = _vision_of_goal(graph, node, members, visions)
        ordered = list(dict.fromkeys(ups))
        chain.parent[node] = ordered[0] if ordered else None
        if len(ordered) > 1:
            chain.also[node] = ordered[1:]
    for node in sorted(members, key=lambda n: (_rank(cls[n]), key(n))):
        up = chain.parent[node]
        if up is None:
            chain.roots.append(node)
        else:
            chain.children.setdefault(up, []).append(node)
    _depths(chain)
    return chain


def _targets(graph: nx.MultiDiGraph, node: str, predicate: str) -> list[str]:
    found = [o for _, o, k in graph.out_edges(node, keys=True) if k == predicate]
    return sorted(found, key=lambda o: (graph.nodes[o]["label"].casefold(), o))


def _vision_of_goal(graph, goal: str, members: set[str], visions: list[str]) -> list[str]:
    """The vision of the first direction contributing to the goal, else the first vision."""
    for d, _, k in sorted(graph.in_edges(goal, keys=True)):
        if k == SG.contributesToGoal and d in members:
            linked = [v for v in _targets(graph, d, SG.relatesToVision) if v in members]
            if linked:
                return linked[:1]
    return visions[:1]


def _rank(name: str | None) -> int:
    return CHAIN_CLASSES.index(name) if name in CHAIN_CLASSES else len(CHAIN_CLASSES)


def _depths(chain: Chain) -> None:
    for node in chain.order():
        up = chain.parent[node]
        chain.depth[node] = 0 if up is None else chain.depth[up] + 1
