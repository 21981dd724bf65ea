"""Ad-hoc SPARQL over the dataset: `styrgraf sparql`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from styrgraf.knowledge.errors import InputError
from styrgraf.ontology.prefixes import PREFIXES
from styrgraf.queries.params import parse_term
from styrgraf.queries.service import uses_service

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
def sparql(
    query: Annotated[str, typer.Argument(
        metavar="QUERY|FILE|-", help="Query text, a .rq file, or - to read standard input.")],
    params: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Allow SERVICE clauses (they make the engine call other hosts).",
    )] = False,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    limit: LimitOption = DEFAULT_LIMIT,
) -> None:
    """Run a SPARQL 1.1 query over all graphs (their union is the default graph).

    Prefixes sg:, act:, asg:, actor:, goal:, dir:, strat:, rdfs:, skos:,
    dcterms: … are predeclared. Values given with -p are bound to variables
    by the engine, never pasted into the query: <iri>, prefix:name,
    "text"@sv, "2024"^^xsd:gYear, numbers, or plain text. A bound variable
    must appear in the SELECT clause. A fact stated by several documents is in
    several graphs, so the union repeats it: use SELECT DISTINCT. CONSTRUCT and
    DESCRIBE print Turtle; ASK prints true or false (exit code 0 either way).
    A query that runs longer than --timeout, or grows the process by more than
    $STYRGRAF_MAX_MEMORY megabytes (default 2048), is stopped with exit code
    124; Ctrl-C stops it with exit code 130. A table shows the first --limit rows.
    """
    text = _read_query(query)
    if not allow_service and uses_service(text):
        raise InputError("the query uses SERVICE, which would contact another host; "
                         "rerun with --allow-service if that is intended")
    # terms, read before the store is opened so a malformed value fails fast
    bindings = {k: parse_term(v) for k, v in as_dict(params, strip="?$").items()}
    kb, _ = open_kb()
    language = lang_of(lang)
    with query_limits(timeout, limit, fmt, text):
        result = kb.sparql(text, lang=language, **bindings)
    if isinstance(result, bool):
        output.stdout().print("true" if result else "false", highlight=False)
    elif isinstance(result, list):
        import pyoxigraph as ox

        sys.stdout.buffer.write(ox.serialize(result, format=ox.RdfFormat.TURTLE,
                                             prefixes=PREFIXES))
    else:
        cut = cut_to_limit(result, limit, fmt)
        render.render(result, fmt.value, language)
        if cut:
            output.note(limit_note(language, limit))


def _read_query(query: str) -> str:
    if query == "-":
        text = sys.stdin.read()
    elif query.endswith((".rq", ".sparql")) or (len(query) < 4096 and Path(query).is_file()):
        path = Path(query)
        if not path.is_file():
            raise InputError(f"query file not found: {query}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read {query}: {e}") from e
    else:
        text = query
    if not text.strip():
        raise InputError("empty query")
    return text


EXAMPLES = {
    "sparql": [
        "styrgraf sparql 'SELECT ?a ?label WHERE { ?a a sg:Activity ; rdfs:label ?label }'",
        "styrgraf sparql my-question.rq --format csv",
        "styrgraf sparql 'SELECT ?a ?unit WHERE { ?a sg:responsible ?unit }' -p unit actor:ac-svf",
        "echo 'ASK { ?s a sg:Strategy }' | styrgraf sparql -",
    ],
}
