"""Rows → the document's graph and its curation graph.

Two passes: first every row's node (its id, or one minted from its name) and
names, so rows can refer to each other in any order; then the statements.
References resolve by id or by name (case and accents ignored) against the
workbook itself and the rest of the knowledge base; a name that matches
nothing or several nodes is an error naming the candidates.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from styrgraf.knowledge.labels import NameIndex, fold, fold_name
from styrgraf.knowledge.sources import graph_for
from styrgraf.ontology.prefixes import ID_PREFIXES, compact, expand
from styrgraf.ontology.terms import PROV, RDF, RDFS, SG, SKOS

from . import cells
from .read import Cell, Row, Workbook, WorkbookError
from .schema import DOCUMENTS, FIGURES, NO, OTHER, SECTIONS_SHEET, YES, Column, Sheet
from .vocab import Vocabulary

CURATION_SUFFIX = ".curation"
_SLUG_MAX = 60


@dataclass
class Converted:
    """What one workbook states: the document's graph, its curation graph, and row origins."""

    stem: str
    document: str
    graph: str
    curation_graph: str
    statements: list[ox.Triple] = field(default_factory=list)
    judgements: list[ox.Triple] = field(default_factory=list)
    #: node IRI → (sheet, row number) of the row that describes it
    origins: dict[str, tuple[Sheet, int]] = field(default_factory=dict)
    #: node IRI → class IRIs the workbook gives it (for the per-class summary)
    classes: dict[str, set[str]] = field(default_factory=dict)


def slug(text: str) -> str:
    """A readable, stable id part from a name: 'Fältchatt för unga' → 'faltchatt-for-unga'."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(words) > _SLUG_MAX:  # cut between words, not inside one
        cut = words[:_SLUG_MAX + 1]
        words = cut[:cut.rfind("-")] if "-" in cut else words[:_SLUG_MAX]
    return words or "utan-namn"


class _Converter:
    def __init__(self, book: Workbook, rest: NameIndex, vocab: Vocabulary) -> None:
        self.book, self.rest, self.vocab = book, rest, vocab
        self.local = NameIndex()
        self.nodes: dict[int, str] = {}  # id(row) → node IRI
        self.seen: dict[str, Row] = {}
        self.classes: dict[str, set[str]] = {}  # the workbook's own nodes → their classes

    # ---- messages -------------------------------------------------------------------------

    def fail(self, row: Row, cell: Cell | str, message: str) -> WorkbookError:
        ref = cell.ref if isinstance(cell, Cell) else cell
        return self.book.error(row.sheet, ref, message, origin=row.origin)

    def _id_ref(self, row: Row) -> str:
        cell = row.get("id") or row.get("label")
        return cell.ref if cell else f"A{row.number}"

    # ---- pass 1: nodes --------------------------------------------------------------------

    def node_of(self, row: Row, stem: str) -> str:
        cell = row.get("id")
        if cell is not None:
            text = self.text(row, cell)
            iri = self._explicit_id(row, cell, text)
        else:
            local = self._minted(row)
            if row.sheet is SECTIONS_SHEET:
                local = f"{slug(stem)}-{local}"
            iri = ID_PREFIXES[row.sheet.prefix] + local
        if iri in self.seen:
            other = self.seen[iri]
            raise self.fail(row, self._id_ref(row),
                            f"the same id as {other.sheet.sv} row {other.number}: "
                            f"{compact(iri)} (give each row its own id)")
        self.seen[iri] = row
        return iri

    def _minted(self, row: Row) -> str:
        """The id part of a row without an id: from its name, or for a figure (which has
        none) from its indicator, period and breakdown."""
        label = row.get("label")
        if label is not None:
            return slug(self.text(row, label))
        parts = [row.get(k) for k in ("indicator", "period", "breakdown")]
        if row.sheet is FIGURES and parts[0] is not None and parts[1] is not None:
            return slug(" ".join(self.text(row, c).split(":")[-1] for c in parts if c))
        raise self.fail(row, f"A{row.number}", "a row needs an id or a name")

    def _explicit_id(self, row: Row, cell: Cell, text: str) -> str:
        if text.startswith("<") and text.endswith(">"):
            return self._iri(row, cell, text[1:-1])
        if re.fullmatch(r"https?://\S+", text):
            return self._iri(row, cell, text)
        if ":" in text:
            iri = expand(text)
            if iri is None:
                prefix = text.split(":", 1)[0]
                raise self.fail(row, cell, f"unknown prefix '{prefix}:' in id '{text}' "
                                f"(known: {', '.join(sorted(ID_PREFIXES))})")
            return self._iri(row, cell, iri)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text):
            raise self.fail(row, cell, f"'{text}' is not an id: use letters a–z, digits and "
                            "'-' (e.g. faltchatt-for-unga), or leave it empty")
        return ID_PREFIXES[row.sheet.prefix] + text

    def resolve_new(self, row: Row, cell: Cell) -> str:
        """A judgement's own id: `cur:…`, a full IRI, or a bare name under cur:."""
        text = self.text(row, cell)
        if ":" in text or text.startswith("<"):
            return self._explicit_id(row, cell, text)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text):
            raise self.fail(row, cell, f"'{text}' is not an id")
        return ID_PREFIXES["cur"] + text

    def _iri(self, row: Row, cell: Cell, text: str) -> str:
        try:
            return ox.NamedNode(text).value
        except ValueError:
            raise self.fail(row, cell, f"'{text}' is not a valid IRI") from None

    # ---- values ---------------------------------------------------------------------------

    def text(self, row: Row, cell: Cell) -> str:
        text = cells.text_of(cell.value)
        try:
            cells.check_text(text)
        except cells.CellValueError as e:
            raise self.fail(row, cell, str(e)) from None
        return text

    def _classes(self, node: str) -> set[str]:
        return self.classes.get(node, set()) | self.rest.classes.get(node, set())

    def resolve(self, row: Row, cell: Cell, text: str, column: Column | None = None) -> str:
        """A reference (id, IRI or name) → the node's IRI.

        A name that several nodes bear is narrowed to those of the column's classes
        (a network column takes the network "Barn och unga", not the department)."""
        if text.startswith("<") and text.endswith(">"):
            return self._iri(row, cell, text[1:-1])
        if re.fullmatch(r"https?://\S+", text):
            return self._iri(row, cell, text)
        iri = expand(text) if re.fullmatch(r"[A-Za-z][\w-]*:[^\s]+", text) else None
        if iri is not None:
            if iri in self.seen or self.rest.known(iri):
                return iri
            raise self.fail(row, cell, f"unknown id '{text}'{self._suggest(text)}")
        found = self.local.named(text)
        if len(found) != 1:  # a row of this workbook wins over a namesake elsewhere
            found |= self.rest.named(text)
        if len(found) > 1 and column is not None and column.classes:
            fitting = {n for n in found if self._classes(n) & set(column.classes)}
            found = fitting or found
        if not found and re.fullmatch(r"[a-z0-9][a-z0-9._-]*", text):
            # a bare id without its prefix ("ac-svf"): fine when exactly one prefix fits
            found = {ns + text for ns in ID_PREFIXES.values()
                     if ns + text in self.seen or self.rest.known(ns + text)}
        if len(found) == 1:
            return found.pop()
        if not found:
            raise self.fail(row, cell, f"'{text}' matches nothing{self._suggest(text)}")
        names = "; ".join(f"{compact(n)} ({self._label(n)})" for n in sorted(found)[:6])
        raise self.fail(row, cell, f"'{text}' matches {len(found)} nodes: {names}; "
                        "write the id instead")

    def _label(self, iri: str) -> str:
        return self.local.label(iri) or self.rest.label(iri) or compact(iri)

    def _suggest(self, text: str) -> str:
        near = list(dict.fromkeys(self.local.near(text, 4) + self.rest.near(text, 4)))[:5]
        if not near:
            return ""
        return "; closest: " + "; ".join(f"{compact(n)} ({self._label(n)})" for n in near)

    def terms(self, row: Row, column: Column) -> list[ox.Term]:
        cell = row.get(column.key)
        if cell is None:
            return []
        text = self.text(row, cell)
        out: list[ox.Term] = []
        for part in cells.split(column, text):
            try:
                if column.kind == "ref":
                    out.append(ox.NamedNode(self.resolve(row, cell, part, column)))
                elif column.kind == "concept":
                    iri = self.vocab.concept(column.scheme or "", part)
                    if iri is None:
                        allowed = ", ".join(self.vocab.labels(column.scheme or ""))
                        raise self.fail(row, cell, f"'{part}' is not a {column.sv.lower()} "
                                        f"(choose one of: {allowed})")
                    out.append(ox.NamedNode(iri))
                else:
                    out.append(cells.literal(column, cell.value, part))
            except cells.CellValueError as e:
                raise self.fail(row, cell, str(e)) from None
        return out

    def types(self, row: Row, node: str) -> list[str]:
        cell = row.get("type")
        if cell is None:
            if self.rest.known(node):
                return []  # another document states what it is
            return [row.sheet.classes[0]] if row.sheet.classes else []
        found = []
        for part in cells.split(row.sheet.column("type"), self.text(row, cell)):
            iri = self.vocab.classes.get(fold_name(part)) or expand(part)
            if iri is None:
                allowed = ", ".join(self.vocab.class_names[c] for c in row.sheet.classes
                                    if c in self.vocab.class_names)
                raise self.fail(row, cell, f"unknown type '{part}' (this sheet takes: "
                                f"{allowed})")
            found.append(iri)
        return found

    def judged(self, row: Row) -> bool:
        cell = row.get("judgement")
        if cell is None:
            return False
        word = fold(self.text(row, cell))
        if word in YES:
            return True
        if word in NO:
            return False
        raise self.fail(row, cell, f"'{cells.text_of(cell.value)}' in Bedömning: write ja or "
                        "leave it empty")


def convert(book: Workbook, rest: NameIndex, vocab: Vocabulary) -> Converted:
    """The graphs a workbook states (see the module docstring)."""
    conv = _Converter(book, rest, vocab)
    stem, doc_row = _document(conv)
    node_rows = [r for r in book.all_rows() if r.sheet is not OTHER]
    for row in node_rows:
        node = conv.node_of(row, stem)
        conv.nodes[id(row)] = node
        conv.classes[node] = set(conv.types(row, node))
        label = row.get("label")
        if label is not None:
            conv.local.add_name(node, RDFS.label, ox.Literal(conv.text(row, label),
                                                             language="sv"))
        for alt in cells.split(row.sheet.column("alt"), _text_or_empty(conv, row, "alt")):
            conv.local.add_name(node, SKOS.altLabel, ox.Literal(alt, language="sv"))
    document = conv.nodes[id(doc_row)]
    graph = graph_for(Path(stem + ".ttl"))
    result = Converted(stem, document, graph, graph_for(Path(stem + CURATION_SUFFIX + ".ttl")))
    g = ox.NamedNode(graph)
    result.statements += [ox.Triple(g, ox.NamedNode(RDF.type), ox.NamedNode(SG.StatedGraph)),
                          ox.Triple(g, ox.NamedNode(PROV.wasDerivedFrom),
                                    ox.NamedNode(document))]
    for row in node_rows:
        _node_statements(conv, row, conv.nodes[id(row)], result)
    for row in book.rows.get(OTHER.key, []):
        _other_statement(conv, row, result)
    if result.judgements:
        c = ox.NamedNode(result.curation_graph)
        result.judgements.insert(0, ox.Triple(c, ox.NamedNode(RDF.type),
                                              ox.NamedNode(SG.CurationGraph)))
    return result


def _text_or_empty(conv: _Converter, row: Row, key: str) -> str:
    cell = row.get(key)
    return conv.text(row, cell) if cell is not None else ""


def _document(conv: _Converter) -> tuple[str, Row]:
    """The row that is this workbook's document, and the file stem of its graph."""
    rows = conv.book.rows.get(DOCUMENTS.key, [])
    marked = [r for r in rows if r.get("file") is not None]
    if len(marked) > 1:
        raise conv.fail(marked[1], marked[1].get("file"),
                        f"only one row can name the file (row {marked[0].number} does)")
    if marked:
        row = marked[0]
        cell = row.get("file")
        stem = conv.text(row, cell)
        stem = stem[:-4] if stem.endswith(".ttl") else stem
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", stem) or stem.endswith(
                CURATION_SUFFIX):
            raise conv.fail(row, cell, f"'{stem}' cannot be a file name: use letters a–z, "
                            "digits and '-'")
        return stem, row
    candidates = [r for r in rows if r.get("type") is None
                  or fold(cells.text_of(r.get("type").value)) in ("sourcedocument",
                                                                  "kalldokument")]
    if not candidates:
        raise WorkbookError(f"{conv.book.where(DOCUMENTS, 'A2')}: no row describes the "
                            "document (fill in the sheet Dokument)")
    row = candidates[0]
    cell = row.get("id")
    local = conv.text(row, cell).split(":")[-1] if cell else slug(
        _text_or_empty(conv, row, "label"))
    return slug(local), row


def _node_statements(conv: _Converter, row: Row, node: str, out: Converted) -> None:
    s = ox.NamedNode(node)
    triples = [ox.Triple(s, ox.NamedNode(RDF.type), ox.NamedNode(c))
               for c in conv.types(row, node)]
    out.classes.setdefault(node, set()).update(t.object.value for t in triples)
    new = not conv.rest.known(node)
    for column in row.sheet.property_columns:
        if column.key == "sections":
            continue
        if new and column.required and row.get(column.key) is None:
            raise conv.fail(row, f"{_letter(row, column)}{row.number}",
                            f"{column.sv} is required")
        triples += [ox.Triple(s, ox.NamedNode(column.predicate), t)
                    for t in conv.terms(row, column)]
    sections = conv.terms(row, row.sheet.column("sections"))
    out.origins.setdefault(node, (row.sheet, row.number))
    if conv.judged(row):
        _judge(conv, row, triples, sections, out)
    else:
        out.statements += triples
        out.statements += [ox.Triple(s, ox.NamedNode(SG.statedIn), t) for t in sections]


def _letter(row: Row, column: Column) -> str:
    from .read import column_letter

    return column_letter(row.sheet.columns.index(column) + 1)


def _judge(conv: _Converter, row: Row, triples: list[ox.Triple], sections: list[ox.Term],
           out: Converted) -> None:
    """Each statement of a judged row, plainly and reified with the reason and sections."""
    reason = row.get("reason")
    if reason is None:
        raise conv.fail(row, f"{_letter(row, row.sheet.column('reason'))}{row.number}",
                        "a judgement needs its reason (Motivering)")
    note = ox.Literal(conv.text(row, reason), language="sv")
    explicit = row.get("judgement_id")
    for i, t in enumerate(triples):
        if explicit is not None and i == 0:
            j = ox.NamedNode(conv.resolve_new(row, explicit))
        else:
            j = ox.NamedNode(ID_PREFIXES["cur"] + f"{slug(out.stem)}-{_digest(t)}")
        out.judgements += [
            t, ox.Triple(j, ox.NamedNode(RDF.type), ox.NamedNode(SG.CuratorJudgement)),
            ox.Triple(j, ox.NamedNode(RDF.subject), t.subject),
            ox.Triple(j, ox.NamedNode(RDF.predicate), t.predicate),
            ox.Triple(j, ox.NamedNode(RDF.object), t.object),
            ox.Triple(j, ox.NamedNode(SKOS.note), note),
        ] + [ox.Triple(j, ox.NamedNode(SG.statedIn), sec) for sec in sections]


def _digest(t: ox.Triple) -> str:
    return hashlib.sha256(str(t).encode()).hexdigest()[:12]


def _other_statement(conv: _Converter, row: Row, out: Converted) -> None:
    for key in ("subject", "property", "value"):
        if row.get(key) is None:
            column = OTHER.column(key)
            raise conv.fail(row, f"{_letter(row, column)}{row.number}",
                            f"{column.sv} is required")
    subject_cell, property_cell, value_cell = row.get("subject"), row.get("property"), \
        row.get("value")
    subject = ox.NamedNode(conv.resolve(row, subject_cell, conv.text(row, subject_cell)))
    prop_text = conv.text(row, property_cell)
    prop = (prop_text[1:-1] if prop_text.startswith("<") and prop_text.endswith(">")
            else expand(prop_text))
    if prop is None:
        raise conv.fail(row, property_cell, f"unknown property '{prop_text}': write it as "
                        "prefix:name, like sg:cites")
    value_text = conv.text(row, value_cell)
    kind = _text_or_empty(conv, row, "value_type")
    try:
        if fold(kind) in ("nod", "node"):
            value: ox.Term = ox.NamedNode(conv.resolve(row, value_cell, value_text))
        else:
            value = cells.other_literal(kind, cells.text_of(value_cell.value))
    except cells.CellValueError as e:
        raise conv.fail(row, row.get("value_type") or value_cell, str(e)) from None
    triple = ox.Triple(subject, ox.NamedNode(conv._iri(row, property_cell, prop)), value)
    sections = conv.terms(row, OTHER.column("sections"))
    if conv.judged(row):
        _judge(conv, row, [triple], sections, out)
    else:
        if sections:
            raise conv.fail(row, row.get("sections"), "Avsnitt is for judgements here; "
                            "give the node's sections on its own sheet")
        out.statements.append(triple)
