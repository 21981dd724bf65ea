"""Options shared by the commands: one --format (every renderer), --raw/--excel, one --lang,
and the limits of the query commands (--timeout, --limit)."""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import os
from collections.abc import Callable, Iterator
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

#: seconds a query may run unless --timeout or $STYRGRAF_TIMEOUT says otherwise
DEFAULT_TIMEOUT = 60.0
TIMEOUT_ENV_VAR = "STYRGRAF_TIMEOUT"
#: rows a table or markdown answer shows unless --limit says otherwise
DEFAULT_LIMIT = 1000
#: megabytes the process may grow by during one query ($STYRGRAF_MAX_MEMORY, 0 = no limit);
#: at most half the machine's memory
DEFAULT_MAX_MEMORY_MB = 2048
MEMORY_ENV_VAR = "STYRGRAF_MAX_MEMORY"

TimeoutOption = Annotated[float, typer.Option(
    "--timeout", metavar="SECONDS", min=0, envvar=TIMEOUT_ENV_VAR, show_envvar=True,
    help="Stop the query after this many seconds (exit code 124); 0 = no limit.")]
LimitOption = Annotated[int, typer.Option(
    "--limit", metavar="N", min=0,
    help="table and markdown: show the first N rows (0 = all); csv, tsv, json and jsonl "
         "always carry every row.")]


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


def _people(fmt: Format | str) -> bool:
    return Format(fmt) in (Format.table, Format.markdown)


@contextlib.contextmanager
def query_limits(timeout: float, limit: int, fmt: Format | str,
                 query: str | None = None) -> Iterator[None]:
    """Run the command's queries under --timeout, the memory limit and Ctrl-C; a table or
    markdown answer reads at most `limit` + 1 rows of `query` (one more says there are more)."""
    from styrgraf.queries import engine

    rows = limit + 1 if limit and query is not None and _people(fmt) else None
    limits = engine.Limits(timeout=timeout or None, max_memory=memory_limit(),
                           max_rows=rows, rows_of=query)
    with engine.limited(limits):
        yield


def memory_limit() -> int | None:
    """Bytes a query may grow the process by: $STYRGRAF_MAX_MEMORY megabytes, else the default
    (at most half the machine's memory); None for 0."""
    raw = os.environ.get(MEMORY_ENV_VAR, "").strip()
    try:
        megabytes = float(raw) if raw else None
    except ValueError:
        megabytes = math.nan
    if megabytes is not None and not (math.isfinite(megabytes) and megabytes >= 0):
        raise InputError(f"{MEMORY_ENV_VAR} must be a number of megabytes (0 = no limit), "
                         f"not {raw!r}")
    if megabytes is None:
        megabytes = DEFAULT_MAX_MEMORY_MB
        with contextlib.suppress(AttributeError, ValueError, OSError):
            physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
            megabytes = min(megabytes, physical / 2**21)
    return int(megabytes * 2**20) or None


def cut_to_limit(rows, limit: int, fmt: Format | str) -> bool:
    """Keep the first `limit` rows of a table or markdown answer; True if some were left out."""
    if not limit or not _people(fmt) or len(rows.records) <= limit:
        return False
    del rows.records[limit:]
    return True


def limit_note(lang: str, limit: int) -> str:
    """What a cut answer says under the table."""
    from styrgraf.queries.wording import say

    return say(lang, "note.limit_one") if limit == 1 else say(lang, "note.limit", count=limit)
