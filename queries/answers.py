"""Answers to catalogued questions, kept by the store's content so a later process reuses them.

A SELECT answer depends only on the quads, the query text and the bound values.
The opened snapshot's folder is named by the sources' content (and the store
format and pyoxigraph version), so an answer kept there under a hash of the
text and the bindings is the answer the store would give again: `overview`,
`report` and `query` on an unchanged knowledge base read it instead of
evaluating the query. The rules (rules/) are included in the text, so a
changed rule is a new key. Rows are rendered (labels, headers) after, from the
same terms, so the numbers are those of the same rule either way.

An answer holding a blank node (or an RDF-star triple) is kept in memory only:
a blank node's label need not survive a reload of the snapshot. So is one that
took less than KEEP_MIN_SECONDS to compute: reading it would save nothing, and
the questions about single nodes (golden-thread, provenance) would otherwise
leave a file per node asked about.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from styrgraf.knowledge.cachefile import read_json, write_json
from styrgraf.knowledge.gcpause import pausing

from .engine import ResultTable, Term

#: Bump when the file layout changes.
ANSWER_FORMAT = 1
#: Answers computed faster than this are not written (see above).
KEEP_MIN_SECONDS = 0.05
FOLDER = "answers"

Key = tuple[str, tuple[tuple[str, str], ...]]


class AnswerCache:
    """(query text, bound values) → ResultTable, in memory and, if `folder` is given, in
    files there (the opened store's folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._memory: dict[Key, ResultTable] = {}
        self._folder = folder / FOLDER if folder is not None else None

    @pausing
    def get(self, key: Key) -> ResultTable | None:
        if key in self._memory:
            return self._memory[key]
        if self._folder is None:
            return None
        found = _decode(read_json(self._file(key)))
        if found is not None:
            self._memory[key] = found
        return found

    def put(self, key: Key, result: ResultTable, seconds: float | None = None) -> None:
        """Hold `result` for this process; write it too unless it took under
        KEEP_MIN_SECONDS (`seconds` None: write it)."""
        self._memory[key] = result
        cheap = seconds is not None and seconds < KEEP_MIN_SECONDS
        if self._folder is not None and not cheap and _keepable(result):
            write_json(self._file(key), _encode(result))

    def _file(self, key: Key) -> Path:
        assert self._folder is not None
        text, bound = key
        digest = hashlib.sha256(str(ANSWER_FORMAT).encode())
        for part in (text, *(f"{k}={v}" for k, v in bound)):
            digest.update(b"\0" + part.encode("utf-8"))
        return self._folder / f"{digest.hexdigest()[:32]}.json"


def key_of(text: str, bound: dict[str, Term]) -> Key:
    """The cache key of query `text` with `bound` values (terms in N-Triples form)."""
    return text, tuple(sorted((k, str(v)) for k, v in bound.items()))


def _keepable(result: ResultTable) -> bool:
    return all(t is None or isinstance(t, ox.NamedNode | ox.Literal)
               for row in result.rows for t in row.values())


def _encode(result: ResultTable) -> dict:
    return {"format": ANSWER_FORMAT, "columns": result.columns,
            "rows": [[_encode_term(row.get(c)) for c in result.columns] for row in result.rows]}


def _encode_term(term: Term | None) -> object:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return [term.value, term.language or "", term.datatype.value]
    raise TypeError(f"cannot keep a {type(term).__name__} in an answer file")


def _decode(data: object) -> ResultTable | None:
    """The table in `data`, or None if it is not a whole answer file of this format."""
    if not isinstance(data, dict) or data.get("format") != ANSWER_FORMAT:
        return None
    try:
        columns = [str(c) for c in data["columns"]]
        rows = [dict(zip(columns, map(_decode_term, row), strict=True)) for row in data["rows"]]
    except (KeyError, TypeError, ValueError):
        return None
    return ResultTable(columns=columns, rows=rows)


def _decode_term(value: object) -> Term | None:
    if value is None:
        return None
    if isinstance(value, str):
        return ox.NamedNode(value)
    text, language, datatype = value  # a malformed entry raises ValueError or TypeError
    if language:
        return ox.Literal(text, language=language)
    return ox.Literal(text, datatype=ox.NamedNode(datatype))
