"""Shared test helpers: run the `styrgraf` command (in process, or as a child process
where that is what is tested) with an isolated store cache."""

from __future__ import annotations

import io
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


#: Variables a test run must not inherit from the developer's shell.
_CLEARED = ("STYRGRAF_DATA", "STYRGRAF_LANG", "STYRGRAF_CACHE_DIR", "LANG", "LC_ALL",
            "LC_MESSAGES")


def _environment(cache: Path, env: dict[str, str] | None) -> dict[str, str | None]:
    """The variables of one run: English messages (the Swedish default has tests of its
    own), a wide terminal, no colour, and the given store cache."""
    return {**{k: None for k in _CLEARED}, "STYRGRAF_CACHE_DIR": str(cache),
            "COLUMNS": "200", "NO_COLOR": "1", "STYRGRAF_LANG": "en", **(env or {})}


def _as_text(data: bytes) -> str:
    """Decode as a text-mode pipe would (universal newlines), like subprocess(text=True)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace",
                            newline=None).read()


def run_in_process(args: tuple[str, ...], env: dict[str, str | None], stdin: str | None,
                   cwd: Path) -> Run:
    """Call the console entry point in this process, as `styrgraf ARGS…` would run."""
    from typer.testing import CliRunner

    from styrgraf.cli.app import main

    with CliRunner().isolation(input=stdin, env=env) as (out, err, _):
        old_argv, old_cwd = sys.argv, os.getcwd()
        sys.argv = ["styrgraf", *args]
        os.chdir(cwd)
        code = 0
        try:
            main()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        finally:
            sys.argv = old_argv
            os.chdir(old_cwd)
            sys.stdout.flush()
            sys.stderr.flush()
        return Run(code, _as_text(out.getvalue()), _as_text(err.getvalue()))


def run_subprocess(args: tuple[str, ...], env: dict[str, str | None], stdin: str | None,
                   cwd: Path) -> Run:
    """Run `python -m styrgraf.cli ARGS…` as a child process."""
    full_env = {k: v for k, v in os.environ.items() if k not in env}
    full_env.update({k: v for k, v in env.items() if v is not None})
    proc = subprocess.run([sys.executable, "-m", "styrgraf.cli", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, cwd=cwd,
                          timeout=300)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def _runner(session_cache: Path, how):
    def run(*args: str, cache: Path | None = None, stdin: str | None = None,
            cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
        return how(args, _environment(cache or session_cache, env), stdin, cwd or ROOT)

    return run


@pytest.fixture
def cli(session_cache):
    """Run `styrgraf ARGS…` in this process (typer's runner); exit code, stdout, stderr.

    Each test gets the shared session cache unless it passes its own `cache=`."""
    return _runner(session_cache, run_in_process)


@pytest.fixture
def cli_process(session_cache):
    """Like `cli`, but a real child process: for what only a process shows (signals,
    imports, the console script's own start-up)."""
    return _runner(session_cache, run_subprocess)


@pytest.fixture
def kb_copy(tmp_path):
    """Copy a fixture knowledge directory to a writable temp folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


@pytest.fixture(scope="session")
def opened(session_cache):
    """Open a knowledge folder once per session, in the one shared store cache."""
    from styrgraf.knowledge.store import open_knowledge

    seen: dict[Path, object] = {}

    def open_(directory: Path | None):
        key = Path(directory).resolve() if directory is not None else None
        if key not in seen:
            seen[key], _ = open_knowledge(key, cache_dir=session_cache)
        return seen[key]

    return open_


@pytest.fixture(scope="session")
def real_kb(opened):
    """The built-in knowledge base, opened once for the session."""
    return opened(None)
