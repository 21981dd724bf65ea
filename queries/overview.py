"""The headline answers on one screen, each pointing at the query that shows it in full.

Every number here is read from a catalogued query (which reads the shared
rules in rules/), never recomputed, so `overview` and `query` cannot
disagree. Findings carry their count, the names behind it and the command
that shows the rows; the words come from `wording`, in Swedish or English.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

from . import catalog
from .answers import AnswerCache
from .engine import ResultTable
from .named import Names, run_named
from .parallel import run_all
from .rows import label_column
from .stats import STATISTICS, statistics
from .wording import join, noun, say

#: Classes counted in the overview's first line, by their English class label.
HEADLINE_CLASSES = ("long-term direction", "strategy", "activity", "goal", "assignment",
                    "programme or plan", "partner organisation", "agreement")


@dataclass
class Finding:
    """One headline: a short statement, the names behind it and the command for the details."""

    key: str
    topic: str
    count: int
    statement: str
    examples: list[str] = field(default_factory=list)
    command: str = ""


@dataclass
class StatusLine:
    """One committee's latest statuses and the report they are as of."""

    committee: str
    ongoing: int
    closed: int
    unreported: int
    as_of: str
    report: str


@dataclass
class Overview:
    lang: str
    documents: list[str]
    counts: dict[str, int]
    findings: list[Finding]
    statuses: list[StatusLine] = field(default_factory=list)

    def finding(self, key: str) -> Finding:
        return next(f for f in self.findings if f.key == key)


#: The questions the overview asks, with their parameters (besides the statistics').
ASKED: dict[str, tuple[tuple[str, str], ...]] = {
    "strategies-without-activities": (),
    "committees-by-assignments": (),
    "activity-gaps": (),
    "goals-without-assignments": (),
    "units-by-activities": (),
    "assignments-by-status": (("status", "pågående"),),
    "stale-assignments": (),
    "expired-programmes": (),
    "partners-by-involvement": (),
}


def overview(source, lang: str = "sv", names: Names | None = None,
             cache: AnswerCache | None = None, *, workers: int | None = None,
             as_of: date | None = None) -> Overview:
    """Run the coverage queries and condense each into one finding (`names` and `cache`:
    see `run_named`). With a cache, the questions are first asked at once on up to
    `workers` threads (queries.parallel; default one per core); the findings then read
    the answers in their own order. `as_of`: the dated questions' defaults (a year, today)
    taken at that day (catalog's `dated`), so a report of that day asks them once."""
    names = names or Names(source)
    questions = {name: (*params, *_dated(name, as_of)) for name, params in ASKED.items()}
    if cache is not None:
        asked = [*((q, ()) for q in STATISTICS), *questions.items()]
        run_all([functools.partial(run_named, source, name, params, names=names, cache=cache)
                 for name, params in asked], workers)
    answers = {name: run_named(source, name, params, names=names, cache=cache)
               for name, params in questions.items()}
    stats = statistics(source, cache)
    counts = {noun(lang, c.label, 2) if c.label in HEADLINE_CLASSES else c.label: c.total
              for c in stats.classes if c.label in HEADLINE_CLASSES}
    documents = [d.title or d.graph for d in stats.documents if d.kind == "document"]
    without = answers["strategies-without-activities"]
    committees = answers["committees-by-assignments"]
    statuses = _statuses(committees)
    findings = [
        _directions(without, lang),
        _strategies(without, lang),
        _activity_gaps(answers["activity-gaps"], lang),
        _goals(answers["goals-without-assignments"], lang),
        _top(answers["units-by-activities"], "responsible", "activities", "units", lang,
             "units-by-activities"),
        _top(committees, "committee", "assignments", "committees", lang,
             "committees-by-assignments"),
        _open(answers["assignments-by-status"], statuses, lang),
        _stale(answers["stale-assignments"], lang),
        _expired(answers["expired-programmes"], lang),
        _top(answers["partners-by-involvement"], "partner", "total", "partners", lang,
             "partners-by-involvement"),
    ]
    return Overview(lang, documents, counts, findings, statuses)


def _label(row: dict, column: str) -> str:
    label = row.get(label_column(column))
    term = row.get(column)
    if label is not None:
        return label.value
    return term.value if term is not None else ""


def _int(row: dict, column: str) -> int:
    term = row.get(column)
    return int(term.value) if term is not None else 0


def _text(row: dict, column: str) -> str:
    term = row.get(column)
    return term.value if term is not None else ""


def _directions(result: ResultTable, lang: str) -> Finding:
    rows = [r for r in result.rows if _text(r, "kind") == "direction"]
    statement = say(lang, "directions.some", count=len(rows)) if rows \
        else say(lang, "directions.none")
    return Finding("directions", say(lang, "directions.topic"), len(rows), statement,
                   [_label(r, "node") for r in rows],
                   "styrgraf query strategies-without-activities")


def _strategies(result: ResultTable, lang: str) -> Finding:
    rows = [r for r in result.rows if _text(r, "kind") == "strategy"]
    under_covered = [r for r in rows if _int(r, "directionActivities") > 0]
    statement = say(lang, "strategies.some", count=len(rows), under=len(under_covered)) \
        if rows else say(lang, "strategies.none")
    return Finding("strategies", say(lang, "strategies.topic"), len(rows), statement,
                   [_label(r, "node") for r in under_covered + [r for r in rows
                                                               if r not in under_covered]],
                   "styrgraf query strategies-without-activities")


def _missing(lang: str, text: str) -> str:
    return join(lang, [say(lang, f"missing.{part.strip()}") for part in text.split(",")
                       if part.strip()])


def _activity_gaps(result: ResultTable, lang: str) -> Finding:
    n = len(result.rows)
    statement = say(lang, "activity_gaps.some", count=n) if n else say(lang, "activity_gaps.none")
    return Finding("activity-gaps", say(lang, "activity_gaps.topic"), n, statement,
                   [say(lang, "activity_gaps.item", name=_label(r, "activity"),
                        missing=_missing(lang, _text(r, "missing"))) for r in result.rows],
                   "styrgraf query activity-gaps")


def _goals(result: ResultTable, lang: str) -> Finding:
    bare = [r for r in result.rows if _int(r, "assignments") == 0]
    first = say(lang, "goals.bare", count=len(bare)) if bare else say(lang, "goals.all_covered")
    rest = say(lang, "goals.rest", count=len(result.rows))

    def missing(r: dict) -> str:
        parts = [k for k, col in (("assignments", "assignments"), ("activities", "activities"),
                                  ("sub-goals", "subGoals")) if _int(r, col) == 0]
        return join(lang, [say(lang, f"missing.{p}") for p in parts])

    return Finding("goals", say(lang, "goals.topic"), len(bare), f"{first}; {rest}",
                   [say(lang, "goals.item", name=_label(r, "goal"), missing=missing(r))
                    for r in result.rows],
                   "styrgraf query goals-without-assignments")


def _top(result: ResultTable, column: str, measure: str, key: str, lang: str,
         query: str) -> Finding:
    topic = say(lang, f"{key}.topic")
    if not result.rows:
        return Finding(key, topic, 0, say(lang, "top.none"), [], f"styrgraf query {query}")
    best = _int(result.rows[0], measure)
    leaders = [_label(r, column) for r in result.rows if _int(r, measure) == best]
    return Finding(key, topic, best, f"{join(lang, leaders)} ({best})",
                   [f"{_label(r, column)} ({_int(r, measure)})" for r in result.rows[:5]],
                   f"styrgraf query {query}")


def _statuses(committees: ResultTable) -> list[StatusLine]:
    return [StatusLine(_label(r, "committee"), _int(r, "ongoing"), _int(r, "closed"),
                       _int(r, "unreported"), _text(r, "latestReport"),
                       _text(r, "latestReportLabel"))
            for r in committees.rows if _int(r, "ongoing") + _int(r, "closed") > 0]


def _open(ongoing: ResultTable, statuses: list[StatusLine], lang: str) -> Finding:
    assignments = sorted({_label(r, "assignment") for r in ongoing.rows})
    n = len(assignments)
    statement = say(lang, "open.some", count=n) if statuses else say(lang, "open.none")
    lines = [say(lang, "open.committee", committee=s.committee, ongoing=s.ongoing,
                 closed=s.closed, unreported=s.unreported, date=s.as_of, report=s.report)
             for s in statuses]
    return Finding("open", say(lang, "open.topic"), n, statement, lines,
                   "styrgraf query assignments-by-status -p status pågående")


def _dated(name: str, day: date | None) -> tuple[tuple[str, str], ...]:
    return tuple(catalog.get(name).dated(day).items()) if day is not None else ()


def _stale(result: ResultTable, lang: str) -> Finding:
    year = _text(result.rows[0], "year") if result.rows else ""
    oldest_first = sorted({(_text(r, "assignmentYear"), _label(r, "assignment"),
                            _int(r, "ageToday")) for r in result.rows})
    names = [say(lang, "stale.item", name=label, year=given, age=age)
             for given, label, age in oldest_first]
    return Finding("stale", say(lang, "stale.topic"), len(names),
                   say(lang, "stale.some", count=len(names), year=year), names,
                   "styrgraf query stale-assignments")


def _expired(result: ResultTable, lang: str) -> Finding:
    n = len(result.rows)
    return Finding("expired", say(lang, "expired.topic"), n, say(lang, "expired.some", count=n),
                   [say(lang, "expired.item", name=_label(r, "programme"),
                        year=_text(r, "validThrough")) for r in result.rows],
                   "styrgraf query expired-programmes")
