"""`query assignment-history`: every report's status of an assignment, per committee, in order.

The row marked latest is the rule `latest-status` (the one `assignments-by-status`,
`stale-assignments` and `overview` count with), never derived again.
"""

from __future__ import annotations

import json

import pytest

import styrgraf
from styrgraf.knowledge.workspace import init_workspace
from styrgraf.workbook import import_workbook
from workbooks import REPORT, fill

ID = "https://w3id.org/styrgraf/id/"
FRITID = ID + "assignment/inratta-fritidsbanker"
CENTRUM = ID + "actor/socialnamnden-centrum"


def _latest_by_rule(kb) -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["assignment"], r["committee"]): (r["report"], r["latestStatus"])
            for r in kb.query("assignments-by-status", status="alla").dicts()
            if r["latestStatus"] != "ej rapporterad"}


def _latest_in_history(rows) -> dict[tuple[str, str], tuple[str, str]]:
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for r in rows:
        if r["latest"]:
            key = (r["assignment"], r["committee"])
            assert key not in latest, f"two latest rows for {key}"
            latest[key] = (r["report"], r["status"])
    return latest


def _check_one_truth(kb) -> list[dict]:
    rows = kb.query("assignment-history").dicts()
    assert _latest_in_history(rows) == _latest_by_rule(kb)
    # every (assignment, committee) with a history has exactly one latest row
    assert {(r["assignment"], r["committee"]) for r in rows} == set(_latest_in_history(rows))
    return rows


@pytest.fixture(scope="module")
def kb(session_cache):
    return styrgraf.open(cache_dir=session_cache)


def test_the_latest_row_is_the_rules_on_the_built_in_knowledge_base(kb):
    rows = _check_one_truth(kb)
    assert len(rows) == 32  # the 32 statuses Centrum's August 2024 report gives
    assert {r["reportEnd"] for r in rows} == {"2024-08-31"}


def test_one_assignment_and_one_committee(kb):
    rows = kb.query("assignment-history", node="asg:inratta-fritidsbanker").dicts()
    assert [(r["committee"], r["status"], r["latest"]) for r in rows] == [
        (CENTRUM, "pågående", True)]
    centrum = kb.query("assignment-history", committee="Socialnämnden Centrum").dicts()
    assert len(centrum) == 32 and {r["committee"] for r in centrum} == {CENTRUM}
    assert kb.query("assignment-history", committee="Socialnämnden Hisingen").dicts() == []


def test_a_node_of_the_wrong_kind_is_refused(cli):
    r = cli("query", "assignment-history", "-p", "node", "Socialnämnden Centrum")
    assert r.code == 2 and "is not a assignment (it is: committee)" in r.err


def test_stale_assignments_and_overview_say_as_of_which_report(kb):
    stale = kb.query("stale-assignments", year="2030")
    assert {"report", "reportLabel", "reportEnd"} <= set(stale.columns)
    assert {r["reportEnd"] for r in stale.dicts()} == {"2024-08-31"}
    lines = kb.overview("en").finding("open").examples
    assert any("as of 2024-08-31 (Delårsrapport augusti 2024" in line for line in lines), lines


@pytest.fixture(scope="module")
def later(tmp_path_factory):
    """A workspace with Centrum's (test-written) August 2026 report, which closes fritidsbanker."""
    tmp = tmp_path_factory.mktemp("history")
    ws = init_workspace(tmp / "ws")
    kb = styrgraf.open(ws, cache_dir=tmp / "cache")
    report = import_workbook(kb, fill(tmp / "rapport.xlsx", REPORT))
    assert report.written and not report.violations, report.violations
    return kb.reopen(), ws, tmp / "cache"


def test_a_later_report_follows_the_first_and_is_the_latest(later):
    kb, _, _ = later
    rows = kb.query("assignment-history", node="asg:inratta-fritidsbanker").dicts()
    assert [(r["reportEnd"], r["status"], r["latest"], r["decision"]) for r in rows] == [
        ("2024-08-31", "pågående", False, None),
        ("2026-08-31", "avslutad", True, "SNC 2026-09-20 § 200")]
    assert rows[1]["report"] == ID + "document/delarsrapport-snc-2026-08"
    assert rows[1]["decisionDate"] == "2026-09-20"
    _check_one_truth(kb)
    closed = kb.query("assignments-by-status", status="avslutad", committee="Socialnämnden "
                      "Centrum").dicts()
    assert [r["report"] for r in closed if r["assignment"] == FRITID] == [rows[1]["report"]]


def test_history_on_the_command_line_in_swedish(cli, later):
    _, ws, cache = later
    r = cli("--data", str(ws), "query", "assignment-history", "-p", "node",
            "asg:inratta-fritidsbanker", "-f", "markdown", "--lang", "sv", cache=cache)
    assert r.code == 0, r.err
    lines = [line for line in r.out.splitlines() if line.startswith("|")]
    assert lines[0] == ("| uppdrag | nämnd | rapport | period till | status | beslut | "
                        "beslutsdatum | senaste |")
    assert "| pågående |" in lines[2] and "| nej |" in lines[2]
    assert "| avslutad | SNC 2026-09-20 § 200 | 2026-09-20 | ja |" in lines[3]
    as_json = json.loads(cli("--data", str(ws), "query", "assignment-history", "-p",
                             "committee", "socialnamnden centrum", "-f", "json",
                             cache=cache).out)
    assert len(as_json) == 33
