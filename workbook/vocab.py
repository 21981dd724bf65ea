"""What a cell may name from the vocabulary: classes (the Typ column) and concept lists.

Read from the ontology graph, so a class or concept added there is accepted
by the import and offered by the template's dropdowns without code changes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox

from styrgraf.knowledge.labels import fold_name
from styrgraf.ontology.prefixes import CONCEPT, compact
from styrgraf.ontology.terms import OWL, RDF, RDFS, SKOS


@dataclass
class Vocabulary:
    #: folded class name (local name, compact name, sv/en label) → class IRI
    classes: dict[str, str] = field(default_factory=dict)
    #: class IRI → its name as written in the Typ column (local name, or compact)
    class_names: dict[str, str] = field(default_factory=dict)
    #: scheme local name → [(concept IRI, Swedish label)] in the ontology's order
    schemes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _lookup: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def concept(self, scheme: str, text: str) -> str | None:
        """The concept of `scheme` named `text` (label, local name or compact id)."""
        if scheme not in self._lookup:
            self._lookup[scheme] = {
                fold_name(name): iri for iri, label in self.schemes.get(scheme, [])
                for name in (compact(iri), iri.rsplit("/", 1)[-1], label)}
        return self._lookup[scheme].get(fold_name(text))

    def concept_label(self, scheme: str, iri: str) -> str | None:
        return next((label for c, label in self.schemes.get(scheme, []) if c == iri), None)

    def labels(self, scheme: str) -> list[str]:
        return [label for _, label in self.schemes.get(scheme, [])]


def _load(store: ox.Store) -> Vocabulary:
    vocab = Vocabulary()
    from styrgraf.knowledge.sources import ONTOLOGY_GRAPH

    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDF.type), ox.NamedNode(OWL.Class),
                                        graph):
        iri = quad.subject.value
        name = iri.split("#")[-1] if "#" in iri else compact(iri)
        vocab.class_names[iri] = name
        for key in (name, compact(iri), iri):
            vocab.classes[fold_name(key)] = iri
        for label in store.quads_for_pattern(quad.subject, ox.NamedNode(RDFS.label), None,
                                             graph):
            vocab.classes.setdefault(fold_name(label.object.value), iri)
    for quad in store.quads_for_pattern(None, ox.NamedNode(SKOS.inScheme), None, graph):
        scheme = quad.object.value
        if not scheme.startswith(CONCEPT):
            continue
        label = next((q.object.value for q in store.quads_for_pattern(
            quad.subject, ox.NamedNode(SKOS.prefLabel), None, graph)
            if q.object.language == "sv"), quad.subject.value.rsplit("/", 1)[-1])
        vocab.schemes.setdefault(scheme[len(CONCEPT):], []).append((quad.subject.value, label))
    for concepts in vocab.schemes.values():
        concepts.sort(key=lambda c: fold_name(c[1]))
    return vocab


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary of the packaged ontology (the same for every knowledge base)."""
    from styrgraf.knowledge.sources import ONTOLOGY_GRAPH
    from styrgraf.ontology import VOCABULARY_PATH

    store = ox.Store()
    store.bulk_load(path=str(VOCABULARY_PATH), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return _load(store)
