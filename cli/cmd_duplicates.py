"""`styrgraf duplicates`: activities, assignments and responses describing the same work."""

from __future__ import annotations

from .context import handle_errors


@handle_errors
def duplicates() -> None:
    """Find work described twice in different places (not yet implemented)."""
    raise NotImplementedError


EXAMPLES = {"duplicates": ["styrgraf duplicates"]}
