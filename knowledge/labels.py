"""Human names for nodes: the label a strategist would recognise."""

from __future__ import annotations

import pyoxigraph as ox

from styrgraf.ontology.prefixes import STANDARD_PREFIXES

RDFS_LABEL = STANDARD_PREFIXES["rdfs"] + "label"
SKOS_PREF = STANDARD_PREFIXES["skos"] + "prefLabel"
SKOS_ALT = STANDARD_PREFIXES["skos"] + "altLabel"
DCT_TITLE = STANDARD_PREFIXES["dcterms"] + "title"

#: Properties that name a node, for finding it by name (alternative labels included).
NAME_PROPERTIES = (RDFS_LABEL, SKOS_PREF, SKOS_ALT, DCT_TITLE)
#: Properties shown as a node's name, in order of preference.
DISPLAY_PROPERTIES = (RDFS_LABEL, SKOS_PREF, DCT_TITLE)


def label_of(store: ox.Store, node: ox.NamedNode | ox.BlankNode, lang: str = "sv") -> str | None:
    """The node's label in `lang`, else English, else any language."""
    for prop in DISPLAY_PROPERTIES:
        found: dict[str, str] = {}
        for q in store.quads_for_pattern(node, ox.NamedNode(prop), None, None):
            if isinstance(q.object, ox.Literal):
                found.setdefault(q.object.language or "", q.object.value)
        for preferred in (lang, "en", ""):
            if preferred in found:
                return found[preferred]
        if found:
            return next(iter(found.values()))
    return None
