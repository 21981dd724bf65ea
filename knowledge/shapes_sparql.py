"""The SHACL shapes compiled into SPARQL, run directly on the Oxigraph store.

pySHACL validates an rdflib copy of the knowledge base: at 1M triples the copy
alone took 13–22 s and the validation 89–109 s. The SHACL specification defines
each core constraint component by a SPARQL query; this module does the same for
the components `ontology/shapes.ttl` uses, one query per (shape, constraint),
run on the store's union of graphs (the vocabulary included, for subclasses).

Only what the shapes file uses is compiled: targets by class (instances of
subclasses included), paths that are an IRI or [sh:inversePath IRI], sh:minCount,
sh:maxCount, sh:datatype, sh:class, sh:in, sh:or of [sh:class …], sh:uniqueLang,
sh:qualifiedValueShape [sh:languageIn (…)] with sh:qualifiedMinCount,
sh:severity and sh:message. Anything else raises `UnsupportedShape` when the
shapes are compiled, naming the component and the shape, so a caller can fall
back to pySHACL: a shape is never validated in part.

The results are pySHACL's, result for result (tests/test_shapes_sparql.py
compares the two): counts count distinct values, value-based components give one
result per (focus node, offending value), and the statements the rdflib copy
leaves out (those with an RDF 1.2 triple term) are left out here too. Query text
holds only IRIs and language tags from the shapes file, each checked before it is
written; a data value is never written into a query (a term from the data is bound
through the store's `substitutions`).
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from styrgraf.ontology.prefixes import BASE, compact

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_SGSH = BASE + "shapes#"

_TYPE = ox.NamedNode(RDF + "type")
_SHAPE_TYPES = {ox.NamedNode(SH + t) for t in ("NodeShape", "PropertyShape", "Shape")}
_FIRST, _REST, _NIL = (ox.NamedNode(RDF + n) for n in ("first", "rest", "nil"))
#: a value's classes, its types' superclasses included (SHACL's "SHACL instance")
_INSTANCE_PATH = f"<{RDF}type>/<{RDFS}subClassOf>*"

#: What a property shape may say, besides rdf:type and what is not in the sh: namespace.
_PROPERTY_KEYS = {"path", "minCount", "maxCount", "datatype", "class", "in", "or",
                  "uniqueLang", "qualifiedValueShape", "qualifiedMinCount", "severity",
                  "message"}
#: What a node shape with targets may say.
_NODE_KEYS = {"targetClass", "property"}
#: Datatypes pySHACL treats specially (every literal matches): not compiled.
_SPECIAL_DATATYPES = {RDFS + "Literal", RDFS + "Datatype"}

#: An absolute IRI that is safe between < and > in a query: a scheme, and none of
#: the characters SPARQL's IRIREF excludes.
_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
_LANGUAGE = re.compile(r"\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


class UnsupportedShape(ValueError):
    """The shapes use something the compiler does not translate (validate with pySHACL)."""

    def __init__(self, what: str, shape: ox.NamedNode | ox.BlankNode | None = None,
                 context: str = ""):
        where = f" (in shape {_name(shape)}{context})" if shape is not None else ""
        super().__init__(f"unsupported SHACL: {what}{where}")
        self.what = what
        self.shape = shape


class Result(NamedTuple):
    """One validation result, in the terms of the store."""

    focus: ox.NamedNode | ox.BlankNode
    value: ox.NamedNode | ox.BlankNode | ox.Literal | None
    path: str  # "sg:x", or "^sg:x" for an inverse path
    severity: str  # the severity's IRI, sh:Violation unless the shape says otherwise
    component: str  # the source constraint component's IRI
    messages: dict[str, str]  # sh:message by language tag ("" for none), in file order
    shape: ox.NamedNode | ox.BlankNode  # the source shape (the property shape)


@dataclass(frozen=True)
class Check:
    """One (node shape, property shape, constraint) as a query.

    The query's rows bind ?this (the focus node) and, for a value-based component,
    ?v (the offending value). A datatype check also finds the values whose datatype
    is right but whose lexical form is not (`ill_typed`): from each such literal to
    the statements having it, then `target_query` with ?this bound to their subject;
    a data value is never written into a query."""

    node_shape: ox.NamedNode | ox.BlankNode
    shape: ox.NamedNode | ox.BlankNode
    component: str
    path: str
    severity: str
    messages: dict[str, str] = field(hash=False, compare=False)
    query: str
    has_value: bool
    #: a datatype check on an IRI path: the datatype, the path, and a query whose row
    #: says ?this (bound) is a focus node, for the ill-typed literals of that datatype
    datatype: str | None = None
    forward_path: str | None = None
    target_query: str | None = None

    @property
    def name(self) -> str:
        """A short description for logs and timings."""
        shape = "[]" if isinstance(self.shape, ox.BlankNode) else _name(self.shape)
        return (f"{_name(self.node_shape)} {shape} {self.path} "
                f"{self.component.removeprefix(SH).removesuffix('ConstraintComponent')}")

    def run(self, store: ox.Store, ill_typed: Iterable[ox.Literal] = ()) -> Iterator[Result]:
        """The results on `store`; `ill_typed` are the store's ill-typed literals."""
        for row in store.query(self.query, use_default_graph_as_union=True):
            value = row["v"] if self.has_value else None
            yield Result(row["this"], value, self.path, self.severity, self.component,
                         self.messages, self.shape)
        for focus, value in self._ill_typed_values(store, ill_typed):
            yield Result(focus, value, self.path, self.severity, self.component,
                         self.messages, self.shape)

    def _ill_typed_values(self, store: ox.Store, ill_typed: Iterable[ox.Literal]):
        """(focus node, value) for the values of the right datatype that are ill-typed.

        From each literal to the statements having it (an index lookup), then whether
        their subject is a focus node (a query with ?this bound): binding the literal in
        one query instead made Oxigraph walk every focus node, 0.1 s per literal at 1M
        triples."""
        if self.target_query is None or self.forward_path is None:
            return
        path, this = ox.NamedNode(self.forward_path), ox.Variable("this")
        is_focus: dict = {}
        for literal in ill_typed:
            if literal.datatype is None or literal.datatype.value != self.datatype:
                continue
            for subject in {q.subject for q in store.quads_for_pattern(None, path, literal, None)}:
                if subject not in is_focus:
                    is_focus[subject] = any(True for _ in store.query(
                        self.target_query, use_default_graph_as_union=True,
                        substitutions={this: subject}))
                if is_focus[subject]:
                    yield subject, literal


# --- compiling ------------------------------------------------------------------------

def compile_shapes(source: Path | bytes | None = None) -> list[Check]:
    """The checks of a Turtle shapes graph (a file, or its bytes; default shapes.ttl)."""
    if source is None:
        from styrgraf.ontology.vocabulary import SHAPES_PATH

        source = Path(SHAPES_PATH)
    data = source.read_bytes() if isinstance(source, Path) else source
    graph = ox.Store()
    graph.load(input=data, format=ox.RdfFormat.TURTLE)
    return _Compiler(graph).checks()


class _Compiler:
    def __init__(self, graph: ox.Store):
        self.g = graph

    # reading the shapes graph

    def objects(self, node, key: str) -> list:
        predicate = ox.NamedNode(SH + key)
        return [q.object for q in self.g.quads_for_pattern(node, predicate, None, None)]

    def one(self, node, key: str):
        found = self.objects(node, key)
        if len(found) > 1:
            raise UnsupportedShape(f"more than one sh:{key}", node)
        return found[0] if found else None

    def has(self, s, p, o) -> bool:
        return next(iter(self.g.quads_for_pattern(s, p, o, None)), None) is not None

    def keys(self, node) -> set[str]:
        """The sh: properties of `node` (the others, rdfs:comment and such, are ignored)."""
        found = set()
        for q in self.g.quads_for_pattern(node, None, None, None):
            p = q.predicate.value
            if p.startswith(SH):
                found.add(p.removeprefix(SH))
        return found

    def items(self, head, shape) -> list:
        """The members of an RDF list."""
        items, seen = [], set()
        while head != _NIL:
            if not isinstance(head, ox.BlankNode | ox.NamedNode) or head in seen:
                raise UnsupportedShape("a malformed RDF list", shape)
            seen.add(head)
            first = [q.object for q in self.g.quads_for_pattern(head, _FIRST, None, None)]
            rest = [q.object for q in self.g.quads_for_pattern(head, _REST, None, None)]
            if len(first) != 1 or len(rest) != 1:
                raise UnsupportedShape("a malformed RDF list", shape)
            items.append(first[0])
            head = rest[0]
        return items

    def iri(self, term, what: str, shape) -> str:
        """`term`'s IRI, if it is one that can be written into a query."""
        if not isinstance(term, ox.NamedNode) or not _SAFE_IRI.fullmatch(term.value):
            raise UnsupportedShape(f"{what} that is not an IRI ({term})", shape)
        return term.value

    def flag(self, node, key: str) -> bool:
        term = self.one(node, key)
        if term is None:
            return False
        if not (isinstance(term, ox.Literal) and term.datatype == ox.NamedNode(XSD + "boolean")
                and term.value in ("true", "false")):
            raise UnsupportedShape(f"an sh:{key} that is not an xsd:boolean", node)
        return term.value == "true"

    def count(self, term, what: str, shape) -> int:
        if (not isinstance(term, ox.Literal) or term.datatype != ox.NamedNode(XSD + "integer")
                or not re.fullmatch(r"[+]?[0-9]+", term.value)):
            raise UnsupportedShape(f"sh:{what} that is not a non-negative xsd:integer", shape)
        return int(term.value)

    # node shapes

    def checks(self) -> list[Check]:
        node_shapes = []
        for q in self.g.quads_for_pattern(None, None, None, None):
            key = q.predicate.value.removeprefix(SH)
            if q.predicate.value.startswith(SH) and key.startswith("target"):
                if key != "targetClass":
                    raise UnsupportedShape(f"sh:{key}", q.subject)
                if q.subject not in node_shapes:
                    node_shapes.append(q.subject)
        for q in self.g.quads_for_pattern(None, _TYPE, None, None):
            # a shape that is also a class (rdfs:Class, owl:Class …) targets its instances
            if q.object not in _SHAPE_TYPES and (self.keys(q.subject) or any(
                    self.has(q.subject, _TYPE, t) for t in _SHAPE_TYPES)):
                raise UnsupportedShape(f"a shape of type {_name(q.object)} (an implicit class "
                                       "target, or not a shape)", q.subject)
        checks: list[Check] = []
        for node_shape in node_shapes:
            checks += self.node_shape(node_shape)
        return checks

    def node_shape(self, node) -> list[Check]:
        extra = self.keys(node) - _NODE_KEYS
        if extra:
            raise UnsupportedShape(_components(extra), node)
        classes = [self.iri(c, "sh:targetClass", node) for c in self.objects(node, "targetClass")]
        # Inline, not a DISTINCT subquery: Oxigraph then starts from the (few) instances
        # instead of every value of the path (0.3 s a check at 1M triples for no instance).
        # A node typed twice comes twice: every query keeps distinct rows or counts only
        # distinct values.
        target = ("VALUES ?targetClass { " + " ".join(f"<{c}>" for c in classes)
                  + f" }} ?targetType <{RDFS}subClassOf>* ?targetClass . "
                  f"?this <{RDF}type> ?targetType . FILTER(!isTRIPLE(?this))")
        checks = []
        for prop in self.objects(node, "property"):
            if not isinstance(prop, ox.NamedNode | ox.BlankNode):
                raise UnsupportedShape("an sh:property that is not a shape", node)
            try:
                checks += self.property_shape(node, prop, target)
            except UnsupportedShape as e:
                if e.shape != prop or not isinstance(prop, ox.BlankNode):
                    raise
                path = self.objects(prop, "path")  # name the blank node's place
                said = f" with sh:path {_name(path[0])}" if len(path) == 1 else ""
                raise UnsupportedShape(e.what, prop,
                                       f", an sh:property of {_name(node, True)}{said}") from None
        return checks

    # property shapes

    def property_shape(self, node, shape, target: str) -> list[Check]:
        keys = self.keys(shape)
        extra = keys - _PROPERTY_KEYS
        if extra:
            raise UnsupportedShape(_components(extra), shape)
        path_text, values = self.path(shape)
        severity = self.one(shape, "severity")
        severity = (SH + "Violation" if severity is None
                    else self.iri(severity, "sh:severity", shape))
        messages: dict[str, str] = {}
        for m in self.objects(shape, "message"):
            if not isinstance(m, ox.Literal):
                raise UnsupportedShape("an sh:message that is not a literal", shape)
            messages.setdefault(m.language or "", m.value)
        if not messages:  # pySHACL would write a message of its own
            raise UnsupportedShape("a property shape without sh:message", shape)

        def check(component: str, query: str, has_value: bool, **more) -> Check:
            return Check(node, shape, SH + component + "ConstraintComponent", path_text,
                         severity, messages, query, has_value, **more)

        def missing(condition: str, minimum: int) -> str:
            """Focus nodes with fewer than `minimum` values meeting `condition`."""
            if minimum == 1:
                return (f"SELECT DISTINCT ?this WHERE {{ {target} "
                        f"FILTER NOT EXISTS {{ {values} {condition} }} }}")
            return (f"SELECT ?this WHERE {{ {target} OPTIONAL {{ {values} {condition} }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {minimum})")

        def offending(condition: str) -> str:
            return f"SELECT DISTINCT ?this ?v WHERE {{ {target} {values} FILTER({condition}) }}"

        checks = []
        minimum = self.one(shape, "minCount")
        if minimum is not None and (n := self.count(minimum, "minCount", shape)) > 0:
            checks.append(check("MinCount", missing("", n), False))
        if (maximum := self.one(shape, "maxCount")) is not None:
            n = self.count(maximum, "maxCount", shape)
            checks.append(check("MaxCount", f"SELECT ?this WHERE {{ {target} {values} }} "
                                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {n})", False))
        if (datatype := self.one(shape, "datatype")) is not None:
            path = self.one(shape, "path")  # an inverse path's values are never literals
            checks.append(self.datatype(shape, self.iri(datatype, "sh:datatype", shape), target,
                                        values, check,
                                        path.value if isinstance(path, ox.NamedNode) else None))
        for cls in self.objects(shape, "class"):
            iri = self.iri(cls, "sh:class", shape)
            checks.append(check("Class", offending(f"NOT EXISTS {{ ?v {_INSTANCE_PATH} <{iri}> }}"),
                                True))
        if (members := self.one(shape, "in")) is not None:
            iris = [self.iri(m, "an sh:in member", shape) for m in self.items(members, shape)]
            condition = " && ".join(f"!sameTerm(?v, <{i}>)" for i in iris) or "true"
            checks.append(check("In", offending(condition), True))
        if (alternatives := self.one(shape, "or")) is not None:
            classes = [self.or_class(a, shape) for a in self.items(alternatives, shape)]
            if not classes:  # pySHACL refuses to load the shapes
                raise UnsupportedShape("an empty sh:or", shape)
            condition = " && ".join(f"NOT EXISTS {{ ?v {_INSTANCE_PATH} <{c}> }}"
                                    for c in classes)
            checks.append(check("Or", offending(condition), True))
        if self.flag(shape, "uniqueLang"):  # a result for each language used twice
            checks.append(check("UniqueLang", (
                f"SELECT ?this WHERE {{ {target} {values} "
                "FILTER(isLiteral(?v) && LANG(?v) != \"\") } "
                "GROUP BY ?this (LCASE(LANG(?v)) AS ?language) HAVING (COUNT(DISTINCT ?v) > 1)"),
                False))
        checks += self.qualified(shape, values, missing, check)
        return checks

    def path(self, shape) -> tuple[str, str]:
        """The path's text ("sg:x", "^sg:x"), and the pattern binding its values ?v of ?this.

        Statements whose object is an RDF 1.2 triple term are not in pySHACL's data
        graph (validate reports them apart), so they are no values here either."""
        path = self.one(shape, "path")
        if path is None:
            raise UnsupportedShape("a property shape without sh:path", shape)
        if isinstance(path, ox.NamedNode):
            iri = self.iri(path, "sh:path", shape)
            return compact(iri), f"?this <{iri}> ?v . FILTER(!isTRIPLE(?v))"
        if isinstance(path, ox.BlankNode):
            said = [q for q in self.g.quads_for_pattern(path, None, None, None)]
            if len(said) == 1 and said[0].predicate == ox.NamedNode(SH + "inversePath"):
                iri = self.iri(said[0].object, "sh:inversePath", shape)
                return "^" + compact(iri), f"?v <{iri}> ?this ."
        raise UnsupportedShape("an sh:path other than an IRI or [sh:inversePath IRI]", shape)

    def datatype(self, shape, iri: str, target: str, values: str, check,
                 forward_path: str | None) -> Check:
        """Values that are not literals of the datatype, or literals of it that are ill-typed.

        pySHACL takes a literal's datatype as SPARQL's datatype() does (rdf:langString for a
        language-tagged one) and fails a literal whose lexical form rdflib cannot read."""
        if iri in _SPECIAL_DATATYPES:
            raise UnsupportedShape(f"sh:datatype <{iri}>", shape)
        return check(
            "Datatype",
            f"SELECT DISTINCT ?this ?v WHERE {{ {target} {values} "
            f"FILTER(!isLiteral(?v) || datatype(?v) != <{iri}>) }}",
            True, datatype=iri, forward_path=forward_path,
            target_query=f"SELECT ?this WHERE {{ {target} }} LIMIT 1")

    def or_class(self, alternative, shape) -> str:
        """The class of one sh:or alternative, which must be [sh:class C] and nothing else."""
        if (not isinstance(alternative, ox.NamedNode | ox.BlankNode)
                or self.keys(alternative) != {"class"}):
            raise UnsupportedShape("an sh:or alternative other than [sh:class C]", shape)
        classes = self.objects(alternative, "class")
        if len(classes) != 1:
            raise UnsupportedShape("an sh:or alternative other than [sh:class C]", shape)
        return self.iri(classes[0], "sh:class", shape)

    def qualified(self, shape, values: str, missing, check) -> list[Check]:
        """sh:qualifiedValueShape [sh:languageIn (…)] with sh:qualifiedMinCount."""
        value_shape = self.one(shape, "qualifiedValueShape")
        minimum = self.one(shape, "qualifiedMinCount")
        if value_shape is None:
            if minimum is not None:
                raise UnsupportedShape("sh:qualifiedMinCount without sh:qualifiedValueShape", shape)
            return []
        if minimum is None:
            raise UnsupportedShape("sh:qualifiedValueShape without sh:qualifiedMinCount", shape)
        if (not isinstance(value_shape, ox.NamedNode | ox.BlankNode)
                or self.keys(value_shape) != {"languageIn"}):
            raise UnsupportedShape("an sh:qualifiedValueShape other than [sh:languageIn (…)]",
                                   shape)
        languages = []
        for item in self.items(self.one(value_shape, "languageIn"), shape):
            if (not isinstance(item, ox.Literal) or item.datatype != ox.NamedNode(XSD + "string")
                    or not _LANGUAGE.fullmatch(item.value)):
                raise UnsupportedShape("an sh:languageIn member that is not a language tag", shape)
            languages.append(item.value.lower())
        n = self.count(minimum, "qualifiedMinCount", shape)
        if n == 0:
            return []
        # pySHACL: a tag matches if it, or its part before the first "-", is in the list
        if "*" in languages:
            matches = "true"
        elif languages:
            listed = ", ".join(f'"{t}"' for t in languages)
            matches = (f"(LCASE(LANG(?v)) IN ({listed}) || "
                       f"LCASE(STRBEFORE(LANG(?v), \"-\")) IN ({listed}))")
        else:
            matches = "false"
        condition = f"FILTER(isLiteral(?v) && LANG(?v) != \"\" && {matches})"
        component = "QualifiedMinCount"
        return [check(component, missing(condition, n), False)]


def _components(keys: set[str]) -> str:
    return ", ".join(f"sh:{k}" for k in sorted(keys))


def _name(term, bracket: bool = False) -> str:
    """A term as messages show it: prefixed if a prefix is known, else as in N-Triples."""
    if isinstance(term, ox.NamedNode):
        short = compact(term.value)
        if short == term.value and term.value.startswith(_SGSH):  # the shapes' own namespace
            short = "sgsh:" + term.value.removeprefix(_SGSH)
        return f"<{short}>" if bracket and short == term.value else short
    return str(term)


# --- running -------------------------------------------------------------------------

def run_checks(store: ox.Store, checks: Iterable[Check], *,
               ill_typed: Iterable[ox.Literal] | None = None,
               timings: list[tuple[Check, float]] | None = None) -> list[Result]:
    """Every check's results on `store`, in the order of the checks.

    `ill_typed`: the store's literals rdflib cannot read (`ill_typed_literals`), if the
    caller has them already. `timings`, if given, gets each check and its time in seconds."""
    bad = list(ill_typed_literals(store) if ill_typed is None else ill_typed)
    results: list[Result] = []
    for check in checks:
        start = time.perf_counter()
        results += check.run(store, bad)
        if timings is not None:
            timings.append((check, time.perf_counter() - start))
    return results


#: The literals of a datatype other than xsd:string and rdf:langString (rdflib reads those
#: always), and every triple term, each once.
_TYPED = f"""SELECT DISTINCT ?o WHERE {{ ?s ?p ?o .
  FILTER(isTRIPLE(?o) || (isLiteral(?o) && datatype(?o) != <{XSD}string>
                          && datatype(?o) != <{RDF}langString>)) }}"""


def typed_terms(store: ox.Store) -> list[ox.Literal | ox.Triple]:
    """The store's distinct typed literals (not strings) and triple terms, in one pass."""
    return [row["o"] for row in store.query(_TYPED, use_default_graph_as_union=True)]


def ill_typed_literals(store: ox.Store,
                       terms: Iterable[ox.Literal | ox.Triple] | None = None) -> list[ox.Literal]:
    """The literals whose lexical form rdflib cannot read ("abc"^^xsd:integer).

    pySHACL fails such a literal on sh:datatype even when the datatype is right;
    rdflib's own reading decides, so both engines agree on what is ill-typed."""
    found = typed_terms(store) if terms is None else terms
    return [t for t in found if isinstance(t, ox.Literal) and rdflib_ill_typed(t)]


def rdflib_ill_typed(term: ox.Literal) -> bool:
    """Whether rdflib finds `term` ill-typed (its lexical form is not of its datatype)."""
    import rdflib

    if term.language or term.datatype is None:
        return False
    datatype = rdflib.URIRef(term.datatype.value)
    with quiet_rdflib():
        return bool(rdflib.Literal(term.value, datatype=datatype).ill_typed)


@contextlib.contextmanager
def quiet_rdflib():
    """rdflib logs a traceback for every ill-typed literal it meets: the report says it."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


__all__ = ["Check", "Result", "UnsupportedShape", "compile_shapes", "ill_typed_literals",
           "rdflib_ill_typed", "run_checks", "typed_terms"]
