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


_current = Settings()


def configure(new: Settings) -> None:
    """Set the global options of this invocation (called by the root callback)."""
    global _current
    _current = new


def settings() -> Settings:
    return _current


def open_kb(*, rebuild: bool = False, quiet: bool = False) -> tuple[KnowledgeBase, BuildReport]:
    """Open the knowledge base for the chosen data directory, building it if needed."""
    kb = KnowledgeBase.open(settings().data, rebuild=rebuild)
    report = kb.report
    if report.repaired and not quiet:
        output.note(f"the store was damaged and has been rebuilt from the sources "
                    f"({report.reason})")
    if report.rebuilt and not quiet:
        n = sum(g.triples for g in report.graphs)
        output.note(f"built the store from {len(report.graphs)} graphs ({n} triples) "
                    f"in {report.seconds:.1f} s")
    return kb, report
