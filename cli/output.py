"""Print results for people (rich tables, markdown) or pipes (csv, json).

Conventions (after sqlite-utils and csvkit): `table` shows labels, not IRIs;
a column `x` with a companion `xLabel` shows as one column `x` holding the
label. csv and json keep every column with full IRIs and raw values; json is a
list of objects keyed by the query's variable names.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from styrgraf.ontology.prefixes import STANDARD_PREFIXES, compact
from styrgraf.queries.engine import ResultTable

XSD = STANDARD_PREFIXES["xsd"]
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                     "positiveInteger", "negativeInteger", "nonPositiveInteger")}
_DECIMAL_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}

Labeler = Callable[[ox.NamedNode], str | None]

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, soft_wrap=True)


def error(message: str) -> None:
    """One line on stderr, no markup interpretation of the message."""
    stderr.print(f"[bold red]error:[/] {escape(message)}", highlight=False)


def note(message: str) -> None:
    stderr.print(escape(message), highlight=False, style="dim")


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def print_result(result: ResultTable, fmt: str, labeler: Labeler | None = None,
                 title: str | None = None) -> None:
    """Write a result table in `fmt` (table, csv, json, markdown) to stdout."""
    if fmt == "csv":
        write_csv(result.columns,
                  ([_raw(row.get(c)) for c in result.columns] for row in result.rows))
    elif fmt == "json":
        write_json([{c: _json_value(row.get(c)) for c in result.columns} for row in result.rows])
    else:
        columns, rows = people_view(result, labeler)
        if fmt == "markdown":
            write_markdown(columns, rows)
        else:
            write_table(columns, rows, title=title)


def people_view(result: ResultTable, labeler: Labeler | None) -> tuple[list[str], list[list[str]]]:
    """Columns and cell texts as people read them: labels, parameter echoes hidden."""
    names = set(result.columns)
    shown = [c for c in result.columns
             if c not in result.parameter_columns
             and not (c.endswith("Label") and c[: -len("Label")] in names)]
    rows = []
    for row in result.rows:
        cells = []
        for c in shown:
            label = row.get(c + "Label") if c + "Label" in names else None
            text = label.value if isinstance(label, ox.Literal) else _human(row.get(c), labeler)
            cells.append(text)
        rows.append(cells)
    return shown, rows


def write_table(columns: Sequence[str], rows: Iterable[Sequence[str]], title: str | None = None,
                caption: str | None = None) -> None:
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold",
                  title_justify="left", caption_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    n = 0
    for row in rows:
        table.add_row(*(escape(str(cell)) for cell in row))
        n += 1
    stdout.print(table)
    stdout.print(f"{n} row{'s' if n != 1 else ''}", style="dim", highlight=False)


def write_markdown(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    out = sys.stdout
    out.write("| " + " | ".join(_md(c) for c in columns) + " |\n")
    out.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        out.write("| " + " | ".join(_md(str(cell)) for cell in row) + " |\n")


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


def write_json(records: list[dict]) -> None:
    json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _human(term: object, labeler: Labeler | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        label = labeler(term) if labeler else None
        return label or compact(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _raw(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _json_value(term: object) -> object:
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt in _DECIMAL_TYPES:
                value = Decimal(term.value)
                return int(value) if value == value.to_integral_value() and dt == XSD + "decimal" \
                    else float(value)
            if dt == XSD + "boolean":
                return term.value in ("true", "1")
        except (ValueError, ArithmeticError):
            return term.value
        return term.value
    return _raw(term)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
