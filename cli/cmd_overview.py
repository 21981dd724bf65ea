"""`styrgraf overview`: the headline answers on one screen."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from styrgraf.queries.rows import Rows
from styrgraf.queries.wording import say

from . import output, render
from .context import open_kb
from .options import Format, FormatOption, LangOption, lang_of, tabular

MAX_EXAMPLES = 4
COLUMNS = ["key", "topic", "count", "statement", "examples", "command"]


@tabular
def overview(fmt: FormatOption = Format.table, lang: LangOption = None) -> None:
    """Show what is covered, where the gaps are, who carries the load and what is still open.

    Each line names the query that shows it in full; the statuses say as of
    which report they are.
    """
    language = lang_of(lang)
    kb, _ = open_kb(lang=language)
    result = kb.overview(language)
    if fmt is not Format.table:
        records = [{"key": f.key, "topic": f.topic, "count": f.count, "statement": f.statement,
                    "examples": f.examples, "command": f.command} for f in result.findings]
        render.render(Rows(COLUMNS, records, people=["topic", "count", "statement", "command"],
                           title=say(language, "overview.title")), fmt.value, language)
        return
    out = output.stdout()
    out.print(say(language, "overview.title"), style="bold", highlight=False, markup=False)
    out.print(render.visible(say(language, "overview.documents", count=len(result.documents),
                                 names="; ".join(result.documents))),
              style="dim", highlight=False, markup=False)
    out.print(render.visible(", ".join(f"{n} {label}" for label, n in result.counts.items())),
              highlight=False, markup=False)
    for finding in result.findings:
        out.print()
        line = Text()
        line.append(render.visible(finding.topic), style="bold")
        line.append(": " + render.visible(finding.statement))
        out.print(line)
        for example in finding.examples[:MAX_EXAMPLES]:
            out.print(Padding(Text(f"• {render.visible(example)}"), (0, 0, 0, 2)))
        if len(finding.examples) > MAX_EXAMPLES:
            out.print("  " + say(language, "more", count=len(finding.examples) - MAX_EXAMPLES),
                      highlight=False, markup=False)
        out.print(Text(f"  → {finding.command}", style="cyan"))


EXAMPLES = {"overview": ["styrgraf overview", "styrgraf overview --lang en",
                         "styrgraf overview --format json",
                         "styrgraf overview --format markdown > overview.md",
                         "styrgraf --data ./my-knowledge overview"]}
