"""`styrgraf viz`: the interactive graph page (issue: interactive graph)."""

from __future__ import annotations

from .context import handle_errors


@handle_errors
def viz() -> None:
    """Write the interactive graph as one self-contained HTML file (not yet implemented)."""
    raise NotImplementedError


EXAMPLES = {"viz": ["styrgraf viz"]}
