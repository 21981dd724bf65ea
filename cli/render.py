"""One output path: every command that prints rows prints them through `render`.

Renderers are registered by name (after datasette's output renderers), so a
new format is one function here and every tabular command takes it.
Machine formats (csv, tsv, json, jsonl) carry every column with full IRIs
and plain values; people's formats (table, markdown) show labels, headers in
the chosen language, repeated group values once and long texts shortened,
and never pass a control character (terminal escape) through unseen.

csv and tsv are opened in spreadsheets, so by default a cell that would run as
a formula gets a leading `'` (queries/cells.py); `OutputStyle` says otherwise
(raw cells for machines, or the Excel dialect). A command's --raw/--excel
reach `render` through `styled` (cli/options.py `tabular`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, Any, TextIO

from styrgraf.queries.cells import decimal_comma, neutralise
from styrgraf.queries.rows import IRI, Rows
from styrgraf.queries.wording import noun

#: Longest cell text a table shows; csv and json keep the full text.
TABLE_CELL_MAX = 160
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")



@dataclass(frozen=True)
class OutputStyle:
    """How csv and tsv write cells: neutralised for spreadsheets (default), raw, or Excel's."""

    #: a cell that would run as a formula gets a leading ' (off with --raw)
    neutralise: bool = True
    #: csv as Swedish Excel opens it by double-click: BOM, `;`, CRLF, decimal comma
    excel: bool = False


#: the default: formulas neutralised, commas, the platform's UTF-8
SPREADSHEET = OutputStyle()
RAW = OutputStyle(neutralise=False)
EXCEL = OutputStyle(neutralise=True, excel=True)
#: the style of this invocation (set by a command's --raw/--excel through `styled`)
_STYLE: ContextVar[OutputStyle] = ContextVar("output_style", default=SPREADSHEET)
#: UTF-8's byte order mark: Excel reads a csv file as UTF-8 only when it starts with one
BOM = "\ufeff"

Renderer = Callable[[Rows, TextIO, str, OutputStyle], None]
RENDERERS: dict[str, Renderer] = {}
#: the formats meant for people (labels, headers, shortened texts)
PEOPLE_FORMATS = ("table", "markdown")


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        RENDERERS[name] = func
        return func
    return register


def formats() -> tuple[str, ...]:
    return tuple(RENDERERS)


def render(rows: Rows, fmt: str, lang: str = "sv", out: IO | None = None,
           style: OutputStyle | None = None) -> None:
    """Write `rows` in format `fmt` to `out` (default: standard output).

    `out` may be a text or a binary file (bytes are UTF-8); `style` defaults to
    the invocation's (`styled`), which is neutralised csv unless a command says otherwise.
    """
    style = style or _STYLE.get()
    target = out if out is not None else sys.stdout
    if not _is_binary(target):
        RENDERERS[fmt](rows, target, lang, style)
        return
    text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
    try:
        RENDERERS[fmt](rows, text, lang, style)
        text.flush()
    finally:
        text.detach()


@contextlib.contextmanager
def styled(style: OutputStyle) -> Iterator[None]:
    """Render with `style` inside the block (one command's --raw/--excel)."""
    token = _STYLE.set(style)
    try:
        yield
    finally:
        _STYLE.reset(token)


def _is_binary(out: IO) -> bool:
    return isinstance(out, io.BufferedIOBase | io.RawIOBase)


def visible(text: str) -> str:
    """Control characters (ESC, CR, BEL …) as visible escapes, so no text can drive a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _machine(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, IRI):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _person(value: Any, limit: int | None = TABLE_CELL_MAX) -> str:
    if value is None:
        return ""
    if isinstance(value, IRI):
        text = value.human()
    elif isinstance(value, bool):
        text = "ja" if value else "nej"
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    text = visible(" ".join(text.split()) if "\n" in text else text)
    if limit and len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"
    return text


def people_cells(rows: Rows, limit: int | None = TABLE_CELL_MAX) -> tuple[list[str],
                                                                         list[list[str]]]:
    """Headers and cell texts as people read them, group values shown once."""
    shown = rows.shown()
    headers = [visible(rows.header(c)) for c in shown]
    cells: list[list[str]] = []
    previous: dict[str, str] = {}
    for record in rows.records:
        line = []
        for c in shown:
            text = _person(record.get(c), limit)
            if c in rows.group:
                if previous.get(c) == text:
                    text = ""
                else:
                    previous[c] = text
            line.append(text)
        cells.append(line)
    return headers, cells


@renderer("table")
def _table(rows: Rows, out: TextIO, lang: str, style: OutputStyle) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, emoji=False, markup=False, highlight=False, soft_wrap=False)
    headers, cells = people_cells(rows)
    width = console.width
    longest = [max([_longest_word(h)] + [_longest_word(row[i]) for row in cells])
               for i, h in enumerate(headers)]
    if headers and sum(min(w, 30) for w in longest) + 3 * len(headers) + 1 > width:
        _records(console, rows, headers, cells)
    else:
        table = Table(title=rows.title, title_justify="left", header_style="bold")
        for header, w in zip(headers, longest, strict=True):
            table.add_column(header, overflow="fold", min_width=min(w, 30))
        for row in cells:
            table.add_row(*row)
        console.print(table)
    n = len(rows.records)
    console.print(f"{n} {noun(lang, 'row', n)}", style="dim")


def _records(console, rows: Rows, headers: list[str], cells: list[list[str]]) -> None:
    """Too wide for the terminal: one block per row, 'header: value' per line."""
    if rows.title:
        console.print(rows.title, style="bold")
    pad = max(len(h) for h in headers)
    for row in cells:
        console.print("─" * min(console.width, 40), style="dim")
        for header, text in zip(headers, row, strict=True):
            if text:
                console.print(f"{header.ljust(pad)}  {text}")


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


@renderer("markdown")
def _markdown(rows: Rows, out: TextIO, lang: str, style: OutputStyle) -> None:
    headers, cells = people_cells(rows)
    if rows.title:
        out.write(f"**{_md(rows.title)}**\n\n")
    out.write("| " + " | ".join(_md(h) for h in headers) + " |\n")
    out.write("|" + "---|" * len(headers) + "\n")
    for row in cells:
        out.write("| " + " | ".join(_md(c) for c in row) + " |\n")


def _md(text: str) -> str:
    """A markdown table cell: no line breaks, no HTML, no cell breaks, no escapes lost."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return " ".join(text.splitlines())


def _delimited(rows: Rows, out: TextIO, delimiter: str, style: OutputStyle) -> None:
    # RFC 4180 line ends: fields holding CR or LF are quoted, so a record never splits.
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_spreadsheet(c, style) for c in rows.columns])
    for record in rows.records:
        writer.writerow([_spreadsheet(_machine(record.get(c)), style) for c in rows.columns])


def _spreadsheet(value: Any, style: OutputStyle) -> Any:
    """A machine cell as the style wants it: formulas neutralised, Excel's decimal comma."""
    if style.excel:
        value = decimal_comma(value)
    return neutralise(value) if style.neutralise or style.excel else value


@renderer("csv")
def _csv(rows: Rows, out: TextIO, lang: str, style: OutputStyle) -> None:
    if not style.excel:
        _delimited(rows, out, ",", style)
        return
    text = io.StringIO(newline="")
    text.write(BOM)
    _delimited(rows, text, ";", style)
    _write_exact(out, text.getvalue())


def _write_exact(out: TextIO, text: str) -> None:
    """Write `text` as UTF-8 bytes, untranslated, where `out` has bytes underneath."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


@renderer("tsv")
def _tsv(rows: Rows, out: TextIO, lang: str, style: OutputStyle) -> None:
    _delimited(rows, out, "\t", style)


@renderer("json")
def _json(rows: Rows, out: TextIO, lang: str, style: OutputStyle) -> None:
    json.dump(rows.dicts(), out, ensure_ascii=False, indent=2)
    out.write("\n")


@renderer("jsonl")
def _jsonl(rows: Rows, out: TextIO, lang: str, style: OutputStyle) -> None:
    for record in rows.dicts():
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
