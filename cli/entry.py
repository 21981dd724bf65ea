"""The console entry point: `styrgraf --version` answers before the CLI is imported.

Everything else goes to `cli.app.main` (typer, rich and the library load there).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"styrgraf {version('styrgraf')}")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            print("styrgraf unknown")
        return
    from .app import main as run

    run()
