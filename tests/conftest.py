"""Shared test helpers: run the real `styrgraf` command with an isolated store cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory) -> Path:
    """One store cache for tests that only read, so the built-in store is built once."""
    return tmp_path_factory.mktemp("store-cache")


@pytest.fixture
def cli(session_cache):
    """Run `styrgraf ARGS…` in a subprocess; returns exit code, stdout, stderr."""

    def run(*args: str, cache: Path | None = None, stdin: str | None = None,
            cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
        inherited = {k: v for k, v in os.environ.items()
                     if k not in ("STYRGRAF_DATA", "STYRGRAF_LANG", "LANG", "LC_ALL",
                                  "LC_MESSAGES")}
        # These tests read English messages; the Swedish default has tests of its own.
        full_env = {**inherited, "STYRGRAF_CACHE_DIR": str(cache or session_cache),
                    "COLUMNS": "200", "NO_COLOR": "1", "STYRGRAF_LANG": "en", **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "styrgraf.cli", *args], input=stdin, capture_output=True,
            text=True, env=full_env, cwd=cwd or ROOT, timeout=300,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def kb_copy(tmp_path):
    """Copy a fixture knowledge directory to a writable temp folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


@pytest.fixture(scope="session")
def real_kb(tmp_path_factory):
    """The built-in knowledge base, opened once for the session (its own store cache)."""
    from styrgraf.knowledge.sources import PACKAGED_DATA_DIR
    from styrgraf.knowledge.store import open_knowledge

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STYRGRAF_CACHE_DIR", str(tmp_path_factory.mktemp("real-kb-cache")))
        kb, _ = open_knowledge(PACKAGED_DATA_DIR)
        yield kb
