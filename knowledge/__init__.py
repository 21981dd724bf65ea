"""The curated knowledge base and the code that loads it into the store.

`data/` holds one Turtle file per source document (each its own named graph)
and `curation.ttl` for the curator's judgements; `CURATION.md` is the
handbook for editing them; `README.md` the coverage table.
"""
