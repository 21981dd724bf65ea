"""One graph for the whole city: `styrgraf serve` and `styrgraf push`."""

from __future__ import annotations

from typing import Annotated

import typer

from styrgraf.queries.rows import Rows
from styrgraf.queries.wording import say

from . import output, render
from .context import settings
from .options import Format, FormatOption, LangOption, lang_of, tabular

_WORDS = {
    "sv": {"graph": "graf", "triples": "tripler", "remote": "på servern", "added": "nya",
           "removed": "borttagna", "pushed": "ersatt", "plan": "Det här skulle ändras "
           "(inget är skickat)", "done": "Skickat"},
    "en": {"graph": "graph", "triples": "triples", "remote": "on the server", "added": "added",
           "removed": "removed", "pushed": "replaced", "plan": "What would change "
           "(nothing sent)", "done": "Pushed"},
}


def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on (0: a free "
                                                           "one).")] = 7878,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; other machines "
                                                     "reach it only if you say so.")
                    ] = "127.0.0.1",
    writable: Annotated[bool, typer.Option(
        "--writable", help="Accept updates and Graph Store uploads (default: read-only).")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Serve the knowledge base as a SPARQL 1.1 endpoint (the Oxigraph server).

    The server (from the `oxigraph` package, the same version as the embedded
    store) answers over a private copy of the store, with every graph in the
    default graph; queries go to /query, Graph Store requests to /store. Stop
    it with Ctrl-C. Point any styrgraf command at it with --endpoint.
    """
    import signal

    from styrgraf.api import KnowledgeBase
    from styrgraf.knowledge.sharing import serving

    def stop(*_):  # `kill` stops the server as Ctrl-C does: cleanly, the copy removed
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    language = lang_of(lang)
    kb = KnowledgeBase.open(settings().data)
    with serving(kb.store, host=host, port=port, writable=writable) as server:
        mode = "writable" if writable else "read-only"
        try:  # from before the address is printed: Ctrl-C may come as soon as it is read
            output.note(say(language, "note.serving", url=server.query_url, mode=mode))
            typer.echo(server.query_url)
            server.process.wait()
        except KeyboardInterrupt:
            output.note(say(language, "note.stopped"))


@tabular
def push(
    graph: Annotated[str | None, typer.Option(
        "--graph", "-g", help="Push only this graph (file stem or graph IRI).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", "-n", help="List what would change on the server; send nothing.")] = False,
    store: Annotated[str | None, typer.Option(
        "--store", metavar="URL", help="The Graph Store endpoint (default: --endpoint with "
                                       "/query or /sparql replaced by /store).")] = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
) -> None:
    """Upload every graph to a SPARQL server (Graph Store Protocol, one PUT per graph).

    Each graph is replaced whole or not at all; if the push breaks off, the
    error lists the graphs already replaced and those still old. Needs
    --endpoint (or STYRGRAF_ENDPOINT) for the server and --data for what to send.
    """
    from styrgraf.api import KnowledgeBase
    from styrgraf.knowledge.errors import InputError
    from styrgraf.knowledge.sharing import graphs_to_push, plan_push, store_url_for
    from styrgraf.knowledge.sharing import push as push_graphs
    from styrgraf.queries.endpoint import Endpoint

    language = lang_of(lang)
    words = _WORDS[language]
    endpoint = Endpoint.from_environment(settings().endpoint)
    if endpoint is None:
        raise InputError("push needs the server: give --endpoint URL (or STYRGRAF_ENDPOINT)")
    kb = KnowledgeBase.open(settings().data)
    graphs = graphs_to_push(kb.store, graph)
    if dry_run:
        plans = plan_push(kb.store, endpoint, graphs)
        columns = ["graph", "triples", "remote", "added", "removed"]
        records = [{"graph": p.graph, "triples": p.triples, "remote": p.remote,
                    "added": p.added, "removed": p.removed} for p in plans]
        title = words["plan"]
    else:
        done = push_graphs(kb.store, store or store_url_for(endpoint.url), graphs,
                           auth=endpoint._auth, timeout=max(endpoint.timeout, 60))
        columns = ["graph", "triples", "pushed"]
        records = [{"graph": p.graph, "triples": p.triples, "pushed": p.pushed} for p in done]
        title = words["done"]
    render.render(Rows(columns, records, {c: words[c] for c in columns}, title=title),
                  fmt.value, language)


EXAMPLES = {
    "serve": ["styrgraf serve", "styrgraf --data my-kb serve --port 8080",
              "styrgraf --endpoint http://127.0.0.1:7878/query overview"],
    "push": ["STYRGRAF_ENDPOINT=https://sparql.example.se/kb/query styrgraf push --dry-run",
             "styrgraf --data my-kb --endpoint http://127.0.0.1:7878/query push",
             "styrgraf --endpoint http://127.0.0.1:7878/query push --graph curation"],
}
