"""Defaults the CLI needs at start-up, without importing scikit-learn."""

from __future__ import annotations

#: Chosen on the labelled set: the middle of the band where precision and recall
#: (including closed-world precision) are all at least 0.9 (THRESHOLD.md).
DEFAULT_THRESHOLD = 0.37

#: What `--kinds` can name, in order.
KIND_NAMES = ("activity", "assignment", "response")

#: What `--across` can name.
DIMENSIONS = ("network", "committee", "document")

#: The most pairs one search keeps (after the filters): more stop it with advice
#: (pairs.TooManyPairs). 1.8 million pairs of 3,600 near-identical texts took 0.7 GB
#: (peak) once explained and clustered (benchmarks/bench_duplicates.py --near-identical).
DEFAULT_MAX_PAIRS = 2_000_000
