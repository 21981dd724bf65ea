"""Workbooks: the template, import into a workspace, export back, and bad input.

The documents imported here are written for the tests (tests/workbooks.py);
the round trip runs over the five built-in documents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from openpyxl import load_workbook

import styrgraf
from styrgraf.knowledge.sources import graph_for
from styrgraf.knowledge.workspace import init_workspace
from styrgraf.workbook import export_document, import_workbook
from styrgraf.workbook.schema import SHEETS
from workbooks import APPENDIX, REPORT, fill

ID = "https://w3id.org/styrgraf/id/"
BUILT_IN = ["000-aktiviteter-svf", "001-handlingsplan-ny-sol", "002-genomforandeplan-snc-2025",
            "003-verksamhetsplan-snn-2024", "004-delarsrapport-snc-2024-08"]


@pytest.fixture
def workspace(tmp_path) -> Path:
    return init_workspace(tmp_path / "ws")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _graph(kb, stem: str) -> set[ox.Triple]:
    graph = ox.NamedNode(graph_for(Path(stem + ".ttl")))
    return {q.triple for q in kb.store.quads_for_pattern(None, None, None, graph)}


# ---- the template ------------------------------------------------------------------------

def _dropdown(book, sheet: str, header: str) -> list[str]:
    """The values the list validation of a column offers (read from the hidden sheet)."""
    ws = book[sheet]
    letter = ws.cell(1, [c.value for c in ws[1]].index(header) + 1).column_letter
    formula = next(dv.formula1 for dv in ws.data_validations.dataValidation
                   if str(dv.sqref) == f"{letter}2:{letter}10000")
    target, cells = formula.lstrip("=").split("!")
    return [row[0].value for row in book[target][cells.replace("$", "")] if row[0].value]


def test_template_has_every_sheet_swedish_headers_dropdowns_and_examples(tmp_path):
    path = fill(tmp_path / "mall.xlsx", {})
    book = load_workbook(path)
    assert book.sheetnames[0] == "Instruktioner"
    assert {s.sv for s in SHEETS} <= set(book.sheetnames)
    assert book["Listor"].sheet_state == "hidden"
    ws = book["Aktiviteter"]
    headers = [c.value for c in ws[1]]
    assert "Namn (label)" in headers and "Ansvarig (responsible)" in headers
    assert "Avsnitt (sections)" in headers and "Bedömning (curator judgement)" in headers
    assert str(ws["A2"].value).startswith("#")  # the example row is a comment
    assert _dropdown(book, "Aktiviteter", "Prioritet (priority)") == [
        "Prio 1 – Viktigt att genomföra", "Prio 2 – Bör genomföras"]
    assert set(_dropdown(book, "Redovisningar", "Status (status)")) == {"pågående", "avslutad"}
    assert "Activity" in _dropdown(book, "Aktiviteter", "Typ (type)")
    kinds = {c.value for row in book["Listor"]["A1:Z20"] for c in row if c.value}
    assert {"bilaga", "handlingsplan", "genomförandeplan", "verksamhetsplan", "delårsrapport",
            "årsrapport", "budget"} <= kinds


def test_the_templates_examples_are_a_valid_document(tmp_path, workspace):
    def uncomment(book):
        for ws in book.worksheets[1:]:
            if ws.max_row >= 2 and str(ws["A2"].value or "").startswith("#"):
                ws["A2"].value = ws["A2"].value.lstrip("# ")
    path = fill(tmp_path / "exempel.xlsx", {}, edit=uncomment)
    kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
    report = import_workbook(kb, path)
    assert report.written and not report.violations, report.violations
    added = {c.sheet: len(c.added) for c in report.changes}
    assert added["Aktiviteter"] == 1 and added["Redovisningar"] == 1 and added["Utfall"] == 1


def test_the_untouched_template_names_what_is_missing(cli, tmp_path, workspace):
    cli("template", "-o", str(tmp_path / "mall.xlsx"))
    r = cli("--data", str(workspace), "import", str(tmp_path / "mall.xlsx"),
            cache=tmp_path / "c")
    assert r.code == 2 and "Dokument!A2: no row describes the document" in r.err


# ---- a new appendix and a later report, through the workbook alone ------------------------

def test_new_documents_reach_every_command(cli, tmp_path, workspace):
    cache = tmp_path / "c"
    before = json.loads(cli("--data", str(workspace), "query", "units-by-activities",
                            "-f", "json", cache=cache).out)
    for name, rows in (("bilaga.xlsx", APPENDIX), ("rapport.xlsx", REPORT)):
        r = cli("--data", str(workspace), "import", str(fill(tmp_path / name, rows)),
                cache=cache)
        assert r.code == 0, r.err
    assert {"aktiviteter-vof-2026.ttl", "delarsrapport-snc-2026-08.ttl"} <= set(
        _files(workspace))

    after = json.loads(cli("--data", str(workspace), "query", "units-by-activities",
                           "-f", "json", cache=cache).out)
    count = {r["responsible"]: r["activities"] for r in after}
    old = {r["responsible"]: r["activities"] for r in before}
    assert count[ID + "actor/ac-svf"] == old[ID + "actor/ac-svf"] + 3

    closed = json.loads(cli("--data", str(workspace), "query", "assignments-by-status",
                            "-p", "status", "avslutad", "-f", "json", cache=cache).out)
    fritid = [r for r in closed if r["assignment"] == ID + "assignment/inratta-fritidsbanker"]
    assert fritid and fritid[0]["decision"] == "SNC 2026-09-20 § 200"

    gaps = json.loads(cli("--data", str(workspace), "query", "activity-gaps", "-f", "json",
                          cache=cache).out)
    assert any(r["activity"] == ID + "activity/utan-tidplan" for r in gaps)

    overview = cli("--data", str(workspace), "overview", cache=cache)
    assert overview.code == 0 and "7 source documents" in overview.out
    assert "Bilaga: aktiviteter Vuxen och försörjningsstöd 2026" in overview.out
    assert "as of 2026-08-31" in overview.out, overview.out

    page = tmp_path / "g.html"
    assert cli("--data", str(workspace), "viz", "-o", str(page), cache=cache).code == 0
    assert "Jobbspår för unga vuxna med försörjningsstöd" in page.read_text(encoding="utf-8")

    pairs = json.loads(cli("--data", str(workspace), "duplicates", "-f", "json",
                           cache=cache).out)
    new = ID + "activity/kunskapsinhamtning-om-sociala-erfarenheter-i"  # cut between words
    assert any({p["a"], p["b"]} == {new, ID + "activity/kunskapsinhamtning-sociala-erfarenheter"}
               for p in pairs), pairs


def test_import_is_idempotent_and_a_correction_replaces_only_its_document(tmp_path, workspace):
    kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
    import_workbook(kb, fill(tmp_path / "a.xlsx", APPENDIX), validate=False)
    import_workbook(kb.reopen(), fill(tmp_path / "r.xlsx", REPORT), validate=False)
    first = _files(workspace)
    again = import_workbook(kb.reopen(), tmp_path / "a.xlsx", validate=False)
    assert again.unchanged and _files(workspace) == first

    corrected = {**APPENDIX, "Aktiviteter": [{**APPENDIX["Aktiviteter"][0],
                                              "Namn": "Jobbspår för unga vuxna"}]}
    report = import_workbook(kb.reopen(), fill(tmp_path / "a2.xlsx", corrected),
                             validate=False)
    changed = {c.sheet: c for c in report.changes}
    assert changed["Aktiviteter"].changed == ["act:jobbspar-unga-vuxna"]
    assert len(changed["Aktiviteter"].removed) == 2
    now = _files(workspace)
    assert now["delarsrapport-snc-2026-08.ttl"] == first["delarsrapport-snc-2026-08.ttl"]
    assert now["aktiviteter-vof-2026.ttl"] != first["aktiviteter-vof-2026.ttl"]
    labels = {t.object.value for t in _graph(kb.reopen(), "aktiviteter-vof-2026")
              if t.predicate.value.endswith("#label")}
    assert "Jobbspår för unga vuxna" in labels
    assert "Jobbspår för unga vuxna med försörjningsstöd" not in labels


def test_dry_run_lists_changes_per_sheet_and_writes_nothing(cli, tmp_path, workspace):
    before = _files(workspace)
    r = cli("--data", str(workspace), "import", str(fill(tmp_path / "a.xlsx", APPENDIX)),
            "--dry-run", "-f", "json", cache=tmp_path / "c")
    assert r.code == 0, r.err
    by_sheet = {row["sheet"]: row for row in json.loads(r.out)}
    assert by_sheet["Aktiviteter"]["added"] == 3 and by_sheet["Avsnitt"]["added"] == 1
    assert _files(workspace) == before


def test_judgements_go_to_the_curation_file_with_their_reason(tmp_path, workspace):
    rows = {**APPENDIX, "Övriga uppgifter": [{
        "Subjekt": "act:jobbspar-unga-vuxna", "Egenskap": "sg:supportsStrategy",
        "Värde": "Vi sätter in insatser tidigt för att förebygga att sociala problem uppstår "
                 "eller blir större", "Värdetyp": "nod", "Bedömning": "Ja",
        "Motivering": "Spåret sätts in innan försörjningsstödet blir långvarigt.",
        "Avsnitt": "1 Aktiviteter"}]}
    kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
    report = import_workbook(kb, fill(tmp_path / "a.xlsx", rows), validate=False)
    assert report.judgements == 1
    document = (workspace / "aktiviteter-vof-2026.ttl").read_text(encoding="utf-8")
    curation = (workspace / "aktiviteter-vof-2026.curation.ttl").read_text(encoding="utf-8")
    assert "supportsStrategy" not in document
    assert "sg:CuratorJudgement" in curation and "innan försörjningsstödet" in curation
    fresh = kb.reopen()
    answer = fresh.sparql("SELECT ?g WHERE { GRAPH ?g { ?j a sg:CurationGraph } }")
    assert any("aktiviteter-vof-2026.curation" in r["g"] for r in answer.dicts())


def test_an_imported_document_and_its_judgements_round_trip(tmp_path, workspace):
    judged_activity = {"Id": "act:bedomd", "Namn": "En aktivitet som kuratorn slöt sig till",
                       "Ansvarig": "ac-svf", "Bedömning": "ja",
                       "Motivering": "Bilagan nämner den bara i förbigående.",
                       "Avsnitt": "1 Aktiviteter"}
    rows = {**APPENDIX, "Aktiviteter": [*APPENDIX["Aktiviteter"], judged_activity],
            "Övriga uppgifter": [{"Subjekt": "act:jobbspar-unga-vuxna",
                                  "Egenskap": "sg:cites", "Värde": "prog:plan-for-digitalisering",
                                  "Värdetyp": "nod", "Bedömning": "ja",
                                  "Motivering": "Spåret bygger på planens e-tjänster."}]}
    kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
    import_workbook(kb, fill(tmp_path / "a.xlsx", rows), validate=False)
    first = _files(workspace)
    assert "aktiviteter-vof-2026.curation.ttl" in first
    path, _ = export_document(kb.reopen(), "aktiviteter-vof-2026", tmp_path / "back.xlsx")
    again = import_workbook(kb.reopen(), path, validate=False)
    assert again.unchanged and again.judgements == 4  # the judged row's 3 statements + 1
    assert _files(workspace) == first


def test_violations_are_reported_by_sheet_and_row(cli, tmp_path, workspace):
    rows = {**APPENDIX, "Uppdrag": [{"Namn": "Ett uppdrag utan mottagare",
                                     "Beskrivning": "Ingen nämnd har fått det.",
                                     "Avsnitt": "1 Aktiviteter"}]}
    r = cli("--data", str(workspace), "import", str(fill(tmp_path / "a.xlsx", rows)),
            cache=tmp_path / "c")
    assert r.code == 1
    assert "Uppdrag!rad 3" in r.out and "asg:ett-uppdrag-utan-mottagare" in r.out


def test_hostile_text_is_kept_as_text(tmp_path, workspace):
    hostile = 'Citat "x" {y} <script>alert(1)</script> & \\ \'; DROP'
    rows = {**APPENDIX, "Aktiviteter": [{**APPENDIX["Aktiviteter"][0], "Namn": hostile,
                                         "Tidplan": "+1 @x -2"}]}
    kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
    import_workbook(kb, fill(tmp_path / "a.xlsx", rows), validate=False)
    labels = {t.object.value for t in _graph(kb.reopen(), "aktiviteter-vof-2026")}
    assert hostile in labels and "+1 @x -2" in labels


def test_csv_folders_from_swedish_excel_and_utf8(tmp_path, workspace):
    for name, encoding, sep in (("excel", "cp1252", ";"), ("utf8", "utf-8-sig", ",")):
        folder = tmp_path / name
        folder.mkdir()
        rows = {"Dokument": [["Id", "Typ", "Namn", "Titel", "Dokumenttyp", "Utgivare", "Fil"],
                             ["doc:plan-x", "SourceDocument", "Plan för Västra Frölunda",
                              "Plan för Västra Frölunda", "handlingsplan",
                              "Socialnämnden Sydväst", f"plan-{name}"]],
                "Avsnitt": [["Id", "Namn", "Del av"], ["sec:plan-x-1", "1 Åtgärder",
                                                       "doc:plan-x"]],
                "Aktiviteter": [["Namn", "Ansvarig", "Avsnitt", "Startår"],
                                ["Öppen förskola i Frölunda", "Avdelningschef SVF",
                                 "1 Åtgärder", "2026"]]}
        for sheet, lines in rows.items():
            text = "\r\n".join(sep.join(f'"{v}"' if sep in v else v for v in line)
                               for line in lines)
            (folder / f"{sheet}.csv").write_bytes(text.encode(encoding))
        kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
        import_workbook(kb, folder, validate=False)
        labels = {t.object.value for t in _graph(kb.reopen(), f"plan-{name}")}
        assert "Öppen förskola i Frölunda" in labels and "1 Åtgärder" in labels


# ---- bad input: one line naming the place, exit 2, nothing written -----------------------

def _ref(sheet: str, column: str, row: int) -> str:
    """The A1 reference of a column (by its Swedish name) in a sheet of the template."""
    from openpyxl.utils import get_column_letter

    columns = next(s for s in SHEETS if s.sv == sheet).columns
    return f"{sheet}!{get_column_letter([c.sv for c in columns].index(column) + 1)}{row}"


def _set(sheet: str, column: str, row: int, value):
    def edit(book):
        book[sheet][_ref(sheet, column, row).split("!")[1]].value = value
    return edit


def _append_activity(values):
    def edit(book):
        ws = book["Aktiviteter"]
        headers = [c.value.split(" (")[0] for c in ws[1] if c.value]
        line = ws.max_row + 1
        for key, value in values.items():
            cell = ws.cell(line, headers.index(key) + 1)
            cell.value = value
            if isinstance(value, str) and value.startswith("=") and not key.startswith("!"):
                cell.data_type = "s"
    return edit


def _formula(book):
    ws = book["Aktiviteter"]
    headers = [c.value.split(" (")[0] for c in ws[1] if c.value]
    ws.cell(5, headers.index("Startår") + 1).value = "=2025+1"


BAD = {
    "unknown sheet": (lambda b: b.create_sheet("Budgetramar").cell(1, 1, "x"),
                      "unknown sheet 'Budgetramar'"),
    "unknown column": (lambda b: b["Aktiviteter"].cell(1, 40, "Budgetram"),
                       "Aktiviteter!AN1: unknown column 'Budgetram'"),
    "merged cells": (lambda b: b["Aktiviteter"].merge_cells("C3:D3"), "Aktiviteter!C3:D3: merged"),
    "formula": (_formula, _ref("Aktiviteter", "Startår", 5) + ": a formula"),
    "date as text": (_set("Dokument", "Period från", 3, "1 januari 2026"),
                     _ref("Dokument", "Period från", 3) + ": '1 januari 2026' is not a date"),
    "year as text": (_append_activity({"Namn": "X", "Slutår": "hösten 2026"}),
                     _ref("Aktiviteter", "Slutår", 6) + ": 'hösten 2026' is not a year"),
    "year with a letter O": (_append_activity({"Namn": "X", "Startår": "2O25"}),
                             _ref("Aktiviteter", "Startår", 6) + ": '2O25' is not a year"),
    "full-width digits": (_append_activity({"Namn": "X", "Startår": "２０２５"}),
                          "is not a year"),
    "formula start typed as text": (_append_activity({"Namn": "=HYPERLINK(\"http://x\")"}),
                                    "Aktiviteter!C6: starts with '='"),
    "empty required name": (_append_activity({"Id": "act:ny", "Beskrivning": "Utan namn"}),
                            "Aktiviteter!C6: Namn is required"),
    "no id and no name": (_append_activity({"Beskrivning": "Varken id eller namn"}),
                          "Aktiviteter!A6: a row needs an id or a name"),
    "duplicate id": (_append_activity({"Id": "act:jobbspar-unga-vuxna", "Namn": "Igen"}),
                     "Aktiviteter!A6: the same id as Aktiviteter row 3"),
    "unknown reference": (_append_activity({"Namn": "X", "Ansvarig": "Avdelningschef XYZ"}),
                          "'Avdelningschef XYZ' matches nothing; closest: actor:"),
    "ambiguous reference": (_append_activity({"Namn": "X", "Ansvarig": "Enhetschef"}), None),
    "unknown id": (_append_activity({"Namn": "X", "Ansvarig": "actor:finns-inte"}),
                   "unknown id 'actor:finns-inte'"),
    "unknown prefix": (_append_activity({"Id": "xyz:ny", "Namn": "X"}),
                       "Aktiviteter!A6: unknown prefix 'xyz:'"),
    "not in the list": (_append_activity({"Namn": "X", "Prioritet": "Prio 3"}),
                        "'Prio 3' is not a prioritet (choose one of:"),
    "judgement without reason": (_append_activity({"Namn": "X", "Bedömning": "ja"}),
                                 "needs its reason (Motivering)"),
    "judgement not yes or no": (_append_activity({"Namn": "X", "Bedömning": "kanske"}),
                                "'kanske' in Bedömning"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_workbooks_fail_with_the_place_and_change_nothing(cli, tmp_path, workspace, case):
    edit, expected = BAD[case]
    if case == "ambiguous reference":
        rows = {**APPENDIX, "Aktiviteter": [
            *APPENDIX["Aktiviteter"],
            {"Id": "act:tvilling-1", "Namn": "Tvilling", "Ansvarig": "ac-svf"},
            {"Id": "act:tvilling-2", "Namn": "Tvilling", "Ansvarig": "ac-svf"}]}
        edit, expected = _append_activity({"Namn": "X", "Hänvisar till": "tvilling"}), \
            "'tvilling' matches 2 nodes: act:tvilling-1 (Tvilling); act:tvilling-2"
    else:
        rows = APPENDIX
    path = fill(tmp_path / "bad.xlsx", rows, edit=edit)
    before = _files(workspace)
    r = cli("--data", str(workspace), "import", str(path), cache=tmp_path / "c")
    errors = [line for line in r.err.splitlines() if line.startswith("error:")]
    assert r.code == 2 and len(errors) == 1, r.err
    assert "bad.xlsx: " in errors[0] or case == "unknown sheet"
    assert expected in errors[0], errors[0]
    assert "Traceback" not in r.err
    assert _files(workspace) == before


def test_a_folder_that_is_not_a_workspace_is_refused(cli, tmp_path):
    r = cli("import", str(fill(tmp_path / "a.xlsx", APPENDIX)), cache=tmp_path / "c")
    assert r.code == 2 and "styrgraf init" in r.err


# ---- export → import gives back each built-in document ----------------------------------

@pytest.fixture(scope="module")
def built_in(session_cache):
    return styrgraf.open(cache_dir=session_cache)


@pytest.mark.parametrize("stem", BUILT_IN)
def test_round_trip_of_the_built_in_documents(tmp_path, built_in, stem):
    path, rows = export_document(built_in, stem, tmp_path / f"{stem}.xlsx")
    assert rows > 10
    other = load_workbook(path)["Övriga uppgifter"]
    assert other.max_row == 1  # every statement found a column
    workspace = init_workspace(tmp_path / "ws")
    kb = styrgraf.open(workspace, cache_dir=tmp_path / "c")
    report = import_workbook(kb, path, validate=False)
    assert report.unchanged  # the same graph as the built-in document's
    assert _graph(kb.reopen(), stem) == _graph(built_in, stem)


def test_export_command_writes_one_workbook_per_document(cli, tmp_path):
    r = cli("export", "-f", "xlsx", "-o", str(tmp_path / "wb"))
    assert r.code == 0, r.err
    assert sorted(p.stem for p in (tmp_path / "wb").iterdir()) == BUILT_IN
    one = cli("export", "-f", "xlsx", "--document", "Verksamhetsplan 2024, Socialnämnden "
              "Nordost", "-o", str(tmp_path / "vp.xlsx"))
    assert one.code == 0 and (tmp_path / "vp.xlsx").stat().st_size > 10_000
    unknown = cli("export", "-f", "xlsx", "--document", "Budget 1999", "-o",
                  str(tmp_path / "x.xlsx"))
    assert unknown.code == 2 and "no document 'Budget 1999'" in unknown.err
