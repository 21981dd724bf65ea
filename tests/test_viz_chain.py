"""The goal chain in-process: its tree, the tidy layout, and the filters' gaps against the CLI's.

Browser behaviour (expanding, focus, export, URL state) is in
test_viz_chain_browser.py; here are the parts Python decides.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from styrgraf.knowledge.errors import InputError
from styrgraf.queries.named import Names, run_named
from styrgraf.viz import VizRequest, build
from styrgraf.viz.chain import build_chain
from styrgraf.viz.extract import extract
from styrgraf.viz.tree import BOX_W, COLUMN_PX, box_height, positions, tidy, wrap
from viz_expected import CHAIN, iri, iris

SVF = "Nätverket Stadsområde, välfärd och fritid"


@pytest.fixture(scope="module")
def chain_kb(opened):
    return opened(CHAIN).store


def page_data(html: str) -> dict:
    found = re.search(r'<script id="styrgraf-data" type="application/json">(.*?)</script>',
                      html, re.S)
    return json.loads(found[1])


def gap_counts(html: str) -> dict[str, int]:
    return {g["key"]: g["count"] for g in page_data(html)["gapKinds"]}


def test_every_node_hangs_under_its_first_parent(chain_kb):
    graph = extract(chain_kb, lang="sv")
    chain = build_chain(graph, iris("act:faltchat", "act:kartlaggning", "act:utbildning"))
    assert chain.roots == [iri("goal:malbild")]
    parent = {k: v for k, v in chain.parent.items()}
    assert parent[iri("goal:trygg-stad")] == iri("goal:malbild")  # through its direction
    assert parent[iri("dir:forebyggande")] == iri("goal:trygg-stad")
    assert parent[iri("dir:tillganglig")] == iri("goal:malbild")  # no goal: the vision
    assert parent[iri("act:faltchat")] == iri("strat:tidiga-insatser")  # curated strategy first
    assert parent[iri("act:kartlaggning")] == iri("dir:forebyggande")  # no strategy
    assert chain.also[iri("dir:forebyggande")] == [iri("goal:malbild")]
    assert [chain.depth[iri(p)] for p in ("goal:malbild", "goal:trygg-stad", "dir:forebyggande",
                                          "strat:tidiga-insatser", "act:faltchat")] == \
        [0, 1, 2, 3, 4]
    assert chain.order()[0] == iri("goal:malbild") and len(chain.order()) == 10


def _random_forest(seed: int, n: int):
    rng = random.Random(seed)
    children: dict[str, list[str]] = {}
    depth = {"n0": 0}
    roots = ["n0"]
    for i in range(1, n):
        node = f"n{i}"
        if rng.random() < 0.05:
            roots.append(node)
            depth[node] = 0
            continue
        parent = f"n{rng.randrange(i)}"
        children.setdefault(parent, []).append(node)
        depth[node] = depth[parent] + 1
    lines = {k: rng.randint(1, 6) for k in depth}
    return roots, children, depth, lines


@pytest.mark.parametrize("orientation", ["right", "down"])
def test_tidy_tree_boxes_never_overlap_and_lines_never_cross(orientation):
    roots, children, depth, lines = _random_forest(4, 400)
    placed = positions(roots, children, depth, lines, orientation)
    boxes = {}
    for node, (x, y) in placed.items():
        w, h = BOX_W, box_height(lines[node])
        boxes[node] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    items = sorted(boxes.items(), key=lambda kv: kv[1][0])
    for i, (a, ba) in enumerate(items):
        for b, bb in items[i + 1:]:
            if bb[0] >= ba[2]:
                break
            assert not (ba[1] < bb[3] and bb[1] < ba[3]), (a, b)
    segments = [(placed[p], placed[c]) for p, cs in children.items() for c in cs]
    crossings = sum(_cross(s, t) for i, s in enumerate(segments) for t in segments[i + 1:])
    assert crossings == 0
    if orientation == "right":
        assert all(placed[n][0] == depth[n] * COLUMN_PX for n in placed)
        # the outline reading: a parent is level with the top of its first child's band
        for p, cs in children.items():
            assert placed[p][1] <= placed[cs[0]][1] + box_height(lines[p])


def _cross(s, t) -> bool:
    """True if two segments properly intersect (sharing an end is not crossing)."""
    (a, b), (c, d) = s, t
    if len({a, b, c, d}) < 4:
        return False

    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 1e-9) - (v < -1e-9)

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def test_tidy_is_linear_enough_for_large_trees():
    import time

    roots, children, depth, lines = _random_forest(2, 20_000)
    extent = {n: box_height(lines[n]) for n in depth}
    started = time.perf_counter()
    tidy(roots, children, extent)
    assert time.perf_counter() - started < 1.0


def test_labels_are_wrapped_whole_never_cut():
    text = ("Se över anvisningarna för det lokala föreningsbidraget och för det "
            "stadenövergripande föreningsbidraget till organisationer inom socialt arbete")
    lines = wrap(text)
    assert " ".join(lines) == text and all(len(line) <= 22 for line in lines)
    assert wrap("x" * 50) == ["x" * 22, "x" * 22, "x" * 6]


def test_default_page_is_the_chain_with_the_clis_gap_counts(chain_kb):
    result = build(chain_kb, VizRequest(lang="en"))
    assert (result.nodes, result.edges, result.gaps) == (10, 9, 5)
    data = page_data(result.html)
    assert set(data["visible"]) == iris(
        "goal:malbild", "goal:trygg-stad", "dir:forebyggande", "dir:tillganglig",
        "strat:tidiga-insatser", "strat:na-grupper", "strat:kontakt",
        "act:faltchat", "act:kartlaggning", "act:utbildning")
    # everything else is on the page too, for a click to open
    assert len(data["nodes"]) == 32 and data["layout"] == "chain"
    names = Names(chain_kb)
    without = run_named(chain_kb, "strategies-without-activities", names=names).rows
    assert gap_counts(result.html)["no-activity"] == len(without)


@pytest.mark.parametrize("network", [SVF, "Nätverket Barn och unga"])
def test_a_network_keeps_its_gaps_and_counts_them_as_the_cli_does(chain_kb, network):
    result = build(chain_kb, VizRequest(network=network, lang="en"))
    names = Names(chain_kb)
    rows = run_named(chain_kb, "strategies-without-activities", [("network", network)],
                     names=names).rows
    acts = run_named(chain_kb, "activity-gaps", [("network", network)], names=names).rows
    counts = gap_counts(result.html)
    assert counts["no-activity"] == len(rows) > 0
    missing_timeline = sum("timeline" in r["missing"].value for r in acts)
    assert counts.get("no-timeline", 0) == missing_timeline
    data = page_data(result.html)
    kinds = {c["name"]: c["count"] for c in data["classes"]}
    assert kinds["LongTermDirection"] == 2 and kinds["Strategy"] == 3  # none dropped


def test_a_committee_keeps_its_gaps_as_coverage_by_committee_counts(real_kb, chain_kb):
    committee = "actor:socialnamnden-centrum"
    result = build(real_kb.store, VizRequest(committee=committee, lang="en"))
    rows = run_named(real_kb.store, "coverage-by-committee", [("committee", committee)]).rows
    zeros = [r for r in rows if int(r["activities"].value) == 0]
    assert gap_counts(result.html)["no-activity"] == len(zeros) > 0
    ongoing = run_named(real_kb.store, "assignments-by-status",
                        [("status", "pågående"), ("committee", committee)]).rows
    assert gap_counts(result.html).get("open", 0) == len({r["assignment"].value
                                                          for r in ongoing})
    # assignments the committee carries hang in the chain, with their latest status
    small = page_data(build(chain_kb, VizRequest(committee=committee)).html)
    assert iri("asg:skolfam") in small["visible"]
    assert {n["id"]: n.get("s") for n in small["nodes"]}[iri("asg:skolfam")] == "open"


def test_empty_filters_are_said_in_words(chain_kb):
    empty = build(chain_kb, VizRequest(committee="actor:kommunfullmaktige", lang="en"))
    assert "carries no assignment" in empty.notice and "all 5 directions" in empty.notice
    assert empty.notice in empty.html.replace("&#39;", "'")
    with pytest.raises(InputError, match="nothing matches both --network"):
        build(chain_kb, VizRequest(network="Nätverket Barn och unga",
                                   committee="actor:socialnamnden-nordost", lang="en"))


def test_hierarchical_is_the_same_tree_growing_down(chain_kb):
    data = page_data(build(chain_kb, VizRequest(layout="hierarchical")).html)
    y = {n["id"]: n["y"] for n in data["nodes"] if "y" in n}
    assert y[iri("goal:malbild")] < y[iri("goal:trygg-stad")] < y[iri("dir:forebyggande")] \
        < y[iri("strat:tidiga-insatser")] < y[iri("act:faltchat")]


def test_focus_opens_on_the_nodes_chain_to_depth_levels_below(chain_kb):
    data = page_data(build(chain_kb, VizRequest(focus="En förebyggande socialtjänst",
                                                depth=1)).html)
    assert set(data["visible"]) == iris(
        "goal:malbild", "goal:trygg-stad", "dir:forebyggande", "strat:tidiga-insatser",
        "strat:na-grupper", "act:kartlaggning", "act:utbildning")  # not the sibling direction
    assert data["focus"] == iri("dir:forebyggande")
    whole = page_data(build(chain_kb, VizRequest(focus="dir:forebyggande")).html)
    assert iri("act:faltchat") in whole["visible"] and iri("dir:tillganglig") not in \
        whole["visible"]
