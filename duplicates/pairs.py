"""All pairs of rows whose cosine is at least a threshold: exact, sparse, no loop over pairs.

A plain `X @ X.T` is hopeless at 100,000 texts: common words and n-grams
make almost every pair share a feature, so the product is nearly dense. The
search uses a prefix filter in the spirit of All-Pairs (Bayardo et al., WWW
2007), in a two-sided form. Features are ordered by document frequency, most
common first; each row's *prefix* is its run of most common features whose
squared norm stays below γ·t, the rest is its *suffix*. Then

    x·y = Q + x_P·y_P,   Q = x_S·y + x_P·y_S,   x_P·y_P ≤ ‖x_P‖·‖y_P‖ < γ·t.

A pair with no feature in either suffix has x·y = x_P·y_P < t, so the
candidates are the non-zeros of Q, which two sparse products give while
touching only suffixes (X_S @ Xᵀ and X_P @ X_Sᵀ). A candidate is kept if
Q + ‖x_P‖·‖y_P‖ ≥ t, and only then gets the exact x_P·y_P. Every pair at or
above the threshold is found (up to float32 rounding, guarded by a small
tolerance); rows go in chunks against the rows after them, so each pair is
computed once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

#: Rounding guard: float32 dot products of unit vectors are accurate to ~1e-6.
TOLERANCE = 1e-5


@dataclass
class Pairs:
    """Pairs (i < j) of row indices and their cosine, as parallel arrays."""

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray

    def __len__(self) -> int:
        return len(self.i)

    @classmethod
    def empty(cls) -> Pairs:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))

    def as_dict(self) -> dict[tuple[int, int], float]:
        """(i, j) → score."""
        return dict(zip(zip(self.i.tolist(), self.j.tolist(), strict=True),
                        self.score.tolist(), strict=True))

    def take(self, mask: np.ndarray) -> Pairs:
        """The pairs where `mask` is true (a boolean array or an index array)."""
        return Pairs(self.i[mask], self.j[mask], self.score[mask])


def all_pairs(matrix: sp.csr_matrix, threshold: float, *, prefix_share: float = 0.7,
              chunk_rows: int = 2048, batch_pairs: int = 1_000_000) -> Pairs:
    """Every pair of L2-normalised rows with cosine ≥ `threshold` (0 < threshold ≤ 1).

    `prefix_share` (γ, 0 < γ < 1) trades candidates for bound tightness; it changes the
    speed, never the answer.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if not 0.0 < prefix_share < 1.0:
        raise ValueError(f"prefix_share must be in (0, 1), got {prefix_share}")
    x = sp.csr_matrix(matrix, dtype=np.float32)
    x.sum_duplicates()
    n = x.shape[0]
    if n < 2 or x.nnz == 0:
        return Pairs.empty()
    prefix, suffix, prefix_norm = _split(x, prefix_share * threshold)
    found = [_chunk(x, prefix, suffix, prefix_norm, (start, min(start + chunk_rows, n)),
                    threshold, batch_pairs)
             for start in range(0, n, chunk_rows)]
    return Pairs(np.concatenate([p.i for p in found]), np.concatenate([p.j for p in found]),
                 np.concatenate([p.score for p in found]))


def _split(x: sp.csr_matrix, limit_sq: float) -> tuple[sp.csr_matrix, sp.csr_matrix,
                                                         np.ndarray]:
    """Prefix (most common features, squared norm < limit_sq), suffix, and prefix norms."""
    n, f = x.shape
    df = np.bincount(x.indices, minlength=f)
    lengths = np.diff(x.indptr)
    rows = np.repeat(np.arange(n), lengths)
    order = np.lexsort((x.indices, -df[x.indices], rows))
    squares = x.data[order].astype(np.float64) ** 2
    cumulative = np.cumsum(squares)
    before_row = np.concatenate(([0.0], cumulative))[x.indptr[:-1]]
    within_row = cumulative - np.repeat(before_row, lengths)
    in_prefix = np.empty(len(order), dtype=bool)
    in_prefix[order] = within_row < limit_sq
    prefix_norm = np.sqrt(np.bincount(rows, weights=np.where(in_prefix, x.data, 0.0) ** 2,
                                      minlength=n))
    return _masked(x, in_prefix), _masked(x, ~in_prefix), prefix_norm


def _masked(x: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    part = sp.csr_matrix((np.where(keep, x.data, 0).astype(np.float32), x.indices.copy(),
                          x.indptr.copy()), shape=x.shape)
    part.eliminate_zeros()
    return part


def _chunk(x: sp.csr_matrix, prefix: sp.csr_matrix, suffix: sp.csr_matrix,
           prefix_norm: np.ndarray, rows: tuple[int, int], threshold: float,
           batch_pairs: int) -> Pairs:
    """Pairs (i, j > i) for rows i in [start, stop): candidates, bound, exact score."""
    start, stop = rows
    rest = slice(start, None)
    # Q = x_S·y + x_P·y_S against the rows from `start` on (earlier rows are done).
    q = (suffix[start:stop] @ x[rest].T.tocsr() + prefix[start:stop] @ suffix[rest].T.tocsr())
    q = q.tocsr()
    lengths = np.diff(q.indptr)
    i = np.repeat(np.arange(start, stop, dtype=np.int64), lengths)
    j = q.indices.astype(np.int64) + start
    keep = (j > i) & (q.data + prefix_norm[i] * prefix_norm[j] >= threshold - TOLERANCE)
    i, j, score = i[keep], j[keep], q.data[keep].astype(np.float32)
    for lo, hi in _batches(len(i), batch_pairs):
        score[lo:hi] += _row_dots(prefix, i[lo:hi], prefix, j[lo:hi])
    hit = score >= threshold - TOLERANCE
    return Pairs(i[hit], j[hit], np.minimum(score[hit], 1.0))


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for lo in range(0, total, size):
        yield lo, min(lo + size, total)


def _row_dots(a: sp.csr_matrix, rows_a: np.ndarray, b: sp.csr_matrix,
              rows_b: np.ndarray) -> np.ndarray:
    """a[rows_a[k]] · b[rows_b[k]] for every k, vectorised."""
    if len(rows_a) == 0:
        return np.zeros(0, np.float32)
    products = a[rows_a].multiply(b[rows_b])
    return np.asarray(products.sum(axis=1), dtype=np.float32).ravel()


def brute_force_pairs(matrix: sp.csr_matrix, threshold: float) -> Pairs:
    """The reference answer by a full product; for tests on small inputs only."""
    x = sp.csr_matrix(matrix, dtype=np.float64)
    full = sp.triu(x @ x.T, k=1).tocoo()
    keep = full.data >= threshold - TOLERANCE
    return Pairs(full.row[keep].astype(np.int64), full.col[keep].astype(np.int64),
                 full.data[keep].astype(np.float32))
