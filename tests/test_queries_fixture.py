"""Every catalogued question on a hand-built graph whose answers are known by construction.

The fixture is tests/fixtures/queries/ (plan.ttl, reports.ttl, curation.ttl); its
comments say what each node is for.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from styrgraf.knowledge.errors import InputError
from styrgraf.queries.named import run_named

ID = "https://w3id.org/styrgraf/id/"


@pytest.fixture(scope="module")
def store(opened):
    return opened(FIXTURES / "queries").store


def run(store, name, **params):
    return run_named(store, name, list(params.items()))


def column(result, name):
    return [row[name].value if row[name] is not None else None for row in result.rows]


def short(iri):
    return iri.removeprefix(ID)


def test_strategies_without_activities_tells_the_two_gaps_apart(store):
    r = run(store, "strategies-without-activities")
    gaps = {short(row["node"].value): row["gap"].value for row in r.rows}
    assert gaps == {
        "direction/d2": "no activity covers this direction",
        "strategy/s2a": "no activity covers its direction",
        "strategy/s1b": "no activity supports this strategy",
    }


def test_strategies_without_activities_per_network(store):
    # Network two only has x2 (under d1, linked to no strategy): s1a now lacks activities too.
    r = run(store, "strategies-without-activities", network="Nätverk två")
    assert {short(n) for n in column(r, "node")} == {
        "direction/d2", "strategy/s2a", "strategy/s1a", "strategy/s1b"}
    listed = {short(row["node"].value): int(row["directionActivities"].value) for row in r.rows}
    assert listed["strategy/s1a"] == 1  # x2, listed under d1
    r = run(store, "strategies-without-activities", network="actor:n1")
    assert {short(n) for n in column(r, "node")} == {"direction/d2", "strategy/s2a", "strategy/s1b"}


def test_units_by_activities(store):
    r = run(store, "units-by-activities")
    assert [(short(row["responsible"].value), int(row["activities"].value)) for row in r.rows] == [
        ("actor/ac", 2), ("actor/ec", 1)]
    r = run(store, "units-by-activities", network="actor:n2")
    assert {short(n) for n in column(r, "responsible")} == {"actor/ac", "actor/ec"}
    assert column(r, "activities") == ["1", "1"]


def test_committees_by_assignments_uses_groups_and_latest_status(store):
    r = run(store, "committees-by-assignments")
    table = {short(row["committee"].value): tuple(int(row[c].value) for c in (
        "assignments", "ongoing", "closed", "unreported", "cooperating")) for row in r.rows}
    # c1: a1 (via the group; closed in 2023 but ongoing in the later 2024 report), a2 closed, a4
    assert table == {"actor/c1": (3, 2, 1, 0, 0), "actor/c3": (2, 0, 0, 2, 1),
                     "actor/c2": (1, 0, 0, 1, 0)}
    assert short(r.rows[0]["committee"].value) == "actor/c1"


def test_goals_without_assignments(store):
    r = run(store, "goals-without-assignments")

    def missing(row):
        return [k for k in ("assignments", "activities", "subGoals") if row[k].value == "0"]

    assert [(short(row["goal"].value), missing(row)) for row in r.rows] == [
        ("goal/g3", ["assignments", "activities", "subGoals"]),
        ("goal/g2", ["assignments", "activities"]),
        ("goal/g1", ["subGoals"]),
    ]
    r = run(store, "goals-without-assignments", committee="Nämnd tre")
    counts = {short(row["goal"].value): (int(row["assignments"].value), int(row["subGoals"].value))
              for row in r.rows}
    assert counts == {"goal/g1": (0, 0), "goal/g2": (0, 0), "goal/g3": (0, 0)}
    r = run(store, "goals-without-assignments", committee="actor:c2")  # a1 reaches c2 via group
    assert {short(row["goal"].value): int(row["assignments"].value) for row in r.rows}[
        "goal/g1"] == 1


def test_assignments_by_status_filters(store):
    def rows(**p):
        return sorted((short(row["assignment"].value), short(row["committee"].value),
                       row["latestStatus"].value) for row in run(store, "assignments-by-status",
                                                                **p).rows)

    assert rows(status="alla") == [("assignment/a1", "actor/c1", "pågående"),
                      ("assignment/a1", "actor/c2", "ej rapporterad"),
                      ("assignment/a2", "actor/c1", "avslutad"),
                      ("assignment/a3", "actor/c3", "ej rapporterad"),
                      ("assignment/a4", "actor/c1", "pågående"),
                      ("assignment/a4", "actor/c3", "ej rapporterad")]
    assert rows() == [r for r in rows(status="alla") if r[2] != "ej rapporterad"]
    assert rows(status="avslutad") == [("assignment/a2", "actor/c1", "avslutad")]
    assert rows(status="PAGAENDE") == [("assignment/a1", "actor/c1", "pågående"),
                                      ("assignment/a4", "actor/c1", "pågående")]
    assert [a for a, _, _ in rows(committee="actor:c3", status="alla")] == [
        "assignment/a3", "assignment/a4"]
    assert rows(year="2024") == [("assignment/a2", "actor/c1", "avslutad")]
    assert rows(status="pågående", committee="Nämnd ett", year="2023") == [
        ("assignment/a4", "actor/c1", "pågående")]
    with pytest.raises(InputError, match="must be one of"):
        rows(status="klar")


def test_stale_assignments_default_and_explicit_year(store):
    r = run(store, "stale-assignments")  # default: two years before this year, i.e. 2024 in 2026
    from datetime import date

    expected = {"assignment/a1", "assignment/a4"} if date.today().year - 2 >= 2023 else set()
    assert {short(a) for a in column(r, "assignment")} == expected
    r = run(store, "stale-assignments", year="2022")
    assert [short(a) for a in column(r, "assignment")] == ["assignment/a1"]
    assert column(r, "ageAtReport") == ["2"]
    r = run(store, "stale-assignments", year="2022", today="2030-06-01")
    assert column(r, "ageToday") == ["8"]
    with pytest.raises(InputError, match="not a year"):
        run(store, "stale-assignments", year="förra året")


def test_activity_gaps(store):
    r = run(store, "activity-gaps")
    assert {short(row["activity"].value): row["missing"].value for row in r.rows} == {
        "activity/x2": "timeline, strategy",
        "activity/x3": "responsible, strategy, source",
    }
    r = run(store, "activity-gaps", network="actor:n2")
    assert [short(a) for a in column(r, "activity")] == ["activity/x2"]


def test_programmes_by_citations(store):
    r = run(store, "programmes-by-citations")
    got = [(short(row["programme"].value), int(row["citations"].value),
            int(row["focusAreas"].value), int(row["assignments"].value)) for row in r.rows]
    assert got == [("programme/p1", 2, 1, 1), ("programme/p2", 1, 0, 1), ("programme/p3", 0, 0, 0)]


def test_expired_programmes_count_extensions(store):
    r = run(store, "expired-programmes", year="2026")
    assert [(short(row["programme"].value), row["validThrough"].value) for row in r.rows] == [
        ("programme/p1", "2024")]
    assert run(store, "expired-programmes", year="2024").rows == []  # valid through 2024
    assert len(run(store, "expired-programmes", year="2025").rows) == 1
    # p3 ended in 2020 but nothing cites it: not listed at any year
    assert "programme/p3" not in {short(p) for p in column(run(
        store, "expired-programmes", year="2040"), "programme")}


def test_partners_by_involvement(store):
    r = run(store, "partners-by-involvement")
    got = [(short(row["partner"].value), int(row["total"].value), int(row["activities"].value),
            int(row["assignments"].value), int(row["agreements"].value)) for row in r.rows]
    # pa: activity x1, assignment a1, assignment a2 through c1's response, agreement ag1
    assert got == [("actor/pa", 4, 1, 2, 1), ("actor/pb", 1, 0, 0, 1)]


def test_shared_assignments(store):
    r = run(store, "shared-assignments")
    got = sorted((short(row["committeeA"].value), short(row["committeeB"].value),
                  int(row["shared"].value)) for row in r.rows)
    # c1–c3 share a4 (both carry it; c3 only cooperates on a2, which is not carrying);
    # c1–c2 share a1 via the group
    assert got == [("actor/c1", "actor/c2", 1), ("actor/c1", "actor/c3", 1)]


def test_golden_thread_up_from_an_activity(store):
    r = run(store, "golden-thread", node="Aktivitet ett")
    links = {(row["direction"].value, short(row["child"].value),
              row["relation"].value.rsplit("#", 1)[1], short(row["parent"].value),
              row["basis"].value) for row in r.rows}
    assert links == {
        ("up", "activity/x1", "listedUnder", "direction/d1", "stated"),
        ("up", "activity/x1", "supportsStrategy", "strategy/s1a", "curated"),
        ("up", "strategy/s1a", "strategyOf", "direction/d1", "stated"),
        ("up", "direction/d1", "relatesToVision", "goal/vision", "stated"),
        ("up", "direction/d1", "contributesToGoal", "goal/g1", "curated"),
    }


def test_golden_thread_down_from_a_goal(store):
    r = run(store, "golden-thread", node="goal:g2")
    links = {(row["direction"].value, short(row["child"].value), short(row["parent"].value))
             for row in r.rows}
    assert links == {("down", "goal/o1", "goal/g2"), ("down", "focus-area/a1", "goal/g2"),
                     ("down", "goal/o1", "focus-area/a1"), ("down", "indicator/i1", "goal/o1"),
                     ("down", "figure/i1-2024", "indicator/i1")}


def test_provenance_splits_stated_and_curated(store):
    r = run(store, "provenance", node="act:x1")
    rows = sorted((row["basis"].value, short(row["section"].value)) for row in r.rows)
    assert rows == [("curated", "section/plan-2"), ("stated", "section/plan-2")]
    curated = next(row for row in r.rows if row["basis"].value == "curated")
    assert curated["note"].value == "Aktivitet ett fits strategy s1a."
    r = run(store, "provenance", node="asg:a4")
    assert sorted(short(row["document"].value) for row in r.rows) == [
        "document/plan", "document/report-2024"]


def test_node_parameter_errors(store):
    with pytest.raises(InputError, match="needs -p node"):
        run(store, "golden-thread")
    with pytest.raises(InputError, match="no node is named 'Okänd'"):
        run(store, "golden-thread", node="Okänd")
    with pytest.raises(InputError, match=r"2 nodes are named 'Nämnden': actor:c2 .*actor:c3"):
        run(store, "golden-thread", node="Nämnden")  # an alternative label of two committees
    with pytest.raises(InputError, match="has no parameter 'nod'"):
        run(store, "golden-thread", nod="act:x1")
    with pytest.raises(InputError, match="no node 'act:nothing'"):
        run(store, "golden-thread", node="act:nothing")


@pytest.mark.parametrize("hostile", [
    '} ; DROP ALL ; SELECT * WHERE {', '" } UNION { ?s ?p ?o } #', "<script>alert(1)</script>",
    "Nätverk ett' OR '1'='1", "{{network}}", "\\u0022", "actor:n1 } #",
])
def test_hostile_values_match_nothing_and_break_nothing(store, hostile):
    for name, param in (("strategies-without-activities", "network"),
                        ("golden-thread", "node"), ("provenance", "node"),
                        ("assignments-by-status", "committee")):
        with pytest.raises(InputError):
            run(store, name, **{param: hostile})
    # text and choice parameters: a clear error or an empty answer, never a changed store
    with pytest.raises(InputError):
        run(store, "assignments-by-status", status=hostile)
    assert len(run(store, "activity-gaps").rows) == 2
