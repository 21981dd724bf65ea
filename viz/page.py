"""Write the graph as one self-contained, offline HTML page.

pyvis builds the vis-network nodes, edges and options; the page itself comes
from our own template, because pyvis's loads vis-network and Bootstrap from a
CDN (a blank page offline) and inserts text unescaped. Here the Jinja
environment autoescapes, the data travels as JSON in a
`<script type="application/json">` element that the page reads with
JSON.parse, and the page's script builds every piece of text with
textContent. vis-network is inlined from the copy inside the installed pyvis
package, and a Content-Security-Policy allows exactly the inline scripts and
style whose SHA-256 hashes are computed here, and no request to any host.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from .classes import BY_NAME, STYLES
from .layout import EDGE_PX, LARGE, layered, levels, positions
from .texts import GAPS, UI

TEMPLATES = Path(__file__).resolve().parent / "templates"
LABEL_MAX = 40
GAP_COLOR = "#d62728"
EDGE_COLOR = "#8a8a8a"
CURATED_COLOR = "#b26b00"
#: Physics iterations before the page is shown; large graphs then freeze.
STABILIZATION_SMALL = 200
STABILIZATION_LARGE = 40


@dataclass(frozen=True)
class PageOptions:
    """How to draw: layout ("force" or "hierarchical"), gap marking, language, a caption."""

    layout: str = "force"
    gaps: bool = True
    lang: str = "en"
    caption: str = ""


class _Network(Network):
    """pyvis's Network with constant-time node look-up.

    pyvis checks both ends of every new edge against a list of node ids,
    which is quadratic: seconds for a graph of a few thousand nodes.
    """

    def get_nodes(self):
        return self.node_map


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """The label drawn on the canvas: whitespace collapsed, cut at a word with an ellipsis."""
    from styrgraf.queries.wording import shorten

    return shorten(text, limit)


def render(graph: nx.MultiDiGraph, options: PageOptions) -> str:
    """The page for `graph` (nodes carrying `cls`, as `select.select` leaves them)."""
    data = page_data(graph, options)
    scripts = {"vis": vis_bundle(), "app": _template_file("app.js")}
    style = _template_file("page.css")
    texts = UI[options.lang]
    html = _environment().get_template("page.html.j2").render(
        lang=options.lang,
        title=texts["title"],
        caption=options.caption,
        summary=texts["summary"].format(nodes=graph.number_of_nodes(),
                                        edges=graph.number_of_edges()),
        texts=texts,
        csp=content_security_policy(list(scripts.values()), [style]),
        style=Markup(style),
        data_json=Markup(json_for_script(data)),
        vis_js=Markup(scripts["vis"]),
        app_js=Markup(scripts["app"]),
    )
    return html


def page_data(graph: nx.MultiDiGraph, options: PageOptions) -> dict:
    """Everything the page's script needs, as plain JSON-able values."""
    large = graph.number_of_nodes() > LARGE
    hierarchical = options.layout == "hierarchical"
    labels = _class_labeller(graph, options.lang)
    net = _Network(directed=True, cdn_resources="in_line")
    details = _add_nodes(net, graph, options, labels)
    _add_edges(net, graph, options.lang)
    _configure(net, large, hierarchical)
    nodes, edges, _, _, _, options_json = net.get_network_data()
    vis_options = _finish_options(json.loads(options_json))
    gap_counts = Counter(kind for d in details.values() for kind in d["gaps"])
    class_counts = Counter(d["cls"] for d in details.values())
    return {
        "lang": options.lang,
        "texts": UI[options.lang],
        "nodes": nodes,
        "edges": edges,
        "options": vis_options,
        "freezeAfterStabilization": large and vis_options["physics"]["enabled"],
        "classes": [{"name": s.name, "label": labels(s.name), "color": s.color,
                     "shape": s.shape, "count": class_counts[s.name]}
                    for s in STYLES if class_counts[s.name]],
        "gapKinds": [{"key": key, "label": names[options.lang], "count": gap_counts[key]}
                     for key, names in GAPS.items() if gap_counts[key]],
        "hasCurated": any(d["curated"] for _, _, d in graph.edges(data=True)),
        "details": details,
    }


def _class_labeller(graph: nx.MultiDiGraph, lang: str):
    class_labels = graph.graph.get("class_labels", {})

    def label(name: str) -> str:
        found = class_labels.get(name, {})
        return found.get(lang) or found.get("en") or name

    return label


def _add_nodes(net: _Network, graph: nx.MultiDiGraph, options: PageOptions,
               class_label) -> dict[str, dict]:
    """One vis node per graph node, placed and styled; returns the details panel's data."""
    hierarchical = options.layout == "hierarchical"
    placed = layered(graph) if hierarchical else positions(graph)
    level = levels(graph) if hierarchical else {}
    details = {}
    for node, d in sorted(graph.nodes(data=True)):
        style = BY_NAME[d["cls"]]
        gaps = d["gaps"] if options.gaps else []
        extra = {"level": level[node]} if hierarchical else {}
        net.add_node(
            node, label=short_label(d["label"]) or d["curie"], shape=style.shape,
            size=style.size, color=_node_color(style.color, bool(gaps)),
            borderWidth=4 if gaps else 1, borderWidthSelected=5 if gaps else 3,
            title=f"{d['label']}\n({class_label(d['cls'])})", cls=d["cls"], gap=bool(gaps),
            x=placed[node][0], y=placed[node][1], **extra)
        details[node] = {
            "label": d["label"], "curie": d["curie"], "cls": d["cls"],
            "description": d["description"], "responsible": d["responsible"],
            "timeline": d["timeline"], "status": d["status"], "sources": d["sources"],
            "gaps": gaps,
        }
    return details


def _add_edges(net: _Network, graph: nx.MultiDiGraph, lang: str) -> None:
    """One vis edge per statement; its title (the hover text) is the relation, as text."""
    ordered = sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"]))
    for i, (u, v, d) in enumerate(ordered):
        color = CURATED_COLOR if d["curated"] else EDGE_COLOR
        title = d["label"] + (f" ({UI[lang]['curated']})" if d["curated"] else "")
        net.add_edge(u, v, id=f"e{i}", title=title, dashes=d["curated"], width=1,
                     color={"color": color, "highlight": "#222222", "hover": "#222222"},
                     curated=d["curated"], relation=d["label"])


def _configure(net: _Network, large: bool, hierarchical: bool) -> None:
    """Physics and edge drawing for the size of graph, through pyvis's own setters.

    Positions always come from Python. The force layout lets vis-network's
    physics polish them (bounded; large graphs then freeze); the banded
    hierarchy is final, so physics would only undo it.
    """
    physics = net.options.physics
    net.barnes_hut(gravity=-3000, central_gravity=0.05 if large else 0.2,
                   spring_length=EDGE_PX, spring_strength=0.03, damping=0.4, overlap=0)
    physics.solver = "barnesHut"
    net.toggle_physics(not hierarchical)
    physics.stabilization.iterations = STABILIZATION_LARGE if large else STABILIZATION_SMALL
    physics.stabilization.updateInterval = 25
    net.inherit_edge_colors(False)
    if large or hierarchical:
        net.options.edges.smooth.enabled = False
    else:
        net.set_edge_smooth("continuous")
    net.toggle_hide_edges_on_drag(large)


def _finish_options(options: dict) -> dict:
    """What pyvis has no setter for: reading (not editing) interaction, arrows, layout."""
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                                   "keyboard": False, "multiselect": False})
    options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    options["edges"]["font"] = {"size": 0}
    options["nodes"] = {"font": {"size": 13, "face": "sans-serif"}}
    options["layout"] = {"improvedLayout": False, "randomSeed": 0, "hierarchical": False}
    return options


def _node_color(base: str, gap: bool) -> dict:
    border = GAP_COLOR if gap else _darker(base)
    return {"background": base, "border": border,
            "highlight": {"background": base, "border": "#111111"},
            "hover": {"background": base, "border": "#111111"}}


def _darker(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def json_for_script(value: object) -> str:
    """JSON that is inert inside a <script> element: no `<`, `>` or `&` characters at all.

    Escaped as JSON unicode escapes, which JSON.parse turns back into the
    same text, so `</script>` or `<!--` in the data cannot end the element.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """Nothing from anywhere, except the inline scripts and styles with exactly these texts."""
    script_src = " ".join(f"'{csp_hash(s)}'" for s in scripts)
    style_src = " ".join(f"'{csp_hash(s)}'" for s in styles)
    return ("default-src 'none'; "
            f"script-src {script_src}; "
            f"style-src {style_src}; "
            "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
            "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache
def vis_bundle() -> str:
    """vis-network's standalone script as shipped inside the installed pyvis package."""
    lib = resources.files("pyvis") / "templates" / "lib"
    candidates = sorted((p for p in lib.iterdir() if re.fullmatch(r"vis-[\d.]+", p.name)),
                        key=lambda p: tuple(int(x) for x in p.name[4:].split(".")))
    if not candidates:  # pragma: no cover - only if pyvis changes its layout
        raise RuntimeError(f"vis-network not found in the pyvis package ({lib})")
    text = (candidates[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in text.lower():  # pragma: no cover - would end the inline element
        raise RuntimeError("vis-network bundle contains '</script'; cannot inline it")
    return text


@cache
def _template_file(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       keep_trailing_newline=True)
