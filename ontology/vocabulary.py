"""Load the vocabulary and shapes as rdflib graphs (for pySHACL and tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import SHAPES_PATH, VOCABULARY_PATH

if TYPE_CHECKING:
    import rdflib


def load_vocabulary() -> rdflib.Graph:
    """The OWL vocabulary as an rdflib graph."""
    import rdflib

    return rdflib.Graph().parse(VOCABULARY_PATH, format="turtle")


def load_shapes() -> rdflib.Graph:
    """The SHACL shapes as an rdflib graph."""
    import rdflib

    return rdflib.Graph().parse(SHAPES_PATH, format="turtle")
