"""Find the knowledge sources in a directory and fingerprint their content.

Every `.ttl` file is one named graph, named after its file stem; a `.trig`
file brings its own graphs. The vocabulary is always loaded too, into its own
graph, so queries can read class labels.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from styrgraf.ontology import VOCABULARY_PATH
from styrgraf.ontology.prefixes import GRAPH

from .errors import InputError

PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_ENV_VAR = "STYRGRAF_DATA"
ONTOLOGY_GRAPH = GRAPH + "ontology"
CURATION_STEM = "curation"
SOURCE_SUFFIXES = (".ttl", ".trig")


@dataclass(frozen=True)
class Source:
    """One file to load: its path, format, target graph (None for TriG) and content hash."""

    path: Path
    graph: str | None
    sha256: str

    @property
    def format_name(self) -> str:
        return "trig" if self.path.suffix == ".trig" else "turtle"


@dataclass(frozen=True)
class SourceSet:
    """All sources of one knowledge directory, plus the vocabulary."""

    directory: Path
    sources: tuple[Source, ...]

    @property
    def fingerprint(self) -> str:
        """Hash over file names and contents: changes exactly when a rebuild is needed."""
        h = hashlib.sha256()
        for s in self.sources:
            h.update(f"{s.path.name}\0{s.graph}\0{s.sha256}\n".encode())
        return h.hexdigest()


def graph_for(path: Path) -> str:
    """The named graph a `.ttl` file is loaded into."""
    return GRAPH + path.stem


def default_data_dir() -> Path:
    """The knowledge directory: $STYRGRAF_DATA if set, else the packaged knowledge base."""
    env = os.environ.get(DATA_ENV_VAR)
    return Path(env) if env else PACKAGED_DATA_DIR


def discover(directory: Path | None = None) -> SourceSet:
    """List the sources of `directory` (default: see `default_data_dir`)."""
    directory = (directory or default_data_dir()).expanduser()
    if not directory.exists():
        raise InputError(f"knowledge directory not found: {directory}")
    if not directory.is_dir():
        raise InputError(f"not a directory: {directory} (give a folder of .ttl/.trig files)")
    files = sorted(p for p in directory.iterdir() if p.suffix in SOURCE_SUFFIXES and p.is_file())
    if not files:
        raise InputError(f"no .ttl or .trig files in {directory}")
    sources = [_source(VOCABULARY_PATH, ONTOLOGY_GRAPH)]
    sources += [_source(p, None if p.suffix == ".trig" else graph_for(p)) for p in files]
    return SourceSet(directory.resolve(), tuple(sources))


def _source(path: Path, graph: str | None) -> Source:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from e
    return Source(path, graph, digest)
