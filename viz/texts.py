"""The page's own words in Swedish and English (the data's words come from the graph).

Property labels for vocabularies other than styrgraf's are here too: the
ontology labels only its own terms, and a relation shown as `org:hasMember`
means little to a strategist.
"""

from __future__ import annotations

from styrgraf.ontology.terms import DCTERMS, ORG, PROV, SKOS

LANGS = ("en", "sv")

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "styrgraf — interactive graph",
        "summary": "{nodes} nodes, {edges} relations",
        "search": "Find a node by name",
        "find": "Find",
        "no_match": "No node matches.",
        "matches": "Matches: {n}",
        "classes": "Classes",
        "gaps": "Gaps",
        "edges": "Relations",
        "curated": "curator's judgement (not stated in a document)",
        "stated": "stated in a document",
        "gap_border": "red border: a gap",
        "hint": "Click a node to see its details. Hover over a line to see the relation.",
        "close": "Close",
        "type": "Type",
        "id": "Identifier",
        "description": "Description",
        "responsible": "Responsible",
        "timeline": "Timeline",
        "status": "Status",
        "sources": "Source",
        "gap_list": "Gaps",
        "connections": "Connections",
        "no_status": "no status reported",
        "show_all": "Show all",
        "hide_all": "Hide all",
        "selection": "Selection",
    },
    "sv": {
        "title": "styrgraf — interaktiv graf",
        "summary": "{nodes} noder, {edges} relationer",
        "search": "Sök en nod på namn",
        "find": "Sök",
        "no_match": "Ingen nod matchar.",
        "matches": "Träffar: {n}",
        "classes": "Klasser",
        "gaps": "Luckor",
        "edges": "Relationer",
        "curated": "kuratorns bedömning (står inte i ett dokument)",
        "stated": "står i ett dokument",
        "gap_border": "röd kant: en lucka",
        "hint": "Klicka på en nod för detaljer. Håll muspekaren över en linje för att se "
                "relationen.",
        "close": "Stäng",
        "type": "Typ",
        "id": "Identifierare",
        "description": "Beskrivning",
        "responsible": "Ansvarig",
        "timeline": "Tidplan",
        "status": "Status",
        "sources": "Källa",
        "gap_list": "Luckor",
        "connections": "Kopplingar",
        "no_status": "ingen status rapporterad",
        "show_all": "Visa alla",
        "hide_all": "Dölj alla",
        "selection": "Urval",
    },
}

#: Gap kinds in legend order: key → label per language.
GAPS: dict[str, dict[str, str]] = {
    "no-activity": {"en": "strategy or direction without activities",
                    "sv": "strategi eller riktning utan aktiviteter"},
    "no-responsible": {"en": "activity without a responsible",
                       "sv": "aktivitet utan ansvarig"},
    "no-timeline": {"en": "activity without a timeline",
                    "sv": "aktivitet utan tidplan"},
    "no-strategy": {"en": "activity linked to no strategy",
                    "sv": "aktivitet utan koppling till strategi"},
    "no-source": {"en": "activity without a source",
                  "sv": "aktivitet utan källa"},
    "open": {"en": "assignment ongoing at the latest report",
             "sv": "uppdrag som pågår enligt senaste rapporten"},
}

#: Labels of properties from other vocabularies that link nodes in the knowledge base.
PROPERTY_LABELS: dict[str, dict[str, str]] = {
    DCTERMS.isPartOf: {"en": "is part of", "sv": "är del av"},
    DCTERMS.hasPart: {"en": "has part", "sv": "har del"},
    DCTERMS.publisher: {"en": "publisher", "sv": "utgivare"},
    DCTERMS.creator: {"en": "creator", "sv": "upphov"},
    DCTERMS.relation: {"en": "related to", "sv": "relaterad till"},
    DCTERMS.references: {"en": "references", "sv": "hänvisar till"},
    DCTERMS.subject: {"en": "subject", "sv": "ämne"},
    DCTERMS.replaces: {"en": "replaces", "sv": "ersätter"},
    ORG.hasMember: {"en": "has member", "sv": "har medlem"},
    ORG.memberOf: {"en": "member of", "sv": "medlem i"},
    ORG.unitOf: {"en": "unit of", "sv": "enhet inom"},
    ORG.hasUnit: {"en": "has unit", "sv": "har enhet"},
    ORG.postIn: {"en": "post in", "sv": "tjänst inom"},
    ORG.subOrganizationOf: {"en": "part of organisation", "sv": "del av organisationen"},
    SKOS.broader: {"en": "broader", "sv": "överordnat"},
    SKOS.inScheme: {"en": "in scheme", "sv": "ingår i"},
    PROV.wasInfluencedBy: {"en": "influenced by", "sv": "påverkad av"},
    PROV.wasDerivedFrom: {"en": "derived from", "sv": "härledd från"},
}
