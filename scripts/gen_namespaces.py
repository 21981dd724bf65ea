"""Regenerate ontology/namespaces.py and ontology/terms.py from ontology/styrgraf.ttl.

Run after adding a term to the vocabulary:  python scripts/gen_namespaces.py

- namespaces.py: rdflib `DefinedNamespace` classes SG and SGC (for code that uses rdflib anyway).
- terms.py: the same terms as closed namespaces of plain `str` IRIs, with no rdflib import
  (for the fast query path), plus the standard vocabularies' terms listed in STANDARD_TERMS
  below: add a term there when code or a query starts using it, then rerun.

tests/test_ontology.py and tests/test_terms.py fail when the files and this script disagree.
"""

from __future__ import annotations

import keyword
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF

ROOT = Path(__file__).resolve().parent.parent
SG = "https://w3id.org/styrgraf/def#"
SGC = "https://w3id.org/styrgraf/concept/"
NAMESPACES_PATH = ROOT / "ontology" / "namespaces.py"
TERMS_PATH = ROOT / "ontology" / "terms.py"

#: The standard vocabularies in terms.py: (prefix in STANDARD_PREFIXES, docstring, local names).
#: The class is named after the prefix in capitals (rdf -> RDF). The names are those the code,
#: the queries and the knowledge base use, plus the common ones; tests/test_terms.py checks each
#: against rdflib's own closed namespace, so a misspelling here fails there.
STANDARD_TERMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("rdf", "RDF: the type property, reification and language-tagged strings.", (
        "Property", "Statement", "langString", "object", "predicate", "subject", "type",
    )),
    ("rdfs", "RDF Schema: labels, comments and the class and property hierarchy.", (
        "Class", "Literal", "comment", "domain", "label", "range", "seeAlso", "subClassOf",
        "subPropertyOf",
    )),
    ("skos", "SKOS: concepts, concept schemes, labels and notes.", (
        "Concept", "ConceptScheme", "altLabel", "broader", "definition", "editorialNote",
        "inScheme", "narrower", "notation", "note", "prefLabel", "scopeNote",
    )),
    ("dcterms", "DCMI Metadata Terms: titles, descriptions, parts, dates and relations.", (
        "created", "creator", "dateAccepted", "description", "hasPart", "isPartOf", "issued",
        "license", "modified", "publisher", "references", "relation", "replaces", "source",
        "subject", "title", "valid",
    )),
    ("org", "The W3C Organization Ontology: organisations, units, posts and members.", (
        "FormalOrganization", "Organization", "OrganizationalCollaboration",
        "OrganizationalUnit", "Post", "hasMember", "hasSubOrganization", "hasUnit", "memberOf",
        "postIn", "subOrganizationOf", "unitOf",
    )),
    ("prov", "PROV-O: provenance (what a statement or record was derived from).", (
        "Entity", "generatedAtTime", "wasDerivedFrom", "wasInfluencedBy",
    )),
    ("xsd", "XML Schema datatypes of literals.", (
        "boolean", "date", "dateTime", "decimal", "double", "float", "gYear", "gYearMonth", "int",
        "integer", "long", "negativeInteger", "nonNegativeInteger", "nonPositiveInteger",
        "positiveInteger", "short", "string",
    )),
    ("owl", "OWL: the kinds of terms the vocabulary declares.", (
        "AnnotationProperty", "Class", "DatatypeProperty", "ObjectProperty", "Ontology",
        "versionInfo",
    )),
)

#: Attribute names the terms.py namespaces use themselves; no term may take them.
RESERVED = frozenset({"NS", "terms"})


def load_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "styrgraf.ttl")


def vocabulary(g: rdflib.Graph) -> tuple[list[str], list[str], list[str]]:
    """The local names of the vocabulary's classes, properties and concepts, each sorted."""
    classes = sorted(str(s)[len(SG):] for s in g.subjects(RDF.type, OWL.Class)
                     if str(s).startswith(SG))
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    props = sorted(str(s)[len(SG):] for t in kinds for s in g.subjects(RDF.type, t)
                   if str(s).startswith(SG))
    concepts = sorted({str(s)[len(SGC):] for s in g.subjects() if str(s).startswith(SGC)})
    return classes, props, concepts


def render_namespaces(g: rdflib.Graph) -> str:
    """The source text of ontology/namespaces.py."""
    classes, props, concepts = vocabulary(g)
    plain = [c for c in concepts if c.isidentifier()]
    extras = [c for c in concepts if not c.isidentifier()]

    extras_block = "\n".join(f"        {c!r}," for c in extras)

    def block(names: list[str]) -> str:
        return "\n".join(f"    {n}: URIRef" for n in names)

    return f'''"""rdflib namespaces for the styrgraf vocabulary, in the style of rdflib.namespace.

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


def attribute_name(local: str) -> str | None:
    """The Python attribute for a local name: hyphens become underscores, keywords get a `_`."""
    name = local.replace("-", "_")
    if keyword.iskeyword(name):
        name += "_"
    return name if name.isidentifier() else None


def _term_lines(locals_: list[str]) -> list[str]:
    """`name: Final[str] = NS + "local"` lines, one per term."""
    seen: dict[str, str] = {}
    lines = []
    for local in locals_:
        name = attribute_name(local)
        if name is None or not all(ch.isalnum() or ch in "-_." for ch in local):
            raise SystemExit(f"no attribute name for the term {local!r}")
        if name in RESERVED or name in seen:
            raise SystemExit(f"term {local!r} would take the attribute {name!r}, "
                             f"already used by {seen.get(name, 'the namespace itself')!r}")
        seen[name] = local
        lines.append(f'    {name}: Final[str] = NS + "{local}"')
    return lines


def _namespace_class(name: str, doc: str, ns_expr: str, sections: list[tuple[str, list[str]]]
                     ) -> str:
    body = [f"class {name}(metaclass=_Namespace):", f'    """{doc}"""', "",
            f"    NS: Final[str] = {ns_expr}"]
    for comment, locals_ in sections:
        if locals_:
            body += ["", f"    # {comment}"] if comment else [""]
            body += _term_lines(locals_)
    return "\n".join(body) + "\n"


_TERMS_HEADER = '''"""Plain-string IRI namespaces: the styrgraf vocabulary and the standard ones.

The rdflib-free twin of namespaces.py, for the fast query path: it imports only the standard
library and `.prefixes`. Every term is a plain `str`, so it can be compared with, and passed
wherever, an IRI string goes (pyoxigraph `NamedNode(...)`, dict keys, SPARQL bindings)::

    from styrgraf.ontology.terms import RDFS, SG, SGC

    SG.supportsStrategy      # "https://w3id.org/styrgraf/def#supportsStrategy"
    SGC.utanfor_budgetbeslut  # ".../concept/utanfor-budgetbeslut": "-" becomes "_"
    SGC["utanfor-budgetbeslut"]  # the same, by local name (KeyError if unknown)
    SG.Activty               # AttributeError: a misspelt term fails instead of minting an IRI
    SG.NS, str(SG)           # the base IRI
    SG.terms                 # read-only mapping {local name: IRI}
    "Activity" in SG         # membership, by local name or by full IRI
    len(SG), list(SG)        # the number of terms; their IRIs

The namespaces are read-only classes (never instantiated); an attribute typed `Final[str]`
per term gives editors completion and type checkers a `str`.

Generated by scripts/gen_namespaces.py: SG and SGC from ontology/styrgraf.ttl, the standard
vocabularies from the term lists in the script (add a term there and rerun). Do not edit by
hand; tests/test_terms.py fails when this file and the generator disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from .prefixes import CONCEPT, STANDARD_PREFIXES, VOCAB


class _Namespace(type):
    """Metaclass of the namespaces: closed and read-only, with lookup and membership."""

    NS: str
    terms: Mapping[str, str]
    _iris: frozenset[str]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]):
        base = namespace["NS"]
        iris = [v for k, v in namespace.items() if not k.startswith("_") and k != "NS"]
        if not all(isinstance(iri, str) and iri.startswith(base) for iri in iris):
            raise TypeError(f"{name}: every term must be a str IRI under {base}")
        namespace["terms"] = MappingProxyType({iri[len(base):]: iri for iri in iris})
        namespace["_iris"] = frozenset(iris)
        return super().__new__(mcs, name, bases, namespace)

    if not TYPE_CHECKING:  # hidden from type checkers, so they flag unknown terms too

        def __getattr__(cls, name: str) -> str:
            # only reached when `name` is not a term (nor NS/terms): say so, with a suggestion
            hint = ""
            if not name.startswith("_"):
                import difflib

                known = [k for k in vars(cls) if not k.startswith("_")]
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
            raise AttributeError(f"{cls.__name__} has no term {name!r} <{cls.NS}>{hint}")

    def __setattr__(cls, name: str, value: object) -> None:
        raise AttributeError(f"{cls.__name__} is read-only")

    def __delattr__(cls, name: str) -> None:
        raise AttributeError(f"{cls.__name__} is read-only")

    def __getitem__(cls, local: str) -> str:
        try:
            return cls.terms[local]
        except KeyError:
            raise KeyError(f"{cls.__name__} has no term {local!r} <{cls.NS}>") from None

    def __contains__(cls, item: object) -> bool:
        return item in cls.terms or item in cls._iris

    def __iter__(cls) -> Iterator[str]:
        return iter(cls.terms.values())

    def __len__(cls) -> int:
        return len(cls.terms)

    def __str__(cls) -> str:
        return cls.NS

    def __repr__(cls) -> str:
        return f"<namespace {cls.__name__} {cls.NS}>"
'''


def render_terms(g: rdflib.Graph) -> str:
    """The source text of ontology/terms.py."""
    classes, props, concepts = vocabulary(g)
    unnamed = [c for c in concepts if attribute_name(c) is None]
    if unnamed:
        raise SystemExit(f"concepts without a Python attribute name: {unnamed}; "
                         "teach attribute_name() in scripts/gen_namespaces.py to name them")
    plain = [c for c in concepts if attribute_name(c) == c]
    renamed = [c for c in concepts if attribute_name(c) != c]
    parts = [
        _TERMS_HEADER,
        _namespace_class("SG", "The styrgraf vocabulary: classes and properties.", "VOCAB",
                         [("classes", classes), ("properties", props)]),
        _namespace_class(
            "SGC",
            "Controlled vocabularies: status, priority, kinds of documents, programmes, "
            "agreements.",
            "CONCEPT",
            [("", plain),
             ('attribute names that differ from the local name: SGC.prio_1 == SGC["prio-1"]',
              renamed)]),
    ]
    for prefix, doc, names in STANDARD_TERMS:
        if len(set(names)) != len(names):
            raise SystemExit(f"duplicate term in STANDARD_TERMS[{prefix!r}]")
        parts.append(_namespace_class(prefix.upper(), doc, f'STANDARD_PREFIXES["{prefix}"]',
                                      [("", sorted(names))]))
    names = ["SG", "SGC", *(prefix.upper() for prefix, _, _ in STANDARD_TERMS)]
    all_list = ", ".join(f'"{n}"' for n in sorted(names))
    return "\n\n".join(parts) + f"\n\n__all__ = [{all_list}]\n"


def main() -> None:
    g = load_graph()
    NAMESPACES_PATH.write_text(render_namespaces(g), encoding="utf-8")
    TERMS_PATH.write_text(render_terms(g), encoding="utf-8")


if __name__ == "__main__":
    main()
