"""`styrgraf duplicates`: activities, assignments and responses describing the same work."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from styrgraf.duplicates.defaults import DEFAULT_THRESHOLD
from styrgraf.queries.rows import Rows
from styrgraf.queries.wording import counted, say

from . import output, render
from .context import open_kb, settings
from .options import Format, FormatOption, LangOption, lang_of, tabular

if TYPE_CHECKING:
    from styrgraf.duplicates.findings import Match
    from styrgraf.duplicates.items import Item
    from styrgraf.duplicates.run import Result


class Across(StrEnum):
    network = "network"
    committee = "committee"
    document = "document"


COLUMNS = ["a", "b", "score", "shared_terms", "cluster", "a_label", "b_label", "a_kind",
           "b_kind", "a_source", "b_source", "a_graph", "b_graph"]


@tabular
def duplicates(
    kinds: Annotated[str | None, typer.Option(
        "--kinds", metavar="KIND,…",
        help="Node kinds to compare: activity, assignment, response (comma-separated). "
             "Default: all three.")] = None,
    across: Annotated[Across | None, typer.Option(
        "--across", help="Keep only pairs whose two sides belong to different networks, "
                         "committees or documents. With --input: different values of the "
                         "group column.")] = None,
    threshold: Annotated[float, typer.Option(
        "--threshold", "-t", metavar="T",
        help="Minimum cosine similarity, 0 < T ≤ 1. The default was measured on a labelled "
             "set (duplicates/THRESHOLD.md).")] = DEFAULT_THRESHOLD,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
    input_file: Annotated[Path | None, typer.Option(
        "--input", "-i", metavar="FILE.csv", dir_okay=False,
        help="Compare the texts of a CSV file (header id,text[,group]; UTF-8) instead of the "
             "knowledge base.")] = None,
    suggestions_file: Annotated[Path | None, typer.Option(
        "--write-suggestions", metavar="FILE.ttl", dir_okay=False,
        help="Also write the pairs as sg:DuplicateCandidate links in a separate suggestions "
             "graph (Turtle). Never inside the knowledge directory.")] = None,
    include_merged: Annotated[bool, typer.Option(
        "--include-merged",
        help="Also show pairs the knowledge base already links: two mentions of the same "
             "node, a response and the assignment it answers, two responses to one "
             "assignment.")] = False,
) -> None:
    """Find work described twice: activities, assignments and responses that say nearly the same.

    Compares every mention (a node as one document words it) with every other
    one: TF-IDF over Swedish-normalised, stemmed words and character n-grams
    (so OCR spellings without å/ä/ö still match), cosine similarity, all
    pairs at or above the threshold. Pairs are grouped into clusters
    (connected components), each with the words both texts share and where
    both stand. Nothing is written into the knowledge base.
    """
    from styrgraf.duplicates.run import Request, run

    request = Request(threshold=threshold, across=across.value if across else None,
                      include_merged=include_merged, kinds=kinds, input_file=input_file,
                      suggestions_file=suggestions_file)
    language = lang_of(lang)
    with _search_progress(_TABLE_WORDS[language]["progress"]) as progress:
        result = run(request, open_kb=lambda: _readable(open_kb(lang=language)[0]),
                     knowledge_dir=_knowledge_dir, progress=progress)
    if fmt is Format.table:
        _print_tables(result, threshold, language)
    else:
        render.render(Rows(COLUMNS, [_record(m) for m in result.findings.matches]),
                      fmt.value, language)
    if result.written is not None:
        output.note(say(language, "note.wrote", path=suggestions_file,
                        what=counted(language, "duplicate candidate", result.written)))


def _readable(kb):
    """What the duplicates engine reads: the store, or a snapshot of an endpoint's graphs."""
    return kb.snapshot() if hasattr(kb, "snapshot") else kb


#: Fewer texts than this are compared before a bar is worth drawing.
MIN_TEXTS = 5_000


@contextlib.contextmanager
def _search_progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A callback for `run(progress=…)`: a bar of texts compared on a terminal, else None.

    The bar starts at the first call, once the items are loaded, so that it never
    overlaps the store's own build bar (rich allows one live display at a time).
    """
    from .progress import on_terminal

    if not on_terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < MIN_TEXTS:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        if task is not None:
            bar.stop()


def _knowledge_dir() -> Path:
    from styrgraf.knowledge.sources import default_data_dir

    return settings().data or default_data_dir()


def _record(m: Match) -> dict[str, object]:
    return {"a": m.a.id, "b": m.b.id, "score": round(m.score, 3), "shared_terms": m.shared_terms,
            "cluster": m.cluster, "a_label": m.a.label, "b_label": m.b.label,
            "a_kind": m.a.kind or None, "b_kind": m.b.kind or None,
            "a_source": m.a.source or None, "b_source": m.b.source or None,
            "a_graph": m.a.graph or None, "b_graph": m.b.graph or None}


def _side(item: Item, from_kb: bool) -> str:
    if from_kb:
        return f"{item.label} [{item.kind}] {item.source}"
    return f"{item.id}: {item.label}" + (f" [{item.source}]" if item.source else "")


_TABLE_WORDS = {
    "sv": {"score": "likhet", "a": "a", "b": "b", "shared": "gemensamma ord",
           "cluster": "kluster", "size": "storlek", "members": "medlemmar",
           "title": "Möjliga dubbletter (likhet ≥ {t})", "big": "Kluster med fler än två",
           "progress": "jämför texter"},
    "en": {"score": "score", "a": "a", "b": "b", "shared": "shared terms", "cluster": "cluster",
           "size": "size", "members": "members",
           "title": "Possible duplicates (similarity ≥ {t})", "big": "Clusters of more than two",
           "progress": "comparing texts"},
}


def _print_tables(result: Result, threshold: float, lang: str) -> None:
    findings, from_kb = result.findings, result.from_knowledge_base
    w = _TABLE_WORDS[lang]
    records = [{"score": f"{m.score:.3f}", "a": _side(m.a, from_kb), "b": _side(m.b, from_kb),
                "shared": ", ".join(m.shared_terms), "cluster": m.cluster}
               for m in findings.matches]
    columns = ["score", "a", "b", "shared", "cluster"]
    render.render(Rows(columns, records, {c: w[c] for c in columns},
                       title=w["title"].format(t=f"{threshold:g}")), "table", lang)
    big = [{"cluster": k, "size": len(members), "members": " · ".join(i.label for i in members)}
           for k, members in enumerate(findings.clusters, 1) if len(members) > 2]
    if big:
        render.render(Rows(["cluster", "size", "members"], big,
                           {c: w[c] for c in ("cluster", "size", "members")}, title=w["big"]),
                      "table", lang)
    output.note(say(lang, "note.compared", texts=counted(lang, "text", findings.items),
                    pairs=counted(lang, "pair", len(findings.matches)),
                    clusters=counted(lang, "cluster", len(findings.clusters))))


EXAMPLES = {
    "duplicates": [
        "styrgraf duplicates",
        "styrgraf duplicates --kinds assignment --across document",
        "styrgraf duplicates --across network --threshold 0.5 --format json",
        "styrgraf duplicates --include-merged --format csv > merged.csv",
        "styrgraf duplicates --write-suggestions suggestions.ttl",
        "styrgraf duplicates --input texts.csv --across committee --format json",
    ],
}
