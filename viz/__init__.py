"""The interactive graph: one self-contained, offline HTML page built with pyvis/vis-network."""
