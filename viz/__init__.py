"""The interactive graph: one self-contained, offline HTML page drawn with vis-network.

extract (store → networkx graph) → filters/scope (what a network or committee
filter keeps and leaves a gap, from the rules) → chain_view (the goal chain's
tree: chain, tree) or select + layout (the force view) → page (pagedata's JSON
in our own escaped template, with the script parts app.js, panel.js,
table.js and export.js). `pipeline.build` runs the chain; `pipeline.write`
writes the page atomically.
"""

from .pipeline import VizRequest, VizResult, build, write

__all__ = ["VizRequest", "VizResult", "build", "write"]
