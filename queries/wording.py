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
