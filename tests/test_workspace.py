"""Workspaces: `styrgraf init`, and a folder with styrgraf.toml layered over the built-in
knowledge base (own files added, same-stem files replacing, the store rebuilt on change)."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from styrgraf.knowledge import sources as sources_module

OWN_DOCUMENT = """\
@prefix sg:      <https://w3id.org/styrgraf/def#> .
@prefix doc:     <https://w3id.org/styrgraf/id/document/> .
@prefix sec:     <https://w3id.org/styrgraf/id/section/> .
@prefix act:     <https://w3id.org/styrgraf/id/activity/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .

<> a sg:StatedGraph ; prov:wasDerivedFrom doc:egen-plan .

doc:egen-plan a sg:SourceDocument ; dcterms:title "Egen plan för arbetsytan"@sv .

sec:egen-plan-1 a sg:Section ; rdfs:label "1 Inledning"@sv ; sg:sectionNumber "1" ;
    dcterms:isPartOf doc:egen-plan .

act:egen-aktivitet a sg:Activity ; rdfs:label "Egen aktivitet i arbetsytan"@sv ;
    sg:statedIn sec:egen-plan-1 .
"""

OWN_CURATION = """\
@prefix sg:  <https://w3id.org/styrgraf/def#> .
@prefix act: <https://w3id.org/styrgraf/id/activity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<> a sg:CurationGraph .

act:egen-aktivitet rdfs:comment "Egen kuratering"@sv .
"""

BUILTIN_DOCUMENTS = 5
CURATION_COUNT = ("SELECT (COUNT(*) AS ?n) "
                  "WHERE { GRAPH <https://w3id.org/styrgraf/graph/curation> { ?s ?p ?o } }")


def _workspace(cli, tmp_path: Path, *args: str, name: str = "ws") -> Path:
    ws = tmp_path / name
    r = cli("init", str(ws), *args)
    assert r.code == 0, r.err
    return ws


def _documents(cli, ws: Path, cache: Path) -> list[dict]:
    r = cli("--data", str(ws), "stats", "--documents", "-f", "json", cache=cache)
    assert r.code == 0, r.err
    return json.loads(r.out)


def _build(cli, ws: Path, cache: Path) -> list[dict]:
    r = cli("--data", str(ws), "build", "-f", "json", cache=cache)
    assert r.code == 0, r.err
    return json.loads(r.out)


def _one_error_line(r) -> str:
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert r.code == 2 and len(lines) == 1 and "Traceback" not in r.err, r.err
    return lines[0]


# -- styrgraf init ----------------------------------------------------------------------

def test_init_creates_the_settings_and_a_swedish_readme(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    settings = tomllib.loads((ws / "styrgraf.toml").read_text(encoding="utf-8"))
    assert settings == {"knowledge": {"builtin": True}}
    readme = (ws / "README.txt").read_text(encoding="utf-8")
    assert "arbetsyta" in readme and "styrgraf import" in readme and "curation.ttl" in readme
    assert sorted(p.name for p in ws.iterdir()) == ["README.txt", "styrgraf.toml"]


def test_init_refuses_a_workspace_unless_forced_and_never_deletes(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    (ws / "README.txt").write_text("mina egna anteckningar\n", encoding="utf-8")
    (ws / "own.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    again = cli("init", str(ws))
    line = _one_error_line(again)
    assert "styrgraf.toml already exists" in line and "--force" in line
    forced = cli("init", "--no-builtin", "--force", str(ws))
    assert forced.code == 0, forced.err
    assert tomllib.loads((ws / "styrgraf.toml").read_text(encoding="utf-8")) == {
        "knowledge": {"builtin": False}}
    assert (ws / "README.txt").read_text(encoding="utf-8") == "mina egna anteckningar\n"
    assert (ws / "own.ttl").read_text(encoding="utf-8") == OWN_DOCUMENT
    assert not [p for p in ws.iterdir() if p.name.endswith(".tmp")]


def test_init_defaults_to_the_current_folder_and_refuses_a_file(cli, tmp_path):
    r = cli("init", cwd=tmp_path)
    assert r.code == 0 and (tmp_path / "styrgraf.toml").is_file(), r.err
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert cli("init", str(tmp_path / "a-file")).code == 2


def test_init_speaks_swedish_by_default(cli, tmp_path):
    r = cli("init", str(tmp_path / "ws"), env={"STYRGRAF_LANG": ""})
    assert r.code == 0 and "arbetsytan" in r.err and "är klar" in r.err, r.err


# -- layers -------------------------------------------------------------------------------

def test_own_document_joins_the_built_in_ones(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    (ws / "010-egen-plan.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    cache = tmp_path / "c"
    documents = [d for d in _documents(cli, ws, cache) if d["kind"] == "document"]
    assert len(documents) == BUILTIN_DOCUMENTS + 1
    assert "Egen plan för arbetsytan" in {d["title"] for d in documents}
    r = cli("--data", str(ws), "query", "activity-gaps", "-f", "json", cache=cache)
    assert r.code == 0, r.err
    labels = json.dumps(json.loads(r.out), ensure_ascii=False)
    assert "Egen aktivitet i arbetsytan" in labels
    assert f"knowledge: built-in + {ws.resolve()}" in r.err


def test_workspace_without_own_files_is_the_built_in_knowledge_base(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    documents = _documents(cli, ws, tmp_path / "c")
    assert len([d for d in documents if d["kind"] == "document"]) == BUILTIN_DOCUMENTS


def test_builtin_false_stands_alone(cli, tmp_path):
    ws = _workspace(cli, tmp_path, "--no-builtin")
    cache = tmp_path / "c"
    r = cli("--data", str(ws), "stats", cache=cache)
    assert r.code == 2 and "no .ttl or .trig files" in r.err
    (ws / "010-egen-plan.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    documents = _documents(cli, ws, cache)
    assert [d["graph"] for d in documents] == ["010-egen-plan"]
    r = cli("--data", str(ws), "stats", cache=cache)
    assert f"knowledge: {ws.resolve()}" in r.err and "built-in" not in r.err


def test_a_folder_without_settings_stands_alone_as_before(cli, tmp_path, kb_copy):
    from styrgraf.api import KnowledgeBase

    mini = kb_copy("mini")
    r = cli("--data", str(mini), "stats", "--documents", "-f", "json", cache=tmp_path / "c")
    assert r.code == 0 and {d["graph"] for d in json.loads(r.out)} == {"source", "curation"}
    assert "knowledge:" not in r.err
    kb = KnowledgeBase.open(mini, cache_dir=tmp_path / "c")
    assert kb.layers == [(mini.resolve(), "folder")]


def test_the_library_lists_the_layers(cli, tmp_path):
    from styrgraf.api import KnowledgeBase

    ws = _workspace(cli, tmp_path)
    kb = KnowledgeBase.open(ws, cache_dir=tmp_path / "c")
    assert kb.layers == [(sources_module.PACKAGED_DATA_DIR.resolve(), "builtin"),
                         (ws.resolve(), "workspace")]
    assert kb.directory == ws.resolve()
    assert KnowledgeBase.open(cache_dir=tmp_path / "c").layers == [
        (sources_module.PACKAGED_DATA_DIR.resolve(), "builtin")]


def test_the_note_names_the_layers_in_swedish(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    r = cli("--data", str(ws), "overview", cache=tmp_path / "c", env={"STYRGRAF_LANG": ""})
    assert r.code == 0 and f"kunskapsbas: inbyggd + {ws.resolve()}" in r.err, r.err


def test_same_stem_replaces_the_built_in_file(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    (ws / "010-egen-plan.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    (ws / "curation.ttl").write_text(OWN_CURATION, encoding="utf-8")
    cache = tmp_path / "c"
    r = cli("--data", str(ws), "sparql", CURATION_COUNT, "-f", "json", cache=cache)
    assert r.code == 0, r.err
    assert json.loads(r.out) == [{"n": 2}]  # only the workspace's curation, not the built-in one
    assert "own files replace built-in curation.ttl" in r.err
    layers = {g["file"]: g["layer"] for g in _build(cli, ws, cache)}
    assert layers["curation.ttl"] == "workspace" and layers["010-egen-plan.ttl"] == "workspace"
    assert layers["000-aktiviteter-svf.ttl"] == "builtin" and layers["styrgraf.ttl"] == "vocabulary"
    table = cli("--data", str(ws), "build", cache=cache)
    assert "layer" in table.out and "workspace" in table.out and "built-in" in table.out


def test_editing_a_replacing_file_rebuilds(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    (ws / "curation.ttl").write_text(OWN_CURATION, encoding="utf-8")
    cache = tmp_path / "c"
    assert {g["rebuilt"] for g in _build(cli, ws, cache)} == {True}
    assert {g["rebuilt"] for g in _build(cli, ws, cache)} == {False}
    (ws / "curation.ttl").write_text(OWN_CURATION.replace("Egen kuratering", "Ändrad"),
                                     encoding="utf-8")
    changes = {g["file"]: (g["rebuilt"], g["change"]) for g in _build(cli, ws, cache)}
    assert changes["curation.ttl"] == (True, "changed")
    assert changes["000-aktiviteter-svf.ttl"] == (True, "unchanged")
    # Removing the own file brings the built-in one back.
    (ws / "curation.ttl").unlink()
    r = cli("--data", str(ws), "sparql", CURATION_COUNT, "-f", "json", cache=cache)
    assert json.loads(r.out)[0]["n"] > 100


def test_editing_a_built_in_file_rebuilds_the_workspace_store(cli, tmp_path, monkeypatch):
    builtin = tmp_path / "builtin"
    shutil.copytree(sources_module.PACKAGED_DATA_DIR, builtin)
    monkeypatch.setattr(sources_module, "PACKAGED_DATA_DIR", builtin)
    ws = _workspace(cli, tmp_path)
    cache = tmp_path / "c"
    _build(cli, ws, cache)
    first = builtin / "000-aktiviteter-svf.ttl"
    first.write_text(first.read_text(encoding="utf-8") + "\n<x> <y> <z> .\n", encoding="utf-8")
    changes = {g["file"]: (g["rebuilt"], g["change"]) for g in _build(cli, ws, cache)}
    assert changes["000-aktiviteter-svf.ttl"] == (True, "changed")
    assert changes["curation.ttl"] == (True, "unchanged")


def test_two_workspaces_never_share_a_store(cli, tmp_path):
    cache = tmp_path / "c"
    a = _workspace(cli, tmp_path, name="a")
    b = _workspace(cli, tmp_path, name="b")
    (b / "010-egen-plan.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    assert len(_documents(cli, a, cache)) == BUILTIN_DOCUMENTS + 1  # + curation
    assert len(_documents(cli, b, cache)) == BUILTIN_DOCUMENTS + 2
    assert len(list((cache / "stores").iterdir())) == 2


def test_switching_the_built_in_layer_off_rebuilds(cli, tmp_path):
    ws = _workspace(cli, tmp_path)
    (ws / "010-egen-plan.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    cache = tmp_path / "c"
    assert len(_documents(cli, ws, cache)) == BUILTIN_DOCUMENTS + 2
    settings = ws / "styrgraf.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "builtin = true", "builtin = false"), encoding="utf-8")
    assert [d["graph"] for d in _documents(cli, ws, cache)] == ["010-egen-plan"]


# -- malformed settings -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "where", "says"), [
    ("[knowledge]\nbuiltin = tru\n", "styrgraf.toml:2:", "Invalid value"),
    ("[knowledge\nbuiltin = true\n", "styrgraf.toml:1:", "table declaration"),
    ("[knowledge]\nbultin = true\n", "styrgraf.toml:2:", "unknown key 'knowledge.bultin'"),
    ("[knowledge]\nbuiltin = \"yes\"\n", "styrgraf.toml:2:", "must be true or false"),
    ("# comment\n[storage]\nx = 1\n", "styrgraf.toml:2:", "unknown key 'storage'"),
    ("[knowledge]\nbuiltin = \"open", "styrgraf.toml:2:", "Unterminated string at the end"),
])
def test_malformed_settings_name_the_file_and_line(cli, tmp_path, text, where, says):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "styrgraf.toml").write_text(text, encoding="utf-8")
    line = _one_error_line(cli("--data", str(ws), "stats", cache=tmp_path / "c"))
    assert where in line and says in line, line


def test_an_empty_settings_file_is_a_workspace_with_the_defaults(cli, tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "styrgraf.toml").write_text("", encoding="utf-8")
    assert len(_documents(cli, ws, tmp_path / "c")) == BUILTIN_DOCUMENTS + 1


def test_settings_saved_by_a_windows_editor_are_read(cli, tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "styrgraf.toml").write_bytes(b"\xef\xbb\xbf[knowledge]\r\nbuiltin = false\r\n")
    (ws / "010-egen-plan.ttl").write_text(OWN_DOCUMENT, encoding="utf-8")
    assert [d["graph"] for d in _documents(cli, ws, tmp_path / "c")] == ["010-egen-plan"]
