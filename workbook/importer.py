"""Import a workbook into a knowledge folder, and export a document back to one.

The import writes one Turtle file per document (`STEM.ttl`, its named graph)
and, when rows are marked as judgements, `STEM.curation.ttl` beside it;
nothing else in the folder is touched. It reads and converts everything
before writing anything, so an error leaves the folder exactly as it was;
importing the same workbook again gives the same files; a corrected
workbook replaces that document's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.labels import NameIndex
from styrgraf.knowledge.sources import PACKAGED_DATA_DIR, display_path
from styrgraf.ontology.prefixes import PREFIXES, compact

from .convert import CURATION_SUFFIX, Converted, convert
from .read import Workbook, read
from .schema import OTHER, SHEETS, sheet_for_class
from .vocab import Vocabulary, vocabulary


@dataclass
class SheetChange:
    """What an import adds, changes and removes among the nodes of one sheet."""

    sheet: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Violation:
    where: str  # "plan.xlsx: Aktiviteter!rad 12" or the node when no row describes it
    node: str
    message: str


@dataclass
class ImportReport:
    workbook: Path
    folder: Path
    document: str
    files: list[Path]
    rows: int
    statements: int
    judgements: int
    changes: list[SheetChange]
    written: bool = False
    violations: list[Violation] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not any(c.added or c.changed or c.removed for c in self.changes)


def rest_of(store: ox.Store, graphs: set[str]) -> ox.Store:
    """An in-memory copy of the knowledge base without `graphs` (the document being replaced)."""
    rest = ox.Store()
    rest.extend(q for q in store if not (isinstance(q.graph_name, ox.NamedNode)
                                         and q.graph_name.value in graphs))
    return rest


def _target_folder(kb) -> Path:
    folder = Path(kb.directory)
    if folder.resolve() == PACKAGED_DATA_DIR.resolve():
        raise InputError("no knowledge folder to import into: make one with "
                         "`styrgraf init DIR` and pass --into DIR (or --data DIR)")
    return folder


def plan_import(kb, path: Path, vocab: Vocabulary | None = None) -> tuple[Converted, Workbook,
                                                                        dict[str, set]]:
    """Read and convert a workbook against the knowledge base, writing nothing."""
    book = read(path)
    vocab = vocab or vocabulary()
    stem = _stem(book)
    from styrgraf.knowledge.sources import graph_for

    replaced = {graph_for(Path(stem + ".ttl")), graph_for(Path(stem + CURATION_SUFFIX + ".ttl"))}
    rest = rest_of(kb.store, replaced)
    converted = convert(book, NameIndex.read(rest), vocab)
    old = {g: set(_triples(kb.store, g)) for g in replaced}
    return converted, book, old


def _stem(book: Workbook) -> str:
    from .convert import _Converter, _document

    return _document(_Converter(book, NameIndex(), Vocabulary()))[0]


def _triples(store: ox.Store, graph: str) -> list[ox.Triple]:
    return [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]


def import_workbook(kb, path: Path, *, dry_run: bool = False,
                    validate: bool = True) -> ImportReport:
    """Import `path` into the folder of `kb` (a workspace); see the module docstring."""
    folder = _target_folder(kb)
    converted, book, old = plan_import(kb, path)
    files = [folder / f"{converted.stem}.ttl"]
    curation_file = folder / f"{converted.stem}{CURATION_SUFFIX}.ttl"
    if converted.judgements:
        files.append(curation_file)
    new = set(converted.statements) | set(converted.judgements)
    before = old[converted.graph] | old[converted.curation_graph]
    report = ImportReport(
        workbook=path, folder=folder, document=converted.document, files=files,
        rows=sum(1 for _ in book.all_rows()), statements=len(converted.statements),
        judgements=sum(1 for t in converted.judgements
                       if t.predicate.value.endswith("#subject")),
        changes=_changes(before, new, converted, kb))
    if dry_run:
        return report
    _write(files, converted, curation_file, path)
    report.written = True
    if validate:
        fresh = kb.reopen()  # rebuilds the store: the folder's content changed
        report.violations = _violations(fresh.validate(), converted, book)
    return report


def _write(files: list[Path], converted: Converted, curation_file: Path, source: Path) -> None:
    from styrgraf.knowledge.atomic import atomic_writer

    graphs = [(converted.graph, converted.statements, "the document's statements")]
    if converted.judgements:
        graphs.append((converted.curation_graph, converted.judgements,
                       "the curator's judgements on this document"))
    for file, (graph, triples, what) in zip(files, graphs, strict=True):
        if _holds(file, graph, triples):
            continue  # the same graph: keep the file as it is, byte for byte
        with atomic_writer(file) as out:
            out.write(_turtle(triples, source, what))
    if not converted.judgements and curation_file.exists():
        curation_file.unlink()


def _holds(file: Path, graph: str, triples: list[ox.Triple]) -> bool:
    """Whether `file` already states exactly `triples` (loaded as graph `graph`)."""
    if not file.is_file():
        return False
    try:
        found = {q.triple if isinstance(q, ox.Quad) else q
                 for q in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE, base_iri=graph)}
    except (SyntaxError, OSError, ValueError):
        return False
    return found == set(triples)


def _turtle(triples: list[ox.Triple], source: Path, what: str) -> bytes:
    header = (f"# Written by `styrgraf import` from {source.name}: {what}.\n"
              "# Correct the workbook and import it again rather than editing this file.\n\n")
    used = {p: ns for p, ns in PREFIXES.items()
            if any(ns in str(t) for t in triples[:2000])} or PREFIXES
    body = ox.serialize(sorted(triples, key=_order), format=ox.RdfFormat.TURTLE,
                        prefixes=used)
    return header.encode() + body


def _order(t: ox.Triple) -> tuple:
    return (t.subject.value, t.predicate.value != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            t.predicate.value, str(t.object))


def _changes(before: set[ox.Triple], after: set[ox.Triple], converted: Converted,
             kb) -> list[SheetChange]:
    """Per sheet: nodes whose statements appear, differ or disappear."""
    def by_subject(triples: set[ox.Triple]) -> dict[str, set[ox.Triple]]:
        out: dict[str, set[ox.Triple]] = {}
        for t in triples:
            out.setdefault(t.subject.value, set()).add(t)
        return out

    old, new = by_subject(before), by_subject(after)
    index = NameIndex.read(kb.store) if old else NameIndex()
    changes: dict[str, SheetChange] = {}

    def sheet_name(node: str) -> str:
        if node in converted.origins:
            return converted.origins[node][0].sv
        sheet = sheet_for_class(converted.classes.get(node, set())
                                | index.classes.get(node, set()))
        return sheet.sv if sheet else OTHER.sv

    for node in sorted(set(old) | set(new)):
        if node in (converted.graph, converted.curation_graph):
            continue
        if node in old and node in new and old[node] == new[node]:
            continue
        change = changes.setdefault(sheet_name(node), SheetChange(sheet_name(node)))
        if node not in old:
            change.added.append(compact(node))
        elif node not in new:
            change.removed.append(compact(node))
        elif old[node] != new[node]:
            change.changed.append(compact(node))
    order = {sheet.sv: i for i, sheet in enumerate(SHEETS)}
    return sorted(changes.values(), key=lambda c: order.get(c.sheet, len(order)))


def _violations(validation, converted: Converted, book: Workbook) -> list[Violation]:
    """The violations whose focus node a row of this workbook describes, by sheet and row."""
    rows = {compact(node): origin for node, origin in converted.origins.items()}
    found = []
    for result in validation.results:
        if result.severity != "Violation" or result.focus not in rows:
            continue
        sheet, number = rows[result.focus]
        found.append(Violation(f"{display_path(book.path)}: {sheet.sv}!rad {number}",
                               result.focus, result.message))
    return found
