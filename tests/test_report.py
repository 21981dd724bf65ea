"""`styrgraf report`: the committee meeting's report, one offline HTML file and a PDF.

The numbers printed carry `data-count` (tables, summary) or `data-values` (charts), and
each is compared with what `overview`, `query` and `duplicates` answer, on the built-in
knowledge base and on a tiny hostile one. The page is opened in Debian's Chromium (as in
test_viz_browser.py): no console error, no request leaving the file, nothing wider than
the A4 text block when printed, and a PDF of more than one page.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import styrgraf
from styrgraf.ontology.prefixes import compact
from styrgraf.report import build_report, charts, render_html, write_pdf
from styrgraf.report.html import CSP

CENTRUM = "https://w3id.org/styrgraf/id/actor/socialnamnden-centrum"
#: The A4 text block (210 mm less 2 × 18 mm of margin) in CSS pixels (96 per inch).
A4_TEXT_PX = round((210 - 2 * 18) / 25.4 * 96)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAYLOAD = "<script>alert(1)</script>"
HOSTILE_NAME = f'N {PAYLOAD} "c" {{{{ 7*7 }}}} $x^2$'  # short: charts shorten labels


# -- a small DOM, enough to find the numbers ---------------------------------------------

VOID = {"meta", "col", "br", "img", "input", "link", "hr", "source", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        found = []
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and all(
                        c.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                    found.append(c)
                found.extend(c.all(tag, **attrs))
        return found

    def one(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0]

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def counts(row: Node) -> dict[str, int]:
    """A table row's numbers by column."""
    return {td.attrs["data-key"]: int(td.attrs["data-count"]) for td in row.all("td")
            if td.attrs.get("data-count") is not None}


def table(dom: Node, key: str) -> Node:
    return dom.one("table", data_table=key)


def body_rows(t: Node) -> list[Node]:
    return [tr for tr in t.one("tbody").all("tr") if tr.attrs.get("class") != "empty"]


# -- fixtures ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb(real_kb):
    return styrgraf.KnowledgeBase(real_kb, None)


@pytest.fixture(scope="module")
def sv(kb):
    report = build_report(kb)
    html = render_html(report)
    return report, html, parse(html)


@pytest.fixture(scope="module")
def centrum(kb):
    report = build_report(kb, committee="socialnamnden centrum", as_of="2025-06-30", lang="en")
    html = render_html(report)
    return report, html, parse(html)


HOSTILE_PREFIXES = """\
@prefix sg:      <https://w3id.org/styrgraf/def#> .
@prefix sgc:     <https://w3id.org/styrgraf/concept/> .
@prefix doc:     <https://w3id.org/styrgraf/id/document/> .
@prefix sec:     <https://w3id.org/styrgraf/id/section/> .
@prefix dir:     <https://w3id.org/styrgraf/id/direction/> .
@prefix strat:   <https://w3id.org/styrgraf/id/strategy/> .
@prefix act:     <https://w3id.org/styrgraf/id/activity/> .
@prefix asg:     <https://w3id.org/styrgraf/id/assignment/> .
@prefix resp:    <https://w3id.org/styrgraf/id/response/> .
@prefix actor:   <https://w3id.org/styrgraf/id/actor/> .
@prefix prog:    <https://w3id.org/styrgraf/id/programme/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix org:     <http://www.w3.org/ns/org#> .
"""


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@sv'


HOSTILE_PLAN = HOSTILE_PREFIXES + f"""
<> a sg:StatedGraph ; prov:wasDerivedFrom doc:plan .
doc:plan a sg:SourceDocument ; dcterms:title {_lit("Plan " + PAYLOAD)} ;
    dcterms:publisher actor:c1 .
sec:p1 a sg:Section ; rdfs:label {_lit('1 Avsnitt "{{ x }}" ' + PAYLOAD)} ;
    dcterms:isPartOf doc:plan .
actor:c1 a sg:Committee ; rdfs:label {_lit(HOSTILE_NAME)} ; sg:statedIn sec:p1 .
actor:adm a sg:Administration ; rdfs:label "Förvaltning ett"@sv ; sg:administrationOf actor:c1 .
actor:net a sg:Network ; rdfs:label {_lit("Nätverk " + PAYLOAD + ' "n" {{ n }}')} ;
    org:hasMember actor:adm ; sg:statedIn sec:p1 .
dir:d1 a sg:LongTermDirection ; rdfs:label {_lit("Riktning " + PAYLOAD)} ; sg:statedIn sec:p1 .
strat:s1 a sg:Strategy ; rdfs:label {_lit('Strategi "{{ s }}" ' + PAYLOAD)} ; sg:strategyOf dir:d1 ;
    sg:statedIn sec:p1 .
act:a1 a sg:Activity ; rdfs:label {_lit("Aktivitet " + PAYLOAD + ' "a" {{ 7*7 }} $y$')} ;
    sg:network actor:net ; sg:listedUnder dir:d1 ; sg:statedIn sec:p1 .
asg:u1 a sg:Assignment ; rdfs:label {_lit("Uppdrag " + PAYLOAD)} ;
    dcterms:description "Nämnden ska göra något."@sv ; sg:assignedTo actor:c1 ;
    sg:assignmentYear "2020"^^xsd:gYear ; sg:cites prog:p1 ; sg:statedIn sec:p1 .
prog:p1 a sg:Programme ; rdfs:label {_lit("Program " + PAYLOAD)} ;
    sg:validUntil "2021"^^xsd:gYear ; sg:statedIn sec:p1 .
"""


def _report_file(year: int, status: str) -> str:
    return HOSTILE_PREFIXES + f"""
<> a sg:StatedGraph ; prov:wasDerivedFrom doc:r{year} .
doc:r{year} a sg:SourceDocument ; dcterms:title {_lit(f"Rapport {year} " + PAYLOAD)} ;
    dcterms:publisher actor:c1 ; sg:documentKind sgc:delarsrapport ;
    sg:periodEnd "{year}-08-31"^^xsd:date .
sec:r{year} a sg:Section ; rdfs:label "5 Uppdrag"@sv ; dcterms:isPartOf doc:r{year} .
resp:u1-r{year} a sg:AssignmentResponse ; rdfs:label "Nämnd ett om uppdrag {year}"@sv ;
    sg:respondsTo asg:u1 ; sg:respondent actor:c1 ; sg:reportedIn doc:r{year} ;
    sg:status sgc:{status} ; sg:statedIn sec:r{year} .
"""


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-report")
    (folder / "plan.ttl").write_text(HOSTILE_PLAN, encoding="utf-8")
    (folder / "r2023.ttl").write_text(_report_file(2023, "pagaende"), encoding="utf-8")
    (folder / "r2024.ttl").write_text(_report_file(2024, "avslutad"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(hostile_dir, session_cache):
    kb = styrgraf.KnowledgeBase.open(hostile_dir, session_cache)
    report = build_report(kb, committee="actor:c1", as_of="2026-01-15")
    html = render_html(report)
    return kb, report, html, parse(html)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: run ./scripts/ensure-chromium.sh (Debian's chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# -- the numbers -----------------------------------------------------------------------------

def test_summary_is_the_overview(kb, sv):
    _, _, dom = sv
    overview = kb.overview("sv")
    summary = dom.one("section", data_section="summary")
    for f in overview.findings:
        item = summary.one("li", data_finding=f.key)
        assert int(item.one("span", **{"class": "n"}).attrs["data-count"]) == f.count, f.key
        assert f.statement in " ".join(item.text().split()), f.key
        assert f.command in item.text()
    for s in overview.statuses:
        line = summary.one("li", data_status=s.committee)
        shown = {n.attrs["data-key"]: int(n.attrs["data-count"]) for n in line.all("span")}
        assert shown == {"ongoing": s.ongoing, "closed": s.closed, "unreported": s.unreported}
        assert s.as_of in line.text() and s.report in line.text()
    shown = {n.attrs["data-key"]: int(n.attrs["data-count"])
             for n in summary.one("p", **{"class": "counts"}).all("span", **{"class": "n"})}
    assert shown == overview.counts
    assert all(d in summary.text() for d in overview.documents)


def test_status_section_equals_committees_by_assignments(kb, sv):
    _, _, dom = sv
    rows = kb.query("committees-by-assignments").dicts()
    shown = body_rows(table(dom, "committees"))
    assert [tr.attrs["data-row"] for tr in shown] == [compact(r["committee"]) for r in rows]
    for tr, r in zip(shown, rows, strict=True):
        assert counts(tr) == {k: r[k] for k in ("assignments", "ongoing", "closed",
                                                "unreported", "cooperating")}
    chart = dom.one("figure", data_chart="status")
    assert json.loads(chart.attrs["data-values"]) == \
        [[r["ongoing"], r["closed"], r["unreported"]] for r in rows]
    assert chart.one("svg").attrs["data-chart"] == "status"


def _matrix(chart: Node) -> dict[tuple[str, str], int]:
    rows, columns = json.loads(chart.attrs["data-rows"]), json.loads(chart.attrs["data-columns"])
    values = json.loads(chart.attrs["data-values"])
    return {(r, c): values[i][j] for i, r in enumerate(rows) for j, c in enumerate(columns)}


def test_coverage_heatmaps_equal_their_queries(kb, sv):
    _, _, dom = sv
    for key, name, column in (("coverage-network", "coverage-by-network", "activityNetwork"),
                              ("coverage-committee", "coverage-by-committee", "committee")):
        rows = kb.query(name).dicts()
        matrix = _matrix(dom.one("figure", data_chart=key))
        assert len(matrix) == len(rows), key  # the query gives the whole grid, zeros included
        for r in rows:
            cell = (compact(r["node"]), compact(r[column]) if r[column] else "")
            assert matrix[cell] == r["activities"], (key, cell)
    gaps = kb.query("strategies-without-activities").dicts()
    shown = body_rows(table(dom, "gaps"))
    assert [tr.attrs["data-row"] for tr in shown] == [compact(r["node"]) for r in gaps]
    assert int(dom.one("section", data_section="coverage").attrs["data-count"]) == len(gaps)


@pytest.mark.parametrize("knowledge", ["built-in", "fixture"])
def test_coverage_queries_agree_with_the_gap_rule(kb, opened, knowledge):
    """A direction or strategy is a gap (strategies-without-activities) exactly when its
    row of the heatmap's query is zero in every column."""
    from conftest import FIXTURES

    here = kb if knowledge == "built-in" else styrgraf.KnowledgeBase(
        opened(FIXTURES / "queries"), None)
    totals: dict[str, int] = {}
    for r in here.query("coverage-by-network").dicts():
        totals[r["node"]] = totals.get(r["node"], 0) + r["activities"]
    gaps = {r["node"] for r in here.query("strategies-without-activities").dicts()}
    assert gaps and gaps == {node for node, n in totals.items() if n == 0}


def test_sections_equal_their_queries(kb, sv):
    _, _, dom = sv
    overview = kb.overview("sv")
    stale = kb.query("stale-assignments").dicts()
    section = dom.one("section", data_section="stale")
    assert int(section.attrs["data-count"]) == overview.finding("stale").count
    assert [tr.attrs["data-row"] for tr in body_rows(table(dom, "stale"))] == \
        [compact(r["assignment"]) for r in stale]
    assert [counts(tr)["ageToday"] for tr in body_rows(table(dom, "stale"))] == \
        [r["ageToday"] for r in stale]
    expired = kb.query("expired-programmes").dicts()
    assert int(dom.one("section", data_section="expired").attrs["data-count"]) \
        == overview.finding("expired").count == len(expired)
    assert [counts(tr)["citations"] for tr in body_rows(table(dom, "expired"))] == \
        [r["citations"] for r in expired]
    gaps = kb.query("activity-gaps").dicts()
    assert int(dom.one("section", data_section="activity-gaps").attrs["data-count"]) \
        == overview.finding("activity-gaps").count == len(gaps)
    matches = kb.duplicates(across="network").findings.matches
    assert int(dom.one("section", data_section="duplicates").attrs["data-count"]) \
        == len(body_rows(table(dom, "duplicates"))) == len(matches)
    reports = kb.query("reports-by-status").dicts()
    shown = body_rows(table(dom, "reports"))
    assert [counts(tr) for tr in shown] == \
        [{k: r[k] for k in ("assignments", "ongoing", "closed")} for r in reports]


def test_every_section_names_its_command_and_sources(kb, sv):
    report, _, dom = sv
    for section in dom.all("section"):
        commands = [c.text() for c in section.all("code")]
        assert commands and all(c.startswith("styrgraf ") for c in commands), \
            section.attrs["data-section"]
    for s in report.sections:
        assert s.sources, s.key
        assert all(src.document for src in s.sources)
    # the named query commands give the rows shown
    for key, table_key in (("stale", "stale"), ("expired", "expired"),
                           ("activity-gaps", "activity-gaps"), ("changes", "reports")):
        command = report.section(key).commands[0]
        words = shlex.split(command)
        assert words[:2] == ["styrgraf", "query"]
        params = dict(zip(words[4::3], words[5::3], strict=True))
        assert len(kb.query(words[2], **params)) == len(body_rows(table(dom, table_key))), key
    stale = report.section("stale")
    assert any(src.sections for src in stale.sources)  # sections of the assignments' documents


def test_committee_and_as_of_narrow_the_sections(kb, centrum):
    report, _, dom = centrum
    assert dom.one("html").attrs["lang"] == "en"
    row = next(r for r in kb.query("committees-by-assignments").dicts()
               if r["committee"] == CENTRUM)
    shown = body_rows(table(dom, "committees"))
    assert len(shown) == 1 and counts(shown[0])["ongoing"] == row["ongoing"]
    mine = kb.query("assignments-by-status", committee=CENTRUM, status="alla")
    assert len(body_rows(table(dom, "assignments"))) == len(mine)
    assert json.loads(dom.one("figure", data_chart="coverage-committee").attrs["data-columns"]) \
        == [compact(CENTRUM)]
    stale = [r for r in kb.query("stale-assignments", year="2023", today="2025-06-30").dicts()
             if r["committee"] == CENTRUM]
    assert len(body_rows(table(dom, "stale"))) == len(stale)
    assert report.section("stale").commands[0] == \
        "styrgraf query stale-assignments -p year 2023 -p today 2025-06-30"
    assert report.finding("stale").count == len({r["assignment"] for r in stale}) \
        == int(dom.one("section", data_section="stale").attrs["data-count"])
    expired = kb.query("expired-programmes", year="2025")
    assert report.finding("expired").count == len(expired) == \
        len(body_rows(table(dom, "expired")))
    assert "-p committee 'Socialnämnden Centrum'" in " ".join(
        report.section("changes").commands)


def test_swedish_by_default_english_with_lang(sv, centrum):
    _, html, dom = sv
    assert dom.one("html").attrs["lang"] == "sv"
    for swedish in ("Sammanfattning", "Hela listan", "Källor", "Innehåll"):
        assert swedish in html
    _, english, dom = centrum
    assert dom.one("html").attrs["lang"] == "en"
    assert "Summary" in english and "Full list" in english and "Sources" in english
    for swedish in ("Sammanfattning", "Hela listan", "Källor", "Innehåll", "Uppdragens status",
                    "Täckning av", "Förändringar sedan", "Avgränsning", "pågående,"):
        assert swedish not in english, swedish


def test_the_page_is_self_contained_and_inert(sv, centrum):
    for _, html, dom in (sv, centrum):
        assert "<script" not in html.lower()
        csp = dom.one("meta", http_equiv="Content-Security-Policy").attrs["content"]
        assert csp == CSP
        assert csp.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        for node in dom.walk():
            assert node.tag not in {"link", "img", "iframe", "object", "embed", "base",
                                    "form", "foreignobject", "image"}, node.tag
            if node.tag == "use":  # a chart's tick marker, defined in the same chart
                assert node.attrs["xlink:href"].startswith("#"), node.attrs
            for name, value in node.attrs.items():
                assert not name.startswith("on"), (node.tag, name)
                if not name.startswith("xmlns"):
                    assert "://" not in (value or ""), (node.tag, name, value)
        assert "@import" not in html and not re.search(r"url\((?!#)", html)
        ids = [n.attrs["id"] for n in dom.walk() if n.attrs.get("id")]
        assert len(ids) == len(set(ids))  # two charts never share an id
        assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_hostile_labels_are_text_in_html_and_svg(hostile):
    _, _, html, dom = hostile
    assert PAYLOAD not in html and "<script" not in html.lower()
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert escaped in svg  # committee / direction / network labels, escaped by matplotlib
    assert "{{ 7*7 }}" in html  # shown as written: nothing renders the data as a template
    assert "$x^2$" in svgs[0]  # mathtext is off: the label is drawn as written
    status = body_rows(table(dom, "committees"))
    assert [tr.one("td", data_key="committee").text() for tr in status] == [HOSTILE_NAME]
    assert HOSTILE_NAME in dom.one("title").text()
    assert escaped in html.split("<title>", 1)[1].split("</title>", 1)[0]


def test_changes_come_from_styrgraf_diff(hostile):
    kb, report, _, dom = hostile
    section = report.section("changes")
    assert "styrgraf diff r2023 r2024" in section.commands
    diff = kb.diff("r2023", "r2024")
    summary = body_rows(table(dom, "diff-summary"))
    total = diff.counts()
    assert sum(counts(tr)["changed"] for tr in summary) == total["changed"] > 0
    status = [r for r in diff.rows("sv").records if r["aspect"] == "status"]
    assert len(body_rows(table(dom, "diff-status"))) == len(status) >= 1
    reports = kb.query("reports-by-status").dicts()
    assert [counts(tr) for tr in body_rows(table(dom, "reports"))] == \
        [{k: r[k] for k in ("assignments", "ongoing", "closed")} for r in reports]
    assert [r["ongoing"] for r in reports] == [1, 0]


def test_charts_are_deterministic_inline_svg():
    bars = [charts.Bar("A", 1, 2, 3), charts.Bar("B", 0, 0, 1)]
    words = ("pågående", "avslutade", "ej rapporterade")
    one = charts.status_chart(bars, legend=words, xlabel="uppdrag", name="x")
    assert one == charts.status_chart(bars, legend=words, xlabel="uppdrag", name="x")
    assert one.startswith("<svg") and one.rstrip().endswith("</svg>")
    assert "<?xml" not in one and "<metadata" not in one and "<!--" not in one
    assert all(i.startswith("x-") for i in re.findall(r'\bid="([^"]+)"', one))
    assert re.findall(r"url\(#([^)]+)\)", one) and \
        all(i.startswith("x-") for i in re.findall(r"url\(#([^)]+)\)", one))


def test_bad_options_are_usage_errors(cli, tmp_path):
    r = cli("report", "--as-of", "2025-13-01", "-o", str(tmp_path / "x.html"))
    assert r.code == 2 and "--as-of" in r.err
    r = cli("report", "--committee", "Nätverket Barn och unga", "-o", str(tmp_path / "x.html"))
    assert r.code == 2 and "not a committee" in r.err
    assert not (tmp_path / "x.html").exists()


def test_cli_writes_html_and_pdf_swedish_by_default(cli, tmp_path):
    """In this process, before the module's browser starts (Playwright's sync API does not
    nest): --pdf launches Chromium of its own."""
    out, pdf = tmp_path / "rapport.html", tmp_path / "rapport.pdf"
    r = cli("report", "--committee", "Socialnämnden Centrum", "-o", str(out),
                    "--pdf", str(pdf), env={"STYRGRAF_LANG": ""})
    assert r.code == 0, r.err
    assert r.out.strip() == str(out.resolve())
    html = out.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "Socialnämnden Centrum" in html
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes())) > 1


# -- in the browser ------------------------------------------------------------------------

def _only(url: str):
    """A route handler letting the file itself through and refusing everything else (one
    parameter: Playwright passes the request too to a handler that takes two)."""

    def handle(route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    return handle


def test_chromium_opens_it_offline_and_prints_a4(browser, sv, hostile, tmp_path):
    for name, html in (("built-in", sv[1]), ("hostile", hostile[2])):
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        url = path.resolve().as_uri()
        context = browser.new_context(viewport={"width": A4_TEXT_PX, "height": 1000})
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc, e=errors: e.append(f"pageerror: {exc}"))

        page.route("**/*", _only(url))  # every request but the file itself is refused
        page.goto(url)
        assert requests == [url], f"{name}: requests left the file: {requests[1:]}"
        assert errors == [], f"{name}: console errors: {errors}"
        assert page.evaluate("() => window.__xss === undefined")
        page.emulate_media(media="print")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= A4_TEXT_PX, f"{name}: {width}px wide at A4 ({A4_TEXT_PX}px)"
        wide = page.evaluate("""w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""", A4_TEXT_PX)
        assert wide == [], f"{name}: elements wider than the page: {wide}"
        # the charts are drawn at the width of the text block, with a height of their own
        boxes = page.evaluate("""() => [...document.querySelectorAll('svg.chart')]
            .map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])""")
        assert boxes and all(w > A4_TEXT_PX - 40 and h > 50 for w, h in boxes), boxes
        context.close()
    pdf = write_pdf(path, tmp_path / "hostile.pdf", browser=browser)  # the same page, printed
    assert pdf.read_bytes().startswith(b"%PDF")
