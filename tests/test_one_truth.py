"""One rule per number: the counts a strategist sees agree wherever they appear.

Pins the contradictions found in the built-in knowledge base (issue "One
truth behind every number") and checks the library API, the one output path
and the Swedish default.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

import styrgraf
from conftest import FIXTURES, ROOT
from styrgraf.cli import render
from styrgraf.cli.options import Format
from styrgraf.knowledge.errors import InputError
from styrgraf.viz.extract import gaps

ID = "https://w3id.org/styrgraf/id/"


@pytest.fixture(scope="module")
def kb(session_cache):
    return styrgraf.open(cache_dir=session_cache)


def _page_gap_counts(kb) -> Counter:
    return Counter(kind for kinds in gaps(kb.source, kb.names).values() for kind in kinds)


@pytest.mark.parametrize("data", [None, FIXTURES / "queries", FIXTURES / "viz" / "chain"])
def test_page_overview_and_queries_count_gaps_alike(data):
    kb = styrgraf.open(data)
    overview = kb.overview("en")
    page = _page_gap_counts(kb)
    without = kb.query("strategies-without-activities").dicts()
    assert page["no-activity"] == len(without) == (overview.finding("directions").count
                                                   + overview.finding("strategies").count)
    activity_rows = kb.query("activity-gaps").dicts()
    assert overview.finding("activity-gaps").count == len(activity_rows)
    assert sum(page[k] for k in ("no-responsible", "no-timeline", "no-strategy",
                                 "no-source")) == sum(len(r["missing"].split(", "))
                                                      for r in activity_rows)
    ongoing = {r["assignment"] for r in kb.query("assignments-by-status",
                                                 status="pågående").dicts()}
    assert page["open"] == overview.finding("open").count == len(ongoing)


def test_centrum_statuses_are_the_reports_32(kb):
    # 004 gives 32 statuses: 19 pågående, 13 avslutad, the committee's own ones included.
    centrum = next(r for r in kb.query("committees-by-assignments").dicts()
                   if r["committee"] == ID + "actor/socialnamnden-centrum")
    assert (centrum["ongoing"], centrum["closed"]) == (19, 13)
    assert centrum["latestReport"] == "2024-08-31"
    line = next(s for s in kb.overview("sv").statuses if s.committee == "Socialnämnden Centrum")
    assert (line.ongoing, line.closed, line.as_of) == (19, 13, "2024-08-31")


def test_sharing_never_exceeds_carrying(kb):
    carried = {r["committee"]: r["assignments"] for r in
               kb.query("committees-by-assignments").dicts()}
    for pair in kb.query("shared-assignments").dicts():
        assert pair["shared"] <= min(carried[pair["committeeA"]], carried[pair["committeeB"]])


def test_gap_meaning_is_one(kb):
    # every strategy listed as a gap has no activity supporting it, in any network
    rows = kb.query("strategies-without-activities").dicts()
    supported = {r["node"] for r in kb.query("rule:coverage").dicts()}
    assert rows and not {r["node"] for r in rows} & supported


def test_parameter_of_the_wrong_kind_is_an_error(kb):
    with pytest.raises(InputError, match="is not a network"):
        kb.query("units-by-activities", network="Socialnämnden Centrum")
    with pytest.raises(InputError, match="unknown prefix 'foo:'"):
        kb.query("units-by-activities", network="foo:bar")
    with pytest.raises(InputError, match="natverk-svf"):
        kb.query("units-by-activities", network="Nätverket SVF")  # suggests the SVF network


def test_names_resolve_without_case_or_accents(kb):
    a = kb.query("golden-thread", node="En forebyggande socialtjanst").dicts()
    b = kb.query("golden-thread", node="En förebyggande socialtjänst").dicts()
    assert a == b and a
    assert kb.query("assignments-by-status", committee="socialnamnden centrum").dicts()


def test_committee_filter_counts_only_that_committee(kb):
    rows = kb.query("goals-without-assignments", committee="Valnämnden").dicts()
    assert rows and all(r["activities"] == 0 for r in rows)
    centrum = kb.query("goals-without-assignments", committee="Socialnämnden Centrum").dicts()
    assert any(r["activities"] > 0 for r in centrum)  # its administration is in the networks


def test_unreported_rows_only_when_asked(kb):
    default = kb.query("assignments-by-status").dicts()
    assert default and {r["latestStatus"] for r in default} <= {"pågående", "avslutad"}
    everything = kb.query("assignments-by-status", status="alla").dicts()
    assert len(everything) > len(default)


def test_every_renderer_is_a_format_option():
    assert sorted(f.value for f in Format) == sorted(render.formats())


@pytest.mark.parametrize("fmt", [f.value for f in Format])
@pytest.mark.parametrize("args", [
    ("overview",), ("stats",), ("build",), ("query", "--list"),
    ("query", "committees-by-assignments"), ("sparql", "SELECT ?s WHERE { ?s a sg:Vision }"),
    ("duplicates", "--kinds", "activity"), ("validate",),
])
def test_every_tabular_command_takes_every_format(cli, args, fmt):
    r = cli("--data", str(FIXTURES / "mini"), *args, "--format", fmt)
    assert r.code == 0, r.err
    if fmt == "json":
        assert isinstance(json.loads(r.out), list)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in r.out.splitlines())
    elif fmt in ("csv", "tsv"):
        assert r.out.splitlines()[0]
    assert "Traceback" not in r.err


def test_swedish_by_default_and_english_on_request(cli):
    sv = cli("overview", env={"STYRGRAF_LANG": ""})
    assert "Riktningar utan aktiviteter" in sv.out and "per 2024-08-31" in sv.out
    en = cli("overview", "--lang", "en", env={"STYRGRAF_LANG": ""})
    assert "Directions without activities" in en.out
    assert "1 långsiktig riktning saknar" in sv.out  # singular agrees with its count


def test_notes_speak_swedish_by_default(cli, tmp_path):
    sv = {"STYRGRAF_LANG": ""}
    page = cli("viz", "-o", str(tmp_path / "g.html"), env=sv)
    assert page.code == 0 and " noder, " in page.err and "relationer" in page.err, page.err
    exported = cli("export", "-o", str(tmp_path / "kb.ttl"), env=sv)
    assert exported.code == 0 and "skrev " in exported.err and " tripler till " in exported.err
    built = cli("build", cache=tmp_path / "fresh", env=sv)
    assert built.code == 0 and "Lagret byggdes om" in built.out
    english = cli("viz", "--lang", "en", "-o", str(tmp_path / "g.html"), env=sv)
    assert " nodes, " in english.err and "with gaps" in english.err


def test_list_hides_the_plumbing(cli):
    names = {q["name"] for q in json.loads(cli("query", "--list", "-f", "json").out)}
    assert "documents" not in names and not any(n.startswith("rule:") for n in names)
    names = {q["name"] for q in json.loads(cli("query", "--list", "--rules", "-f", "json").out)}
    assert "rule:latest-status" in names


def test_hostile_labels_cannot_drive_the_terminal():
    from styrgraf.queries.rows import Rows

    rows = Rows(["x"], [{"x": "\x1b]0;owned\x07\x1b[2J=1+1 :100: | <b>"}])
    out = __import__("io").StringIO()
    render.render(rows, "markdown", "sv", out)
    text = out.getvalue()
    assert "\x1b" not in text and "\\x1b" in text and "\\|" in text and "&lt;b>" in text


def test_readme_library_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\nimport styrgraf")
    code = readme[start + len("```python\n"): readme.index("```", start + 10)]
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Socialnämnden Centrum" in proc.stdout


def test_overview_as_of_a_day_counts_what_the_dated_queries_give_that_day(kb):
    """`overview(as_of=D)` asks stale-assignments and expired-programmes with their date
    and year defaults taken at D: its counts are those queries' rows with those values."""
    from datetime import date

    counts = []
    for day in ("2025-06-30", "2031-01-01"):
        findings = kb.fresh().overview("en", as_of=date.fromisoformat(day))
        stale = kb.query("stale-assignments", year=str(int(day[:4]) - 2), today=day).dicts()
        expired = kb.query("expired-programmes", year=day[:4]).dicts()
        assert findings.finding("stale").count == len({r["assignment"] for r in stale})
        assert findings.finding("expired").count == len(expired)
        counts.append((findings.finding("stale").count, findings.finding("expired").count))
    assert counts[0] != counts[1]  # the day matters: more is stale and expired later
