"""From a request (names as the user typed them) to a written page: the one entry point.

The CLI only parses options into a `VizRequest` and prints the `VizResult`;
names are resolved here with the same rules as query parameters (IRI,
prefixed name, or a label of exactly one node). The order: read everything
(extract), mark the filter's gaps from the rules (filters, scope), then
either build the goal chain's tree (chain_view, chain, tree) or select a
neighbourhood for the force view (select, layout), and render (page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from styrgraf.knowledge.atomic import atomic_writer
from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.terms import SG
from styrgraf.queries.named import Names
from styrgraf.queries.params import resolve_node
from styrgraf.queries.wording import check_lang

from . import scope
from .chain_view import chain_view
from .classes import DEFAULT_TYPES, parse_types
from .extract import extract
from .filters import kept_items, mark_gaps
from .page import Drawn, PageOptions, render
from .select import Selection, select

DEFAULT_FILE = "styrgraf-graph.html"
DEFAULT_DEPTH = 2
#: More nodes than a browser lays out in reasonable time: refused, with advice, before work.
MAX_PAGE_NODES = 20_000
LAYOUTS = ("chain", "hierarchical", "force")


@dataclass(frozen=True)
class VizRequest:
    """The command's options, unresolved."""

    focus: str | None = None
    depth: int | None = None
    types: str | None = None
    network: str | None = None
    committee: str | None = None
    layout: str = "chain"
    gaps: bool = True
    lang: str | None = None  # default: the environment's language (Swedish unless English)


@dataclass(frozen=True)
class VizResult:
    """The page and what is on it; `notice` is a sentence for the user (an empty network)."""

    html: str
    nodes: int
    edges: int
    gaps: int
    notice: str = ""


def build(kb, request: VizRequest) -> VizResult:
    """Read, select and render; raises InputError for anything the user can fix.

    `kb` is a `styrgraf.KnowledgeBase` (or a bare pyoxigraph Store).
    """
    store = getattr(kb, "source", kb)
    names = getattr(kb, "names", None) or Names(store)
    lang = check_lang(request.lang)
    _check(request)
    if not any((request.focus, request.network, request.committee, request.types)):
        _refuse_if_too_big(_default_nodes(store))
    graph = extract(store, lang=lang, names=names)
    types = parse_types(request.types, graph.graph["class_labels"]) \
        if request.types is not None else DEFAULT_TYPES
    selection = Selection(
        types=types,
        focus=_resolve(names, request.focus, (), "--focus"),
        depth=DEFAULT_DEPTH if request.depth is None else request.depth,
        network=_resolve(names, request.network, (SG.Network,), "--network"),
        committee=_resolve(names, request.committee, (SG.Committee, SG.Company,
                                                      SG.OrganisationGroup), "--committee"),
    )
    filtered = bool(selection.network or selection.committee)
    facts = scope.read_facts(store, names)
    kept = kept_items(graph, facts, selection)
    notice = mark_gaps(store, names, graph, facts, selection, kept, lang) if filtered else ""
    if request.layout == "force":
        drawn = _force(graph, selection)
    else:
        drawn = chain_view(graph, selection, kept, facts, request.depth,
                           "down" if request.layout == "hierarchical" else "right")
    _refuse_if_too_big(len(drawn.visible))
    options = PageOptions(layout=request.layout, gaps=request.gaps, lang=lang,
                          caption=_caption(graph, selection, request), focus=selection.focus,
                          notice=notice)
    html = render(drawn, options)
    shown = [n for n in drawn.visible if drawn.graph.nodes[n]["gaps"]]
    return VizResult(html, len(drawn.visible), drawn.lines(), len(shown) if request.gaps else 0,
                     notice)


def _check(request: VizRequest) -> None:
    if request.layout not in LAYOUTS:
        raise InputError(f"unknown layout {request.layout!r}; use one of {', '.join(LAYOUTS)}")
    if request.depth is not None and request.focus is None:
        raise InputError("--depth needs --focus (the node whose neighbourhood to show)")
    if request.depth is not None and request.depth < 0:
        raise InputError(f"--depth must be 0 or more, not {request.depth}")


def _force(graph: nx.MultiDiGraph, selection: Selection) -> Drawn:
    from .layout import positions  # numpy and scipy: only the force view needs them

    chosen = select(graph, selection)
    placed = positions(chosen)
    return Drawn(chosen, sorted(chosen), placed)


def _default_nodes(store) -> int:
    """How many nodes the default page would hold, counted before anything is read."""
    from styrgraf.queries.engine import select as run_select

    from .classes import STYLES

    classes = " ".join(f"<{s.iri}>" for s in STYLES if s.default)
    rows = run_select(store, "SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE { "
                             f"VALUES ?class {{ {classes} }} ?n a ?class }}").rows
    return int(rows[0]["count"].value) if rows else 0


def _refuse_if_too_big(nodes: int) -> None:
    if nodes > MAX_PAGE_NODES:
        raise InputError(
            f"the page would show {nodes:,} nodes, more than a browser can lay out "
            f"({MAX_PAGE_NODES:,}); narrow it with --network, --committee, --focus NODE "
            "--depth 1 or --types (e.g. --types LongTermDirection,Strategy,Activity)")


def write(path: Path, html: str) -> Path:
    """Write the page atomically: a failed write leaves the previous file untouched."""
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
    with atomic_writer(path) as handle:
        handle.write(html.encode("utf-8"))
    return path


def _resolve(names: Names, name: str | None, classes: tuple[str, ...],
             what: str) -> str | None:
    return resolve_node(names.index, name, classes, what).value if name is not None else None


def _caption(graph, selection: Selection, request: VizRequest) -> str:
    """A short description of the selection, shown under the page title."""
    def label(iri: str | None) -> str:
        return graph.nodes[iri]["label"] if iri in graph else str(iri)

    parts = []
    if selection.network:
        parts.append(f"--network {label(selection.network)}")
    if selection.committee:
        parts.append(f"--committee {label(selection.committee)}")
    if selection.focus:
        depth = "" if request.layout != "force" and request.depth is None \
            else f" --depth {selection.depth}"
        parts.append(f"--focus {label(selection.focus)}{depth}")
    if request.types is not None:
        parts.append(f"--types {','.join(sorted(selection.types))}")
    return "; ".join(parts)
