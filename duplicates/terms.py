"""Explain a score: the words two texts share that weigh most in their similarity."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .pairs import Pairs

#: Pairs per step (bounds the memory of the row products on millions of pairs).
BATCH_PAIRS = 200_000


def shared_terms(words: sp.csr_matrix, display: np.ndarray, pairs: Pairs,
                 limit: int = 5) -> list[list[str]]:
    """For each pair, up to `limit` shared words, largest contribution to the cosine first."""
    if len(pairs) == 0:
        return []
    if words.shape[1] == 0:
        return [[] for _ in range(len(pairs))]
    terms: list[list[str]] = []
    for lo in range(0, len(pairs), BATCH_PAIRS):
        terms += _shared(words, display, pairs.take(slice(lo, lo + BATCH_PAIRS)), limit)
    return terms


def _shared(words: sp.csr_matrix, display: np.ndarray, pairs: Pairs,
            limit: int) -> list[list[str]]:
    products = words[pairs.i].multiply(words[pairs.j]).tocsr()
    products.eliminate_zeros()
    lengths = np.diff(products.indptr)
    rows = np.repeat(np.arange(len(pairs)), lengths)
    order = np.lexsort((products.indices, -products.data, rows))
    rank = np.arange(len(order)) - products.indptr[rows[order]]
    chosen = order[rank < limit]
    names = display[products.indices[chosen]]
    bounds = np.searchsorted(rows[chosen], np.arange(len(pairs) + 1))
    return [list(names[bounds[k]:bounds[k + 1]]) for k in range(len(pairs))]
