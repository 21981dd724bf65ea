"""What a duplicates search looks for and how texts become vectors: plain settings.

Kept apart from the search (finder.py, vectorise.py) so that asking for kept
findings (kept.py) imports neither numpy nor scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .defaults import DEFAULT_MAX_PAIRS, DEFAULT_THRESHOLD


@dataclass(frozen=True)
class VectorSettings:
    """The representation; defaults chosen on the labelled set (THRESHOLD.md)."""

    word_weight: float = 0.7
    char_ngrams: tuple[int, int] = (3, 5)
    char_top: int = 32  # 0 keeps every n-gram
    stem: bool = True
    sublinear_tf: bool = True
    #: A text with fewer content words is left out (an all-zero row): status notes such as
    #: "Uppdraget avslutat SNC 2024-04-23 § 127" say nothing about the work.
    min_words: int = 3


@dataclass(frozen=True)
class Options:
    """What to look for."""

    threshold: float = DEFAULT_THRESHOLD
    across: str | None = None  # "network", "committee" or "document"
    include_merged: bool = False
    vectors: VectorSettings = field(default_factory=VectorSettings)
    max_terms: int = 5
    #: More pairs than this (after the filters) stop the search with `TooManyPairs`;
    #: None: no limit.
    max_pairs: int | None = DEFAULT_MAX_PAIRS
