"""The library facade: one object per opened knowledge base, every answer a method.

The command line is a thin layer over this object (as sqlite-utils' CLI is
over `Database`). All reading goes through `self.source`, whose one method
`query(...)` runs SPARQL; the embedded Oxigraph store provides it today, and
a remote SPARQL endpoint can provide it tomorrow behind the same methods.
"""

from __future__ import annotations

from pathlib import Path

from styrgraf.knowledge.store import BuildReport, open_knowledge
from styrgraf.knowledge.store import KnowledgeBase as _Store
from styrgraf.queries.answers import AnswerCache


class KnowledgeBase:
    """An opened knowledge base: `query`, `sparql`, `overview`, `validate`, `export` …"""

    def __init__(self, opened: _Store, report: BuildReport,
                 cache_dir: Path | None = None, *, keep_answers: bool = True) -> None:
        self._opened = opened
        self.report = report
        self.source = opened.store
        self._names = None
        self._cache_dir = cache_dir
        self._documents: dict[str, tuple[str, str | None]] | None = None
        #: answers by query and bound values, kept with the snapshot (queries.answers)
        self._keep = keep_answers
        self._results = AnswerCache(self.path)

    @classmethod
    def open(cls, data: Path | str | None = None, cache_dir: Path | str | None = None, *,
             rebuild: bool = False, progress=None, keep_answers: bool = True) -> KnowledgeBase:
        """Open (building if needed) the store of knowledge directory `data`.

        A workspace (a folder with `styrgraf.toml`, see `styrgraf init`) is
        layered over the built-in documents; `layers` says what was loaded.
        `keep_answers=False` evaluates every question afresh and keeps nothing
        (answers are otherwise kept with the snapshot, see queries.answers).
        """
        cache = Path(cache_dir) if cache_dir else None
        opened, report = open_knowledge(Path(data) if data is not None else None,
                                        rebuild=rebuild, cache_dir=cache, progress=progress)
        return cls(opened, report, cache, keep_answers=keep_answers)

    def reopen(self) -> KnowledgeBase:
        """The same knowledge folder opened again (rebuilt if its files changed)."""
        return type(self).open(self._opened.sources.directory, self._cache_dir,
                               keep_answers=self._keep)

    def fresh(self, keep_answers: bool = False) -> KnowledgeBase:
        """The same opened store with no answer held in memory, as a new process would see
        it without reloading: `keep_answers=False` evaluates every question afresh, True
        reads what is kept with the snapshot. For measuring, and for checking kept answers."""
        view = type(self)(self._opened, self.report, self._cache_dir,
                          keep_answers=keep_answers)
        view._names = self._names
        return view

    # -- what was loaded ---------------------------------------------------------------
    @property
    def directory(self) -> Path:
        """The knowledge directory asked for (a workspace's own folder, not its layers)."""
        return self._opened.sources.directory

    @property
    def layers(self) -> list[tuple[Path, str]]:
        """Every folder loaded, first to last, as (path, kind): kind is "builtin",
        "workspace" or "folder" (a folder without styrgraf.toml, standing alone)."""
        return [(layer.path, layer.kind) for layer in self._opened.layers]

    @property
    def sources(self):
        """The files the store was built from (knowledge.sources.SourceSet)."""
        return self._opened.sources

    @property
    def store(self):
        """The embedded pyoxigraph Store (read-only)."""
        return self._opened.store

    @property
    def path(self) -> Path | None:
        """The opened snapshot's folder, named by the sources' content: where answers and
        findings that depend on the content alone are kept (None: nothing is kept)."""
        return self._opened.path if self._keep else None

    @property
    def names(self):
        """Names and classes of every node, read once (for labels and name look-up)."""
        from styrgraf.queries.named import Names

        if self._names is None:
            self._names = Names(self.source)
        return self._names

    def documents(self) -> dict[str, tuple[str, str | None]]:
        """Document graph → (the document, its title), read once (a report asks often)."""
        if getattr(self, "_documents", None) is None:
            from styrgraf.workbook import document_titles

            self._documents = document_titles(self)
        return self._documents

    def label(self, iri: str, lang: str = "sv") -> str | None:
        """One node's display name (from the names already read, else one small query)."""
        return self.labels({iri}, lang)[iri]

    def labels(self, iris: set[str], lang: str = "sv") -> dict[str, str | None]:
        """Display names of several nodes, without reading every name for a few."""
        from styrgraf.knowledge.labels import labels_of

        return labels_of(self.source, iris, lang, self.names.for_labels(iris))

    # -- questions ---------------------------------------------------------------------
    def query(self, name: str, *, lang: str = "sv", **params: str):
        """Rows of catalogued question `name`; keyword arguments are its parameters."""
        from styrgraf.queries import catalog
        from styrgraf.queries.headers import headers
        from styrgraf.queries.named import run_named
        from styrgraf.queries.rows import from_result

        q = catalog.get(name)
        result = run_named(self.source, name, [(k, str(v)) for k, v in params.items()],
                           names=self.names, cache=getattr(self, "_results", None))
        return from_result(result, headers=headers(lang),
                           labeler=lambda iris: self.labels(iris, lang),
                           group=q.group, title=q.title_in(lang))

    def sparql(self, text: str, *, lang: str = "sv", **bindings):
        """Run any SPARQL query: Rows for SELECT, a bool for ASK, triples for CONSTRUCT."""
        from styrgraf.queries import engine
        from styrgraf.queries.headers import headers
        from styrgraf.queries.params import parse_term
        from styrgraf.queries.rows import from_result

        terms = {k: (v if not isinstance(v, str) else parse_term(v)) for k, v in bindings.items()}
        result = engine.run(self.source, text, terms)
        if isinstance(result, engine.AskResult):
            return result.value
        if isinstance(result, engine.GraphResult):
            return result.triples
        result.parameter_columns = set(terms) & set(result.columns)
        return from_result(result, headers=headers(lang),
                           labeler=lambda iris: self.labels(iris, lang))

    def overview(self, lang: str = "sv", *, workers: int | None = None, as_of=None):
        """The headline findings (see styrgraf.queries.overview); `workers`: questions asked
        at once (default one per core); `as_of` (a date): the dated questions (stale
        assignments, expired programmes) asked as of that day instead of today."""
        from styrgraf.queries.overview import overview

        return overview(self.source, lang, self.names, getattr(self, "_results", None),
                        workers=workers, as_of=as_of)

    def stats(self):
        from styrgraf.queries.stats import statistics

        return statistics(self.source, getattr(self, "_results", None))

    def validate(self, lang: str = "sv"):
        """SHACL validation report (pySHACL), reused while the knowledge base is unchanged."""
        from styrgraf.knowledge.validation import cached

        def compute():
            from styrgraf.knowledge.validate import validate

            return validate(self._opened, lang=lang)

        return cached(self.path, lang, compute)

    def export(self, format: str = "turtle", path: Path | str | None = None, *,
               include_vocabulary: bool = False) -> int:
        """Write the knowledge base in an RDF format; returns the number of triples/quads."""
        from styrgraf.knowledge.export import export

        return export(self._opened, format, Path(path) if path is not None else None,
                      include_vocabulary=include_vocabulary)

    def import_workbook(self, path: Path | str, *, dry_run: bool = False,
                        validate: bool = True):
        """Read a workbook into this workspace as one document (workbook.ImportReport)."""
        from styrgraf.workbook import import_workbook

        return import_workbook(self, Path(path), dry_run=dry_run, validate=validate)

    def export_workbook(self, path: Path | str, document: str | None = None):
        """Write one document (by file stem, id or title) as a workbook, or every document
        into the folder `path`; returns [(path, rows)]."""
        from styrgraf.workbook import export_document, export_documents

        if document is None:
            return export_documents(self, path)
        return [export_document(self, document, path)]

    def diff(self, a: Path | str, b: Path | str, *, threshold: float | None = None):
        """What changed from document `a` to document `b` (file stem, id or title), or between
        two knowledge folders (queries.diff.Diff: .changes, .counts(), .rows(lang))."""
        from styrgraf.queries.diff import diff

        return diff(self, a, b, threshold=threshold)

    def graph_page(self, **options):
        """The interactive graph page (VizResult with .html); options as `styrgraf viz`."""
        from styrgraf.viz import VizRequest, build

        return build(self, VizRequest(**options))

    def meeting_report(self, *, committee: str | None = None, as_of=None, lang: str = "sv"):
        """The committee meeting's report (report.Report; `styrgraf.report.render_html` makes
        the page, `write_pdf` the PDF); options as `styrgraf report`. Not `report`: that is
        the build report of the store."""
        from styrgraf.report import build_report

        return build_report(self, committee=committee, as_of=as_of, lang=lang)

    def duplicates(self, **options):
        """Work described twice (duplicates.run.Result); options as `styrgraf duplicates`."""
        from styrgraf.duplicates.run import Request, run

        return run(Request(**options), open_kb=lambda: self,
                   knowledge_dir=lambda: self.directory)


class RemoteKnowledgeBase(KnowledgeBase):
    """The same questions asked of a SPARQL 1.1 endpoint instead of the embedded store.

    Every answer goes through `self.source` (a `queries.endpoint.Endpoint`), with the
    same `.rq` files; what needs the files themselves (build, validate, import) is
    refused with a one-line reason. `export` and `duplicates` read a snapshot of the
    server's graphs into memory first.
    """

    def __init__(self, endpoint) -> None:
        self.source = endpoint
        self.report = None
        self._names = None
        self._opened = None
        self._cache_dir = None
        self._snapshot = None

    @classmethod
    def connect(cls, url: str, timeout: float | None = None) -> RemoteKnowledgeBase:
        from styrgraf.queries.endpoint import Endpoint

        return cls(Endpoint.from_environment(url, timeout))

    @property
    def url(self) -> str:
        return self.source.url

    @property
    def path(self) -> None:
        """Nothing is kept for a server: its graphs may change under the same address."""
        return None

    @property
    def directory(self) -> Path:
        raise _local_only("writing into a knowledge folder")

    @property
    def layers(self) -> list[tuple[Path, str]]:
        return []

    @property
    def sources(self):
        raise _local_only("reading the knowledge files")

    @property
    def store(self):
        """An in-memory copy of the server's graphs (read once)."""
        return self.snapshot().store

    def snapshot(self):
        """The server's graphs copied into an in-memory store, as the embedded one is."""
        if self._snapshot is None:
            self._snapshot = _snapshot(self.source)
        return self._snapshot

    def reopen(self) -> RemoteKnowledgeBase:
        return type(self)(self.source)

    def validate(self, lang: str = "sv"):
        raise _local_only("validate")

    def export(self, format: str = "turtle", path: Path | str | None = None, *,
               include_vocabulary: bool = False) -> int:
        from styrgraf.knowledge.export import export

        return export(self.snapshot(), format, Path(path) if path is not None else None,
                      include_vocabulary=include_vocabulary)

    def import_workbook(self, path: Path | str, *, dry_run: bool = False,
                        validate: bool = True):
        raise _local_only("import (import into a workspace, then `styrgraf push`)")

    def duplicates(self, **options):
        from styrgraf.duplicates.run import Request, run

        if options.get("suggestions_file"):
            raise _local_only("--write-suggestions")
        return run(Request(**options), open_kb=self.snapshot,
                   knowledge_dir=lambda: Path.cwd())


def _local_only(what: str):
    from styrgraf.knowledge.errors import InputError

    return InputError(f"{what} works on a local knowledge folder, not on a SPARQL endpoint "
                      "(drop --endpoint / STYRGRAF_ENDPOINT)")


class _Snapshot:
    """What the store-based helpers (export, duplicates) need: a store and its graphs."""

    def __init__(self, store, graphs: list[str]) -> None:
        from styrgraf.knowledge.sources import ONTOLOGY_GRAPH

        self.store = store
        self.path = None  # a server's graphs may change: nothing is kept
        self.data_graphs = [g for g in graphs if g != ONTOLOGY_GRAPH]
        self.sources = type("Sources", (), {"directory": Path.cwd()})()


def _snapshot(endpoint) -> _Snapshot:
    import pyoxigraph as ox

    from styrgraf.queries import engine

    graphs = endpoint.graph_names()
    store = ox.Store()
    rows = engine.select(endpoint, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    store.extend(ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
    return _Snapshot(store, graphs)
