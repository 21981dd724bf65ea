"""docs/cli.md is the CLI's own --help: regenerate with scripts/gen_cli_docs.py."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def reference() -> str:
    """The reference as the generator writes it now (every command's --help, run once)."""
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render()


def test_cli_reference_is_up_to_date(reference):
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == reference, "docs/cli.md is stale: run scripts/gen_cli_docs.py"


def test_every_command_has_examples(reference):
    from styrgraf.cli.app import COMMAND_NAMES

    for command in COMMAND_NAMES:
        section = reference.split(f"## styrgraf {command}\n", 1)[1].split("\n## styrgraf ", 1)[0]
        assert "Examples" in section, command
        assert f"styrgraf {command}" in section.split("Examples", 1)[1], command
