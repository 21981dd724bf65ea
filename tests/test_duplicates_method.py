"""Duplicate detection, in process: normalisation, the exact pair search, and the labelled set.

The precision/recall test prints its figures; run `pytest -s -k labelled` to see them.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from conftest import FIXTURES
from styrgraf.duplicates import evaluate, normalise, vectorise
from styrgraf.duplicates.clusters import cluster_ids
from styrgraf.duplicates.defaults import DEFAULT_THRESHOLD
from styrgraf.duplicates.finder import Options, find_duplicates
from styrgraf.duplicates.items import Item
from styrgraf.duplicates.normalise import Normaliser, fold, raw_tokens, same_text
from styrgraf.duplicates.pairs import Pairs, all_pairs, brute_force_pairs
from styrgraf.knowledge.labels import _FAST_FOLD

LABELLED = FIXTURES / "duplicates"


# --- normalisation ----------------------------------------------------------------------


def test_folding_makes_ocr_spellings_meet_the_correct_ones():
    assert fold("fritidsgårdar") == fold("fritidsgardar") == "fritidsgardar"
    assert fold("FRITIDSGÅRDAR") == "fritidsgardar"
    assert fold("Idéburen sektor") == "ideburen sektor"
    assert same_text("nya fritidsgårdar", "nya fritidsgardar")
    assert same_text("Öka digitaliseringen", "6ka digitaliseringen")  # the scan's 6 for ö
    assert same_text("inrätta fritidsbanker", "inratta fritidsbankerna")  # stemming


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aåäöeéèüoøæßAÅÄÖÉ ñçł-ﬁΩ\u0301x1"), max_size=30)
       | st.text(max_size=30))
def test_fold_equals_the_unicode_decomposition(text):
    """The fast paths (str.replace, a table) fold as NFKD without combining marks does."""
    lowered = text.casefold().translate(_FAST_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab6k1830 ö&é_-Ωx4"), max_size=40))
def test_repairing_token_by_token_equals_repairing_the_text(text):
    """raw_tokens repairs OCR digits per token; over the whole folded text is the same."""
    folded = normalise._AMPERSAND_FOR_A.sub("a", fold(text))
    folded = normalise._DIGIT_IN_WORD.sub(normalise._repair, folded)
    want = [normalise._LONE_OCR.get(t, t) for t in normalise._TOKEN.findall(folded)]
    assert raw_tokens(text) == want


def test_ocr_debris_and_boilerplate_are_dropped():
    n = Normaliser()
    assert raw_tokens("Fritidslotsar &r ett stöd att komma ut 1 fritidsaktivitet") == [
        "fritidslotsar", "ar", "ett", "stod", "att", "komma", "ut", "i", "fritidsaktivitet"]
    clean = "Socialnämnderna får i uppdrag att inrätta och driva fritidsbanker."
    scanned = "Socialndmnderna far 1 uppdrag att inratta och driva fritidsbanker."
    assert n.tokens(clean) == n.tokens(scanned) == ["inratta", "driva", "fritidsbanker"]
    assert n.tokens("Uppdraget avslutat SNC 2024-04-23 § 127.") == []
    assert n.tokens("Vi gör det <b>lätt</b> {för} \"invånare\"") == ["latt", "invanare"]


def test_texts_without_enough_content_get_no_vector():
    vectors = vectorise.vectorise(["Uppdraget avslutat SNC 2024-04-23 § 127.", "", "och i"])
    assert vectors.matrix.nnz == 0


def test_char_block_is_scikit_learn_char_wb_over_the_text(monkeypatch):
    monkeypatch.setattr(vectorise, "CHUNK_ROWS", 2)  # exercise the chunked two-pass build
    texts = ["Inrätta fritidsbanker i Nordost", "inratta fritidsbanker 1 nordost",
             "Skolfam för placerade barn", "barn och unga, fältarbete och fältsekreterare"]
    settings = vectorise.VectorSettings(char_top=0)
    vectors = vectorise.vectorise(texts, settings)
    normaliser = Normaliser()
    joined = [" ".join(normaliser.tokens(t)) for t in texts]
    counts = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(joined)
    reference = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    chars = normalize(vectors.matrix[:, vectors.words.shape[1]:])
    np.testing.assert_allclose((chars @ chars.T).toarray(), (reference @ reference.T).toarray(),
                               atol=1e-5)


def _top_reference(matrix: sp.csr_matrix, k: int) -> np.ndarray:
    """Each row's k largest entries, ties to the lower column, by a loop over the rows."""
    dense = matrix.toarray()
    kept = np.zeros_like(dense)
    for r, row in enumerate(dense):
        columns = np.flatnonzero(row)
        best = sorted(columns, key=lambda c: (-row[c], c))[:k]
        kept[r, best] = row[best]
    return kept


@pytest.mark.parametrize("k", [1, 3, 8])
def test_top_per_row_keeps_the_heaviest_entries_ties_to_the_lower_column(k):
    rng = np.random.default_rng(k)
    # few distinct weights, so that many entries tie
    x = sp.random(300, 90, density=0.12, random_state=rng, format="csr",
                  data_rvs=lambda n: rng.integers(1, 6, n) / 7).astype(np.float32)
    want = _top_reference(x, k)
    fast = vectorise._top_per_row(x.copy(), k)
    general = vectorise._top_per_row_argsort(x.copy(), k)
    np.testing.assert_array_equal(fast.toarray(), want)
    for sample in (k, k + 1, 2 * k):  # a short look-ahead drops entries before the sort
        narrow = vectorise._top_per_row(x.copy(), k, sample=sample)
        np.testing.assert_array_equal(narrow.toarray(), want)
    np.testing.assert_array_equal(general.toarray(), want)
    assert fast.has_sorted_indices and fast.nnz == np.count_nonzero(want)


# --- the exact pair search ----------------------------------------------------------------


def _random_rows(seed: int, n: int = 600, features: int = 250) -> sp.csr_matrix:
    """Zipf-like sparse rows with some exact and near copies, L2-normalised."""
    rng = np.random.default_rng(seed)
    p = 1 / np.arange(1, features + 1) ** 1.1
    rows, cols = [], []
    for r in range(n):
        k = int(rng.integers(1, 15))
        rows += [r] * k
        cols += list(rng.choice(features, size=k, p=p / p.sum()))
    x = sp.csr_matrix((rng.random(len(rows)) + 0.1, (rows, cols)), shape=(n, features))
    return normalize(sp.vstack([x, x[:40], x[40:60] * 0.5 + x[60:80]]).tocsr())


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("threshold", [0.2, 0.37, 0.6, 1.0])
def test_pair_search_finds_exactly_the_pairs_of_a_full_product(seed, threshold):
    x = _random_rows(seed)
    want = brute_force_pairs(x, threshold).as_dict()
    for share, chunk in [(0.1, 7), (0.7, 64), (0.95, 10_000)]:
        found = all_pairs(x, threshold, prefix_share=share, chunk_rows=chunk)
        got = found.as_dict()
        assert got.keys() == want.keys()
        assert all(abs(got[k] - want[k]) < 1e-5 for k in got)
        assert (found.i < found.j).all()


def test_pair_search_on_the_labelled_texts_matches_a_full_product():
    data = evaluate.load(LABELLED)
    x = vectorise.vectorise([item.text for item in data.items]).matrix
    for threshold in (0.15, DEFAULT_THRESHOLD):
        found, full = all_pairs(x, threshold), brute_force_pairs(x, threshold)
        assert found.as_dict().keys() == full.as_dict().keys()


def test_pair_search_rejects_a_threshold_outside_0_1():
    x = _random_rows(0)
    for bad in (0.0, -0.1, 1.5):
        with pytest.raises(ValueError):
            all_pairs(x, bad)


# --- explanation and clusters -----------------------------------------------------------


def test_clusters_are_connected_components_numbered_by_size():
    pairs = Pairs(np.array([4, 0, 1]), np.array([5, 1, 2]), np.array([0.5, 0.9, 0.8]))
    assert cluster_ids(7, pairs).tolist() == [1, 1, 1, 0, 2, 2, 0]


def test_findings_name_shared_words_and_respect_across_and_known_links():
    items = [
        Item("a", "Inrätta och driva fritidsbanker i de fyra stadsområdena",
             groups={"network": frozenset({"n1"})}, identity=frozenset({"x"})),
        Item("b", "inratta och driva fritidsbanker 1 de fyra stadsomradena",
             groups={"network": frozenset({"n2"})}, identity=frozenset({"y"})),
        Item("c", "Inrätta och driva fritidsbanker i de fyra stadsområdena nu",
             groups={"network": frozenset({"n1"})}, identity=frozenset({"x"})),
        Item("d", "Skolfam för placerade barn i skolan", groups={"network": frozenset({"n2"})}),
    ]
    every = find_duplicates(items, Options(include_merged=True))
    assert {(m.a.id, m.b.id) for m in every.matches} == {("a", "b"), ("a", "c"), ("b", "c")}
    assert "fritidsbanker" in every.matches[0].shared_terms
    assert [len(c) for c in every.clusters] == [3]
    default = find_duplicates(items)  # a and c are two mentions of the same node x
    assert {(m.a.id, m.b.id) for m in default.matches} == {("a", "b"), ("b", "c")}
    same_network = find_duplicates(items, Options(across="network", include_merged=True))
    assert {(m.a.id, m.b.id) for m in same_network.matches} == {("a", "b"), ("b", "c")}


def test_empty_and_tiny_inputs():
    assert find_duplicates([]).matches == []
    assert find_duplicates([Item("a", "Inrätta fritidsbanker i Nordost")]).matches == []
    assert find_duplicates([Item("a", "och"), Item("b", "och")]).matches == []


# --- the labelled set -------------------------------------------------------------------


def test_labelled_set_is_well_formed():
    data = evaluate.load(LABELLED)
    positives = sum(data.labels.values())
    assert positives >= 15 and len(data.labels) - positives >= 15
    assert not set(data.labels) & data.ambiguous
    assert all(item.source for item in data.items)  # every text says which document it is from


def test_precision_and_recall_on_the_labelled_set_at_the_default_threshold():
    data = evaluate.load(LABELLED)
    (m,) = evaluate.sweep(data, [DEFAULT_THRESHOLD])
    print(f"\nlabelled set at threshold {DEFAULT_THRESHOLD}: precision {m.precision:.3f}, "
          f"recall {m.recall:.3f}, closed-world precision {m.closed_world_precision:.3f} "
          f"(TP {m.true_positives}, FP {m.false_positives}, FN {m.false_negatives}, "
          f"closed-world FP {m.closed_world_false_positives})")
    assert m.precision >= 0.9
    assert m.recall >= 0.9
    assert m.closed_world_precision >= 0.9
