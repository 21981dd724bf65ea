"""Find activities, assignments and responses that describe the same work in different places.

Kept free of imports so that the CLI starts fast: `finder.find_duplicates` is
the whole method, `mentions.load_mentions` gives the items of the knowledge
base, `items.read_csv` those of a CSV file, `suggestions.write_suggestions`
writes an unreviewed suggestions graph, and `evaluate` measures a labelled
set. THRESHOLD.md records how the default threshold was chosen.
"""
