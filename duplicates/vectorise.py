"""TF-IDF vectors over stemmed words and character n-grams, one row per text.

Words carry meaning ("fritidsbank", "skolfam"); character n-grams inside
words carry spelling, so an OCR-damaged word ("Socialférvaltningarna") still
shares n-grams with the clean one. The n-grams are those of scikit-learn's
`char_wb` analyser, computed once per distinct word and summed per text with
a sparse product (text × word counts @ word × n-gram counts): the same counts
as running `char_wb` over every text, at a fraction of the cost.

Each text keeps only its `char_top` heaviest n-grams (highest TF-IDF). The
light ones are the n-grams every word has ("ing", "ar "): they add the same
small similarity to every pair, blur the threshold (measured on the labelled
set, THRESHOLD.md) and make the pair search quadratic. Each block is
L2-normalised and weighted so that the cosine of two rows is
`word_weight · cos_words + (1 − word_weight) · cos_chars`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from .normalise import Normaliser
from .options import VectorSettings
from .pairs import product

DTYPE = np.float32
#: Rows per step when building the n-gram block, to bound memory on large inputs.
CHUNK_ROWS = 20_000
#: _top_per_row looks at a row's first SAMPLE_FACTOR · k entries to find which can be
#: among its k heaviest.
SAMPLE_FACTOR = 8


@dataclass
class Vectors:
    """The combined matrix and what its word columns mean."""

    matrix: sp.csr_matrix  # rows L2-normalised (all-zero for a text without content words)
    words: sp.csr_matrix  # the word block alone, L2-normalised, for explaining scores
    word_names: np.ndarray  # stem of each word column
    word_display: np.ndarray  # a readable (folded) word form for each stem


def vectorise(texts: Sequence[str], settings: VectorSettings | None = None) -> Vectors:
    """Build the TF-IDF rows of `texts`."""
    settings = settings or VectorSettings()
    normaliser = Normaliser(stem=settings.stem)
    tokens = [_enough(normaliser.tokens(t), settings.min_words) for t in texts]
    stems = [normaliser.stems(ts) for ts in tokens]

    stem_counts, word_names = _count(stems)
    words = _weigh(stem_counts, settings)
    chars = _char_block(tokens, settings)
    w = settings.word_weight
    blocks = [words * DTYPE(np.sqrt(w)), chars * DTYPE(np.sqrt(1.0 - w))]
    matrix = sp.hstack(blocks, format="csr", dtype=DTYPE)
    if matrix.shape[0] and matrix.shape[1]:
        matrix = normalize(matrix, copy=False)
    return Vectors(matrix=matrix, words=words, word_names=word_names,
                   word_display=_display_forms(normaliser, word_names))


def _enough(tokens: list[str], minimum: int) -> list[str]:
    return tokens if len(tokens) >= minimum else []


def _count(docs: list[list[str]]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Token counts per document, columns in sorted token order: scikit-learn's
    CountVectorizer over pre-tokenised documents, with one dict look-up per token instead
    of its Python loop of several (2.9M tokens at 113k texts); no token gives an empty
    matrix."""
    codes: dict[str, int] = {}
    flat = np.fromiter((codes.setdefault(t, len(codes)) for doc in docs for t in doc),
                       dtype=np.int64)
    if not codes:
        return sp.csr_matrix((len(docs), 0), dtype=DTYPE), np.array([], dtype=object)
    names = np.array(list(codes), dtype=object)
    order = np.argsort(names)  # Python's string order, as CountVectorizer sorts
    column = np.empty(len(order), dtype=np.int64)
    column[order] = np.arange(len(order))
    rows = np.repeat(np.arange(len(docs)), np.fromiter(map(len, docs), dtype=np.int64,
                                                        count=len(docs)))
    counts = sp.csr_matrix((np.ones(len(flat), dtype=DTYPE), (rows, column[flat])),
                           shape=(len(docs), len(codes)))
    counts.sum_duplicates()
    return counts, names[order]


def _weigh(counts: sp.csr_matrix, settings: VectorSettings) -> sp.csr_matrix:
    """scikit-learn TF-IDF (smooth idf, optionally sublinear tf), rows L2-normalised."""
    if counts.shape[1] == 0:
        return counts
    transformer = TfidfTransformer(sublinear_tf=settings.sublinear_tf)
    return transformer.fit_transform(counts).astype(DTYPE).tocsr()


def _char_block(tokens: list[list[str]], settings: VectorSettings) -> sp.csr_matrix:
    """char_wb n-gram TF-IDF of each text, its `char_top` heaviest n-grams kept."""
    word_counts, vocabulary = _count(tokens)
    if len(vocabulary) == 0:
        return word_counts
    analyser = CountVectorizer(analyzer="char_wb", ngram_range=settings.char_ngrams,
                               lowercase=False, dtype=DTYPE)
    per_word = analyser.fit_transform(list(vocabulary)).tocsr()
    # Two passes over row chunks: document frequencies first, then weights.
    df = np.zeros(per_word.shape[1], dtype=np.int64)
    for counts in _chunks(word_counts, per_word):
        df += np.bincount(counts.indices, minlength=len(df))
    transformer = TfidfTransformer(sublinear_tf=settings.sublinear_tf)
    transformer.fit(sp.csr_matrix((1, per_word.shape[1]), dtype=DTYPE))
    n = word_counts.shape[0]
    transformer.idf_ = np.log((1 + n) / (1 + df)) + 1  # scikit-learn's smooth idf
    parts = []
    for counts in _chunks(word_counts, per_word):
        weighted = transformer.transform(counts, copy=False).astype(DTYPE, copy=False).tocsr()
        if settings.char_top:
            weighted = normalize(_top_per_row(weighted, settings.char_top), copy=False)
        parts.append(weighted)
    return sp.vstack(parts, format="csr", dtype=DTYPE)


def _chunks(word_counts: sp.csr_matrix, per_word: sp.csr_matrix) -> Iterator[sp.csr_matrix]:
    """text × n-gram counts, CHUNK_ROWS texts at a time, each product in one pass: a
    text has at most the n-grams of its words together (pairs.product)."""
    grams = np.diff(per_word.indptr)
    for start in range(0, word_counts.shape[0], CHUNK_ROWS):
        chunk = word_counts[start:start + CHUNK_ROWS]
        yield product(chunk, per_word, int(grams[chunk.indices].sum()))


def _top_per_row(matrix: sp.csr_matrix, k: int, sample: int | None = None) -> sp.csr_matrix:
    """Keep the k largest entries of each row (ties: the lower column).

    One sort of int64 keys (row, weight descending, column) orders every row at once; a
    positive float32's bit pattern orders as its value does, so the key is exact, and
    numpy sorts int64 far faster than it argsorts floats (5.1 s → 1.4 s on 48M
    entries at 113k texts). Wider matrices than the key holds take the argsort. Only
    the entries that can be among the k are sorted (_candidates).
    """
    lengths = np.diff(matrix.indptr)
    if lengths.max(initial=0) <= k:
        return matrix
    matrix = _candidates(matrix, k, sample or SAMPLE_FACTOR * k)
    lengths = np.diff(matrix.indptr)
    n_rows, n_cols = matrix.shape
    col_bits = max(1, int(n_cols - 1).bit_length())
    value_bits = 31  # a positive float32 has its sign bit clear
    if int(n_rows - 1).bit_length() + value_bits + col_bits > 63 \
            or matrix.data.dtype != np.float32 or (matrix.data <= 0).any():
        return _top_per_row_argsort(matrix, k)
    # built in place: at 48M entries, every temporary array costs more than the sort
    key = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)
    key <<= value_bits + col_bits
    weight = matrix.data.view(np.int32).astype(np.int64)
    np.subtract(2**value_bits - 1, weight, out=weight)
    weight <<= col_bits
    key |= weight
    del weight
    key |= matrix.indices
    key.sort()
    # each row keeps the first k of its run of keys, which starts where its row started
    first = matrix.indptr[:-1, None] + np.arange(k)
    kept = key[first[first < matrix.indptr[1:, None]]]
    del key
    row_of = kept >> (value_bits + col_bits)
    columns = (kept & ((1 << col_bits) - 1)).astype(matrix.indices.dtype)
    weight = np.int64(2**value_bits - 1) - ((kept >> col_bits) & (2**value_bits - 1))
    indptr = np.zeros(n_rows + 1, dtype=matrix.indptr.dtype)
    np.cumsum(np.bincount(row_of, minlength=n_rows), out=indptr[1:])
    top = sp.csr_matrix((weight.astype(np.int32).view(DTYPE), columns, indptr),
                        shape=matrix.shape)
    top.sort_indices()
    return top


def _candidates(matrix: sp.csr_matrix, k: int, sample: int) -> sp.csr_matrix:
    """The entries of each row at least as heavy as the k-th heaviest of its first
    `sample` entries: a superset of its k heaviest, ties included (k real entries are
    at least that heavy, so the k-th heaviest of the row is too). A row's first 256
    of ~420 n-grams (at 113k texts) cut the sort from 48M entries to about a seventh."""
    lengths = np.diff(matrix.indptr)
    sample = max(sample, k)
    position = matrix.indptr[:-1, None] + np.arange(sample)
    present = position < matrix.indptr[1:, None]
    first = np.full(position.shape, -np.inf, dtype=np.float32)
    first[present] = matrix.data[position[present]]
    del position, present
    cutoff = -np.partition(-first, k - 1, axis=1)[:, k - 1]  # -inf: a row of at most k
    del first
    cutoff[lengths <= k] = -np.inf
    keep = matrix.data >= np.repeat(cutoff, lengths)
    indptr = np.concatenate(([0], np.cumsum(keep)))[matrix.indptr].astype(matrix.indptr.dtype)
    return sp.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr),
                         shape=matrix.shape)


def _top_per_row_argsort(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """_top_per_row by one stable argsort on row + (1 − weight): for any dtype and width."""
    lengths = np.diff(matrix.indptr)
    matrix.sort_indices()  # so that the stable sort breaks ties by column
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    # Rows stay apart because L2-normalised weights are in (0, 1].
    order = np.argsort(rows + (1.0 - matrix.data.astype(np.float64)) * 0.5, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - matrix.indptr[rows[order]]
    kept = matrix.copy()
    kept.data = np.where(rank < k, kept.data, 0).astype(DTYPE)
    kept.eliminate_zeros()
    return kept


def _display_forms(normaliser: Normaliser, names: np.ndarray) -> np.ndarray:
    """For each stem, its shortest word form (from the stem cache), to show a word, not a stem."""
    forms: dict[str, str] = {}
    for word, stem in normaliser.stem_cache().items():
        best = forms.get(stem)
        if best is None or (len(word), word) < (len(best), best):
            forms[stem] = word
    return np.array([forms.get(s, s) for s in names], dtype=object)
