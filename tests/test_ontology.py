"""The vocabulary and shapes are well-formed, bilingual, and in step with the namespace module."""

from __future__ import annotations

import pyshacl
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from styrgraf.ontology.namespaces import SG, SGC
from styrgraf.ontology.prefixes import CONCEPT, VOCAB
from styrgraf.ontology.vocabulary import load_shapes, load_vocabulary


def _terms(g: rdflib.Graph) -> set[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(VOCAB)}


def test_every_term_has_swedish_and_english_label_and_comment():
    g = load_vocabulary()
    missing = []
    for term in _terms(g):
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop)}
            if not {"sv", "en"} <= langs:
                missing.append((str(term), str(prop)))
    assert not missing, missing


def test_namespace_module_matches_vocabulary():
    g = load_vocabulary()
    declared = {str(t)[len(VOCAB):] for t in _terms(g)}
    module = {name for name in SG.__annotations__}
    assert declared == module
    concepts = {str(s)[len(CONCEPT):] for s in g.subjects() if str(s).startswith(CONCEPT)}
    assert concepts == set(SGC.__annotations__) | set(SGC._extras)


def test_closed_namespace_rejects_unknown_terms():
    import pytest

    with pytest.raises(AttributeError):
        _ = SG.Activty  # misspelt on purpose


def test_shapes_conform_to_shacl_shacl():
    """The shapes graph is valid SHACL (pySHACL's meta-shapes check)."""
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=load_shapes(), meta_shacl=True)
    assert conforms, text


def test_shapes_only_use_shacl_core():
    """No SPARQL-based constraints: the shapes must run on any SHACL Core engine."""
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shapes = load_shapes()
    assert not list(shapes.subject_objects(sh.sparql))
    assert not list(shapes.subjects(RDF.type, sh.SPARQLConstraint))


def test_shapes_reference_only_defined_terms():
    vocab = _terms(load_vocabulary())
    used = {o for o in load_shapes().objects() if isinstance(o, rdflib.URIRef)
            and str(o).startswith(VOCAB)}
    assert used <= vocab, used - vocab
