"""The foundation commands on small fixture knowledge bases.

build, validate, stats, export and sparql, run as real subprocesses.
"""

from __future__ import annotations

import json
import os
import re

import rdflib
from rdflib.compare import isomorphic

from conftest import FIXTURES


def test_version_and_help(cli):
    r = cli("--version")
    assert r.code == 0 and re.fullmatch(r"styrgraf \d+\.\d+\.\d+\s*", r.out)
    r = cli("--help")
    assert r.code == 0
    for command in ("build", "validate", "stats", "export", "sparql", "query"):
        assert command in r.out
    r = cli("export", "--help")
    assert r.code == 0 and "Examples" in r.out and "styrgraf export --format trig" in r.out


def test_unknown_command_is_a_usage_error(cli):
    r = cli("frobnicate")
    assert r.code == 2


def test_build_reports_graphs_then_reuses_the_store(cli, tmp_path, kb_copy):
    data = kb_copy("mini")
    cache = tmp_path / "cache"
    first = cli("--data", str(data), "build", cache=cache)
    assert first.code == 0, first.err
    assert "rebuilt" in first.out and "source.ttl" in first.out
    first = json.loads(cli("--data", str(data), "build", "-f", "json", cache=cache).out)
    assert {g["rebuilt"] for g in first} == {False}
    assert {g["file"]: g["change"] for g in first} == {
        "styrgraf.ttl": "unchanged", "source.ttl": "unchanged", "curation.ttl": "unchanged"}
    again = cli("--data", str(data), "build", "--rebuild", "-f", "json", cache=cache)
    again = json.loads(again.out)
    assert {g["rebuilt"] for g in again} == {True}
    store_dirs = [p for p in next((cache / "stores").iterdir()).iterdir()
                  if not p.name.startswith(".")]
    assert len(store_dirs) == 1


def test_source_edit_triggers_rebuild_of_that_graph(cli, tmp_path, kb_copy):
    data = kb_copy("mini")
    cache = tmp_path / "cache"
    cli("--data", str(data), "build", cache=cache)
    path = data / "source.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Undersöka möjligheten", "Utreda möjligheten"), encoding="utf-8")
    r = json.loads(cli("--data", str(data), "build", "-f", "json", cache=cache).out)
    assert {g["rebuilt"] for g in r} == {True}
    assert {g["file"]: g["change"] for g in r} == {
        "styrgraf.ttl": "unchanged", "source.ttl": "changed", "curation.ttl": "unchanged"}
    r = cli("--data", str(data), "sparql",
            "SELECT ?d WHERE { act:faltchat dcterms:description ?d }", "-f", "csv", cache=cache)
    assert "Utreda möjligheten" in r.out


def test_two_directories_never_share_a_store(cli, tmp_path, kb_copy):
    cache = tmp_path / "cache"
    a = kb_copy("mini")
    b = tmp_path / "other"
    b.mkdir()
    (b / "only.ttl").write_text(
        '<https://w3id.org/styrgraf/id/activity/x> <http://www.w3.org/2000/01/rdf-schema#label> '
        '"X"@sv .\n', encoding="utf-8")
    cli("--data", str(a), "build", cache=cache)
    cli("--data", str(b), "build", cache=cache)
    assert len(list((cache / "stores").iterdir())) == 2
    r = cli("--data", str(b), "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Activity }",
            "-f", "json", cache=cache)
    assert json.loads(r.out) == [{"n": 0}]


def test_malformed_turtle_names_file_and_line_and_keeps_old_store(cli, tmp_path, kb_copy):
    data = kb_copy("mini")
    cache = tmp_path / "cache"
    assert cli("--data", str(data), "build", cache=cache).code == 0
    (data / "broken.ttl").write_text((FIXTURES / "malformed" / "broken.ttl").read_text(
        encoding="utf-8"), encoding="utf-8")
    r = cli("--data", str(data), "build", cache=cache)
    assert r.code == 2
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "broken.ttl:7:" in lines[0] and "Traceback" not in r.err
    # The previous store is untouched and no half-built store is left behind.
    home = next((cache / "stores").iterdir())
    assert len([p for p in home.iterdir() if not p.name.startswith(".")]) == 1
    assert not [p for p in home.iterdir() if p.name.startswith(".build-")]


def test_debug_shows_traceback(cli_process, tmp_path):
    r = cli_process("--debug", "--data", str(FIXTURES / "malformed"), "build", cache=tmp_path / "c")
    assert r.code != 0 and "Traceback" in r.err


def test_invalid_iri_is_reported_at_load(cli, tmp_path):
    r = cli("--data", str(FIXTURES / "bad-iri"), "stats", cache=tmp_path / "c")
    assert r.code == 2
    assert "bad.ttl:3:" in r.err and "IRI" in r.err


def test_missing_directory_and_empty_directory(cli, tmp_path):
    r = cli("--data", str(tmp_path / "nope"), "build")
    assert r.code == 2 and "not found" in r.err
    empty = tmp_path / "empty"
    empty.mkdir()
    r = cli("--data", str(empty), "build")
    assert r.code == 2 and "no .ttl or .trig files" in r.err


def test_data_directory_from_environment(cli, kb_copy, tmp_path):
    data = kb_copy("mini")
    r = cli("stats", "--documents", "-f", "json", env={"STYRGRAF_DATA": str(data)},
            cache=tmp_path / "c")
    assert r.code == 0
    assert {d["graph"] for d in json.loads(r.out)} == {"source", "curation"}


def test_validate_passes_on_clean_fixture(cli):
    r = cli("--data", str(FIXTURES / "mini"), "validate")
    assert r.code == 0, r.out + r.err
    assert "conforms" in r.out and "NOT" not in r.out


def test_validate_fails_and_names_the_violation(cli):
    r = cli("--data", str(FIXTURES / "violation"), "validate")
    assert r.code == 1
    assert "act:faltchat" in r.out and "Fältchat" in r.out and "source.ttl" in r.out
    assert "responsible" in r.out
    r = cli("--data", str(FIXTURES / "violation"), "validate", "--format", "json", "--lang", "sv")
    results = json.loads(r.out)
    assert r.code == 1
    assert [x["severity"] for x in results] == ["Violation"]
    assert results[0]["message"].startswith("Aktiviteten saknar ansvarig")


def test_stats_counts_classes_per_document(cli):
    r = cli("--data", str(FIXTURES / "mini"), "stats", "-f", "json")
    by_class = {c["class"].rsplit("#", 1)[-1]: c for c in json.loads(r.out)}
    assert by_class["Activity"]["total"] == 1
    assert (by_class["Activity"]["source"], by_class["Activity"]["curation"]) == (1, 0)
    assert (by_class["CuratorJudgement"]["source"],
            by_class["CuratorJudgement"]["curation"]) == (0, 1)
    r = cli("--data", str(FIXTURES / "mini"), "stats", "--documents", "-f", "json")
    kinds = {d["graph"]: d["kind"] for d in json.loads(r.out)}
    assert kinds == {"source": "document", "curation": "curation"}
    r = cli("--data", str(FIXTURES / "mini"), "stats", "-f", "markdown")
    assert r.code == 0 and "| activity | 1 |" in r.out


def _union(directory) -> rdflib.Graph:
    g = rdflib.Graph()
    for f in sorted(directory.glob("*.ttl")):
        g.parse(f, format="turtle", publicID=f"https://w3id.org/styrgraf/graph/{f.stem}")
    return g


def test_export_turtle_round_trip_is_isomorphic(cli, tmp_path):
    out = tmp_path / "kb.ttl"
    r = cli("--data", str(FIXTURES / "mini"), "export", "-o", str(out))
    assert r.code == 0, r.err
    exported = rdflib.Graph().parse(out, format="turtle")
    assert isomorphic(exported, _union(FIXTURES / "mini"))
    stdout = cli("--data", str(FIXTURES / "mini"), "export")
    assert isomorphic(rdflib.Graph().parse(data=stdout.out, format="turtle"), exported)


def test_export_trig_and_nquads_keep_graphs(cli, tmp_path):
    for fmt, parse_as in (("trig", "trig"), ("nquads", "nquads")):
        out = tmp_path / f"kb.{fmt}"
        assert cli("--data", str(FIXTURES / "mini"), "export", "-f", fmt, "-o", str(out)).code == 0
        ds = rdflib.Dataset()
        ds.parse(out, format=parse_as)
        names = {str(g.identifier) for g in ds.graphs() if len(g)}
        assert names == {"https://w3id.org/styrgraf/graph/source",
                         "https://w3id.org/styrgraf/graph/curation"}
        for f in (FIXTURES / "mini").glob("*.ttl"):
            expected = rdflib.Graph().parse(
                f, format="turtle", publicID=f"https://w3id.org/styrgraf/graph/{f.stem}")
            got = ds.graph(rdflib.URIRef(f"https://w3id.org/styrgraf/graph/{f.stem}"))
            assert isomorphic(rdflib.Graph() + got, expected), f.name


def test_export_jsonld_parses_back(cli, tmp_path):
    out = tmp_path / "kb.jsonld"
    assert cli("--data", str(FIXTURES / "mini"), "export", "-f", "jsonld", "-o", str(out)).code == 0
    ds = rdflib.Dataset()
    ds.parse(out, format="json-ld")
    union = rdflib.Graph()
    for g in ds.graphs():
        union += g
    assert isomorphic(union, _union(FIXTURES / "mini"))


def test_failed_export_leaves_previous_file_untouched(cli, tmp_path):
    out = tmp_path / "kb.ttl"
    out.write_text("previous content\n", encoding="utf-8")
    # The build fails (malformed source) before anything is written.
    r = cli("--data", str(FIXTURES / "malformed"), "export", "-o", str(out), cache=tmp_path / "c")
    assert r.code == 2
    assert out.read_text(encoding="utf-8") == "previous content\n"
    # A write into a read-only folder fails cleanly and leaves no temp file.
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        r = cli("--data", str(FIXTURES / "mini"), "export", "-o", str(locked / "kb.ttl"))
        if os.geteuid() != 0:  # root ignores folder permissions
            assert r.code == 2 and "cannot write" in r.err
            assert list(locked.iterdir()) == []
    finally:
        os.chmod(locked, 0o700)
    r = cli("--data", str(FIXTURES / "mini"), "export", "-o", str(tmp_path / "no" / "kb.ttl"))
    assert r.code == 2 and "does not exist" in r.err


def test_export_write_is_atomic_under_failure(tmp_path, monkeypatch):
    """If serialisation fails midway, the target keeps its old content and no temp file remains."""
    import pytest

    from styrgraf.knowledge import export as export_module
    from styrgraf.knowledge.store import open_knowledge

    monkeypatch.setenv("STYRGRAF_CACHE_DIR", str(tmp_path / "c"))
    kb, _ = open_knowledge(FIXTURES / "mini")
    out = tmp_path / "kb.ttl"
    out.write_text("old\n", encoding="utf-8")

    def exploding_write(items, fmt, handle):
        handle.write(b"@prefix half: <written> .\n")
        raise OSError("disk full")

    monkeypatch.setattr(export_module, "_write", exploding_write)
    with pytest.raises(OSError):
        export_module.export(kb, "turtle", out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["kb.ttl"]


def test_sparql_binds_parameters_and_formats(cli):
    mini = str(FIXTURES / "mini")
    q = "SELECT ?a ?aLabel ?who WHERE { ?a sg:responsible ?who ; rdfs:label ?aLabel }"
    r = cli("--data", mini, "sparql", q, "-p", "who", "actor:ec-test", "-f", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == [{
        "a": "https://w3id.org/styrgraf/id/activity/faltchat",
        "aLabel": "Fältchat – för att nå nya grupper",
        "who": "https://w3id.org/styrgraf/id/actor/ec-test",
    }]
    table = cli("--data", mini, "sparql", q, "-p", "who", "actor:ec-test")
    assert "Fältchat – för att nå nya grupper" in table.out and "ec-test" not in table.out
    csv_out = cli("--data", mini, "sparql", q, "-f", "csv")
    assert csv_out.out.splitlines()[0] == "a,aLabel,who"


def test_sparql_hostile_values_match_nothing_and_break_nothing(cli):
    mini = str(FIXTURES / "mini")
    q = "SELECT ?a ?label WHERE { ?a rdfs:label ?l . BIND(STR(?l) AS ?label) }"
    for hostile in ('} ; DROP ALL ; SELECT * WHERE {', '" . ?a ?b ?c } #', '"<script>x</script>"',
                    "<img src=x onerror=alert(1)> text", "Fältchat' OR '1'='1", "{{label}}"):
        r = cli("--data", mini, "sparql", q, "-p", "label", hostile, "-f", "json")
        assert r.code == 0, (hostile, r.err)
        assert json.loads(r.out) == []
    # A value in IRI brackets is read as an IRI; a bad one is a clear input error, not a crash.
    r = cli("--data", mini, "sparql", q, "-p", "label", "<script>x</script>")
    assert r.code == 2 and "not a valid IRI" in r.err and "internal" not in r.err
    # and the knowledge base is intact afterwards
    r = cli("--data", mini, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a a sg:Activity }",
            "-f", "json")
    assert json.loads(r.out) == [{"n": 1}]


def test_sparql_input_forms_and_errors(cli, tmp_path):
    mini = str(FIXTURES / "mini")
    f = tmp_path / "q.rq"
    f.write_text("ASK { act:faltchat a sg:Activity }", encoding="utf-8")
    assert cli("--data", mini, "sparql", str(f)).out.strip() == "true"
    assert cli("--data", mini, "sparql", "-", stdin="ASK { ?x a sg:Vision }").out.strip() == "false"
    r = cli("--data", mini, "sparql", str(tmp_path / "missing.rq"))
    assert r.code == 2 and "not found" in r.err
    r = cli("--data", mini, "sparql", "SELECT ?x WHERE { ?x ?y }")
    assert r.code == 2 and "syntax" in r.err.lower()
    r = cli("--data", mini, "sparql", "DELETE WHERE { ?s ?p ?o }")
    assert r.code == 2 and "only runs queries" in r.err
    r = cli("--data", mini, "sparql", "SELECT ?a WHERE { ?a ?p ?x }", "-p", "x", "1")
    assert r.code == 2 and "SELECT" in r.err
    r = cli("--data", mini, "sparql", "SELECT ?a WHERE { ?a ?p ?o }", "-p", "x")
    assert r.code == 2
    r = cli("--data", mini, "sparql",
            "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a sg:Activity ; rdfs:label ?l }")
    g = rdflib.Graph().parse(data=r.out, format="turtle")
    assert len(g) == 1


def test_sparql_refuses_service_unless_allowed(cli):
    mini = str(FIXTURES / "mini")
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = cli("--data", mini, "sparql", q)
    assert r.code == 2 and "SERVICE" in r.err and "--allow-service" in r.err
    # A string or IRI that merely contains the word is not a SERVICE clause.
    r = cli("--data", mini, "sparql", 'SELECT ?s WHERE { ?s rdfs:label "SERVICE" }')
    assert r.code == 0
    # Allowed: the engine really tries the endpoint (and fails: port 9 is refused).
    r = cli("--data", mini, "sparql", q, "--allow-service")
    assert r.code == 1 and r.err.startswith("error: query failed") and "internal" not in r.err


def test_data_option_must_be_a_directory(cli, tmp_path):
    f = tmp_path / "one.ttl"
    f.write_text("", encoding="utf-8")
    r = cli("--data", str(f), "stats")
    assert r.code == 2 and "not a directory" in r.err


def test_concurrent_first_builds_share_one_store(tmp_path, kb_copy):
    """Two commands starting at once on a fresh cache: one builds, the other waits and reuses."""
    import subprocess
    import sys

    data = kb_copy("mini")
    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("STYRGRAF_DATA", None)
    cmd = [sys.executable, "-m", "styrgraf.cli", "--data", str(data), "build", "-f", "json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env) for _ in range(3)]
    results = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    reports = [json.loads(out) for out, _ in results]
    assert sum(r[0]["rebuilt"] for r in reports) == 1
    assert len({r[0]["store"] for r in reports}) == 1
