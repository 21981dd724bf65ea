"""A remote SPARQL 1.1 endpoint that stands where the embedded store stands.

`Endpoint.query` takes what `pyoxigraph.Store.query` takes and returns what it
returns (pyoxigraph's own result objects, parsed from the server's answer), so
`engine.run`, every `.rq` file and everything built on them work unchanged.
Only standard protocol is used, so any SPARQL 1.1 server will do:

* union semantics: every named graph is sent as `default-graph-uri` (and as
  `named-graph-uri`, so `GRAPH ?g` still sees them), the protocol's way of
  choosing a dataset, not an engine setting;
* parameters: a `VALUES` block of properly serialised RDF terms at the start
  of the outer `WHERE`, never the raw value pasted into the text (the
  queries use parameters at their outer level only, so this agrees with the
  embedded store's substitution);
* credentials from STYRGRAF_ENDPOINT_USER / STYRGRAF_ENDPOINT_PASSWORD or
  ~/.netrc, never from the command line; HTTPS through the system's
  certificates; a timeout on every request.

A server that is down, slow, answers an error or sends a malformed answer is
an `EndpointError` (exit 3) with one line saying which.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from styrgraf.knowledge.errors import StyrgrafError

ENDPOINT_ENV_VAR = "STYRGRAF_ENDPOINT"
USER_ENV_VAR = "STYRGRAF_ENDPOINT_USER"
PASSWORD_ENV_VAR = "STYRGRAF_ENDPOINT_PASSWORD"
TIMEOUT_ENV_VAR = "STYRGRAF_ENDPOINT_TIMEOUT"
DEFAULT_TIMEOUT = 30.0

_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
           "text/turtle;q=0.8")
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
#: the first WHERE of the text (comments and strings stripped), where the VALUES block goes
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_COMMENT_OR_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


class EndpointError(StyrgrafError):
    """The SPARQL endpoint could not be used: down, slow, an error or a malformed answer."""

    exit_code = 3


@dataclass
class Endpoint:
    """A SPARQL 1.1 Query endpoint, e.g. http://127.0.0.1:7878/query."""

    url: str
    timeout: float = DEFAULT_TIMEOUT
    #: the graphs whose union is the default graph; None: all graphs the server has
    graphs: list[str] | None = None
    _auth: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        import urllib.parse

        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EndpointError(f"not an http(s) URL: {self.url!r}")
        if parts.username or parts.password:
            raise EndpointError("credentials do not go in the URL: set "
                                f"{USER_ENV_VAR} and {PASSWORD_ENV_VAR}, or use ~/.netrc")
        self._auth = _credentials(parts.hostname or "")

    @classmethod
    def from_environment(cls, url: str | None = None,
                         timeout: float | None = None) -> Endpoint | None:
        """The endpoint named by `url` or $STYRGRAF_ENDPOINT, or None for neither."""
        url = url or os.environ.get(ENDPOINT_ENV_VAR)
        if not url:
            return None
        if timeout is None:
            raw = os.environ.get(TIMEOUT_ENV_VAR)
            try:
                timeout = float(raw) if raw else DEFAULT_TIMEOUT
            except ValueError:
                raise EndpointError(f"{TIMEOUT_ENV_VAR}={raw!r} is not a number of "
                                    "seconds") from None
        return cls(url, timeout)

    # -- the pyoxigraph.Store.query interface ---------------------------------------------

    def query(self, query: str, *, prefixes: dict[str, str] | None = None,
              use_default_graph_as_union: bool = False,
              substitutions: dict | None = None):
        """Run `query` on the server; pyoxigraph's QuerySolutions, QueryBoolean or triples."""
        text = with_values(query, substitutions or {})
        text = _prologue(prefixes or {}, text) + text
        params = [("query", text)]
        if use_default_graph_as_union:
            for graph in self.graph_names():
                params += [("default-graph-uri", graph), ("named-graph-uri", graph)]
        body, content_type = self._post(params)
        return _parse(body, content_type, self.url)

    def graph_names(self) -> list[str]:
        """The server's named graphs (asked once), or the ones this endpoint was given."""
        if self.graphs is None:
            body, content_type = self._post([("query", _GRAPHS)])
            result = _parse(body, content_type, self.url)
            self.graphs = sorted(s["g"].value for s in result
                                 if isinstance(s["g"], ox.NamedNode))
        return self.graphs

    # -- HTTP -----------------------------------------------------------------------------

    def _post(self, params: list[tuple[str, str]]) -> tuple[bytes, str]:
        import urllib.error
        import urllib.parse
        import urllib.request

        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode(params).encode("utf-8"), method="POST",
            headers={"Accept": _ACCEPT, "User-Agent": "styrgraf",
                     "Content-Type": "application/x-www-form-urlencoded"})
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            detail = _first_line(e.read().decode("utf-8", "replace"))
            raise EndpointError(f"the SPARQL endpoint {self.url} answered {e.code} "
                                f"{e.reason}" + (f": {detail}" if detail else "")) from None
        except TimeoutError:
            raise EndpointError(f"the SPARQL endpoint {self.url} gave no answer within "
                                f"{self.timeout:g} s (raise {TIMEOUT_ENV_VAR})") from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError):
                raise EndpointError(f"the SPARQL endpoint {self.url} gave no answer within "
                                    f"{self.timeout:g} s (raise {TIMEOUT_ENV_VAR})") from None
            raise EndpointError(f"cannot reach the SPARQL endpoint {self.url}: "
                                f"{getattr(reason, 'strerror', None) or reason}") from None
        except (ConnectionError, OSError) as e:
            raise EndpointError(f"the SPARQL endpoint {self.url} broke off: "
                                f"{e.strerror or e}") from None


def with_values(query: str, substitutions: dict) -> str:
    """`query` with its bindings as a VALUES block opening the outer WHERE."""
    if not substitutions:
        return query
    names = " ".join(f"?{_name(v)}" for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())  # N-Triples syntax: escaped
    block = f" VALUES ({names}) {{ ({terms}) }} "
    stripped = _COMMENT_OR_STRING.sub(lambda m: " " * len(m.group(0)), query)
    where = _WHERE.search(stripped)
    if where is None:
        raise EndpointError("a query with parameters needs a WHERE clause")
    return query[:where.end()] + block + query[where.end():]


def _name(variable) -> str:
    return variable.value if isinstance(variable, ox.Variable) else str(variable).lstrip("?")


def _prologue(prefixes: dict[str, str], query: str) -> str:
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([\w.-]*):", query)}
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items() if p not in declared)


def _parse(body: bytes, content_type: str, url: str):
    kind = content_type.split(";")[0].strip().lower()
    try:
        results = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                   "application/xml": ox.QueryResultsFormat.XML}.get(kind)
        if results is not None:
            parsed = ox.parse_query_results(body, format=results)
            if isinstance(parsed, ox.QuerySolutions):  # lazy: read it through once here, so
                list(parsed)  # a truncated answer is this error, not a "syntax error" later
                parsed = ox.parse_query_results(body, format=results)
            return parsed
        if kind == "application/n-triples":
            return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        if kind == "text/turtle":
            return list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as e:
        raise EndpointError(f"the SPARQL endpoint {url} sent a malformed answer: "
                            f"{_first_line(str(e))}") from None
    raise EndpointError(f"the SPARQL endpoint {url} answered in {kind or 'no'} format, not "
                        "SPARQL results")


def _credentials(host: str) -> str | None:
    """A Basic authorisation header from the environment or ~/.netrc, or None."""
    user, password = os.environ.get(USER_ENV_VAR), os.environ.get(PASSWORD_ENV_VAR)
    if not user:
        import netrc

        try:
            found = netrc.netrc().authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError, OSError):
            found = None
        if found:
            user, _, password = found
    if not user:
        return None
    import base64

    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    return f"Basic {token}"


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]
