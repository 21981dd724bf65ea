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
    chain = "chain"
    hierarchical = "hierarchical"
    force = "force"


def viz(
    out: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the page here (atomically). Default: styrgraf-graph.html in the current "
             "folder.")] = None,
    focus: Annotated[str | None, typer.Option(
        "--focus", metavar="NODE",
        help="Open on this node, marked: its chain (what it serves above, what carries it "
             "out below) in the chain views, its neighbourhood in the force view. An IRI, a "
             "prefixed name (act:faltchat) or a label; an ambiguous label is an error listing "
             "the candidates.")] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", metavar="N", min=0,
        help="How many steps from --focus to include: levels below it in the chain views "
             "(default all), steps in the force view (default 2; never up the chain and down "
             "again to siblings).")] = None,
    types: Annotated[str | None, typer.Option(
        "--types", metavar="T,...",
        help="Classes to show, comma-separated: local names (Strategy), Swedish or English "
             "labels (strategi), or all. Default: the goal chain, assignments, actors, "
             "programmes, methods, indicators, agreements and documents.")] = None,
    network: Annotated[str | None, typer.Option(
        "--network", metavar="N",
        help="Only the activities this network lists; every direction and strategy stays, "
             "and the ones it leaves uncovered are marked as gaps.")] = None,
    committee: Annotated[str | None, typer.Option(
        "--committee", metavar="C",
        help="Only the assignments this committee carries (directly, through a group or its "
             "administration) and the activities its administration takes part in; uncovered "
             "directions and strategies are marked as gaps.")] = None,
    layout: Annotated[Layout, typer.Option(
        "--layout", help="chain: the goal chain vision → goals → directions → strategies → "
                         "activities as a tree growing to the right, with the målkedja table; "
                         "hierarchical: the same tree growing down; force: every relation, "
                         "related nodes pulled together.",
    )] = Layout.chain,
    no_gaps: Annotated[bool, typer.Option(
        "--no-gaps", help="Do not mark gaps (strategies without activities, activities "
                          "without a responsible or timeline, open assignments).")] = False,
    lang: LangOption = None,
) -> None:
    """Write the interactive graph as one self-contained HTML file.

    The page opens on the goal chain (vision → city goals → directions →
    strategies → activities) with the same chain as a table beside it. Click
    a node to open its connections (assignments, responsible, partners,
    programmes, indicators, sources) and again to close them; double-click to
    focus on its chain. Search names and descriptions; save the view as PNG
    or SVG, or print it (A4 landscape). Gaps are marked in red and listed in
    the legend; the view is kept in the link. The page works offline and is
    safe to e-mail: vis-network is inlined, no request leaves the file, and
    text from the documents is shown as text.
    """
    from styrgraf.viz import write
    from styrgraf.viz.pipeline import DEFAULT_FILE

    language = lang_of(lang)
    kb, _ = open_kb(lang=language)
    result = kb.graph_page(focus=focus, depth=depth, types=types, network=network,
                           committee=committee, layout=layout.value, gaps=not no_gaps,
                           lang=language)
    path = write(out if out is not None else Path(DEFAULT_FILE), result.html)
    if result.notice:
        output.note(result.notice)
    counts = {"nodes": counted(language, "node", result.nodes),
              "relations": counted(language, "relation", result.edges)}
    if no_gaps:
        output.note(say(language, "note.page", **counts))
    else:
        output.note(say(language, "note.page_gaps", gaps=result.gaps, **counts))
    output.stdout().print(str(path.resolve()), highlight=False, markup=False, soft_wrap=True)


EXAMPLES = {"viz": [
    "styrgraf viz",
    "styrgraf viz -o strategi.html --layout hierarchical",
    "styrgraf viz --layout force --types Vision,Goal,LongTermDirection,Strategy,Activity",
    "styrgraf viz --focus 'En förebyggande socialtjänst' --depth 2",
    "styrgraf viz --network 'Nätverket Stadsområde, välfärd och fritid'",
    "styrgraf viz --committee actor:socialnamnden-centrum --no-gaps",
]}
