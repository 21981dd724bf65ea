"""Read a filled-in workbook (.xlsx, or a folder of CSV files, one per sheet) into rows.

Only the shape is checked here: known sheets and columns, no merged cells,
no formulas, no repeated headers. What the values mean is `convert`'s job.
Every error names the file, the sheet and the cell, in one line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.labels import fold_name
from styrgraf.knowledge.sources import display_path

from .schema import INSTRUCTIONS_EN, INSTRUCTIONS_SV, LISTS_SHEET, SHEETS, Column, Sheet

#: A row whose first cell starts with this is a comment (the template's example rows).
COMMENT = "#"
#: Formulas that are only a truth value (LibreOffice writes a typed TRUE as =TRUE()).
_BOOLEAN_FORMULAS = {"=TRUE()": True, "=FALSE()": False}
#: CSV encodings tried in order: UTF-8 (with or without BOM), then Swedish Excel's.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")


class WorkbookError(InputError):
    """A problem at a place in the workbook: `file: Sheet!C12: what is wrong`."""


@dataclass(frozen=True)
class Cell:
    value: object
    ref: str  # "C12", or "rad 12, kolumn C" style for CSV is the same A1 reference


@dataclass
class Row:
    sheet: Sheet
    number: int  # the spreadsheet row number (1 is the header)
    cells: dict[str, Cell] = field(default_factory=dict)
    origin: Path | None = None  # the CSV file the row came from (None: the workbook itself)

    def get(self, key: str) -> Cell | None:
        return self.cells.get(key)


@dataclass
class Workbook:
    """The rows of every known sheet, and where they came from (for messages)."""

    path: Path
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def where(self, sheet: Sheet, ref: str, origin: Path | None = None) -> str:
        return f"{display_path(origin or self.path)}: {sheet.sv}!{ref}"

    def error(self, sheet: Sheet, ref: str, message: str,
              origin: Path | None = None) -> WorkbookError:
        return WorkbookError(f"{self.where(sheet, ref, origin)}: {message}")

    def all_rows(self):
        for sheet in SHEETS:
            yield from self.rows.get(sheet.key, [])


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_named(name: str) -> Sheet | None:
    wanted = fold_name(name)
    for sheet in SHEETS:
        if wanted in (fold_name(sheet.sv), fold_name(sheet.en), fold_name(sheet.key)):
            return sheet
    return None


def _is_instructions(name: str) -> bool:
    return fold_name(name) in (fold_name(INSTRUCTIONS_SV), fold_name(INSTRUCTIONS_EN),
                               fold_name(LISTS_SHEET))


def _column_named(sheet: Sheet, header: str) -> Column | None:
    wanted = fold_name(header)
    for column in sheet.columns:
        if wanted in (fold_name(column.header), fold_name(column.sv), fold_name(column.en),
                      fold_name(column.key)):
            return column
    return None


def read(path: Path) -> Workbook:
    """Read an .xlsx file or a folder of .csv files."""
    if path.is_dir():
        return _read_csv_folder(path)
    if not path.exists():
        raise InputError(f"workbook not found: {display_path(path)}")
    if path.suffix.lower() == ".csv":
        return _read_csv_files(path, [path])
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{display_path(path)}: not a workbook (give an .xlsx file or a "
                         "folder of .csv files, one per sheet)")
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> Workbook:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InputError(f"{display_path(path)}: cannot read the workbook ({e})") from e
    result = Workbook(path)
    for ws in book.worksheets:
        if _is_instructions(ws.title):
            continue
        sheet = _sheet_named(ws.title)
        if sheet is None:
            known = ", ".join(s.sv for s in SHEETS)
            raise InputError(f"{display_path(path)}: unknown sheet '{ws.title}' "
                             f"(known: {known})")
        if ws.merged_cells.ranges:
            merged = sorted(str(r) for r in ws.merged_cells.ranges)[0]
            raise result.error(sheet, merged, "merged cells: unmerge them, one value per cell")
        grid = []
        for cells in ws.iter_rows():
            line = []
            for c in cells:
                if c.data_type == "f":
                    if str(c.value).upper() in _BOOLEAN_FORMULAS:  # how LibreOffice saves TRUE
                        line.append(_BOOLEAN_FORMULAS[str(c.value).upper()])
                        continue
                    raise result.error(sheet, c.coordinate, "a formula: type the value itself")
                line.append(c.value)
            grid.append(line)
        result.rows[sheet.key] = _rows(result, sheet, grid)
    return result


def _read_csv_folder(folder: Path) -> Workbook:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise InputError(f"no .csv files in {display_path(folder)}")
    return _read_csv_files(folder, files)


def _read_csv_files(origin: Path, files: list[Path]) -> Workbook:
    result = Workbook(origin)
    for file in files:
        sheet = _sheet_named(file.stem)
        if sheet is None:
            if _is_instructions(file.stem):
                continue
            known = ", ".join(f"{s.sv}.csv" for s in SHEETS)
            raise InputError(f"{display_path(file)}: unknown sheet '{file.stem}' "
                             f"(name the file after a sheet: {known})")
        if sheet.key in result.rows:
            raise InputError(f"{display_path(file)}: a second file for the sheet {sheet.sv}")
        rows = _rows(Workbook(file), sheet, _csv_grid(file))
        for row in rows:
            row.origin = file
        result.rows[sheet.key] = rows
    return result


def _csv_grid(file: Path) -> list[list[object]]:
    data = file.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise InputError(f"{display_path(file)}: neither UTF-8 nor Windows-1252 text")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as e:
        raise InputError(f"{display_path(file)}: not valid CSV ({e})") from e


def _rows(book: Workbook, sheet: Sheet, grid: list[list[object]]) -> list[Row]:
    """Match the header row to the sheet's columns and collect the non-empty rows."""
    if not grid:
        return []
    columns: dict[int, Column] = {}
    for i, header in enumerate(grid[0], 1):
        text = "" if header is None else str(header).strip()
        if not text:
            continue
        column = _column_named(sheet, text)
        ref = f"{column_letter(i)}1"
        if column is None:
            known = ", ".join(c.sv for c in sheet.columns)
            raise book.error(sheet, ref, f"unknown column '{text}' (known: {known})")
        if column in columns.values():
            raise book.error(sheet, ref, f"column '{column.sv}' appears twice")
        columns[i] = column
    rows = []
    for number, line in enumerate(grid[1:], 2):
        row = Row(sheet, number)
        for i, value in enumerate(line, 1):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if i not in columns:
                raise book.error(sheet, f"{column_letter(i)}{number}",
                                 "a value in a column without a header")
            row.cells[columns[i].key] = Cell(value, f"{column_letter(i)}{number}")
        if not row.cells:
            continue
        first = line[0] if line else None
        if isinstance(first, str) and first.strip().startswith(COMMENT):
            continue
        rows.append(row)
    return rows
