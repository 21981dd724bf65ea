"""The report's content: every number read from a catalogued query, the overview or the
duplicates search, never counted again here.

`build_report` asks the knowledge base the same questions `styrgraf overview`,
`styrgraf query …` and `styrgraf duplicates` ask (the queries read the shared
rules in rules/), arranges the answers into sections, and names for each
section the command that shows its rows in full and the documents and sections
its rows come from. Python here only picks rows (a committee's), orders them
into a matrix for a heatmap, and words them; a count printed is a count a query
returned, or the number of rows it returned.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.gcpause import pausing
from styrgraf.ontology.prefixes import VOCAB, compact
from styrgraf.queries import catalog
from styrgraf.queries.headers import headers
from styrgraf.queries.overview import Finding, StatusLine
from styrgraf.queries.params import resolve_node
from styrgraf.queries.wording import check_lang, counted, join, say

from . import charts

COMMITTEE_CLASSES = (VOCAB + "Committee", VOCAB + "Company")
#: Characters of a committee's comment shown in the stale-assignments table.
COMMENT_MAX = 240
STATUSES = ("pågående", "avslutad", "ej rapporterad")
#: A number column's share of a table's width (wide enough for "avslutade" as a header).
NUMBER_WIDTH = "10%"


@dataclass
class Cell:
    """One table cell: its text, and the number it shows (printed with `data-count`)."""

    text: str
    count: int | None = None
    column: str = ""
    strong: bool = False
    gap: bool = False


@dataclass
class Table:
    key: str
    columns: list[str]
    headers: list[str]
    rows: list[list[Cell]]
    #: compact names of the rows' nodes (`data-row`), for readers and tests
    row_ids: list[str] = field(default_factory=list)
    numeric: frozenset[str] = frozenset()
    #: CSS widths per column ("" = share the rest)
    widths: dict[str, str] = field(default_factory=dict)
    caption: str = ""


#: A table shows at most this many rows (its caption says how many there are); the
#: section's command lists them all.
MAX_TABLE_ROWS = 300
#: More rows than this and a heatmap shows the directions only (readable on A4, and
#: matplotlib needs seconds per thousand cells).
MAX_HEATMAP_ROWS = 80


@dataclass
class Chart:
    key: str
    svg: str
    caption: str
    #: the numbers drawn, as JSON for `data-values` (rows × columns), and the axes' names
    values: str = ""
    rows: str = ""
    columns: str = ""


@dataclass
class Source:
    """A document the numbers come from, with the sections in it (when known)."""

    document: str
    sections: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    statement: str
    count: int | None = None
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass
class Report:
    """Everything `render_html` prints, in the report's language."""

    lang: str
    title: str
    subtitle: str
    as_of: str
    committee: str | None
    committee_iri: str | None
    documents: list[str]
    counts: dict[str, int]
    findings: list[Finding]
    statuses: list[StatusLine]
    sections: list[Section]
    scope: str = ""
    summary_command: str = "styrgraf overview"
    words: dict[str, str] = field(default_factory=dict)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def finding(self, key: str) -> Finding:
        return next(f for f in self.findings if f.key == key)


def build_report(kb, *, committee: str | None = None, as_of: date | str | None = None,
                 lang: str = "sv") -> Report:
    """The report on knowledge base `kb` (a styrgraf.KnowledgeBase).

    `committee` (a name, prefixed name or IRI; case and accents optional) narrows every
    section that can be narrowed; `as_of` (a date, default today) is the day the
    date-dependent questions (stale assignments, expired programmes) are asked at.
    """
    lang = check_lang(lang)
    given = as_of is not None
    day = _day(as_of)
    iri = label = None
    if committee is not None:
        node = resolve_node(kb.names.index, committee, COMMITTEE_CLASSES, what="--committee")
        iri, label = node.value, kb.label(node.value, lang) or compact(node.value)
    return _Builder(kb, lang, day, given, iri, label).build()


def _day(value: date | str | None) -> date:
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"--as-of: not a date: {value!r} (expected YYYY-MM-DD, "
                         "e.g. 2024-08-31)") from None


class _Builder:
    def __init__(self, kb, lang: str, day: date, dated: bool, committee: str | None,
                 committee_label: str | None) -> None:
        self.kb, self.lang, self.day, self.dated = kb, lang, day, dated
        self.committee, self.committee_label = committee, committee_label
        self.headers = headers(lang)
        self._node_sources: dict[str, list[tuple[str, str]]] | None = None
        self._graph_titles: dict[str, str] | None = None

    # -- reading ---------------------------------------------------------------------
    def rows(self, name: str, **params: str) -> list[dict]:
        return self.kb.query(name, lang=self.lang, **params).records

    def dated_params(self, name: str) -> dict[str, str]:
        """The query's date and year parameters at the report's day (catalog's `dated`)."""
        return catalog.get(name).dated(self.day)

    def say(self, key: str, **values) -> str:
        return say(self.lang, key, **values)

    def command(self, *words: str, **params: str) -> str:
        parts = ["styrgraf", *words]
        for name, value in params.items():
            parts += ["-p", name, shlex.quote(value)]
        return " ".join(parts)

    def committee_param(self) -> dict[str, str]:
        return {"committee": self.committee} if self.committee else {}

    def shown_committee(self) -> dict[str, str]:
        """The committee parameter as a command shows it: by name."""
        return {"committee": self.committee_label} if self.committee else {}

    def label(self, row: dict, column: str) -> str:
        value = row.get(column)
        if value is None:
            return ""
        human = getattr(value, "human", None)
        return human() if human else str(value)

    # -- the report ------------------------------------------------------------------
    @pausing
    def build(self) -> Report:
        from styrgraf.duplicates import background

        # the duplicates search runs beside the queries (a child process, for a large store)
        self._duplicates = background.start(self.kb, across="network")
        try:
            return self._build()
        finally:
            self._duplicates.close()

    def _build(self) -> Report:
        # the overview's questions share the cores the duplicates search leaves free
        spare = max(1, (os.cpu_count() or 1) - self._duplicates.cores)
        overview = self.kb.overview(self.lang, workers=spare, as_of=self.day)
        findings = list(overview.findings)
        stale_rows = self.rows("stale-assignments", **self.dated_params("stale-assignments"))
        expired_rows = self.rows("expired-programmes", **self.dated_params("expired-programmes"))
        if self.dated:
            findings = [self._dated_finding(f, stale_rows, expired_rows) for f in findings]
        committees = self.rows("committees-by-assignments")
        statuses = overview.statuses
        if self.committee:
            mine = {self.label(r, "committee") for r in committees
                    if r["committee"] == self.committee}
            statuses = [s for s in statuses if s.committee in mine]
        gaps = self.rows("strategies-without-activities")
        sections = [
            self.status_section(committees),
            self.coverage_section(gaps, overview),
            self.stale_section(stale_rows),
            self.expired_section(expired_rows),
            self.activity_gaps_section(),
        ]
        # the changes before the duplicates: their diffs run while the search still does
        changes = self.changes_section()
        sections += [self.duplicates_section(), changes]
        for section in sections:
            section.sources = _merged(section.sources)
        scope = self.say("report.scope", committee=self.committee_label) if self.committee \
            else ""
        return Report(
            lang=self.lang, title=self.say("report.title"),
            subtitle=self.committee_label or self.say("report.all_committees"),
            as_of=self.day.isoformat(), committee=self.committee_label,
            committee_iri=self.committee, documents=overview.documents, counts=overview.counts,
            findings=findings, statuses=statuses, sections=sections, scope=scope,
            words=_words(self.lang))

    def _dated_finding(self, finding: Finding, stale: list[dict],
                       expired: list[dict]) -> Finding:
        """The overview's stale and expired findings asked at the report's day instead of
        today (same queries, same words; the overview itself has no date)."""
        if finding.key == "stale":
            params = self.dated_params("stale-assignments")
            named = sorted({(self.label(r, "assignmentYear"), self.label(r, "assignment"))
                            for r in stale})
            return Finding("stale", finding.topic, len(named),
                           self.say("stale.some", count=len(named), year=params["year"]),
                           [self.say("report.stale.item", name=n, year=y) for y, n in named],
                           self.command("query", "stale-assignments", **params))
        if finding.key == "expired":
            params = self.dated_params("expired-programmes")
            return Finding("expired", finding.topic, len(expired),
                           self.say("expired.some", count=len(expired)),
                           [self.say("expired.item", name=self.label(r, "programme"),
                                     year=self.label(r, "validThrough")) for r in expired],
                           self.command("query", "expired-programmes", **params))
        return finding

    # -- sources ---------------------------------------------------------------------
    def node_sources(self) -> dict[str, list[tuple[str, str]]]:
        if self._node_sources is None:
            from styrgraf.queries.named import run_named

            # the terms themselves, not labelled rows: at 1M triples this is 115k rows, and
            # only the literals' text, and names where a document or section has no label
            table = run_named(self.kb.source, "node-sources", [], names=self.kb.names,
                              cache=getattr(self.kb, "_results", None))
            pairs = [(r["node"].value, r["documentLabel"] or r["document"],
                      r["sectionLabel"] or r["section"]) for r in table.rows]
            unnamed = {t.value for _, *terms in pairs for t in terms
                       if t is not None and not isinstance(t, ox.Literal)}
            names = self.kb.labels(unnamed, self.lang) if unnamed else {}

            def shown(term) -> str:
                if term is None:
                    return ""
                if isinstance(term, ox.Literal):
                    return term.value
                return names.get(term.value) or compact(term.value)

            found: dict[str, list[tuple[str, str]]] = {}
            for node, document, section in pairs:
                found.setdefault(node, []).append((shown(document), shown(section)))
            self._node_sources = found
        return self._node_sources

    def sources_of(self, nodes: Iterable[str]) -> list[Source]:
        """The documents and sections the nodes are stated in (sg:statedIn), by document."""
        by_document: dict[str, set[str]] = {}
        stated = self.node_sources()
        for node in nodes:
            for document, section in stated.get(str(node), []):
                by_document.setdefault(document or "?", set()).add(section)
        return [Source(d, sorted(s for s in sections if s), "")
                for d, sections in sorted(by_document.items())]

    def graph_titles(self) -> dict[str, str]:
        if self._graph_titles is None:
            self._graph_titles = {
                str(r["graph"]): (self.label(r, "documentLabel") if r.get("documentLabel")
                                  else self.say("report.curation") if r["kind"] == "curation"
                                  else compact(str(r["graph"])))
                for r in self.rows("documents")}
        return self._graph_titles

    def documents_stating(self, *classes: str) -> list[Source]:
        """The documents whose graphs describe nodes of these classes: what a rule reads."""
        wanted = {VOCAB + c for c in classes}
        titles = self.graph_titles()
        found: dict[str, list[str]] = {}
        for r in self.rows("class-counts-by-document"):
            if str(r["class"]) in wanted:
                name = self.kb.label(str(r["class"]), self.lang) or r["classLabel"] \
                    or compact(str(r["class"]))
                found.setdefault(titles.get(str(r["graph"]), str(r["graph"])), []).append(
                    f"{name}: {r['nodes']}")
        return [Source(doc, [], "; ".join(notes)) for doc, notes in sorted(found.items())]

    def reports_of(self, rows: list[dict], label: str = "reportLabel",
                   end: str = "reportEnd") -> list[Source]:
        seen: dict[str, str] = {}
        for r in rows:
            if r.get(label):
                seen.setdefault(str(r[label]), self.say("report.period_to", date=r.get(end)
                                                        or "?"))
        return [Source(doc, [], note) for doc, note in seen.items()]

    # -- tables ----------------------------------------------------------------------
    def table(self, key: str, rows: list[dict], columns: list[str], *,
              numeric: Iterable[str] = (), texts=None, ids: str | None = None,
              header_words: dict[str, str] | None = None,
              widths: dict[str, str] | None = None, caption: str = "") -> Table:
        numeric = frozenset(numeric)
        texts = texts or {}
        if len(rows) > MAX_TABLE_ROWS:  # a handout, not a dump: the command gives all
            total = f"{len(rows):,}".replace(",", "\u00a0" if self.lang == "sv" else ",")
            caption = self.say("report.table.first", caption=caption, shown=MAX_TABLE_ROWS,
                               total=total)
            rows = rows[:MAX_TABLE_ROWS]
        out = []
        for r in rows:
            cells = []
            for c in columns:
                if c in numeric:
                    value = r.get(c)
                    cells.append(Cell("" if value is None else str(value),
                                      int(value) if value is not None else None, c))
                elif c in texts:
                    cells.append(Cell(texts[c](r), None, c))
                else:
                    cells.append(Cell(self.label(r, c), None, c))
            out.append(cells)
        names = {**self.headers, **(header_words or {})}
        row_ids = [_compact_id(r.get(ids)) for r in rows] if ids else []
        widths = {**{c: NUMBER_WIDTH for c in numeric}, **(widths or {})}
        return Table(key, columns, [names.get(c, c) for c in columns], out, row_ids, numeric,
                     widths, caption)

    # -- sections --------------------------------------------------------------------
    def status_section(self, committees: list[dict]) -> Section:
        rows = [r for r in committees if not self.committee or r["committee"] == self.committee]
        title = self.say("report.status.title")
        command = self.command("query", "committees-by-assignments")
        section = Section("status", title, "", len(rows), commands=[command])
        if self.committee:
            if rows:
                r = rows[0]
                section.statement = self.say(
                    "report.status.one", committee=self.committee_label,
                    assignments=r["assignments"], ongoing=r["ongoing"], closed=r["closed"],
                    unreported=r["unreported"])
            else:
                section.statement = self.say("report.status.none", committee=self.committee_label)
            section.notes.append(self.say("report.scope_rows", committee=self.committee_label))
        else:
            section.statement = self.say("report.status.lead",
                                         committees=counted(self.lang, "committee", len(rows)))
        if rows:
            legend = tuple(self.say(f"report.status.{k}")
                           for k in ("ongoing", "closed", "unreported"))
            svg = charts.status_chart(
                [charts.Bar(self.label(r, "committee"), r["ongoing"], r["closed"],
                            r["unreported"]) for r in rows],
                legend=legend, xlabel=self.say("report.status.axis"), name="status")
            section.charts.append(Chart(
                "status", svg, self.say("report.status.chart"),
                values=json.dumps([[r["ongoing"], r["closed"], r["unreported"]] for r in rows]),
                rows=json.dumps([_compact_id(r["committee"]) for r in rows]),
                columns=json.dumps(["ongoing", "closed", "unreported"])))
            section.tables.append(self.table(
                "committees", rows, ["committee", "assignments", "ongoing", "closed",
                                     "unreported", "cooperating", "latestReport"],
                numeric=("assignments", "ongoing", "closed", "unreported", "cooperating"),
                texts={"latestReport": lambda r: " ".join(
                    p for p in (self.label(r, "latestReport"),
                                f"({r['latestReportLabel']})" if r.get("latestReportLabel")
                                else "") if p)},
                ids="committee", widths={"committee": "26%"}))
        if self.committee:
            params = {"committee": self.committee, "status": "alla"}
            mine = self.rows("assignments-by-status", **params)
            section.tables.append(self.table(
                "assignments", mine, ["assignment", "assignmentYear", "latestStatus",
                                      "report", "decision"],
                texts={"latestStatus": lambda r: self.say(
                    f"report.status_word.{r['latestStatus']}")
                    if r.get("latestStatus") in STATUSES else self.label(r, "latestStatus")},
                ids="assignment", widths={"assignment": "44%", "assignmentYear": "8%",
                                          "latestStatus": "13%"},
                caption=self.say("report.status.assignments", committee=self.committee_label,
                                 count=len(mine))))
            section.commands.append(self.command(
                "query", "assignments-by-status",
                **{"committee": self.committee_label, "status": "alla"}))
            section.sources = self.sources_of(r["assignment"] for r in mine) \
                + self.reports_of(mine)
        else:
            section.sources = self.reports_of(rows, "latestReportLabel", "latestReport") \
                + self.documents_stating("Assignment", "AssignmentResponse")
        return section

    def coverage_section(self, gaps: list[dict], overview) -> Section:
        directions, strategies = overview.finding("directions"), overview.finding("strategies")
        section = Section("coverage", self.say("report.coverage.title"),
                          f"{_sentence(directions.statement)} {_sentence(strategies.statement)}",
                          len(gaps))
        section.notes.append(self.say("report.coverage.how"))
        gap_nodes = {str(r["node"]) for r in gaps}
        network_rows = self.rows("coverage-by-network")
        section.charts.append(self._heatmap(
            "coverage-network", network_rows, "activityNetwork", gap_nodes,
            self.say("report.coverage.by_network"), self.say("report.coverage.no_network")))
        committee_rows = self.rows("coverage-by-committee", **self.committee_param())
        if committee_rows:
            section.charts.append(self._heatmap(
                "coverage-committee", committee_rows, "committee", gap_nodes,
                self.say("report.coverage.by_committee"), ""))
        else:
            section.notes.append(self.say("report.coverage.no_committee",
                                          committee=self.committee_label))
        kinds = {"direction": self.say("report.kind.direction"),
                 "strategy": self.say("report.kind.strategy")}
        section.tables.append(self.table(
            "gaps", gaps, ["kind", "direction", "node", "gap"],
            texts={"kind": lambda r: kinds.get(r["kind"], r["kind"]),
                   "gap": lambda r: self.say(_GAP_KEYS[r["gap"]]) if r["gap"] in _GAP_KEYS
                   else r["gap"]},
            ids="node", header_words={"node": self.say("report.coverage.node"),
                                      "gap": self.say("report.coverage.gap")},
            widths={"kind": "12%", "direction": "28%", "gap": "22%"},
            caption=self.say("report.coverage.gaps")))
        section.commands += [
            self.command("query", "strategies-without-activities"),
            self.command("query", "coverage-by-network"),
            self.command("query", "coverage-by-committee", **self.shown_committee())]
        section.sources = self.sources_of(
            [str(r["node"]) for r in network_rows] or gap_nodes) \
            + self.documents_stating("Activity")
        return section

    def _heatmap(self, key: str, rows: list[dict], column: str, gap_nodes: set[str],
                 caption: str, no_column: str) -> Chart:
        """Rows of a coverage query as a matrix: nodes in the query's order × columns by
        name (a column with no node last). Cells are the query's ?activities."""
        nodes: dict[str, tuple[str, bool]] = {}
        columns: dict[str | None, str] = {}
        cells: dict[tuple[str, str | None], int] = {}
        for r in rows:
            node = str(r["node"])
            nodes.setdefault(node, (self.label(r, "node"), r["kind"] == "direction"))
            col = str(r[column]) if r.get(column) is not None else None
            columns.setdefault(col, self.label(r, column) if col is not None else no_column)
            cells[node, col] = int(r["activities"])
        order = sorted(columns, key=lambda c: (c is None, columns[c].casefold()))
        if len(nodes) > MAX_HEATMAP_ROWS:  # a city-wide plan: one row per direction
            command = self.command("query", "coverage-by-network" if column == "activityNetwork"
                                   else "coverage-by-committee")
            caption = self.say("report.coverage.directions_only", caption=caption,
                               nodes=len(nodes), command=command)
            nodes = {n: v for n, v in nodes.items() if v[1]}
        matrix = [[cells.get((n, c), 0) for c in order] for n in nodes]
        svg = charts.heatmap([label for label, _ in nodes.values()],
                             [columns[c] for c in order], matrix,
                             headings=[heading for _, heading in nodes.values()],
                             gaps=[n in gap_nodes for n in nodes], name=key)
        return Chart(key, svg, caption, values=json.dumps(matrix),
                     rows=json.dumps([_compact_id(n) for n in nodes]),
                     columns=json.dumps([_compact_id(c) if c else "" for c in order]))

    def stale_section(self, rows: list[dict]) -> Section:
        params = self.dated_params("stale-assignments")
        if self.committee:
            rows = [r for r in rows if r.get("committee") == self.committee]
        count = len({str(r["assignment"]) for r in rows})
        section = Section("stale", self.say("stale.topic"),
                          self.say("stale.some", count=count, year=params["year"]), count,
                          commands=[self.command("query", "stale-assignments", **params)])
        section.notes.append(self.say("report.stale.as_of", date=params["today"]))
        if self.committee:
            section.notes.append(self.say("report.scope_rows", committee=self.committee_label))
        section.tables.append(self.table(
            "stale", rows, ["assignment", "assignmentYear", "ageAtReport", "ageToday",
                            "committee", "report", "comment"],
            numeric=("ageAtReport", "ageToday"),
            texts={"comment": lambda r: _shorten(r.get("comment") or "", COMMENT_MAX)},
            ids="assignment",
            header_words={"ageToday": self.say("report.stale.age", date=params["today"])},
            widths={"assignment": "22%", "assignmentYear": "6%", "ageAtReport": "8%",
                    "ageToday": "8%", "committee": "13%", "report": "15%"}))
        section.sources = self.sources_of(r["assignment"] for r in rows) + self.reports_of(rows)
        return section

    def expired_section(self, rows: list[dict]) -> Section:
        params = self.dated_params("expired-programmes")
        section = Section("expired", self.say("expired.topic"),
                          self.say("expired.some", count=len(rows)), len(rows),
                          commands=[self.command("query", "expired-programmes", **params)])
        section.notes.append(self.say("report.expired.year", year=params["year"]))
        if self.committee:
            section.notes.append(self.say("report.scope_whole"))
        section.tables.append(self.table(
            "expired", rows, ["programme", "validUntil", "extendedUntil", "validThrough",
                              "citations", "citedBy"],
            numeric=("citations",), ids="programme",
            texts={"citedBy": lambda r: (r.get("citedBy") or "").replace(" | ", "; ")},
            widths={"programme": "30%", "validUntil": "9%", "extendedUntil": "9%",
                    "validThrough": "9%", "citations": "10%"}))
        section.sources = self.sources_of(r["programme"] for r in rows)
        return section

    def activity_gaps_section(self) -> Section:
        rows = self.rows("activity-gaps")
        commands = [self.command("query", "activity-gaps")]
        notes = []
        if self.committee:
            taking_part = {str(r["activity"]) for r in self.rows("rule:activity-committees")
                           if r.get("committee") == self.committee}
            rows = [r for r in rows if str(r["activity"]) in taking_part]
            commands.append(self.command("query", "rule:activity-committees"))
            notes.append(self.say("report.scope_activities", committee=self.committee_label))
        n = len(rows)
        statement = self.say("activity_gaps.some", count=n) if n \
            else self.say("activity_gaps.none")
        section = Section("activity-gaps", self.say("activity_gaps.topic"), statement, n,
                          notes=notes, commands=commands)

        def missing(r: dict) -> str:
            return join(self.lang, [self.say(f"missing.{p.strip()}")
                                    for p in (r.get("missing") or "").split(",") if p.strip()])

        section.tables.append(self.table(
            "activity-gaps", rows, ["activityNetwork", "activity", "missing"],
            texts={"missing": missing}, ids="activity",
            widths={"activityNetwork": "30%", "missing": "25%"}))
        section.sources = self.sources_of(r["activity"] for r in rows)
        return section

    def duplicates_section(self) -> Section:
        from styrgraf.duplicates.defaults import DEFAULT_THRESHOLD

        result = self._duplicates.result()
        matches = list(result.findings.matches)
        if self.committee:
            matches = [m for m in matches
                       if self.committee in m.a.groups.get("committee", frozenset())
                       or self.committee in m.b.groups.get("committee", frozenset())]
        n = len(matches)
        section = Section(
            "duplicates", self.say("report.duplicates.title"),
            self.say("report.duplicates.some", pairs=counted(self.lang, "pair", n),
                     threshold=f"{DEFAULT_THRESHOLD:g}") if n
            else self.say("report.duplicates.none", threshold=f"{DEFAULT_THRESHOLD:g}"), n,
            commands=[self.command("duplicates", "--across", "network")])
        if self.committee:
            section.notes.append(self.say("report.scope_duplicates",
                                          committee=self.committee_label))

        def side(item) -> str:
            kind = self.say(f"report.kind.{item.kind}") if item.kind else ""
            return f"{item.label}" + (f" [{kind}]" if kind else "") + \
                (f" — {item.source}" if item.source else "")

        records = [{"score": f"{m.score:.2f}", "a": side(m.a), "b": side(m.b),
                    "shared": ", ".join(m.shared_terms)} for m in matches]
        section.tables.append(self.table(
            "duplicates", records, ["score", "a", "b", "shared"],
            texts={c: (lambda r, c=c: r[c]) for c in ("score", "a", "b", "shared")},
            header_words={"score": self.say("report.duplicates.score"),
                          "a": self.say("report.duplicates.a"),
                          "b": self.say("report.duplicates.b"),
                          "shared": self.say("report.duplicates.shared")},
            widths={"score": "8%", "shared": "18%"}))
        titles = self.graph_titles()
        for m in matches:
            for item in (m.a, m.b):
                # an item's source is "document title – section; section" (duplicates.mentions)
                title = titles.get(item.graph, "")
                rest = item.source[len(title):].lstrip(" –") \
                    if title and item.source.startswith(title) else ""
                section.sources.append(Source(title or item.source or item.graph,
                                              [s for s in rest.split("; ") if s]))
        return section

    def changes_section(self) -> Section:
        """Each committee's reports in order with the statuses each gives (reports-by-status),
        and, where the last two are documents of their own, what changed between them:
        `kb.diff` (styrgraf diff), its counts per kind and its changes of status."""
        rows = self.rows("reports-by-status", **self.committee_param())
        by_committee: dict[str, list[dict]] = {}
        for r in rows:
            by_committee.setdefault(str(r["committee"]), []).append(r)
        lines: list[str] = []
        section = Section("changes", self.say("report.changes.title"), "", len(rows),
                          commands=[self.command("query", "reports-by-status",
                                                 **self.shown_committee())])
        section.notes.append(self.say("report.changes.how"))
        section.tables.append(self.table(
            "reports", rows, ["committee", "report", "reportEnd", "assignments", "ongoing",
                              "closed"],
            numeric=("assignments", "ongoing", "closed"), ids="report",
            header_words={"assignments": self.say("report.changes.assignments")},
            widths={"committee": "24%", "report": "30%", "reportEnd": "12%"}))
        for reports in by_committee.values():
            name = self.label(reports[-1], "committee")
            if len(reports) == 1:
                lines.append(self.say("report.changes.one", committee=name,
                                      report=self.label(reports[0], "reportLabel")))
                continue
            previous, latest = reports[-2], reports[-1]
            words = {"committee": name, "count": len(reports),
                     "previous": self.label(previous, "reportLabel"),
                     "latest": self.label(latest, "reportLabel")}
            lines.append(self.say("report.changes.many", **words))
            compared = self._compared(str(previous["report"]), str(latest["report"]))
            if compared is None:
                section.notes.append(self.say("report.changes.same_file", **words))
                continue
            stem_a, stem_b, diff = compared
            section.commands.append(self.command("diff", stem_a, stem_b))
            self._diff_tables(section, diff, words)
        if not lines:
            lines.append(self.say("report.changes.none", committee=self.committee_label)
                         if self.committee else self.say("report.changes.nobody"))
        section.statement = " ".join(lines)
        section.sources = self.reports_of(rows)
        return section

    def _compared(self, a: str, b: str):
        """(stem A, stem B, kb.diff(A, B)) when reports a and b are documents of their own;
        None when they stand in one file, or a knowledge base cannot compare documents."""
        if not hasattr(self.kb, "diff"):
            return None
        from styrgraf.workbook import find_document
        from styrgraf.workbook.export import stem_of

        try:
            graph_a, graph_b = find_document(self.kb, a), find_document(self.kb, b)
        except InputError:
            return None
        if graph_a == graph_b:
            return None
        stem_a, stem_b = stem_of(graph_a), stem_of(graph_b)
        return stem_a, stem_b, self.kb.diff(stem_a, stem_b)

    def _diff_tables(self, section: Section, diff, words: dict) -> None:
        from styrgraf.queries.diff import KINDS

        summary = diff.summary(self.lang)
        kinds = [k for k in KINDS if k != "unchanged"]
        section.tables.append(self.table(
            "diff-summary", summary.records, ["classLabel", *kinds], numeric=kinds,
            widths=dict.fromkeys(kinds, "15%"),
            header_words={c: summary.header(c) for c in ["classLabel", *kinds]},
            caption=self.say("report.changes.summary", **words)))
        table = diff.rows(self.lang)  # once: 20 diffs at 1M are 49k rows
        changed = [r for r in table.records if r.get("aspect") == "status"]
        columns = ["nodeLabel", "propertyLabel", "oldLabel", "newLabel"]
        section.tables.append(self.table(
            "diff-status", changed, columns,
            header_words={c: table.header(c) for c in columns},
            widths={"nodeLabel": "40%", "propertyLabel": "16%"},
            caption=self.say("report.changes.status", **words)))


def _merged(sources: list[Source]) -> list[Source]:
    """One entry per document: its sections and notes together, documents in order."""
    merged: dict[str, Source] = {}
    for s in sources:
        into = merged.setdefault(s.document, Source(s.document))
        into.sections = sorted(set(into.sections) | set(s.sections))
        if s.note and s.note not in into.note.split("; "):
            into.note = "; ".join(p for p in (into.note, s.note) if p)
    return sorted(merged.values(), key=lambda s: s.document.casefold())


_GAP_KEYS = {"no activity covers this direction": "report.gap.direction",
             "no activity covers its direction": "report.gap.direction_of_strategy",
             "no activity supports this strategy": "report.gap.strategy"}


def _compact_id(iri) -> str:
    """A node's prefixed name for a data attribute (never a URL: the page fetches nothing)."""
    if iri is None:
        return ""
    name = compact(str(iri))
    return "" if "://" in name else name


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _shorten(text: str, limit: int) -> str:
    from styrgraf.queries.wording import shorten

    return shorten(text, limit)


def _words(lang: str) -> dict[str, str]:
    """The template's own words."""
    keys = ("summary", "contents", "full_list", "sources", "sections_word", "documents",
            "statuses", "none", "generated", "scope_heading")
    return {k: say(lang, f"report.word.{k}") for k in keys}
