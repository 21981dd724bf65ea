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
        "chain_title": "styrgraf — the goal chain",
        "view_graph": "Graph",
        "view_table": "Table",
        "view_both": "Side by side",
        "save_png": "Save PNG",
        "save_svg": "Save SVG",
        "print": "Print",
        "chain_hint": "Click a node to open its connections (assignments, responsible, "
                      "partners, programmes, indicators, sources); click again to close them. "
                      "Double-click to focus on its chain.",
        "focus": "Focus on chain",
        "unfocus": "Show everything",
        "trail": "Chain",
        "expand": "Open connections",
        "collapse": "Close connections",
        "search_hint": "Searches names and descriptions; å, ä and ö may be typed as a, a, o.",
        "col_name": "Goal chain",
        "col_responsible": "Responsible",
        "col_timeline": "Timeline",
        "col_status": "Status",
        "col_priority": "Priority",
        "col_gap": "Gap",
        "filter_network": "Network",
        "filter_committee": "Committee",
        "filter_year": "Year",
        "filter_all": "all",
        "filter_empty": "Nothing in the goal chain matches this filter.",
        "filter_gaps": "Gaps are marked for the activities the filter keeps.",
        "legend_status": "Status of assignments",
        "legend_gap": "red frame: a gap",
        "also": "Also under",
        "expand_all": "Open all",
        "collapse_all": "Close all",
        "through_directions": "stands under the vision through its directions",
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
        "chain_title": "styrgraf — målkedjan",
        "view_graph": "Graf",
        "view_table": "Tabell",
        "view_both": "Sida vid sida",
        "save_png": "Spara PNG",
        "save_svg": "Spara SVG",
        "print": "Skriv ut",
        "chain_hint": "Klicka på en nod för att öppna dess kopplingar (uppdrag, ansvariga, "
                      "samarbetsparter, program, indikatorer, källor); klicka igen för att "
                      "stänga dem. Dubbelklicka för att fokusera på dess kedja.",
        "focus": "Fokusera på kedjan",
        "unfocus": "Visa allt",
        "trail": "Kedja",
        "expand": "Öppna kopplingar",
        "collapse": "Stäng kopplingar",
        "search_hint": "Söker i namn och beskrivningar; å, ä och ö kan skrivas a, a, o.",
        "col_name": "Målkedja",
        "col_responsible": "Ansvarig",
        "col_timeline": "Tidplan",
        "col_status": "Status",
        "col_priority": "Prioritet",
        "col_gap": "Lucka",
        "filter_network": "Nätverk",
        "filter_committee": "Nämnd",
        "filter_year": "År",
        "filter_all": "alla",
        "filter_empty": "Inget i målkedjan matchar filtret.",
        "filter_gaps": "Luckor markeras för de aktiviteter som filtret behåller.",
        "legend_status": "Status för uppdrag",
        "legend_gap": "röd ram: en lucka",
        "also": "Även under",
        "expand_all": "Öppna alla",
        "collapse_all": "Stäng alla",
        "through_directions": "står under målbilden genom sina riktningar",
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

#: Latest status of an assignment (rule `latest-status`): key → label per language, fill colour.
STATUS: dict[str, dict[str, str]] = {
    "open": {"en": "ongoing", "sv": "pågående", "color": "#fdd49e"},
    "closed": {"en": "closed", "sv": "avslutad", "color": "#c7e9c0"},
    "unreported": {"en": "not reported", "sv": "ej rapporterad", "color": "#e6e6e6"},
}

#: Sentences the command and the page say about a filter (format fields in braces).
NOTICES: dict[str, dict[str, str]] = {
    "network_empty": {
        "en": "the network {name!r} lists no activity: all {gaps} directions and strategies "
              "are gaps for it",
        "sv": "nätverket {name!r} listar ingen aktivitet: alla {gaps} riktningar och "
              "strategier är luckor för det"},
    "committee_empty": {
        "en": "{name!r} carries no assignment and takes part in no activity: all {gaps} "
              "directions and strategies are gaps for it",
        "sv": "{name!r} bär inget uppdrag och deltar inte i någon aktivitet: alla {gaps} "
              "riktningar och strategier är luckor för den"},
    "both_empty": {
        "en": "nothing matches both --network {network!r} and --committee {committee!r}: "
              "none of the network's activities is carried by the committee's administration, "
              "and assignments belong to committees, not networks; drop one of the two",
        "sv": "inget matchar både --network {network!r} och --committee {committee!r}: ingen "
              "av nätverkets aktiviteter bärs av nämndens förvaltning, och uppdrag hör till "
              "nämnder, inte nätverk; ta bort ett av dem"},
    "filter_gaps": {
        "en": "{gaps} of {total} directions and strategies are gaps for this selection",
        "sv": "{gaps} av {total} riktningar och strategier är luckor för detta urval"},
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
