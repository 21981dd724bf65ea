"""validate reports what rdflib cannot hold as findings: no logger traceback, no crash."""

from __future__ import annotations

import json

PREFIXES = """@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _findings(cli, tmp_path, turtle: str) -> tuple[int, list[dict], str]:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "a.ttl").write_text(PREFIXES + turtle, encoding="utf-8")
    r = cli("--data", str(folder), "validate", "-f", "json", cache=tmp_path / "c")
    return r.code, json.loads(r.out), r.err


def test_ill_typed_literals_are_violations_not_tracebacks(cli, tmp_path):
    code, found, err = _findings(cli, tmp_path, """
<https://w3id.org/styrgraf/id/activity/x> a sg:Activity ; rdfs:label "X"@sv ;
    sg:startYear "20x5"^^xsd:gYear ; sg:page "abc"^^xsd:integer .
""")
    assert code == 1 and "Traceback" not in err and "Failed to convert" not in err
    messages = {(f["path"], f["message"]) for f in found if f["severity"] == "Violation"}
    assert ("sg:page", "'abc' is not a valid xsd:integer.") in messages
    assert ("sg:startYear", "'20x5' is not a valid xsd:gYear.") in messages


def test_triple_terms_are_reported(cli, tmp_path):
    code, found, err = _findings(cli, tmp_path, """
<https://w3id.org/styrgraf/id/activity/y> a sg:Activity ; rdfs:label "Y"@sv .
<https://w3id.org/styrgraf/id/activity/y> rdfs:comment
    <<( <https://w3id.org/styrgraf/id/activity/y> a sg:Activity )>> .
""")
    assert code == 1 and "internal error" not in err
    assert any("triple term" in f["message"] and f["node"] == "act:y" for f in found)


def test_well_typed_values_give_no_such_finding(cli, tmp_path):
    _, found, _ = _findings(cli, tmp_path, """
<https://w3id.org/styrgraf/id/activity/z> a sg:Activity ; rdfs:label "Z"@sv ;
    sg:startYear "2025"^^xsd:gYear ; sg:page "12"^^xsd:integer .
""")
    assert not any("is not a valid" in f["message"] for f in found)
