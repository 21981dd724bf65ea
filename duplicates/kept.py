"""Findings of a knowledge-base search, kept by the store's content so a later run reuses them.

The pairs depend on the loaded quads, the request (threshold, --across,
--kinds, merged links, the pair limit) and the method: this package's code, the
text folding it uses (knowledge/labels.py) and the libraries that compute the
vectors. All of those make the key; the file
lives in the opened store's folder, which is named by the sources' content and
collected with it. A search that stops (TooManyPairs) is not kept, and a CSV
--input is always searched afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from styrgraf.knowledge.cachefile import read_json, write_json

from .findings import Findings, Match
from .items import Item

#: Bump when the file layout changes.
KEPT_FORMAT = 1
_LIBRARIES = ("numpy", "scipy", "scikit-learn", "snowballstemmer")


#: Inside `deferred_keeping()`: the writes kept_findings leaves for its caller to run.
_DEFERRED: ContextVar[list[Callable[[], None]] | None] = ContextVar("deferred", default=None)


def kept_findings(folder: Path | None, request: tuple, compute: Callable[[], Findings]) -> Findings:
    """The findings for `request` (a tuple of its settings) from `folder`, else computed
    and kept there; `folder` None (no opened snapshot): always computed."""
    path = folder / "duplicates" / f"{_key(request)}.json" if folder is not None else None
    found = _decode(read_json(path)) if path is not None else None
    if found is not None:
        return found
    findings = compute()
    if path is not None:
        pending = _DEFERRED.get()
        if pending is None:
            write_json(path, _encode(findings))
        else:
            pending.append(lambda: write_json(path, _encode(findings)))
    return findings


@contextmanager
def deferred_keeping() -> Iterator[list[Callable[[], None]]]:
    """Findings computed inside are kept only when the caller runs the listed writes: a
    child process hands its answer over first and writes the file (about 1 s at 1M
    triples) while the parent reads it."""
    pending: list[Callable[[], None]] = []
    token = _DEFERRED.set(pending)
    try:
        yield pending
    finally:
        _DEFERRED.reset(token)


def _key(request: tuple) -> str:
    digest = hashlib.sha256(f"{KEPT_FORMAT}\0{request!r}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"\0{name} {version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"\0{name} -".encode())
    from styrgraf.knowledge import labels  # the text folding the normaliser uses

    for source in [*sorted(Path(__file__).parent.glob("*.py")), Path(labels.__file__)]:
        digest.update(b"\0" + source.read_bytes())
    return digest.hexdigest()[:32]


def _encode(findings: Findings) -> dict:
    index: dict[int, int] = {}  # by id(): an Item holds a dict, so it does not hash
    items: list[dict] = []

    def ref(item: Item) -> int:
        if id(item) not in index:
            index[id(item)] = len(items)
            items.append({"id": item.id, "text": item.text, "label": item.label,
                          "kind": item.kind, "source": item.source, "graph": item.graph,
                          "groups": {k: sorted(v) for k, v in item.groups.items()},
                          "identity": sorted(item.identity), "line": item.line})
        return index[id(item)]

    matches = [[ref(m.a), ref(m.b), m.score, m.shared_terms, m.cluster]
               for m in findings.matches]
    clusters = [[ref(item) for item in members] for members in findings.clusters]
    return {"format": KEPT_FORMAT, "items": items, "matches": matches,
            "clusters": clusters, "count": findings.items}


def _decode(data: object) -> Findings | None:
    """The findings in `data`, or None if it is not a whole file of this format."""
    if not isinstance(data, dict) or data.get("format") != KEPT_FORMAT:
        return None
    try:
        items = [Item(id=d["id"], text=d["text"], label=d["label"], kind=d["kind"],
                      source=d["source"], graph=d["graph"],
                      groups={k: frozenset(v) for k, v in d["groups"].items()},
                      identity=frozenset(d["identity"]), line=int(d["line"]))
                 for d in data["items"]]
        matches = [Match(items[a], items[b], float(score), [str(t) for t in terms], int(c))
                   for a, b, score, terms, c in data["matches"]]
        clusters = [[items[k] for k in members] for members in data["clusters"]]
        return Findings(matches, clusters, int(data["count"]))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
