"""Workbooks: a spreadsheet in, a spreadsheet out, so strategists never write RDF.

    from styrgraf import workbook
    workbook.write_template("plan.xlsx")                 # an empty workbook to fill in
    report = workbook.import_workbook(kb, "plan.xlsx")   # into kb's workspace folder
    workbook.export_document(kb, "003-verksamhetsplan-snn-2024", "vp.xlsx")

`schema` declares the sheets and columns once; `read` and `convert` turn a
filled workbook into a document graph; `export` and `xlsx` turn a document
graph back into the same workbook.
"""

from __future__ import annotations

from pathlib import Path

from .importer import ImportReport, import_workbook

__all__ = ["ImportReport", "document_graphs", "export_document", "export_documents",
           "import_workbook", "write_template"]


def write_template(path: Path | str) -> Path:
    """Write the empty workbook (instructions, dropdowns, one example row per sheet)."""
    from .vocab import vocabulary
    from .xlsx import write_workbook

    path = Path(path)
    write_workbook(path, vocabulary(), examples=True)
    return path


def document_graphs(kb) -> dict[str, str]:
    """Document graph IRI → the document it was derived from, for every document graph."""
    import pyoxigraph as ox

    from styrgraf.ontology.terms import PROV

    found = {}
    for q in kb.store.quads_for_pattern(None, ox.NamedNode(PROV.wasDerivedFrom), None, None):
        if q.graph_name == q.subject and isinstance(q.object, ox.NamedNode):
            found[q.subject.value] = q.object.value
    return dict(sorted(found.items()))


def document_titles(kb) -> dict[str, tuple[str, str | None]]:
    """Document graph IRI → (the document, its title), for every document graph."""
    from styrgraf.knowledge.labels import labels_of

    graphs = document_graphs(kb)
    titles = labels_of(kb.store, set(graphs.values()))  # the documents' names only
    return {g: (doc, titles.get(doc)) for g, doc in graphs.items()}


def find_document(kb, name: str) -> str:
    """The document graph `name` means: a file stem, a graph IRI, a document id or title."""
    from styrgraf.knowledge.errors import InputError
    from styrgraf.knowledge.labels import fold_name
    from styrgraf.ontology.prefixes import compact

    from .export import stem_of

    # styrgraf.KnowledgeBase reads them once (a report asks often)
    documents = kb.documents() if hasattr(kb, "documents") else document_titles(kb)
    wanted = fold_name(name)
    for graph, (doc, title) in documents.items():
        names = {stem_of(graph), graph, doc, compact(doc), compact(graph), title or ""}
        if wanted in {fold_name(n) for n in names}:
            return graph
    known = ", ".join(stem_of(g) for g in documents)
    raise InputError(f"no document '{name}' (known: {known})")


def export_document(kb, name: str, path: Path | str) -> tuple[Path, int]:
    """Write one document graph as a workbook; returns the path and the number of rows."""
    import pyoxigraph as ox

    from styrgraf.knowledge.labels import NameIndex
    from styrgraf.knowledge.sources import graph_for

    from .convert import CURATION_SUFFIX
    from .export import judgement_rows, stem_of, tables
    from .importer import rest_of
    from .vocab import vocabulary
    from .xlsx import write_workbook

    graph = find_document(kb, name)
    curation = graph_for(Path(stem_of(graph) + CURATION_SUFFIX + ".ttl"))

    def statements(g: str) -> list:
        return [q.triple for q in kb.store.quads_for_pattern(None, None, None, ox.NamedNode(g))]

    rest = NameIndex.read(rest_of(kb.store, {graph, curation}))
    result = tables(statements(graph), graph, rest, vocabulary())
    result.rows["other"] += judgement_rows(statements(curation), rest)
    path = Path(path)
    write_workbook(path, vocabulary(), result.rows)
    return path, result.count()


def export_documents(kb, folder: Path | str) -> list[tuple[Path, int]]:
    """One workbook per document graph into `folder` (made if missing), named by file stem."""
    from .export import stem_of

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [export_document(kb, stem_of(g), folder / f"{stem_of(g)}.xlsx")
            for g in document_graphs(kb)]
