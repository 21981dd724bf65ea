"""The goal chain page in headless Chromium: tree geometry, readable labels, expand and focus,
the table and its gaps, pictures, print and the view kept in the link.

One page of the built-in knowledge base is opened once for the module (the
tests leave it as they found it); pages are written in process with the
library (the command itself is tested in test_viz_cli.py).
"""

from __future__ import annotations

import base64
import json
import re

import pytest
from test_viz_browser import (  # noqa: F401 - the browser and open_page fixtures
    READY,
    Opened,
    browser,
    open_file,
    open_page,
)

from styrgraf.viz import VizRequest, build, write
from viz_expected import CHAIN, HOSTILE, iri

SVF = "Nätverket Stadsområde, välfärd och fritid"
BOXES = """() => Object.fromEntries(window.network.body.data.nodes.getIds().map(
  id => [id, window.network.getBoundingBox(id)]))"""
TREE_LINES = """() => { const p = window.network.getPositions();
  return window.network.body.data.edges.get().map(e => [p[e.from], p[e.to], e.from, e.to]); }"""


def _open(browser, path, fragment: str = "") -> Opened:  # noqa: F811
    return open_file(browser, path, fragment, accept_downloads=True)


@pytest.fixture(scope="module")
def pages(real_kb, opened, tmp_path_factory):
    """Pages written once: the built-in chain, a network's chain, the hostile fixture's chain."""
    folder = tmp_path_factory.mktemp("chain-pages")
    made = {}
    for name, store, request in (
            ("kb", real_kb.store, VizRequest(lang="en")),
            ("svf", real_kb.store, VizRequest(network=SVF, lang="en")),
            ("hostile", opened(HOSTILE).store, VizRequest(lang="en")),
            ("chain", opened(CHAIN).store, VizRequest(lang="sv")),
            ("committee", real_kb.store, VizRequest(focus="Socialnämnden Centrum"))):
        made[name] = write(folder / f"{name}.html", build(store, request).html)
    return made


@pytest.fixture(scope="module")
def kb_page(browser, pages):  # noqa: F811
    opened = _open(browser, pages["kb"])
    yield opened
    opened.page.context.close()


def _ids(opened: Opened) -> set[str]:
    return set(opened.page.evaluate("() => window.network.body.data.nodes.getIds()"))


def _overlaps(boxes: dict) -> list[tuple[str, str]]:
    items = sorted(boxes.items(), key=lambda kv: kv[1]["left"])
    found = []
    for i, (a, ba) in enumerate(items):
        for b, bb in items[i + 1:]:
            if bb["left"] >= ba["right"]:
                break
            if ba["top"] < bb["bottom"] and bb["top"] < ba["bottom"]:
                found.append((a, b))
    return found


def _crossings(lines: list) -> list:
    def orient(p, q, r):
        v = (q["x"] - p["x"]) * (r["y"] - p["y"]) - (q["y"] - p["y"]) * (r["x"] - p["x"])
        return (v > 1e-6) - (v < -1e-6)

    found = []
    for i, (a, b, *ends) in enumerate(lines):
        for c, d, *others in lines[i + 1:]:
            if set(ends) & set(others):
                continue
            if orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0:
                found.append((ends, others))
    return found


def _click(opened: Opened, node: str, double: bool = False) -> None:
    page = opened.page
    page.evaluate("id => window.network.focus(id, {scale: 1, animation: false})", node)
    point = page.evaluate("id => window.network.canvasToDOM(window.network.getPosition(id))", node)
    box = page.locator("#graph").bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    if double:
        page.mouse.dblclick(x, y)
    else:
        page.mouse.click(x, y)
        page.wait_for_timeout(350)  # past vis-network's double-click window


@pytest.fixture(scope="module")
def chain_size(real_kb) -> dict[str, int]:
    """How many nodes of each chain class the built-in knowledge base has, as it grows."""
    from styrgraf.queries.engine import select

    rows = select(real_kb.store, "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?t { "
                  "sg:Vision sg:Goal sg:LongTermDirection sg:Strategy sg:Activity } ?s a ?t } "
                  "GROUP BY ?t").rows
    return {r["t"].value.rsplit("#", 1)[1]: int(r["n"].value) for r in rows}


def _query_rows(cli, *args: str) -> list[dict]:
    r = cli("query", *args, "-f", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_tree_boxes_do_not_overlap_and_tree_lines_do_not_cross(kb_page, chain_size):
    page = kb_page.page
    boxes = page.evaluate(BOXES)
    total = sum(chain_size.values())  # the vision, goals, directions, strategies, activities
    assert len(boxes) == total > 30
    assert _overlaps(boxes) == []
    lines = page.evaluate(TREE_LINES)
    assert len(lines) == total - 1 and _crossings(lines) == []  # one tree
    # The page's own tidy tree (run again after measuring the boxes) agrees with Python's.
    moved = page.evaluate("""() => { const at = window.network.getPositions();
      return Math.max(...window.styrgraf.data.nodes.filter(n => n.y !== undefined).map(n =>
        Math.max(Math.abs(at[n.id].x - n.x), Math.abs(at[n.id].y - n.y)))); }""")
    assert moved < 1
    # labels are wrapped, never cut: every letter of every name is on the canvas
    labels = page.evaluate("() => window.network.body.data.nodes.get().map(n => [n.id, n.label])")
    details = page.evaluate("() => window.styrgraf.data.details")
    for node, label in labels:
        assert "".join(label.split()) == "".join(details[node]["label"].split())
    kb_page.assert_clean()


def test_opening_labels_are_readable_and_the_vision_is_in_view(kb_page):
    page = kb_page.page
    scale = page.evaluate("() => window.network.getScale()")
    font = page.evaluate("() => window.styrgraf.data.geometry.font")
    assert scale * font >= 12
    vision = page.evaluate("""() => { const v = window.styrgraf.data.tree.roots[0];
      return window.network.canvasToDOM(window.network.getPosition(v)); }""")
    box = page.locator("#graph").bounding_box()
    assert 0 <= vision["x"] <= box["width"] and 0 <= vision["y"] <= box["height"]


def test_gap_list_equals_the_command_lines_counts(kb_page, cli):
    counts = kb_page.page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#gap-list button')]"
        ".map(b => [b.dataset.gap, +b.dataset.count]))")
    assert counts["no-activity"] == len(_query_rows(cli, "strategies-without-activities"))
    activity_rows = _query_rows(cli, "activity-gaps")
    for part in ("responsible", "timeline", "strategy", "source"):
        expected = sum(part in row["missing"] for row in activity_rows)
        assert counts.get(f"no-{part}", 0) == expected, part


def test_a_click_opens_a_nodes_neighbours_and_a_second_closes_them(kb_page):
    page = kb_page.page
    before = _ids(kb_page)
    strategy = page.evaluate("""() => { const d = window.styrgraf.data;
      return d.visible.find(id => d.details[id].cls === 'Activity'); }""")
    neighbours = set(page.evaluate("""id => window.styrgraf.data.edges
      .filter(e => e[0] === id || e[1] === id).map(e => e[0] === id ? e[1] : e[0])""", strategy))
    _click(kb_page, strategy)
    after = _ids(kb_page)
    assert after == before | neighbours and after != before
    assert _overlaps(page.evaluate(BOXES)) == []
    assert _crossings(page.evaluate(TREE_LINES)) == []
    _click(kb_page, strategy)
    assert _ids(kb_page) == before
    kb_page.assert_clean()


def test_focus_dims_everything_outside_the_chain(kb_page):
    page = kb_page.page
    direction = iri("dir:forebyggande")
    _click(kb_page, direction, double=True)
    page.wait_for_function("() => window.styrgraf.focus !== null")
    dimmed = set(page.evaluate("() => window.styrgraf.dimmed"))
    tree = page.evaluate("() => window.styrgraf.data.tree")
    parent = {c: p for p, cs in tree["children"].items() for c in cs}
    keep, stack = set(), [direction]
    while stack:
        node = stack.pop()
        keep.add(node)
        stack.extend(tree["children"].get(node, []))
    up = parent.get(direction)
    while up:
        keep.add(up)
        up = parent.get(up)
    assert dimmed == _ids(kb_page) - keep and dimmed
    opacity = page.evaluate("id => window.network.body.data.nodes.get(id).opacity",
                            sorted(dimmed)[0])
    assert opacity < 0.5
    trail = page.locator("#trail").inner_text()
    assert "En förebyggande socialtjänst" in trail and "Göteborg ska vara" in trail
    page.click("#unfocus")
    assert page.evaluate("() => window.styrgraf.dimmed") == []
    page.evaluate("() => { window.styrgraf.collapse(window.styrgraf.selected); }")


def test_search_ignores_missing_diacritics_and_reads_descriptions(kb_page):
    page = kb_page.page
    page.fill("#search-input", "faltchat")
    page.press("#search-input", "Enter")
    assert page.locator("#details-title").inner_text().startswith("Fältchat")
    assert page.locator("#result-count").inner_text().startswith("Matches: ")
    page.fill("#search-input", "nothing like this anywhere")
    page.press("#search-input", "Enter")
    assert page.locator("#result-count").inner_text() == "No node matches."
    page.click("#details-close")


def test_png_and_svg_exports_are_real_images(kb_page):
    page = kb_page.page
    png = page.evaluate("() => window.styrgraf.pngURL()")
    raw = base64.b64decode(png.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 10_000
    svg = page.evaluate("() => window.styrgraf.svgText()")
    assert svg.startswith("<svg") and svg.count("<g") == len(_ids(kb_page))
    assert "Fältchat" in svg
    with page.expect_download() as png_file:
        page.click("#save-png")
    with page.expect_download() as svg_file:
        page.click("#save-svg")
    for download, head in ((png_file.value, b"\x89PNG"), (svg_file.value, b"<svg")):
        with open(download.path(), "rb") as handle:
            data = handle.read()
        assert data.startswith(head) and len(data) > 1000
    kb_page.assert_clean()


def test_the_table_lists_the_chain_filters_it_and_marks_gaps_as_the_cli(kb_page, cli,
                                                                        chain_size):
    page = kb_page.page
    page.click("#view-both")
    assert page.is_visible("#chain-table") and page.is_visible("#graph")
    assert page.evaluate("() => window.styrgraf.tableRows") == sum(chain_size.values())
    page.select_option("#filter-network", iri("actor:natverk-svf"))
    gap_label = page.evaluate("() => window.styrgraf.data.gapKinds"
                              ".find(g => g.key === 'no-activity').label")
    marked = page.locator("#chain-rows tr.gap td.gapcell").all_inner_texts()
    rows = _query_rows(cli, "strategies-without-activities", "-p", "network", SVF)
    assert sum(gap_label in text for text in marked) == len(rows)
    page.select_option("#filter-network", iri("actor:natverk-barn-och-unga"))
    assert page.is_visible("#table-empty")
    page.select_option("#filter-network", "")
    assert page.is_hidden("#table-empty")
    page.click("#chain-table th[data-sort=gap] button")
    assert page.get_attribute("#chain-table th[data-sort=gap]", "aria-sort") == "ascending"
    page.click("#chain-rows tr button.toggle >> nth=0")  # close the vision: one row left
    assert page.evaluate("() => window.styrgraf.tableRows") == 1
    page.click("#table-open")
    page.click("#view-graph")


def test_print_shows_the_picture_and_the_table_on_a4_landscape(kb_page):
    page = kb_page.page
    css = page.evaluate("() => document.querySelector('style').textContent")
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape", css)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    try:
        assert page.is_hidden("#sidebar") and page.is_visible("#chain-table")
        slices = page.evaluate("() => [...document.querySelectorAll('#print-figure svg')]"
                               ".map(s => s.getBoundingClientRect().height / "
                               "s.getBoundingClientRect().width)")
        assert len(slices) > 1 and all(r < 0.7 for r in slices)  # each fits an A4 landscape
    finally:
        page.emulate_media(media="screen")


def test_the_link_reopens_the_same_view(kb_page, open_page, pages):  # noqa: F811
    page = kb_page.page
    goal = iri("goal:jamlik-och-trygg-stad")
    page.evaluate("id => window.styrgraf.expand(id)", goal)
    page.evaluate("id => window.styrgraf.setFocus(id)", iri("dir:forebyggande"))
    page.click("#view-both")
    fragment = page.evaluate("() => window.location.hash")
    assert "focus=" in fragment and "open=" in fragment and "view=both" in fragment
    state = page.evaluate("() => [window.styrgraf.focus, Object.keys(window.styrgraf.expanded)]")
    ids = _ids(kb_page)
    again = open_page(pages["kb"], fragment, accept_downloads=True)
    assert _ids(again) == ids
    assert again.page.evaluate(
        "() => [window.styrgraf.focus, Object.keys(window.styrgraf.expanded)]") == state
    assert again.page.evaluate("() => window.styrgraf.view") == "both"
    again.assert_clean()
    page.evaluate("id => { window.styrgraf.setFocus(null); window.styrgraf.collapse(id); "
                  "window.styrgraf.setView('graph'); }", goal)


def test_a_network_page_keeps_every_direction_and_strategy(open_page, pages, cli,  # noqa: F811
                                                             chain_size):
    opened = open_page(pages["svf"], accept_downloads=True)
    page = opened.page
    classes = page.evaluate("() => window.network.body.data.nodes.get().map(n => n.cls)")
    assert classes.count("LongTermDirection") == chain_size["LongTermDirection"]
    assert classes.count("Strategy") == chain_size["Strategy"]
    count = page.evaluate("() => +document.querySelector("
                          "'#gap-list button[data-gap=no-activity]').dataset.count")
    assert count == len(_query_rows(cli, "strategies-without-activities", "-p", "network",
                                    SVF))
    assert _overlaps(page.evaluate(BOXES)) == []
    opened.assert_clean()


def test_hostile_text_stays_text_in_the_tree_table_and_pictures(open_page, pages):  # noqa: F811
    opened = open_page(pages["hostile"], accept_downloads=True)
    page = opened.page
    page.click("#view-both")
    assert '<img src=x onerror="window.__xss=1">' in page.locator("#chain-rows").inner_text()
    svg = page.evaluate("() => window.styrgraf.svgText()")
    assert "<img" not in svg and "&lt;img src=x" in svg
    _click(opened, iri("act:xss"))
    assert page.evaluate("() => window.__xss") is None
    counts = page.evaluate("() => ['img', 'svg', 'iframe', 'a', 'b'].map("
                           "t => document.getElementsByTagName(t).length)")
    assert counts == [0, 0, 0, 0, 0]
    opened.assert_clean()


def test_swedish_interface_by_default(open_page, pages):  # noqa: F811
    opened = open_page(pages["chain"], accept_downloads=True)
    page = opened.page
    assert page.locator("h1").inner_text() == "styrgraf — målkedjan"
    assert page.locator("#save-png").inner_text() == "Spara PNG"
    assert "aktivitet" in page.locator("#class-list").inner_text()
    opened.assert_clean()


def test_focus_off_the_chain_opens_the_way_to_it_and_marks_it(open_page, pages):  # noqa: F811
    opened = open_page(pages["committee"], accept_downloads=True)
    page = opened.page
    committee = iri("actor:socialnamnden-centrum")
    assert committee in _ids(opened)  # opened from the chain, through the relations
    assert page.evaluate("() => window.network.getSelectedNodes()") == [committee]
    assert page.evaluate("() => window.styrgraf.focus") == committee
    assert page.evaluate("() => window.styrgraf.dimmed.length") > 0
    assert page.locator("#details-title").inner_text() == "Socialnämnden Centrum"
    assert _overlaps(page.evaluate(BOXES)) == []
    opened.assert_clean()
