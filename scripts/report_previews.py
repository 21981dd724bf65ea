"""Render the built-in knowledge base's report PDF into small PNG previews under docs/report/.

Run:  .venv/bin/python scripts/report_previews.py [--as-of 2026-12-01] [--resolution 40]

Builds the report (Swedish, as of a fixed day, so the previews are reproducible), prints
it to PDF with headless Chromium (styrgraf.report.write_pdf), renders every page with
poppler's `pdftoppm -png` into docs/report/page-NN.png, removes page files left from an
earlier, longer report, and prints the page count and each file's size.
README.md shows the first pages; tests/test_report_previews.py checks that there is one
preview per page of the PDF.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "report"
AS_OF = "2026-12-01"
#: pdftoppm's resolution (dots per inch): an A4 page at 40 dpi is 331 × 468 pixels.
RESOLUTION = 40
#: A preview larger than this is reported (the README loads several of them).
MAX_BYTES = 60_000
#: A page object in Chromium's PDFs (the page tree's own node is /Type /Pages).
PAGE = re.compile(rb"/Type\s*/Page[^s]")


def page_count(pdf: Path) -> int:
    """The number of pages of a PDF printed by Chromium (its page objects are uncompressed)."""
    return len(PAGE.findall(pdf.read_bytes()))


def build_pdf(pdf: Path, as_of: str) -> Path:
    import styrgraf
    from styrgraf.report import render_html, write_pdf

    kb = styrgraf.open()
    html = pdf.with_suffix(".html")
    html.write_text(render_html(kb.meeting_report(as_of=as_of, lang="sv")), encoding="utf-8")
    return write_pdf(html, pdf)


def render(pdf: Path, out: Path, pages: int, resolution: int) -> list[Path]:
    """Every page as out/page-NN.png; stale page-*.png files beyond the last page removed."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(1, pages + 1):
        stem = out / f"page-{n:02d}"
        subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", str(n), "-l", str(n),
                        "-singlefile", str(pdf), str(stem)], check=True)
        written.append(stem.with_suffix(".png"))
    for stale in sorted(set(out.glob("page-*.png")) - set(written)):
        stale.unlink()
        print(f"removed stale {stale.relative_to(ROOT)}")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default=AS_OF, help=f"the report's day (default {AS_OF})")
    parser.add_argument("--resolution", type=int, default=RESOLUTION,
                        help=f"pdftoppm dots per inch (default {RESOLUTION})")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the previews")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install -y poppler-utils", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_pdf(Path(tmp) / "rapport.pdf", args.as_of)
        pages = page_count(pdf)
        files = render(pdf, args.out.resolve(), pages, args.resolution)
    print(f"report as of {args.as_of}: {pages} pages")
    too_big = 0
    for f in files:
        size = f.stat().st_size
        too_big += size > MAX_BYTES
        flag = "  (over 60 KB)" if size > MAX_BYTES else ""
        print(f"{f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}  {size / 1000:6.1f} KB"
              f"{flag}")
    print(f"total {sum(f.stat().st_size for f in files) / 1000:.1f} KB")
    return 1 if too_big else 0


if __name__ == "__main__":
    sys.exit(main())
