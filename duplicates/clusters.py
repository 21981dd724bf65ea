"""Group pairs into clusters: connected components of the graph of pairs at the threshold."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from .pairs import Pairs


def cluster_ids(n_items: int, pairs: Pairs) -> np.ndarray:
    """Cluster number per item: 1, 2, … by decreasing size (ties: first item), 0 if alone."""
    ids = np.zeros(n_items, dtype=np.int64)
    if len(pairs) == 0:
        return ids
    graph = sp.coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs.i, pairs.j)),
                          shape=(n_items, n_items))
    _, component = connected_components(graph, directed=False)
    sizes = np.bincount(component)
    first = np.full(len(sizes), n_items)
    np.minimum.at(first, component, np.arange(n_items))
    grouped = np.flatnonzero(sizes > 1)
    ranked = grouped[np.lexsort((first[grouped], -sizes[grouped]))]
    number = np.zeros(len(sizes), dtype=np.int64)
    number[ranked] = np.arange(1, len(ranked) + 1)
    return number[component]
