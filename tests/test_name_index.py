"""One node's names and classes, read alone, are what the whole index says of it.

`NameIndex.read_node` (one query, for `-p node IRI`) and `NameIndex.read` (every
name and class, for look-ups by name) must agree, or a parameter would resolve
differently depending on how it was given.
"""

from __future__ import annotations

from styrgraf.knowledge.labels import NameIndex


def test_one_node_read_alone_equals_the_whole_index(real_kb):
    full = NameIndex.read(real_kb.store)
    nodes = sorted(set(full.classes) | set(full.names))
    assert len(nodes) > 1000
    for iri in nodes:
        one = NameIndex.read_node(real_kb.store, iri)
        assert one.classes.get(iri, set()) == full.classes.get(iri, set()), iri
        assert one.names.get(iri, {}) == full.names.get(iri, {}), iri
        assert all(iri in full.by_name[name] for name in one.by_name), iri
