"""Progress for long work: a rich bar on a terminal, nothing in a pipe or a file.

Only work big enough to be worth watching gets a bar (a build of more than
`MIN_BYTES` of sources); the library reports progress through a callback and
never draws anything itself.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

#: A build of less than this finishes before a bar is worth drawing.
MIN_BYTES = 5_000_000


def on_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def build_progress(label: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A callback for `KnowledgeBase.open(progress=…)`: a bar on a terminal, else None."""
    if not on_terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                  TextColumn("{task.fields[file]}"), console=Console(stderr=True),
                  transient=True) as bar:
        task = None

        def advance(file: str, done: int, total: int) -> None:
            nonlocal task
            if total < MIN_BYTES:
                return
            if task is None:
                task = bar.add_task(label, total=total, file=file)
            bar.update(task, completed=done, file=file)

        yield advance
