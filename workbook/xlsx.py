"""Write the workbook: instructions, one sheet per kind of thing, dropdowns from the vocabulary.

The template and the export both come through here, so an exported workbook
is a filled-in template: same sheets, headers, dropdowns and instructions.
Text cells are always written as text, so a value that starts with `=` can
never become a formula in the strategist's spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from styrgraf.knowledge.atomic import atomic_writer

from .schema import INSTRUCTIONS_SV, LISTS_SHEET, NODE_SHEETS, SHEETS, Sheet
from .vocab import Vocabulary

_HEADER_FILL = "DDE7F0"
_EXAMPLE_FONT = "7F7F7F"
#: Rows a dropdown covers at least (more when the sheet is longer).
_VALIDATED_ROWS = 10_000
_WIDTHS = {"text": 40, "text_en": 30, "ref": 28, "string": 18, "concept": 20}

INSTRUCTIONS = """\
styrgraf – arbetsbok för ett styrdokument

Fyll i en arbetsbok per dokument (verksamhetsplan, handlingsplan, bilaga, delårsrapport …)
och läs in den med:
    styrgraf import arbetsbok.xlsx --dry-run      (visar vad som skulle ändras)
    styrgraf import arbetsbok.xlsx                (skriver in dokumentet i din kunskapsbas)

Så fyller du i
• Bladet Dokument beskriver dokumentet självt; bladet Avsnitt dess avsnitt. Varje rad i de
  andra bladen anger i kolumnen Avsnitt var i dokumentet den står.
• En rad per sak: ett mål, en riktning, en strategi, en aktivitet, ett uppdrag, en redovisning …
• Id får vara tomt: då skapas ett läsbart id av namnet. Ange id när två rader har samma namn,
  eller för att peka ut en sak som redan finns (t.ex. actor:socialnamnden-centrum).
• Hänvisningar (Ansvarig, Nätverk, Uppdrag till, Avsnitt …) skrivs med id eller med namnet,
  versaler och å/ä/ö spelar ingen roll. Flera värden skiljs med semikolon (;).
• Listor med fasta värden (status, prioritet, dokumenttyp, budgetbeslut …) har rullgardiner.
• År skrivs med fyra siffror (2025), datum som 2024-04-23, år och månad som 2024-02.
• Bedömning: skriv ja om raden är kuratorns slutsats och inte dokumentets ord, och skriv
  varför i Motivering. Sådana rader hamnar i dokumentets kureringsfil, skilda från det
  dokumentet säger.
• Övriga uppgifter tar det som inget annat blad har en kolumn för, en uppgift per rad.
• Rader vars första cell börjar med # hoppas över (exempelraderna i mallen).
• Skriv värden, inte formler; sammanfogade celler går inte att läsa in.

Rubrikerna står på svenska med den engelska termen inom parentes; båda går att läsa in.
"""


def write_workbook(path: Path, vocab: Vocabulary, rows: dict[str, list[dict]] | None = None,
                   *, examples: bool = False) -> None:
    """Write the workbook to `path` atomically (an .xlsx file)."""
    from openpyxl import Workbook

    book = Workbook()
    _instructions(book.active, vocab)
    lists = _lists(book, vocab)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.sv)
        _header(ws, sheet)
        _validations(ws, sheet, lists, len((rows or {}).get(sheet.key, [])))
        line = 2
        if examples and sheet.key in EXAMPLES:
            _write_row(ws, sheet, line, EXAMPLES[sheet.key], example=True)
            line += 1
        for record in (rows or {}).get(sheet.key, []):
            _write_row(ws, sheet, line, record)
            line += 1
    buffer = io.BytesIO()
    book.save(buffer)
    with atomic_writer(path) as out:
        out.write(buffer.getvalue())


def _instructions(ws, vocab: Vocabulary) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = INSTRUCTIONS_SV
    ws.column_dimensions["A"].width = 110
    line = 1
    for text in INSTRUCTIONS.splitlines():
        ws.cell(line, 1, text).alignment = Alignment(wrap_text=False)
        line += 1
    ws.cell(1, 1).font = Font(bold=True, size=14)
    line += 1
    for sheet in SHEETS:
        ws.cell(line, 1, f"{sheet.sv} ({sheet.en})").font = Font(bold=True)
        ws.cell(line + 1, 1, sheet.help_sv)
        line += 2
        for column in sheet.columns:
            if column.help_sv or column.required:
                need = " (krävs)" if column.required else ""
                _text(ws.cell(line, 1), f"  {column.sv}{need}: {column.help_sv}".rstrip(": "))
                line += 1
        line += 1


def _lists(book, vocab: Vocabulary) -> dict[str, str]:
    """Write the dropdown values to a hidden sheet; name → the range a validation refers to."""
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    lists: dict[str, list[str]] = {f"scheme:{k}": [label for _, label in v]
                                   for k, v in sorted(vocab.schemes.items())}
    for sheet in NODE_SHEETS:
        lists[f"types:{sheet.key}"] = [vocab.class_names[c] for c in sheet.classes
                                       if c in vocab.class_names]
    lists["judgement"] = ["ja", "nej"]
    ranges = {}
    for i, (name, values) in enumerate(lists.items(), 1):
        letter = get_column_letter(i)
        _text(ws.cell(1, i), name)
        for j, value in enumerate(values, 2):
            _text(ws.cell(j, i), value)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def _header(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(sheet.columns, 1):
        cell = ws.cell(1, i)
        _text(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(column.kind, 14)
    ws.freeze_panes = "B2"


def _validations(ws, sheet: Sheet, lists: dict[str, str], rows: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, column in enumerate(sheet.columns, 1):
        if column.kind == "concept":
            source = lists.get(f"scheme:{column.scheme}")
        elif column.key == "type" and sheet.classes:
            source = lists.get(f"types:{sheet.key}")
        elif column.key == "judgement":
            source = lists["judgement"]
        else:
            continue
        if source is None:
            continue
        strict = column.kind == "concept" or column.key == "judgement"
        dv = DataValidation(type="list", formula1=source, allow_blank=True,
                            showErrorMessage=strict)
        dv.error = f"Välj ett värde ur listan för {column.sv}."
        dv.errorTitle = column.sv
        letter = get_column_letter(i)
        dv.add(f"{letter}2:{letter}{max(_VALIDATED_ROWS, rows + 1000)}")
        ws.add_data_validation(dv)


def _write_row(ws, sheet: Sheet, line: int, record: dict, *, example: bool = False) -> None:
    from openpyxl.styles import Alignment, Font

    for i, column in enumerate(sheet.columns, 1):
        value = record.get(column.key)
        if value is None:
            continue
        cell = ws.cell(line, i)
        if isinstance(value, str):
            _text(cell, value)
            if "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        else:
            cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        if example:
            cell.font = Font(italic=True, color=_EXAMPLE_FONT)


def _text(cell, value: str) -> None:
    """A text cell that stays text (never a formula), with characters XML cannot hold refused."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from styrgraf.knowledge.errors import InputError

    if ILLEGAL_CHARACTERS_RE.search(value):
        raise InputError(f"cannot write {value[:40]!r} to a workbook: it contains a control "
                         "character")
    cell.value = value
    cell.data_type = "s"


#: One filled example row per sheet for the template (a comment row: its id starts with #).
EXAMPLES: dict[str, dict[str, object]] = {
    "documents": {"id": "# doc:verksamhetsplan-snx-2026", "type": "SourceDocument",
                  "label": "Verksamhetsplan 2026, Socialnämnden X", "file":
                  "verksamhetsplan-snx-2026", "title": "Verksamhetsplan 2026",
                  "kind": "verksamhetsplan", "publisher": "Socialnämnden Centrum",
                  "period_start": dt.date(2026, 1, 1), "period_end": dt.date(2026, 12, 31),
                  "accepted": "2026-02", "sections": "1 Inledning"},
    "sections": {"id": "# sec:vp-snx-2026-1", "label": "1 Inledning", "number": "1",
                 "section_of": "doc:verksamhetsplan-snx-2026", "page": 3},
    "goals": {"id": "# goal:exempel", "type": "Objective", "label": "Fler unga i arbete",
              "set_by": "Socialnämnden Centrum", "objective_of": "goal:valfard-som-moter-behoven",
              "sections": "1 Inledning"},
    "directions": {"id": "# dir:exempel", "label": "En förebyggande socialtjänst",
                   "sections": "1 Inledning"},
    "strategies": {"id": "# strat:exempel", "label": "Vi sätter in insatser tidigt",
                   "direction": "En förebyggande socialtjänst", "sections": "1 Inledning"},
    "activities": {"id": "# act:exempel", "label": "Fältchatt för unga",
                   "description": "Chatt där fältassistenter når unga digitalt.",
                   "network": "Nätverket Barn och unga", "responsible": "AC SVF",
                   "priority": "Prio 1 – Viktigt att genomföra", "start": 2026, "end": 2027,
                   "timeline": "Start våren 2026", "sections": "1 Inledning"},
    "assignments": {"id": "# asg:exempel", "label": "Utreda stöd till unga vuxna",
                    "description": "Nämnden får i uppdrag att utreda stödet till unga vuxna.",
                    "assigned_to": "Socialnämnden Centrum", "issued_by": "Kommunfullmäktige",
                    "year": 2026, "budget": "Uppdrag inom budgetbeslut",
                    "sections": "1 Inledning"},
    "responses": {"id": "# resp:exempel", "label": "Utreda stöd till unga vuxna – augusti",
                  "responds_to": "asg:exempel", "respondent": "Socialnämnden Centrum",
                  "reported_in": "doc:verksamhetsplan-snx-2026", "status": "pågående",
                  "decision_date": dt.date(2026, 4, 23), "decision_ref": "SNC 2026-04-23 § 12",
                  "sections": "1 Inledning"},
    "indicators": {"id": "# ind:exempel", "label": "Andel unga i arbete",
                   "sections": "1 Inledning"},
    "figures": {"id": "# fig:exempel", "indicator": "ind:exempel", "period": "2025",
                "period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31),
                "value": 42.5, "unit": "procent", "value_kind": "utfall",
                "sections": "1 Inledning"},
    "programmes": {"id": "# prog:exempel", "type": "Programme",
                   "label": "Program för en jämlik stad", "kind": "program",
                   "valid_from": 2018, "valid_until": 2026, "sections": "1 Inledning"},
    "partners": {"id": "# actor:exempel", "type": "PartnerOrganisation",
                 "label": "Polismyndigheten", "partner_kind": "statlig myndighet",
                 "sections": "1 Inledning"},
    "agreements": {"id": "# agr:exempel", "label": "Samverkansöverenskommelse med polisen",
                   "agreement_kind": "överenskommelse", "parties": "Polismyndigheten",
                   "sections": "1 Inledning"},
    "units": {"id": "# actor:exempel-enhet", "type": "OrganizationalUnit",
              "label": "Enheten för fältarbete", "unit_of": "Socialförvaltningen Centrum",
              "sections": "1 Inledning"},
    "other": {"subject": "# act:exempel", "property": "sg:cites",
              "value": "prog:exempel", "value_type": "nod",
              "judgement": "ja", "reason": "Aktiviteten genomför programmets mål.",
              "sections": "1 Inledning"},
}
