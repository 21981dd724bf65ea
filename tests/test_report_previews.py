"""The report's page previews committed under docs/report/ (scripts/report_previews.py) are
one per page of the PDF the built-in knowledge base prints today, for the same day.

The PDF is printed by the real command in a child process: Playwright's sync API does not
nest, and test_report.py keeps a browser open for its module.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PREVIEWS = ROOT / "docs" / "report"
#: The day scripts/report_previews.py builds the report as of.
AS_OF = "2026-12-01"
#: A page object in Chromium's PDFs (the page tree's own nodes are /Type /Pages).
PAGE = re.compile(rb"/Type\s*/Page[^s]")


def test_page_regex_counts_pages_not_page_trees():
    pdf = (b"1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n"
           b"2 0 obj <</Type /Page /Parent 1 0 R>> endobj\n"
           b"3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n")
    assert len(PAGE.findall(pdf)) == 2


def test_previews_are_one_per_page_of_the_pdf(cli_process, tmp_path):
    if not Path(shutil.which("chromium") or "/usr/bin/chromium").exists():
        pytest.fail("Chromium is missing: run ./scripts/ensure-chromium.sh (Debian's chromium)")
    html, pdf = tmp_path / "rapport.html", tmp_path / "rapport.pdf"
    r = cli_process("report", "--as-of", AS_OF, "--lang", "sv", "-o", str(html),
                    "--pdf", str(pdf))
    assert r.code == 0, r.err
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(PAGE.findall(data))
    assert pages > 1
    previews = sorted(p.name for p in PREVIEWS.glob("page-*.png"))
    assert previews == [f"page-{n:02d}.png" for n in range(1, pages + 1)], (
        f"the PDF has {pages} pages; run `python scripts/report_previews.py` "
        "to render the previews again")
    for name in previews:
        assert (PREVIEWS / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name
