"""Every command against a real SPARQL server (the Oxigraph server, on loopback).

The answers over the endpoint must equal the embedded store's, on the built-in
knowledge base and on a fixture; push then query round-trips; a server that is
down, failing, slow or truncating gives its own one-line error (exit 3).
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pyoxigraph as ox
import pytest

from conftest import FIXTURES, ROOT
from styrgraf.api import RemoteKnowledgeBase
from styrgraf.knowledge.sharing import free_port, serving
from styrgraf.ontology.terms import SG
from styrgraf.queries import catalog
from styrgraf.queries.endpoint import Endpoint
from styrgraf.queries.named import run_named


@pytest.fixture(scope="module")
def server(real_kb):
    with serving(real_kb.store, port=0) as running:
        yield running


@pytest.fixture(scope="module")
def fixture_server(opened):
    with serving(opened(FIXTURES / "queries").store, port=0) as running:
        yield running


def _normal(result) -> list:
    """Rows as comparable values: a GROUP_CONCAT's parts in sorted order (SPARQL leaves
    their order open), rows sorted where the query's ORDER BY leaves ties open."""
    def cell(term):
        if isinstance(term, ox.Literal) and " | " in term.value:
            return " | ".join(sorted(term.value.split(" | ")))
        return str(term)
    return sorted(tuple(sorted((k, cell(v)) for k, v in row.items())) for row in result.rows)


def _sample(store, classes: tuple[str, ...]) -> str | None:
    """A node of one of `classes` (an activity when the parameter takes any node)."""
    iris = " ".join(f"<{SG[c]}>" for c in classes or ("Activity",))
    rows = list(store.query(f"SELECT ?n WHERE {{ VALUES ?c {{ {iris} }} ?n a ?c }} "
                            "ORDER BY ?n LIMIT 1", use_default_graph_as_union=True))
    return rows[0]["n"].value if rows else None


def _variants(store, q) -> list[list[tuple[str, str]]]:
    """The query's required parameters alone, and with every node parameter given."""
    nodes = {p.name: _sample(store, p.choices) for p in q.parameters if p.kind == "node"}
    required = [(p.name, nodes[p.name]) for p in q.parameters
                if p.kind == "node" and not p.optional]
    every = [(name, node) for name, node in nodes.items()]
    if any(node is None for _, node in every):
        return []
    return [required, every] if every != required else [required]


@pytest.mark.parametrize("which", ["built-in", "fixture"])
def test_every_catalogued_query_gives_the_same_answer(request, real_kb, opened, which):
    if which == "built-in":
        store, srv = real_kb.store, request.getfixturevalue("server")
    else:
        store, srv = opened(FIXTURES / "queries").store, request.getfixturevalue(
            "fixture_server")
    endpoint = Endpoint(srv.query_url)
    compared = 0
    for name, q in catalog.catalogue().items():
        for params in _variants(store, q):
            local, remote = run_named(store, name, params), run_named(endpoint, name, params)
            assert local.columns == remote.columns, name
            assert _normal(local) == _normal(remote), (name, params)
            compared += 1
    assert compared >= len(catalog.catalogue())


def test_overview_stats_and_page_are_the_same(real_kb, server):
    remote = RemoteKnowledgeBase.connect(server.query_url)
    here, there = real_kb_api(real_kb), remote
    a, b = here.overview("en"), there.overview("en")
    assert [(f.key, f.count) for f in a.findings] == [(f.key, f.count) for f in b.findings]
    assert a.documents == b.documents
    sa, sb = here.stats(), there.stats()
    assert [(c.class_iri, c.total, c.per_graph) for c in sa.classes] == \
        [(c.class_iri, c.total, c.per_graph) for c in sb.classes]
    pa, pb = here.graph_page(), there.graph_page()
    assert (pa.nodes, pa.edges, pa.gaps) == (pb.nodes, pb.edges, pb.gaps)


def real_kb_api(real_kb):
    import styrgraf

    return styrgraf.KnowledgeBase(real_kb, None)


def test_hostile_values_travel_as_terms(real_kb, server):
    remote = RemoteKnowledgeBase.connect(server.query_url)
    here = real_kb_api(real_kb)
    hostile = ox.Literal('"} } UNION { ?s ?p ?o } #\n\\ <script>', language="sv")
    text = "SELECT ?v ?s WHERE { ?s rdfs:label ?v }"
    for value in (hostile, ox.Literal("Avdelningschef SVF", language="sv")):
        assert here.sparql(text, v=value).dicts() == remote.sparql(text, v=value).dicts()
    assert remote.sparql(text, v=hostile).dicts() == []
    assert [r["s"] for r in remote.sparql(text, v=ox.Literal("Avdelningschef SVF",
                                                              language="sv")).dicts()] == [
        "https://w3id.org/styrgraf/id/actor/ac-svf"]


def test_the_cli_runs_against_the_endpoint(cli, server):
    local = json.loads(cli("query", "committees-by-assignments", "-f", "json").out)
    r = cli("--endpoint", server.query_url, "query", "committees-by-assignments", "-f", "json")
    assert r.code == 0 and json.loads(r.out) == local
    assert server.query_url in r.err
    refused = cli("--endpoint", server.query_url, "validate")
    assert refused.code == 2 and "not on a SPARQL endpoint" in refused.err


def test_push_then_query_round_trips(cli, tmp_path):
    with serving(None, port=0, writable=True) as empty:
        plan = cli("--endpoint", empty.query_url, "push", "--dry-run", "-f", "json")
        assert plan.code == 0, plan.err
        assert all(p["remote"] == 0 and p["added"] == p["triples"] for p in json.loads(plan.out))
        one = cli("--endpoint", empty.query_url, "push", "--graph", "curation", "-f", "json")
        assert [p["graph"].rsplit("/", 1)[-1] for p in json.loads(one.out)] == ["curation"]
        pushed = cli("--endpoint", empty.query_url, "push", "-f", "json")
        assert pushed.code == 0 and all(p["pushed"] for p in json.loads(pushed.out))
        local = json.loads(cli("query", "assignments-by-status", "-f", "json").out)
        remote = cli("--endpoint", empty.query_url, "query", "assignments-by-status", "-f",
                     "json")
        assert remote.code == 0 and json.loads(remote.out) == local
        again = cli("--endpoint", empty.query_url, "push", "--dry-run", "-f", "json")
        assert all(p["added"] == 0 and p["removed"] == 0 for p in json.loads(again.out))


class _Misbehaving(http.server.BaseHTTPRequestHandler):
    mode = "500"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.mode == "500":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"Internal Server Error: the disk is on fire\n")
        elif self.mode == "slow":
            time.sleep(3)
        elif self.mode == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head": {"vars": ["g"]}, "results": {"bindings": [{"g": {"ty')

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("mode, expected", [
    ("500", "answered 500 Internal Server Error: Internal Server Error: the disk is on fire"),
    ("slow", "gave no answer within 1 s"),
    ("truncated", "sent a malformed answer"),
])
def test_a_misbehaving_server_is_one_line(cli, mode, expected):
    handler = type("Handler", (_Misbehaving,), {"mode": mode})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/query"
        r = cli("--endpoint", url, "overview", env={"STYRGRAF_ENDPOINT_TIMEOUT": "1"})
    finally:
        httpd.shutdown()
        httpd.server_close()
    errors = [line for line in r.err.splitlines() if line.startswith("error:")]
    assert r.code == 3 and len(errors) == 1 and expected in errors[0], r.err


def test_a_stopped_server_is_one_line(cli):
    r = cli("--endpoint", f"http://127.0.0.1:{free_port()}/query", "query",
            "units-by-activities")
    assert r.code == 3 and "cannot reach the SPARQL endpoint" in r.err
    assert "Traceback" not in r.err


def test_credentials_never_on_the_command_line(cli):
    r = cli("--endpoint", "http://user:secret@127.0.0.1:1/query", "overview")
    assert r.code == 3 and "credentials do not go in the URL" in r.err


def test_serve_answers_and_stops_cleanly_on_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(tmp_path / "c"), "STYRGRAF_LANG": "en"}
    env.pop("STYRGRAF_DATA", None)
    proc = subprocess.Popen([sys.executable, "-m", "styrgraf.cli", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    try:
        url = proc.stdout.readline().strip()
        assert url == f"http://127.0.0.1:{port}/query"
        ask = urllib.request.urlopen(f"{url}?query=ASK%7B%3Fs%20a%20%3Fo%7D", timeout=5)
        assert b"true" in ask.read()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
