"""Commands over the whole knowledge base: build, validate, stats, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.prefixes import compact
from styrgraf.queries.rows import Rows
from styrgraf.queries.wording import counted, default_lang, say

from . import output, render
from .context import EXIT_ERROR, open_kb
from .options import Format, FormatOption, LangOption, lang_of, tabular


class ExportFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    xlsx = "xlsx"


_WORDS = {
    "sv": {"file": "fil", "graph": "graf", "triples": "tripler", "change": "ändring",
           "rebuilt": "Lagret byggdes om", "reused": "Lagret är aktuellt och återanvändes",
           "store": "lager", "removed": "borttagen graf",
           "conforms": "Kunskapsbasen uppfyller formerna", "fails": "Kunskapsbasen uppfyller "
           "INTE formerna", "Violation": "överträdelse", "Warning": "varning", "Info": "info",
           "Violations": "överträdelser", "Warnings": "varningar", "Infos": "info",
           "severity": "allvar", "node": "nod", "label": "namn", "source": "källa",
           "path": "egenskap", "message": "meddelande", "value": "värde",
           "class": "klass", "total": "totalt", "per_class": "Noder per klass",
           "documents": "Källdokument", "kind": "slag", "document": "dokument",
           "statements": "påståenden", "title": "titel"},
    "en": {"file": "file", "graph": "graph", "triples": "triples", "change": "change",
           "rebuilt": "Store rebuilt", "reused": "Store up to date, reused", "store": "store",
           "removed": "removed graph", "conforms": "Knowledge base conforms",
           "fails": "Knowledge base does NOT conform", "Violation": "violation",
           "Warning": "warning", "Info": "info", "Violations": "violations",
           "Warnings": "warnings", "Infos": "infos", "severity": "severity", "node": "node",
           "label": "label", "source": "source", "path": "path", "message": "message",
           "value": "value", "class": "class", "total": "total",
           "per_class": "Nodes per class", "documents": "Source documents", "kind": "kind",
           "document": "document", "statements": "statements", "title": "title"},
}


@tabular
def build(
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Rebuild even if nothing changed.")] = False,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
) -> None:
    """Load or refresh the store from the knowledge files and report what was loaded.

    The store is rebuilt only when a file's content changed; otherwise the
    cached store is reused and nothing is re-parsed.
    """
    language = lang_of(lang)
    words = _WORDS[language]
    kb, report = open_kb(rebuild=rebuild, quiet=True, lang=language)
    if report is None:
        raise InputError("build works on the embedded store, not on a SPARQL endpoint "
                         "(use styrgraf push to update the server)")
    columns = ["file", "graph", "triples", "change", "layer", "rebuilt", "store"]
    records = [{"file": g.file, "graph": g.graph, "triples": g.triples, "change": g.change,
                "layer": g.layer, "rebuilt": report.rebuilt, "store": str(report.store_path)}
               for g in report.graphs]
    verb = words["rebuilt"] if report.rebuilt else words["reused"]
    layered = len(kb.layers) > 1  # which layer a file came from matters only then
    rows = Rows(columns, records, {**{c: words[c] for c in columns[:4]},
                                   "layer": say(language, "layer.column")},
                people=columns[:5] if layered else columns[:4],
                title=f"{verb} ({report.seconds:.2f} s)")
    if fmt.value in render.PEOPLE_FORMATS:
        for record in rows.records:
            record["graph"] = compact(record["graph"])
            record["layer"] = ", ".join(say(language, f"layer.{kind}")
                                        for kind in record["layer"].split(", ") if kind)
    render.render(rows, fmt.value, language)
    if fmt.value in render.PEOPLE_FORMATS:
        output.note(f"{words['store']}: {report.store_path} ({kb.directory})")
        for graph in report.removed:
            output.note(f"{words['removed']} {compact(graph)}")


@tabular
def validate(
    lang: LangOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Check the knowledge base against the SHACL shapes in ontology/shapes.ttl.

    Results are grouped by severity, each with the node's label, its source
    file(s) and the message. Exit code 1 if there is any violation; warnings
    (gaps the documents themselves have) and infos are printed but do not fail.
    """
    from styrgraf.knowledge.validation import SEVERITIES

    language = lang_of(lang)
    words = _WORDS[language]
    kb, _ = open_kb(lang=language)
    report = kb.validate(lang=language)
    columns = ["severity", "node", "label", "source", "path", "message", "value"]
    records = [{"severity": r.severity, "node": r.focus, "label": r.label or "",
                "source": "; ".join(r.sources), "path": r.path or "", "message": r.message,
                "value": r.value or ""} for r in report.results]
    headers = {c: words[c] for c in columns}
    if fmt.value in render.PEOPLE_FORMATS:
        for severity in SEVERITIES:
            part = [r for r in records if r["severity"] == severity]
            if part:
                render.render(Rows(columns, part, headers, people=columns[1:],
                                   title=f"{words[severity + 's'].capitalize()} ({len(part)})"),
                              fmt.value, language)
        counts = report.counts
        summary = ", ".join(f"{counts[s]} {words[s] if counts[s] == 1 else words[s + 's']}"
                            for s in SEVERITIES)
        verdict = words["conforms"] if report.conforms else words["fails"]
        output.stdout().print(f"{verdict}: {summary}.", highlight=False, markup=False)
    else:
        render.render(Rows(columns, records, headers), fmt.value, language)
    if not report.conforms:
        raise typer.Exit(EXIT_ERROR)


@tabular
def stats(fmt: FormatOption = Format.table, lang: LangOption = None,
          documents: Annotated[bool, typer.Option(
              "--documents", help="Only the source documents (graph, kind, title, statements); "
                                  "tables show both.")] = False) -> None:
    """Count nodes per class and per source document."""
    language = lang_of(lang)
    words = _WORDS[language]
    kb, _ = open_kb(lang=language)
    result = kb.stats()
    graphs = result.graphs
    people = fmt.value in render.PEOPLE_FORMATS
    doc_columns = ["graph", "kind", "document", "title", "statements"]
    docs = [{"graph": d.graph, "kind": d.kind, "document": d.document, "title": d.title or "",
             "statements": d.statements} for d in result.documents]
    doc_rows = Rows(doc_columns, docs, {c: words.get(c, c) for c in doc_columns},
                    people=["graph", "kind", "title", "statements"], title=words["documents"])
    if documents:
        render.render(doc_rows, fmt.value, language)
        return
    short = _short_names(graphs) if people else graphs
    columns = ["class", "total", *short]
    records = [{"class": c.label if people else c.class_iri, "total": c.total,
                **{s: c.per_graph.get(g, 0 if not people else None)
                   for s, g in zip(short, graphs, strict=True)}} for c in result.classes]
    render.render(Rows(columns, records, {"class": words["class"], "total": words["total"]},
                       title=words["per_class"]), fmt.value, language)
    if people:
        render.render(doc_rows, fmt.value, language)


def _short_names(graphs: list[str]) -> list[str]:
    """Column headers for graphs: the stem's first part ("003") when that is unique."""
    firsts = [g.split("-", 1)[0] for g in graphs]
    return [f if firsts.count(f) == 1 else g for f, g in zip(firsts, graphs, strict=True)]


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=(
        "turtle merges all graphs into one; trig, nquads and jsonld keep one named graph "
        "per source; xlsx writes the workbook `styrgraf import` reads (one per document)."))
    ] = ExportFormat.turtle,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=(
        "Write to this file (atomically: a failed export leaves no partial file). "
        "Default: standard output. With xlsx and no --document: a folder, one workbook "
        "per document."))] = None,
    document: Annotated[str | None, typer.Option(
        "--document", "-d", metavar="NAME", help="With xlsx: only this document (file stem, "
        "id or title, e.g. 003-verksamhetsplan-snn-2024).")] = None,
    with_vocabulary: Annotated[bool, typer.Option(
        "--with-vocabulary", help="Include the styrgraf vocabulary (ontology) graph.")] = False,
) -> None:
    """Export the knowledge base as Turtle, TriG, N-Quads, JSON-LD or workbooks (xlsx)."""
    lang = default_lang()
    if fmt is ExportFormat.xlsx:
        _export_workbooks(out, document, lang)
        return
    if document is not None:
        raise InputError("--document goes with --format xlsx")
    kb, _ = open_kb()
    n = kb.export(fmt.value, out, include_vocabulary=with_vocabulary)
    if out is not None:
        kind = "triple" if fmt is ExportFormat.turtle else "quad"
        output.note(say(lang, "note.wrote", what=counted(lang, kind, n), path=out))


def _export_workbooks(out: Path | None, document: str | None, lang: str) -> None:
    if out is None:
        raise InputError("a workbook needs a file: give -o FILE.xlsx (or -o DIR without "
                         "--document)")
    kb, _ = open_kb(lang=lang)
    for path, rows in kb.export_workbook(out, document):
        output.note(say(lang, "note.wrote", what=counted(lang, "row", rows), path=path))


EXAMPLES = {
    "build": ["styrgraf build", "styrgraf build --rebuild",
              "styrgraf --data ./my-kb build --format json"],
    "validate": ["styrgraf validate", "styrgraf validate --lang en",
                 "styrgraf validate --format json > report.json"],
    "stats": ["styrgraf stats", "styrgraf stats --format csv > counts.csv",
              "styrgraf stats --format markdown"],
    "export": ["styrgraf export > styrgraf.ttl", "styrgraf export --format trig -o styrgraf.trig",
               "styrgraf export --format jsonld -o styrgraf.jsonld",
               "styrgraf export --format xlsx --document 003-verksamhetsplan-snn-2024 -o vp.xlsx",
               "styrgraf export --format xlsx -o arbetsbocker/"],
}
