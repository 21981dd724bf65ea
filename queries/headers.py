"""People's column headers, Swedish and English, for the variables the queries use.

Query variables are named for machines (`assignmentYear`); tables show these
headers instead. A variable missing here is shown split into words.
"""

from __future__ import annotations

HEADERS: dict[str, tuple[str, str]] = {
    # (sv, en)
    "activities": ("aktiviteter", "activities"),
    "activity": ("aktivitet", "activity"),
    "activityNetwork": ("nätverk", "network"),
    "ageAtReport": ("år vid rapport", "age at report"),
    "ageToday": ("år i dag", "age today"),
    "agreements": ("avtal", "agreements"),
    "asContact": ("som kontakt", "as contact"),
    "assignment": ("uppdrag", "assignment"),
    "assignmentYear": ("år", "year"),
    "assignments": ("uppdrag", "assignments"),
    "basis": ("grund", "basis"),
    "citations": ("hänvisningar", "citations"),
    "citedBy": ("hänvisas från", "cited by"),
    "class": ("klass", "class"),
    "closed": ("avslutade", "closed"),
    "comment": ("kommentar", "comment"),
    "committee": ("nämnd", "committee"),
    "committeeA": ("nämnd", "committee"),
    "committeeB": ("delar med", "shares with"),
    "cooperating": ("samverkar i", "cooperating"),
    "decision": ("beslut", "decision"),
    "decisionDate": ("beslutsdatum", "decision date"),
    "direction": ("riktning", "direction"),
    "directionActivities": ("aktiviteter i riktningen", "activities in direction"),
    "document": ("dokument", "document"),
    "documents": ("dokument", "documents"),
    "examples": ("exempel", "examples"),
    "extendedUntil": ("förlängt till", "extended until"),
    "fact": ("uppgift", "fact"),
    "focusAreas": ("målområden", "focus areas"),
    "goal": ("mål", "goal"),
    "goals": ("mål", "goals"),
    "graph": ("graf", "graph"),
    "kind": ("slag", "kind"),
    "latestReport": ("senaste rapport", "latest report"),
    "latest": ("senaste", "latest"),
    "latestStatus": ("status", "status"),
    "missing": ("saknar", "missing"),
    "node": ("nod", "node"),
    "nodes": ("noder", "nodes"),
    "note": ("anteckning", "note"),
    "ongoing": ("pågående", "ongoing"),
    "other": ("övrigt", "other"),
    "others": ("övriga", "others"),
    "partner": ("samarbetspart", "partner"),
    "partnerKind": ("slag av part", "kind of partner"),
    "programme": ("program eller plan", "programme or plan"),
    "report": ("rapport", "report"),
    "reportEnd": ("period till", "period to"),
    "responsible": ("ansvarig", "responsible"),
    "section": ("avsnitt", "section"),
    "shared": ("delade", "shared"),
    "status": ("status", "status"),
    "statements": ("påståenden", "statements"),
    "subGoals": ("delmål", "sub-goals"),
    "total": ("totalt", "total"),
    "unreported": ("ej rapporterade", "not reported"),
    "validThrough": ("gäller t.o.m.", "valid through"),
    "validUntil": ("gäller till", "valid until"),
}


def headers(lang: str) -> dict[str, str]:
    """Column → header in `lang`."""
    i = 0 if lang == "sv" else 1
    return {column: pair[i] for column, pair in HEADERS.items()}
