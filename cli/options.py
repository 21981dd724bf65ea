"""Options shared by the commands: one --format (every renderer) and one --lang."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Format(StrEnum):
    """Every renderer of cli/render.py (a test keeps the two lists equal)."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Lang(StrEnum):
    sv = "sv"
    en = "en"


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="table or markdown for people; csv, tsv, json or jsonl for pipes "
                           "(every column, full IRIs).")]
LangOption = Annotated[Lang | None, typer.Option(
    "--lang", help="Language for people: sv (default) or en; default from the locale "
                   "(LANG=en… gives English).")]


def lang_of(lang: Lang | None) -> str:
    from styrgraf.queries.wording import check_lang

    return check_lang(lang.value if lang else None)
