"""Check that the workbook survives a real office suite: LibreOffice headless, .xlsx → .ods → .xlsx.

Run:  .venv/bin/python scripts/check_workbook_libreoffice.py [--keep DIR] [--timeout 180]

Needs LibreOffice (on Debian: `apt-get install libreoffice-calc-nogui`); CI
has none, so this is a script rather than a test. It writes three workbooks
into a temporary folder: the empty template, the export of the built-in
document 003-verksamhetsplan-snn-2024, and a workbook of awkward values
(dates, year-months kept as text, numbers as text, line breaks, text that
starts with + - ' @ #, long text, non-Latin characters). LibreOffice converts
each to .ods and the .ods back to .xlsx, with a private user profile so it
cannot collide with a running LibreOffice. Then it checks that

  * every sheet survives, in order, with the dropdown sheet "Listor" still
    hidden (in the .ods and in the .xlsx) and its lists unchanged;
  * every dropdown (a list validation) survives on its column — the concept
    columns, Typ and Bedömning — with the same source range and strictness,
    starting on row 2 and covering the rows in use;
  * the header cells and every other cell keep their value and kind (text
    stays text, a date stays a date, a number a number);
  * the round-tripped awkward workbook converts to the same statements, and the
    round-tripped 003 imports into a fresh workspace and gives exactly the
    document graph of the built-in knowledge base.

Exit 0 with a short report when all hold, 1 listing what failed, 2 when
LibreOffice is missing. Notes (not failures) say what LibreOffice changes
that the workbook does not depend on: a dropdown's range shortened to the rows
in use + 1000, a date's number format, and what happens to a few values it is
known to change: a tab in a text (the export writes one if a text holds it;
no built-in text does), a 16-digit number and a TRUE cell (no column's kind).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

DOCUMENT = "003-verksamhetsplan-snn-2024"
ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODS_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#: Text that must never become a formula, a number or a date; on the instructions
#: sheet, which the import ignores (the import refuses a value starting with '=').
FORMULA_LIKE = ("=1+1", "=SUMMA(A1:A3)", "+46 31 365 00 00", "-5", "@namn", "TRUE", "SANT")
#: Values LibreOffice is known to change in an .xlsx it saves; a note says what it did to
#: each (they go on the instructions sheet too). The import accepts a tab in a text;
#: booleans and 16-digit numbers are no column's kind, so the export never writes them.
PROBES = (("tab\tinne", "a tab in a text cell"),
          (2 / 3, "a number with 16 significant digits"),
          (True, "a TRUE/FALSE cell"))
PROBE_COLUMN = 5
#: Awkward texts that the import accepts, one activity description each.
AWKWARD_TEXTS = (
    "+46 31 365 00 00", "-5 %", "-", "'citat' med apostrof", "0012", "2024-04-23", "1/2",
    "1e5", "50%", "TRUE", "#inte en kommentar", "@namn", "rad ett\nrad två",
    "windowsrad\r\nslut", "ÅÄÖ åäö – — “citat” ’ … €", "emoji 🙂 och 𝄞", "<b>&amp;</b>",
    "hårt\u00a0blanksteg", "lång " + "text " * 2000,
)


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str, problem: str) -> bool:
        (self.passed if ok else self.failures).append(what if ok else problem)
        return ok


# ---- the workbooks --------------------------------------------------------------------------

def awkward_rows() -> dict[str, list[dict]]:
    """A small document whose cells hold the values a spreadsheet likes to reinterpret."""
    doc = "doc:lo-kontroll"
    rows: dict[str, list[dict]] = {
        "documents": [{"id": doc, "type": "SourceDocument", "label": "Kontroll: LibreOffice",
                       "file": "lo-kontroll", "title": "Värden som ska överleva",
                       "kind": "bilaga", "publisher": "Socialnämnden Centrum",
                       "period_start": dt.date(2026, 1, 1), "period_end": dt.date(2026, 12, 31),
                       "accepted": "2026-02", "issued": "2025-12"}],
        "sections": [{"id": f"sec:lo-kontroll-{i}", "label": f"{n} Avsnitt", "number": n,
                      "section_of": doc, "page": i}
                     for i, n in enumerate(("1", "1.10", "2.0", "010"), 1)],
        "indicators": [{"id": "ind:lo-kontroll", "label": "Andel unga i arbete",
                        "sections": "sec:lo-kontroll-1"}],
        # a figure needs an id: the import mints none from indicator and period
        "figures": [{"id": f"fig:lo-kontroll-{i}", "indicator": "ind:lo-kontroll",
                     "period": period, "value": value, "unit": "procent",
                     "value_kind": "utfall", "sections": "sec:lo-kontroll-1"}
                    for i, (period, value) in enumerate((("2025", 42.5), ("2025-01", 0.1),
                                                         ("2024", 1234.5678), ("2023", 7),
                                                         ("2022", "12,5")), 1)],
        "activities": [{"label": f"Aktivitet {i}: {text[:40]}", "description": text,
                        "network": "actor:natverk-barn-och-unga", "responsible": "AC SVF; EC fält",
                        "priority": "Prio 1 – Viktigt att genomföra", "start": 2026, "end": 2027,
                        "timeline": "2026-02", "sections": "sec:lo-kontroll-2"}
                       for i, text in enumerate(AWKWARD_TEXTS, 1)],
    }
    return rows


def write_workbooks(folder: Path, kb) -> dict[str, Path]:
    from openpyxl import load_workbook

    from styrgraf.workbook import export_document, write_template
    from styrgraf.workbook.vocab import vocabulary
    from styrgraf.workbook.xlsx import write_workbook

    paths = {"template": folder / "mall.xlsx", DOCUMENT: folder / f"{DOCUMENT}.xlsx",
             "awkward": folder / "lo-kontroll.xlsx"}
    write_template(paths["template"])
    export_document(kb, DOCUMENT, paths[DOCUMENT])
    write_workbook(paths["awkward"], vocabulary(), awkward_rows())
    book = load_workbook(paths["awkward"])
    ws = book.worksheets[0]
    for i, text in enumerate(FORMULA_LIKE, 1):
        cell = ws.cell(i, 3, text)
        cell.data_type = "s"
    for i, (value, _) in enumerate(PROBES, 1):
        ws.cell(i, PROBE_COLUMN, value)
    book.save(paths["awkward"])
    return paths


# ---- LibreOffice ----------------------------------------------------------------------------

def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(soffice: str, files: list[Path], target: str, outdir: Path, profile: Path,
            timeout: float) -> str | None:
    """Convert `files` to `target` (ods or xlsx) into `outdir`; an error message or None."""
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", str(outdir),
               *map(str, files)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
    except subprocess.TimeoutExpired:
        return f"soffice --convert-to {target} did not finish within {timeout:.0f} s"
    missing = [f.name for f in files if not (outdir / f"{f.stem}.{target}").exists()]
    if done.returncode or missing:
        return (f"soffice --convert-to {target} failed (exit {done.returncode}, missing: "
                f"{', '.join(missing) or '-'}): {(done.stderr or done.stdout).strip()[:300]}")
    return None


# ---- checks on one workbook -----------------------------------------------------------------

def check_ods(name: str, ods: Path, original, out: Outcome) -> None:
    """Sheet names, their order and the hidden list sheet in the .ods itself."""
    from styrgraf.workbook.schema import LISTS_SHEET

    with zipfile.ZipFile(ods) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    hidden_styles = {
        style.get(f"{{{ODS_STYLE}}}name") for style in root.iter(f"{{{ODS_STYLE}}}style")
        for props in style.iter(f"{{{ODS_STYLE}}}table-properties")
        if props.get(f"{{{ODS_TABLE}}}display") == "false"}
    tables = [(t.get(f"{{{ODS_TABLE}}}name"), t.get(f"{{{ODS_TABLE}}}style-name") in hidden_styles)
              for t in root.iter(f"{{{ODS_TABLE}}}table")]
    names = [ws.title for ws in original.worksheets]
    out.check([t for t, _ in tables] == names, f"{name}.ods: all {len(names)} sheets, in order",
              f"{name}.ods: sheets {[t for t, _ in tables]} instead of {names}")
    hidden = [t for t, is_hidden in tables if is_hidden]
    out.check(hidden == [LISTS_SHEET], f"{name}.ods: only '{LISTS_SHEET}' hidden",
              f"{name}.ods: hidden sheets {hidden} instead of ['{LISTS_SHEET}']")
    # LibreOffice shares one definition between equal validations, so compare the sources
    conditions = {v.get(f"{{{ODS_TABLE}}}condition", "")
                  for v in root.iter(f"{{{ODS_TABLE}}}content-validation")}
    found = {c.split("([", 1)[-1].rstrip("])").replace(".", "").replace("$", "")
             for c in conditions if "cell-content-is-in-list" in c}
    wanted = {dv.formula1.lstrip("=").replace("!", "").replace("$", "")
              for ws in original.worksheets for dv in ws.data_validations.dataValidation
              if dv.type == "list"}
    out.check(found == wanted, f"{name}.ods: all {len(wanted)} dropdown sources",
              f"{name}.ods: dropdown sources {sorted(found)} instead of {sorted(wanted)}")


def check_sheets(name: str, original, back, out: Outcome) -> None:
    from styrgraf.workbook.schema import LISTS_SHEET

    before = [(ws.title, ws.sheet_state) for ws in original.worksheets]
    after = [(ws.title, ws.sheet_state) for ws in back.worksheets]
    wrong = [f"{b[0]} ({b[1]}) → {a[0]} ({a[1]})" for b, a in zip(before, after, strict=False)
             if a != b]
    if len(before) != len(after):
        wrong.append(f"{len(after)} sheets instead of {len(before)}")
    out.check(not wrong, f"{name}: {len(before)} sheets, in order, '{LISTS_SHEET}' hidden",
              f"{name}: sheets changed: {'; '.join(wrong)}")


def _dropdowns(ws) -> dict[str, tuple]:
    """Column letter → (formula, strict, blank allowed, first row, last row) of list validations."""
    from openpyxl.utils import get_column_letter

    found = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        formula = (dv.formula1 or "").lstrip("=")  # LibreOffice writes it without the '='
        for cells in dv.sqref.ranges:
            for col in range(cells.min_col, cells.max_col + 1):
                found[get_column_letter(col)] = (formula, bool(dv.showErrorMessage),
                                                 bool(dv.allow_blank), cells.min_row,
                                                 cells.max_row)
    return found


def check_dropdowns(name: str, original, back, out: Outcome) -> None:
    """Every list validation on its column, from the schema and from the original file."""
    from openpyxl.utils import get_column_letter

    from styrgraf.workbook.schema import SHEETS

    missing, changed, short, uncovered, total = [], [], [], [], 0
    shortest = None
    for sheet in SHEETS:
        if sheet.sv not in back.sheetnames:
            continue  # reported by check_sheets
        ws_before, ws_after = original[sheet.sv], back[sheet.sv]
        before, after = _dropdowns(ws_before), _dropdowns(ws_after)
        expected = {get_column_letter(i) for i, c in enumerate(sheet.columns, 1)
                    if c.kind == "concept" or c.key == "judgement"
                    or (c.key == "type" and sheet.classes)}
        for letter in sorted(expected - set(before)):
            missing.append(f"{sheet.sv}!{letter} (already in the file styrgraf wrote)")
        used = ws_before.max_row
        for letter, (formula, strict, blank, first, last) in sorted(before.items()):
            total += 1
            where = f"{sheet.sv}!{letter}"
            if letter not in after:
                missing.append(where)
                continue
            formula2, strict2, blank2, first2, last2 = after[letter]
            if (formula2, strict2, blank2, first2) != (formula, strict, blank, first):
                changed.append(f"{where}: {after[letter][:4]} instead of {before[letter][:4]}")
            if last2 < used:
                uncovered.append(f"{where}: rows {first2}–{last2}, data up to row {used}")
            elif last2 < last:
                short.append(where)
                shortest = min(shortest or last2, last2)
    out.check(not missing, f"{name}: {total} dropdowns, each on its column",
              f"{name}: dropdowns missing on {', '.join(missing)}")
    out.check(not changed, f"{name}: dropdown sources, strictness and first row unchanged",
              f"{name}: dropdowns changed: {'; '.join(changed)}")
    out.check(not uncovered, f"{name}: dropdowns cover every row in use",
              f"{name}: dropdowns no longer cover the data: {'; '.join(uncovered)}")
    if short:
        out.notes.append(f"{name}: LibreOffice shortened {len(short)} dropdown ranges from "
                         f"row 10000 to the rows in use + 1000 (shortest ends on row "
                         f"{shortest}); rows below that have no dropdown after saving in "
                         "LibreOffice as .xlsx (the .ods keeps the full range)")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "date"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def check_cells(name: str, original, back, out: Outcome, skip: frozenset = frozenset()) -> None:
    """Headers and every cell but `skip` ((sheet, ref)): same value and kind, no formula."""
    from styrgraf.workbook.schema import SHEETS

    headers_bad = []
    for sheet in SHEETS:
        if sheet.sv not in back.sheetnames:
            continue
        got = [c.value for c in back[sheet.sv][1]][:len(sheet.columns)]
        want = [c.header for c in sheet.columns]
        if got != want:
            wrong = [f"{w!r}→{g!r}" for w, g in zip(want, got + [None] * len(want),
                                                      strict=False) if w != g]
            headers_bad.append(f"{sheet.sv}: {', '.join(wrong[:3])}")
    out.check(not headers_bad, f"{name}: header cells of every sheet",
              f"{name}: headers changed: {'; '.join(headers_bad)}")
    differences, formats, count = [], 0, 0
    for ws in original.worksheets:
        if ws.title not in back.sheetnames:
            continue
        other = back[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or (ws.title, cell.coordinate) in skip:
                    continue
                count += 1
                after = other[cell.coordinate]
                if after.data_type == "f" and cell.data_type != "f":
                    differences.append(f"{ws.title}!{cell.coordinate} became a formula "
                                       f"{str(after.value)[:40]!r}")
                elif after.value != cell.value or _kind(after.value) != _kind(cell.value):
                    differences.append(f"{ws.title}!{cell.coordinate} {_shown(cell.value)} → "
                                       f"{_shown(after.value)}")
                elif _kind(cell.value) == "date" and after.number_format != cell.number_format:
                    formats += 1
        extra = [c.coordinate for r in other.iter_rows() for c in r
                 if c.value is not None and ws[c.coordinate].value is None]
        differences += [f"{ws.title}!{ref} appeared" for ref in extra[:5]]
    out.check(not differences, f"{name}: {count} cells keep their value and kind",
              f"{name}: {len(differences)} cells changed: {'; '.join(differences[:8])}")
    if formats:
        out.notes.append(f"{name}: LibreOffice rewrote the number format of {formats} date "
                         "cells (yyyy-mm-dd → yyyy\\-mm\\-dd); they still read as dates")


def probe_cells(original) -> frozenset:
    ws = original.worksheets[0]
    return frozenset((ws.title, ws.cell(i, PROBE_COLUMN).coordinate)
                     for i in range(1, len(PROBES) + 1))


def check_probes(name: str, original, back, out: Outcome) -> None:
    """What LibreOffice did to the values it is known to change: notes, not failures."""
    ws, other = original.worksheets[0], back.worksheets[0]
    for i, (_, what) in enumerate(PROBES, 1):
        before, after = ws.cell(i, PROBE_COLUMN), other.cell(i, PROBE_COLUMN)
        if after.data_type == "f":
            out.notes.append(f"{name}: {what} {_shown(before.value)} came back as the formula "
                             f"{_shown(after.value)} (the import refuses formula cells)")
        elif after.value != before.value or _kind(after.value) != _kind(before.value):
            out.notes.append(f"{name}: {what} {_shown(before.value)} came back as "
                             f"{_shown(after.value)}")
        else:
            out.notes.append(f"{name}: {what} {_shown(before.value)} survived")


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 50 else text[:47] + "…"


# ---- checks on what the import makes of it --------------------------------------------------

def check_statements(name: str, original: Path, back: Path, kb, out: Outcome) -> None:
    """Both files convert to the same statements (against the built-in knowledge base)."""
    from styrgraf.knowledge.errors import InputError
    from styrgraf.knowledge.labels import NameIndex
    from styrgraf.workbook.convert import convert as convert_rows
    from styrgraf.workbook.read import read
    from styrgraf.workbook.vocab import vocabulary

    index, vocab = NameIndex.read(kb.store), vocabulary()
    try:
        want = set(convert_rows(read(original), index, vocab).statements)
    except InputError as e:
        out.failures.append(f"{name}: the workbook styrgraf wrote does not convert: {e}")
        return
    try:
        got = set(convert_rows(read(back), index, vocab).statements)
    except InputError as e:
        out.failures.append(f"{name}: the round-tripped workbook does not convert: {e}")
        return
    out.check(got == want, f"{name}: converts to the same {len(want)} statements",
              f"{name}: round trip changes the statements: {_difference(want, got)}")


def _difference(want: set, got: set) -> str:
    lost = sorted(str(t) for t in want - got)[:3]
    new = sorted(str(t) for t in got - want)[:3]
    return (f"{len(want - got)} lost {[t[:160] for t in lost]}, "
            f"{len(got - want)} new {[t[:160] for t in new]}")


def check_import(back: Path, original: Path, kb, cache: Path, folder: Path,
                 out: Outcome) -> None:
    """The round-tripped 003 imports into a fresh workspace and gives the built-in graph."""
    import pyoxigraph as ox

    import styrgraf
    from styrgraf.knowledge.errors import InputError
    from styrgraf.knowledge.sources import graph_for
    from styrgraf.knowledge.workspace import init_workspace
    from styrgraf.workbook import import_workbook

    graph = ox.NamedNode(graph_for(Path(DOCUMENT + ".ttl")))

    def triples(store) -> set:
        return {q.triple for q in store.quads_for_pattern(None, None, None, graph)}

    def imported(path: Path, where: str) -> set | str:
        shutil.rmtree(folder / where, ignore_errors=True)  # a --keep folder run before
        workspace = init_workspace(folder / where)
        try:
            import_workbook(styrgraf.open(data=workspace, cache_dir=cache), path,
                            validate=False)
        except InputError as e:
            return str(e)
        return triples(styrgraf.open(data=workspace, cache_dir=cache).store)

    want = triples(kb.store)
    got = imported(back, "ws-roundtrip")
    if isinstance(got, str):
        out.failures.append(f"{DOCUMENT}: the round-tripped workbook does not import: {got}")
        return
    if out.check(got == want, f"{DOCUMENT}: round trip imports to the built-in graph "
                 f"({len(want)} triples)", f"{DOCUMENT}: imported graph differs from the "
                 f"built-in one: {_difference(want, got)}"):
        return
    direct = imported(original, "ws-direct")  # is it LibreOffice, or the export itself?
    if isinstance(direct, str) or direct != want:
        out.notes.append(f"{DOCUMENT}: the workbook as styrgraf wrote it (without "
                         "LibreOffice) does not give the built-in graph either, so the "
                         "difference comes from the export or import, not LibreOffice")


# ---- main -----------------------------------------------------------------------------------

def run(folder: Path, soffice: str, timeout: float) -> Outcome:
    from openpyxl import load_workbook

    import styrgraf

    out = Outcome()
    cache = folder / "cache"
    os.environ["STYRGRAF_CACHE_DIR"] = str(cache)  # the user's store cache stays untouched
    kb = styrgraf.open(cache_dir=cache)
    paths = write_workbooks(folder, kb)
    profile = folder / "lo-profile"
    for target, sources, outdir in (("ods", list(paths.values()), folder / "ods"),
                                    ("xlsx", [folder / "ods" / f"{p.stem}.ods"
                                              for p in paths.values()], folder / "back")):
        outdir.mkdir(exist_ok=True)
        error = convert(soffice, sources, target, outdir, profile, timeout)
        if error:
            out.failures.append(error)
            return out
    out.passed.append(f"LibreOffice converted {len(paths)} workbooks to .ods and back to .xlsx")
    for name, path in paths.items():
        ods = folder / "ods" / f"{path.stem}.ods"
        back_path = folder / "back" / f"{path.stem}.xlsx"
        original, back = load_workbook(path), load_workbook(back_path)
        check_ods(name, ods, original, out)
        check_sheets(name, original, back, out)
        check_dropdowns(name, original, back, out)
        if name == "awkward":
            check_cells(name, original, back, out, skip=probe_cells(original))
            check_probes(name, original, back, out)
            check_statements(name, path, back_path, kb, out)
        else:
            check_cells(name, original, back, out)
        if name == DOCUMENT:
            check_import(back_path, path, kb, cache, folder, out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR (made if missing) and keep the files there")
    parser.add_argument("--timeout", type=float, default=180,
                        help="seconds each LibreOffice conversion may take (default 180)")
    args = parser.parse_args()
    soffice = find_soffice()
    if soffice is None:
        print("LibreOffice (soffice) not found: install it with "
              "`apt-get install libreoffice-calc-nogui`", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        out = run(args.keep.resolve(), soffice, args.timeout)
    else:
        with tempfile.TemporaryDirectory(prefix="styrgraf-lo-check-") as tmp:
            out = run(Path(tmp), soffice, args.timeout)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True,
                             timeout=60).stdout.strip()
    print(f"LibreOffice: {version or soffice}")
    for line in out.passed:
        print(f"  ok    {line}")
    for line in out.notes:
        print(f"  note  {line}")
    for line in out.failures:
        print(f"  FAIL  {line}")
    print(f"{len(out.failures)} failed, {len(out.passed)} passed" if out.failures
          else f"all {len(out.passed)} checks passed")
    return 1 if out.failures else 0


if __name__ == "__main__":
    sys.exit(main())
