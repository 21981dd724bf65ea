"""Named questions from queries/rq: `styrgraf query`."""

from __future__ import annotations

from typing import Annotated

import typer

from styrgraf.knowledge.errors import InputError
from styrgraf.queries import catalog
from styrgraf.queries.rows import Rows

from . import output, render
from .context import open_kb
from .options import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    Format,
    FormatOption,
    LangOption,
    LimitOption,
    TimeoutOption,
    cut_to_limit,
    lang_of,
    limit_note,
    query_limits,
    tabular,
)
from .params import ParamOption, as_dict


@tabular
def query(
    name: Annotated[str | None, typer.Argument(help="The query to run (see --list).")] = None,
    params: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
    list_queries: Annotated[bool, typer.Option(
        "--list", "-l", help="List the queries and their parameters.")] = False,
    show_rules: Annotated[bool, typer.Option(
        "--rules", help="With --list: also list the rules (rule:NAME) and internal queries.",
    )] = False,
    show_sparql: Annotated[bool, typer.Option(
        "--show-sparql", help="Print the query as it runs (rules expanded) instead of its "
                              "answer: plain SPARQL 1.1 for any server.")] = False,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Answer a catalogued question, one SPARQL file per question.

    A parameter that names a node takes an IRI, a prefixed name (act:faltchat)
    or a name ("Nätverket Stadsområde, välfärd och fritid"; case and å/ä/ö
    optional); a name that matches several nodes is an error listing them, a
    node of the wrong kind an error naming the kind expected. Tables show
    labels; csv and json carry the IRIs too.
    """
    language = lang_of(lang)
    if list_queries or name is None:
        if name is None and not list_queries:
            raise InputError("name a query, or use --list to see them")
        render.render(_listing(language, show_rules), fmt.value, language)
        return
    q = catalog.get(name)
    if show_sparql:
        typer.echo(q.text)
        return
    kb, _ = open_kb(lang=language)
    with query_limits(timeout, limit, fmt, q.text):
        rows = kb.query(name, lang=language, **as_dict(params))
    cut = cut_to_limit(rows, limit, fmt)
    render.render(rows, fmt.value, language)
    if cut:
        output.note(limit_note(language, limit))


def _listing(lang: str, with_rules: bool) -> Rows:
    records = []
    for q in catalog.catalogue().values():
        if q.internal and not with_rules:
            continue
        params = "; ".join(
            f"{p.name} ({p.kind}{': ' + '|'.join(p.choices) if p.choices else ''}"
            f"{', default ' + p.default if p.default else ''}"
            f"{', optional' if p.optional else ''})" for p in q.parameters)
        records.append({"name": q.name, "title": q.title_in(lang),
                        "question": q.question_in(lang), "parameters": params})
    headers = {"sv": {"name": "namn", "title": "titel", "question": "fråga",
                      "parameters": "parametrar"},
               "en": {"name": "name", "title": "title", "question": "question",
                      "parameters": "parameters"}}[lang]
    return Rows(["name", "title", "question", "parameters"], records, headers,
                people=["name", "question", "parameters"],
                title="Frågor" if lang == "sv" else "Queries")


EXAMPLES = {
    "query": [
        "styrgraf query --list",
        "styrgraf query strategies-without-activities -p network 'Nätverket Stadsområde, "
        "välfärd och fritid'",
        "styrgraf query assignments-by-status -p status pågående -p committee 'socialnamnden "
        "centrum'",
        "styrgraf query golden-thread -p node act:faltchat --format markdown",
        "styrgraf query stale-assignments -p year 2023 --format csv > stale.csv",
        "styrgraf query committees-by-assignments --show-sparql",
    ],
}
