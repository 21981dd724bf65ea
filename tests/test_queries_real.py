"""The catalogued questions on the built-in knowledge base, with answers read from the documents."""

from __future__ import annotations

import json
import re

from styrgraf.queries import catalog
from styrgraf.queries.named import run_named

ID = "https://w3id.org/styrgraf/id/"


def rows(kb, name, **params):
    result = run_named(kb.store, name, list(params.items()))
    return [{k: (v.value if v is not None else None) for k, v in r.items()} for r in result.rows]


def test_directions_without_activities_in_the_svf_appendix(real_kb):
    # 000 lists activities under directions 1, 4 and 5 only.
    got = {r["node"] for r in rows(real_kb, "strategies-without-activities",
                                   network="Nätverket Stadsområde, välfärd och fritid")
           if r["kind"] == "direction"}
    assert got == {ID + "direction/kunskapsbaserad", ID + "direction/latt-tillganglig"}


def test_svf_post_with_most_activities_is_ac_svf(real_kb):
    # AC SVF is responsible for Fältchat, Synliggöra … fritids uppdrag and Kunskapsinhämtning.
    top = rows(real_kb, "units-by-activities", network="actor:natverk-svf")
    assert top[0]["responsible"] == ID + "actor/ac-svf" and top[0]["activities"] == "3"
    assert all(int(r["activities"]) < 3 for r in top[1:])


def test_centrum_reports_seven_closed_council_assignments(real_kb):
    # 004 5.1: Avslutad for stipendier, krisstöd, vallokaler, Skolfam and the three 2022
    # family-home assignments. 5.2 reports six more, the committee's own assignments to its
    # director: the committee carries those too (rule `carries`), so 13 are closed in all.
    centrum = next(r for r in rows(real_kb, "committees-by-assignments")
                   if r["committee"] == ID + "actor/socialnamnden-centrum")
    assert (centrum["closed"], centrum["ongoing"]) == ("13", "19")
    closed = {r["assignment"].removeprefix(ID + "assignment/") for r in rows(
        real_kb, "assignments-by-status", status="avslutad", committee="Socialnämnden Centrum")}
    council = {r["assignment"].removeprefix(ID + "assignment/") for r in rows(
        real_kb, "assignments-by-status", status="avslutad", committee="Socialnämnden Centrum")
        if not r["assignment"].startswith(ID + "assignment/snc-")}
    assert council == {"stipendier-fondmedel-ekonomiskt-bistand", "krisstod-ej-inkomst",
                       "lokaler-for-valnamnden", "skolfam-placerade-barn",
                       "likvardigt-stod-familjehem",
                       "villkor-familjehem-snc", "villkor-familjehem-socialnamnderna"}
    assert len(closed) == 13

def test_fritidsbanker_2023_is_stale(real_kb):
    stale = rows(real_kb, "stale-assignments", year="2023")
    assert [r["assignment"] for r in stale] == [ID + "assignment/inratta-fritidsbanker"]


def test_expired_programmes_are_the_plans_003_lists_as_running_to_2024(real_kb):
    expired = {r["programme"].removeprefix(ID + "programme/") for r in rows(
        real_kb, "expired-programmes", year="2025")}
    # 003: "2020-2023 (förlängd till 2024)" and the plans valid to 2024
    assert {"plan-mot-hedersrelaterat-vald", "plan-for-jamstalldhet",
            "plan-starkta-insatser-mot-rasism", "plan-finskt-forvaltningsomrade",
            "plan-nationella-minoritetsfragor", "plan-mot-hemloshet", "barnrattsplan",
            "handlingsplan-for-aldersvanliga-goteborg"} <= expired
    assert "program-for-en-jamlik-stad" not in expired  # 2018–2026


def test_programme_for_an_equal_city_is_cited_by_four_focus_areas(real_kb):
    top = rows(real_kb, "programmes-by-citations")[0]
    assert top["programme"] == ID + "programme/program-for-en-jamlik-stad"
    assert top["focusAreas"] == "4"


def test_activity_gap_is_the_one_without_timeline(real_kb):
    assert [(r["activity"], r["missing"]) for r in rows(real_kb, "activity-gaps")] == [
        (ID + "activity/starka-barnperspektivet-sociala-erfarenheter", "timeline")]


def test_golden_thread_from_faltchat_reaches_vision(real_kb):
    links = rows(real_kb, "golden-thread", node="act:faltchat")
    parents = {r["parent"] for r in links}
    assert ID + "direction/forebyggande" in parents
    assert ID + "goal/malbild-socialforvaltningarna" in parents
    assert {r["basis"] for r in links if r["relation"].endswith("supportsStrategy")} == {"curated"}


def test_provenance_of_a_shared_assignment_names_both_documents(real_kb):
    prov = rows(real_kb, "provenance", node="asg:inratta-fritidsbanker")
    stated = {r["document"] for r in prov if r["basis"] == "stated"}
    assert stated == {ID + "document/verksamhetsplan-snn-2024",
                      ID + "document/delarsrapport-snc-2024-08"}


def test_partners_include_agreement_municipalities(real_kb):
    partners = {r["partner"].removeprefix(ID + "actor/"): r for r in
                rows(real_kb, "partners-by-involvement")}
    assert int(partners["molndals-stad"]["agreements"]) >= 4
    assert int(partners["polisen"]["total"]) >= 1


def test_all_social_committees_share_assignments(real_kb):
    pairs = {(r["committeeA"].rsplit("/", 1)[1], r["committeeB"].rsplit("/", 1)[1]):
             int(r["shared"]) for r in rows(real_kb, "shared-assignments")}
    social = ["socialnamnden-centrum", "socialnamnden-hisingen", "socialnamnden-nordost",
              "socialnamnden-sydvast"]
    for i, a in enumerate(social):
        for b in social[i + 1:]:
            assert pairs[(a, b)] >= 20


def test_every_query_is_plain_sparql_11_with_a_complete_header():
    """rdflib's strict SPARQL 1.1 parser reads every file; parameters are projected."""
    from rdflib.plugins.sparql.parser import parseQuery

    queries = catalog.catalogue()
    assert len(queries) >= 13
    for q in queries.values():
        parseQuery(q.text)
        assert q.title and q.title_sv and q.question and q.question_sv, q.name
        select_clause = re.search(r"SELECT(.*?)WHERE", q.text, re.S).group(1)
        for p in q.parameters:
            assert f"?{p.name}" in select_clause.split(), (q.name, p.name)


def test_cli_lists_queries_and_formats(cli):
    r = cli("query", "--list", "-f", "json")
    listing = json.loads(r.out)
    names = {q["name"] for q in listing}
    assert {"strategies-without-activities", "units-by-activities", "committees-by-assignments",
            "goals-without-assignments", "assignments-by-status", "stale-assignments",
            "activity-gaps", "programmes-by-citations", "expired-programmes",
            "partners-by-involvement", "shared-assignments", "golden-thread", "provenance"} <= names
    r = cli("query", "units-by-activities", "-f", "json")
    data = json.loads(r.out)
    assert data[0]["responsible"] == ID + "actor/ac-svf" and data[0]["activities"] == 3
    assert set(data[0]) == {"responsible", "responsibleLabel", "activities", "asContact",
                            "examples", "network"}
    md = [line for line in cli("query", "activity-gaps", "-f", "markdown").out.splitlines()
          if line.startswith("|")]
    assert md[0].startswith("| network | activity |") and md[1].startswith("|---|")
    assert "Stärka barnperspektivet" in md[2]
    table = cli("query", "units-by-activities").out
    assert "Avdelningschef SVF" in table and "ac-svf" not in table


def test_cli_query_errors(cli):
    r = cli("query", "no-such-question")
    assert r.code == 2 and "no query named" in r.err
    r = cli("query", "golden-thread", "-p", "node", "Finns inte")
    assert r.code == 2 and "no node is named" in r.err
    r = cli("query", "golden-thread", "-p", "node")
    assert r.code == 2
    r = cli("query", "golden-thread", "-p", "node", "<img src=x onerror=alert(1)>")
    assert r.code == 2 and "Traceback" not in r.err


def test_overview_answers_the_headline_questions(cli):
    r = cli("overview")
    assert r.code == 0, r.err
    for phrase in ("Directions without activities", "Carries most activities",
                   "Avdelningschef SVF", "Carries most assignments", "Socialnämnden Centrum",
                   "Ongoing assignments", "as of 2024-08-31", "Expired programmes still cited",
                   "styrgraf query strategies-without-activities"):
        assert phrase in r.out
    data = json.loads(cli("overview", "-f", "json").out)
    topics = {f["key"]: f for f in data}
    assert topics["directions"]["count"] == 1
    assert topics["open"]["count"] == 19
