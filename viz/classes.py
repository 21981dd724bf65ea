"""How each class looks on the page, where it sits in the hierarchy, and which are shown.

One table, so colour, shape, level and the default selection cannot drift
apart. Order matters: a node with several classes is drawn as the first of
them in this table (a municipality that is also a partner is a partner).
Labels come from the ontology graph at run time; the ones here are fallbacks
for classes the ontology does not define (skos:Concept).
"""

from __future__ import annotations

from dataclasses import dataclass

from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.terms import SG, SKOS

SKOS_CONCEPT = SKOS.Concept


@dataclass(frozen=True)
class ClassStyle:
    """Drawing rules for one class. `level` is the class's rank from the top (0 = the vision);
    the chain's tree takes its depths from the documents' links (chain.py)."""

    name: str  # local name, as given to --types
    color: str
    shape: str  # a vis-network shape with the label outside the node
    level: int
    default: bool  # shown without --types
    size: int = 14

    @property
    def iri(self) -> str:
        return SKOS_CONCEPT if self.name == "Concept" else SG[self.name]


# The goal chain on levels 0-4 (vision → goals → directions → strategies → activities),
# then what answers to it, then the documents, then the actors who carry the work.
# No class is red: red marks gaps.
STYLES: tuple[ClassStyle, ...] = (
    ClassStyle("Vision", "#6a3d9a", "star", 0, True, 22),
    ClassStyle("Goal", "#8c564b", "star", 1, True, 18),
    ClassStyle("Objective", "#c49c94", "diamond", 2, True),
    ClassStyle("LongTermDirection", "#ff7f0e", "triangle", 2, True, 18),
    ClassStyle("FocusArea", "#bcbd22", "hexagon", 2, True),
    ClassStyle("Strategy", "#f5b041", "triangleDown", 3, True, 16),
    ClassStyle("Guideline", "#dbdb8d", "triangleDown", 3, True),
    ClassStyle("Activity", "#1f77b4", "dot", 4, True),
    ClassStyle("Project", "#aec7e8", "dot", 4, True),
    ClassStyle("Assignment", "#2ca02c", "square", 4, True),
    ClassStyle("AssignmentResponse", "#98df8a", "square", 5, True, 10),
    ClassStyle("GoalResponse", "#c7e9c0", "square", 5, False, 10),
    ClassStyle("Indicator", "#17becf", "diamond", 5, True),
    ClassStyle("IndicatorValue", "#9edae5", "dot", 6, False, 8),
    ClassStyle("Method", "#e377c2", "hexagon", 5, True),
    ClassStyle("Agreement", "#f7b6d2", "diamond", 5, True),
    ClassStyle("Programme", "#9467bd", "square", 6, True),
    ClassStyle("SourceDocument", "#393b79", "square", 6, True),
    ClassStyle("GoverningDocument", "#5254a3", "square", 6, True),
    ClassStyle("Section", "#c5b0d5", "dot", 7, False, 8),
    ClassStyle("Committee", "#7f7f7f", "triangle", 7, True, 16),
    ClassStyle("PartnerOrganisation", "#843c39", "dot", 8, True),
    ClassStyle("OrganisationGroup", "#a5a5a5", "triangle", 7, True),
    ClassStyle("Administration", "#525252", "triangleDown", 8, True),
    ClassStyle("OrganizationalUnit", "#969696", "triangleDown", 8, True, 12),
    ClassStyle("Post", "#bdbdbd", "dot", 8, True, 12),
    ClassStyle("Network", "#e7969c", "hexagon", 8, True, 16),
    ClassStyle("Forum", "#ce6dbd", "hexagon", 8, True),
    ClassStyle("Company", "#8c6d31", "square", 8, True),
    ClassStyle("Municipality", "#637939", "square", 8, True),
    ClassStyle("CuratorJudgement", "#d9d9d9", "dot", 9, False, 8),
    ClassStyle("DuplicateCandidate", "#d9d9d9", "dot", 9, False, 8),
    ClassStyle("Concept", "#cedb9c", "dot", 9, False, 8),
)

BY_NAME: dict[str, ClassStyle] = {s.name: s for s in STYLES}
BY_IRI: dict[str, ClassStyle] = {s.iri: s for s in STYLES}
DEFAULT_TYPES: frozenset[str] = frozenset(s.name for s in STYLES if s.default)
_ORDER = {s.name: i for i, s in enumerate(STYLES)}
FALLBACK_LABELS = {"Concept": {"sv": "begrepp", "en": "concept"}}


def ordered(names) -> list[str]:
    """Class names in drawing priority (the table's order)."""
    return sorted(set(names), key=_ORDER.__getitem__)


def parse_types(text: str, labels: dict[str, dict[str, str]]) -> frozenset[str]:
    """Read `--types`: local names or Swedish/English class labels, comma-separated, or `all`.

    `labels` maps local name → {"sv": …, "en": …}. Matching ignores case.
    """
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    if not wanted:
        raise InputError("--types is empty: give class names such as Strategy,Activity")
    lookup: dict[str, str] = {}
    for style in STYLES:
        lookup[style.name.casefold()] = style.name
        for label in labels.get(style.name, {}).values():
            lookup.setdefault(label.casefold(), style.name)
    chosen: set[str] = set()
    unknown = []
    for item in wanted:
        if item.casefold() == "all":
            chosen.update(BY_NAME)
        elif item.casefold() in lookup:
            chosen.add(lookup[item.casefold()])
        else:
            unknown.append(item)
    if unknown:
        raise InputError(f"unknown type{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(repr(u) for u in unknown)}; valid types: "
                         f"{', '.join(s.name for s in STYLES)} (or their Swedish/English "
                         "labels, or all)")
    return frozenset(chosen)
