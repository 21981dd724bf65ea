"""The report as one self-contained HTML file: no script, no request, safe to e-mail.

Jinja autoescapes every value, so text from the documents is shown as text;
the charts are inline SVG drawn by matplotlib (which escapes its labels); the
style sheet is inline. A Content-Security-Policy forbids everything else:
scripts of any kind, fetching anything (images only as data: URLs, of which
there are none today), fonts, frames, forms and a base URL.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from styrgraf.queries.wording import say

from .build import Report

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: What the page may load: nothing but its own inline style (and data: images).
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")
#: Names shown under each summary finding before "… and N more".
EXAMPLES_SHOWN = 5


def render_html(report: Report) -> str:
    """The report's page (a complete HTML document)."""
    for section in report.sections:
        for chart in section.charts:
            _check_svg(chart.svg)
    status_words = {k: say(report.lang, f"report.status.{k}")
                    for k in ("ongoing", "closed", "unreported")}
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=_with_markup(report), w=report.words, csp=CSP, css=Markup(_css()),
        limit=EXAMPLES_SHOWN, status_words=status_words,
        more=lambda n: say(report.lang, "more", count=n))


def _with_markup(report: Report) -> Report:
    """The charts' SVG marked safe for the template (it is matplotlib's escaped output)."""
    for section in report.sections:
        for chart in section.charts:
            chart.svg = Markup(chart.svg)
    return report


def _check_svg(svg: str) -> None:
    """Inline SVG must stay inert: no script, no event handler, no reference outside."""
    lowered = svg.lower()
    for bad in ("<script", "<foreignobject", "javascript:", " on", "href=\"http",
                "href='http", "url(http", "@import"):
        if bad == " on":
            import re

            if re.search(r"<[^>]*\son[a-z]+\s*=", lowered):
                raise ValueError("chart SVG contains an event handler attribute")
            continue
        if bad in lowered:
            raise ValueError(f"chart SVG contains {bad!r}")


@cache
def _css() -> str:
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    if "</style" in css.lower():  # pragma: no cover - would end the inline element
        raise RuntimeError("report.css contains '</style'")
    return css


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True,
                       trim_blocks=True, lstrip_blocks=True)
