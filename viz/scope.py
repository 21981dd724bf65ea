"""What a network or committee filter keeps, and what is a gap under it: read from the rules.

The page never judges coverage itself. The rule `coverage` (rules/) says
which activities cover which direction and strategy; `activity-committees`
which committees take part in an activity; `carries` which committees carry
an assignment. A direction or strategy is a gap under a filter exactly when
none of the activities the filter keeps covers it, which is what
`strategies-without-activities -p network N` and the zeros of
`coverage-by-committee -p committee C` count, so the page and the command
line agree. The pairs travel to the page too, so its own table filters mark
gaps by the same rows instead of by a second copy of the rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from styrgraf.queries.named import Names, run_named


@dataclass(frozen=True)
class Facts:
    """Rule rows the chain and its filters need, keyed by node IRI."""

    covered_by: dict[str, set[str]] = field(default_factory=dict)  # direction/strategy → acts
    committees: dict[str, set[str]] = field(default_factory=dict)  # activity/assignment → c.


def read_facts(store, names: Names) -> Facts:
    """Run the three rules once over the whole knowledge base."""
    covered: dict[str, set[str]] = defaultdict(set)
    committees: dict[str, set[str]] = defaultdict(set)
    for row in run_named(store, "rule:coverage", names=names).rows:
        covered[row["node"].value].add(row["activity"].value)
    for row in run_named(store, "rule:activity-committees", names=names).rows:
        committees[row["activity"].value].add(row["committee"].value)
    for row in run_named(store, "rule:carries", names=names).rows:
        committees[row["assignment"].value].add(row["committee"].value)
    return Facts(dict(covered), dict(committees))


def kept(facts: Facts, items: set[str], network: str | None, committee: str | None,
         item_networks: dict[str, set[str]]) -> set[str]:
    """The activities and assignments among `items` that the filters keep.

    `item_networks` is each activity's sg:network links (the graph's, so an
    activity that covers nothing still counts for its network).
    """
    out = set(items)
    if network:
        out = {i for i in out if network in item_networks.get(i, set())}
    if committee:
        out = {i for i in out if committee in facts.committees.get(i, set())}
    return out


def uncovered(facts: Facts, nodes: set[str], activities: set[str]) -> set[str]:
    """The directions and strategies among `nodes` that no activity in `activities` covers."""
    return {n for n in nodes if not (facts.covered_by.get(n, set()) & activities)}


def open_for(store, names: Names, committee: str) -> set[str]:
    """Assignments whose latest status from `committee` is pågående (the latest-status rule)."""
    rows = run_named(store, "assignments-by-status",
                     [("status", "pågående"), ("committee", committee)], names=names).rows
    return {row["assignment"].value for row in rows}
