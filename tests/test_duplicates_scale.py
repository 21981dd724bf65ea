"""Duplicate detection at scale, in small: bounded working memory, a bounded answer, progress.

Each test is a miniature of a large run: near-identical rows (every pair a candidate)
with a tiny candidate budget, a pair limit reached by 2,000 identical texts, and the
exact answer kept whatever the budget.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.preprocessing import normalize

from styrgraf.duplicates.finder import Options, find_duplicates
from styrgraf.duplicates.items import Item
from styrgraf.duplicates.pairs import (
    TooManyPairs,
    _Search,
    all_pairs,
    brute_force_pairs,
    product,
)
from styrgraf.duplicates.run import Request, run
from styrgraf.knowledge.errors import InputError


def _near_identical(n: int, seed: int = 0, shared: int = 12, own: int = 2) -> sp.csr_matrix:
    """n rows sharing `shared` features, each with `own` features of its own: all pairs alike."""
    rng = np.random.default_rng(seed)
    common = np.tile(np.arange(shared), (n, 1))
    varied = shared + rng.integers(0, 50, size=(n, own))
    cols = np.hstack([common, varied])
    rows = np.repeat(np.arange(n), cols.shape[1])
    values = np.hstack([np.full((n, shared), 1.0), rng.random((n, own)) + 0.5])
    return normalize(sp.csr_matrix((values.ravel(), (rows, cols.ravel())),
                                   shape=(n, shared + 50)))


def _random_rows(seed: int, n: int = 500, features: int = 300) -> sp.csr_matrix:
    """Zipf-like sparse rows with exact and near copies, L2-normalised."""
    rng = np.random.default_rng(seed)
    p = 1 / np.arange(1, features + 1) ** 1.1
    rows, cols = [], []
    for r in range(n):
        k = int(rng.integers(1, 15))
        rows += [r] * k
        cols += list(rng.choice(features, size=k, p=p / p.sum()))
    x = sp.csr_matrix((rng.random(len(rows)) + 0.1, (rows, cols)), shape=(n, features))
    return normalize(sp.vstack([x, x[:30], x[30:50] * 0.5 + x[50:70]]).tocsr())


def _sparse_rows(n: int, features: int = 20_000, per_row: int = 10) -> sp.csr_matrix:
    """Ordinary texts: few features each, drawn from many."""
    rng = np.random.default_rng(0)
    cols = rng.integers(0, features, size=(n, per_row)).ravel()
    x = sp.csr_matrix((rng.random(len(cols)) + 0.1, (np.repeat(np.arange(n), per_row), cols)),
                      shape=(n, features))
    return normalize(x)


def _chunks(x: sp.csr_matrix, **options) -> list[int]:
    """Rows per chunk of a search (one worker unless asked), from its progress calls."""
    done: list[int] = []
    options.setdefault("workers", 1)
    all_pairs(x, 0.37, progress=lambda d, _: done.append(d), **options)
    return np.diff([0, *done]).tolist()


# --- bounded working memory -------------------------------------------------------------


def test_a_chunk_never_holds_more_candidates_than_its_budget():
    x = sp.csr_matrix(_near_identical(600), dtype=np.float32)
    budget = 5_000
    search = _Search(x, 0.37, 0.7, 1_000_000)
    start, sizes = 0, []
    while start < x.shape[0]:
        stop = search.chunk_end(start, 2048, budget)
        # The true count of Q's non-zeros for the chunk, by the full product.
        candidates = (search.left[start:stop] @ search.right[start:].T).nnz
        assert candidates <= budget or stop == start + 1
        search.done(start, stop)
        sizes.append(stop - start)
        start = stop
    assert sizes[0] == budget // 600 and sizes[-1] > sizes[0]  # chunks grow as rows are done


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), budget=st.sampled_from([1, 50, 2_000, 10**9]),
       near=st.booleans())
def test_the_plan_bounds_every_chunk_product_from_above(seed, budget, near):
    # the search computes Qᵀ into buffers of the planned size (pairs.product): a bound
    # below the true count would write past them, so it is checked against scipy's count
    x = sp.csr_matrix(_near_identical(300, seed) if near else _random_rows(seed, n=300),
                      dtype=np.float32)
    search = _Search(x, 0.37, 0.7, 1_000_000)
    for start, stop in search.plan(64, budget):
        later = search.right[start:]
        true = (later @ search.left[start:stop].T).nnz
        assert true <= search.bounds[start]
        assert search.bounds[start] <= max(budget, x.shape[0] - start)  # within the budget


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), slack=st.sampled_from([0, 1, 1_000]))
def test_the_one_pass_product_equals_scipys(seed, slack):
    rng = np.random.default_rng(seed)
    a = sp.random(int(rng.integers(1, 60)), 40, density=0.2, format="csr", dtype=np.float32,
                  random_state=seed)
    b = sp.random(40, int(rng.integers(1, 60)), density=0.2, format="csr", dtype=np.float32,
                  random_state=seed + 1)
    want = (a @ b).tocsr()
    for got in (product(a, b, want.nnz + slack), product(a, b, None)):
        assert got.shape == want.shape and got.nnz == want.nnz
        assert np.allclose(got.toarray(), want.toarray(), atol=1e-6)


def test_near_identical_rows_get_smaller_chunks_than_ordinary_rows():
    budget = 20_000
    near = _chunks(_near_identical(1_000), chunk_candidates=budget)
    ordinary = _chunks(_sparse_rows(1_000), chunk_candidates=budget)
    assert near[0] <= budget // 1_000  # every row is a candidate of all 1,000
    assert ordinary == [1_000] and len(near) > 20
    assert _chunks(_near_identical(1_000), chunk_candidates=10**9) == [1_000]


def test_the_budget_bounds_the_peak_memory_of_the_search():
    x = _near_identical(2_000)

    def peak(budget: int) -> int:
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            # Every pair is dropped as it is found, so what remains is working memory.
            all_pairs(x, 0.37, chunk_rows=2_000, chunk_candidates=budget,
                      accept=lambda p: np.zeros(len(p), dtype=bool))
            return tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()

    small, large = peak(20_000), peak(10**9)
    assert large > 15_000_000  # 2 M candidates at once
    assert small < large / 10


# --- the exact answer, whatever the budget ----------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
def test_budget_never_changes_the_answer(seed):
    x = _random_rows(seed)
    for threshold in (0.2, 0.6):
        want = brute_force_pairs(x, threshold).as_dict()
        for budget, rows, batch in [(3_000, 2048, 1_000_000), (1_000, 64, 500),
                                    (10**9, 10_000, 5_000)]:
            found = all_pairs(x, threshold, chunk_candidates=budget, chunk_rows=rows,
                              batch_pairs=batch)
            got = found.as_dict()
            assert got.keys() == want.keys()
            assert all(abs(got[k] - want[k]) < 1e-5 for k in got)
            assert (found.i < found.j).all()


def test_workers_split_the_budget_and_never_change_the_answer():
    x = _random_rows(4)
    one = all_pairs(x, 0.3, chunk_candidates=2_000, workers=1).as_dict()
    for workers in (2, 3):
        found = all_pairs(x, 0.3, chunk_candidates=2_000, workers=workers)
        assert found.as_dict() == one
        again = all_pairs(x, 0.3, chunk_candidates=2_000, workers=workers)
        for name in ("i", "j", "score"):  # threads finish in any order; the answer's is fixed
            np.testing.assert_array_equal(getattr(again, name), getattr(found, name))
    ordinary = _sparse_rows(1_000)
    assert _chunks(ordinary, chunk_candidates=20_000, workers=1) == [1_000]
    assert len(_chunks(ordinary, chunk_candidates=20_000, workers=2)) > 1  # half each


def test_filters_inside_the_search_equal_filters_after_it():
    x = _random_rows(3)
    everything = all_pairs(x, 0.3)
    odd = lambda p: (p.i + p.j) % 2 == 1  # noqa: E731
    inside = all_pairs(x, 0.3, accept=odd, chunk_candidates=200).as_dict()
    assert inside == everything.take(odd(everything)).as_dict()


# --- a bounded answer -------------------------------------------------------------------


def _identical(n: int, groups: int = 1) -> list[Item]:
    text = "Utveckla det uppsökande fältarbetet för barn och unga i Angered"
    return [Item(id=str(k), text=text,
                 groups={"network": frozenset([f"g{k % groups}"])}) for k in range(n)]


def test_the_pair_limit_refuses_2000_identical_texts_cleanly():
    with pytest.raises(TooManyPairs) as caught:
        find_duplicates(_identical(2_000), Options(threshold=0.6, max_pairs=50_000))
    error = caught.value
    assert isinstance(error, InputError) and error.exit_code == 2
    assert str(error).startswith("more than 50,000 pairs score at or above 0.6: "
                                 "the texts are near-identical;")
    # Under the limit the same texts give their exact answer: all 1,999,000 pairs of 2,000
    # would pass, 190 of 20 do.
    assert len(find_duplicates(_identical(20), Options(max_pairs=190)).matches) == 190


def test_the_limit_counts_pairs_after_across_so_narrowing_helps():
    items = _identical(200, groups=2)  # 19,900 pairs, 10,000 across the two networks
    with pytest.raises(TooManyPairs):
        find_duplicates(items, Options(max_pairs=10_000))
    across = find_duplicates(items, Options(max_pairs=10_000, across="network"))
    assert len(across.matches) == 10_000


def test_the_cli_request_gives_advice_in_the_cli_words(tmp_path):
    rows = "\n".join(f"{k},Utveckla det uppsökande fältarbetet i Angered" for k in range(300))
    (tmp_path / "texts.csv").write_text("id,text\n" + rows + "\n", encoding="utf-8")
    request = Request(input_file=tmp_path / "texts.csv", max_pairs=1_000)
    with pytest.raises(TooManyPairs, match=r"more than 1,000 pairs score at or above 0\.37: "
                                           r".*raise --threshold, narrow with --across"):
        run(request, open_kb=lambda: None, knowledge_dir=lambda: tmp_path)
    with pytest.raises(InputError, match="max_pairs"):
        run(Request(input_file=tmp_path / "texts.csv", max_pairs=0), open_kb=lambda: None,
            knowledge_dir=lambda: tmp_path)


def test_the_cli_refuses_near_identical_input_with_exit_2(cli, tmp_path):
    rows = "\n".join(f"{k},Utveckla det uppsökande fältarbetet i Angered" for k in range(2_100))
    (tmp_path / "texts.csv").write_text("id,text\n" + rows + "\n", encoding="utf-8")
    r = cli("duplicates", "--input", str(tmp_path / "texts.csv"), "-f", "json")
    assert r.code == 2 and r.out == ""
    assert "more than 2,000,000 pairs score at or above 0.37" in r.err
    assert "raise --threshold" in r.err and "Traceback" not in r.err


# --- progress ---------------------------------------------------------------------------


def test_progress_counts_rows_up_to_the_total():
    x = _random_rows(0, n=1_000)
    calls: list[tuple[int, int]] = []
    all_pairs(x, 0.37, chunk_candidates=2_000, progress=lambda d, t: calls.append((d, t)))
    done = [d for d, _ in calls]
    assert len(calls) > 3 and all(t == x.shape[0] for _, t in calls)
    assert done == sorted(set(done)) and done[-1] == x.shape[0]

    items = [Item(id=str(k), text=f"Fritidsbank nummer {k} i Angered och Kortedala")
             for k in range(50)]
    calls.clear()
    find_duplicates(items, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 50) and calls[-1] == (50, 50)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_progress_bar_only_on_a_terminal_and_only_for_large_inputs(monkeypatch):
    from styrgraf.cli import cmd_duplicates, progress

    monkeypatch.setattr(progress, "on_terminal", lambda: False)
    with cmd_duplicates._search_progress("comparing texts") as advance:
        assert advance is None
    monkeypatch.setattr(progress, "on_terminal", lambda: True)
    with cmd_duplicates._search_progress("comparing texts") as advance:
        advance(0, 10)  # too small to be worth a bar: nothing starts
        advance(10, 10)
    with cmd_duplicates._search_progress("comparing texts") as advance:
        for done in (0, 5_000, 20_000):
            advance(done, 20_000)
