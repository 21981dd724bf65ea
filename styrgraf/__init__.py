"""styrgraf: see how a city's strategy hangs together.

The library API, after sqlite_utils.Database::

    import styrgraf
    kb = styrgraf.open()                      # the built-in knowledge base
    kb.query("committees-by-assignments").dicts()
    kb.overview()

Everything the command line prints comes from these calls. Imports are lazy,
so `import styrgraf` costs nothing until a knowledge base is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .api import KnowledgeBase

__all__ = ["KnowledgeBase", "open"]


def open(data: Path | str | None = None, cache_dir: Path | str | None = None, *,
         rebuild: bool = False, keep_answers: bool = True) -> KnowledgeBase:
    """Open a knowledge directory (default: the built-in knowledge base), building its store;
    `keep_answers=False` computes every answer afresh (see KnowledgeBase.open)."""
    from .api import KnowledgeBase

    return KnowledgeBase.open(data=data, cache_dir=cache_dir, rebuild=rebuild,
                              keep_answers=keep_answers)


def __getattr__(name: str):
    if name == "KnowledgeBase":
        from .api import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(f"module 'styrgraf' has no attribute {name!r}")
