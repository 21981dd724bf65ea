"""ontology/terms.py: generated, in step with namespaces.py and rdflib, closed, and rdflib-free."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
import rdflib.namespace

from conftest import ROOT
from styrgraf.ontology import namespaces, terms
from styrgraf.ontology.prefixes import CONCEPT, STANDARD_PREFIXES, VOCAB

STANDARD = ("RDF", "RDFS", "SKOS", "DCTERMS", "ORG", "PROV", "XSD", "OWL")


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location(
        "gen_namespaces", ROOT / "scripts" / "gen_namespaces.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def graph(generator):
    return generator.load_graph()


def test_terms_module_is_what_the_generator_writes(generator, graph):
    actual = (ROOT / "ontology" / "terms.py").read_text(encoding="utf-8")
    assert actual == generator.render_terms(graph), \
        "ontology/terms.py is stale: run scripts/gen_namespaces.py"


def test_namespaces_module_is_what_the_generator_writes(generator, graph):
    actual = (ROOT / "ontology" / "namespaces.py").read_text(encoding="utf-8")
    assert actual == generator.render_namespaces(graph), \
        "ontology/namespaces.py is stale: run scripts/gen_namespaces.py"


def test_sg_terms_equal_the_rdflib_ones():
    rdflib_names = set(namespaces.SG.__annotations__)
    assert set(terms.SG.terms) == rdflib_names
    for name in rdflib_names:
        term = getattr(terms.SG, name)
        assert type(term) is str
        assert term == str(getattr(namespaces.SG, name)), name
    assert terms.SG.NS == str(terms.SG) == VOCAB
    assert terms.SG.supportsStrategy == "https://w3id.org/styrgraf/def#supportsStrategy"


def test_sgc_terms_equal_the_rdflib_ones():
    rdflib_names = set(namespaces.SGC.__annotations__) | set(namespaces.SGC._extras)
    assert set(terms.SGC.terms) == rdflib_names
    for name in rdflib_names:
        assert terms.SGC[name] == str(namespaces.SGC[name]), name
    assert terms.SGC.NS == CONCEPT
    assert terms.SGC.utanfor_budgetbeslut == terms.SGC["utanfor-budgetbeslut"] \
        == CONCEPT + "utanfor-budgetbeslut"
    assert terms.SGC.prio_1 == CONCEPT + "prio-1"


@pytest.mark.parametrize("name", STANDARD)
def test_standard_terms_exist_in_rdflib(name):
    ours, theirs = getattr(terms, name), getattr(rdflib.namespace, name)
    assert ours.NS == str(theirs._NS) == STANDARD_PREFIXES[name.lower()]
    assert len(ours) > 0
    for local, iri in ours.terms.items():
        assert iri == ours.NS + local
        assert rdflib.URIRef(iri) in theirs, f"{name}.{local} is not a term of {theirs._NS}"


def test_requested_common_terms():
    assert terms.RDF.type.endswith("#type")
    assert terms.RDFS.label == STANDARD_PREFIXES["rdfs"] + "label"
    assert terms.SKOS.prefLabel == STANDARD_PREFIXES["skos"] + "prefLabel"
    assert terms.DCTERMS.isPartOf == STANDARD_PREFIXES["dcterms"] + "isPartOf"
    assert terms.ORG.hasMember == STANDARD_PREFIXES["org"] + "hasMember"
    assert terms.PROV.wasDerivedFrom == STANDARD_PREFIXES["prov"] + "wasDerivedFrom"
    assert terms.XSD.gYear == STANDARD_PREFIXES["xsd"] + "gYear"
    assert terms.OWL.Class == STANDARD_PREFIXES["owl"] + "Class"


def test_unknown_terms_raise():
    with pytest.raises(AttributeError, match="Activity"):  # suggests the right spelling
        _ = terms.SG.Activty
    with pytest.raises(AttributeError):
        _ = terms.SGC.unknown
    with pytest.raises(AttributeError):
        _ = terms.XSD.integr
    with pytest.raises(KeyError):
        _ = terms.SGC["no-such-concept"]
    with pytest.raises(AttributeError):
        terms.SG.Activty = VOCAB + "Activty"
    with pytest.raises(AttributeError):
        del terms.SG.Activity


def test_membership_and_listing():
    assert "Activity" in terms.SG
    assert terms.SG.Activity in terms.SG
    assert VOCAB + "Activty" not in terms.SG
    assert "utanfor-budgetbeslut" in terms.SGC
    assert list(terms.RDF) == list(terms.RDF.terms.values())
    assert len(terms.SG) == len(terms.SG.terms)
    with pytest.raises(TypeError):
        terms.SG.terms["x"] = "y"  # read-only mapping


def test_import_does_not_load_rdflib():
    code = ("import sys, styrgraf.ontology.terms\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rdflib'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
