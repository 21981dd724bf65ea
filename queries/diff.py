"""What changed between two documents, or between two knowledge folders: `diff(kb, a, b)`.

A side is one document graph of a knowledge base (named by file stem, id or
title), or every data graph of a knowledge folder (the ontology left out).
What a side says about a node is the statements its graph(s) make with the
node as subject; sections (where things stand) and, in document mode, the
two documents themselves are not compared.

Each node falls in one of five kinds:

- *unchanged* / *changed*: the same node (the same IRI) in both; changed
  when a property's values differ (literals compared with their spaces
  collapsed), listed property by property with the values in A and in B.
  What says where a statement stands (sg:statedIn) is shown as the sources,
  not compared; the curators' editorial notes and seed files are left out,
  and types only count when both sides state one (a document may leave the
  type of a node that another document describes unsaid).
- *changed* too: a response (a committee's status and handling of an
  assignment or goal) is made anew in each report, so responses are the
  same thing when they answer the same assignment or goal for the same
  committee, whatever their IRIs; their derived titles and the report they
  stand in are not compared.
- *reworded*: a node only in A and one only in B of the same kind (sheet)
  whose texts (label and description) the duplicates engine finds alike, at
  or above the `styrgraf duplicates` threshold; pairs are taken best first,
  one to one, with their similarity.
- *removed* / *added*: the rest, only in A or only in B.

Everything is read with SPARQL through `kb.source`, so a knowledge base
behind a SPARQL endpoint can be compared too. Nodes are grouped by the
workbook's sheets (workbook/schema.py), which give the Swedish and English
names of kinds and properties.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.gcpause import pausing
from styrgraf.knowledge.labels import NameIndex, fold_name
from styrgraf.ontology.prefixes import compact
from styrgraf.ontology.terms import DCTERMS, PROV, RDF, RDFS, SG, SKOS

from .engine import ResultTable, run, tuples
from .rows import IRI, Rows
from .wording import say

Term = ox.NamedNode | ox.Literal

#: The kinds of change, in the order people read them.
KINDS = ("changed", "reworded", "added", "removed", "unchanged")

#: Sheets whose nodes are work or text that can be reworded (not people, documents, figures).
REWORDABLE = ("goals", "directions", "strategies", "activities", "assignments", "indicators",
              "programmes", "agreements")
#: Where things stand and the curators' plumbing: shown as sources, or not at all.
NOT_COMPARED = frozenset({SG.statedIn, SKOS.editorialNote, SG.seedFile})
#: A response is made anew in each report: its derived title and its report say nothing new.
NOT_COMPARED_IN_RESPONSES = frozenset({RDFS.label, SG.reportedIn})
#: Classes that are not compared as nodes: the structure of documents and graphs.
SKIPPED_CLASSES = frozenset({SG.Section, SG.StatedGraph, SG.CurationGraph,
                             SG.SuggestionGraph})
RESPONSE_CLASSES = (SG.AssignmentResponse, SG.GoalResponse)

#: What a property is about, for people scanning the changes (and for filtering json).
ASPECTS = {
    "status": (SG.status, SG.decisionDate, SG.decisionReference),
    "responsible": (SG.responsible, SG.assignedTo, SG.respondent, SG.contactPerson,
                    SG.issuedBy),
    "timeline": (SG.timeline, SG.startYear, SG.endYear, SG.assignmentYear, SG.periodStart,
                 SG.periodEnd, SG.validFrom, SG.validUntil, SG.extendedUntil, DCTERMS.issued,
                 DCTERMS.dateAccepted),
    "wording": (RDFS.label, DCTERMS.description, DCTERMS.title, SKOS.altLabel,
                SKOS.prefLabel, SKOS.note, SKOS.scopeNote),
}
_ASPECT_OF = {p: aspect for aspect, props in ASPECTS.items() for p in props}

_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
_TYPES = "SELECT DISTINCT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s) && isIRI(?t)) }"
#: the types (stated anywhere) of the nodes graph ?g speaks of: a document is small,
#: the knowledge base may not be
#: (OPTIONAL: looked up per node of the graph, not joined with every typed node of all)
_GRAPH_TYPES = """SELECT DISTINCT ?g ?s ?t WHERE {
  { SELECT DISTINCT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) } }
  OPTIONAL { ?s a ?t FILTER(isIRI(?t)) } }"""
_DOCUMENTS = f"""SELECT ?g ?doc WHERE {{
  GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> ?doc }} FILTER(isIRI(?doc)) }}"""


@dataclass(frozen=True)
class Difference:
    """One property whose values differ: what A says and what B says (either may be empty)."""

    property: str
    old: tuple[Term, ...]
    new: tuple[Term, ...]

    @property
    def aspect(self) -> str:
        """status, responsible, timeline, wording, links (a node value) or other."""
        found = _ASPECT_OF.get(self.property)
        if found:
            return found
        return "links" if any(isinstance(v, ox.NamedNode) for v in self.old + self.new) \
            else "other"


@dataclass
class Change:
    """One node (or a pair of nodes) and how it differs between A and B."""

    kind: str  # one of KINDS
    sheet: str  # the workbook sheet's key, or "other"
    cls: str  # the node's class (the first of its sheet's classes it has)
    a: str | None  # the node in A (None when added)
    b: str | None  # the node in B (None when removed)
    differences: list[Difference] = field(default_factory=list)
    similarity: float | None = None  # reworded: the duplicates engine's score
    source_a: str = ""  # document and sections where A states it
    source_b: str = ""

    @property
    def node(self) -> str:
        return self.a or self.b or ""


@dataclass
class Diff:
    """Every change from A to B, and how to show it (labels in Swedish and English)."""

    a: str  # side A for people: a document's title or a folder
    b: str
    changes: list[Change]
    _indexes: tuple[NameIndex, ...] = ()

    def counts(self, sheet: str | None = None) -> dict[str, int]:
        """How many nodes of each kind (of one sheet, or all)."""
        found = dict.fromkeys(KINDS, 0)
        for c in self.changes:
            if sheet is None or c.sheet == sheet:
                found[c.kind] += 1
        return found

    def only(self, kind: str) -> Diff:
        """The changes of one sheet: a --class value (Aktiviteter, activities, Activity …)."""
        sheet = resolve_sheet(kind)
        return Diff(self.a, self.b, [c for c in self.changes if c.sheet == sheet],
                    self._indexes)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def find(self, node: str) -> Change | None:
        """The change of `node` (its IRI on either side)."""
        return next((c for c in self.changes if node in (c.a, c.b)), None)

    def sheets(self) -> list[str]:
        """The sheets that have changes, in the workbook's order."""
        present = {c.sheet for c in self.changes}
        return [s for s in (*_SHEET_ORDER, "other") if s in present]

    def label(self, iri: str, lang: str = "sv") -> str:
        for index in self._indexes:
            found = index.label(iri, lang)
            if found:
                return found
        return compact(iri)

    # -- for people and pipes --------------------------------------------------------------
    def rows(self, lang: str = "sv", *, unchanged: bool = False,
             sheet: str | None = None) -> Rows:
        """One row per changed property (one per node added, removed or unchanged)."""
        records = []
        for c in self.changes:
            if (c.kind == "unchanged" and not unchanged) or (sheet and c.sheet != sheet):
                continue
            records.extend(self._records(c, lang))
        title = say(lang, "diff.title", a=self.a, b=self.b)
        if sheet:
            title = f"{sheet_name(sheet, lang)} ({self._counted(sheet, lang, unchanged)})"
        return Rows(list(COLUMNS), records, _headers(lang), people=list(PEOPLE),
                    group=("classLabel", "changeLabel", "nodeLabel", "similarity", "sourceA",
                           "sourceB"),
                    title=title)

    def by_sheet(self, lang: str = "sv", *, unchanged: bool = False) -> list[Rows]:
        """One table per sheet that has something to show, titled with its counts."""
        tables = [self.rows(lang, unchanged=unchanged, sheet=s) for s in self.sheets()]
        return [t for t in tables if t.records]

    def summary(self, lang: str = "sv") -> Rows:
        """Per sheet: how many nodes were added, removed, changed, reworded, unchanged."""
        records = []
        for s in self.sheets():
            counts = self.counts(s)
            records.append({"sheet": s, "classLabel": sheet_name(s, lang), **counts})
        total = self.counts()
        if len(records) > 1:
            records.append({"sheet": "", "classLabel": say(lang, "diff.total"), **total})
        headers = {**_headers(lang), **{k: say(lang, f"diff.{k}.plural") for k in KINDS}}
        return Rows(["sheet", "classLabel", *KINDS], records, headers,
                    people=["classLabel", *KINDS],
                    title=say(lang, "diff.title", a=self.a, b=self.b))

    def _counted(self, sheet: str, lang: str, unchanged: bool) -> str:
        counts = self.counts(sheet)
        parts = [f"{n} {say(lang, f'diff.{k}.plural' if n != 1 else f'diff.{k}')}"
                 for k, n in counts.items() if n and (unchanged or k != "unchanged")]
        return ", ".join(parts)

    def _records(self, c: Change, lang: str) -> list[dict]:
        name = self.label(c.a, lang) if c.a else self.label(c.b or "", lang)
        base = {
            "class": IRI(c.cls, sheet_name(c.sheet, lang)), "classLabel": sheet_name(c.sheet, lang),
            "change": c.kind, "changeLabel": say(lang, f"diff.{c.kind}"),
            "node": IRI(c.node, name), "nodeLabel": name,
            "nodeB": IRI(c.b, self.label(c.b, lang)) if c.b and c.b != c.a else None,
            "similarity": round(c.similarity, 2) if c.similarity is not None else None,
            "sourceA": c.source_a or None, "sourceB": c.source_b or None,
        }
        if not c.differences:
            return [{**base, **dict.fromkeys(("property", "propertyLabel", "aspect", "old",
                                              "oldLabel", "new", "newLabel"))}]
        return [{**base, "property": IRI(d.property, property_name(d.property, c.sheet, lang)),
                 "propertyLabel": property_name(d.property, c.sheet, lang),
                 "aspect": d.aspect,
                 "old": _machine(d.old), "oldLabel": self._shown(d.old, lang),
                 "new": _machine(d.new), "newLabel": self._shown(d.new, lang)}
                for d in c.differences]

    def _shown(self, values: tuple[Term, ...], lang: str) -> str | None:
        if not values:
            return None
        return ", ".join(self.label(v.value, lang) if isinstance(v, ox.NamedNode) else v.value
                         for v in values)


COLUMNS = ("class", "classLabel", "change", "changeLabel", "node", "nodeLabel", "nodeB",
           "property", "propertyLabel", "aspect", "old", "oldLabel", "new", "newLabel",
           "similarity", "sourceA", "sourceB")
PEOPLE = ("changeLabel", "nodeLabel", "propertyLabel", "oldLabel", "newLabel", "similarity",
          "sourceA", "sourceB")

_HEADERS = {
    "sv": {"classLabel": "slag", "changeLabel": "ändring", "nodeLabel": "namn",
           "propertyLabel": "uppgift", "oldLabel": "i A", "newLabel": "i B",
           "similarity": "likhet", "sourceA": "källa A", "sourceB": "källa B"},
    "en": {"classLabel": "kind", "changeLabel": "change", "nodeLabel": "name",
           "propertyLabel": "property", "oldLabel": "in A", "newLabel": "in B",
           "similarity": "similarity", "sourceA": "source A", "sourceB": "source B"},
}


def _headers(lang: str) -> dict[str, str]:
    return dict(_HEADERS[lang])


def _machine(values: tuple[Term, ...]) -> str | None:
    return "; ".join(v.value for v in values) if values else None


# ---- names of sheets and properties --------------------------------------------------------

def _sheets():
    from styrgraf.workbook.schema import NODE_SHEETS

    return NODE_SHEETS


_SHEET_ORDER = ("documents", "sections", "goals", "directions", "strategies", "activities",
                "assignments", "responses", "indicators", "figures", "programmes", "partners",
                "agreements", "units")


@functools.cache  # asked for every row of a diff: tens of thousands at 1M
def sheet_name(key: str, lang: str = "sv") -> str:
    """'activities' → 'Aktiviteter' / 'Activities'; 'other' → 'Övrigt' / 'Other'."""
    for sheet in _sheets():
        if sheet.key == key:
            return sheet.sv if lang == "sv" else sheet.en
    return say(lang, "diff.other")


@functools.cache  # asked twice for every difference: 83k calls in a 1M report's 20 diffs
def property_name(prop: str, sheet: str = "", lang: str = "sv") -> str:
    """A property as the workbook names it (the node's own sheet first), else its IRI."""
    if prop == RDF.type:
        return "typ" if lang == "sv" else "type"
    ordered = sorted(_sheets(), key=lambda s: s.key != sheet)
    for s in ordered:
        for column in s.property_columns:
            if column.predicate == prop:
                return _lower_first(column.sv) if lang == "sv" else column.en
    return compact(prop)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def resolve_sheet(name: str) -> str:
    """The sheet a --class value names: a sheet (Aktiviteter, activities) or a class
    (Activity, sg:Activity); unknown names are an error listing the sheets."""
    wanted = fold_name(name)
    for sheet in _sheets():
        names = {sheet.key, sheet.sv, sheet.en, *sheet.classes,
                 *(c.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in sheet.classes),
                 *(compact(c) for c in sheet.classes)}
        if wanted in {fold_name(n) for n in names}:
            return sheet.key
    if wanted in {"other", "ovrigt"}:
        return "other"
    known = ", ".join(s.sv for s in _sheets() if s.key != "sections")
    raise InputError(f"no kind '{name}' to compare (kinds: {known}, Övrigt; or a class such "
                     "as Activity)")


def _sheet_of(types: set[str]) -> tuple[str, str]:
    """(sheet key, class) of a node with the classes `types` (stated, not inferred)."""
    for sheet in _sheets():
        for cls in sheet.classes:
            if cls in types:
                return sheet.key, cls
    return "other", min(types) if types else RDFS.Resource


# ---- reading a side ----------------------------------------------------------------------

@dataclass
class _Side:
    """What one side states: per node, per property, its values; and where."""

    name: str
    index: NameIndex
    statements: dict[str, dict[str, list[Term]]] = field(default_factory=dict)
    sections: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # node → graph →
    types: dict[str, set[str]] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)  # graph → document
    own_documents: set[str] = field(default_factory=set)

    def source(self, node: str, lang: str = "sv") -> str:
        """'Delårsrapport augusti 2024 – 5.1 Uppdrag' for every graph stating `node`."""
        parts = []
        for graph, sections in sorted(self.sections.get(node, {}).items()):
            doc = self.documents.get(graph)
            title = (self.index.label(doc, lang) if doc else None) or _stem(graph)
            where = "; ".join(sorted(self.index.label(s, lang) or compact(s) for s in sections))
            parts.append(f"{title} – {where}" if where else title)
        return " · ".join(parts)


def _stem(graph: str) -> str:
    from styrgraf.workbook.export import stem_of

    return stem_of(graph)


def _select(source, query: str, bindings: dict | None = None) -> ResultTable:
    result = run(source, query, bindings)
    assert isinstance(result, ResultTable)
    return result


def _read(kb, graphs: Iterable[str] | None, name: str) -> _Side:
    """The side made of `graphs` of `kb` (None: every data graph)."""
    from styrgraf.knowledge.sources import ONTOLOGY_GRAPH

    side = _Side(name, kb.names.display)  # labels only
    for r in _select(kb.source, _DOCUMENTS).rows:
        side.documents[r["g"].value] = r["doc"].value
    wanted = list(graphs) if graphs is not None else None
    # rows as tuples of terms: a document's graph is tens of thousands of quads at 1M
    types = ([tuples(kb.source, _TYPES)] if wanted is None else
             [[row[1:] for row in tuples(kb.source, _GRAPH_TYPES, {"g": ox.NamedNode(g)})]
              for g in wanted])
    for rows in types:
        for s, t in rows:
            if t is not None:
                side.types.setdefault(s.value, set()).add(t.value)
    if wanted is None:
        results = [tuples(kb.source, _QUADS)]
    else:
        results = [tuples(kb.source, _QUADS, {"g": ox.NamedNode(g)}) for g in wanted]
    skipped = {ONTOLOGY_GRAPH}
    for rows in results:
        for g, s, p, value in rows:
            graph, node, prop = g.value, s.value, p.value
            if graph in skipped or node == graph or not isinstance(value, Term):
                continue
            side.sections.setdefault(node, {}).setdefault(graph, set())
            if prop == SG.statedIn:
                side.sections[node][graph].add(value.value)
            values = side.statements.setdefault(node, {}).setdefault(prop, [])
            if value not in values:
                values.append(value)
    if wanted is not None:
        side.own_documents = {side.documents[g] for g in wanted if g in side.documents}
    return side


def _compared_nodes(side: _Side, other: _Side) -> list[str]:
    """The nodes of `side` that are compared: not sections, graphs or the compared
    documents themselves (unless both sides are the same document)."""
    own = side.own_documents - other.own_documents
    return sorted(n for n in side.statements
                  if n not in own and not (side.types.get(n, set()) & SKIPPED_CLASSES))


# ---- comparing -----------------------------------------------------------------------------

def _key(term: Term) -> tuple:
    if isinstance(term, ox.Literal):
        return ("literal", " ".join(term.value.split()), term.language or "",
                term.datatype.value)
    return ("iri", term.value)


def _differences(a: dict[str, list[Term]], b: dict[str, list[Term]],
                 ignored: frozenset[str] = frozenset(), sheet: str = "") -> list[Difference]:
    found = []
    for prop in _property_order(set(a) | set(b), sheet):
        if prop in NOT_COMPARED or prop in ignored:
            continue
        old, new = a.get(prop, []), b.get(prop, [])
        if prop == RDF.type and not (old and new):
            continue  # a document may leave the type of a node described elsewhere unsaid
        if {_key(v) for v in old} != {_key(v) for v in new}:
            found.append(Difference(prop, _sorted(old), _sorted(new)))
    return found


def _sorted(values: list[Term]) -> tuple[Term, ...]:
    return tuple(sorted(values, key=_key))


def _property_order(props: set[str], sheet: str) -> list[str]:
    """The sheet's columns first (as the workbook orders them), then the rest by IRI."""
    rank = _property_rank(sheet)
    return sorted(props, key=lambda p: (rank.get(p, len(rank)), p))


@functools.cache
def _property_rank(sheet: str) -> dict[str, int]:
    """Property → its place for `sheet` (asked once per node changed: 40k times at 1M)."""
    order: list[str] = [RDF.type]
    for s in sorted(_sheets(), key=lambda s: s.key != sheet):
        order.extend(c.predicate for c in s.columns if c.predicate and c.predicate not in order)
    return {p: i for i, p in enumerate(order)}


def _text(side: _Side, node: str) -> str:
    """What the duplicates engine reads: the node's labels and descriptions in Swedish."""
    props = side.statements.get(node, {})
    parts = [v.value for p in (RDFS.label, DCTERMS.description) for v in props.get(p, [])
             if isinstance(v, ox.Literal) and (v.language or "sv").startswith("sv")]
    return "\n".join(dict.fromkeys(parts))


def _reworded(side_a: _Side, side_b: _Side, only_a: list[str], only_b: list[str],
              sheet: dict[str, str], threshold: float) -> list[tuple[str, str, float]]:
    """Pairs (a, b, score), best first and one to one, of nodes of the same sheet."""
    from styrgraf.duplicates.finder import Options, find_duplicates
    from styrgraf.duplicates.items import Item

    def items(side: _Side, nodes: list[str], group: str) -> list[Item]:
        found = []
        for n in nodes:
            text = _text(side, n)
            if sheet[n] in REWORDABLE and text:
                found.append(Item(id=n, text=text, kind=sheet[n],
                                  groups={"document": frozenset([group])},
                                  identity=frozenset([group + n])))
        return found

    left, right = items(side_a, only_a, "A"), items(side_b, only_b, "B")
    if not left or not right:
        return []
    findings = find_duplicates(left + right, Options(threshold=threshold, across="document"))
    pairs, used = [], set()
    for m in sorted(findings.matches, key=lambda m: (-m.score, m.a.id, m.b.id)):
        a, b = (m.a, m.b) if "A" in m.a.groups["document"] else (m.b, m.a)
        if a.kind != b.kind or a.id in used or b.id in used:
            continue
        used |= {a.id, b.id}
        pairs.append((a.id, b.id, m.score))
    return pairs


def _response_key(side: _Side, node: str) -> tuple | None:
    props = side.statements.get(node, {})
    to, by = props.get(SG.respondsTo, []), props.get(SG.respondent, [])
    if not to or not by:
        return None
    return (frozenset(v.value for v in to), frozenset(v.value for v in by))


def compare(side_a: _Side, side_b: _Side, threshold: float) -> list[Change]:
    """Every node of either side, as one of KINDS."""
    nodes_a, nodes_b = _compared_nodes(side_a, side_b), _compared_nodes(side_b, side_a)
    sheet: dict[str, str] = {}
    cls: dict[str, str] = {}
    for n in {*nodes_a, *nodes_b}:
        types = side_a.types.get(n, set()) | side_b.types.get(n, set())
        sheet[n], cls[n] = _sheet_of(types)
    set_b = set(nodes_b)
    changes: list[Change] = []

    def add(kind: str, a: str | None, b: str | None, differences=(), similarity=None) -> None:
        node = a or b or ""
        changes.append(Change(kind, sheet[node], cls[node], a, b, list(differences),
                              similarity, side_a.source(a) if a else "",
                              side_b.source(b) if b else ""))

    for n in nodes_a:
        if n in set_b:
            d = _differences(side_a.statements[n], side_b.statements[n], sheet=sheet[n])
            add("changed" if d else "unchanged", n, n, d)
    only_a = [n for n in nodes_a if n not in set_b]
    only_b = [n for n in nodes_b if n not in set(nodes_a)]

    # responses: the same committee's handling of the same assignment or goal
    responses_a = _unique_keys(side_a, [n for n in only_a if sheet[n] == "responses"])
    responses_b = _unique_keys(side_b, [n for n in only_b if sheet[n] == "responses"])
    matched: set[str] = set()
    for key, a in sorted(responses_a.items(), key=lambda kv: kv[1]):
        b = responses_b.get(key)
        if b is None:
            continue
        d = _differences(side_a.statements[a], side_b.statements[b],
                         NOT_COMPARED_IN_RESPONSES, "responses")
        add("changed" if d else "unchanged", a, b, d)
        matched |= {a, b}
    only_a = [n for n in only_a if n not in matched]
    only_b = [n for n in only_b if n not in matched]

    for a, b, score in _reworded(side_a, side_b, only_a, only_b, sheet, threshold):
        add("reworded", a, b, _differences(side_a.statements[a], side_b.statements[b],
                                           sheet=sheet[a]), score)
        matched |= {a, b}
    for n in only_a:
        if n not in matched:
            add("removed", n, None)
    for n in only_b:
        if n not in matched:
            add("added", None, n)
    return changes


def _unique_keys(side: _Side, nodes: list[str]) -> dict[tuple, str]:
    """Response key → node, for keys only one response of the side has."""
    by_key: dict[tuple, list[str]] = defaultdict(list)
    for n in nodes:
        key = _response_key(side, n)
        if key is not None:
            by_key[key].append(n)
    return {k: v[0] for k, v in by_key.items() if len(v) == 1}


def _order(diff: Diff) -> None:
    rank = {s: i for i, s in enumerate((*_SHEET_ORDER, "other"))}
    kinds = {k: i for i, k in enumerate(KINDS)}
    diff.changes.sort(key=lambda c: (rank.get(c.sheet, len(rank)), kinds[c.kind],
                                     fold_name(diff.label(c.node)), c.node, c.b or ""))


# ---- the entry point -----------------------------------------------------------------------

def is_folder(name: str | Path) -> bool:
    return Path(name).is_dir()


@pausing
def diff(kb, a: str | Path, b: str | Path, *, threshold: float | None = None,
         cache_dir: Path | str | None = None) -> Diff:
    """What changed from `a` to `b`: two documents of `kb` (file stem, id or title), or two
    knowledge folders (each opened as `styrgraf.open(folder)` would; `kb` may then be None)."""
    from styrgraf.duplicates.defaults import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    folders = is_folder(a), is_folder(b)
    if all(folders):
        from styrgraf.api import KnowledgeBase

        cache = cache_dir if cache_dir is not None else getattr(kb, "_cache_dir", None)
        kb_a, kb_b = KnowledgeBase.open(a, cache), KnowledgeBase.open(b, cache)
        side_a, side_b = _read(kb_a, None, str(a)), _read(kb_b, None, str(b))
    elif any(folders):
        folder, other = (a, b) if folders[0] else (b, a)
        raise InputError(f"'{folder}' is a folder and '{other}' is not: compare two documents "
                         "or two knowledge folders")
    else:
        if kb is None:
            raise InputError("comparing documents needs a knowledge base to find them in")
        from styrgraf.workbook import find_document

        graph_a, graph_b = find_document(kb, str(a)), find_document(kb, str(b))
        side_a = _read(kb, [graph_a], _title(kb, graph_a))
        side_b = _read(kb, [graph_b], _title(kb, graph_b))
    result = Diff(side_a.name, side_b.name, compare(side_a, side_b, threshold),
                  (side_a.index, side_b.index))
    _order(result)
    return result


def _title(kb, graph: str) -> str:
    from styrgraf.workbook import document_graphs

    doc = document_graphs(kb).get(graph)
    return (kb.label(doc) if doc else None) or _stem(graph)
