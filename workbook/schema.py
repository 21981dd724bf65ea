"""The workbook's shape, declared once: sheets, their classes and their columns.

The template, the import and the export all read this table, so a column
cannot mean one thing when written and another when read. A sheet holds the
nodes of some classes (one row per node); a column holds one property, with
a kind that says how a cell becomes an RDF term. What no column can hold
exactly goes to the sheet "Övriga uppgifter" (one row per statement), so an
export followed by an import gives back the same graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from styrgraf.ontology.terms import DCTERMS, ORG, PROV, RDFS, SG, SKOS

#: How a cell becomes a term. "text": Swedish text (@sv); "text_en": English (@en);
#: "string": plain text; "ref": one or more nodes (id or name, `;`-separated);
#: "concept": one value from a fixed list (a dropdown); "year", "yearmonth",
#: "date", "int", "decimal": typed values.
KINDS = ("text", "text_en", "string", "ref", "concept", "year", "yearmonth", "date", "int",
         "decimal")

#: Between several values in one cell: `;` for references, a line break for texts.
REF_SEPARATOR = ";"
TEXT_SEPARATOR = "\n"


@dataclass(frozen=True)
class Column:
    """One column: its headers, the property it holds and how a cell reads."""

    key: str
    sv: str
    en: str
    predicate: str | None  # None for the row's own columns (id, type, judgement …)
    kind: str = "text"
    multi: bool = False
    scheme: str | None = None  # concept columns: the skos:ConceptScheme's local name
    required: bool = False
    help_sv: str = ""
    separator: str = ""  # between values of a multi-valued cell; default by kind
    classes: tuple[str, ...] = ()  # ref columns: the classes a name is narrowed to if ambiguous

    @property
    def splits_on(self) -> str:
        """`;` between references and choices, a line break between texts."""
        if self.separator:
            return self.separator
        return REF_SEPARATOR if self.kind in ("ref", "concept") else TEXT_SEPARATOR

    @property
    def header(self) -> str:
        """The header cell: Swedish with the English term beside it."""
        return f"{self.sv} ({self.en})"


@dataclass(frozen=True)
class Sheet:
    """One sheet: the classes its rows are (the first is the default) and its columns."""

    key: str
    sv: str
    en: str
    classes: tuple[str, ...]
    prefix: str  # the id prefix new rows get (see ontology/prefixes.py ID_PREFIXES)
    columns: tuple[Column, ...] = field(default_factory=tuple)
    help_sv: str = ""

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def property_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.predicate is not None)


def _c(key: str, sv: str, en: str, predicate: str | None, kind: str = "text", **kw) -> Column:
    return Column(key, sv, en, predicate, kind, **kw)


# ---- columns every node sheet has --------------------------------------------------------

ID = _c("id", "Id", "id", None, "string",
        help_sv="Kort, stabil identitet (t.ex. act:faltchat). Tom: skapas av namnet.")
TYPE = _c("type", "Typ", "type", None, "string", multi=True, separator=REF_SEPARATOR,
          help_sv="Vad raden är. Tom: bladets första typ för nya rader; för en nod som ett "
                  "annat dokument beskriver betyder tom att detta dokument inte anger typen.")
LABEL = _c("label", "Namn", "label", RDFS.label, required=True,
           help_sv="Namnet som dokumentet skriver det, på svenska.")
ALT = _c("alt", "Andra namn", "alternative labels", SKOS.altLabel, multi=True,
         help_sv="Förkortningar och andra namn, ett per rad i cellen.")
DESCRIPTION = _c("description", "Beskrivning", "description", DCTERMS.description)
NOTE = _c("note", "Anteckning", "note", SKOS.note)
EDITORIAL = _c("editorial", "Redaktionell anmärkning", "editorial note", SKOS.editorialNote,
               "text_en", multi=True, help_sv="Kuratorns anmärkning, på engelska.")
CITES = _c("cites", "Hänvisar till", "cites", SG.cites, "ref", multi=True)
INVOLVES = _c("involves", "Involverar", "involves", SG.involves, "ref", multi=True)
METHOD = _c("method", "Metod", "uses method", SG.usesMethod, "ref", multi=True)
FOCUS = _c("focus", "Målområde", "focus area", SG.inFocusArea, "ref")
RELATION = _c("relation", "Relaterad till", "related to", DCTERMS.relation, "ref", multi=True)
HAS_PART = _c("has_part", "Har del", "has part", DCTERMS.hasPart, "ref", multi=True)
PART_OF = _c("part_of", "Del av", "part of", DCTERMS.isPartOf, "ref")
SET_BY = _c("set_by", "Beslutat av", "set by", SG.setBy, "ref")
VISION = _c("vision", "Målbild", "relates to vision", SG.relatesToVision, "ref")
VALID_FROM = _c("valid_from", "Gäller från år", "valid from", SG.validFrom, "year")
VALID_UNTIL = _c("valid_until", "Gäller till år", "valid until", SG.validUntil, "year")
PUBLISHER = _c("publisher", "Utgivare", "publisher", DCTERMS.publisher, "ref",
               classes=(ORG.Organization,))
HAS_MEMBER = _c("has_member", "Medlemmar", "members", ORG.hasMember, "ref", multi=True)
SECTIONS = _c("sections", "Avsnitt", "sections", SG.statedIn, "ref", multi=True,
              classes=(SG.Section, SG.SourceDocument),
              help_sv="Var i dokumentet raden står (avsnittens id eller namn). För en "
                      "bedömning: avsnitten som motiveringen bygger på.")
JUDGEMENT = _c("judgement", "Bedömning", "curator judgement", None, "string",
               help_sv="'ja' om raden är kuratorns slutsats och inte dokumentets ord: den "
                       "hamnar i dokumentets kureringsfil med motiveringen.")
REASON = _c("reason", "Motivering", "reason", None, "string",
            help_sv="Varför (krävs för en bedömning).")

LEAD = (ID, TYPE, LABEL)
TAIL = (ALT, DESCRIPTION, NOTE, EDITORIAL, SECTIONS, JUDGEMENT, REASON)


def _cols(*middle: Column) -> tuple[Column, ...]:
    """A node sheet's columns: id, type and name first; names, texts and provenance last."""
    return (*LEAD, *middle, *TAIL)

# ---- the sheets ---------------------------------------------------------------------------

DOCUMENTS = Sheet(
    "documents", "Dokument", "Documents", (SG.SourceDocument, SG.GoverningDocument), "doc",
    _cols(
        _c("file", "Fil", "file", None, "string",
           help_sv="Filnamnet (utan .ttl) för detta dokuments graf. Fyll i på en rad: "
                   "dokumentet som arbetsboken beskriver. Tom: den första raden av typen "
                   "SourceDocument, med id:t som filnamn."),
        _c("title", "Titel", "title", DCTERMS.title),
        _c("kind", "Dokumenttyp", "document kind", SG.documentKind, "concept",
           scheme="dokumenttyp"),
        PUBLISHER,
        _c("creator", "Upphov", "creator", DCTERMS.creator, "ref"),
        _c("period_start", "Period från", "period start", SG.periodStart, "date"),
        _c("period_end", "Period till", "period end", SG.periodEnd, "date"),
        _c("accepted", "Beslutad (år-månad)", "date accepted", DCTERMS.dateAccepted,
           "yearmonth"),
        _c("issued", "Utfärdad (år-månad)", "issued", DCTERMS.issued, "yearmonth"),
        VALID_UNTIL, PART_OF, CITES, RELATION,
        _c("influenced_by", "Påverkad av", "influenced by", PROV.wasInfluencedBy, "ref"),
        _c("seed_file", "Källfil", "seed file", SG.seedFile, "string"),
    ),
    "Dokumentet som arbetsboken beskriver, och de dokument det hänvisar till.")

SECTIONS_SHEET = Sheet(
    "sections", "Avsnitt", "Sections", (SG.Section,), "sec",
    _cols(
        _c("number", "Nummer", "section number", SG.sectionNumber, "string"),
        _c("section_of", "Del av", "part of", DCTERMS.isPartOf, "ref", required=True,
           classes=(SG.SourceDocument, SG.Section)),
        HAS_PART,
        _c("page", "Sida", "page", SG.page, "int"),
    ),
    "Dokumentets avsnitt: varje rad i de andra bladen pekar på avsnittet där den står.")

GOALS = Sheet(
    "goals", "Mål", "Goals", (SG.Goal, SG.Objective, SG.Vision, SG.FocusArea, SKOS.Concept),
    "goal",
    _cols(
        _c("number", "Målnummer", "goal number", SG.goalNumber, "int"),
        SET_BY,
        _c("objective_of", "Delmål till", "objective of", SG.objectiveOf, "ref"),
        _c("carries", "Bär mål", "carries goal", SG.carriesGoal, "ref", multi=True),
        _c("scheme", "Ingår i", "in scheme", SKOS.inScheme, "ref"),
        FOCUS, VISION, INVOLVES, METHOD, CITES,
        _c("scope_note", "Omfång", "scope note", SKOS.scopeNote),
    ),
    "Målbild, mål, delmål, målområden och andra teman.")

DIRECTIONS = Sheet(
    "directions", "Riktningar", "Directions", (SG.LongTermDirection,), "dir",
    _cols(VISION),
    "Långsiktiga riktningar (\"hit ska vi\").")

STRATEGIES = Sheet(
    "strategies", "Strategier", "Strategies", (SG.Strategy,), "strat",
    _cols(_c("direction", "Riktning", "strategy of", SG.strategyOf, "ref", required=True,
             classes=(SG.LongTermDirection,))),
    "Strategier (\"så gör vi\"), var och en under sin riktning.")

ACTIVITIES = Sheet(
    "activities", "Aktiviteter", "Activities", (SG.Activity, SG.Project), "act",
    _cols(
        _c("network", "Nätverk", "network", SG.network, "ref", classes=(SG.Network,)),
        _c("listed_under", "Listad under", "listed under", SG.listedUnder, "ref",
           classes=(SG.LongTermDirection,)),
        _c("strategy", "Stöder strategi", "supports strategy", SG.supportsStrategy, "ref",
           multi=True, classes=(SG.Strategy,)),
        _c("responsible", "Ansvarig", "responsible", SG.responsible, "ref", multi=True,
           classes=(SG.Post, ORG.Organization)),
        INVOLVES,
        _c("priority", "Prioritet", "priority", SG.priority, "concept", scheme="prioritet"),
        _c("start", "Startår", "start year", SG.startYear, "year"),
        _c("end", "Slutår", "end year", SG.endYear, "year"),
        _c("timeline", "Tidplan", "timeline", SG.timeline),
        _c("contact", "Kontaktperson", "contact person", SG.contactPerson, "ref"),
        METHOD, CITES,
    ),
    "Aktiviteter med ansvarig, tidplan och prioritet.")

ASSIGNMENTS = Sheet(
    "assignments", "Uppdrag", "Assignments", (SG.Assignment,), "asg",
    _cols(
        _c("assigned_to", "Uppdrag till", "assigned to", SG.assignedTo, "ref", multi=True),
        _c("issued_by", "Givet av", "issued by", SG.issuedBy, "ref"),
        _c("issued_in", "Givet i", "issued in", SG.issuedIn, "ref"),
        _c("year", "År", "assignment year", SG.assignmentYear, "year"),
        _c("budget", "Budgetbeslut", "budget decision", SG.budgetDecision, "concept",
           scheme="budgetbeslut"),
        _c("goals", "Bidrar till mål", "contributes to goal", SG.contributesToGoal, "ref",
           multi=True),
        _c("cooperation", "I samverkan med", "in cooperation with", SG.inCooperationWith,
           "ref", multi=True),
        _c("report_to", "Redovisas till", "report to", SG.reportTo, "ref"),
        FOCUS, INVOLVES, METHOD, CITES,
    ),
    "Uppdrag från budgeten och nämnden.")

RESPONSES = Sheet(
    "responses", "Redovisningar", "Responses", (SG.AssignmentResponse, SG.GoalResponse),
    "resp",
    _cols(
        _c("responds_to", "Svarar på", "responds to", SG.respondsTo, "ref", required=True,
           classes=(SG.Assignment, SG.Goal)),
        _c("respondent", "Redovisas av", "respondent", SG.respondent, "ref", required=True),
        _c("reported_in", "Redovisas i", "reported in", SG.reportedIn, "ref", required=True,
           classes=(SG.SourceDocument,)),
        _c("status", "Status", "status", SG.status, "concept", scheme="status"),
        _c("decision_date", "Beslutsdatum", "decision date", SG.decisionDate, "date"),
        _c("decision_ref", "Beslut (paragraf)", "decision reference", SG.decisionReference,
           "string"),
        HAS_PART,
        _c("references", "Hänvisar (dcterms)", "references", DCTERMS.references, "ref"),
        RELATION, FOCUS, INVOLVES, METHOD, CITES,
    ),
    "Hur uppdrag och mål omhändertas: status och beslut per rapport.")

INDICATORS = Sheet(
    "indicators", "Indikatorer", "Indicators", (SG.Indicator,), "ind",
    _cols(_c("measures", "Mäter", "measures", SG.measures, "ref")),
    "Indikatorer och vad de mäter.")

FIGURES = Sheet(
    "figures", "Utfall", "Reported figures", (SG.IndicatorValue,), "fig",
    (ID, TYPE,
     _c("indicator", "Indikator", "indicator", SG.ofIndicator, "ref", required=True,
        classes=(SG.Indicator,)),
     _c("period", "Period", "period", SG.period, required=True),
     _c("period_start", "Period från", "period start", SG.periodStart, "date"),
     _c("period_end", "Period till", "period end", SG.periodEnd, "date"),
     _c("value", "Värde", "value", SG.value, "decimal", required=True),
     _c("unit", "Enhet", "unit", SG.unit, required=True),
     _c("value_kind", "Slag av värde", "value kind", SG.valueKind, "concept", scheme="varde"),
     _c("breakdown", "Uppdelning", "breakdown", SG.breakdown),
     replace(LABEL, required=False), *TAIL),
    "Rapporterade värden för indikatorer.")

PROGRAMMES = Sheet(
    "programmes", "Program och planer", "Programmes and plans",
    (SG.Programme, SG.Guideline, SG.Method), "prog",
    _cols(
        _c("kind", "Programtyp", "programme kind", SG.programmeKind, "concept",
           scheme="programtyp"),
        VALID_FROM, VALID_UNTIL,
        _c("extended", "Förlängt till år", "extended until", SG.extendedUntil, "year"),
        PUBLISHER,
        _c("issued", "Utfärdad (år-månad)", "issued", DCTERMS.issued, "yearmonth"),
        PART_OF, HAS_PART, RELATION,
        _c("subject", "Ämne", "subject", DCTERMS.subject, "ref"),
        _c("scheme", "Ingår i", "in scheme", SKOS.inScheme, "ref"),
        _c("broader", "Överordnad", "broader", SKOS.broader, "ref"),
        _c("notation", "Beteckning", "notation", SKOS.notation, "string"),
        SET_BY, VISION, INVOLVES, METHOD, CITES,
    ),
    "Program, planer, riktlinjer och metoder som dokumentet hänvisar till.")

PARTNERS = Sheet(
    "partners", "Parter", "Partners",
    (SG.PartnerOrganisation, SG.Municipality, SG.OrganisationGroup, SG.Company, SG.Forum,
     ORG.Organization), "actor",
    _cols(
        _c("partner_kind", "Typ av part", "partner kind", SG.partnerKind, "concept",
           scheme="parttyp"),
        HAS_MEMBER,
    ),
    "Samarbetsparter, kommuner, bolag och forum.")

AGREEMENTS = Sheet(
    "agreements", "Avtal", "Agreements", (SG.Agreement,), "agr",
    _cols(
        _c("agreement_kind", "Avtalstyp", "agreement kind", SG.agreementKind, "concept",
           scheme="avtalstyp"),
        _c("parties", "Parter", "parties", SG.party, "ref", multi=True),
        _c("scope", "Omfattning", "scope", SG.scope),
        VALID_FROM, VALID_UNTIL, INVOLVES,
    ),
    "Avtal och överenskommelser med parter.")

UNITS = Sheet(
    "units", "Enheter och tjänster", "Units and posts",
    (SG.Committee, SG.Administration, SG.OrganizationalUnit, SG.Post, SG.Network), "actor",
    _cols(
        _c("unit_of", "Enhet inom", "unit of", ORG.unitOf, "ref", multi=True),
        _c("post_in", "Tjänst inom", "post in", ORG.postIn, "ref"),
        _c("administration_of", "Förvaltning åt", "administration of", SG.administrationOf,
           "ref"),
        HAS_MEMBER,
    ),
    "Nämnder, förvaltningar, enheter, tjänster (AC, EC) och nätverk.")

NODE_SHEETS: tuple[Sheet, ...] = (DOCUMENTS, SECTIONS_SHEET, GOALS, DIRECTIONS, STRATEGIES,
                                  ACTIVITIES, ASSIGNMENTS, RESPONSES, INDICATORS, FIGURES,
                                  PROGRAMMES, PARTNERS, AGREEMENTS, UNITS)

#: Statements no column holds exactly, one per row.
OTHER = Sheet(
    "other", "Övriga uppgifter", "Other statements", (), "",
    (_c("subject", "Subjekt", "subject", None, "string", required=True),
     _c("property", "Egenskap", "property", None, "string", required=True),
     _c("value", "Värde", "value", None, "string", required=True),
     _c("value_type", "Värdetyp", "value type", None, "string",
        help_sv="'nod' för en nod, 'sv' eller 'en' för text på det språket, annars en "
                "datatyp som xsd:date; tom: text på svenska."),
     SECTIONS, JUDGEMENT, REASON,
     _c("judgement_id", "Bedömningens id", "judgement id", None, "string")),
    "Uppgifter som inget annat blad har en kolumn för: en per rad.")

SHEETS: tuple[Sheet, ...] = (*NODE_SHEETS, OTHER)
INSTRUCTIONS_SV = "Instruktioner"
INSTRUCTIONS_EN = "Instructions"
#: The hidden sheet that holds the dropdown lists (the import ignores it).
LISTS_SHEET = "Listor"

#: Words that mean yes in the judgement column (folded, so "Ja", "JA" and "x" count).
YES = frozenset({"ja", "j", "x", "yes", "y", "true", "1", "sant"})
NO = frozenset({"", "nej", "n", "no", "false", "0", "falskt"})


def sheet_for_class(classes: set[str]) -> Sheet | None:
    """The first sheet (in order) that holds one of `classes`."""
    for sheet in NODE_SHEETS:
        if classes.intersection(sheet.classes):
            return sheet
    return None
