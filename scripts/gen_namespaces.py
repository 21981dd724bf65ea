"""Regenerate ontology/namespaces.py from ontology/styrgraf.ttl.

Run after adding a term to the vocabulary:  python scripts/gen_namespaces.py
tests/test_ontology.py fails when the two disagree.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF

ROOT = Path(__file__).resolve().parent.parent
SG = "https://w3id.org/styrgraf/def#"
SGC = "https://w3id.org/styrgraf/concept/"


def main() -> None:
    g = rdflib.Graph().parse(ROOT / "ontology" / "styrgraf.ttl")
    classes = sorted(str(s)[len(SG):] for s in g.subjects(RDF.type, OWL.Class)
                     if str(s).startswith(SG))
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    props = sorted(str(s)[len(SG):] for t in kinds for s in g.subjects(RDF.type, t)
                   if str(s).startswith(SG))
    concepts = sorted({str(s)[len(SGC):] for s in g.subjects() if str(s).startswith(SGC)})
    plain = [c for c in concepts if c.isidentifier()]
    extras = [c for c in concepts if not c.isidentifier()]

    extras_block = "\n".join(f"        {c!r}," for c in extras)

    def block(names: list[str]) -> str:
        return "\n".join(f"    {n}: URIRef" for n in names)

    source = f'''"""rdflib namespaces for the styrgraf vocabulary, in the style of rdflib.namespace.

`SG` and `SGC` are closed (`DefinedNamespace`): a misspelt term raises
AttributeError instead of silently minting a new IRI. Generated from
ontology/styrgraf.ttl by scripts/gen_namespaces.py; a test keeps them in step.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .prefixes import CONCEPT, GRAPH, ID_PREFIXES, VOCAB


class SG(DefinedNamespace):
    """The styrgraf vocabulary: classes and properties."""

    _NS = Namespace(VOCAB)
    _fail = True

    # classes
{block(classes)}

    # properties
{block(props)}


class SGC(DefinedNamespace):
    """Controlled vocabularies: status, priority, kinds of documents, programmes, agreements."""

    _NS = Namespace(CONCEPT)
    _fail = True
    # names that are not Python identifiers
    _extras = (
{extras_block}
    )

{block(plain)}


GRAPH_NS = Namespace(GRAPH)
ID = {{prefix: Namespace(iri) for prefix, iri in ID_PREFIXES.items()}}

__all__ = ["GRAPH_NS", "ID", "SG", "SGC"]
'''
    (ROOT / "ontology" / "namespaces.py").write_text(source, encoding="utf-8")


if __name__ == "__main__":
    main()
