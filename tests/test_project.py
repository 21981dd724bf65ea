"""Project hygiene: the README's two commands, CI, packaging."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

from conftest import ROOT


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_has_exactly_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "styrgraf" in commands[0] and "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()


def test_wheel_ships_data_files(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("styrgraf-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("styrgraf/ontology/styrgraf.ttl", "styrgraf/ontology/shapes.ttl",
                     "styrgraf/queries/rq/class-counts.rq", "styrgraf/cli/app.py"):
        assert expected in names
    data_files = {n for n in names if n.startswith("styrgraf/knowledge/data/")}
    sources = (ROOT / "knowledge" / "data").glob("*.ttl")
    shipped = {f"styrgraf/knowledge/data/{p.name}" for p in sources}
    assert shipped and shipped <= data_files
    assert not any("drafts" in n or n.startswith("tests/") for n in names)
