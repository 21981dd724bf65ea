"""Prefixes shared by queries, output and serialisation.

Plain strings, no rdflib import: the query path must start fast.
"""

from __future__ import annotations

BASE = "https://w3id.org/styrgraf/"
VOCAB = BASE + "def#"
CONCEPT = BASE + "concept/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

#: Instance namespaces, one per kind of node (see knowledge/CURATION.md).
ID_PREFIXES: dict[str, str] = {
    "doc": ID + "document/",
    "sec": ID + "section/",
    "goal": ID + "goal/",
    "dir": ID + "direction/",
    "strat": ID + "strategy/",
    "area": ID + "focus-area/",
    "act": ID + "activity/",
    "asg": ID + "assignment/",
    "resp": ID + "response/",
    "actor": ID + "actor/",
    "prog": ID + "programme/",
    "ind": ID + "indicator/",
    "fig": ID + "figure/",
    "agr": ID + "agreement/",
    "meth": ID + "method/",
    "gl": ID + "guideline/",
    "cur": ID + "judgement/",
}

STANDARD_PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
}

PREFIXES: dict[str, str] = {
    "sg": VOCAB,
    "sgc": CONCEPT,
    "graph": GRAPH,
    **ID_PREFIXES,
    **STANDARD_PREFIXES,
}


def compact(iri: str) -> str:
    """Shorten an IRI to a prefixed name where a known prefix matches, longest first."""
    best_prefix, best_ns = None, ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best_ns) and _is_safe_local(iri[len(ns):]):
            best_prefix, best_ns = prefix, ns
    return f"{best_prefix}:{iri[len(best_ns):]}" if best_prefix else iri


def expand(pname: str) -> str | None:
    """Expand `prefix:local` with a known prefix, or return None."""
    prefix, sep, local = pname.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return PREFIXES[prefix] + local


def _is_safe_local(local: str) -> bool:
    return all(ch.isalnum() or ch in "-_." for ch in local) and not local.endswith(".")
