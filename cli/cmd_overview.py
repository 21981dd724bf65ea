"""`styrgraf overview`: the headline answers on one screen."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer
from rich.padding import Padding
from rich.text import Text

from styrgraf.queries.overview import overview as build_overview

from . import output
from .context import handle_errors, open_kb

MAX_EXAMPLES = 4


class OverviewFormat(StrEnum):
    table = "table"
    json = "json"


@handle_errors
def overview(
    fmt: Annotated[OverviewFormat, typer.Option(
        "--format", "-f", help="table for people, json for pipes.")] = OverviewFormat.table,
) -> None:
    """Show what is covered, where the gaps are, who carries the load and what is still open.

    Each line names the query that shows it in full.
    """
    kb, _ = open_kb()
    result = build_overview(kb.store)
    if fmt is OverviewFormat.json:
        output.write_json(asdict(result))
        return
    out = output.stdout
    out.print("[bold]styrgraf overview[/bold]", highlight=False)
    out.print(output.escape(f"{len(result.documents)} source documents: "
                            + "; ".join(result.documents)), style="dim", highlight=False)
    out.print(output.escape(", ".join(f"{n} {label}" for label, n in result.counts.items())),
              highlight=False)
    for finding in result.findings:
        out.print()
        topic, statement = output.escape(finding.topic), output.escape(finding.statement)
        out.print(f"[bold]{topic}[/bold]: {statement}", highlight=False)
        for example in finding.examples[:MAX_EXAMPLES]:
            out.print(Padding(Text(f"• {example}"), (0, 0, 0, 2)))
        if len(finding.examples) > MAX_EXAMPLES:
            out.print(f"  … and {len(finding.examples) - MAX_EXAMPLES} more", highlight=False)
        out.print(f"  → {output.escape(finding.command)}", style="cyan", highlight=False)


EXAMPLES = {"overview": ["styrgraf overview", "styrgraf overview --format json",
                         "styrgraf --data ./my-knowledge overview"]}
