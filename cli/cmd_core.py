"""Commands over the whole knowledge base: build, validate, stats, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from styrgraf.ontology.prefixes import compact

from . import output
from .context import EXIT_ERROR, handle_errors, open_kb


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


class Lang(StrEnum):
    en = "en"
    sv = "sv"


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]


@handle_errors
def build(
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Rebuild even if nothing changed.")] = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Load or refresh the store from the knowledge files and report what was loaded.

    The store is rebuilt only when a file's content changed; otherwise the
    cached store is reused and nothing is re-parsed.
    """
    _, report = open_kb(rebuild=rebuild, quiet=True)
    columns = ["file", "graph", "triples", "change"]
    rows = [[g.file, g.graph, g.triples, g.change] for g in report.graphs]
    if fmt is TableFormat.json:
        output.write_json({"rebuilt": report.rebuilt, "store": str(report.store_path),
                           "seconds": round(report.seconds, 3), "removed": report.removed,
                           "graphs": [dict(zip(columns, r, strict=True)) for r in rows]})
        return
    if fmt is TableFormat.csv:
        output.write_csv(columns, rows)
        return
    verb = "rebuilt" if report.rebuilt else "up to date, reused"
    output.write_table(columns, ([f, compact(g), str(n), c] for f, g, n, c in rows),
                       title=f"Store {verb} ({report.seconds:.2f} s)",
                       caption=f"store: {report.store_path}")
    for graph in report.removed:
        output.stdout.print(f"removed graph {compact(graph)}", highlight=False)


@handle_errors
def validate(
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the messages.")] = Lang.en,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Check the knowledge base against the SHACL shapes in ontology/shapes.ttl.

    Results are grouped by severity, each with the node's label, its source
    file(s) and the message. Exit code 1 if there is any violation; warnings
    (gaps the documents themselves have) and infos are printed but do not fail.
    """
    from styrgraf.knowledge.validate import SEVERITIES
    from styrgraf.knowledge.validate import validate as run_validation

    kb, _ = open_kb()
    report = run_validation(kb, lang=lang.value)
    columns = ["severity", "node", "label", "source", "path", "message", "value"]
    records = [[r.severity, r.focus, r.label or "", "; ".join(r.sources), r.path or "",
                r.message, r.value or ""] for r in report.results]
    if fmt is TableFormat.json:
        output.write_json([dict(zip(columns, rec, strict=True)) for rec in records])
    elif fmt is TableFormat.csv:
        output.write_csv(columns, records)
    else:
        for severity in SEVERITIES:
            rows = [rec[1:] for rec in records if rec[0] == severity]
            if rows:
                output.write_table(columns[1:], rows, title=f"{severity}s ({len(rows)})")
        counts = report.counts
        summary = ", ".join(f"{counts[s]} {s.lower()}{'s' if counts[s] != 1 else ''}"
                            for s in SEVERITIES)
        verdict = "conforms" if report.conforms else "does NOT conform"
        output.stdout.print(f"Knowledge base {verdict}: {summary}.", highlight=False)
    if not report.conforms:
        raise typer.Exit(EXIT_ERROR)


@handle_errors
def stats(fmt: FormatOption = TableFormat.table) -> None:
    """Count nodes per class and per source document."""
    from styrgraf.queries.stats import statistics

    kb, _ = open_kb()
    result = statistics(kb.store)
    graphs = result.graphs
    class_rows = [[c.label, str(c.total), *(str(c.per_graph.get(g, "")) for g in graphs)]
                  for c in result.classes]
    doc_rows = [[d.graph, d.kind, d.title or "", str(d.statements)] for d in result.documents]
    if fmt is TableFormat.json:
        output.write_json({
            "classes": [{"class": c.class_iri, "label": c.label, "nodes": c.total,
                         "per_graph": c.per_graph} for c in result.classes],
            "documents": [{"graph": d.graph, "document": d.document, "title": d.title,
                           "kind": d.kind, "statements": d.statements} for d in result.documents],
        })
    elif fmt is TableFormat.csv:
        output.write_csv(["class", "total", *graphs],
                         ([c.class_iri, c.total, *(c.per_graph.get(g, 0) for g in graphs)]
                          for c in result.classes))
    else:
        short = _short_names(graphs)
        legend = ", ".join(f"{s} = {g}" for s, g in zip(short, graphs, strict=True) if s != g)
        output.write_table(["class", "total", *short], class_rows, title="Nodes per class",
                           caption=legend)
        output.write_table(["graph", "kind", "document", "statements"], doc_rows,
                           title="Source documents")


def _short_names(graphs: list[str]) -> list[str]:
    """Column headers for graphs: the stem's first part ("003") when that is unique."""
    firsts = [g.split("-", 1)[0] for g in graphs]
    return [f if firsts.count(f) == 1 else g for f, g in zip(firsts, graphs, strict=True)]


@handle_errors
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=(
        "turtle merges all graphs into one; trig, nquads and jsonld keep one named graph "
        "per source."))] = ExportFormat.turtle,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=(
        "Write to this file (atomically: a failed export leaves no partial file). "
        "Default: standard output."), dir_okay=False)] = None,
    with_vocabulary: Annotated[bool, typer.Option(
        "--with-vocabulary", help="Include the styrgraf vocabulary (ontology) graph.")] = False,
) -> None:
    """Export the knowledge base as Turtle, TriG, N-Quads or JSON-LD."""
    from styrgraf.knowledge.export import export as run_export

    kb, _ = open_kb()
    n = run_export(kb, fmt.value, out, include_vocabulary=with_vocabulary)
    if out is not None:
        kind = "triples" if fmt is ExportFormat.turtle else "quads"
        output.note(f"wrote {n} {kind} to {out}")


EXAMPLES = {
    "build": ["styrgraf build", "styrgraf build --rebuild",
              "styrgraf --data ./my-kb build --format json"],
    "validate": ["styrgraf validate", "styrgraf validate --lang sv",
                 "styrgraf validate --format json > report.json"],
    "stats": ["styrgraf stats", "styrgraf stats --format csv > counts.csv"],
    "export": ["styrgraf export > styrgraf.ttl", "styrgraf export --format trig -o styrgraf.trig",
               "styrgraf export --format jsonld -o styrgraf.jsonld"],
}
