"""styrgraf.viz in-process: extraction, gaps, selection, layout and the page's HTML.

Exact expectations come from the hand-built fixture tests/fixtures/viz/chain
(a goal chain with gaps, statuses reported in two interim reports, a curated
edge and two nodes sharing a label).
"""

from __future__ import annotations

import contextlib
import html as html_module
import json
import re

import pytest

from styrgraf.knowledge.atomic import atomic_writer
from styrgraf.knowledge.errors import InputError
from styrgraf.viz import VizRequest, build, write
from styrgraf.viz.classes import DEFAULT_TYPES, parse_types
from styrgraf.viz.extract import extract
from styrgraf.viz.layout import local_spring, positions
from styrgraf.viz.page import (
    Drawn,
    PageOptions,
    content_security_policy,
    csp_hash,
    json_for_script,
    render,
    short_label,
)
from styrgraf.viz.select import Selection, select
from viz_expected import CHAIN, CHAIN_DEFAULT, HOSTILE, iri, iris


@pytest.fixture(scope="module")
def chain_store(opened):
    return opened(CHAIN).store, opened(HOSTILE).store


@pytest.fixture(scope="module")
def chain_graph(chain_store):
    return extract(chain_store[0], lang="sv")


def test_extract_reads_facts_for_the_details_panel(chain_graph):
    chat = chain_graph.nodes[iri("act:faltchat")]
    assert chat["label"].startswith("Fältchat – för att nå nya grupper")
    assert chat["classes"] == ["Activity"]
    assert chat["description"] == "Undersöka möjligheten att starta en fältchatt."
    assert chat["responsible"] == ["Enhetschef fält"]
    assert chat["timeline"] == "2025–2026"
    assert chat["sources"] == [{"document": "Testplan för omställning",
                                "section": "2 Aktiviteter"}]
    assert chain_graph.graph["class_labels"]["Activity"] == {"sv": "aktivitet", "en": "activity"}
    # Sections and goal responses are extracted (for --types) but not shown by default.
    assert "Section" in chain_graph.nodes[iri("sec:plan-1")]["classes"]


def test_status_is_the_latest_reported_one(chain_graph):
    # Closed in April, reopened in August: the August report wins, whatever the file order.
    # An assignment's status is per committee that carries it (rule `latest-status`).
    assert "pågående" in chain_graph.nodes[iri("asg:skolfam")]["status"]
    assert "avslutad" in chain_graph.nodes[iri("asg:fritidsbanker")]["status"]
    assert chain_graph.nodes[iri("asg:nordost-eget")]["status"] is None
    assert chain_graph.nodes[iri("resp:skolfam--april")]["status"] == "avslutad"


def test_gap_flags(chain_graph):
    gaps = {n: d["gaps"] for n, d in chain_graph.nodes(data=True) if d["gaps"]}
    assert gaps == {
        iri("dir:tillganglig"): ["no-activity"],
        iri("strat:na-grupper"): ["no-activity"],
        iri("strat:kontakt"): ["no-activity"],
        # activity gaps: the rule `activity-gaps` (no strategy link counts, as in the CLI)
        iri("act:kartlaggning"): ["no-responsible", "no-strategy"],
        iri("act:utbildning"): ["no-timeline", "no-strategy"],
        # open: ongoing at the latest report (nordost-eget is not reported: not open)
        iri("asg:skolfam"): ["open"],
    }


def test_curated_edge_is_only_the_one_stated_by_the_curator_alone(chain_graph):
    curated = {(u, k) for u, _, k, d in chain_graph.edges(keys=True, data=True)
               if d["curated"] and u in CHAIN_DEFAULT}
    assert curated == {(iri("act:faltchat"), iri("sg:supportsStrategy")),
                       (iri("actor:socialnamnderna"), iri("org:hasMember"))}
    # listedUnder is in the curation graph too, but also in the plan: stated, not curated.
    assert not chain_graph.edges[iri("act:faltchat"), iri("dir:forebyggande"),
                                 iri("sg:listedUnder")]["curated"]
    edge = chain_graph.edges[iri("actor:socialnamnderna"), iri("actor:socialnamnden-centrum"),
                             iri("org:hasMember")]
    assert edge["label"] == "har medlem"


def test_default_selection(chain_graph):
    shown = select(chain_graph, Selection())
    assert set(shown) == CHAIN_DEFAULT
    # A node with several classes is drawn as the first chosen one.
    assert all(shown.nodes[n]["cls"] in DEFAULT_TYPES for n in shown)


def test_types_focus_network_and_committee(chain_graph):
    types = parse_types("Strategy,aktivitet", chain_graph.graph["class_labels"])
    assert types == {"Strategy", "Activity"}
    assert set(select(chain_graph, Selection(types=types))) == iris(
        "strat:tidiga-insatser", "strat:na-grupper", "strat:kontakt",
        "act:faltchat", "act:kartlaggning", "act:utbildning")
    focus = Selection(focus=iri("strat:tidiga-insatser"), depth=1)
    assert set(select(chain_graph, focus)) == iris(
        "strat:tidiga-insatser", "dir:forebyggande", "act:faltchat")
    assert set(select(chain_graph, Selection(focus=iri("act:faltchat"), depth=0))) == \
        iris("act:faltchat")
    # A filter keeps every direction and strategy: the uncovered ones are the gaps.
    skeleton = iris("dir:forebyggande", "dir:tillganglig", "strat:tidiga-insatser",
                    "strat:na-grupper", "strat:kontakt")
    assert set(select(chain_graph, Selection(network=iri("actor:natverk-svf")))) == iris(
        "actor:natverk-svf", "act:faltchat", "act:kartlaggning", "actor:ec-falt",
        "actor:polisen") | skeleton
    # Nordost gets Fritidsbanker through the group Socialnämnderna, and its own assignment.
    assert set(select(chain_graph, Selection(committee=iri("actor:socialnamnden-nordost")))) == \
        iris("actor:socialnamnden-nordost", "asg:fritidsbanker", "asg:nordost-eget",
             "actor:kommunfullmaktige", "actor:socialnamnderna", "resp:fritidsbanker--april",
             "resp:fritidsbanker--augusti") | skeleton
    # Two steps from a direction reach its vision, never its sibling direction through it.
    near = set(select(chain_graph, Selection(focus=iri("dir:forebyggande"), depth=2)))
    assert iri("goal:malbild") in near and iri("dir:tillganglig") not in near


def test_selection_errors(chain_graph):
    with pytest.raises(InputError, match="valid types: Vision, Goal"):
        parse_types("Strategy,Frobnicator", chain_graph.graph["class_labels"])
    with pytest.raises(InputError, match="is not a network"):
        select(chain_graph, Selection(network=iri("actor:socialnamnden-centrum")))
    with pytest.raises(InputError, match="is not a committee"):
        select(chain_graph, Selection(committee=iri("actor:natverk-svf")))
    with pytest.raises(InputError, match="not among the nodes shown"):
        select(chain_graph, Selection(focus=iri("sec:plan-1")))


def test_positions_are_deterministic_and_spread(chain_graph):
    shown = select(chain_graph, Selection())
    first, second = positions(shown), positions(shown)
    assert first == second and set(first) == set(shown)
    assert len(set(first.values())) == len(first)  # no two nodes on the same spot


def test_local_spring_is_fast_enough_and_keeps_neighbours_close():
    import numpy as np

    rng = np.random.default_rng(3)
    n = 2000
    edges = np.array([(i, int(rng.integers(0, i))) for i in range(1, n)])  # a random tree
    pos = local_spring(n, edges)
    assert pos.shape == (n, 2) and np.isfinite(pos).all()
    edge_len = np.hypot(*(pos[edges[:, 0]] - pos[edges[:, 1]]).T).mean()
    pairs = rng.integers(0, n, size=(4000, 2))
    random_len = np.hypot(*(pos[pairs[:, 0]] - pos[pairs[:, 1]]).T).mean()
    assert edge_len < random_len / 3


def test_short_label():
    assert short_label("Kort") == "Kort"
    text = "Vi samverkar med andra för att tidigt kunna nå grupper som inte söker stöd"
    short = short_label(text)
    assert len(short) <= 40 and short.endswith("…") and text.startswith(short[:-1])
    assert short_label("a\n  b") == "a b"


def test_json_for_script_is_inert_and_round_trips():
    value = {"x": "</script><script>alert(1)</script> <!-- & \u2028 \u2029"}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_page_escapes_hostile_text_and_pins_scripts_by_hash(chain_store):
    graph = select(extract(chain_store[1]), Selection())
    drawn = Drawn(graph, sorted(graph), positions(graph))
    html = render(drawn, PageOptions(layout="force",
                                     caption='<img src=x onerror="window.__xss=9">',
                                     notice='<b onmouseover="window.__xss=8">x</b>'))
    assert "&lt;b onmouseover" in html  # the notice, escaped too
    for raw in ("<img src=x", "window.__xss=3</script>", "<svg onload", "<iframe", "<a href"):
        assert raw not in html, raw
    assert "&lt;img src=x" in html  # the caption, escaped by the template
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2  # vis-network and the page's own script
    csp = html_module.unescape(
        re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)[1])
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for script in scripts:
        assert f"'{csp_hash(script)}'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S)[1]
    assert f"'{csp_hash(style)}'" in csp
    # Nothing is loaded from anywhere: no src= or href= attributes at all.
    assert not re.search(r"<(script|link|img|iframe)[^>]*(src|href)=", html)
    data = re.search(r'<script id="styrgraf-data" type="application/json">(.*?)</script>',
                     html, re.S)[1]
    details = json.loads(data)["details"]
    assert details[iri("act:xss")]["label"] == '<img src=x onerror="window.__xss=1">'


def test_content_security_policy_lists_each_hash():
    csp = content_security_policy(["a", "b"], ["c"])
    assert csp.count("sha256-") == 3 and "script-src 'sha256-" in csp


def test_build_and_atomic_write(chain_store, tmp_path, monkeypatch):
    result = build(chain_store[0], VizRequest(focus="act:faltchat", depth=1, layout="force"))
    assert result.nodes == 6  # the chat, its strategy, direction, network, responsible, partner
    chained = build(chain_store[0], VizRequest(focus="act:faltchat"))
    assert chained.nodes == 5  # the chat and its chain up to the vision
    target = write(tmp_path / "page.html", result.html)
    assert target.read_text(encoding="utf-8") == result.html
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr("styrgraf.viz.pipeline.atomic_writer", _failing_writer)
    with pytest.raises(OSError, match="disk full"):
        write(target, result.html)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    with pytest.raises(InputError, match="2 nodes are named 'Samverkan'"):
        build(chain_store[0], VizRequest(focus="Samverkan"))
    with pytest.raises(InputError, match="--depth needs --focus"):
        build(chain_store[0], VizRequest(depth=2))


class _HalfHandle:
    """A file whose write dies halfway, as on a full disk."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, data: bytes) -> None:
        self.handle.write(data[: len(data) // 2])
        raise OSError("disk full")


@contextlib.contextmanager
def _failing_writer(path):
    with atomic_writer(path) as handle:
        yield _HalfHandle(handle)
