"""Regenerate docs/cli.md from the CLI's own --help (the reference never drifts from the code).

Run:  .venv/bin/python scripts/gen_cli_docs.py
tests/test_cli_docs.py fails when docs/cli.md is out of date.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"


def help_text(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("STYRGRAF_DATA", None)
    out = subprocess.run([sys.executable, "-m", "styrgraf.cli", *args, "--help"],
                         capture_output=True, text=True, env=env, check=True).stdout
    return "\n".join(line.rstrip() for line in out.strip("\n").splitlines())


def render() -> str:
    parts = ["# styrgraf command reference", "",
             "Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand.", "",
             "```text", help_text(), "```", ""]
    from styrgraf.cli.app import COMMAND_NAMES

    for command in COMMAND_NAMES:
        parts += [f"## styrgraf {command}", "", "```text", help_text(command), "```", ""]
    return "\n".join(parts)


def main() -> None:
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
