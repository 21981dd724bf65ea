"""Benchmark: importing a large workbook (default 10,000 rows) into a fresh workspace.

Run:  .venv/bin/python benchmarks/bench_import.py [--rows 10000] [--profile]

Fills the template with one document (a bilaga of Socialnämnden Centrum),
20 sections and the rest activities (every tenth an assignment), every value
valid and every reference resolved by name against the built-in knowledge
base (network "Nätverket Barn och unga", responsible "AC SVF", …). Then times, in one
run: reading the .xlsx, converting the rows, the whole import without
validation into a fresh workspace, the store rebuild after the write (opening
the workspace again), the SHACL validation alone, importing the same workbook
again (the document now present: the diff against it is computed), and the
whole import with validation (write, rebuild, validate) into another fresh
workspace.
Everything happens in a temporary folder with its own store cache (passed as
cache_dir and set as $STYRGRAF_CACHE_DIR), so the user's cache is untouched.
This is a benchmark, not a test: it prints figures and asserts nothing. The
issue's target: the import without validation of 10,000 rows under 10 s.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import tempfile
import time
from pathlib import Path

SECTIONS = 20
ASSIGNMENT_EVERY = 10  # every tenth generated row goes to the sheet Uppdrag
STEM = "bench-bilaga"
DOCUMENT = "doc:bench-bilaga"
#: By full name, by id: the short names ("Barn och unga") also name a department.
NETWORKS = ("Nätverket Barn och unga", "actor:natverk-stodfunktioner",
            "Nätverket Vuxen och försörjningsstöd")
RESPONSIBLE = ("AC SVF", "EC fält", "actor:ac-stab", "AC SVF; EC fält")


def generate(path: Path, rows: int) -> dict[str, int]:
    """Fill the template with `rows` rows; return the row count per sheet."""
    from openpyxl import load_workbook

    from styrgraf.workbook import write_template
    from styrgraf.workbook.schema import ACTIVITIES, ASSIGNMENTS, DOCUMENTS, SECTIONS_SHEET

    write_template(path)
    book = load_workbook(path)
    sections = [f"sec:{STEM}-{i}" for i in range(1, SECTIONS + 1)]
    records: dict = {DOCUMENTS: [{
        "id": DOCUMENT, "type": "SourceDocument", "label": "Bilaga till benchmark 2026",
        "file": STEM, "title": "Bilaga: aktiviteter 2026", "kind": "bilaga",
        "publisher": "Socialnämnden Centrum", "accepted": "2026-02"}]}
    records[SECTIONS_SHEET] = [
        {"id": sec, "label": f"{i} Avsnitt nummer {i}", "number": str(i),
         "section_of": DOCUMENT, "page": i + 2} for i, sec in enumerate(sections, 1)]
    activities, assignments = [], []
    for i in range(1, rows - 1 - SECTIONS + 1):
        section = sections[i % SECTIONS]
        if i % ASSIGNMENT_EVERY == 0:
            assignments.append({
                "label": f"Uppdrag nummer {i}: utreda stöd till unga vuxna",
                "description": f"Nämnden ska utreda stödet, uppdrag {i}.",
                "assigned_to": "Socialnämnden Centrum", "issued_by": "Kommunfullmäktige",
                "year": 2026, "budget": "Uppdrag inom budgetbeslut", "sections": section})
            continue
        activities.append({
            "label": f"Aktivitet nummer {i}: fältarbete för unga",
            "description": f"Fältassistenter når unga digitalt och på plats (aktivitet {i}).",
            "network": NETWORKS[i % len(NETWORKS)],
            "responsible": RESPONSIBLE[i % len(RESPONSIBLE)],
            "priority": "Prio 1 – Viktigt att genomföra" if i % 2 else "Prio 2 – Bör genomföras",
            "start": 2026, "end": 2026 + i % 3, "timeline": "Start våren 2026",
            "sections": section})
    records[ACTIVITIES] = activities
    records[ASSIGNMENTS] = assignments
    counts = {}
    for sheet, items in records.items():
        ws = book[sheet.sv]
        position = {cell.value: cell.column for cell in ws[1] if cell.value}
        line = ws.max_row + 1  # below the template's example row (a comment row)
        for record in items:
            for key, value in record.items():
                ws.cell(line, position[sheet.column(key).header], value)
            line += 1
        counts[sheet.sv] = len(items)
    book.save(path)
    return counts


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def run(rows: int, profile: bool) -> None:
    import styrgraf
    from styrgraf.knowledge.labels import NameIndex
    from styrgraf.knowledge.sources import graph_for
    from styrgraf.knowledge.workspace import init_workspace
    from styrgraf.workbook import import_workbook
    from styrgraf.workbook.convert import CURATION_SUFFIX, convert
    from styrgraf.workbook.importer import rest_of
    from styrgraf.workbook.read import read
    from styrgraf.workbook.vocab import vocabulary

    with tempfile.TemporaryDirectory(prefix="styrgraf-bench-import-") as tmp:
        tmp_path = Path(tmp)
        cache = tmp_path / "cache"
        os.environ["STYRGRAF_CACHE_DIR"] = str(cache)  # for any open that ignores cache_dir
        path = tmp_path / "bench.xlsx"
        counts, seconds = timed(lambda: generate(path, rows))
        total = sum(counts.values())
        shown = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"Workbook: {total:,} rows ({shown}), {path.stat().st_size / 1e6:.1f} MB, "
              f"generated in {seconds:.1f} s")

        figures: list[tuple[str, float, bool]] = []  # (step, seconds, per row?)
        first = init_workspace(tmp_path / "ws1")
        kb, seconds = timed(lambda: styrgraf.open(data=first, cache_dir=cache))
        figures.append(("open fresh workspace (store build)", seconds, False))
        book, seconds = timed(lambda: read(path))
        figures.append(("read the .xlsx (workbook.read.read)", seconds, True))
        vocab = vocabulary()
        replaced = {graph_for(Path(STEM + ".ttl")),
                    graph_for(Path(STEM + CURATION_SUFFIX + ".ttl"))}
        rest, seconds = timed(lambda: NameIndex.read(rest_of(kb.store, replaced)))
        figures.append(("name index of the rest (rest_of + NameIndex)", seconds, False))
        converted, seconds = timed(lambda: convert(book, rest, vocab))
        figures.append(("convert rows to triples (convert)", seconds, True))

        profiles: list[tuple[str, cProfile.Profile]] = []

        def measured(what: str, action):
            if not profile:
                return timed(action)
            profiler = cProfile.Profile()
            profiles.append((what, profiler))
            return timed(lambda: profiler.runcall(action))

        report, import_seconds = measured("import_workbook(validate=False)",
                                          lambda: import_workbook(kb, path, validate=False))
        figures.append(("import_workbook(validate=False)", import_seconds, True))
        reopened, seconds = timed(lambda: styrgraf.open(data=first, cache_dir=cache))
        figures.append(("store rebuild after the write (open again)", seconds, True))
        _, seconds = timed(reopened.validate)
        figures.append(("SHACL validation alone (kb.validate)", seconds, True))
        again, seconds = timed(lambda: import_workbook(reopened, path, validate=False))
        figures.append(("re-import, document present (validate=False)", seconds, True))

        second = init_workspace(tmp_path / "ws2")
        kb2 = styrgraf.open(data=second, cache_dir=cache)
        checked, seconds = measured("import_workbook(validate=True)",
                                    lambda: import_workbook(kb2, path, validate=True))
        figures.append(("import_workbook(validate=True)", seconds, True))

        print(f"\n{'step':46} {'seconds':>8} {'rows/s':>9}")
        for name, seconds, per_row in figures:
            rate = f"{total / seconds:9,.0f}" if per_row and seconds else f"{'-':>9}"
            print(f"{name:46} {seconds:8.2f} {rate}")
        triples = len(reopened.store) - len(kb.store)
        print(f"\n{report.statements:,} statements written to {report.files[0].name} "
              f"({report.files[0].stat().st_size / 1e6:.1f} MB); the store grew by "
              f"{triples:,} quads; {len(converted.statements):,} statements from convert")
        print(f"validation: {len(checked.violations)} violations on this workbook's rows; "
              f"re-import unchanged: {again.unchanged}")
        verdict = "under" if import_seconds < 10 else "NOT under"
        print(f"target: import of {total:,} rows {verdict} 10 s ({import_seconds:.2f} s)")
        for what, profiler in profiles:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
            print(f"\nProfile of {what}, by cumulative time:")
            print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000,
                        help="rows in the generated workbook, all sheets together")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of both imports (their figures then "
                             "include the profiler's overhead)")
    args = parser.parse_args()
    run(max(args.rows, SECTIONS + 2), args.profile)


if __name__ == "__main__":
    main()
