"""The shapes compiled into SPARQL give pySHACL's results, result for result.

pySHACL over an rdflib copy of the store is the reference: on the built-in knowledge
base, on data broken to fail every kind of constraint in ontology/shapes.ttl, and on
random deletions and additions, both engines give the same multiset of (focus,
path, severity, constraint component, value), and `validate` the same report.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from styrgraf.knowledge.shapes_sparql import (
    UnsupportedShape,
    compile_shapes,
    ill_typed_literals,
    run_checks,
)
from styrgraf.knowledge.store import KnowledgeBase
from styrgraf.knowledge.validate import _path_text, quiet_rdflib, to_rdflib, validate

SG = "https://w3id.org/styrgraf/def#"
SGC = "https://w3id.org/styrgraf/concept/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"
EX = "https://example.org/test/"

TYPE, LABEL, SUBCLASS = ox.NamedNode(RDF + "type"), ox.NamedNode(RDFS + "label"), \
    ox.NamedNode(RDFS + "subClassOf")
HOSTILE = ['say "hi" \'there\'', "{ } }} {{", "<script>alert(1)</script>", "=cmd|'/c calc'!A1",
           "\x1b[31mred\x1b[0m \x07", "line one\nline two\r\n", "back\\slash", "?v ; DROP ALL"]


def sg(local: str) -> ox.NamedNode:
    return ox.NamedNode(SG + local)


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


# --- the two engines ------------------------------------------------------------------

def _term_key(term):
    """A term of either library as one comparable tuple."""
    import rdflib

    if term is None:
        return None
    if isinstance(term, ox.NamedNode | rdflib.URIRef):
        return ("iri", str(term.value if isinstance(term, ox.NamedNode) else term))
    if isinstance(term, ox.BlankNode | rdflib.BNode):
        return ("bnode", str(term.value if isinstance(term, ox.BlankNode) else term))
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.language or None,
                None if term.language else term.datatype.value)
    return ("literal", str(term), term.language or None,
            None if term.language else str(term.datatype or XSD + "string"))


def compiled_keys(store: ox.Store, shapes=None) -> Counter:
    results = run_checks(store, compile_shapes(shapes))
    return Counter((_term_key(r.focus), r.path, r.severity, r.component, _term_key(r.value))
                   for r in results)


def pyshacl_keys(store: ox.Store, shapes=None) -> Counter:
    import pyshacl
    import rdflib
    from rdflib.namespace import SH as RSH

    from styrgraf.ontology.vocabulary import SHAPES_PATH

    shapes_graph = rdflib.Graph().parse(shapes or SHAPES_PATH, format="turtle")
    with quiet_rdflib():
        _, g, _ = pyshacl.validate(to_rdflib(store), shacl_graph=shapes_graph, inference="none",
                                   advanced=False, allow_warnings=True, allow_infos=True)
    return Counter((_term_key(g.value(n, RSH.focusNode)), _path_text(g, g.value(n, RSH.resultPath)),
                    str(g.value(n, RSH.resultSeverity)),
                    str(g.value(n, RSH.sourceConstraintComponent)),
                    _term_key(g.value(n, RSH.value)))
                   for n in g.subjects(rdflib.RDF.type, RSH.ValidationResult))


def assert_same(store: ox.Store) -> Counter:
    ours, reference = compiled_keys(store), pyshacl_keys(store)
    assert ours == reference, {"only compiled": ours - reference,
                               "only pySHACL": reference - ours}
    return ours


def assert_same_report(kb, lang: str = "en"):
    ours = validate(kb, lang, engine="sparql")
    reference = validate(kb, lang, engine="pyshacl")
    assert ours.results == reference.results
    return ours


# --- the data -------------------------------------------------------------------------

def copy_of(kb) -> ox.Store:
    store = ox.Store()
    store.extend(kb.store.quads_for_pattern(None, None, None, None))
    return store


def like(kb, store: ox.Store) -> KnowledgeBase:
    """A knowledge base over `store`, with `kb`'s sources (for file names)."""
    return KnowledgeBase(store, kb.sources, kb.manifest)


def instances(store: ox.Store, cls: str) -> list[ox.NamedNode]:
    found = {q.subject for q in store.quads_for_pattern(None, TYPE, sg(cls), None)
             if isinstance(q.subject, ox.NamedNode)}
    return sorted(found, key=lambda n: n.value)


def graph_of(store: ox.Store, node) -> ox.NamedNode:
    return next(iter(store.quads_for_pattern(node, TYPE, None, None))).graph_name


def drop(store: ox.Store, s=None, p=None, o=None) -> None:
    for q in list(store.quads_for_pattern(s, p, o, None)):
        store.remove(q)


def add(store: ox.Store, s, p, o, g=None) -> None:
    store.add(ox.Quad(s, p, o, g if g is not None else graph_of(store, s)))


@pytest.fixture
def broken(real_kb):
    """The built-in data, broken to fail every kind of constraint the shapes have."""
    store = copy_of(real_kb)
    act = instances(store, "Activity")
    sec = instances(store, "Section")
    strat = instances(store, "Strategy")
    fig = instances(store, "IndicatorValue")
    doc = instances(store, "SourceDocument")
    obj = instances(store, "Objective")
    resp = instances(store, "AssignmentResponse")
    goal = instances(store, "Goal")
    asg = instances(store, "Assignment")
    prog = instances(store, "Programme")
    g = graph_of(store, act[0])

    drop(store, act[0], LABEL)  # no label: sh:minCount and the qualified @sv count
    add(store, sec[0], LABEL, ox.Literal("Ett andra namn", language="sv"))  # two @sv labels
    drop(store, sec[1], LABEL)
    add(store, sec[1], LABEL, ox.Literal("Ett", language="sv-se"))  # sv-SE counts as sv …
    add(store, sec[1], LABEL, ox.Literal("Två", language="sv-se"))  # … and twice is twice
    drop(store, strat[2], LABEL)
    add(store, strat[2], LABEL, ox.Literal("Bara en", language="sv-SE"), graph_of(store, strat[0]))
    drop(store, strat[0], LABEL)
    add(store, strat[0], LABEL, ox.Literal("Only English", language="en"))  # no @sv label
    drop(store, strat[1], LABEL)
    add(store, strat[1], LABEL, ox.Literal("Plain, no language"), graph_of(store, strat[0]))

    # datatypes: wrong, ill-typed, language-tagged, not a literal at all
    add(store, act[1], sg("startYear"), typed("2025", "integer"))
    add(store, act[2], sg("endYear"), typed("20x5", "gYear"))  # rdflib takes it: a finding
    drop(store, fig[0], sg("value"))
    add(store, fig[0], sg("value"), typed("abc", "decimal"))  # ill-typed, right datatype
    drop(store, fig[1], sg("value"))
    add(store, fig[1], sg("value"), ox.Literal("12"))  # a string
    add(store, fig[2], sg("value"), typed("1.5", "double"))  # also maxCount 2
    add(store, fig[3], sg("page"), typed("abc", "integer"))  # no shape: only a finding
    add(store, doc[0], sg("periodEnd"), typed("2025-13-45", "date"))  # ill-typed date
    add(store, doc[1], sg("seedFile"), ox.NamedNode(EX + "a-file"))  # not a literal
    add(store, doc[1], DCT_title(), ox.Literal("A title without a language"))
    add(store, resp[0], sg("decisionDate"), ox.Literal("igår", language="sv"))

    # sh:in, sh:class, sh:or
    drop(store, act[3], sg("priority"))
    add(store, act[3], sg("priority"), ox.NamedNode(SGC + "prio-3"))
    add(store, resp[1], sg("status"), ox.Literal("pagaende"))  # a literal, not the concept
    add(store, obj[0], sg("objectiveOf"), act[0])  # not a goal
    add(store, act[4], sg("listedUnder"), ox.Literal("a direction"))  # a literal for a class
    add(store, act[5], sg("statedIn"), act[6])  # neither a section nor a source document
    add(store, goal[0], sg("statedIn"), ox.Literal("§ 3"))
    add(store, asg[0], sg("statedIn"), prog[0])  # a programme is no source document

    # cardinality: maxCount exceeded, an inverse path's minCount, distinct values counted
    add(store, sec[2], DCT_isPartOf(), doc[1])
    drop(store, None, sg("measures"), obj[0])  # ^sg:measures: the objective has no indicator
    add(store, act[7], sg("endYear"), typed("2030", "gYear"))
    add(store, act[7], sg("endYear"), typed("2031", "gYear"), ox.NamedNode(EX + "graph"))
    same = next(iter(store.quads_for_pattern(act[8], sg("endYear"), None, None)), None)
    if same is not None:  # the same value in a second graph is still one value
        add(store, act[8], sg("endYear"), same.object, ox.NamedNode(EX + "graph"))

    # targets: subclasses (two levels), two classes of one shape, shapes sharing a property
    special, very = ox.NamedNode(EX + "SpecialActivity"), ox.NamedNode(EX + "VerySpecial")
    add(store, special, SUBCLASS, sg("Activity"), g)
    add(store, very, SUBCLASS, special, g)
    add(store, ox.NamedNode(EX + "special"), TYPE, special, g)
    add(store, ox.NamedNode(EX + "very"), TYPE, very, g)
    both = ox.NamedNode(EX + "goal-and-vision")
    add(store, both, TYPE, sg("Goal"), g)
    add(store, both, TYPE, sg("Vision"), g)
    add(store, both, TYPE, sg("Vision"), ox.NamedNode(EX + "graph"))  # typed in two graphs
    add(store, both, TYPE, sg("Activity"), g)  # GoalShape and ActivityShape: labels twice
    blank = ox.BlankNode("anonymous")
    add(store, blank, TYPE, sg("Assignment"), g)  # a blank-node focus
    add(store, blank, sg("budgetDecision"), ox.NamedNode(EX + "?x"))

    # triple terms are not in pySHACL's data: as a value they are no value
    stated = ox.Triple(act[9], sg("statedIn"), sec[0])
    drop(store, act[9], sg("statedIn"))
    add(store, act[9], sg("statedIn"), stated)

    # hostile text, as labels and as offending values
    for i, text in enumerate(HOSTILE):
        node = ox.NamedNode(f"{EX}hostile-{i}")
        add(store, node, TYPE, sg("Activity"), g)
        add(store, node, LABEL, ox.Literal(text, language="sv"), g)
        add(store, node, LABEL, ox.Literal(text + " 2", language="sv"), g)
        add(store, node, sg("startYear"), ox.Literal(text), g)
        add(store, node, sg("priority"), ox.Literal(text, language="en"), g)
        add(store, node, sg("endYear"), typed(text, "gYear"), g)
    return like(real_kb, store)


def DCT_title() -> ox.NamedNode:
    return ox.NamedNode(DCT + "title")


def DCT_isPartOf() -> ox.NamedNode:
    return ox.NamedNode(DCT + "isPartOf")


# --- the tests ------------------------------------------------------------------------

def test_built_in_knowledge_base_gives_pyshacls_results(real_kb):
    assert assert_same(real_kb.store)
    for lang in ("en", "sv"):
        assert_same_report(real_kb, lang)


def test_every_kind_of_broken_constraint_gives_pyshacls_results(broken):
    found = assert_same(broken.store)
    components = {component.removeprefix(SH) for _, _, _, component, _ in found}
    assert components == {f"{c}ConstraintComponent" for c in (
        "MinCount", "MaxCount", "Datatype", "Class", "In", "Or", "UniqueLang",
        "QualifiedMinCount")}
    paths = {path for _, path, *_ in found}
    assert {"^sg:measures", "sg:statedIn", "rdfs:label", "sg:value"} <= paths
    focus = {f for f, *_ in found}
    assert {("iri", EX + "special"), ("iri", EX + "very"), ("bnode", "anonymous")} <= focus
    # one node, two node shapes sharing sgsh:swedishLabel: two results, like pySHACL
    both = ("iri", EX + "goal-and-vision")
    assert found[(both, "rdfs:label", SH + "Violation", SH + "MinCountConstraintComponent",
                  None)] == 2


def test_broken_data_gives_the_same_report(broken):
    report = assert_same_report(broken, "en")
    assert_same_report(broken, "sv")
    found = {(r.path, r.message) for r in report.results}
    # what rdflib cannot hold is reported apart, as before
    assert ("sg:page", "'abc' is not a valid xsd:integer.") in found
    assert ("sg:endYear", "'20x5' is not a valid xsd:gYear.") in found
    assert any("triple term" in m for _, m in found)
    # an ill-typed value of the right datatype: both the finding and the datatype violation
    assert ("sg:value", "'abc' is not a valid xsd:decimal.") in found
    assert any(r.path == "sg:value" and r.value == "abc" and "xsd:decimal" in r.message
               for r in report.results)
    values = {r.value for r in report.results}
    assert set(HOSTILE) <= values  # hostile text comes back as it was, never as query text


def test_ill_typed_literals_are_rdflibs(broken):
    found = {(t.value, t.datatype.value.removeprefix(XSD))
             for t in ill_typed_literals(broken.store)}
    assert {("abc", "decimal"), ("abc", "integer"), ("2025-13-45", "date")} <= found
    assert ("20x5", "gYear") not in found  # rdflib does not check gYear (validate does)


def test_queries_hold_only_the_shapes_iris():
    for check in compile_shapes():
        assert not any(text in check.query for text in HOSTILE)
        for iri in re.findall(r"<([^>]*)>", check.query):
            assert iri.startswith(("https://w3id.org/styrgraf/", "http://www.w3.org/",
                                   "http://purl.org/dc/terms/")), iri


def _mutation_pool(kb):
    """What random edits draw from: the statements about a few nodes of each targeted
    class, and terms to recombine into new statements."""
    store = kb.store
    nodes = []
    for cls in ("Activity", "Assignment", "AssignmentResponse", "Section", "IndicatorValue",
                "SourceDocument", "Objective", "Strategy", "Programme", "Post"):
        nodes += instances(store, cls)[:3]
    statements = [q for n in nodes for q in store.quads_for_pattern(n, None, None, None)]
    statements += list(store.quads_for_pattern(None, SUBCLASS, None, None))[:10]
    predicates = sorted({q.predicate for q in statements}, key=lambda t: t.value)
    objects = sorted({q.object for q in statements} | {
        typed("abc", "integer"), typed("2025", "gYear"), typed("7", "decimal"),
        ox.Literal("Svensk", language="sv"), ox.Literal("English", language="en"),
        ox.Literal("{<\"x\">}"), sg("Section"), sg("Activity"), sg("SourceDocument")},
        key=str)
    graphs = sorted({q.graph_name for q in statements}, key=str)
    return statements, nodes, [*predicates, TYPE, SUBCLASS], objects, graphs


@pytest.fixture(scope="module")
def pool(real_kb):
    return _mutation_pool(real_kb)


# no shrinking: each step runs pySHACL, and a failure shows the edits that caused it
@settings(max_examples=6, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_give_pyshacls_results(real_kb, pool, data):
    statements, nodes, predicates, objects, graphs = pool
    store = copy_of(real_kb)
    for quad in data.draw(st.lists(st.sampled_from(statements), max_size=25), "deleted"):
        store.remove(quad)
    subjects = [*nodes, sg("Section"), sg("Activity"), ox.NamedNode(EX + "new")]
    added = data.draw(st.lists(st.tuples(st.sampled_from(subjects), st.sampled_from(predicates),
                                         st.sampled_from(objects), st.sampled_from(graphs)),
                               max_size=25), "added")
    for s, p, o, g in added:
        store.add(ox.Quad(s, p, o, g))
    assert_same(store)


# --- what the compiler does not translate ----------------------------------------------

PATTERN_SHAPES = b"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/shapes#Pattern> a sh:NodeShape ;
    sh:targetClass sg:Activity ;
    sh:property [ sh:path rdfs:label ; sh:pattern "^[0-9]" ; sh:minCount 1 ;
                  sh:message "Labels start with a capital."@en ] .
"""


def test_an_unsupported_constraint_raises_at_compile_time():
    with pytest.raises(UnsupportedShape, match=(
            r"sh:pattern \(in shape _:\S+, an sh:property of <https://example.org/shapes#Pattern> "
            r"with sh:path rdfs:label\)")):
        compile_shapes(PATTERN_SHAPES)


@pytest.mark.parametrize("shape", [
    'sh:targetNode sg:x ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:message "m" ]',
    'sh:targetClass sg:Activity ; sh:closed true',
    'sh:targetClass sg:Activity ; sh:property [ sh:path ( rdfs:label rdfs:label ) ; '
    'sh:minCount 1 ; sh:message "m" ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; sh:node sg:Other ; '
    'sh:message "m" ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; sh:class "Literal" ; '
    'sh:message "m" ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; '
    'sh:or ( [ sh:datatype rdfs:Literal ] ) ; sh:message "m" ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; sh:message "m" ; '
    'sh:qualifiedValueShape [ sh:languageIn ( "sv\\") || true || (\\"" ) ] ; '
    'sh:qualifiedMinCount 1 ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; sh:message "m" ; '
    'sh:qualifiedValueShape [ sh:languageIn ( "sv" ) ] ; sh:qualifiedMaxCount 1 ]',
    'sh:targetClass sg:Activity ; sh:property [ sh:path rdfs:label ; sh:or ( ) ; sh:message "m" ]',
])
def test_other_unsupported_shapes_raise(shape):
    text = f"""@prefix sh: <{SH}> . @prefix sg: <{SG}> . @prefix rdfs: <{RDFS}> .
<https://example.org/shapes#S> a sh:NodeShape ; {shape} ."""
    with pytest.raises(UnsupportedShape):
        compile_shapes(text.encode())


def test_validate_falls_back_to_pyshacl(real_kb, tmp_path, caplog):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_bytes(PATTERN_SHAPES)
    with pytest.raises(UnsupportedShape):
        validate(real_kb, "en", engine="sparql", shapes=shapes)
    with caplog.at_level(logging.WARNING, logger="styrgraf.knowledge.validate"):
        report = validate(real_kb, "en", shapes=shapes)
    assert "sh:pattern" in caplog.text
    assert report.results == validate(real_kb, "en", engine="pyshacl", shapes=shapes).results
    assert any(r.message == "Labels start with a capital." for r in report.results)


def test_a_small_supported_shapes_file_is_compiled(real_kb, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_bytes(PATTERN_SHAPES.replace(b'sh:pattern "^[0-9]" ;', b"sh:maxCount 1 ;"))
    assert compile_shapes(shapes)
    ours = compiled_keys(real_kb.store, shapes)
    assert ours == pyshacl_keys(real_kb.store, shapes)
    assert validate(real_kb, "en", engine="sparql", shapes=shapes).results == \
        validate(real_kb, "en", engine="pyshacl", shapes=shapes).results


OTHER_FORMS = f"""@prefix sh: <{SH}> . @prefix sg: <{SG}> . @prefix rdfs: <{RDFS}> .
@prefix xsd: <{XSD}> . @prefix sgc: <{SGC}> . @prefix ex: <{EX}> .
ex:Extra a sh:NodeShape ; sh:targetClass sg:Activity , sg:Section , sg:Strategy ;
  sh:property [ sh:path rdfs:label ; sh:minCount 2 ; sh:maxCount 0 ; sh:severity ex:Critical ;
                sh:message "in English"@en , "på svenska"@sv , "without a language" ] ;
  sh:property [ sh:path rdfs:label ; sh:qualifiedValueShape [ sh:languageIn ( "en" "SV" ) ] ;
                sh:qualifiedMinCount 2 ; sh:severity sh:Warning ; sh:message "two" ] ;
  sh:property [ sh:path rdfs:label ; sh:qualifiedValueShape [ sh:languageIn ( "*" ) ] ;
                sh:qualifiedMinCount 1 ; sh:message "any language" ] ;
  sh:property [ sh:path rdfs:label ; sh:uniqueLang false ; sh:minCount 0 ;
                sh:qualifiedValueShape [ sh:languageIn ( "sv" ) ] ; sh:qualifiedMinCount 0 ;
                sh:message "never" ] ;
  sh:property [ sh:path sg:statedIn ; sh:class sg:Section , sg:SourceDocument ; sh:in ( ) ;
                sh:message "classes" ] ;
  sh:property [ sh:path [ sh:inversePath sg:statedIn ] ; sh:datatype xsd:string ;
                sh:class sg:Activity ; sh:maxCount 1 ; sh:minCount 3 ; sh:message "inverse" ] ;
  sh:property [ sh:path sg:priority ; sh:or ( [ sh:class sg:Activity ] ) ;
                sh:in ( sgc:prio-1 ) ; sh:datatype rdf:langString ; sh:message "or" ] ;
  sh:property [ sh:path sg:endYear ; sh:datatype xsd:gYear ; sh:message "gYear" ] .
ex:Other sh:targetClass sg:Section ; sh:property [ sh:path rdfs:label ; sh:maxCount 1 ;
  sh:message "a second shape on the same nodes" ] .
"""


def test_forms_the_shapes_file_does_not_use_yet_give_pyshacls_results(broken, tmp_path):
    shapes = tmp_path / "other.ttl"
    shapes.write_text(OTHER_FORMS.replace("@prefix sh:", f"@prefix rdf: <{RDF}> . @prefix sh:"))
    ours, reference = compiled_keys(broken.store, shapes), pyshacl_keys(broken.store, shapes)
    assert ours == reference, {"only compiled": ours - reference,
                               "only pySHACL": reference - ours}
    assert {c.removeprefix(SH) for *_, c, _ in ours} >= {
        f"{c}ConstraintComponent" for c in ("MinCount", "MaxCount", "QualifiedMinCount", "Class",
                                            "In", "Or", "Datatype")}
    assert validate(broken, "sv", engine="sparql", shapes=shapes).results == \
        validate(broken, "sv", engine="pyshacl", shapes=shapes).results
