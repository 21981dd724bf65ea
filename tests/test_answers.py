"""Answers and duplicate findings kept with the snapshot: the same as computed, never stale.

A later process on an unchanged knowledge base reads the catalogued questions'
answers (queries.answers) and the duplicates findings (duplicates.kept) from the
store's folder instead of computing them. These tests hold that what is read
equals what would be computed, that nothing partial or unreadable is used, and
that changed sources are answered afresh.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import styrgraf
from styrgraf.queries import answers, catalog, engine
from styrgraf.queries.answers import AnswerCache, key_of
from styrgraf.queries.engine import ResultTable

#: catalogued questions that need no parameter
QUESTIONS = [q.name for q in catalog.public() if not any(not p.optional for p in q.parameters)]


def _answers(kb) -> dict[str, list[dict]]:
    return {name: kb.query(name).records for name in QUESTIONS}


def _unordered(answers: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Rows as a multiset, and lists joined by GROUP_CONCAT as sets: rows tied under a
    query's ORDER BY, and the parts of a concatenation, may come in another order when
    the query is evaluated again."""
    def cell(value):
        return " | ".join(sorted(value.split(" | "))) if isinstance(value, str) else value

    return {name: sorted(repr({k: cell(v) for k, v in row.items()}) for row in rows)
            for name, rows in answers.items()}


def _no_evaluation(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a query was evaluated where a kept answer should be read")

    monkeypatch.setattr(engine, "select", refuse)


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "cache"


@pytest.fixture(autouse=True)
def keep_every_answer(monkeypatch):
    """The built-in knowledge base answers every question in milliseconds, below the time
    that makes an answer worth a file; these tests keep them all."""
    monkeypatch.setattr(answers, "KEEP_MIN_SECONDS", 0.0)


def test_a_later_process_reads_the_kept_answers_and_they_equal_computed_ones(cache,
                                                                              monkeypatch):
    first = styrgraf.open(cache_dir=cache)
    computed = _answers(first)
    overview = first.overview()
    assert sum(len(rows) for rows in computed.values()) > 100
    _no_evaluation(monkeypatch)
    later = styrgraf.open(cache_dir=cache)
    assert _answers(later) == computed
    assert later.overview() == overview  # the overview's questions are kept too


def test_a_damaged_answer_file_is_computed_again(cache):
    kb = styrgraf.open(cache_dir=cache)
    computed = _answers(kb)
    files = sorted((kb.path / "answers").glob("*.json"))
    assert len(files) >= len(QUESTIONS) - 1  # one answer may hold a blank node
    for k, file in enumerate(files):
        data = file.read_bytes()
        file.write_bytes([data[: len(data) // 2], b"", b"{\"format\": 99}",
                          b"{\"format\": 1, \"columns\": [\"a\"], \"rows\": [[[1]]]}"][k % 4])
    assert _unordered(_answers(styrgraf.open(cache_dir=cache))) == _unordered(computed)


def test_a_table_cut_at_its_limit_is_not_kept(cache):
    name = "strategies-without-activities"
    text = catalog.get(name).text
    kb = styrgraf.open(cache_dir=cache)
    with engine.limited(engine.Limits(max_rows=2, rows_of=text)):
        assert len(kb.query(name).records) == 2
    full = styrgraf.open(cache_dir=cache).query(name).records
    assert len(full) > 2
    assert sorted(map(repr, full)) == sorted(
        map(repr, styrgraf.open(cache_dir=cache / "fresh").query(name).records))
    with engine.limited(engine.Limits(max_rows=2, rows_of=text)):  # a kept answer, cut
        assert styrgraf.open(cache_dir=cache).query(name).records == full[:2]


def test_changed_sources_are_answered_afresh(kb_copy, cache):
    data = kb_copy("mini")

    def activities() -> int:
        rows = styrgraf.open(data, cache_dir=cache).query("class-counts").records
        return next(r["nodes"] for r in rows if r["class"].endswith("#Activity"))

    before = activities()
    source = data / "source.ttl"
    source.write_text(source.read_text(encoding="utf-8") + """
act:ny-aktivitet a sg:Activity ; rdfs:label "Ny aktivitet"@sv ; sg:statedIn sec:testplan-1 .
""", encoding="utf-8")
    assert activities() == before + 1


def test_terms_survive_the_file_and_blank_nodes_stay_in_memory(tmp_path):
    table = ResultTable(["a", "b", "c"], [
        {"a": ox.NamedNode("https://example.org/ö?x='1'"), "b": ox.Literal("Nämnd", language="sv"),
         "c": ox.Literal("2024-08-31", datatype=ox.NamedNode(
             "http://www.w3.org/2001/XMLSchema#date"))},
        {"a": None, "b": ox.Literal("3", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer")), "c": ox.Literal("=1+1 <script>")},
    ])
    key = key_of("SELECT * {}", {"x": ox.Literal("Sydväst")})
    AnswerCache(tmp_path).put(key, table)
    read = AnswerCache(tmp_path).get(key)
    assert read is not None and read.columns == table.columns and read.rows == table.rows

    blank = ResultTable(["a"], [{"a": ox.BlankNode("b0")}])
    other = key_of("SELECT ?a {}", {})
    kept = AnswerCache(tmp_path)
    kept.put(other, blank)
    assert kept.get(other) is blank  # in memory, for this process
    assert AnswerCache(tmp_path).get(other) is None  # not on disk


def _pairs(result) -> list[tuple]:
    return [(m.a.id, m.a.graph, m.b.id, m.b.graph, m.score, m.shared_terms, m.cluster,
             m.a.source, m.b.source, dict(m.a.groups)) for m in result.findings.matches]


def test_duplicate_findings_are_kept_per_request_and_equal_computed_ones(cache, monkeypatch):
    first = styrgraf.open(cache_dir=cache)
    across = first.duplicates(across="network")
    loose = first.duplicates(threshold=0.3)
    assert across.findings.matches and len(loose.findings.matches) > len(across.findings.matches)

    from styrgraf.duplicates import finder

    def refuse(*args, **kwargs):
        raise AssertionError("searched again where kept findings should be read")

    monkeypatch.setattr(finder, "find_duplicates", refuse)
    later = styrgraf.open(cache_dir=cache)
    again = later.duplicates(across="network")
    assert _pairs(again) == _pairs(across)
    assert again.findings.items == across.findings.items
    assert [[i.id for i in c] for c in again.findings.clusters] == \
        [[i.id for i in c] for c in across.findings.clusters]
    assert _pairs(later.duplicates(threshold=0.3)) == _pairs(loose)
    with pytest.raises(AssertionError, match="searched again"):
        later.duplicates(threshold=0.35)  # another request is another search


def test_damaged_duplicate_findings_are_searched_again(cache):
    kb = styrgraf.open(cache_dir=cache)
    computed = _pairs(kb.duplicates())
    for file in (kb.path / "duplicates").glob("*.json"):
        file.write_text('{"format": 1, "items": [], "matches": [[0, 1, 0.5, [], 1]]}')
    assert _pairs(styrgraf.open(cache_dir=cache).duplicates()) == computed


def test_keep_answers_false_computes_afresh_and_keeps_nothing(cache, monkeypatch):
    kb = styrgraf.open(cache_dir=cache, keep_answers=False)
    computed = _answers(kb)
    assert kb.path is None
    kb.duplicates()
    folder = styrgraf.open(cache_dir=cache).path
    assert not (folder / "answers").exists() and not (folder / "duplicates").exists()
    _no_evaluation(monkeypatch)
    with pytest.raises(AssertionError, match="evaluated"):
        styrgraf.open(cache_dir=cache, keep_answers=False).query(QUESTIONS[0])
    assert computed


def test_an_answer_quicker_to_compute_than_to_read_is_not_written(cache, monkeypatch):
    monkeypatch.setattr(answers, "KEEP_MIN_SECONDS", 60.0)
    kb = styrgraf.open(cache_dir=cache)
    computed = _answers(kb)
    assert not (kb.path / "answers").exists()
    assert _answers(kb) == computed  # held in memory for the process all the same
    monkeypatch.setattr(answers, "KEEP_MIN_SECONDS", 0.0)
    _answers(styrgraf.open(cache_dir=cache))
    assert len(list((kb.path / "answers").glob("*.json"))) >= len(QUESTIONS) - 1
