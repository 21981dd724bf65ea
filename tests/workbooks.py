"""Fill in the real template the way a strategist would, for the workbook tests."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from styrgraf.workbook import write_template
from styrgraf.workbook.schema import SHEETS


def fill(path: Path, rows: dict[str, list[dict[str, object]]], *, keep_examples: bool = True,
         edit=None) -> Path:
    """Write the template to `path` and add `rows` ({sheet name: [{column name: value}]}).

    Sheets and columns are named as a person reads them (Swedish names, e.g.
    "Aktiviteter", "Ansvarig"); `edit(book)` may change the workbook before it is saved.
    """
    write_template(path)
    book = load_workbook(path)
    for sheet_name, records in rows.items():
        sheet = next(s for s in SHEETS if s.sv == sheet_name)
        ws = book[sheet.sv]
        if not keep_examples and ws.max_row >= 2:
            ws.delete_rows(2)
        columns = {c.sv: i for i, c in enumerate(sheet.columns, 1)}
        for record in records:
            line = ws.max_row + 1
            for name, value in record.items():
                cell = ws.cell(line, columns[name])
                cell.value = value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # typed as text, not a formula
    if edit is not None:
        edit(book)
    book.save(path)
    return path


APPENDIX_DOC = "doc:aktiviteter-vof-2026"

#: A new activities appendix for the network Vuxen och försörjningsstöd (written for the
#: tests, not taken from the built-in documents).
APPENDIX = {
    "Dokument": [{"Id": APPENDIX_DOC, "Typ": "SourceDocument", "Fil": "aktiviteter-vof-2026",
                  "Namn": "Aktiviteter nätverket Vuxen och försörjningsstöd 2026",
                  "Titel": "Bilaga: aktiviteter Vuxen och försörjningsstöd 2026",
                  "Dokumenttyp": "bilaga", "Utgivare": "Socialnamnden Hisingen",
                  "Avsnitt": "sec:vof-2026-1"}],
    "Avsnitt": [{"Id": "sec:vof-2026-1", "Namn": "1 Aktiviteter", "Nummer": "1",
                 "Del av": APPENDIX_DOC}],
    "Aktiviteter": [
        {"Id": "act:jobbspar-unga-vuxna", "Namn": "Jobbspår för unga vuxna med försörjningsstöd",
         "Beskrivning": "Ett samlat spår till arbete för unga vuxna med försörjningsstöd.",
         "Nätverk": "Nätverket Vuxen och forsorjningsstod",
         "Listad under": "En förebyggande socialtjänst", "Ansvarig": "Avdelningschef SVF",
         "Prioritet": "Prio 1 – Viktigt att genomföra", "Startår": 2026, "Slutår": 2027,
         "Tidplan": "2026–2027", "Avsnitt": "1 Aktiviteter"},
        {"Namn": "Kunskapsinhämtning om sociala erfarenheter i samhällsplanering",
         "Beskrivning": "Vad: Genom samlad lokal kunskap inom respektive socialförvaltning ta "
                        "fram gemensam rapportmall för sociala erfarenheter i samhällsplanering."
                        "\nHur: Utvecklingsledare stadsutveckling skapar arbetsgrupp som tar "
                        "fram gemensam mall.",
         "Nätverk": "natverk-vuxen-och-forsorjningsstod", "Ansvarig": "ac-svf",
         "Tidplan": "Hösten 2026", "Avsnitt": "1 Aktiviteter"},
        {"Id": "utan-tidplan", "Namn": "Samverkan med arbetsmarknadsnämnden",
         "Beskrivning": "Gemensamma möten varje kvartal.", "Ansvarig": "Avdelningschef SVF",
         "Nätverk": "Nätverket Vuxen och försörjningsstöd", "Avsnitt": "1 Aktiviteter"},
    ],
}

REPORT_DOC = "doc:delarsrapport-snc-2026-08"

#: A later follow-up report of Socialnämnden Centrum that closes a built-in assignment.
REPORT = {
    "Dokument": [{"Id": REPORT_DOC, "Typ": "SourceDocument", "Fil": "delarsrapport-snc-2026-08",
                  "Namn": "Delårsrapport augusti 2026, Socialnämnden Centrum",
                  "Titel": "Delårsrapport augusti 2026", "Dokumenttyp": "delårsrapport",
                  "Utgivare": "Socialnämnden Centrum",
                  "Period från": "2026-01-01", "Period till": "2026-08-31",
                  "Avsnitt": "sec:dr-snc-2026-08-3"}],
    "Avsnitt": [{"Id": "sec:dr-snc-2026-08-3", "Namn": "3 Uppdrag", "Nummer": "3",
                 "Del av": REPORT_DOC}],
    "Redovisningar": [
        {"Id": "resp:inratta-fritidsbanker--dr-snc-2026-08",
         "Namn": "Socialnämnden Centrum: status augusti 2026 – Inrätta och driva fritidsbanker",
         "Svarar på": "asg:inratta-fritidsbanker", "Redovisas av": "Socialnämnden Centrum",
         "Redovisas i": REPORT_DOC, "Status": "avslutad", "Beslutsdatum": "2026-09-20",
         "Beslut (paragraf)": "SNC 2026-09-20 § 200",
         "Beskrivning": "Fritidsbankerna är inrättade i alla fyra stadsområden.",
         "Avsnitt": "3 Uppdrag"}],
}
