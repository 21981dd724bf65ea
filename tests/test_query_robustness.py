"""Queries that must not run away: labels that stay with their node, a time and a memory
limit, Ctrl-C, and a row limit for the formats people read.

A cartesian product of the built-in knowledge base (three patterns that share no
variable: 7 855³ rows) stands for the query that never ends; with ORDER BY it is
the query that would take all the memory before its first row.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from styrgraf.api import KnowledgeBase
from styrgraf.queries import catalog

ID = "https://w3id.org/styrgraf/id/"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_CARTESIAN = CARTESIAN + " ORDER BY ?i"

PREFIXES = """\
@prefix sg:      <https://w3id.org/styrgraf/def#> .
@prefix act:     <https://w3id.org/styrgraf/id/activity/> .
@prefix actor:   <https://w3id.org/styrgraf/id/actor/> .
@prefix sec:     <https://w3id.org/styrgraf/id/section/> .
@prefix doc:     <https://w3id.org/styrgraf/id/document/> .
@prefix strat:   <https://w3id.org/styrgraf/id/strategy/> .
@prefix cur:     <https://w3id.org/styrgraf/id/judgement/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
"""

#: Eight activities without a network, and one in a network (so a label must still be found).
PLAN = PREFIXES + """
<> a sg:StatedGraph ; prov:wasDerivedFrom doc:plan .
doc:plan a sg:SourceDocument ; dcterms:title "Plan"@sv .
sec:plan-1 a sg:Section ; rdfs:label "1 Plan"@sv ; dcterms:isPartOf doc:plan .
actor:natet a sg:Network ; rdfs:label "Nätet"@sv ; sg:statedIn sec:plan-1 .
strat:tidigt a sg:Strategy ; rdfs:label "Tidigt"@sv ; sg:statedIn sec:plan-1 .
act:i-natet a sg:Activity ; rdfs:label "I nätet"@sv ; sg:network actor:natet ;
    sg:statedIn sec:plan-1 .
""" + "".join(f'act:a{i} a sg:Activity ; rdfs:label "Aktivitet {i}"@sv ; sg:statedIn sec:plan-1 .\n'
              for i in range(1, 9))

#: A curator's judgement that names no section.
CURATION = PREFIXES + """
<> a sg:CurationGraph .
act:a1 sg:supportsStrategy strat:tidigt .
cur:a1-tidigt a sg:CuratorJudgement ;
    rdf:subject act:a1 ; rdf:predicate sg:supportsStrategy ; rdf:object strat:tidigt ;
    skos:note "Tidigt."@sv .
"""


@pytest.fixture
def knowledge(tmp_path) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "plan.ttl").write_text(PLAN, encoding="utf-8")
    (folder / "curation.ttl").write_text(CURATION, encoding="utf-8")
    return folder


def _json(r):
    assert r.code == 0, r.err
    return json.loads(r.out)


# -- a label stays with its node ---------------------------------------------------------

def test_activity_gaps_without_network_one_row_per_activity(cli, knowledge, tmp_path):
    rows = _json(cli("--data", str(knowledge), "query", "activity-gaps", "-f", "json",
                     cache=tmp_path / "c"))
    by_activity = {row["activity"].removeprefix(ID): row for row in rows}
    assert len(rows) == len(by_activity) == 9
    for i in range(1, 9):
        row = by_activity[f"activity/a{i}"]
        assert row["activityNetwork"] is None and row["activityNetworkLabel"] is None
        assert row["activityLabel"] == f"Aktivitet {i}"
    networked = by_activity["activity/i-natet"]
    assert networked["activityNetwork"] == ID + "actor/natet"
    assert networked["activityNetworkLabel"] == "Nätet"
    assert by_activity["activity/a2"]["missing"] == "responsible, timeline, strategy"
    assert by_activity["activity/a1"]["missing"] == "responsible, timeline"  # curated strategy


def test_activity_gaps_of_one_network(cli, knowledge, tmp_path):
    rows = _json(cli("--data", str(knowledge), "query", "activity-gaps", "-p", "network",
                     "actor:natet", "-f", "json", cache=tmp_path / "c"))
    assert [row["activity"] for row in rows] == [ID + "activity/i-natet"]


def test_provenance_of_a_judgement_without_section(cli, knowledge, tmp_path):
    rows = _json(cli("--data", str(knowledge), "query", "provenance", "-p", "node", "act:a1",
                     "-f", "json", cache=tmp_path / "c"))
    curated = [row for row in rows if row["basis"] == "curated"]
    assert len(curated) == 1
    # the judgement names no section: none is made up for it
    assert {k: curated[0][k] for k in ("section", "sectionLabel", "document", "documentLabel")} \
        == dict.fromkeys(("section", "sectionLabel", "document", "documentLabel"))
    assert curated[0]["note"] == "Tidigt."


def test_no_query_pairs_rows_with_unrelated_nodes(knowledge, tmp_path):
    """An OPTIONAL that labels a variable left unbound joins every labelled node: the
    answer then has more rows than the graph has subjects. No query may do that."""
    kb = KnowledgeBase.open(knowledge, tmp_path / "c")
    subjects = kb.sparql("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }").dicts()[0]["n"]
    for name, q in catalog.catalogue().items():
        params = {p.name: "act:a1" for p in q.parameters if p.kind == "node" and not p.optional}
        rows = kb.query(name, **params)
        assert len(rows) <= subjects, f"{name}: {len(rows)} rows from {subjects} subjects"


# -- time limit ----------------------------------------------------------------------------

def _query_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "styrgraf-query" and t.is_alive()]


def test_timeout_stops_a_cartesian_product(cli, real_kb):
    start = time.monotonic()
    r = cli("sparql", CARTESIAN, "--timeout", "1", "-f", "csv")
    elapsed = time.monotonic() - start
    assert r.code == 124
    assert r.err.splitlines() == ["error: the query took longer than 1 s and was stopped; "
                                  "narrow it or raise --timeout"]
    assert r.out == ""
    assert elapsed < 4
    # the worker stops at its next batch of rows, not when the product is done
    deadline = time.monotonic() + 2
    while _query_threads() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _query_threads()


def test_timeout_from_the_environment_and_for_named_queries(cli, real_kb):
    r = cli("sparql", CARTESIAN, "-f", "json", env={"STYRGRAF_TIMEOUT": "0.5"})
    assert r.code == 124 and "longer than 0.5 s" in r.err
    assert cli("query", "units-by-activities", "--timeout", "0.5").code == 0
    r = cli("query", "units-by-activities", "--timeout", "-1")
    assert r.code == 2 and "--timeout" in r.err


def test_timeout_stops_a_query_held_inside_the_engine(cli_process, real_kb):
    # ORDER BY sorts everything inside one engine call: only the waiting thread can give up
    start = time.monotonic()
    r = cli_process("sparql", SORTED_CARTESIAN, "--timeout", "1")
    assert r.code == 124, r.err
    assert r.err.splitlines() == ["error: the query took longer than 1 s and was stopped; "
                                  "narrow it or raise --timeout"]
    assert time.monotonic() - start < 6


def test_memory_limit_stops_a_sort_before_it_takes_the_machine(cli_process, real_kb):
    r = cli_process("sparql", SORTED_CARTESIAN, "--timeout", "0",
                    env={"STYRGRAF_MAX_MEMORY": "100"})
    assert r.code == 124, r.err
    assert r.err.splitlines() == [
        "error: the query needed more than 100 MB of memory and was stopped; narrow it "
        "(patterns that share no variable multiply each other's rows) or raise "
        "STYRGRAF_MAX_MEMORY"]
    r = cli_process("sparql", "ASK { ?s ?p ?o }", env={"STYRGRAF_MAX_MEMORY": "lots"})
    assert r.code == 2 and "STYRGRAF_MAX_MEMORY" in r.err


# -- Ctrl-C --------------------------------------------------------------------------------

def _wait_for_a_second_thread(pid: int, deadline: float) -> None:
    """Until the process has a second thread named as it is (Python's threads are, RocksDB's
    are not), where /proc tells; elsewhere return at once."""
    proc = Path(f"/proc/{pid}")
    while time.monotonic() < deadline:
        try:
            name = (proc / "comm").read_text()
            names = [(task / "comm").read_text() for task in (proc / "task").iterdir()]
        except OSError:
            return
        if names.count(name) >= 2:
            return
        time.sleep(0.02)


@pytest.mark.parametrize("query", [CARTESIAN, SORTED_CARTESIAN], ids=["streaming", "sorting"])
def test_ctrl_c_stops_the_query(query, session_cache, real_kb):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STYRGRAF_")}
    env.update(STYRGRAF_CACHE_DIR=str(session_cache), STYRGRAF_LANG="en", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "styrgraf.cli", "sparql", query,
                             "--timeout", "0", "-f", "csv"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        started = time.monotonic()
        _wait_for_a_second_thread(proc.pid, started + 10)  # the query's worker: it runs
        time.sleep(max(0.0, started + 1 - time.monotonic()))
        assert proc.poll() is None, proc.communicate()
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - sent < 3
    assert proc.returncode == 130
    assert err.splitlines() == ["error: interrupted: the query was stopped"]
    assert out == ""


# -- row limit for people ------------------------------------------------------------------

THREE = "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"


def test_table_shows_the_first_rows_and_says_there_are_more(cli, real_kb):
    r = cli("sparql", THREE, "--limit", "2")
    assert r.code == 0
    assert "2 rows" in r.out and "│ 3" not in r.out
    assert r.err.splitlines() == ["showing the first 2 rows (there are more); use -f csv for "
                                  "all, or --limit 0"]
    for limit in ("3", "0"):  # exactly as many rows, or no limit: nothing left out
        r = cli("sparql", THREE, "--limit", limit)
        assert "3 rows" in r.out and r.err == ""
    r = cli("sparql", THREE, "--limit", "2", "-f", "markdown")
    assert r.out.count("\n") == 4 and "showing the first 2 rows" in r.err


def test_default_limit_is_for_people_only(cli, real_kb):
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    r = cli("sparql", everything)
    assert "1000 rows" in r.out and "showing the first 1000 rows" in r.err
    table = cli("sparql", everything, "-f", "csv")
    assert table.err == ""
    assert len(list(csv.reader(io.StringIO(table.out)))) == 1 + len(real_kb.store)
    assert len(_json(cli("sparql", everything, "--limit", "5", "-f", "json"))) \
        == len(real_kb.store)


def test_named_query_limit(cli, real_kb):
    r = cli("query", "units-by-activities", "--limit", "3")
    assert r.code == 0 and "3 rows" in r.out
    assert r.err.splitlines() == ["showing the first 3 rows (there are more); use -f csv for "
                                  "all, or --limit 0"]
    r = cli("--data", str(ROOT / "tests" / "fixtures" / "queries"), "query", "activity-gaps",
            "--limit", "1", "--lang", "sv")
    assert r.err.splitlines()[-1] == ("visar den första raden (det finns fler); -f csv ger "
                                      "alla, eller --limit 0")
