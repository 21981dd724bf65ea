"""The whole method in one call: vectorise, find pairs, drop known links, filter, explain, cluster.

Filters work on sparse incidence matrices (item × node, item × group), so
they too are vectorised over the pairs found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .clusters import cluster_ids
from .defaults import DEFAULT_THRESHOLD
from .items import Item
from .pairs import Pairs, all_pairs
from .terms import shared_terms
from .vectorise import VectorSettings, vectorise

__all__ = ["DEFAULT_THRESHOLD", "Findings", "Match", "Options", "find_duplicates"]


@dataclass(frozen=True)
class Options:
    """What to look for."""

    threshold: float = DEFAULT_THRESHOLD
    across: str | None = None  # "network", "committee" or "document"
    include_merged: bool = False
    vectors: VectorSettings = field(default_factory=VectorSettings)
    max_terms: int = 5


@dataclass(frozen=True)
class Match:
    """Two items that may describe the same work."""

    a: Item
    b: Item
    score: float
    shared_terms: list[str]
    cluster: int


@dataclass
class Findings:
    """The pairs (best first) and the clusters they form (largest first)."""

    matches: list[Match]
    clusters: list[list[Item]]
    items: int


def find_duplicates(items: Sequence[Item], options: Options | None = None) -> Findings:
    """All pairs of items at or above the threshold that pass the filters."""
    options = options or Options()
    vectors = vectorise([item.text for item in items], options.vectors)
    pairs = all_pairs(vectors.matrix, options.threshold)
    if not options.include_merged:
        pairs = pairs.take(~_share(_incidence([item.identity for item in items]), pairs))
    if options.across:
        sets = [item.groups.get(options.across, frozenset()) for item in items]
        known = np.array([bool(s) for s in sets])
        different = known[pairs.i] & known[pairs.j] & ~_share(_incidence(sets), pairs)
        pairs = pairs.take(different)
    order = np.lexsort((pairs.j, pairs.i, -pairs.score))
    pairs = pairs.take(order)
    terms = shared_terms(vectors.words, vectors.word_display, pairs, options.max_terms)
    cluster = cluster_ids(len(items), pairs)
    matches = [Match(items[i], items[j], float(s), t, int(cluster[i]))
               for i, j, s, t in zip(pairs.i, pairs.j, pairs.score, terms, strict=True)]
    return Findings(matches, _clusters(items, cluster), len(items))


def _incidence(sets: Sequence[frozenset[str]]) -> sp.csr_matrix:
    """Item × value matrix with a one where the item's set holds the value."""
    codes: Mapping[str, int] = {v: k for k, v in enumerate(sorted(set().union(*sets)))}
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    cols = np.fromiter((codes[v] for s in sets for v in s), dtype=np.int64, count=len(rows))
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                         shape=(len(sets), max(len(codes), 1)))


def _share(incidence: sp.csr_matrix, pairs: Pairs) -> np.ndarray:
    """Whether the two sides of each pair have a value in common."""
    if len(pairs) == 0:
        return np.zeros(0, dtype=bool)
    common = incidence[pairs.i].multiply(incidence[pairs.j]).sum(axis=1)
    return np.asarray(common).ravel() > 0


def _clusters(items: Sequence[Item], cluster: np.ndarray) -> list[list[Item]]:
    if not cluster.any():
        return []
    members: list[list[Item]] = [[] for _ in range(int(cluster.max()))]
    for k in np.flatnonzero(cluster):
        members[cluster[k] - 1].append(items[k])
    return members
