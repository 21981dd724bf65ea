"""All pairs of rows whose cosine is at least a threshold: exact, sparse, no loop over pairs.

A plain `X @ X.T` is hopeless at 100,000 texts: common words and n-grams
make almost every pair share a feature, so the product is nearly dense. The
search uses a prefix filter in the spirit of All-Pairs (Bayardo et al., WWW
2007), in a two-sided form. Features are ordered by document frequency, most
common first; each row's *prefix* is its run of most common features whose
squared norm stays below γ·t, the rest is its *suffix*. Then

    x·y = Q + x_P·y_P,   Q = x_S·y + x_P·y_S,   x_P·y_P ≤ ‖x_P‖·‖y_P‖ < γ·t.

A pair with no feature in either suffix has x·y = x_P·y_P < t, so the
candidates are the non-zeros of Q, which one sparse product gives while
touching only suffixes: Q = [x_S, x_P]·[y, y_S]. A candidate is kept if
Q + ‖x_P‖·‖y_P‖ ≥ t, and only then gets the exact x_P·y_P. Every pair at or
above the threshold is found (up to float32 rounding, guarded by a small
tolerance); rows go in chunks against the rows after them, so each pair is
computed once.

Memory is bounded by design, whatever the texts:

* **Working memory.** A chunk is not a fixed number of rows but as many rows
  (at most `chunk_rows`) as fit a budget of `chunk_candidates` non-zeros of Q.
  Before Q is formed, each row's candidate count is bounded from above, exactly
  and cheaply, by min(Σ over its features of how many later rows have the
  matching feature, number of later rows) from running column counts, so a
  chunk never holds more than the budget (a single row, at most n candidates,
  always goes). For ordinary texts the budget hardly binds; for near-identical
  texts (every row a candidate of every row) a chunk shrinks to a few rows.
  Chunks are scored by up to MAX_WORKERS threads at once (scipy's product
  releases the GIL), each within its share of the budget; results are taken in
  chunk order, so the answer does not depend on the number of workers.
  Q is computed transposed (later rows × chunk rows), so the product's scratch
  space is the size of the chunk, and it is filtered in slices.
* **The answer.** Near-identical texts have ~n²/2 pairs at any threshold, more
  than any output can hold or anyone can read. With `max_pairs`, the search
  stops as soon as more pairs than that pass (after `accept`, the caller's
  per-pair filter, so narrowing filters count) and raises `TooManyPairs`, an
  `InputError`. It does not keep the best-scoring pairs instead: among
  near-identical texts the scores barely differ, so a top-k would be an
  arbitrary cut, and clusters (connected components) and suggestions built
  from a cut would be silently wrong. The answer is either exact or refused
  with advice.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .findings import TooManyPairs

#: Rounding guard: float32 dot products of unit vectors are accurate to ~1e-6.
TOLERANCE = 1e-5
#: Non-zeros of Q in flight, shared by the chunks the workers score at once. Q costs 8
#: bytes a non-zero (index and value) and is scored in slices, so the working memory stays
#: near 120 MB (113 MB measured on 12,000 near-identical texts: 72 M candidates in 9
#: chunks, one worker); each pair kept adds 12 bytes.
CHUNK_CANDIDATES = 10_000_000

#: Threads scoring chunks at once, at most (each holds a chunk: memory grows with them).
MAX_WORKERS = 4

#: Row entries per step of the exact prefix dot products (bounds their temporaries,
#: ~30 bytes an entry).
DOT_NONZEROS = 2_000_000

Progress = Callable[[int, int], None]
Accept = Callable[["Pairs"], np.ndarray]


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

    @classmethod
    def concatenate(cls, parts: list[Pairs]) -> Pairs:
        if not parts:
            return cls.empty()
        return cls(np.concatenate([p.i for p in parts]).astype(np.int64, copy=False),
                   np.concatenate([p.j for p in parts]).astype(np.int64, copy=False),
                   np.concatenate([p.score for p in parts]))

    def as_dict(self) -> dict[tuple[int, int], float]:
        """(i, j) → score."""
        return dict(zip(zip(self.i.tolist(), self.j.tolist(), strict=True),
                        self.score.tolist(), strict=True))

    def take(self, mask: np.ndarray) -> Pairs:
        """The pairs where `mask` is true (a boolean array or an index array)."""
        return Pairs(self.i[mask], self.j[mask], self.score[mask])


def all_pairs(matrix: sp.csr_matrix, threshold: float, *, prefix_share: float = 0.7,
              chunk_rows: int = 2048, chunk_candidates: int = CHUNK_CANDIDATES,
              batch_pairs: int = 1_000_000, max_pairs: int | None = None,
              accept: Accept | None = None, progress: Progress | None = None,
              workers: int | None = None) -> Pairs:
    """Every pair of L2-normalised rows with cosine ≥ `threshold` (0 < threshold ≤ 1).

    `prefix_share` (γ, 0 < γ < 1), `chunk_rows` (the most rows in a chunk),
    `chunk_candidates` (the most non-zeros of Q in flight, shared by the workers) and
    `workers` (threads scoring chunks at once; default: the usable cores, at most
    MAX_WORKERS) change the speed and the memory, never the answer. `accept(pairs)` →
    boolean mask drops pairs as each chunk is done; `max_pairs` raises `TooManyPairs`
    once more pairs than that are kept. `progress(rows done, rows total)` is called
    after each chunk, with increasing values, the last (n, n).
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if not 0.0 < prefix_share < 1.0:
        raise ValueError(f"prefix_share must be in (0, 1), got {prefix_share}")
    if chunk_rows < 1 or chunk_candidates < 1:
        raise ValueError("chunk_rows and chunk_candidates must be at least 1")
    x = sp.csr_matrix(matrix, dtype=np.float32)
    x.sum_duplicates()
    n = x.shape[0]
    if n < 2 or x.nnz == 0:
        if progress and n:
            progress(n, n)
        return Pairs.empty()
    workers = max(1, workers if workers is not None else usable_cores())
    search = _Search(x, threshold, prefix_share, batch_pairs)
    # the chunks are planned first (the running column counts need them in order); the
    # workers split the memory budget, so that it holds whatever their number
    chunks = search.plan(chunk_rows, max(1, chunk_candidates // workers))
    found: list[Pairs] = []
    kept = 0

    def score(start: int, stop: int) -> Iterator[Pairs]:
        for pairs in search.chunk(start, stop):
            yield pairs.take(accept(pairs)) if accept is not None and len(pairs) else pairs

    for stop, parts in _scored(chunks, score, min(workers, len(chunks))):
        for pairs in parts:
            kept += len(pairs)
            if max_pairs is not None and kept > max_pairs:
                raise TooManyPairs(max_pairs, threshold)
            found.append(pairs)
        if progress:
            progress(stop, n)
    return Pairs.concatenate(found)


def _scored(chunks: list[tuple[int, int]], score: Callable[[int, int], Iterator[Pairs]],
            workers: int) -> Iterator[tuple[int, Iterable[Pairs]]]:
    """(stop, its pairs) for each chunk in order. One worker scores in this thread, slice by
    slice (a refusal stops mid-chunk); more score whole chunks side by side in threads, as
    scipy's sparse product releases the GIL, at most `workers` chunks in flight."""
    if workers <= 1:
        for start, stop in chunks:
            yield stop, score(start, stop)
        return
    def whole(start: int, stop: int) -> list[Pairs]:
        return list(score(start, stop))

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="styrgraf-pairs") as pool:
        pending: deque = deque()
        upcoming = iter(chunks)
        try:
            for start, stop in itertools.islice(upcoming, workers):
                pending.append((stop, pool.submit(whole, start, stop)))
            while pending:
                stop, future = pending.popleft()
                parts = future.result()
                following = next(upcoming, None)
                if following is not None:
                    pending.append((following[1], pool.submit(whole, *following)))
                yield stop, parts
        finally:
            for _, future in pending:
                future.cancel()


def usable_cores() -> int:
    """The cores this process may run on (its affinity where known), at most MAX_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


class _Search:
    """The split matrices, and running column counts of the rows not yet done."""

    def __init__(self, x: sp.csr_matrix, threshold: float, prefix_share: float,
                 batch_pairs: int) -> None:
        self.threshold, self.batch_pairs = threshold, batch_pairs
        self.n = x.shape[0]
        self.prefix, suffix, norm = _split(x, prefix_share * threshold)
        self.prefix_norm = norm.astype(np.float32)
        # Q = left @ right.T: left = [x_S, x_P] (chunk rows), right = [y, y_S] (later rows).
        self.left = sp.hstack([suffix, self.prefix], format="csr", dtype=np.float32)
        self.right = sp.hstack([x, suffix], format="csr", dtype=np.float32)
        #: For each column of `right`, how many rows from the current start on have it.
        self.later = np.bincount(self.right.indices, minlength=self.right.shape[1])
        #: Chunk start → at most how many non-zeros its Qᵀ has (set by chunk_end).
        self.bounds: dict[int, int] = {}

    def plan(self, most_rows: int, budget: int) -> list[tuple[int, int]]:
        """Every chunk [start, stop), in order, each within `budget` (see chunk_end)."""
        chunks = []
        start = 0
        while start < self.n:
            stop = self.chunk_end(start, most_rows, budget)
            self.done(start, stop)
            chunks.append((start, stop))
            start = stop
        return chunks

    def chunk_end(self, start: int, most_rows: int, budget: int) -> int:
        """The end of the chunk from `start`: as many rows as keep Q within `budget`."""
        stop = min(start + most_rows, self.n)
        indptr = self.left.indptr
        lo, hi = indptr[start], indptr[stop]
        reach = np.concatenate(([0], np.cumsum(self.later[self.left.indices[lo:hi]])))
        products = reach[indptr[start + 1:stop + 1] - lo] - reach[indptr[start:stop] - lo]
        candidates = np.cumsum(np.minimum(products, self.n - start))
        stop = start + max(1, int(np.searchsorted(candidates, budget, side="right")))
        self.bounds[start] = int(candidates[stop - start - 1])
        return stop

    def done(self, start: int, stop: int) -> None:
        lo, hi = self.right.indptr[start], self.right.indptr[stop]
        np.subtract.at(self.later, self.right.indices[lo:hi], 1)

    def chunk(self, start: int, stop: int) -> Iterator[Pairs]:
        """Pairs (i, j > i) for rows i in [start, stop): candidates, bound, exact score.

        Qᵀ is scored in slices of about `batch_pairs` candidates and only the pairs
        are kept, so the chunk's peak is Qᵀ, one slice's temporaries and the pairs.
        """
        right = self.right
        base = right.indptr[start]
        later = sp.csr_matrix((right.data[base:], right.indices[base:],
                               right.indptr[start:] - base),
                              shape=(self.n - start, right.shape[1]))
        # Qᵀ: rows are the later rows j (from `start` on), columns the chunk rows i.
        qt = product(later, self.left[start:stop].T.tocsr(), self.bounds.get(start))
        for lo, hi in _row_slices(qt.indptr, self.batch_pairs):
            yield self._score(qt, start, lo, hi)

    def _score(self, qt: sp.csr_matrix, start: int, lo: int, hi: int) -> Pairs:
        """The pairs among the candidates of Qᵀ rows [lo, hi): bound, then exact score."""
        a, b = qt.indptr[lo], qt.indptr[hi]
        column = qt.indices[a:b]  # i - start: the chunk's own (small) table is read
        counts = np.diff(qt.indptr[lo:hi + 1])
        score = qt.data[a:b]
        # The bound first, on every candidate (most fail it); row and column numbers only
        # for those that pass. j > i needs checking only where later rows are chunk rows.
        bound = np.repeat(self.prefix_norm[lo + start:hi + start], counts)
        bound *= self.prefix_norm[start:start + qt.shape[1]][column]
        bound += score
        keep = bound >= self.threshold - TOLERANCE
        del bound
        if lo < qt.shape[1]:
            keep &= np.repeat(np.arange(lo, hi, dtype=np.int32), counts) > column
        at = np.flatnonzero(keep)
        i = column[at].astype(np.int32) + np.int32(start)
        j = (np.searchsorted(qt.indptr[lo + 1:hi + 1], a + at, side="right")
             + lo + start).astype(np.int32)
        score = score[at]
        score += _row_dots(self.prefix, i, self.prefix, j)
        hit = score >= self.threshold - TOLERANCE
        return Pairs(i[hit], j[hit], np.minimum(score[hit], 1.0))


def product(a: sp.csr_matrix, b: sp.csr_matrix, most: int | None) -> sp.csr_matrix:
    """a @ b (CSR, float32), given that it has at most `most` non-zeros (None: unknown).

    scipy's `@` walks the whole product twice: once only to count its non-zeros
    (csr_matmat_maxnnz), then to compute it. The chunk plan already bounds the count
    from above, exactly (chunk_end), so one pass into buffers of that size is enough:
    at 113k texts the counting pass was 3.5 of the search's 12 s. Without a bound, or
    without scipy's kernel where it has been, it is scipy's `@`."""
    if most is None or _csr_matmat is None:
        return (a @ b).tocsr()
    m, n = a.shape[0], b.shape[1]
    widest = max(most, a.nnz, b.nnz, m, n, a.shape[1])
    index = np.int32 if widest < np.iinfo(np.int32).max else np.int64
    indptr = np.empty(m + 1, dtype=index)
    indices = np.empty(max(most, 1), dtype=index)
    data = np.empty(max(most, 1), dtype=np.float32)
    _csr_matmat(m, n, a.indptr.astype(index, copy=False), a.indices.astype(index, copy=False),
                a.data.astype(np.float32, copy=False), b.indptr.astype(index, copy=False),
                b.indices.astype(index, copy=False), b.data.astype(np.float32, copy=False),
                indptr, indices, data)
    nnz = int(indptr[-1])
    return sp.csr_matrix((data[:nnz], indices[:nnz], indptr), shape=(m, n))


def _kernel():
    """scipy's sparse product kernel (private, stable since scipy 0.x), or None."""
    try:
        from scipy.sparse._sparsetools import csr_matmat
    except ImportError:  # pragma: no cover - a scipy that moved it: `@` instead
        return None
    return csr_matmat


_csr_matmat = _kernel()


def _row_slices(indptr: np.ndarray, size: int) -> Iterator[tuple[int, int]]:
    """Row ranges [lo, hi) of about `size` non-zeros each (at least one row)."""
    rows = len(indptr) - 1
    lo = 0
    while lo < rows:
        hi = int(np.searchsorted(indptr, indptr[lo] + size, side="right")) - 1
        hi = min(max(hi, lo + 1), rows)
        yield lo, hi
        lo = hi


def _split(x: sp.csr_matrix, limit_sq: float) -> tuple[sp.csr_matrix, sp.csr_matrix,
                                                         np.ndarray]:
    """Prefix (most common features, squared norm < limit_sq), suffix, and prefix norms."""
    n, f = x.shape
    df = np.bincount(x.indices, minlength=f)
    lengths = np.diff(x.indptr)
    rows = np.repeat(np.arange(n), lengths)
    # Within each row, features by decreasing document frequency (ties: lower column):
    # one sort of row · f + the feature's rank.
    rank = np.empty(f, dtype=np.int64)
    rank[np.lexsort((np.arange(f), -df))] = np.arange(f)
    order = np.argsort(rows.astype(np.int64) * f + rank[x.indices], kind="stable")
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


def _row_dots(a: sp.csr_matrix, rows_a: np.ndarray, b: sp.csr_matrix,
              rows_b: np.ndarray) -> np.ndarray:
    """a[rows_a[k]] · b[rows_b[k]] for every k, vectorised, ~DOT_NONZEROS row entries a step."""
    dots = np.zeros(len(rows_a), np.float32)
    reach = np.cumsum(np.diff(a.indptr)[rows_a] + np.diff(b.indptr)[rows_b] + 1)
    lo = 0
    while lo < len(rows_a):
        done = reach[lo - 1] if lo else 0
        hi = max(lo + 1, int(np.searchsorted(reach, done + DOT_NONZEROS, side="right")))
        products = a[rows_a[lo:hi]].multiply(b[rows_b[lo:hi]])
        dots[lo:hi] = np.asarray(products.sum(axis=1), dtype=np.float32).ravel()
        lo = hi
    return dots


def brute_force_pairs(matrix: sp.csr_matrix, threshold: float) -> Pairs:
    """The reference answer by a full product; for tests on small inputs only."""
    x = sp.csr_matrix(matrix, dtype=np.float64)
    full = sp.triu(x @ x.T, k=1).tocoo()
    keep = full.data >= threshold - TOLERANCE
    return Pairs(full.row[keep].astype(np.int64), full.col[keep].astype(np.int64),
                 full.data[keep].astype(np.float32))
