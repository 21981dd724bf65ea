"""Precision and recall on a labelled set, over thresholds: how the default was chosen.

A labelled set is a folder with `items.csv` (id,text,group), `pairs.csv`
(a,b,label: 1 same work, 0 different work) and optionally `ambiguous.csv`
(a,b,reason: pairs deliberately left unlabelled). Two precisions are given:
over the labelled pairs only, and "closed-world", where every predicted pair
that is not labelled 1 (and not ambiguous) counts as a false positive.

    python -m styrgraf.duplicates.evaluate tests/fixtures/duplicates
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from styrgraf.knowledge.errors import InputError

from .defaults import DEFAULT_THRESHOLD
from .items import Item, read_csv
from .pairs import all_pairs
from .vectorise import VectorSettings, vectorise

Key = frozenset[str]


@dataclass(frozen=True)
class LabelledSet:
    """Texts, labels (pair → 1/0) and the pairs left out of the closed-world count."""

    items: list[Item]
    labels: dict[Key, int]
    ambiguous: set[Key]


@dataclass(frozen=True)
class Measure:
    """Precision and recall at one threshold."""

    threshold: float
    precision: float
    recall: float
    closed_world_precision: float
    true_positives: int
    false_positives: int
    false_negatives: int
    closed_world_false_positives: int


def load(folder: Path) -> LabelledSet:
    """Read a labelled set; every pair must name two items."""
    items = read_csv(folder / "items.csv")
    ids = {item.id for item in items}
    labels = {k: int(v) for k, v in _pairs(folder / "pairs.csv", "label", ids)}
    ambiguous_file = folder / "ambiguous.csv"
    ambiguous = ({k for k, _ in _pairs(ambiguous_file, "reason", ids)}
                 if ambiguous_file.exists() else set())
    return LabelledSet(items, labels, ambiguous)


def _pairs(path: Path, value: str, ids: set[str]) -> Iterable[tuple[Key, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            a, b = row["a"], row["b"]
            if a not in ids or b not in ids:
                raise InputError(f"{path}: pair {a} / {b} names an id not in items.csv")
            yield frozenset((a, b)), row[value]


def sweep(data: LabelledSet, thresholds: Sequence[float],
          settings: VectorSettings | None = None) -> list[Measure]:
    """Measure every threshold from one exact pair search at the lowest of them."""
    vectors = vectorise([item.text for item in data.items], settings)
    pairs = all_pairs(vectors.matrix, min(thresholds))
    ids = [item.id for item in data.items]
    scored = {frozenset((ids[i], ids[j])): float(s)
              for i, j, s in zip(pairs.i, pairs.j, pairs.score, strict=True)}
    return [_measure(data, scored, t) for t in thresholds]


def _measure(data: LabelledSet, scored: dict[Key, float], threshold: float) -> Measure:
    predicted = {k for k, s in scored.items() if s >= threshold}
    positives = {k for k, label in data.labels.items() if label == 1}
    negatives = {k for k, label in data.labels.items() if label == 0}
    tp, fp = len(predicted & positives), len(predicted & negatives)
    fn = len(positives - predicted)
    closed_fp = len(predicted - positives - data.ambiguous)
    return Measure(threshold, _ratio(tp, tp + fp), _ratio(tp, tp + fn),
                   _ratio(tp, tp + closed_fp), tp, fp, fn, closed_fp)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def markdown(measures: Sequence[Measure]) -> str:
    """The sweep as a markdown table."""
    lines = ["| threshold | precision | recall | closed-world precision | TP | FP | FN "
             "| closed-world FP |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {m.threshold:.3f} | {m.precision:.3f} | {m.recall:.3f} | "
              f"{m.closed_world_precision:.3f} | {m.true_positives} | {m.false_positives} | "
              f"{m.false_negatives} | {m.closed_world_false_positives} |" for m in measures]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the sweep for a labelled-set folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else Path("tests/fixtures/duplicates")
    data = load(folder)
    thresholds = sorted({round(0.25 + 0.025 * k, 3) for k in range(11)} | {DEFAULT_THRESHOLD})
    n_pos = sum(data.labels.values())
    print(f"{len(data.items)} texts, {n_pos} positive and {len(data.labels) - n_pos} negative "
          f"pairs, {len(data.ambiguous)} ambiguous; default threshold {DEFAULT_THRESHOLD}\n")
    print(markdown(sweep(data, thresholds)))


if __name__ == "__main__":
    main()
