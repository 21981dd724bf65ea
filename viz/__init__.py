"""The interactive graph: one self-contained, offline HTML page built with pyvis/vis-network.

extract (store → networkx graph) → select (what to show) → layout (levels or
positions) → page (pyvis data in our own escaped template). `pipeline.build` runs
the chain; `pipeline.write` writes the page atomically.
"""

from .pipeline import VizRequest, VizResult, build, write

__all__ = ["VizRequest", "VizResult", "build", "write"]
