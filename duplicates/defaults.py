"""Defaults the CLI needs at start-up, without importing scikit-learn."""

from __future__ import annotations

#: Chosen on the labelled set: the middle of the band where precision and recall
#: (including closed-world precision) are all at least 0.9 (THRESHOLD.md).
DEFAULT_THRESHOLD = 0.37

#: What `--kinds` can name, in order.
KIND_NAMES = ("activity", "assignment", "response")

#: What `--across` can name.
DIMENSIONS = ("network", "committee", "document")
