"""Property-based fuzzing (hypothesis) of what users feed styrgraf: knowledge files and workbooks.

Bounded and derandomised, so the suite stays fast and a failure reproduces. For
every input: the exit code is 0, 1 or 2, nothing prints a traceback or an
internal error, a failed build leaves the previous store in place, and a failed
import leaves the workspace folder as it was.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run, _environment, run_in_process
from styrgraf.knowledge.sources import PACKAGED_DATA_DIR
from styrgraf.knowledge.workspace import init_workspace

SOURCE = PACKAGED_DATA_DIR / "000-aktiviteter-svf.ttl"
ORIGINAL = SOURCE.read_bytes()
FUZZ = settings(max_examples=20, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
#: Each workbook example builds a workspace store over the built-in documents: fewer.
FUZZ_WORKBOOKS = settings(FUZZ, max_examples=10)


def _cli(*args: str, cache: Path) -> Run:
    return run_in_process(args, _environment(cache, None), None, Path.cwd())


def _clean(r: Run) -> None:
    assert r.code in (0, 1, 2), (r.code, r.err)
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err


@st.composite
def damaged(draw) -> bytes:
    """The real file, truncated, with bytes flipped, or with lines deleted."""
    data = ORIGINAL
    how = draw(st.sampled_from(["truncate", "flip", "delete-lines"]))
    if how == "truncate":
        return data[:draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    lines = data.split(b"\n")
    start = draw(st.integers(0, len(lines) - 1))
    return b"\n".join(lines[:start] + lines[start + draw(st.integers(1, 20)):])


@FUZZ
@given(content=damaged())
def test_damaged_knowledge_files_fail_cleanly_and_keep_the_store(content):
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "kb", Path(tmp) / "cache"
        folder.mkdir()
        (folder / SOURCE.name).write_bytes(ORIGINAL)
        assert _cli("--data", str(folder), "build", cache=cache).code == 0
        (folder / SOURCE.name).write_bytes(content)
        r = _cli("--data", str(folder), "stats", "-f", "json", cache=cache)
        _clean(r)
        if r.code == 2:  # refused: the old store must still be the one in place
            (folder / SOURCE.name).write_bytes(ORIGINAL)
            again = _cli("--data", str(folder), "build", "-f", "json", cache=cache)
            assert again.code == 0 and not json.loads(again.out)[0]["rebuilt"]


#: Cell text with what breaks parsers and spreadsheets: quotes, separators, formula
#: starts, control characters, HTML, braces, odd Unicode.
CELL = st.text(alphabet=st.characters(codec="utf-8", categories=None,
                                      include_characters='";,=+-@\t\r\n{}<>&\\\'#'),
               max_size=40)


def _csv_workbook(folder: Path, name: str, cells: list[str], encoding: str, sep: str) -> None:
    def line(values: list[str]) -> str:
        return sep.join('"' + v.replace('"', '""') + '"' for v in values)

    folder.mkdir()
    sheets = {
        "Dokument": [["Id", "Typ", "Namn", "Titel", "Dokumenttyp", "Utgivare", "Fil"],
                     ["doc:fuzz", "SourceDocument", "Fuzz", "Fuzz", "bilaga",
                      "Socialnämnden Centrum", "fuzz"]],
        "Avsnitt": [["Id", "Namn", "Del av"], ["sec:fuzz-1", "1 Fuzz", "doc:fuzz"]],
        "Aktiviteter": [["Namn", "Beskrivning", "Ansvarig", "Tidplan", "Startår", "Avsnitt"],
                        [name, *cells[:4], "sec:fuzz-1"]],
    }
    for sheet, rows in sheets.items():
        text = "\r\n".join(line(r) for r in rows)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8-sig")
        (folder / f"{sheet}.csv").write_bytes(data)


@FUZZ_WORKBOOKS
@given(name=CELL, cells=st.lists(CELL, min_size=4, max_size=4),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       sep=st.sampled_from([";", ",", "\t"]))
def test_hostile_csv_workbooks_fail_cleanly_and_write_nothing(name, cells, encoding, sep):
    with tempfile.TemporaryDirectory() as tmp:
        workspace = init_workspace(Path(tmp) / "ws")
        before = sorted(p.name for p in workspace.iterdir())
        _csv_workbook(Path(tmp) / "csv", name, cells, encoding, sep)
        r = _cli("--data", str(workspace), "import", str(Path(tmp) / "csv"), "--no-validate",
                 cache=Path(tmp) / "cache")
        _clean(r)
        if r.code == 2:
            assert sorted(p.name for p in workspace.iterdir()) == before
            assert "csv" in r.err  # the message names the file


@FUZZ_WORKBOOKS
@given(values=st.lists(st.one_of(CELL, st.integers(-10**6, 10**6),
                                 st.floats(allow_nan=False, allow_infinity=False)),
                       min_size=6, max_size=6))
def test_hostile_xlsx_cells_fail_cleanly(values):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    from workbooks import APPENDIX, fill

    with tempfile.TemporaryDirectory() as tmp:
        workspace = init_workspace(Path(tmp) / "ws")
        before = sorted(p.name for p in workspace.iterdir())
        columns = ["Namn", "Beskrivning", "Ansvarig", "Startår", "Prioritet", "Avsnitt"]

        def edit(book):
            ws = book["Aktiviteter"]
            headers = [str(c.value).split(" (")[0] for c in ws[1]]
            line = ws.max_row + 1
            for column, value in zip(columns, values, strict=True):
                cell = ws.cell(line, headers.index(column) + 1)
                cell.value = value
                cell.data_type = "s" if isinstance(value, str) else cell.data_type

        try:
            path = fill(Path(tmp) / "w.xlsx", APPENDIX, edit=edit)
            load_workbook(path)
        except (ValueError, TypeError, IllegalCharacterError):
            return  # openpyxl itself refuses some characters: nothing to import
        r = _cli("--data", str(workspace), "import", str(path), "--no-validate",
                 cache=Path(tmp) / "cache")
        _clean(r)
        if r.code == 2:
            assert sorted(p.name for p in workspace.iterdir()) == before

