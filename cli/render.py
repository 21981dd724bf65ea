"""One output path: every command that prints rows prints them through `render`.

Renderers are registered by name (after datasette's output renderers), so a
new format is one function here and every tabular command takes it.
Machine formats (csv, tsv, json, jsonl) carry every column with full IRIs
and plain values; people's formats (table, markdown) show labels, headers in
the chosen language, repeated group values once and long texts shortened,
and never pass a control character (terminal escape) through unseen.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable
from typing import Any, TextIO

from styrgraf.queries.rows import IRI, Rows
from styrgraf.queries.wording import noun

#: Longest cell text a table shows; csv and json keep the full text.
TABLE_CELL_MAX = 160
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Renderer = Callable[[Rows, TextIO, str], None]
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


def render(rows: Rows, fmt: str, lang: str = "sv", out: TextIO | None = None) -> None:
    """Write `rows` in format `fmt` to `out` (default: standard output)."""
    RENDERERS[fmt](rows, out or sys.stdout, lang)


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
def _table(rows: Rows, out: TextIO, lang: str) -> None:
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
def _markdown(rows: Rows, out: TextIO, lang: str) -> None:
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


def _delimited(rows: Rows, out: TextIO, delimiter: str) -> None:
    # RFC 4180 line ends: fields holding CR or LF are quoted, so a record never splits.
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(rows.columns)
    for record in rows.records:
        writer.writerow([_machine(record.get(c)) for c in rows.columns])


@renderer("csv")
def _csv(rows: Rows, out: TextIO, lang: str) -> None:
    _delimited(rows, out, ",")


@renderer("tsv")
def _tsv(rows: Rows, out: TextIO, lang: str) -> None:
    _delimited(rows, out, "\t")


@renderer("json")
def _json(rows: Rows, out: TextIO, lang: str) -> None:
    json.dump(rows.dicts(), out, ensure_ascii=False, indent=2)
    out.write("\n")


@renderer("jsonl")
def _jsonl(rows: Rows, out: TextIO, lang: str) -> None:
    for record in rows.dicts():
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
