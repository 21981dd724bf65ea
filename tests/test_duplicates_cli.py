"""`styrgraf duplicates` as a real subprocess: CSV input, the knowledge base, suggestions."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import rdflib

from conftest import FIXTURES, ROOT
from styrgraf.duplicates.defaults import DEFAULT_THRESHOLD

LABELLED = FIXTURES / "duplicates"
SG = rdflib.Namespace("https://w3id.org/styrgraf/def#")
KB_DATA = ROOT / "knowledge" / "data"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def _json(run) -> list[dict]:
    assert run.code == 0, run.err
    return json.loads(run.out)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# --- --input: any list of texts -------------------------------------------------------------


def test_labelled_csv_gives_json_pairs_with_scores_and_shared_terms(cli):
    records = _json(cli("duplicates", "--input", str(LABELLED / "items.csv"), "-f", "json"))
    assert records
    for r in records:
        assert {"a", "b", "score", "shared_terms", "cluster"} <= r.keys()
        assert DEFAULT_THRESHOLD <= r["score"] <= 1.0 and isinstance(r["shared_terms"], list)
    assert [r["score"] for r in records] == sorted((r["score"] for r in records), reverse=True)
    pairs = {frozenset((r["a"], r["b"])): r for r in records}
    banks = pairs[frozenset(("vp-snn-2024/asg-inratta-fritidsbanker",
                             "dr-snc-2024-08/asg-inratta-fritidsbanker"))]
    assert {"inratta", "driva", "stadsomradena"} <= set(banks["shared_terms"])
    assert frozenset(("gp-snc-2025/asg-skolfam-vardnadsoverflytt",
                      "vp-snn-2024/asg-skolfam-placerade-barn")) not in pairs


def test_csv_and_table_formats(cli):
    r = cli("duplicates", "--input", str(LABELLED / "items.csv"), "-f", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(r.out.splitlines()))
    assert rows and {"a", "b", "score", "shared_terms"} <= rows[0].keys()
    r = cli("duplicates", "--input", str(LABELLED / "items.csv"), "--threshold", "0.9")
    assert r.code == 0, r.err
    assert "Possible duplicates" in r.out and "compared 96 texts" in r.err


def test_across_keeps_only_pairs_from_different_groups(cli, tmp_path):
    path = _write(tmp_path / "texts.csv", "\n".join([
        "id,text,group",
        "a,Inrätta och driva fritidsbanker i de fyra stadsområdena,nordost",
        "b,inratta och driva fritidsbanker 1 de fyra stadsomradena,nordost",
        "c,Inrätta och driva fritidsbanker i de fyra stadsområdena i år,centrum",
        "d,Skolfam för placerade barn i skolan,centrum",
    ]) + "\n")
    every = {(r["a"], r["b"]) for r in _json(cli("duplicates", "-i", str(path), "-f", "json"))}
    assert every == {("a", "b"), ("a", "c"), ("b", "c")}
    for across in ("network", "committee", "document"):
        apart = _json(cli("duplicates", "-i", str(path), "--across", across, "-f", "json"))
        assert {(r["a"], r["b"]) for r in apart} == {("a", "c"), ("b", "c")}


def test_across_needs_a_group_column(cli, tmp_path):
    path = _write(tmp_path / "nogroup.csv", "id,text\na,Inrätta fritidsbanker\n")
    r = cli("duplicates", "-i", str(path), "--across", "network")
    assert r.code == 2 and "nogroup.csv" in r.err and "group" in r.err


def test_missing_text_column_is_a_usage_error_naming_file_and_line(cli, tmp_path):
    path = _write(tmp_path / "bad.csv", "id,body\na,Inrätta fritidsbanker\n")
    r = cli("duplicates", "--input", str(path))
    assert r.code == 2
    assert f"{path}:1:" in r.err and "text" in r.err
    assert "Traceback" not in r.err


def test_malformed_rows_name_file_and_line(cli, tmp_path):
    cases = {
        "too-many.csv": ("id,text,group\na,ett,x\nb,två,y,z\n", ":3:"),
        "too-few.csv": ("id,text,group\na,ett,x\nb\n", ":3:"),
        "quote.csv": ('id,text\na,"ett"två\n', ":2:"),
        "empty-text.csv": ("id,text\na,ett\nb,  \n", ":3:"),
        "duplicate-id.csv": ("id,text\na,ett\n\na,två\n", ":4:"),
    }
    for name, (content, where) in cases.items():
        path = _write(tmp_path / name, content)
        r = cli("duplicates", "-i", str(path), "-f", "json")
        assert r.code == 2, (name, r.err)
        assert f"{path}{where}" in r.err, (name, r.err)
        assert r.out == ""


def test_unreadable_input_is_a_usage_error(cli, tmp_path):
    latin1 = _write(tmp_path / "latin1.csv", "id,text\na,fritidsgård\n", encoding="latin-1")
    empty = _write(tmp_path / "empty.csv", "")
    for path, words in [(latin1, "UTF-8"), (empty, "header"),
                        (tmp_path / "missing.csv", "no such file")]:
        r = cli("duplicates", "-i", str(path))
        assert r.code == 2 and str(path) in r.err and words in r.err, r.err


def test_bom_and_hostile_strings_pass_through_unharmed(cli, tmp_path):
    hostile = [
        ('"quoted ""twice"""', 'Inrätta "fritidsbanker" {i} <b>Nordost</b> [bold]x[/bold] \\n'),
        ("<script>alert(1)</script>", 'inratta "fritidsbanker" {i} <b>Nordost</b> [bold]y[/bold]'),
        ("${HOME}; rm -rf /", "Skolfam för placerade barn 🧒 med\nflera rader"),
    ]
    path = tmp_path / "hostile.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # with a BOM
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "group"])
        writer.writerows([(i, t, "g{}") for i, t in hostile])
    records = _json(cli("duplicates", "-i", str(path), "-f", "json"))
    assert [(r["a"], r["b"]) for r in records] == [(hostile[0][0], hostile[1][0])]
    r = cli("duplicates", "-i", str(path), "-f", "csv")
    assert r.code == 0 and next(csv.DictReader(r.out.splitlines()))["a"] == hostile[0][0]
    r = cli("duplicates", "-i", str(path))  # a table: markup-like text is shown, not obeyed
    assert r.code == 0, r.err
    assert "<script>alert(1)</script>:" in r.out and "[bold]x[/bold]" in r.out


def test_option_errors_are_usage_errors(cli, tmp_path):
    path = _write(tmp_path / "t.csv", "id,text\na,ett två tre\n")
    for args in (["--threshold", "0"], ["--threshold", "1.5"], ["--kinds", "activity,goal"],
                 ["-i", str(path), "--kinds", "activity"], ["--across", "planet"]):
        r = cli("duplicates", *args)
        assert r.code == 2, (args, r.err)


def test_help_shows_examples(cli):
    r = cli("duplicates", "--help")
    assert r.code == 0 and "Examples" in r.out and "--write-suggestions" in r.out


# --- the knowledge base ----------------------------------------------------------------------


def test_knowledge_base_pairs_are_between_different_nodes(cli):
    records = _json(cli("duplicates", "-f", "json"))
    for r in records:
        assert r["a"] != r["b"]
        assert r["a"].startswith("https://w3id.org/styrgraf/id/")
        assert r["a_graph"] and r["b_graph"] and r["a_source"] and r["b_source"]
        assert r["a_kind"] in {"activity", "assignment", "response"}
        assert DEFAULT_THRESHOLD <= r["score"] <= 1.0
    merged = _json(cli("duplicates", "--include-merged", "-f", "json"))
    assert len(merged) >= len(records)
    assert {(r["a"], r["b"]) for r in records} <= {(r["a"], r["b"]) for r in merged}
    assert any(r["a"] == r["b"] for r in merged) or not merged


def test_knowledge_base_kinds_and_across(cli):
    for r in _json(cli("duplicates", "--kinds", "assignment", "--include-merged", "-f", "json")):
        assert r["a_kind"] == r["b_kind"] == "assignment"
    for r in _json(cli("duplicates", "--across", "document", "--include-merged", "-f", "json")):
        assert r["a_graph"] != r["b_graph"]
    r = cli("duplicates")
    assert r.code == 0 and "Possible duplicates" in r.out


def test_tiny_knowledge_base_has_no_pairs(cli, kb_copy, tmp_path):
    data = kb_copy("mini")
    r = cli("--data", str(data), "duplicates", "-f", "json", cache=tmp_path / "cache")
    assert r.code == 0, r.err
    assert json.loads(r.out) == []


# --- suggestions -----------------------------------------------------------------------------


def _copy_kb(tmp_path: Path) -> Path:
    data = tmp_path / "kb"
    shutil.copytree(KB_DATA, data)
    return data


def test_write_suggestions_writes_a_separate_parseable_graph(cli, tmp_path):
    data = _copy_kb(tmp_path)
    before = _digest(data)
    target = tmp_path / "out" / "suggestions.ttl"
    target.parent.mkdir()
    cache = tmp_path / "cache"
    records = _json(cli("--data", str(data), "duplicates", "--include-merged", "--threshold",
                        "0.3", "-f", "json", "--write-suggestions", str(target), cache=cache))
    expected = {frozenset((r["a"], r["b"])) for r in records if r["a"] != r["b"]}
    graph = rdflib.Graph().parse(target, format="turtle", publicID="urn:x-suggestions:")
    found = set(graph.subjects(rdflib.RDF.type, SG.DuplicateCandidate))
    assert len(found) == len(expected) > 0
    assert (rdflib.URIRef("urn:x-suggestions:"), rdflib.RDF.type, SG.SuggestionGraph) in graph
    for node in found:
        pair = frozenset(str(o) for o in graph.objects(node, SG.candidate))
        assert pair in expected
        (score,) = graph.objects(node, SG.similarity)
        assert score.datatype == rdflib.XSD.decimal and 0.3 <= float(score) <= 1.0
        assert list(graph.objects(node, rdflib.Namespace("http://www.w3.org/ns/prov#")
                                  .generatedAtTime))
    assert _digest(data) == before  # nothing written into the knowledge base
    r = cli("--data", str(data), "build", "-f", "json", cache=cache)
    assert {g["rebuilt"] for g in json.loads(r.out)} == {False}


def test_write_suggestions_refuses_the_knowledge_directory(cli, tmp_path):
    data = _copy_kb(tmp_path)
    before = _digest(data)
    r = cli("--data", str(data), "duplicates", "--write-suggestions",
            str(data / "suggestions.ttl"), cache=tmp_path / "cache")
    assert r.code == 2 and "knowledge directory" in r.err
    assert _digest(data) == before


def test_write_suggestions_from_csv_needs_iri_ids(cli, tmp_path):
    target = tmp_path / "s.ttl"
    plain = _write(tmp_path / "plain.csv", "id,text\na,Inrätta och driva fritidsbanker i år\n"
                                           "b,inratta och driva fritidsbanker 1 ar\n")
    r = cli("duplicates", "-i", str(plain), "--write-suggestions", str(target))
    assert r.code == 2 and "'a'" in r.err and "line 2" in r.err and not target.exists()
    iris = _write(tmp_path / "iris.csv", "id,text\nurn:x:a,Inrätta och driva fritidsbanker i år\n"
                                          "urn:x:b,inratta och driva fritidsbanker 1 ar\n")
    r = cli("duplicates", "-i", str(iris), "--write-suggestions", str(target))
    assert r.code == 0, r.err
    graph = rdflib.Graph().parse(target, format="turtle")
    assert len(set(graph.subjects(rdflib.RDF.type, SG.DuplicateCandidate))) == 1
