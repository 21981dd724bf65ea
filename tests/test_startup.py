"""A command imports what it uses: the light ones never load the heavy libraries.

Each check runs a real `styrgraf` process (imports are per process) and lists the
heavy packages it loaded; speed itself is measured by benchmarks/bench_startup.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pyshacl", "rdflib", "sklearn", "scipy", "numpy", "networkx", "pyvis", "pydantic",
         "matplotlib", "openpyxl", "jinja2")
PROBE = """
import json, sys
from styrgraf.cli.app import main
heavy = json.loads(sys.argv[2])
sys.argv = ["styrgraf", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(heavy))), file=sys.stderr)
"""


def loaded(args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                          capture_output=True, text=True, env=env, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """One cache for the module, its store built once, as a strategist's first command does."""
    import os

    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    subprocess.run([sys.executable, "-m", "styrgraf.cli", "build"], env=env, check=True,
                   capture_output=True, timeout=120)
    return env


@pytest.mark.parametrize("args", [
    ["query", "units-by-activities"],
    ["query", "stale-assignments", "-p", "year", "2024", "-f", "json"],
    ["overview"],
    ["--version"],
    ["stats"],
])
def test_light_commands_load_no_heavy_library(args, env):
    assert loaded(args, env) == []


def test_validate_is_reused_while_the_knowledge_base_is_unchanged(env):
    first = subprocess.run([sys.executable, "-m", "styrgraf.cli", "validate", "-f", "json"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert "pyshacl" not in loaded(["validate"], env)  # the second run reads the cache
    second = subprocess.run([sys.executable, "-m", "styrgraf.cli", "validate", "-f", "json"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == second.returncode
    assert first.stdout == second.stdout and json.loads(first.stdout)


def test_the_chain_view_page_needs_no_numerical_library(env, tmp_path):
    used = loaded(["viz", "-o", str(tmp_path / "page.html")], env)
    assert (tmp_path / "page.html").stat().st_size > 10_000
    assert not {"numpy", "scipy", "sklearn", "matplotlib"} & set(used), used


def test_duplicates_are_reused_while_the_knowledge_base_is_unchanged(env):
    args = ["duplicates", "--across", "network", "-f", "json"]
    first = subprocess.run([sys.executable, "-m", "styrgraf.cli", *args],
                           capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0 and json.loads(first.stdout), first.stderr
    assert loaded(args, env) == []  # the second run reads the kept findings: no scikit-learn
    second = subprocess.run([sys.executable, "-m", "styrgraf.cli", *args],
                            capture_output=True, text=True, env=env, timeout=300)
    assert second.stdout == first.stdout


def test_version_answers_before_the_cli_is_imported():
    probe = ("import sys; from styrgraf.cli.entry import main; sys.argv = ['styrgraf', "
             "'--version']; main(); print(sorted(m for m in ('typer', 'rich', 'pyoxigraph') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("styrgraf ") and lines[1] == "[]", done.stdout + done.stderr
