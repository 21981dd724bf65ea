"""Named questions from queries/rq: `styrgraf query`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.labels import label_of
from styrgraf.queries import catalog
from styrgraf.queries.named import run_named

from . import output
from .context import handle_errors, open_kb
from .params import ParamOption


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


@handle_errors
def query(
    name: Annotated[str | None, typer.Argument(help="The query to run (see --list).")] = None,
    params: ParamOption = None,
    fmt: Annotated[QueryFormat, typer.Option(
        "--format", "-f", help="Output format.")] = QueryFormat.table,
    list_queries: Annotated[bool, typer.Option(
        "--list", "-l", help="List the queries and their parameters.")] = False,
) -> None:
    """Answer a catalogued question, one SPARQL file per question.

    A parameter that names a node takes an IRI, a prefixed name (act:faltchat)
    or a label ("Nätverket Stadsområde, välfärd och fritid"); a label that
    matches several nodes is an error listing them. Tables show labels; csv and
    json carry the IRIs too.
    """
    if list_queries or name is None:
        if name is None and not list_queries:
            raise InputError("name a query, or use --list to see them")
        _list(fmt)
        return
    kb, _ = open_kb()
    result = run_named(kb.store, name, params or [])
    q = catalog.get(name)
    output.print_result(result, fmt.value, labeler=lambda n: label_of(kb.store, n), title=q.title)


def _list(fmt: QueryFormat) -> None:
    rows = []
    for q in catalog.catalogue().values():
        params = "; ".join(
            f"{p.name} ({p.kind}{', default ' + p.default if p.default else ''}"
            f"{', optional' if p.optional else ''}): {p.help}" for p in q.parameters)
        rows.append([q.name, q.title, q.question_sv, params])
    columns = ["name", "title", "fråga", "parameters"]
    if fmt is QueryFormat.json:
        output.write_json([dict(zip(columns, r, strict=True)) for r in rows])
    elif fmt is QueryFormat.csv:
        output.write_csv(columns, rows)
    elif fmt is QueryFormat.markdown:
        output.write_markdown(columns, rows)
    else:
        output.write_table(columns, rows, title="Queries")


EXAMPLES = {
    "query": [
        "styrgraf query --list",
        "styrgraf query strategies-without-activities -p network 'Nätverket Stadsområde, "
        "välfärd och fritid'",
        "styrgraf query assignments-by-status -p status pågående -p committee 'Socialnämnden "
        "Centrum'",
        "styrgraf query golden-thread -p node act:faltchat --format markdown",
        "styrgraf query stale-assignments -p year 2023 --format csv > stale.csv",
    ],
}
