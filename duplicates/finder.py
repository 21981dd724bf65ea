"""The whole method in one call: vectorise, find pairs, drop known links, filter, explain, cluster.

Filters work on sparse incidence matrices (item × node, item × group), so
they too are vectorised over the pairs found. They run inside the pair search,
chunk by chunk, so that `max_pairs` counts the pairs that would be shown: a
narrower --across makes a near-identical corpus fit (pairs.py says why the
search refuses rather than cuts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from .clusters import cluster_ids
from .defaults import DEFAULT_THRESHOLD
from .findings import Findings, Match
from .items import Item
from .options import Options
from .pairs import Pairs, TooManyPairs, all_pairs
from .terms import shared_terms
from .vectorise import vectorise

__all__ = ["DEFAULT_THRESHOLD", "Findings", "Match", "Options", "TooManyPairs",
           "find_duplicates"]

#: Pairs per step when a filter looks at the incidence matrices (bounds its memory).
BATCH_PAIRS = 1_000_000


def find_duplicates(items: Sequence[Item], options: Options | None = None, *,
                    progress: Callable[[int, int], None] | None = None) -> Findings:
    """All pairs of items at or above the threshold that pass the filters.

    `progress(rows done, rows total)` follows the pair search (pairs.all_pairs); it is
    first called with (0, n) before the texts are vectorised.
    """
    options = options or Options()
    if progress:
        progress(0, len(items))
    vectors = vectorise([item.text for item in items], options.vectors)
    pairs = all_pairs(vectors.matrix, options.threshold, max_pairs=options.max_pairs,
                      accept=_filters(items, options), progress=progress)
    order = np.lexsort((pairs.j, pairs.i, -pairs.score))
    pairs = pairs.take(order)
    terms = shared_terms(vectors.words, vectors.word_display, pairs, options.max_terms)
    cluster = cluster_ids(len(items), pairs)
    matches = [Match(items[i], items[j], float(s), t, int(cluster[i]))
               for i, j, s, t in zip(pairs.i, pairs.j, pairs.score, terms, strict=True)]
    return Findings(matches, _clusters(items, cluster), len(items))


def _filters(items: Sequence[Item], options: Options) -> Callable[[Pairs], np.ndarray] | None:
    """The per-pair filters of `options` as one function: pairs → boolean mask."""
    linked = not options.include_merged and any(item.identity for item in items)
    identity = _incidence([item.identity for item in items]) if linked else None
    groups = known = None
    if options.across:
        sets = [item.groups.get(options.across, frozenset()) for item in items]
        groups, known = _incidence(sets), np.array([bool(s) for s in sets])
    if identity is None and groups is None:
        return None

    def accept(pairs: Pairs) -> np.ndarray:
        keep = np.ones(len(pairs), dtype=bool)
        if identity is not None:
            keep &= ~_share(identity, pairs)
        if groups is not None:
            keep &= known[pairs.i] & known[pairs.j] & ~_share(groups, pairs)
        return keep

    return accept


def _incidence(sets: Sequence[frozenset[str]]) -> sp.csr_matrix:
    """Item × value matrix with a one where the item's set holds the value."""
    codes: Mapping[str, int] = {v: k for k, v in enumerate(sorted(set().union(*sets)))}
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    cols = np.fromiter((codes[v] for s in sets for v in s), dtype=np.int64, count=len(rows))
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                         shape=(len(sets), max(len(codes), 1)))


def _share(incidence: sp.csr_matrix, pairs: Pairs) -> np.ndarray:
    """Whether the two sides of each pair have a value in common."""
    shared = np.zeros(len(pairs), dtype=bool)
    for lo in range(0, len(pairs), BATCH_PAIRS):
        i, j = pairs.i[lo:lo + BATCH_PAIRS], pairs.j[lo:lo + BATCH_PAIRS]
        common = incidence[i].multiply(incidence[j]).sum(axis=1)
        shared[lo:lo + len(i)] = np.asarray(common).ravel() > 0
    return shared


def _clusters(items: Sequence[Item], cluster: np.ndarray) -> list[list[Item]]:
    if not cluster.any():
        return []
    members: list[list[Item]] = [[] for _ in range(int(cluster.max()))]
    for k in np.flatnonzero(cluster):
        members[cluster[k] - 1].append(items[k])
    return members
