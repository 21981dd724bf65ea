"""docs/cli.md is the CLI's own --help: regenerate with scripts/gen_cli_docs.py."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date(generator):
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == generator.render(), "docs/cli.md is stale: run scripts/gen_cli_docs.py"


def test_every_command_has_examples(generator):
    from styrgraf.cli.app import COMMAND_NAMES

    for command in COMMAND_NAMES:
        text = generator.help_text(command)
        assert "Examples" in text and f"styrgraf {command}" in text.split("Examples", 1)[1], command
