"""Where nodes go in the force view: positions computed here rather than in the browser.

(The goal chain's tree is tree.py's.)

vis-network's physics needs minutes to settle a graph of a thousand nodes
from random positions, and turning physics off without positions leaves a
meaningless ring. So the force layout is computed in Python and handed to the
page as coordinates: networkx's Fruchterman-Reingold for small graphs, and
for large ones the same model with repulsion limited to near neighbours (the
grid variant of the original paper, via a k-d tree), which is linear in the
number of nodes where networkx's is quadratic (40 s for 5,000 nodes).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .pagedata import EDGE_PX

#: Above this many nodes networkx's spring layout is too slow; the local variant is used.
_NETWORKX_MAX = 500
SEED = 7


def positions(graph: nx.MultiDiGraph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Canvas coordinates (pixels) for every node; the same for the same graph.

    Connected nodes are laid out by force; nodes with no relation at all are
    set in a grid under them, rather than flung to a ring around the drawing.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in graph.edges() if u != v))
    linked = [n for n in simple if simple.degree(n)]
    placed: dict[str, tuple[float, float]] = {}
    if linked:
        core = simple.subgraph(linked)
        if len(linked) <= _NETWORKX_MAX:
            raw = nx.spring_layout(core, seed=seed, iterations=80)
            coords = np.array([raw[n] for n in linked], dtype=float)
        else:
            index = {n: i for i, n in enumerate(linked)}
            edges = np.array([(index[u], index[v]) for u, v in core.edges()], dtype=np.int64)
            coords = local_spring(len(linked), edges.reshape(-1, 2), seed=seed)
        coords = _to_canvas(coords, core, linked)
        placed = {n: (float(x), float(y)) for n, (x, y) in zip(linked, coords, strict=True)}
    placed.update(_grid([n for n in simple if not simple.degree(n)], placed))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in placed.items()}


def _grid(nodes: list[str], placed: dict[str, tuple[float, float]]) -> dict[str, tuple]:
    """Rows under the drawing (or around 0 if nothing else is drawn), as wide as it is."""
    if not nodes:
        return {}
    step = EDGE_PX * 0.8
    if placed:
        xs = [x for x, _ in placed.values()]
        ys = [y for _, y in placed.values()]
        left, top, width = min(xs), max(ys) + 2 * EDGE_PX, max(xs) - min(xs)
    else:
        width = step * math.sqrt(len(nodes))
        left, top = -width / 2, -width / 2
    columns = max(1, int(width // step) + 1)
    return {n: (left + (i % columns) * step, top + (i // columns) * step)
            for i, n in enumerate(nodes)}


def local_spring(n: int, edges: np.ndarray, seed: int = SEED, iterations: int = 60) -> np.ndarray:
    """Fruchterman-Reingold in linear time per iteration.

    Ideal distance 1. Repulsion is exact between nodes closer than twice the
    ideal distance (found with a k-d tree) and, from farther away, comes from
    the centroids of a coarse grid of cells (softened within a cell), so hubs
    cannot pull the drawing into a dense ball. Nodes start uniformly in a
    square holding one node per unit area; a cooling temperature caps moves.
    """
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(0.0, side, size=(n, 2))
    radius = 2.0
    temperature = side / 8.0
    cooling = temperature / (iterations + 1)
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    from scipy.spatial import cKDTree  # only a large graph needs it (0.3 s to import)

    for _ in range(iterations):
        disp = _far_repulsion(pos)
        pairs = cKDTree(pos).query_pairs(radius, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            push = delta * (1.0 / dist**2)[:, None]  # k²/d along the unit vector, k = 1
            _accumulate(disp, pairs[:, 0], push)
            _accumulate(disp, pairs[:, 1], -push)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            pull = delta * dist[:, None]  # d²/k along the unit vector
            _accumulate(disp, src, -pull)
            _accumulate(disp, dst, pull)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature - cooling, 0.05)
    return pos


def _far_repulsion(pos: np.ndarray, cells: int = 16, chunk: int = 2048) -> np.ndarray:
    """Repulsion from every node, each cell of a cells×cells grid acting as one mass."""
    low = pos.min(axis=0)
    size = max(float((pos.max(axis=0) - low).max()) / cells, 1e-6)
    cell = np.clip(((pos - low) // size).astype(np.int64), 0, cells - 1)
    cid = cell[:, 0] * cells + cell[:, 1]
    mass = np.bincount(cid, minlength=cells * cells).astype(float)
    used = mass > 0
    centre = np.stack([np.bincount(cid, weights=pos[:, 0], minlength=cells * cells)[used],
                       np.bincount(cid, weights=pos[:, 1], minlength=cells * cells)[used]],
                      axis=1) / mass[used][:, None]
    soft = max(size, 2.0) ** 2
    out = np.zeros_like(pos)
    for start in range(0, len(pos), chunk):
        delta = pos[start:start + chunk, None, :] - centre[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=2), soft)
        out[start:start + chunk] = (delta * (mass[used] / dist2)[:, :, None]).sum(axis=1)
    return out


def _accumulate(target: np.ndarray, index: np.ndarray, values: np.ndarray) -> None:
    """target[index] += values, summing repeated indices (np.add.at, but fast)."""
    n = len(target)
    target[:, 0] += np.bincount(index, weights=values[:, 0], minlength=n)
    target[:, 1] += np.bincount(index, weights=values[:, 1], minlength=n)


def _to_canvas(coords: np.ndarray, simple: nx.Graph, nodes: list[str]) -> np.ndarray:
    """Centre on 0 and scale so that the median edge is EDGE_PX long."""
    coords = coords - coords.mean(axis=0)
    index = {n: i for i, n in enumerate(nodes)}
    lengths = [float(np.hypot(*(coords[index[u]] - coords[index[v]])))
               for u, v in simple.edges()]
    typical = float(np.median(lengths)) if lengths else 0.0
    if typical <= 1e-9:
        spread = float(np.abs(coords).max()) or 1.0
        return coords * (EDGE_PX * math.sqrt(len(nodes)) / spread)
    return coords * (EDGE_PX / typical)
