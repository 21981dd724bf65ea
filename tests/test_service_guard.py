"""The SERVICE guard of `styrgraf sparql`: no query reaches another host without --allow-service.

Each bypass found by the attack run (and two more found while fixing them) is
run through the real CLI against a loopback HTTP listener; the listener must
see no request. With --allow-service the same query does reach it, which
proves the query really is one Oxigraph would send.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from styrgraf.knowledge.errors import InputError
from styrgraf.queries.service import uses_service

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@dataclass
class Listener:
    url: str
    requests: list[str]


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """A loopback HTTP server that records every request and answers 500."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            seen.append(f"{self.command} {self.path}")
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _record

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Listener(f"http://127.0.0.1:{server.server_address[1]}/sparql", seen)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def cache(session_cache) -> Path:
    return session_cache


def _sparql(cache: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "STYRGRAF_DATA"}
    env.update(STYRGRAF_CACHE_DIR=str(cache), COLUMNS="200", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "styrgraf.cli", "--data", str(MINI), "sparql",
                           *args], input=stdin, capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def _variants(url: str) -> dict[str, str]:
    service = f"SERVICE <{url}> {{ ?x ?y ?z }}"
    return {
        # rdflib fails on these (a "#" before SERVICE on the line); the old lexical fallback
        # then read `\#` as a comment start and `\'` as a string start, hiding the SERVICE.
        "escaped-hash": f"SELECT ?x WHERE {{ OPTIONAL {{ ?s act:a\\#b ?o }} {service} }}",
        "escaped-quote": (f"SELECT ?x WHERE {{ OPTIONAL {{ ?s act:a\\'b <http://a/#x> }} "
                          f"{service} }} #'"),
        # rdflib recurses without end on a SERVICE inside a SERVICE.
        "nested": f"SELECT ?x WHERE {{ SERVICE <{url}> {{ {service} }} }}",
        # A carriage return ends a comment for Oxigraph, not for rdflib.
        "cr-in-comment": f"SELECT ?x WHERE {{ # note\r {service}\n }}",
        # rdflib reads \u with eight digits as one character ("), Oxigraph as \u0000 + "0022".
        "codepoint-escape": (f'SELECT ?x WHERE {{ BIND("\\u00000022" AS ?a) {service} '
                             f'BIND("\\u00000022" AS ?b) }}'),
    }


VARIANTS = list(_variants("http://h/"))


@pytest.mark.parametrize("name", VARIANTS)
def test_bypass_variants_never_reach_the_listener(name, listener, cache, tmp_path):
    query = _variants(listener.url)[name]
    rq = tmp_path / "q.rq"
    rq.write_text(query, encoding="utf-8", newline="")
    for form, args, stdin in (("inline", (query,), None), ("file", (str(rq),), None),
                              ("stdin", ("-",), query)):
        before = len(listener.requests)
        r = _sparql(cache, *args, stdin=stdin)
        assert len(listener.requests) == before, (name, form, "reached the listener")
        assert r.returncode == 2, (name, form, r.stderr)
        assert "--allow-service" in r.stderr and "internal error" not in r.stderr, r.stderr
        assert len([line for line in r.stderr.splitlines() if line.strip()]) == 1, r.stderr
    # The same query is one Oxigraph really sends: with --allow-service it reaches the host.
    before = len(listener.requests)
    r = _sparql(cache, query, "--allow-service")
    assert len(listener.requests) > before, (name, r.returncode, r.stderr)


def test_plain_queries_still_run(listener, cache):
    before = len(listener.requests)
    r = _sparql(cache, "ASK { act:faltchat a sg:Activity }")
    assert r.returncode == 0 and r.stdout.strip() == "true", r.stderr
    # The word in a string, a variable name and a "#" IRI on the same line are not a SERVICE.
    q = ('SELECT ?service WHERE { ?service rdfs:label ?l ; a ?t . '
         'FILTER(STR(?l) != "SERVICE" && ?t != <http://www.w3.org/2002/07/owl#Thing>) }')
    r = _sparql(cache, q, "-f", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "service" and len(r.stdout.splitlines()) > 1
    assert len(listener.requests) == before


def test_checker_refuses_every_bypass_variant():
    """Refused means: found to use SERVICE, or an InputError saying it cannot be checked."""
    for name, query in _variants("http://127.0.0.1:9/sparql").items():
        try:
            verdict = uses_service(query)
        except InputError as e:
            assert "--allow-service" in str(e) and "\n" not in str(e), name
        else:
            assert verdict is True, name


def test_checker_refuses_what_it_cannot_read():
    url = "http://127.0.0.1:9/sparql"
    deep = "SELECT * WHERE { " + f"SERVICE <{url}> {{ " * 200 + "?s ?p ?o" + " }" * 201
    with pytest.raises(InputError, match="nested too deeply"):
        uses_service(deep)
    with pytest.raises(InputError, match="only runs queries"):
        uses_service("PREFIX a: <http://x/>\n# note\nDELETE WHERE { SERVICE <http://x/> {} }")
    with pytest.raises(InputError, match=r"syntax error at line 2, column 3"):
        uses_service("SELECT * WHERE {\n  SERVICE }")


def test_checker_answers_for_readable_queries():
    assert uses_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }") is True
    assert uses_service("select * where { service silent ?e { ?s ?p ?o } }") is True
    assert uses_service("ASK { { SELECT * WHERE { OPTIONAL { SERVICE <http://x/> {} } } } }")
    # Predeclared prefixes (sg:, graph:, rdfs: …) parse; a "#" IRI does not hide anything.
    assert uses_service('SELECT ?service WHERE { GRAPH graph:x { ?service a sg:Activity ; '
                        'rdfs:label "SERVICE" } }') is False
    assert uses_service("SELECT ?x WHERE { ?x ?y ?z }") is False


def test_named_queries_pass_the_check():
    files = sorted((ROOT / "queries" / "rq").glob("*.rq"))
    assert files
    for f in files:
        assert uses_service(f.read_text(encoding="utf-8")) is False, f.name
