"""What changed between two documents or two knowledge folders: `styrgraf diff`."""

from __future__ import annotations

from typing import Annotated

import typer

from styrgraf.queries.wording import say

from . import output, render
from .context import open_kb
from .options import Format, FormatOption, LangOption, lang_of, tabular


@tabular
def diff(
    a: Annotated[str, typer.Argument(
        help="The earlier document (file stem, id or title), or a knowledge folder.")],
    b: Annotated[str, typer.Argument(
        help="The later document, or a knowledge folder (when A is one).")],
    kind: Annotated[str | None, typer.Option(
        "--class", "-c", metavar="KIND",
        help="Only this kind: a workbook sheet (Aktiviteter, Uppdrag, Redovisningar …) or a "
             "class (Activity, Assignment …).")] = None,
    unchanged: Annotated[bool, typer.Option(
        "--unchanged", help="Also list what is the same in both.")] = False,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", min=0.0, max=1.0,
        help="How alike two texts must be to count as the same thing reworded (0–1; "
             "default: that of styrgraf duplicates, 0.37).")] = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
) -> None:
    """Show what changed from document A to document B, or between two knowledge folders.

    Per kind of thing (the workbook's sheets): what was added, removed or
    changed, and what was reworded. A node described in both (the same id) is
    changed when a property differs, shown with its value in A and in B (names,
    not ids, for people and documents); a committee's status and handling of an
    assignment are compared report to report. Two things with different ids
    whose texts are alike (the duplicates engine, as styrgraf duplicates) are
    shown as reworded, with their similarity. Each row names both sources:
    document and section. Two folders are compared over all their documents.

    table and markdown show a summary and one table per kind (markdown pastes
    into a document as it is); csv, tsv, json and jsonl give one row per changed
    property with full IRIs.
    """
    from pathlib import Path

    from styrgraf.queries.diff import diff as compare
    from styrgraf.queries.diff import is_folder

    language = lang_of(lang)
    kb = None if is_folder(a) and is_folder(b) else open_kb(lang=language)[0]
    result = compare(kb, Path(a) if is_folder(a) else a, Path(b) if is_folder(b) else b,
                     threshold=threshold)
    if kind:
        result = result.only(kind)
    if fmt.value not in render.PEOPLE_FORMATS:
        render.render(result.rows(language, unchanged=unchanged), fmt.value, language)
        return
    counts = result.counts()
    render.render(result.summary(language), fmt.value, language)
    for table in result.by_sheet(language, unchanged=unchanged):
        typer.echo("")
        render.render(table, fmt.value, language)
    if not any(n for k, n in counts.items() if k != "unchanged"):
        output.note(say(language, "diff.none", a=result.a, b=result.b))
    elif counts["unchanged"] and not unchanged:
        output.note(say(language, "diff.hidden", count=counts["unchanged"]))


EXAMPLES = {
    "diff": [
        "styrgraf diff 004-delarsrapport-snc-2024-08 002-genomforandeplan-snc-2025",
        "styrgraf diff 004-delarsrapport-snc-2024-08 002-genomforandeplan-snc-2025 "
        "--class Uppdrag --format markdown > uppdrag.md",
        "styrgraf --data my-kb diff 004-delarsrapport-snc-2024-08 delarsrapport-snc-2026-08 "
        "--class Redovisningar",
        "styrgraf diff last-year-kb/ my-kb/ -f json",
    ],
}
