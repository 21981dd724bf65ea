"""Write the pairs found as candidate links in a suggestions graph (Turtle), never into the KB.

The file is its own graph: `<> a sg:SuggestionGraph`, one `sg:DuplicateCandidate`
per pair of nodes with both `sg:candidate`s, `sg:similarity`, the
`sg:sharedTerm`s and `prov:generatedAtTime`. Nobody has reviewed these, so
the command refuses to write inside the knowledge directory, where the next
build would load them as if they were curated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from styrgraf.knowledge.atomic import atomic_writer
from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.prefixes import STANDARD_PREFIXES, VOCAB

from .findings import Match

_PREFIXES = {"sg": VOCAB, **{k: STANDARD_PREFIXES[k] for k in ("rdfs", "xsd", "prov")}}


@dataclass
class Candidate:
    """One suggested link between two nodes (the best-scoring pair of their mentions)."""

    a: str
    b: str
    score: float
    terms: list[str] = field(default_factory=list)
    graphs: set[str] = field(default_factory=set)


def candidates(matches: Sequence[Match]) -> list[Candidate]:
    """One candidate per pair of distinct nodes; mentions of the same node are skipped."""
    by_pair: dict[tuple[str, str], Candidate] = {}
    for m in matches:  # best first, so the first pair of two nodes sets score and term order
        if m.a.id == m.b.id:
            continue
        key = tuple(sorted((m.a.id, m.b.id)))
        found = by_pair.setdefault(key, Candidate(key[0], key[1], m.score))
        found.terms += [t for t in m.shared_terms if t not in found.terms]
        found.graphs |= {g for g in (m.a.graph, m.b.graph) if g}
    return list(by_pair.values())


def check_target(path: Path, knowledge_dir: Path) -> None:
    """Refuse, before any work, a target folder that is missing or inside the knowledge
    directory: suggestions are not curated knowledge."""
    target = path.expanduser().resolve()
    folder = knowledge_dir.expanduser().resolve()
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")
    if target == folder or folder in target.parents:
        raise InputError(f"refusing to write suggestions to {path}: it is inside the knowledge "
                         f"directory {folder}, whose files are loaded as curated knowledge; "
                         "write them elsewhere")


def check_iris(matches: Sequence[Match]) -> None:
    """Suggestions link nodes, so every id must be an absolute IRI (always so for the KB)."""
    for m in matches:
        for item in (m.a, m.b):
            try:
                ox.NamedNode(item.id)
            except ValueError:
                where = f" (line {item.line})" if item.line else ""
                raise InputError(f"--write-suggestions needs node IRIs as ids; {item.id!r}{where} "
                                 "is not an absolute IRI") from None


def write_suggestions(path: Path, matches: Sequence[Match], *, threshold: float,
                      now: datetime | None = None) -> int:
    """Write the Turtle file atomically; return the number of candidates written."""
    check_iris(matches)
    found = candidates(matches)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    with atomic_writer(path) as handle:
        handle.write(turtle(found, threshold=threshold, stamp=stamp).encode("utf-8"))
    return len(found)


def turtle(found: Sequence[Candidate], *, threshold: float, stamp: str) -> str:
    """The suggestions graph as Turtle text."""
    lines = [f"@prefix {p}: <{iri}> ." for p, iri in _PREFIXES.items()]
    when = f'"{stamp}"^^xsd:dateTime'
    lines += [
        "",
        "# Machine suggestions written by `styrgraf duplicates`; nobody has reviewed them.",
        "# Not curated knowledge: keep this file out of the knowledge directory.",
        "<> a sg:SuggestionGraph ;",
        f"    prov:generatedAtTime {when} ;",
        "    rdfs:comment " + _literal(
            f"Possible duplicates: pairs of nodes whose texts have a cosine similarity of at "
            f"least {threshold:g} (TF-IDF over words and character n-grams).") + "@en .",
    ]
    for c in found:
        lines += ["", f"<#dup-{_slug(c.a, c.b)}> a sg:DuplicateCandidate ;",
                  f"    sg:candidate <{c.a}> , <{c.b}> ;",
                  f"    sg:similarity {c.score:.3f} ;"]
        if c.terms:
            lines.append("    sg:sharedTerm " + " , ".join(_literal(t) for t in c.terms) + " ;")
        if c.graphs:
            lines.append("    prov:wasDerivedFrom " + " , ".join(f"<{g}>" for g in
                                                                 sorted(c.graphs)) + " ;")
        lines.append(f"    prov:generatedAtTime {when} .")
    return "\n".join(lines) + "\n"


def _slug(a: str, b: str) -> str:
    return hashlib.sha256(f"{a}\n{b}".encode()).hexdigest()[:16]


def _literal(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'
