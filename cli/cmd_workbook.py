"""Workbooks in and out: `styrgraf template` and `styrgraf import`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from styrgraf.queries.rows import Rows
from styrgraf.queries.wording import say

from . import output, render
from .context import EXIT_ERROR, open_kb
from .options import Format, FormatOption, LangOption, lang_of, tabular

_WORDS = {
    "sv": {"sheet": "blad", "added": "nya", "changed": "ändrade", "removed": "borttagna",
           "examples": "till exempel", "where": "var", "node": "nod", "message": "meddelande",
           "plan": "Det här skulle ändras (inget är skrivet)",
           "done": "Inläst", "same": "inget att ändra: dokumentet är redan inläst så",
           "violations": "Överträdelser efter inläsningen"},
    "en": {"sheet": "sheet", "added": "added", "changed": "changed", "removed": "removed",
           "examples": "for example", "where": "where", "node": "node", "message": "message",
           "plan": "What would change (nothing written)", "done": "Imported",
           "same": "nothing to change: the document is already imported like this",
           "violations": "Violations after the import"},
}


def template(
    out: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the workbook (.xlsx).", dir_okay=False,
    )] = Path("styrgraf-mall.xlsx"),
    lang: LangOption = None,
) -> None:
    """Write an empty workbook to fill in: one sheet per kind of thing a document contains.

    Sheets for the document and its sections, goals, directions, strategies,
    activities, assignments and their handling, indicators and figures,
    programmes, partners, agreements and units; headers in Swedish with the
    English term beside them, dropdowns for fixed values, instructions and one
    example row per sheet (a comment row, starting with #). Fill it in and run
    `styrgraf import`.
    """
    from styrgraf.workbook import write_template

    language = lang_of(lang)
    path = write_template(out)
    output.note(say(language, "note.template", path=path))


@tabular
def import_(
    workbook: Annotated[Path, typer.Argument(
        help="The filled-in workbook (.xlsx), or a folder of CSV files named after the "
             "sheets (UTF-8, or Swedish Excel's ; and Windows-1252).")],
    into: Annotated[Path | None, typer.Option(
        "--into", metavar="DIR", help="The workspace to import into (made by `styrgraf "
                                      "init`). Default: --data / STYRGRAF_DATA.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", "-n", help="Show what would be added, changed and removed, per sheet; "
                                "write nothing.")] = False,
    no_validate: Annotated[bool, typer.Option(
        "--no-validate", help="Skip the SHACL validation after writing.")] = False,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
) -> None:
    """Read a workbook into your knowledge folder as one document (and its judgements).

    Writes STEM.ttl (the document's graph) and, for rows marked as judgements,
    STEM.curation.ttl, and nothing else; the same workbook twice gives the same
    files, a corrected one replaces them. References resolve by id or name
    against the whole knowledge base, the built-in documents included. Any
    error names the file, sheet and cell, and leaves the folder as it was
    (exit 2). After writing, the store is rebuilt and validated; violations are
    listed by sheet and row (exit 1).
    """
    from styrgraf.api import KnowledgeBase
    from styrgraf.workbook import import_workbook

    language = lang_of(lang)
    words = _WORDS[language]
    kb = KnowledgeBase.open(into) if into is not None else open_kb(lang=language)[0]
    report = import_workbook(kb, workbook, dry_run=dry_run, validate=not no_validate)
    title = words["plan"] if dry_run else words["done"]
    records = [{"sheet": c.sheet, "added": len(c.added), "changed": len(c.changed),
                "removed": len(c.removed),
                "examples": ", ".join((c.added + c.changed + c.removed)[:3])}
               for c in report.changes]
    columns = ["sheet", "added", "changed", "removed", "examples"]
    render.render(Rows(columns, records, {c: words[c] for c in columns},
                       title=f"{title}: {report.workbook.name}"), fmt.value, language)
    if report.unchanged:
        output.note(words["same"])
    if report.written:
        for file in report.files:
            output.note(say(language, "note.wrote", what=file.name, path=report.folder))
    if report.violations:
        rows = Rows(["where", "node", "message"],
                    [{"where": v.where, "node": v.node, "message": v.message}
                     for v in report.violations],
                    {c: words[c] for c in ("where", "node", "message")},
                    title=words["violations"])
        render.render(rows, "table" if fmt.value in render.PEOPLE_FORMATS else fmt.value,
                      language)
        raise typer.Exit(EXIT_ERROR)


EXAMPLES = {
    "template": ["styrgraf template -o plan.xlsx", "styrgraf template --lang en"],
    "import": ["styrgraf init my-kb", "styrgraf --data my-kb import plan.xlsx --dry-run",
               "styrgraf --data my-kb import plan.xlsx",
               "styrgraf import ./plan-csv/ --into my-kb"],
}
