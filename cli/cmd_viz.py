"""`styrgraf viz`: the interactive graph page (issue: interactive graph)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from styrgraf.queries.wording import counted, say

from . import output
from .context import open_kb
from .options import LangOption, lang_of


class Layout(StrEnum):
    force = "force"
    hierarchical = "hierarchical"


def viz(
    out: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the page here (atomically). Default: styrgraf-graph.html in the current "
             "folder.")] = None,
    focus: Annotated[str | None, typer.Option(
        "--focus", metavar="NODE",
        help="Show only this node's neighbourhood: an IRI, a prefixed name (act:faltchat) or a "
             "label; an ambiguous label is an error listing the candidates.")] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", metavar="N", min=0,
        help="How many steps from --focus to include (default 2).")] = None,
    types: Annotated[str | None, typer.Option(
        "--types", metavar="T,...",
        help="Classes to show, comma-separated: local names (Strategy), Swedish or English "
             "labels (strategi), or all. Default: the goal chain, assignments, actors, "
             "programmes, methods, indicators, agreements and documents.")] = None,
    network: Annotated[str | None, typer.Option(
        "--network", metavar="N",
        help="Only the activities this network lists, and what they connect to.")] = None,
    committee: Annotated[str | None, typer.Option(
        "--committee", metavar="C",
        help="Only the assignments given to this committee (directly or through a group it "
             "is a member of), and what they connect to.")] = None,
    layout: Annotated[Layout, typer.Option(
        "--layout", help="force: related nodes pull together; hierarchical: levels "
                         "vision → goals → directions → strategies → activities → actors.",
    )] = Layout.force,
    no_gaps: Annotated[bool, typer.Option(
        "--no-gaps", help="Do not mark gaps (strategies without activities, activities "
                          "without a responsible or timeline, open assignments).")] = False,
    lang: LangOption = None,
) -> None:
    """Write the interactive graph as one self-contained HTML file.

    The page works offline and is safe to e-mail: vis-network is inlined, no
    request leaves the file, and text from the documents is shown as text.
    Click a node for its details (full text, responsible, timeline, status,
    source document and section); search by name; show or hide classes; gaps
    are marked in red and listed in the legend.
    """
    from styrgraf.viz import write
    from styrgraf.viz.pipeline import DEFAULT_FILE

    language = lang_of(lang)
    kb, _ = open_kb(lang=language)
    result = kb.graph_page(focus=focus, depth=depth, types=types, network=network,
                           committee=committee, layout=layout.value, gaps=not no_gaps,
                           lang=language)
    path = write(out if out is not None else Path(DEFAULT_FILE), result.html)
    counts = {"nodes": counted(language, "node", result.nodes),
              "relations": counted(language, "relation", result.edges)}
    if no_gaps:
        output.note(say(language, "note.page", **counts))
    else:
        output.note(say(language, "note.page_gaps", gaps=result.gaps, **counts))
    output.stdout().print(str(path.resolve()), highlight=False, markup=False, soft_wrap=True)


EXAMPLES = {"viz": [
    "styrgraf viz",
    "styrgraf viz -o strategi.html --layout hierarchical --types Vision,Goal,LongTermDirection,"
    "Strategy,Activity",
    "styrgraf viz --focus 'En förebyggande socialtjänst' --depth 2",
    "styrgraf viz --network 'Nätverket Stadsområde, välfärd och fritid'",
    "styrgraf viz --committee actor:socialnamnden-centrum --no-gaps",
]}
