"""A document's graph → the workbook's rows (the inverse of `convert`).

Every statement lands in exactly one cell: in its node's row and the column
of its property when that column can hold it exactly, else as a row of
"Övriga uppgifter". Whether a node gets a row follows the same rule the
import uses to decide whether to state a type, so export → import gives back
the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

import pyoxigraph as ox

from styrgraf.knowledge.labels import NameIndex
from styrgraf.ontology.prefixes import GRAPH, compact
from styrgraf.ontology.terms import PROV, RDF, SG

from . import cells
from .schema import DOCUMENTS, OTHER, REF_SEPARATOR, Column, Sheet, sheet_for_class
from .vocab import Vocabulary

Record = dict[str, object]


@dataclass
class Tables:
    """Rows per sheet key, each a {column key: cell value} mapping."""

    rows: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def stem_of(graph: str) -> str:
    """The file stem of a document graph (its IRI after graph:)."""
    return unquote(graph[len(GRAPH):]) if graph.startswith(GRAPH) else graph.rsplit("/", 1)[-1]


class _Exporter:
    def __init__(self, triples: list[ox.Triple], rest: NameIndex, vocab: Vocabulary) -> None:
        self.rest, self.vocab = rest, vocab
        self.by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
        for t in triples:
            self.by_subject[t.subject.value].append(t)
        self.tables = Tables()
        self.rowed: set[str] = set()  # nodes that get a row (the import knows their ids)

    def ref(self, iri: str) -> str:
        """How a node is written in a cell: its short id where the import will find it."""
        short = compact(iri)
        known = iri in self.rowed or self.rest.known(iri)
        if short != iri and known and ";" not in short:
            return short
        return f"<{iri}>"

    def other(self, t: ox.Triple) -> None:
        value = self.ref(t.object.value) if isinstance(t.object, ox.NamedNode) else t.object.value
        prop = compact(t.predicate.value)
        self.tables.rows[OTHER.key].append({
            "subject": self.ref(t.subject.value),
            "property": prop if prop != t.predicate.value else f"<{prop}>",
            "value": value, "value_type": cells.value_type_of(t.object)})

    def sheet_of(self, node: str, types_here: set[str]) -> Sheet | None:
        if types_here:
            return sheet_for_class(types_here)
        if self.rest.known(node):
            return sheet_for_class(self.rest.classes.get(node, set()))
        return None

    def cell(self, column: Column, terms: list[ox.Term]) -> tuple[object | None, list[ox.Term]]:
        """The cell for `terms` and the ones it cannot hold (they go to the other sheet)."""
        held, left = [], []
        for term in sorted(terms, key=str):
            value = self._value(column, term)
            if value is None or (held and not column.multi):
                left.append(term)
            else:
                held.append(value)
        if not held:
            return None, left
        if column.multi:
            separator = "; " if column.splits_on == REF_SEPARATOR else column.splits_on
            return separator.join(str(v) for v in held), left
        return held[0], left

    def _value(self, column: Column, term: ox.Term) -> object | None:
        if column.kind == "ref":
            return self.ref(term.value) if isinstance(term, ox.NamedNode) else None
        if column.kind == "concept":
            if not isinstance(term, ox.NamedNode):
                return None
            return self.vocab.concept_label(column.scheme or "", term.value)
        if not isinstance(term, ox.Literal):
            return None
        value = cells.write_literal(column, term)
        if isinstance(value, str) and not _reads_back(column, value):
            return None
        return value


def _reads_back(column: Column, text: str) -> bool:
    """Whether a text survives the import unchanged (no stripping, splitting or refusal)."""
    if text != text.strip() or not text:
        return False
    if column.multi and column.splits_on in text:
        return False
    try:
        cells.check_text(text)
    except cells.CellValueError:
        return False
    return True


def tables(triples: list[ox.Triple], graph: str, rest: NameIndex,
           vocab: Vocabulary) -> Tables:
    """The rows of one document graph (its triples, without the graph name)."""
    ex = _Exporter(triples, rest, vocab)
    document = _header(ex, graph)
    sheets = {node: ex.sheet_of(node, _types(statements))
              for node, statements in ex.by_subject.items()}
    ex.rowed = {node for node, sheet in sheets.items() if sheet is not None}
    for node in sorted(ex.by_subject, key=lambda n: (n != document, n)):
        statements = ex.by_subject[node]
        types_here = _types(statements)
        sheet = sheets[node]
        if sheet is None:
            for t in statements:
                ex.other(t)
            continue
        record: Record = {"id": ex.ref(node)}
        if types_here:
            record["type"] = "; ".join(sorted(ex.vocab.class_names.get(c, compact(c))
                                              for c in types_here))
        by_predicate: dict[str, list[ox.Term]] = defaultdict(list)
        for t in statements:
            if t.predicate.value != RDF.type:
                by_predicate[t.predicate.value].append(t.object)
        for column in sheet.property_columns:
            terms = by_predicate.pop(column.predicate, [])
            if not terms:
                continue
            value, left = ex.cell(column, terms)
            if value is not None:
                record[column.key] = value
            for term in left:
                ex.other(ox.Triple(ox.NamedNode(node), ox.NamedNode(column.predicate), term))
        for predicate, terms in by_predicate.items():
            for term in terms:
                ex.other(ox.Triple(ox.NamedNode(node), ox.NamedNode(predicate), term))
        if node == document and sheet is DOCUMENTS:
            record["file"] = stem_of(graph)
        ex.tables.rows[sheet.key].append(record)
    return ex.tables


def _types(statements: list[ox.Triple]) -> set[str]:
    return {t.object.value for t in statements if t.predicate.value == RDF.type}


def _header(ex: _Exporter, graph: str) -> str | None:
    """Drop the graph's own two statements (the import writes them) and name its document."""
    own = ex.by_subject.get(graph, [])
    derived = [t.object.value for t in own if t.predicate.value == PROV.wasDerivedFrom]
    standard = [t for t in own if (t.predicate.value, t.object.value) == (RDF.type,
                                                                          SG.StatedGraph)
                or t.predicate.value == PROV.wasDerivedFrom]
    if len(derived) == 1 and len(standard) == 2:
        rest = [t for t in own if t not in standard]
        if rest:
            ex.by_subject[graph] = rest
        else:
            del ex.by_subject[graph]
        return derived[0]
    return None


def judgement_rows(triples: list[ox.Triple], rest: NameIndex) -> list[Record]:
    """A document's curation graph as judged rows of the other sheet, one per judgement.

    The plain statement beside each judgement is not a row of its own: the import
    writes it again from the judgement.
    """
    from styrgraf.ontology.terms import SKOS

    ex = _Exporter(triples, rest, Vocabulary())
    rows = []
    for node, statements in sorted(ex.by_subject.items()):
        if SG.CuratorJudgement not in _types(statements):
            continue
        one = {t.predicate.value: t.object for t in statements}
        judged = (one.get(RDF.subject), one.get(RDF.predicate), one.get(RDF.object))
        if any(term is None for term in judged):
            continue
        ex.other(ox.Triple(*judged))
        row = ex.tables.rows[OTHER.key].pop()
        note = one.get(SKOS.note)
        row.update({"judgement": "ja", "reason": note.value if note is not None else None,
                    "judgement_id": compact(node),
                    "sections": "; ".join(sorted(ex.ref(t.object.value) for t in statements
                                                 if t.predicate.value == SG.statedIn)) or None})
        rows.append(row)
    return rows
