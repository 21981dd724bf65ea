"""Shared state of one CLI invocation and the error → exit-code mapping.

Exit codes: 0 ok; 1 error or validation violations; 2 usage error or
unreadable input (bad file, malformed Turtle, unknown name, bad query).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import typer

from styrgraf.api import KnowledgeBase
from styrgraf.knowledge.errors import StyrgrafError
from styrgraf.knowledge.store import BuildReport

from . import output

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


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


def handle_errors(func: F) -> F:
    """Print a StyrgrafError as one line and exit with its code (traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StyrgrafError as e:
            if settings().debug:
                raise
            output.error(str(e))
            raise typer.Exit(e.exit_code) from None
        except BrokenPipeError:
            raise typer.Exit(EXIT_OK) from None

    return wrapper  # type: ignore[return-value]
