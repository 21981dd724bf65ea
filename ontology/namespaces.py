"""rdflib namespaces for the styrgraf vocabulary, in the style of rdflib.namespace.

`SG` and `SGC` are closed (`DefinedNamespace`): a misspelt term raises
AttributeError instead of silently minting a new IRI. Generated from
ontology/styrgraf.ttl by scripts/gen_namespaces.py; a test keeps them in step.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .prefixes import CONCEPT, GRAPH, ID_PREFIXES, VOCAB


class SG(DefinedNamespace):
    """The styrgraf vocabulary: classes and properties."""

    _NS = Namespace(VOCAB)
    _fail = True

    # classes
    Activity: URIRef
    Administration: URIRef
    Agreement: URIRef
    Assignment: URIRef
    AssignmentResponse: URIRef
    Committee: URIRef
    Company: URIRef
    CurationGraph: URIRef
    CuratorJudgement: URIRef
    DuplicateCandidate: URIRef
    FocusArea: URIRef
    Forum: URIRef
    Goal: URIRef
    GoalResponse: URIRef
    GoverningDocument: URIRef
    Guideline: URIRef
    Indicator: URIRef
    IndicatorValue: URIRef
    LongTermDirection: URIRef
    Method: URIRef
    Municipality: URIRef
    Network: URIRef
    Objective: URIRef
    OrganisationGroup: URIRef
    OrganizationalUnit: URIRef
    PartnerOrganisation: URIRef
    Post: URIRef
    Programme: URIRef
    Project: URIRef
    Section: URIRef
    SourceDocument: URIRef
    StatedGraph: URIRef
    Strategy: URIRef
    SuggestionGraph: URIRef
    Vision: URIRef

    # properties
    administrationOf: URIRef
    agreementKind: URIRef
    assignedTo: URIRef
    assignmentYear: URIRef
    bmmConcept: URIRef
    breakdown: URIRef
    budgetDecision: URIRef
    candidate: URIRef
    carriesGoal: URIRef
    cites: URIRef
    concernsAssignment: URIRef
    contactPerson: URIRef
    contributesToGoal: URIRef
    decisionDate: URIRef
    decisionReference: URIRef
    documentKind: URIRef
    endYear: URIRef
    extendedUntil: URIRef
    goalNumber: URIRef
    inCooperationWith: URIRef
    inFocusArea: URIRef
    involves: URIRef
    issuedBy: URIRef
    issuedIn: URIRef
    listedUnder: URIRef
    measures: URIRef
    network: URIRef
    objectiveOf: URIRef
    ofIndicator: URIRef
    page: URIRef
    partnerKind: URIRef
    party: URIRef
    period: URIRef
    periodEnd: URIRef
    periodStart: URIRef
    priority: URIRef
    programmeKind: URIRef
    relatesToVision: URIRef
    reportTo: URIRef
    reportedIn: URIRef
    respondent: URIRef
    respondsTo: URIRef
    responsible: URIRef
    scope: URIRef
    sectionNumber: URIRef
    seedFile: URIRef
    setBy: URIRef
    sharedTerm: URIRef
    similarActivityIn: URIRef
    similarity: URIRef
    startYear: URIRef
    statedIn: URIRef
    status: URIRef
    strategyOf: URIRef
    supportsStrategy: URIRef
    timeline: URIRef
    unit: URIRef
    usesMethod: URIRef
    validFrom: URIRef
    validUntil: URIRef
    value: URIRef
    valueKind: URIRef


class SGC(DefinedNamespace):
    """Controlled vocabularies: status, priority, kinds of documents, programmes, agreements."""

    _NS = Namespace(CONCEPT)
    _fail = True
    # names that are not Python identifiers
    _extras = (
        'inom-budgetbeslut',
        'prio-1',
        'prio-2',
        'statlig-myndighet',
        'upphandlat-avtal',
        'utanfor-budgetbeslut',
    )

    arsrapport: URIRef
    avslutad: URIRef
    avtalstyp: URIRef
    bilaga: URIRef
    budget: URIRef
    budgetbeslut: URIRef
    budgeterat: URIRef
    delarsrapport: URIRef
    dokumenttyp: URIRef
    domstol: URIRef
    eu: URIRef
    forandring: URIRef
    foretag: URIRef
    genomforandeplan: URIRef
    handlingsplan: URIRef
    ideburen: URIRef
    intresseorganisation: URIRef
    iop: URIRef
    kommun: URIRef
    kommunalforbund: URIRef
    larosate: URIRef
    malomraden: URIRef
    metoder: URIRef
    overenskommelse: URIRef
    pagaende: URIRef
    parttyp: URIRef
    plan: URIRef
    prioritet: URIRef
    prognos: URIRef
    program: URIRef
    programtyp: URIRef
    region: URIRef
    riktlinje: URIRef
    samverkansavtal: URIRef
    status: URIRef
    strategi: URIRef
    utfall: URIRef
    varde: URIRef
    verksamhetsplan: URIRef


GRAPH_NS = Namespace(GRAPH)
ID = {prefix: Namespace(iri) for prefix, iri in ID_PREFIXES.items()}

__all__ = ["GRAPH_NS", "ID", "SG", "SGC"]
