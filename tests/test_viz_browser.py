"""`styrgraf viz` pages in a real browser: headless Chromium driven by Playwright.

Every page is written by the real command, opened from a file:// URL, and
must draw without console errors and without a single request leaving the
file. Chromium is Debian's (scripts/ensure-chromium.sh installs it); when it
is missing these tests fail, they are never skipped.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import FIXTURES
from styrgraf.viz.classes import BY_NAME, DEFAULT_TYPES
from styrgraf.viz.page import GAP_COLOR
from viz_expected import CHAIN, CHAIN_DEFAULT, HOSTILE, iri, iris

sys.path.insert(0, str(FIXTURES / "viz"))
from synthetic import write_synthetic

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Functions, not expression strings: Playwright evaluates strings with eval, which the
# page's Content-Security-Policy (rightly) refuses.
READY = "() => window.styrgraf && window.styrgraf.ready === true"
#: What a network or committee filter keeps besides its own nodes: every direction and strategy.
SKELETON = iris("dir:forebyggande", "dir:tillganglig", "strat:tidiga-insatser",
                "strat:na-grupper", "strat:kontakt")



@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: run ./scripts/ensure-chromium.sh (Debian's chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page opened from a file, with every request and every error it produced."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def ids(self) -> set[str]:
        return set(self.page.evaluate("window.network.body.data.nodes.getIds()"))

    def assert_clean(self) -> None:
        outside = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert outside == [], f"requests left the file: {outside}"
        assert self.errors == [], f"console errors: {self.errors}"


def open_file(browser, path: Path, fragment: str = "", **options) -> Opened:
    """`path` (+ `fragment`) in a new 1400×900 context, every request and error recorded,
    once the page says it is ready; `options` go to the context (accept_downloads …)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, **options)
    page = context.new_page()
    opened = Opened(page)
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(f"pageerror: {e}"))
    page.goto(path.resolve().as_uri() + fragment)
    page.wait_for_function(READY, timeout=60_000)
    return opened


@pytest.fixture
def open_page(browser):
    """Open files with `open_file`; their contexts close when the test ends."""
    opened: list[Opened] = []

    def open_(path: Path, fragment: str = "", **options) -> Opened:
        opened.append(open_file(browser, path, fragment, **options))
        return opened[-1]

    yield open_
    for o in opened:
        o.page.context.close()


@pytest.fixture
def make_page(cli, tmp_path):
    counter = iter(range(1000))

    def make(data: Path | None, *args: str) -> Path:
        out = tmp_path / f"page-{next(counter)}.html"
        prefix = ("--data", str(data)) if data is not None else ()
        r = cli(*prefix, "viz", "-o", str(out), *args)
        assert r.code == 0, r.err
        assert r.out.strip() == str(out.resolve())
        return out

    return make


def _click_node(opened: Opened, node: str) -> None:
    """Click where the node is drawn, as a person would."""
    page = opened.page
    page.evaluate("window.network.stopSimulation()")
    point = page.evaluate("id => window.network.canvasToDOM(window.network.getPosition(id))", node)
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])




def test_page_draws_every_node_offline_without_errors(make_page, open_page):
    opened = open_page(make_page(CHAIN, "--layout", "force"))
    assert opened.ids() == CHAIN_DEFAULT
    page = opened.page
    assert page.evaluate("window.network.body.data.edges.length") == 39
    # vis-network really drew them: every node has a position on the canvas.
    assert page.evaluate("Object.keys(window.network.getPositions()).length") == 32
    assert page.evaluate("document.querySelector('canvas') !== null")
    legend = page.locator("#class-list").inner_text()
    assert "activity" in legend and "strategy" in legend
    opened.assert_clean()


def test_hostile_labels_show_as_text_and_run_nothing(make_page, open_page):
    opened = open_page(make_page(HOSTILE, "--layout", "force"))
    page = opened.page
    hostile = '<img src=x onerror="window.__xss=1">'
    assert opened.ids() == iris("act:xss", "actor:evil", "strat:quotes", "dir:line", "doc:evil")
    _click_node(opened, iri("act:xss"))
    page.wait_for_selector("#details:not([hidden])")
    assert page.locator("#details-title").inner_text() == hostile
    panel = page.locator("#details").inner_text()
    assert "</script><script>window.__xss=2</script> & {{ 7*7 }} ${7*7}" in panel
    assert "</script><script>window.__xss=3</script>" in panel  # the responsible
    assert "<b>2025</b>" in panel  # the timeline, tags and all
    assert '<svg onload="window.__xss=4"></svg>Dokument' in panel  # source document
    assert '<iframe src="javascript:window.__xss=5"></iframe>Avsnitt' in panel  # section
    # The hover tooltip shows the same text as text.
    page.mouse.move(10, 10)
    _hover = page.evaluate("id => window.network.canvasToDOM(window.network.getPosition(id))",
                           iri("act:xss"))
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + _hover["x"], box["y"] + _hover["y"])
    page.wait_for_function("() => document.querySelector('div.vis-tooltip') && "
                           "document.querySelector('div.vis-tooltip').style.visibility "
                           "=== 'visible'", timeout=5_000)
    assert hostile in page.locator("div.vis-tooltip").inner_text()
    # The search results list labels as text too.
    page.fill("#search-input", "apostrofer")
    page.press("#search-input", "Enter")
    assert "<a href=\"javascript:window.__xss=6\">länk</a>" in \
        page.locator("#results").inner_text()
    page.click("#results button")
    assert page.evaluate("window.__xss") is None
    counts = page.evaluate("['img', 'svg', 'iframe', 'a', 'b'].map("
                           "t => document.getElementsByTagName(t).length)")
    assert counts == [0, 0, 0, 0, 0]
    opened.assert_clean()


@pytest.mark.parametrize(("args", "expected"), [
    (("--focus", "strat:tidiga-insatser", "--depth", "1"),
     iris("strat:tidiga-insatser", "dir:forebyggande", "act:faltchat")),
    (("--focus", "En förebyggande socialtjänst", "--depth", "1"),
     iris("dir:forebyggande", "goal:malbild", "goal:trygg-stad", "strat:tidiga-insatser",
          "strat:na-grupper", "act:faltchat", "act:kartlaggning", "act:utbildning")),
    (("--types", "Strategy,aktivitet"),
     iris("strat:tidiga-insatser", "strat:na-grupper", "strat:kontakt", "act:faltchat",
          "act:kartlaggning", "act:utbildning")),
    (("--types", "strategi,Activity", "--focus", "act:utbildning", "--depth", "3"),
     iris("act:utbildning")),
    (("--network", "Nätverket Stadsområde, välfärd och fritid"),
     iris("actor:natverk-svf", "act:faltchat", "act:kartlaggning", "actor:ec-falt",
          "actor:polisen") | SKELETON),
    (("--committee", "actor:socialnamnden-nordost"),
     iris("actor:socialnamnden-nordost", "asg:fritidsbanker", "asg:nordost-eget",
          "actor:kommunfullmaktige", "actor:socialnamnderna", "resp:fritidsbanker--april",
          "resp:fritidsbanker--augusti") | SKELETON),
])
def test_focus_depth_types_network_committee_give_the_expected_nodes(
        make_page, open_page, args, expected):
    opened = open_page(make_page(CHAIN, "--layout", "force", *args))
    assert opened.ids() == expected
    opened.assert_clean()


def test_search_box_finds_and_focuses_a_node(make_page, open_page):
    opened = open_page(make_page(CHAIN))
    page = opened.page
    page.fill("#search-input", "fältchat")
    page.press("#search-input", "Enter")
    assert page.evaluate("window.network.getSelectedNodes()") == [iri("act:faltchat")]
    assert page.locator("#result-count").inner_text() == "Matches: 1"
    assert page.locator("#details-title").inner_text().startswith("Fältchat – för att nå")
    details = page.locator("#details").inner_text()
    assert "Enhetschef fält" in details and "2025–2026" in details
    assert "Testplan för omställning — 2 Aktiviteter" in details
    # A query matching nothing says so and selects nothing new.
    page.fill("#search-input", "finns inte alls")
    page.press("#search-input", "Enter")
    assert page.locator("#result-count").inner_text() == "No node matches."
    opened.assert_clean()


def test_class_checkboxes_hide_and_show_nodes(make_page, open_page):
    opened = open_page(make_page(CHAIN, "--layout", "force"))
    page = opened.page
    hidden = "window.network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)"
    page.uncheck("#class-list input[value=Activity]")
    assert set(page.evaluate(hidden)) == iris("act:faltchat", "act:kartlaggning",
                                              "act:utbildning")
    page.check("#class-list input[value=Activity]")
    assert page.evaluate(hidden) == []
    page.click("#hide-all")
    assert len(page.evaluate(hidden)) == 32
    # Finding a hidden node shows its class again.
    page.fill("#search-input", "Polisen")
    page.press("#search-input", "Enter")
    assert page.is_checked("#class-list input[value=PartnerOrganisation]")
    assert iri("actor:polisen") not in page.evaluate(hidden)
    opened.assert_clean()


def test_gaps_are_marked_and_listed_and_can_be_turned_off(make_page, open_page):
    opened = open_page(make_page(CHAIN, "--layout", "force"))
    page = opened.page
    borders = page.evaluate("Object.fromEntries(window.network.body.data.nodes.get()"
                            ".map(n => [n.id, [n.borderWidth, n.color.border]]))")
    marked = {n for n, (width, color) in borders.items() if color == GAP_COLOR}
    assert marked == iris("dir:tillganglig", "strat:na-grupper", "strat:kontakt",
                          "act:kartlaggning", "act:utbildning", "asg:skolfam")
    assert all(borders[n][0] == 4 for n in marked)
    legend = page.locator("#gap-list").inner_text()
    assert "strategy or direction without activities (3)" in legend
    assert "assignment ongoing at the latest report (1)" in legend
    page.click("#gap-list button[data-gap=open]")
    assert set(page.locator("#results li").all_inner_texts()) == {"Utöka Skolfam"}
    page.click("#results button >> nth=0")
    assert "assignment ongoing at the latest report" in page.locator("#details").inner_text()
    opened.assert_clean()

    plain = open_page(make_page(CHAIN, "--layout", "force", "--no-gaps"))
    assert plain.page.is_hidden("#gap-legend")
    assert plain.page.evaluate("window.network.body.data.nodes.get()"
                               ".filter(n => n.borderWidth !== 1).length") == 0
    plain.assert_clean()


def test_curated_edges_are_dashed_with_a_legend_entry(make_page, open_page):
    opened = open_page(make_page(CHAIN, "--layout", "force"))
    page = opened.page
    dashed = page.evaluate("window.network.body.data.edges.get({filter: e => e.dashes})"
                           ".map(e => [e.from, e.to])")
    assert sorted(map(tuple, dashed)) == sorted([
        (iri("act:faltchat"), iri("strat:tidiga-insatser")),
        (iri("actor:socialnamnderna"), iri("actor:socialnamnden-centrum")),
        (iri("actor:socialnamnderna"), iri("actor:socialnamnden-nordost"))])
    assert page.is_visible("#curated-entry")
    titles = page.evaluate("window.network.body.data.edges.get().map(e => e.title)")
    assert "supports strategy (curator's judgement (not stated in a document))" in titles
    opened.assert_clean()


def test_hierarchical_layout_grows_the_goal_chain_down(make_page, open_page):
    opened = open_page(make_page(CHAIN, "--layout", "hierarchical", "--lang", "sv"))
    page = opened.page
    ys = page.evaluate("(ids => ids.map(id => window.network.getPosition(id).y))",
                       [iri(p) for p in ("goal:malbild", "goal:trygg-stad", "dir:forebyggande",
                                         "strat:tidiga-insatser", "act:faltchat")])
    assert ys == sorted(ys) and len(set(ys)) == 5
    assert "aktivitet" in page.locator("#class-list").inner_text()  # Swedish texts
    opened.assert_clean()


def test_large_graph_gets_positions_and_physics_stops(tmp_path, make_page, open_page):
    data = tmp_path / "large"
    data.mkdir()
    write_synthetic(data, 400)
    opened = open_page(make_page(data, "--layout", "force"))
    page = opened.page
    assert len(opened.ids()) == 400
    assert page.evaluate("window.network.body.data.nodes.get()"
                         ".every(n => typeof n.x === 'number' && typeof n.y === 'number')")
    assert page.evaluate("window.network.physics.physicsEnabled") is False
    opened.assert_clean()


def test_builtin_knowledge_base_page(cli, make_page, open_page):
    """The shipped knowledge base: counts come from the store, as it grows."""
    values = " ".join(f"<{BY_NAME[name].iri}>" for name in sorted(DEFAULT_TYPES))
    nodes = json.loads(cli("sparql", "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?t { "
                           + values + " } ?s a ?t . FILTER(isIRI(?s)) }", "-f", "json").out)
    edges = json.loads(cli("sparql", "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                           "WHERE { VALUES ?t { " + values + " } VALUES ?u { " + values + " } "
                           "?s a ?t . ?o a ?u . ?s ?p ?o . "
                           "FILTER(?p != rdf:type && isIRI(?s) && isIRI(?o)) } }",
                           "-f", "json").out)
    opened = open_page(make_page(None, "--layout", "force"))
    page = opened.page
    assert len(opened.ids()) == nodes[0]["n"] > 100
    assert page.evaluate("window.network.body.data.edges.length") == edges[0]["n"]
    assert page.evaluate("window.styrgraf.data.gapKinds.length") > 0
    opened.assert_clean()
