"""Human names for nodes, and finding a node by the name a person types.

Everything goes through SPARQL (`queries.engine.run`), never through the
store's own API, so the same code works over a remote SPARQL endpoint.
Names match ignoring case, accents and extra spaces ("socialnamnden
centrum", "En forebyggande socialtjanst"): OCR and keyboards without å/ä/ö
are everyday facts for the people who type them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from styrgraf.ontology.prefixes import BASE
from styrgraf.ontology.terms import DCTERMS, RDFS, SKOS

from .gcpause import pausing

_VOCABULARY = (BASE + "def#", BASE + "concept/")

#: Properties that name a node, for finding it by name (alternative labels included).
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title)
#: Properties shown as a node's name, in order of preference.
DISPLAY_PROPERTIES = (RDFS.label, SKOS.prefLabel, DCTERMS.title)

_NAMES = ("SELECT DISTINCT ?node ?property ?name WHERE { VALUES ?property { "
          + " ".join(f"<{p}>" for p in NAME_PROPERTIES)
          + " } ?node ?property ?name . FILTER(isIRI(?node) && isLiteral(?name)) }")
#: one node's display names (the node is bound, so it is in the projection)
_DISPLAY_NAMES = ("SELECT ?node ?property ?name WHERE { VALUES ?property { "
                  + " ".join(f"<{p}>" for p in DISPLAY_PROPERTIES)
                  + " } ?node ?property ?name FILTER(isLiteral(?name)) }")
_TYPES = """SELECT DISTINCT ?node ?type WHERE {
  ?node a ?type . FILTER(isIRI(?node) && isIRI(?type)) }"""
#: one node's names and classes, its types' superclasses included, in one query (the
#: node is bound, so it is in the projection); the hierarchy has no blank-node classes
_NODE = ("SELECT DISTINCT ?node ?property ?name ?class WHERE { { VALUES ?property { "
         + " ".join(f"<{p}>" for p in NAME_PROPERTIES)
         + " } ?node ?property ?name . FILTER(isLiteral(?name)) } UNION "
         "{ ?node a/rdfs:subClassOf* ?class . FILTER(isIRI(?class)) } }")
#: the class hierarchy (small), closed in Python: a path per typed node is slow at scale
_SUBCLASSES = """SELECT DISTINCT ?class ?super WHERE {
  ?class rdfs:subClassOf ?super . FILTER(isIRI(?class) && isIRI(?super)) }"""


#: The letters of Swedish text, folded without the general (slower) Unicode path.
_FAST_FOLD = str.maketrans({**dict(zip("åäöéèêëáàâüúùóòôíìïçñøł", "aaoeeeeaaauuuoooiiicnol",
                                          strict=True)), "æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Fritidsgårdar" → "fritidsgardar", "é" → "e"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    # str.replace scans in C; translate looks every character up in a dict
    folded = folded.replace("å", "a").replace("ä", "a").replace("ö", "o")
    if folded.isascii():
        return folded
    folded = folded.translate(_FAST_FOLD)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_name(text: str) -> str:
    """A name as matched: folded, spaces collapsed ('Nämnden  Centrum' → 'namnden centrum')."""
    return fold(" ".join(text.split()))


@dataclass
class NameIndex:
    """Every node's names and classes, read once from the knowledge base."""

    #: node IRI → {property: {language tag: name}}
    names: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    #: folded name → node IRIs bearing it
    by_name: dict[str, set[str]] = field(default_factory=dict)
    #: node IRI → class IRIs (rdfs:subClassOf followed)
    classes: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    @pausing
    def read(cls, source) -> NameIndex:
        """Build the index with two SPARQL queries over `source` (a store or endpoint)."""
        from styrgraf.queries.engine import select

        index = cls()
        for row in select(source, _NAMES).rows:
            index.add_name(row["node"].value, row["property"].value, row["name"])
        supers = _superclasses(source)
        closed: dict[str, frozenset[str]] = {}
        for row in select(source, _TYPES).rows:
            cls_iri = row["type"].value
            if cls_iri not in closed:
                closed[cls_iri] = _ancestors(cls_iri, supers)
            index.classes.setdefault(row["node"].value, set()).update(closed[cls_iri])
        return index

    @classmethod
    def read_node(cls, source, iri: str) -> NameIndex:
        """The index of one node only (its names and classes): what resolving `-p node IRI`
        needs, without reading every name in the knowledge base."""
        import pyoxigraph as ox

        from styrgraf.queries.engine import select

        index = cls()
        for row in select(source, _NODE, {"node": ox.NamedNode(iri)}).rows:
            if row["class"] is not None:
                index.classes.setdefault(iri, set()).add(row["class"].value)
            elif row["name"] is not None:
                index.add_name(iri, row["property"].value, row["name"])
        return index

    @classmethod
    @pausing
    def read_display(cls, source, nodes: set[str] | None = None) -> NameIndex:
        """Display names only (not findable by name, no classes) of `nodes`, or of every
        node for None: what labelling a table needs."""
        from styrgraf.queries.engine import select

        query = _DISPLAY_NAMES
        if nodes is not None and len(nodes) <= FEW_NODES:  # else every name, these kept
            import pyoxigraph as ox

            values = " ".join(str(ox.NamedNode(n)) for n in sorted(nodes))  # N-Triples terms
            query = query.replace("WHERE {", f"WHERE {{ VALUES ?node {{ {values} }}", 1)
        index = cls()
        for row in select(source, query).rows:
            node = row["node"].value
            if nodes is None or node in nodes:
                index.keep_name(node, row["property"].value, row["name"])
        return index

    def add_name(self, node: str, prop: str, name) -> None:
        """Record one name (a pyoxigraph Literal) of `node`, findable by that name."""
        self.keep_name(node, prop, name)
        self.by_name.setdefault(fold_name(name.value), set()).add(node)

    def keep_name(self, node: str, prop: str, name) -> None:
        """Record one name of `node` for display only (not findable: nothing folded)."""
        self.names.setdefault(node, {}).setdefault(prop, {}).setdefault(
            name.language or "", name.value)

    def label(self, node: str, lang: str = "sv") -> str | None:
        """The node's display name in `lang`, else English, else untagged, else any."""
        by_prop = self.names.get(node, {})
        for prop in DISPLAY_PROPERTIES:
            found = by_prop.get(prop)
            if found:
                for preferred in (lang, "en", "sv", ""):
                    if preferred in found:
                        return found[preferred]
                return found[min(found)]
        return None

    def known(self, node: str) -> bool:
        return node in self.names or node in self.classes

    def named(self, text: str) -> set[str]:
        """Nodes with a name equal to `text` (folded)."""
        return set(self.by_name.get(fold_name(text), set()))

    def near(self, text: str, limit: int = 8) -> list[str]:
        """Nodes whose names contain `text` or resemble it, best first."""
        import difflib

        wanted = fold_name(text)
        if not wanted:
            return []
        containing = sorted({n for name, nodes in self.by_name.items() if wanted in name
                             for n in nodes})
        close = difflib.get_close_matches(wanted, list(self.by_name), n=limit, cutoff=0.6)
        similar = [n for name in close for n in sorted(self.by_name[name])]
        # a word of the text that is itself a name ("Nätverket SVF" → the node called "SVF")
        words = [w for w in wanted.replace(",", " ").split() if len(w) >= 3]
        named_words = [n for w in words for n in sorted(self.by_name.get(w, ()))]
        found = [n for n in dict.fromkeys(named_words + similar + containing)
                 if not n.startswith(_VOCABULARY)]  # suggest data, not the ontology's terms
        return found[:limit]

    def has_class(self, node: str, class_iris: tuple[str, ...]) -> bool:
        return bool(self.classes.get(node, set()) & set(class_iris))


#: Above this many nodes, reading every name once is cheaper than asking for these.
FEW_NODES = 500


def labels_of(source, nodes: set[str], lang: str = "sv",
              index: NameIndex | None = None) -> dict[str, str | None]:
    """Display names of `nodes`: from `index` when it is read, else one query for just
    these nodes (a table of a dozen rows should not read every name in the city)."""
    if index is None:
        index = NameIndex.read_display(source, nodes)
    return {n: index.label(n, lang) for n in nodes}


def _superclasses(source) -> dict[str, set[str]]:
    """Class → its direct superclasses (the hierarchy is small: read whole)."""
    from styrgraf.queries.engine import select

    supers: dict[str, set[str]] = {}
    for row in select(source, _SUBCLASSES).rows:
        supers.setdefault(row["class"].value, set()).add(row["super"].value)
    return supers


def _ancestors(cls_iri: str, supers: dict[str, set[str]]) -> frozenset[str]:
    """The class and every class above it (rdfs:subClassOf*, cycles allowed)."""
    seen, todo = {cls_iri}, [cls_iri]
    while todo:
        for parent in supers.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return frozenset(seen)


def label_of(source, node, lang: str = "sv") -> str | None:
    """One node's display name (a single query; use NameIndex for many nodes)."""
    import pyoxigraph as ox

    from styrgraf.queries.engine import select

    iri = getattr(node, "value", node)
    index = NameIndex()
    for row in select(source, _DISPLAY_NAMES, {"node": ox.NamedNode(iri)}).rows:
        index.add_name(iri, row["property"].value, row["name"])
    return index.label(iri, lang)
