"""The words styrgraf uses for people, in Swedish (default) and English.

One place for headings, plurals and sentences, so the overview, the command
line and the report say the same thing in the same words. `say(lang, key,
n=…, **values)` picks the singular or plural form by `n`.
"""

from __future__ import annotations

import os

LANGS = ("sv", "en")

#: (singular, plural) per language, for counted things.
NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "sv": {
        "document": ("källdokument", "källdokument"),
        "long-term direction": ("långsiktig riktning", "långsiktiga riktningar"),
        "strategy": ("strategi", "strategier"),
        "activity": ("aktivitet", "aktiviteter"),
        "goal": ("mål", "mål"),
        "assignment": ("uppdrag", "uppdrag"),
        "programme or plan": ("program eller plan", "program och planer"),
        "partner organisation": ("samarbetspart", "samarbetsparter"),
        "agreement": ("avtal", "avtal"),
        "row": ("rad", "rader"),
        "graph": ("graf", "grafer"),
        "triple": ("tripel", "tripler"),
        "quad": ("kvadrupel", "kvadrupler"),
        "node": ("nod", "noder"),
        "relation": ("relation", "relationer"),
        "text": ("text", "texter"),
        "pair": ("par", "par"),
        "cluster": ("kluster", "kluster"),
        "duplicate candidate": ("möjlig dubblett", "möjliga dubbletter"),
        "committee": ("nämnd eller bolag", "nämnder och bolag"),
    },
    "en": {
        "document": ("source document", "source documents"),
        "long-term direction": ("long-term direction", "long-term directions"),
        "strategy": ("strategy", "strategies"),
        "activity": ("activity", "activities"),
        "goal": ("goal", "goals"),
        "assignment": ("assignment", "assignments"),
        "programme or plan": ("programme or plan", "programmes and plans"),
        "partner organisation": ("partner organisation", "partner organisations"),
        "agreement": ("agreement", "agreements"),
        "row": ("row", "rows"),
        "graph": ("graph", "graphs"),
        "triple": ("triple", "triples"),
        "quad": ("quad", "quads"),
        "node": ("node", "nodes"),
        "relation": ("relation", "relations"),
        "text": ("text", "texts"),
        "pair": ("pair", "pairs"),
        "cluster": ("cluster", "clusters"),
        "duplicate candidate": ("duplicate candidate", "duplicate candidates"),
        "committee": ("committee or company", "committees and companies"),
    },
}

PHRASES: dict[str, dict[str, str]] = {
    "sv": {
        "overview.title": "styrgraf – översikt",
        "overview.documents": "{count} {documents}: {names}",
        "directions.topic": "Riktningar utan aktiviteter",
        "directions.none": "varje långsiktig riktning har minst en aktivitet",
        "directions.some": "{count} {directions} saknar aktiviteter (ingen listad under den "
                           "och ingen som stöder någon av dess strategier)",
        "strategies.topic": "Strategier utan aktiviteter",
        "strategies.none": "varje strategi har minst en aktivitet som stöder den",
        "strategies.some": "{count} {strategies} saknar en aktivitet som stöder dem; {under} "
                           "av dem står under riktningar som har aktiviteter",
        "activity_gaps.topic": "Aktiviteter med luckor",
        "activity_gaps.none": "ingen aktivitet saknar ansvarig, tidplan, strategi eller källa",
        "activity_gaps.some": "{count} {activities} saknar ansvarig, tidplan, koppling till "
                              "strategi eller källa",
        "activity_gaps.item": "{name} (saknar {missing})",
        "goals.topic": "Mål utan uppdrag",
        "goals.all_covered": "varje mål har minst ett uppdrag",
        "goals.bare": "{count} {goals} saknar uppdrag",
        "goals.rest": "{count} {goals} saknar uppdrag, aktiviteter eller delmål",
        "goals.item": "{name} (saknar {missing})",
        "units.topic": "Bär flest aktiviteter",
        "committees.topic": "Bär flest uppdrag",
        "top.none": "inget registrerat",
        "open.topic": "Pågående uppdrag",
        "open.none": "ingen rapport ger uppdragen någon status",
        "open.some": "{count} {assignments} pågående enligt de senaste rapporterna",
        "open.committee": "{committee}: {ongoing} pågående, {closed} avslutade, {unreported} ej "
                          "rapporterade, per {date} ({report})",
        "stale.topic": "Uppdrag som dröjer",
        "stale.some": "{count} {assignments} som gavs {year} eller tidigare är fortfarande "
                      "pågående enligt den senaste rapporten",
        "stale.item": "{name} ({year}; {age} år gammalt i dag)",
        "expired.topic": "Utgångna program som det fortfarande hänvisas till",
        "expired.some": "{count} {programmes} har gått ut (förlängningar inräknade) men hänvisas "
                        "det fortfarande till",
        "expired.item": "{name} (till {year})",
        "partners.topic": "Mest delaktiga samarbetspart",
        "more": "… och {count} till",
        "missing.responsible": "ansvarig", "missing.timeline": "tidplan",
        "missing.strategy": "strategi", "missing.source": "källa",
        "missing.assignments": "uppdrag", "missing.activities": "aktiviteter",
        "missing.sub-goals": "delmål",
        "rows": "{count} {rows}",
        "and": "och",
        "note.built": "byggde lagret från {graphs} ({triples}) på {seconds} s",
        "note.repaired": "lagret var skadat och har byggts om från källorna ({reason})",
        "note.wrote": "skrev {what} till {path}",
        "progress.build": "bygger lagret",
        "note.endpoint": "frågar SPARQL-tjänsten {url}",
        "note.serving": "SPARQL-tjänsten svarar på {url} ({mode}); Ctrl-C stoppar den",
        "note.stopped": "SPARQL-tjänsten är stoppad",
        "note.limit": "visar de första {count} raderna (det finns fler); -f csv ger alla, "
                      "eller --limit 0",
        "note.limit_one": "visar den första raden (det finns fler); -f csv ger alla, eller "
                          "--limit 0",
        "note.template": "skrev mallen till {path}: fyll i den och läs in med styrgraf import",
        "note.page": "{nodes}, {relations}",
        "note.page_gaps": "{nodes}, {relations}, {gaps} med luckor",
        "note.compared": "jämförde {texts}: {pairs} i {clusters}",
        "note.layers": "kunskapsbas: {layers}",
        "note.overrides": "kunskapsbas: {layers}; egna filer ersätter inbyggda {files}",
        "note.init": "arbetsytan {path} är klar: lägg dina .ttl-filer där och använd den med "
                     "--data {path} (eller STYRGRAF_DATA)",
        "layer.builtin": "inbyggd", "layer.workspace": "arbetsyta", "layer.folder": "mapp",
        "layer.vocabulary": "vokabulär", "layer.column": "ursprung",
        "diff.title": "Skillnader: {a} → {b}",
        "diff.total": "Totalt", "diff.other": "Övrigt",
        "diff.changed": "ändrad", "diff.changed.plural": "ändrade",
        "diff.reworded": "omformulerad", "diff.reworded.plural": "omformulerade",
        "diff.added": "tillagd", "diff.added.plural": "tillagda",
        "diff.removed": "borttagen", "diff.removed.plural": "borttagna",
        "diff.unchanged": "oförändrad", "diff.unchanged.plural": "oförändrade",
        "diff.none": "inga skillnader mellan {a} och {b}",
        "diff.hidden": "{count} oförändrade visas inte (--unchanged visar dem)",
        # the report (styrgraf report)
        "report.title": "Styrgrafrapport",
        "report.all_committees": "Alla nämnder och bolag",
        "report.scope": "Sammanfattningen gäller hela kunskapsbasen (utom statusraden); "
                        "avsnitten nedan gäller {committee} där de kan avgränsas.",
        "report.stale.item": "{name} ({year})",
        "report.curation": "styrgrafs kurering (bedömningar)",
        "report.period_to": "period till {date}",
        "report.status.title": "Uppdragens status per nämnd",
        "report.status.lead": "{committees} bär uppdrag. Varje stapel visar en nämnds uppdrag "
                              "efter den senaste status nämnden själv har rapporterat.",
        "report.status.one": "{committee} bär {assignments} uppdrag: {ongoing} pågående, "
                             "{closed} avslutade och {unreported} ej rapporterade enligt "
                             "nämndens senaste rapport.",
        "report.status.none": "{committee} bär inga uppdrag i kunskapsbasen.",
        "report.status.ongoing": "pågående", "report.status.closed": "avslutade",
        "report.status.unreported": "ej rapporterade",
        "report.status.axis": "uppdrag",
        "report.status.chart": "Uppdrag per nämnd efter senaste status (regeln latest-status)",
        "report.status.assignments": "De {count} uppdrag som {committee} bär, med senaste "
                                     "status",
        "report.status_word.pågående": "pågående", "report.status_word.avslutad": "avslutad",
        "report.status_word.ej rapporterad": "ej rapporterad",
        "report.scope_rows": "Här visas raderna för {committee}.",
        "report.scope_whole": "Avsnittet gäller hela kunskapsbasen; det kan inte avgränsas "
                              "till en nämnd.",
        "report.scope_activities": "Här visas de aktiviteter som förvaltningen för "
                                   "{committee} deltar i genom sitt nätverk (regeln "
                                   "activity-committees).",
        "report.scope_duplicates": "Här visas de par där minst en sida hör till {committee}.",
        "report.coverage.title": "Täckning av riktningar och strategier",
        "report.coverage.how": "Rutorna visar hur många aktiviteter som genomför varje "
                               "långsiktig riktning (fetstil) och strategi (regeln coverage). "
                               "Röd text: en lucka, ingen aktivitet alls.",
        "report.coverage.by_network": "Aktiviteter per riktning och strategi, per nätverk",
        "report.coverage.by_committee": "Aktiviteter per riktning och strategi, per nämnd "
                                        "(vars förvaltning deltar genom nätverket)",
        "report.coverage.no_network": "utan nätverk",
        "report.table.first": "{caption} – de första {shown} av {total} raderna; kommandot "
                              "nedan ger alla",
        "report.coverage.directions_only": "{caption} – bara riktningarna: {nodes} riktningar "
                                           "och strategier är för många för en bild; "
                                           "strategierna finns i tabellen nedan och i "
                                           "{command}",
        "report.coverage.no_committee": "Förvaltningen för {committee} deltar inte i någon "
                                        "aktivitet genom ett nätverk.",
        "report.coverage.gaps": "Luckor: riktningar och strategier utan aktiviteter",
        "report.coverage.node": "riktning eller strategi",
        "report.coverage.gap": "lucka",
        "report.kind.direction": "riktning", "report.kind.strategy": "strategi",
        "report.kind.activity": "aktivitet", "report.kind.assignment": "uppdrag",
        "report.kind.response": "omhändertagande",
        "report.gap.direction": "ingen aktivitet genomför riktningen",
        "report.gap.direction_of_strategy": "ingen aktivitet i hela riktningen",
        "report.gap.strategy": "ingen aktivitet stöder strategin",
        "report.stale.as_of": "Åldern räknas per {date}.",
        "report.stale.age": "år per {date}",
        "report.expired.year": "Gått ut före {year}.",
        "report.duplicates.title": "Dubbelarbete mellan nätverk",
        "report.duplicates.some": "{pairs} av texter från olika nätverk beskriver nästan samma "
                                  "arbete (likhet ≥ {threshold}).",
        "report.duplicates.none": "Inga texter från olika nätverk liknar varandra (likhet ≥ "
                                  "{threshold}).",
        "report.duplicates.score": "likhet", "report.duplicates.a": "den ena",
        "report.duplicates.b": "den andra", "report.duplicates.shared": "gemensamma ord",
        "report.changes.title": "Förändringar sedan förra rapporten",
        "report.changes.one": "{committee} har en rapport med status ({report}); det finns "
                              "ingen tidigare att jämföra med.",
        "report.changes.many": "{committee} har {count} rapporter med status; den senaste är "
                               "{latest}, den förra {previous}.",
        "report.changes.none": "{committee} har ingen rapport som ger uppdragen status.",
        "report.changes.nobody": "Ingen nämnd har en rapport som ger uppdragen status.",
        "report.changes.how": "Varje rapport med hur många uppdrag den själv kallar pågående "
                              "och avslutade, äldst först.",
        "report.changes.assignments": "uppdrag med status",
        "report.changes.same_file": "{previous} och {latest} står i samma fil och kan inte "
                                    "jämföras dokument mot dokument (styrgraf diff).",
        "report.changes.summary": "Skillnader från {previous} till {latest} (styrgraf diff)",
        "report.changes.status": "Ändrad status och handläggning från {previous} till "
                                 "{latest}",
        "report.word.summary": "Sammanfattning", "report.word.contents": "Innehåll",
        "report.word.full_list": "Hela listan", "report.word.sources": "Källor",
        "report.word.sections_word": "avsnitt", "report.word.documents": "Underlag",
        "report.word.statuses": "Status enligt senaste rapport",
        "report.word.none": "Inga.", "report.word.generated": "per",
        "report.word.scope_heading": "Avgränsning",
        "report.word.report": "rapporten",
    },
    "en": {
        "overview.title": "styrgraf overview",
        "overview.documents": "{count} {documents}: {names}",
        "directions.topic": "Directions without activities",
        "directions.none": "every long-term direction has at least one activity",
        "directions.some": "{count} {directions} have no activity (none listed under it and "
                           "none supporting one of its strategies)",
        "strategies.topic": "Strategies without activities",
        "strategies.none": "every strategy has an activity supporting it",
        "strategies.some": "{count} {strategies} have no activity supporting them; {under} of "
                           "them stand under directions that do have activities",
        "activity_gaps.topic": "Activities with gaps",
        "activity_gaps.none": "no activity lacks a responsible, timeline, strategy or source",
        "activity_gaps.some": "{count} {activities} lack a responsible, timeline, strategy link "
                              "or source",
        "activity_gaps.item": "{name} (no {missing})",
        "goals.topic": "Goals without assignments",
        "goals.all_covered": "every goal has at least one assignment",
        "goals.bare": "{count} {goals} have no assignment",
        "goals.rest": "{count} {goals} lack an assignment, activity or sub-goal",
        "goals.item": "{name} (no {missing})",
        "units.topic": "Carries most activities",
        "committees.topic": "Carries most assignments",
        "top.none": "nothing recorded",
        "open.topic": "Ongoing assignments",
        "open.none": "no report gives the assignments a status",
        "open.some": "{count} {assignments} ongoing at the latest reports",
        "open.committee": "{committee}: {ongoing} ongoing, {closed} closed, {unreported} not "
                          "reported, as of {date} ({report})",
        "stale.topic": "Stale assignments",
        "stale.some": "{count} {assignments} given in {year} or before are still ongoing at "
                      "their latest report",
        "stale.item": "{name} ({year}; {age} years old today)",
        "expired.topic": "Expired programmes still cited",
        "expired.some": "{count} {programmes} have run out (extensions included) but are still "
                        "cited",
        "expired.item": "{name} (to {year})",
        "partners.topic": "Most involved partner",
        "more": "… and {count} more",
        "missing.responsible": "responsible", "missing.timeline": "timeline",
        "missing.strategy": "strategy", "missing.source": "source",
        "missing.assignments": "assignments", "missing.activities": "activities",
        "missing.sub-goals": "sub-goals",
        "rows": "{count} {rows}",
        "and": "and",
        "note.built": "built the store from {graphs} ({triples}) in {seconds} s",
        "note.repaired": "the store was damaged and has been rebuilt from the sources ({reason})",
        "note.wrote": "wrote {what} to {path}",
        "progress.build": "building the store",
        "note.endpoint": "asking the SPARQL endpoint {url}",
        "note.serving": "the SPARQL endpoint answers on {url} ({mode}); Ctrl-C stops it",
        "note.stopped": "the SPARQL endpoint has stopped",
        "note.limit": "showing the first {count} rows (there are more); use -f csv for all, "
                      "or --limit 0",
        "note.limit_one": "showing the first row (there are more); use -f csv for all, or "
                          "--limit 0",
        "note.template": "wrote the template to {path}: fill it in and read it with "
                         "styrgraf import",
        "note.page": "{nodes}, {relations}",
        "note.page_gaps": "{nodes}, {relations}, {gaps} with gaps",
        "note.compared": "compared {texts}: {pairs} in {clusters}",
        "note.layers": "knowledge: {layers}",
        "note.overrides": "knowledge: {layers}; own files replace built-in {files}",
        "note.init": "workspace {path} is ready: put your .ttl files there and use it with "
                     "--data {path} (or STYRGRAF_DATA)",
        "layer.builtin": "built-in", "layer.workspace": "workspace", "layer.folder": "folder",
        "layer.vocabulary": "vocabulary", "layer.column": "layer",
        "diff.title": "Differences: {a} → {b}",
        "diff.total": "Total", "diff.other": "Other",
        "diff.changed": "changed", "diff.changed.plural": "changed",
        "diff.reworded": "reworded", "diff.reworded.plural": "reworded",
        "diff.added": "added", "diff.added.plural": "added",
        "diff.removed": "removed", "diff.removed.plural": "removed",
        "diff.unchanged": "unchanged", "diff.unchanged.plural": "unchanged",
        "diff.none": "no differences between {a} and {b}",
        "diff.hidden": "{count} unchanged not shown (--unchanged shows them)",
        # the report (styrgraf report)
        "report.title": "styrgraf report",
        "report.all_committees": "All committees and companies",
        "report.scope": "The summary covers the whole knowledge base (except the status "
                        "line); the sections below are narrowed to {committee} where they "
                        "can be.",
        "report.stale.item": "{name} ({year})",
        "report.curation": "styrgraf curation (judgements)",
        "report.period_to": "period to {date}",
        "report.status.title": "Assignment status per committee",
        "report.status.lead": "{committees} carry assignments. Each bar shows one committee's "
                              "assignments by the latest status the committee itself "
                              "reported.",
        "report.status.one": "{committee} carries {assignments} assignments: {ongoing} "
                             "ongoing, {closed} closed and {unreported} not reported at the "
                             "committee's latest report.",
        "report.status.none": "{committee} carries no assignment in the knowledge base.",
        "report.status.ongoing": "ongoing", "report.status.closed": "closed",
        "report.status.unreported": "not reported",
        "report.status.axis": "assignments",
        "report.status.chart": "Assignments per committee by latest status (the rule "
                               "latest-status)",
        "report.status.assignments": "The {count} assignments {committee} carries, with "
                                     "their latest status",
        "report.status_word.pågående": "ongoing", "report.status_word.avslutad": "closed",
        "report.status_word.ej rapporterad": "not reported",
        "report.scope_rows": "Shown: the rows for {committee}.",
        "report.scope_whole": "This section covers the whole knowledge base; it cannot be "
                              "narrowed to one committee.",
        "report.scope_activities": "Shown: the activities the administration of {committee} "
                                   "takes part in through its network (the rule "
                                   "activity-committees).",
        "report.scope_duplicates": "Shown: the pairs with at least one side belonging to "
                                   "{committee}.",
        "report.coverage.title": "Coverage of directions and strategies",
        "report.coverage.how": "Each cell is the number of activities carrying out a long-term "
                               "direction (bold) or strategy (the rule coverage). Red text: "
                               "a gap, no activity at all.",
        "report.coverage.by_network": "Activities per direction and strategy, by network",
        "report.coverage.by_committee": "Activities per direction and strategy, by committee "
                                        "(whose administration takes part through the "
                                        "network)",
        "report.coverage.no_network": "no network",
        "report.table.first": "{caption} – the first {shown} of {total} rows; the command "
                              "below gives them all",
        "report.coverage.directions_only": "{caption} – directions only: {nodes} directions "
                                           "and strategies are too many for one picture; the "
                                           "strategies are in the table below and in "
                                           "{command}",
        "report.coverage.no_committee": "The administration of {committee} takes part in no "
                                        "activity through a network.",
        "report.coverage.gaps": "Gaps: directions and strategies without activities",
        "report.coverage.node": "direction or strategy",
        "report.coverage.gap": "gap",
        "report.kind.direction": "direction", "report.kind.strategy": "strategy",
        "report.kind.activity": "activity", "report.kind.assignment": "assignment",
        "report.kind.response": "response",
        "report.gap.direction": "no activity covers the direction",
        "report.gap.direction_of_strategy": "no activity in the whole direction",
        "report.gap.strategy": "no activity supports the strategy",
        "report.stale.as_of": "Ages are counted as of {date}.",
        "report.stale.age": "age on {date}",
        "report.expired.year": "Ended before {year}.",
        "report.duplicates.title": "Duplicate work across networks",
        "report.duplicates.some": "{pairs} of texts from different networks describe nearly the "
                                  "same work (similarity ≥ {threshold}).",
        "report.duplicates.none": "No texts from different networks are alike (similarity ≥ "
                                  "{threshold}).",
        "report.duplicates.score": "score", "report.duplicates.a": "one",
        "report.duplicates.b": "the other", "report.duplicates.shared": "shared terms",
        "report.changes.title": "Changes since the previous report",
        "report.changes.one": "{committee} has one report giving statuses ({report}); there "
                              "is no earlier one to compare with.",
        "report.changes.many": "{committee} has {count} reports giving statuses; the latest "
                               "is {latest}, the previous {previous}.",
        "report.changes.none": "{committee} has no report giving its assignments a status.",
        "report.changes.nobody": "No committee has a report giving its assignments a status.",
        "report.changes.how": "Each report with how many assignments it calls ongoing and "
                              "closed itself, oldest first.",
        "report.changes.assignments": "assignments with a status",
        "report.changes.same_file": "{previous} and {latest} stand in one file and cannot be "
                                    "compared document to document (styrgraf diff).",
        "report.changes.summary": "Differences from {previous} to {latest} (styrgraf diff)",
        "report.changes.status": "Status and handling changed from {previous} to {latest}",
        "report.word.summary": "Summary", "report.word.contents": "Contents",
        "report.word.full_list": "Full list", "report.word.sources": "Sources",
        "report.word.sections_word": "sections", "report.word.documents": "Based on",
        "report.word.statuses": "Status at the latest report",
        "report.word.none": "None.", "report.word.generated": "as of",
        "report.word.scope_heading": "Scope",
        "report.word.report": "the report",
    },
}

#: Placeholder → the noun it counts, so "{directions}" agrees with {count}.
_COUNTED = {"documents": "document", "directions": "long-term direction",
            "strategies": "strategy", "activities": "activity", "goals": "goal",
            "assignments": "assignment", "programmes": "programme or plan", "rows": "row"}


def default_lang() -> str:
    """Swedish unless the environment's locale asks for English (LC_ALL, LC_MESSAGES, LANG)."""
    for var in ("STYRGRAF_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "sv"
    return "sv"


def check_lang(lang: str | None) -> str:
    from styrgraf.knowledge.errors import InputError

    lang = lang or default_lang()
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang


def noun(lang: str, key: str, n: int) -> str:
    """The noun for `key`, singular when n == 1."""
    singular, plural = NOUNS[lang][key]
    return singular if n == 1 else plural


def say(lang: str, key: str, **values: object) -> str:
    """The phrase `key` with its placeholders filled; counted nouns agree with `count`."""
    text = PHRASES[lang][key]
    n = values.get("count")
    for placeholder, noun_key in _COUNTED.items():
        if "{" + placeholder + "}" in text and placeholder not in values:
            values[placeholder] = noun(lang, noun_key, int(n) if n is not None else 2)
    return text.format(**values)


def counted(lang: str, key: str, n: int) -> str:
    """'3 graphs' / '3 grafer': the number and its noun in agreement."""
    return f"{n} {noun(lang, key, n)}"


def join(lang: str, items: list[str]) -> str:
    """'a, b and c' / 'a, b och c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {PHRASES[lang]['and']} " + items[-1]


def shorten(text: str, limit: int) -> str:
    """Whitespace collapsed and, if longer than `limit`, cut at a word with an ellipsis:
    the one rule for a long name on the graph page, in a chart and in the report."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:–-") + "…"
