"""A network or committee filter applied to the whole graph: what it keeps, what it leaves a gap.

The judging is scope.py's (the rules); here the answers are written onto the
graph's nodes, so the tree, the force view and the legend all show the same
gaps, and an empty filter is put into words: a single filter that keeps
nothing is still a page (every direction and strategy a gap, said so on the
page and on the command line); two filters whose intersection is empty are
an error, since a page could only show that they do not meet.
"""

from __future__ import annotations

import networkx as nx

from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.terms import SG
from styrgraf.queries.named import Names

from . import scope
from .chain import chain_class
from .select import Selection
from .texts import NOTICES

_SKELETON = ("LongTermDirection", "Strategy")


def kept_items(graph: nx.MultiDiGraph, facts: scope.Facts, selection: Selection) -> set[str]:
    """The activities (and, under a committee filter, assignments) the filters keep."""
    wanted = ("Activity", "Assignment") if selection.committee else ("Activity",)
    items = {n for n, d in graph.nodes(data=True) if chain_class(d) in wanted}
    networks = {n: {o for _, o, k in graph.out_edges(n, keys=True) if k == SG.network}
                for n in items}
    return scope.kept(facts, items, selection.network, selection.committee, networks)


def mark_gaps(store, names: Names, graph: nx.MultiDiGraph, facts: scope.Facts,
              selection: Selection, kept: set[str], lang: str) -> str:
    """Mark the gaps under the filter (rules `coverage`, `latest-status`); say if it is empty.

    Returns the sentence for an empty filter ("" otherwise); raises InputError
    when a network and a committee filter keep nothing together.
    """
    skeleton = {n for n, d in graph.nodes(data=True) if chain_class(d) in _SKELETON}
    gaps = scope.uncovered(facts, skeleton, kept)
    for node in skeleton:
        marks = [g for g in graph.nodes[node]["gaps"] if g != "no-activity"]
        graph.nodes[node]["gaps"] = (["no-activity"] if node in gaps else []) + marks
    if selection.committee:
        ongoing = scope.open_for(store, names, selection.committee)
        for node, d in graph.nodes(data=True):
            if "Assignment" in d["classes"]:
                rest = [g for g in d["gaps"] if g != "open"]
                d["gaps"] = rest + (["open"] if node in ongoing else [])
    if kept:
        return ""
    network, committee = selection.network, selection.committee
    label = graph.nodes[network]["label"] if network else ""
    who = graph.nodes[committee]["label"] if committee in graph else committee
    if network and committee:
        raise InputError(NOTICES["both_empty"][lang].format(network=label, committee=who))
    key, name = ("network_empty", label) if network else ("committee_empty", who)
    return NOTICES[key][lang].format(name=name, gaps=len(gaps))
