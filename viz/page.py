"""Write the graph as one self-contained, offline HTML page.

The page comes from our own template (pyvis's loads vis-network and
Bootstrap from a CDN, a blank page offline, and inserts text unescaped).
The Jinja environment autoescapes, the data (pagedata.py) travels as JSON in
a `<script type="application/json">` element that the page reads with
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
from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .pagedata import (
    CURATED_COLOR,
    EDGE_COLOR,
    EDGE_PX,
    GAP_COLOR,
    LARGE,
    Drawn,
    PageOptions,
    page_data,
)
from .texts import UI

__all__ = ["CURATED_COLOR", "EDGE_COLOR", "GAP_COLOR", "Drawn", "PageOptions", "render"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
LABEL_MAX = 40
#: Physics iterations before the page is shown; large graphs then freeze.
STABILIZATION_SMALL = 200
STABILIZATION_LARGE = 40


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """A name cut at a word with an ellipsis (the caption's; the canvas wraps labels whole)."""
    from styrgraf.queries.wording import shorten

    return shorten(text, limit)


def render(drawn: Drawn, options: PageOptions) -> str:
    """The page for what `drawn` holds (nodes carrying `cls`, as `select.select` leaves them)."""
    data = page_data(drawn, options)
    data["options"] = vis_options(options.layout, len(drawn.visible))
    data["freezeAfterStabilization"] = bool(data["options"]["physics"]["enabled"]
                                            and len(drawn.visible) > LARGE)
    scripts = {"vis": vis_bundle(), "app": app_script()}
    style = _template_file("page.css")
    texts = UI[options.lang]
    chain = options.layout != "force"
    return _environment().get_template("page.html.j2").render(
        lang=options.lang,
        title=texts["chain_title"] if chain else texts["title"],
        caption=options.caption,
        notice=options.notice,
        chain=chain,
        summary=texts["summary"].format(nodes=len(drawn.visible),
                                        edges=drawn.lines()),
        texts=texts,
        csp=content_security_policy(list(scripts.values()), [style]),
        style=Markup(style),
        data_json=Markup(json_for_script(data)),
        vis_js=Markup(scripts["vis"]),
        app_js=Markup(scripts["app"]),
    )


def vis_options(layout: str, nodes: int) -> dict:
    """vis-network's options: fixed positions for the chain, bounded physics for the force view.

    Positions always come from Python. The force layout lets vis-network's
    physics polish them (bounded; large graphs then freeze); the tree is final,
    so physics would only undo it.
    """
    large = nodes > LARGE
    force = layout == "force"
    return {
        "physics": {"enabled": force, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000,
                                  "centralGravity": 0.05 if large else 0.2,
                                  "springLength": EDGE_PX, "springConstant": 0.03,
                                  "damping": 0.4, "avoidOverlap": 0},
                    "stabilization": {"enabled": force, "updateInterval": 25,
                                      "iterations": STABILIZATION_LARGE if large
                                      else STABILIZATION_SMALL}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": False, "multiselect": False,
                        "hideEdgesOnDrag": large and force, "dragNodes": force},
        "edges": {"arrows": {"to": {"enabled": force, "scaleFactor": 0.5}},
                  "font": {"size": 0}, "width": 1,
                  "smooth": {"enabled": force and not large, "type": "continuous"}},
        "nodes": {"font": {"size": 13, "face": "sans-serif"}},
        "layout": {"improvedLayout": False, "randomSeed": 0, "hierarchical": False},
    }


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


#: The page's own script, in parts with one job each, inlined as one element (one hash).
SCRIPT_PARTS = ("app.js", "panel.js", "table.js", "export.js")


@cache
def app_script() -> str:
    """The page's script: the graph and its state, the side panel, the table, the pictures."""
    return "\n".join(_template_file(name) for name in SCRIPT_PARTS)


@cache
def _template_file(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       keep_trailing_newline=True)
