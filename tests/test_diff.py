"""`styrgraf diff`: what changed between two documents, or two knowledge folders.

The facts pinned on the built-in documents were checked by hand with SPARQL
(each test also asks the store for them, so a changed document fails loudly
here rather than quietly passing). The reworded pair and the status change
come from small documents written for the tests through the workbook.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

import styrgraf
from styrgraf.knowledge.workspace import init_workspace
from styrgraf.ontology.terms import DCTERMS, RDFS, SG
from styrgraf.queries.diff import diff
from styrgraf.workbook import import_workbook
from workbooks import REPORT, fill

ID = "https://w3id.org/styrgraf/id/"
G = "https://w3id.org/styrgraf/graph/"
REPORT_2024 = "004-delarsrapport-snc-2024-08"
PLAN_2025 = "002-genomforandeplan-snc-2025"
PLAN_SNN = "003-verksamhetsplan-snn-2024"


@pytest.fixture(scope="module")
def kb(session_cache):
    return styrgraf.open(cache_dir=session_cache)


@pytest.fixture(scope="module")
def report_to_plan(kb):
    return diff(kb, REPORT_2024, PLAN_2025)


def _count(kb, query: str) -> int:
    return kb.sparql(query).dicts()[0]["n"]


# ---- two built-in documents ----------------------------------------------------------------

def test_assignments_of_the_report_and_the_plan_are_all_accounted_for(kb, report_to_plan):
    in_report = _count(kb, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{G}{REPORT_2024}> "
                           "{ ?s ?p ?o } ?s a sg:Assignment }")
    in_plan = _count(kb, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{G}{PLAN_2025}> "
                         "{ ?s ?p ?o } ?s a sg:Assignment }")
    shared = _count(kb, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{G}{REPORT_2024}> "
                        f"{{ ?s ?p ?o }} GRAPH <{G}{PLAN_2025}> {{ ?s ?q ?v }} "
                        "?s a sg:Assignment }")
    assert (in_report, in_plan, shared) == (35, 19, 0)
    counts = report_to_plan.counts("assignments")
    # "Utreda lämpliga arbetstidsinnovationer …" (2024) and "Genomföra
    # arbetstidsinnovationer …" (2025) share one word in the documents' own wording: two
    # assignments, one closed and one new, not one reworded
    assert counts == {"changed": 0, "reworded": 1, "added": 18, "removed": 34, "unchanged": 0}
    assert counts["removed"] + counts["reworded"] == in_report
    assert counts["added"] + counts["reworded"] == in_plan


def test_an_assignment_carried_on_in_new_words_is_reworded(report_to_plan):
    # 2024: "Öka andelen familjehem, jourhem och hem för vård och boende i egen regi";
    # 2025: "Inrätta fler HVB-hem i egen regi" (Sydväst, with the social committees)
    change = report_to_plan.find(ID + "assignment/egen-regi-familjehem-jourhem-hvb")
    assert change.kind == "reworded"
    assert change.b == ID + "assignment/fler-hvb-i-egen-regi"
    assert 0.37 <= change.similarity < 1
    year = next(d for d in change.differences if d.property.endswith("#assignmentYear"))
    assert ([v.value for v in year.old], [v.value for v in year.new]) == (["2024"], ["2025"])
    assert year.aspect == "timeline"
    assert change.source_a.startswith("Delårsrapport augusti 2024")
    assert change.source_b.startswith("Genomförandeplan för budget för socialnämnden Centrum")
    for closed_and_new in ("utreda-arbetstidsinnovationer", "genomfora-arbetstidsinnovationer"):
        assert report_to_plan.find(ID + "assignment/" + closed_and_new).kind in {"removed",
                                                                                  "added"}


def test_a_node_in_both_and_a_node_in_one(kb, report_to_plan):
    # the goal is stated in both; only the plan gives its number (checked with SPARQL)
    numbers = kb.sparql("SELECT ?g ?n WHERE { GRAPH ?g { goal:bra-arbetsmiljo sg:goalNumber "
                        "?n } }").dicts()
    assert {r["g"] for r in numbers} == {G + PLAN_2025, G + PLAN_SNN}
    goal = report_to_plan.find(ID + "goal/bra-arbetsmiljo")
    assert goal.kind == "changed" and goal.a == goal.b
    assert [(d.property.rsplit("#", 1)[1], d.old, [v.value for v in d.new])
            for d in goal.differences] == [("goalNumber", (), ["7"])]
    assert report_to_plan.counts("goals") == {"changed": 7, "reworded": 0, "added": 0,
                                              "removed": 0, "unchanged": 0}
    # budget 2025 is named by the plan only
    graphs = kb.sparql("SELECT DISTINCT ?g WHERE { GRAPH ?g { doc:budget-2025 ?p ?o } }").dicts()
    assert [r["g"] for r in graphs] == [G + PLAN_2025]
    assert report_to_plan.find(ID + "document/budget-2025").kind == "added"
    # the compared documents themselves and their sections are not listed
    assert report_to_plan.find(ID + "document/delarsrapport-snc-2024-08") is None
    assert not [c for c in report_to_plan.changes if "/section/" in c.node]


def test_a_committees_handling_of_a_goal_is_compared_report_to_plan(report_to_plan):
    change = report_to_plan.find(ID + "response/bra-arbetsmiljo--dr-snc-2024-08")
    assert change.kind == "changed"
    assert change.b == ID + "response/bra-arbetsmiljo--gp-snc-2025"
    props = {d.property for d in change.differences}
    assert DCTERMS.description in props
    assert RDFS.label not in props and SG.reportedIn not in props  # made anew in each report


def test_the_same_assignment_in_two_documents_differs_in_wording_and_year(kb):
    change = diff(kb, PLAN_SNN, REPORT_2024).find(ID + "assignment/inratta-fritidsbanker")
    assert change.kind == "changed" and change.a == change.b
    by = {d.property.rsplit("/", 1)[-1].rsplit("#", 1)[-1]: d for d in change.differences}
    assert "idrotts-och föreningsnämnden" in by["description"].old[0].value
    assert "idrotts- och föreningsnämnden" in by["description"].new[0].value
    assert by["description"].aspect == "wording"
    assert (by["assignmentYear"].old, [v.value for v in by["assignmentYear"].new]) \
        == ((), ["2023"])
    assert "label" not in by  # the same name in both


def test_a_document_against_itself_has_no_changes(kb):
    same = diff(kb, PLAN_2025, "Genomförandeplan för budget för socialnämnden Centrum")
    assert {k for k, n in same.counts().items() if n} == {"unchanged"}


def test_every_format_works(cli):
    args = ("diff", REPORT_2024, PLAN_2025)
    rows = json.loads(cli(*args, "-f", "json").out)
    assert {r["change"] for r in rows} == {"added", "removed", "changed", "reworded"}
    reworded = [r for r in rows if r["change"] == "reworded"
                and r["propertyLabel"] == "assignment year"]
    assert {(r["node"], r["nodeB"], r["old"], r["new"]) for r in reworded} >= {
        (ID + "assignment/egen-regi-familjehem-jourhem-hvb",
         ID + "assignment/fler-hvb-i-egen-regi", "2024", "2025")}
    jsonl = [json.loads(line) for line in cli(*args, "-f", "jsonl").out.splitlines()]
    assert jsonl == rows
    table = list(csv.DictReader(io.StringIO(cli(*args, "-f", "csv").out)))
    assert len(table) == len(rows) and table[0].keys() == rows[0].keys()
    tsv = list(csv.reader(io.StringIO(cli(*args, "-f", "tsv").out), delimiter="\t"))
    assert len(tsv) == len(rows) + 1 and tsv[0][:3] == ["class", "classLabel", "change"]

    md = cli(*args, "-f", "markdown", "--lang", "sv").out
    assert md.startswith("**Skillnader: Delårsrapport augusti 2024")
    assert "\n**Uppdrag (1 omformulerad, 18 tillagda, 34 borttagna)**\n\n| ändring | namn |" in md
    # the total row counts what the rows list: changed and reworded nodes, added and
    # removed ones
    def nodes(change: str) -> int:
        return len({(r["node"], r.get("nodeB")) for r in rows if r["change"] == change})
    totals = [nodes("changed"), nodes("reworded"), nodes("added"), nodes("removed")]
    assert "| Totalt | " + " | ".join(map(str, totals)) + " | " in md
    # a blank line ends each table before the next heading, so it pastes as it reads
    assert "|\n\n**Mål (7 ändrade)**" in md
    assert "https://" not in md  # names, not IRIs, for people
    r = cli(*args, "--class", "Assignment")
    assert r.code == 0 and "Assignments (1 reworded, 18 added, 34 removed)" in r.out
    assert "Goals" not in r.out


def test_unknown_names_exit_2_with_what_is_known(cli, tmp_path):
    r = cli("diff", REPORT_2024, "no-such-plan")
    assert r.code == 2
    assert "no document 'no-such-plan'" in r.err and PLAN_2025 in r.err and REPORT_2024 in r.err
    r = cli("diff", REPORT_2024, PLAN_2025, "--class", "Fika")
    assert r.code == 2 and "Aktiviteter" in r.err
    r = cli("diff", str(tmp_path), PLAN_2025)
    assert r.code == 2 and "two documents or two knowledge folders" in r.err


# ---- documents of one's own: a reworded activity, a later report, two folders ------------------

def _plan(stem: str, year: int, activities: list[dict]) -> dict:
    doc, sec = f"doc:{stem}", f"sec:{stem}-1"
    return {
        "Dokument": [{"Id": doc, "Typ": "SourceDocument", "Fil": stem,
                      "Namn": f"Aktiviteter för test {year}", "Titel": f"Aktiviteter {year}",
                      "Dokumenttyp": "bilaga", "Utgivare": "Socialnamnden Hisingen",
                      "Avsnitt": sec}],
        "Avsnitt": [{"Id": sec, "Namn": "1 Aktiviteter", "Nummer": "1", "Del av": doc}],
        "Aktiviteter": [{"Ansvarig": "Avdelningschef SVF", "Avsnitt": "1 Aktiviteter", **a}
                        for a in activities],
    }


OUTREACH = {"Id": "act:uppsokande-ungdomsmottagning",
            "Namn": "Uppsökande ungdomsmottagning i stadsdelarna",
            "Beskrivning": "Ungdomsmottagningen möter unga där de är, på skolor och fritidsgårdar."}
PLAN_A = _plan("aktiviteter-test-2025", 2025, [
    {**OUTREACH, "Tidplan": "2025"},
    {"Id": "act:lasframjande-insatser",
     "Namn": "Läsfrämjande insatser för barn i familjer med försörjningsstöd",
     "Beskrivning": "Biblioteken och socialtjänsten erbjuder högläsning och boktips till "
                    "barnfamiljer med försörjningsstöd."},
    {"Id": "act:cykelkok", "Namn": "Cykelkök för ungdomar på fritidsgården",
     "Beskrivning": "Unga lagar cyklar tillsammans med fritidsledare varje vecka."},
])
PLAN_B = _plan("aktiviteter-test-2026", 2026, [
    {**OUTREACH, "Tidplan": "2026"},
    {"Id": "act:lasframjande-insatser-barnfamiljer",
     "Namn": "Läsfrämjande insatser för barn i familjer som har försörjningsstöd",
     "Beskrivning": "Bibliotek och socialtjänst erbjuder högläsning, bokpaket och boktips "
                    "till barnfamiljer som har ekonomiskt bistånd."},
    {"Id": "act:digital-budgetradgivning", "Namn": "Digital budgetrådgivning i chatten",
     "Beskrivning": "Budget- och skuldrådgivare svarar på frågor i chatten två kvällar i veckan."},
])


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory):
    """An untouched workspace, and one with the two plans and a later report imported."""
    tmp = tmp_path_factory.mktemp("diff")
    cache = tmp / "cache"
    plain = init_workspace(tmp / "plain")
    ws = init_workspace(tmp / "ws")
    kb = styrgraf.open(ws, cache_dir=cache)
    for name, rows in (("a.xlsx", PLAN_A), ("b.xlsx", PLAN_B), ("r.xlsx", REPORT)):
        report = import_workbook(kb, fill(tmp / name, rows))
        assert report.written and not report.violations, report.violations
        kb = kb.reopen()
    return plain, ws, kb, cache


def test_a_renamed_activity_is_reworded_not_removed_and_added(workspaces):
    _, _, kb, _ = workspaces
    result = kb.diff("aktiviteter-test-2025", "aktiviteter-test-2026")
    assert result.counts("activities") == {"changed": 1, "reworded": 1, "added": 1,
                                           "removed": 1, "unchanged": 0}
    reworded = result.of_kind("reworded")[0]
    assert (reworded.a, reworded.b) == (ID + "activity/lasframjande-insatser",
                                        ID + "activity/lasframjande-insatser-barnfamiljer")
    assert 0.6 < reworded.similarity < 0.9
    assert {d.property for d in reworded.differences} == {RDFS.label, DCTERMS.description}
    changed = result.find(ID + "activity/uppsokande-ungdomsmottagning")
    assert changed.kind == "changed"
    assert [(d.aspect, d.old[0].value, d.new[0].value) for d in changed.differences] \
        == [("timeline", "2025", "2026")]
    assert result.find(ID + "activity/cykelkok").kind == "removed"
    assert result.find(ID + "activity/digital-budgetradgivning").kind == "added"
    # with a threshold no pair reaches, the renamed one is one removed and one added
    strict = kb.diff("aktiviteter-test-2025", "aktiviteter-test-2026", threshold=0.9)
    assert strict.counts("activities")["reworded"] == 0
    assert strict.counts("activities")["removed"] == 2


def test_a_later_report_closing_an_assignment_shows_the_status_change(cli, workspaces):
    _, ws, _, cache = workspaces
    r = cli("--data", str(ws), "diff", REPORT_2024, "delarsrapport-snc-2026-08",
            "--class", "Redovisningar", "-f", "json", cache=cache)
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    changed = [row for row in rows if row["change"] == "changed"]
    assert {row["node"] for row in changed} == {
        ID + "response/inratta-fritidsbanker--dr-snc-2024-08"}
    status = next(row for row in changed if row["aspect"] == "status"
                  and row["property"].endswith("#status"))
    assert (status["oldLabel"], status["newLabel"]) == ("ongoing", "closed")
    assert status["nodeB"] == ID + "response/inratta-fritidsbanker--dr-snc-2026-08"
    decision = next(row for row in changed if row["property"].endswith("#decisionReference"))
    assert (decision["old"], decision["new"]) == (None, "SNC 2026-09-20 § 200")
    md = cli("--data", str(ws), "diff", REPORT_2024, "delarsrapport-snc-2026-08", "--class",
             "Redovisningar", "-f", "markdown", "--lang", "sv", cache=cache).out
    assert "| status | pågående | avslutad |" in md


def test_two_folders(cli, workspaces):
    plain, ws, _, cache = workspaces
    r = cli("diff", str(plain), str(ws), "-f", "json", cache=cache)
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    added = {row["node"] for row in rows if row["change"] == "added"}
    assert {ID + "document/delarsrapport-snc-2026-08", ID + "document/aktiviteter-test-2025",
            ID + "response/inratta-fritidsbanker--dr-snc-2026-08",
            ID + "activity/cykelkok", ID + "activity/digital-budgetradgivning"} <= added
    assert not [row for row in rows if row["change"] in ("removed", "changed")]
    # and the other way round, everything the workspace adds is removed
    back = json.loads(cli("diff", str(ws), str(plain), "-f", "json", cache=cache).out)
    assert {row["node"] for row in back if row["change"] == "removed"} == added
    assert "no differences between" in cli("diff", str(plain), str(plain), cache=cache).err
