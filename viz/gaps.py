"""Which nodes are gaps in the chain, judged on the whole knowledge base.

- a strategy no activity supports (sg:supportsStrategy);
- a long-term direction with no activity listed under it (sg:listedUnder) and
  none supporting one of its strategies (sg:strategyOf);
- an activity without a responsible (sg:responsible) or without a timeline
  (sg:timeline);
- an assignment still open: its latest reported status is not "avslutad",
  or no status was reported at all (an assignment nobody has reported closed
  is open, and those are the ones a strategist wants to see).
"""

from __future__ import annotations

from dataclasses import dataclass

from styrgraf.ontology.prefixes import VOCAB

SUPPORTS = VOCAB + "supportsStrategy"
LISTED_UNDER = VOCAB + "listedUnder"
STRATEGY_OF = VOCAB + "strategyOf"
RESPONSIBLE = VOCAB + "responsible"


@dataclass(frozen=True)
class Facts:
    """What the rules need: classes per node, all IRI links, who has a timeline, closed or not."""

    classes: dict[str, list[str]]
    links: set[tuple[str, str, str]]
    has_timeline: set[str]
    closed: dict[str, bool]  # assignment → latest reported status is closed


def find_gaps(facts: Facts) -> dict[str, list[str]]:
    """Node → its gap kinds (keys of texts.GAPS), only for nodes that have some."""
    supported = {o for _, p, o in facts.links if p == SUPPORTS}
    listed = {o for _, p, o in facts.links if p == LISTED_UNDER}
    direction_of = [(s, o) for s, p, o in facts.links if p == STRATEGY_OF]
    reached = listed | {d for s, d in direction_of if s in supported}
    responsible = {s for s, p, _ in facts.links if p == RESPONSIBLE}

    gaps: dict[str, list[str]] = {}
    for node, names in facts.classes.items():
        found = []
        if ("Strategy" in names and node not in supported) or \
                ("LongTermDirection" in names and node not in reached):
            found.append("no-activity")
        if "Activity" in names:
            if node not in responsible:
                found.append("no-responsible")
            if node not in facts.has_timeline:
                found.append("no-timeline")
        if "Assignment" in names and not facts.closed.get(node, False):
            found.append("open")
        if found:
            gaps[node] = found
    return gaps
