"""Options shared by the commands: one --format (every renderer), --raw/--excel, one --lang."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from styrgraf.knowledge.errors import InputError

from .render import EXCEL, RAW, SPREADSHEET, OutputStyle, styled


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
RawOption = Annotated[bool, typer.Option(
    "--raw", help="csv and tsv: write every cell exactly as it is, for machines. By default a "
                  "cell starting with = + - @, tab or CR (not a plain number) gets a leading ' "
                  "so a spreadsheet shows it as text instead of running it as a formula.")]
ExcelOption = Annotated[bool, typer.Option(
    "--excel", help="With --format csv: a file Swedish Excel opens right by double-click "
                    "(UTF-8 with BOM, ; between cells, CRLF line ends, decimal comma, formulas "
                    "neutralised). Not with --raw.")]
LangOption = Annotated[Lang | None, typer.Option(
    "--lang", help="Language for people: sv (default) or en; default from the locale "
                   "(LANG=en… gives English).")]


def lang_of(lang: Lang | None) -> str:
    from styrgraf.queries.wording import check_lang

    return check_lang(lang.value if lang else None)


def output_style(fmt: Format | str, raw: bool, excel: bool) -> OutputStyle:
    """The style --raw/--excel ask for; a combination that cannot be is a usage error."""
    name = Format(fmt).value
    if raw and excel:
        raise InputError("--raw and --excel do not go together: --excel always neutralises "
                         "formulas")
    if excel and name != Format.csv:
        raise InputError(f"--excel needs --format csv, not {name}")
    return EXCEL if excel else RAW if raw else SPREADSHEET


Command = TypeVar("Command", bound=Callable[..., Any])


def tabular(command: Command) -> Command:
    """Give a command with `fmt: FormatOption` the --raw and --excel options.

    Declared once here, so every command that prints rows takes them; they reach
    `render.render` as the invocation's style, and no render call changes.
    """
    signature = inspect.signature(command, eval_str=True)
    if "fmt" not in signature.parameters:
        raise TypeError(f"{command.__name__} has no fmt parameter")
    added = [inspect.Parameter("raw", inspect.Parameter.KEYWORD_ONLY, default=False,
                               annotation=RawOption),
             inspect.Parameter("excel", inspect.Parameter.KEYWORD_ONLY, default=False,
                               annotation=ExcelOption)]

    @functools.wraps(command)
    def run(*args: Any, raw: bool = False, excel: bool = False, **kwargs: Any) -> Any:
        fmt = signature.bind_partial(*args, **kwargs).arguments.get(
            "fmt", signature.parameters["fmt"].default)
        with styled(output_style(fmt, raw, excel)):
            return command(*args, **kwargs)

    run.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *added])
    return run  # type: ignore[return-value]
