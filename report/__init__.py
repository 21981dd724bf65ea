"""The committee meeting's report: one self-contained, printable HTML file (and a PDF).

    from styrgraf.report import build_report, render_html, write_pdf

    report = build_report(kb, committee="Socialnämnden Centrum", lang="sv")
    Path("report.html").write_text(render_html(report), encoding="utf-8")
    write_pdf("report.html", "report.pdf")

Every number comes from the catalogued queries, the overview and the duplicates
search (build.py); charts are matplotlib SVG (charts.py); the page has no
script and fetches nothing (html.py); the PDF is Chromium printing that page
(pdf.py).
"""

from __future__ import annotations

from .build import Report, build_report
from .html import render_html
from .pdf import write_pdf

__all__ = ["Report", "build_report", "render_html", "write_pdf"]
