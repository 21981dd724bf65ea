"""Validation results, and a cache of them keyed by the store's content.

A report depends only on the loaded quads, the shapes and the language, so it is
kept beside the store's snapshot (whose folder is named by the sources' content)
and reused until one of them changes: `styrgraf validate` on an unchanged
knowledge base answers without loading pySHACL or rdflib. A cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from .cachefile import read_json, write_json

SEVERITIES = ("Violation", "Warning", "Info")
#: Bump when what a report holds or how it is computed changes.
CACHE_FORMAT = 2


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, in terms a curator can act on."""

    severity: str
    focus: str
    label: str | None
    sources: tuple[str, ...]
    path: str | None
    message: str
    value: str | None


@dataclass
class ValidationReport:
    results: list[ValidationResult]

    @property
    def counts(self) -> Counter:
        return Counter(r.severity for r in self.results)

    @property
    def conforms(self) -> bool:
        return self.counts["Violation"] == 0


def cached(store_path: Path | None, lang: str,
           compute: Callable[[], ValidationReport]) -> ValidationReport:
    """The report for the store at `store_path` in `lang`: from the cache, else computed
    (and kept). `store_path` None (a remote or in-memory store): always computed."""
    path = _cache_file(store_path, lang) if store_path is not None else None
    found = _read(path) if path is not None else None
    if found is not None:
        return found
    report = compute()
    if path is not None:
        _write(path, report)
    return report


def _cache_file(store_path: Path, lang: str) -> Path:
    from importlib.metadata import version

    from styrgraf.ontology.vocabulary import SHAPES_PATH

    key = hashlib.sha256(b"\0".join([
        str(CACHE_FORMAT).encode(), lang.encode(), Path(SHAPES_PATH).read_bytes(),
        version("pyshacl").encode(), Path(__file__).with_name("validate.py").read_bytes(),
        Path(__file__).with_name("labels.py").read_bytes(),  # the focus nodes' names
        Path(__file__).with_name("shapes_sparql.py").read_bytes(),  # the compiled checks
    ])).hexdigest()[:24]
    return store_path / f"validation-{key}.json"


def _read(path: Path) -> ValidationReport | None:
    rows = read_json(path)
    try:
        return ValidationReport([ValidationResult(**{**r, "sources": tuple(r["sources"])})
                                 for r in rows])
    except (ValueError, TypeError, KeyError):
        return None


def _write(path: Path, report: ValidationReport) -> None:
    write_json(path, [asdict(r) for r in report.results])
