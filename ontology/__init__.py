"""The styrgraf vocabulary (OWL in Turtle) and its SHACL shapes.

`styrgraf.ttl` defines the classes and properties the knowledge base uses;
`shapes.ttl` states what a complete record is. The Python helpers here only
locate and load those files and name their namespaces.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
VOCABULARY_PATH = PACKAGE_DIR / "styrgraf.ttl"
SHAPES_PATH = PACKAGE_DIR / "shapes.ttl"

__all__ = ["PACKAGE_DIR", "SHAPES_PATH", "VOCABULARY_PATH"]
