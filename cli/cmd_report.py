"""`styrgraf report`: the committee meeting's report, one self-contained HTML file (and a PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from styrgraf.queries.wording import say

from . import output
from .context import open_kb
from .options import LangOption, lang_of

DEFAULT_FILE = "styrgraf-report.html"


def report(
    out: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help=f"Write the report here (atomically). Default: {DEFAULT_FILE} in the current "
             "folder.")] = None,
    committee: Annotated[str | None, typer.Option(
        "--committee", metavar="C",
        help="Narrow every section that can be narrowed to this committee or company (a name, "
             "case and accents optional, a prefixed name or an IRI).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE",
        help="The day the report is as of (YYYY-MM-DD, default today): ages of stale "
             "assignments are counted at it, and programmes expired before its year are "
             "listed.")] = None,
    pdf: Annotated[Path | None, typer.Option(
        "--pdf", metavar="FILE.pdf", dir_okay=False,
        help="Also print the report to this PDF (A4) with headless Chromium (Debian's "
             "chromium and Playwright; nothing is downloaded).")] = None,
    lang: LangOption = None,
) -> None:
    """Write the report for a committee meeting: one HTML file that prints on A4.

    A summary page (the overview's findings, and statuses as of which report),
    then one section each for: assignment status per committee (a chart),
    coverage of directions and strategies by network and by committee (heatmaps),
    stale assignments, expired programmes still cited, activities with gaps,
    duplicate work across networks, and changes since the previous report.
    Every number comes from the same queries as overview and query; each section
    names the command that lists its rows in full and the documents and sections
    they come from. The file has no script and fetches nothing: it works offline
    and is safe to e-mail.
    """
    from styrgraf.report import render_html, write_pdf
    from styrgraf.viz import write

    language = lang_of(lang)
    kb, _ = open_kb(lang=language)
    built = kb.meeting_report(committee=committee, as_of=as_of, lang=language)
    path = write(out if out is not None else Path(DEFAULT_FILE), render_html(built))
    output.note(say(language, "note.wrote", what=say(language, "report.word.report"),
                    path=path))
    if pdf is not None:
        write_pdf(path, pdf)
        output.note(say(language, "note.wrote", what="PDF", path=pdf))
    output.stdout().print(str(path.resolve()), highlight=False, markup=False, soft_wrap=True)


EXAMPLES = {"report": [
    "styrgraf report -o rapport.html",
    "styrgraf report --committee 'Socialnämnden Centrum' -o centrum.html --pdf centrum.pdf",
    "styrgraf report --as-of 2024-08-31 --lang en -o report.html",
]}
