"""Messages for people on standard error (notes and errors), one line each.

Rows go through `render` (the one output path); this module only prints
what is not a table. Emoji codes (":100:") and markup in messages are shown
as they are, and control characters are made visible.
"""

from __future__ import annotations

from rich.console import Console


def stdout() -> Console:
    """A console on the current standard output (made per call, so redirection is honoured)."""
    return Console(soft_wrap=False, emoji=False)


def stderr() -> Console:
    return Console(stderr=True, soft_wrap=True, emoji=False)


def error(message: str) -> None:
    """One line on stderr, no markup interpretation of the message."""
    from .render import visible

    stderr().print(f"[bold red]error:[/] {escape(visible(message))}", highlight=False)


def note(message: str) -> None:
    from .render import visible

    stderr().print(visible(message), highlight=False, style="dim", markup=False)


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)
