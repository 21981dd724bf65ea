"""The headline answers on one screen, each pointing at the query that shows it in full."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from .engine import ResultTable
from .named import run_named
from .stats import statistics

#: Classes counted in the overview's first line, by their English class label.
HEADLINE_CLASSES = ("long-term direction", "strategy", "activity", "goal", "assignment",
                    "programme or plan", "partner organisation", "agreement")


@dataclass
class Finding:
    """One headline: a short statement, the names behind it and the command for the details."""

    topic: str
    count: int
    statement: str
    examples: list[str] = field(default_factory=list)
    command: str = ""


@dataclass
class Overview:
    documents: list[str]
    counts: dict[str, int]
    findings: list[Finding]


def overview(store: ox.Store) -> Overview:
    """Run the coverage queries and condense each into one finding."""
    stats = statistics(store)
    counts = {c.label: c.total for c in stats.classes if c.label in HEADLINE_CLASSES}
    documents = [d.title or d.graph for d in stats.documents if d.kind == "document"]
    without = run_named(store, "strategies-without-activities")
    committees = run_named(store, "committees-by-assignments")
    findings = [
        _directions(without),
        _strategies(without),
        _activity_gaps(run_named(store, "activity-gaps")),
        _goals(run_named(store, "goals-without-assignments")),
        _top(run_named(store, "units-by-activities"), "responsible", "activities",
             "Carries most activities", "units-by-activities"),
        _top(committees, "committee", "assignments",
             "Carries most assignments", "committees-by-assignments"),
        _open(committees),
        _stale(run_named(store, "stale-assignments")),
        _expired(run_named(store, "expired-programmes")),
        _top(run_named(store, "partners-by-involvement"), "partner", "total",
             "Most involved partner", "partners-by-involvement"),
    ]
    return Overview(documents, counts, findings)


def _label(row: dict, column: str) -> str:
    label = row.get(column + "Label")
    term = row.get(column)
    if label is not None:
        return label.value
    return term.value if term is not None else ""


def _int(row: dict, column: str) -> int:
    term = row.get(column)
    return int(term.value) if term is not None else 0


def _directions(result: ResultTable) -> Finding:
    rows = [r for r in result.rows if r["kind"].value == "direction"]
    return Finding("Directions without activities", len(rows),
                   f"{len(rows)} long-term direction(s) have no activity listed under them",
                   [_label(r, "node") for r in rows],
                   "styrgraf query strategies-without-activities")


def _strategies(result: ResultTable) -> Finding:
    rows = [r for r in result.rows if r["kind"].value == "strategy"]
    unlinked = [r for r in rows if _int(r, "listedActivities") > 0]
    return Finding("Strategies without activities", len(rows),
                   f"{len(rows)} strategies have no activity linked to them; {len(unlinked)} of "
                   "them stand under directions that do have activities",
                   [_label(r, "node") for r in unlinked],
                   "styrgraf query strategies-without-activities")


def _activity_gaps(result: ResultTable) -> Finding:
    n = len(result.rows)
    return Finding("Activities with gaps", n,
                   f"{n} activit{'y lacks' if n == 1 else 'ies lack'} "
                   "a responsible, timeline, strategy link or source",
                   [f"{_label(r, 'activity')} (no {r['missing'].value})" for r in result.rows],
                   "styrgraf query activity-gaps")


def _goals(result: ResultTable) -> Finding:
    bare = [r for r in result.rows if _int(r, "assignments") == 0]
    first = (f"{len(bare)} city goal(s) have no assignment under them" if bare
             else "every city goal has at least one assignment")
    return Finding("City goals without assignments", len(bare),
                   f"{first}; {len(result.rows)} lack an assignment, activity or sub-goal",
                   [f"{_label(r, 'goal')} (no {r['missing'].value})" for r in result.rows],
                   "styrgraf query goals-without-assignments")


def _top(result: ResultTable, column: str, measure: str, topic: str, query: str) -> Finding:
    if not result.rows:
        return Finding(topic, 0, "nothing recorded", [], f"styrgraf query {query}")
    best = _int(result.rows[0], measure)
    leaders = [_label(r, column) for r in result.rows if _int(r, measure) == best]
    return Finding(topic, best, f"{' and '.join(leaders)} ({best})",
                   [f"{_label(r, column)} ({_int(r, measure)})" for r in result.rows[:5]],
                   f"styrgraf query {query}")


def _open(result: ResultTable) -> Finding:
    reporting = [r for r in result.rows if _int(r, "ongoing") + _int(r, "closed") > 0]
    ongoing = sum(_int(r, "ongoing") for r in reporting)
    closed = sum(_int(r, "closed") for r in reporting)
    who = ", ".join(f"{_label(r, 'committee')}: {_int(r, 'ongoing')} ongoing, "
                    f"{_int(r, 'closed')} closed" for r in reporting)
    return Finding("Still open", ongoing,
                   f"{ongoing} assignments ongoing and {closed} closed at the latest reports"
                   + (f" ({who})" if who else ""), [],
                   "styrgraf query assignments-by-status -p status pågående")


def _stale(result: ResultTable) -> Finding:
    year = result.rows[0]["year"].value if result.rows else ""
    oldest_first = sorted({(r["assignmentYear"].value, _label(r, "assignment"))
                           for r in result.rows})
    names = [f"{label} ({year})" for year, label in oldest_first]
    return Finding("Stale assignments", len(names),
                   f"{len(names)} assignments given in {year or 'an earlier year'} or before are "
                   "still ongoing", names, "styrgraf query stale-assignments")


def _expired(result: ResultTable) -> Finding:
    return Finding("Expired programmes still cited", len(result.rows),
                   f"{len(result.rows)} programmes and plans have run out (extensions included) "
                   "but are still cited",
                   [f"{_label(r, 'programme')} (to {r['validThrough'].value})"
                    for r in result.rows],
                   "styrgraf query expired-programmes")
