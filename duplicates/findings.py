"""What a duplicates search finds: pairs of items and the clusters they form, or too many.

Plain data, apart from the search itself (finder.py), so that reading kept
findings (kept.py) or printing them needs neither numpy nor scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrgraf.knowledge.errors import InputError

from .items import Item


@dataclass(frozen=True)
class Match:
    """Two items that may describe the same work."""

    a: Item
    b: Item
    score: float
    shared_terms: list[str]
    cluster: int

    def __reduce__(self):  # by its fields, as Item: faster to rebuild in another process
        return Match, (self.a, self.b, self.score, self.shared_terms, self.cluster)


@dataclass
class Findings:
    """The pairs (best first) and the clusters they form (largest first)."""

    matches: list[Match]
    clusters: list[list[Item]]
    items: int


class TooManyPairs(InputError):
    """More pairs pass than `max_pairs`: the texts are near-identical (exit code 2)."""

    def __init__(self, limit: int, threshold: float,
                 advice: str = "raise the threshold or compare fewer texts") -> None:
        self.limit, self.threshold, self.advice = limit, threshold, advice
        super().__init__(f"more than {limit:,} pairs score at or above {threshold:g}: "
                         f"the texts are near-identical; {advice}")

    def __reduce__(self):  # pickled whole (a search in another process raises it)
        return type(self), (self.limit, self.threshold, self.advice)
