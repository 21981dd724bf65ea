"""Shared state of one CLI invocation (the global options) and the exit codes.

Errors become exit codes in one place, `app.main`. Exit codes: 0 ok; 1 error or
validation violations; 2 usage error or unreadable input
(bad file, malformed Turtle, unknown name, bad query).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from styrgraf.api import KnowledgeBase
from styrgraf.knowledge.store import BuildReport

from . import output

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

@dataclass
class Settings:
    """Global options given before the command."""

    data: Path | None = None
    debug: bool = False
    endpoint: str | None = None  # a SPARQL endpoint to ask instead of the embedded store


_current = Settings()


def configure(new: Settings) -> None:
    """Set the global options of this invocation (called by the root callback)."""
    global _current
    _current = new


def settings() -> Settings:
    return _current


def open_kb(*, rebuild: bool = False, quiet: bool = False,
            lang: str | None = None) -> tuple[KnowledgeBase, BuildReport]:
    """Open the knowledge base for the chosen data directory, building it if needed.

    Says so (in `lang`, default from the environment) when the store was built or repaired,
    unless `quiet`; and, always, which folders were loaded when a workspace is in use
    (no table says that).
    """
    from styrgraf.queries.wording import counted, default_lang, say

    from .progress import build_progress

    if settings().endpoint:
        return _remote(rebuild, lang or default_lang())
    with build_progress(say(lang or default_lang(), "progress.build")) as progress:
        kb = KnowledgeBase.open(settings().data, rebuild=rebuild, progress=progress)
    report = kb.report
    lang = lang or default_lang()
    layers = layers_note(kb, lang)
    if layers:
        output.note(layers)
    if report.repaired and not quiet:
        output.note(say(lang, "note.repaired", reason=report.reason))
    if report.rebuilt and not quiet:
        n = sum(g.triples for g in report.graphs)
        output.note(say(lang, "note.built", graphs=counted(lang, "graph", len(report.graphs)),
                        triples=counted(lang, "triple", n), seconds=f"{report.seconds:.1f}"))
    return kb, report


def layers_note(kb: KnowledgeBase, lang: str) -> str | None:
    """'kunskapsbas: inbyggd + /path/ws' when a workspace is in use; None for a lone folder."""
    from styrgraf.knowledge.sources import BUILTIN, WORKSPACE, display_path
    from styrgraf.queries.wording import join, say

    if not any(kind == WORKSPACE for _, kind in kb.layers):
        return None
    names = " + ".join(say(lang, "layer.builtin") if kind == BUILTIN else display_path(path)
                       for path, kind in kb.layers)
    replaced = [p.name for p in kb.sources.overridden]
    if replaced:
        return say(lang, "note.overrides", layers=names, files=join(lang, replaced))
    return say(lang, "note.layers", layers=names)


def _remote(rebuild: bool, lang: str):
    """The knowledge base behind --endpoint; a build makes no sense there."""
    from styrgraf.api import RemoteKnowledgeBase
    from styrgraf.knowledge.errors import InputError
    from styrgraf.queries.wording import say

    if rebuild:
        raise InputError("--rebuild works on the embedded store, not on a SPARQL endpoint")
    kb = RemoteKnowledgeBase.connect(settings().endpoint)
    output.note(say(lang, "note.endpoint", url=kb.url))
    return kb, None
