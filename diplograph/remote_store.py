"""A store that lives in a remote SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso, QLever, Neptune).

``--store http(s)://…`` selects it (see ``is_remote``). It offers the ``Store`` methods that ingest,
``load``, ``query``, ``stats``, ``export`` and the server use, over the standard protocols only:
SPARQL 1.1 Query (results parsed by pyoxigraph, so callers get the same objects as from the embedded
store), SPARQL 1.1 Update (each article is ONE request, the very text ``merged.replace_graph_update``
builds, so the remote's default graph stays the merged one) and the Graph Store Protocol (reading
one graph).

Where the endpoints are: the store URL is a base, and by Oxigraph's conventions queries go to
``BASE/query``, updates to ``BASE/update`` and the Graph Store to ``BASE/store``. Each can be set
apart with ``$DIPLOGRAPH_STORE_QUERY_URL``, ``$DIPLOGRAPH_STORE_UPDATE_URL`` and
``$DIPLOGRAPH_STORE_GSP_URL`` (absolute, relative to the base, or ``.`` for the base itself, as
Virtuoso, QLever and Neptune answer queries and updates at one URL). Credentials: ``user:password@``
in the URL (HTTP Basic, or Digest with ``$DIPLOGRAPH_STORE_AUTH=digest``), a ``~/.netrc`` entry
(Basic), or a bearer token in ``$DIPLOGRAPH_STORE_TOKEN``. They never appear in messages: the URL
shown is the one without its userinfo.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from diplograph.merged import add_update, insert_default_update, mirrored, replace_graph_update
from diplograph.sparqltext import tokens, with_values_first
from diplograph.store import DATASET_MARK, EXPORT_FORMATS, QUAD_FORMATS, Results, StoreError, Term, parse_file

if TYPE_CHECKING:
    import requests  # imported when a remote store is opened: the command line starts without it

TOKEN_ENV = "DIPLOGRAPH_STORE_TOKEN"
AUTH_ENV = "DIPLOGRAPH_STORE_AUTH"  # how URL credentials are sent: basic (default) or digest (Virtuoso's /sparql-auth)
TIMEOUT_ENV = "DIPLOGRAPH_STORE_TIMEOUT"
URL_ENVS = {"query": "DIPLOGRAPH_STORE_QUERY_URL", "update": "DIPLOGRAPH_STORE_UPDATE_URL",
            "graph_store": "DIPLOGRAPH_STORE_GSP_URL"}
DEFAULT_PATHS = {"query": "query", "update": "update", "graph_store": "store"}  # Oxigraph's server
DEFAULT_TIMEOUT = 300.0
CONNECT_TIMEOUT = 10.0
RESULTS_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"
MESSAGE_LIMIT = 500  # characters of the remote's error text worth showing

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
NAMED_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
DEFAULT_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class RemoteStoreError(StoreError):
    """The remote refused or failed a request; ``status`` is its HTTP status (502 unreachable, 504 no answer)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def is_remote(location: str | os.PathLike) -> bool:
    """An http(s) URL names a remote store; anything else is a folder of the embedded store."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Endpoints:
    """Where the remote store answers, without credentials (safe to print)."""

    base: str
    query: str
    update: str
    graph_store: str


def endpoints(location: str, environ: Mapping[str, str] = os.environ) -> tuple[Endpoints, tuple[str, str] | None]:
    """The store's URLs and the HTTP Basic credentials written in ``location`` (if any)."""
    parts = urlsplit(location)
    try:
        port = parts.port
    except ValueError:
        raise StoreError(f"store URL {redact(location)} has an invalid port") from None
    if not parts.hostname:
        raise StoreError(f"store URL {redact(location)} names no host")
    if parts.query or parts.fragment:
        raise StoreError(f"store URL {redact(location)}: give the endpoints' base URL, without ?query or #fragment")
    credentials = (unquote(parts.username or ""), unquote(parts.password or "")) if parts.username else None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port:
        netloc += f":{port}"
    base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    urls = {}
    for role, default in DEFAULT_PATHS.items():
        given = environ.get(URL_ENVS[role]) or default
        urls[role] = base if given == "." else urljoin(base + "/", given)
        if "@" in urlsplit(urls[role]).netloc:
            raise StoreError(f"${URL_ENVS[role]} must not hold credentials; put them in the store URL, "
                             f"~/.netrc or ${TOKEN_ENV}")
    return Endpoints(base, **urls), credentials


def redact(url: str) -> str:
    """``url`` without ``user:password@``."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", r"\1", url)


class SparqlStore:
    """The ``Store`` interface over SPARQL 1.1 Query, Update and the Graph Store Protocol."""

    def __init__(self, location: str, *, timeout: float | None = None,
                 environ: Mapping[str, str] = os.environ) -> None:
        import requests
        import requests.auth

        self.endpoints, credentials = endpoints(location, environ)
        self.path = self.endpoints.base  # what messages call the store, like ``Store.path``
        self.timeout = timeout if timeout is not None else _timeout(environ)
        self._headers: dict[str, str] = {}
        self._auth = None
        token = environ.get(TOKEN_ENV, "").strip()
        if token and credentials:
            raise StoreError(f"store {self.path}: give either user:password in the URL or ${TOKEN_ENV}, not both")
        scheme = environ.get(AUTH_ENV, "basic").strip().lower()
        if scheme not in ("basic", "digest"):
            raise StoreError(f"${AUTH_ENV} must be basic or digest, not {scheme!r}")
        if scheme == "digest" and not credentials:
            raise StoreError(f"${AUTH_ENV}=digest needs user:password in the store URL {self.path}")
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        elif credentials:
            self._auth = requests.auth.HTTPDigestAuth(*credentials) if scheme == "digest" else credentials
        # Otherwise requests looks the host up in ~/.netrc.
        self._local = threading.local()  # a requests Session is not safe to share between the server's threads
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def __enter__(self) -> SparqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to flush: the remote made each write durable before it answered."""
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

    def _session(self) -> requests.Session:
        """This thread's HTTP session (its connections stay open between requests)."""
        import requests

        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update(self._headers)
            session.auth = self._auth
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def flush(self) -> None:
        """Each write is its own request, finished when it returns."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
    ) -> Results:
        """Run a query remotely; the answer is parsed into pyoxigraph's result objects.

        ``bindings`` join the query as a trailing VALUES clause (SPARQL's own way to pass values;
        Oxigraph's substitutions are not part of the protocol).
        """
        response = self.send_query(with_values(sparql, bindings or {}), self.accept_for(sparql),
                                   default_graphs=default_graphs, named_graphs=named_graphs)
        media_type = _media_type(response)
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is not None:
            return ox.parse_query_results(response.content, format=results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise StoreError(f"remote store {self.endpoints.query} answered a query with {media_type!r}, "
                             "neither SPARQL results nor RDF")
        return _as_query_triples(ox.parse(response.content, format=rdf_format))

    def accept_for(self, sparql: str) -> str:
        """The Accept header for a query: results for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE."""
        from diplograph.sparqltext import inspect_query

        form = inspect_query(sparql).form
        if form in ("CONSTRUCT", "DESCRIBE"):
            return GRAPH_ACCEPT
        if form in ("SELECT", "ASK"):
            return RESULTS_ACCEPT
        return f"{RESULTS_ACCEPT}, {GRAPH_ACCEPT};q=0.9"

    def send_query(self, sparql: str, accept: str, *, default_graphs: Iterable[str] = (),
                   named_graphs: Iterable[str] = (), stream: bool = False,
                   timeout: float | None = None) -> requests.Response:
        """POST the query (form-encoded: every SPARQL 1.1 server takes it) and return the answer."""
        data = {"query": sparql, "default-graph-uri": list(default_graphs), "named-graph-uri": list(named_graphs)}
        return self._send("POST", self.endpoints.query, data=data, headers={"Accept": accept}, stream=stream,
                          timeout=timeout)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one request that keeps the default graph and the counts, as the
        embedded store does (``merged.mirrored``)."""
        self.send_update(mirrored(sparql))

    def send_update(self, sparql: str) -> None:
        """One SPARQL Update request, as is."""
        self._send("POST", self.endpoints.update, data={"update": sparql})

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *, dropping: Iterable[str] = ()) -> None:
        """Make ``graph`` hold exactly ``quads`` and delete the ``dropping`` graphs: one Update request,
        the default graph kept merged."""
        self.send_update(replace_graph_update(graph, quads, dropping=dropping))

    def add(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` to ``graph`` in one request."""
        self.send_update(add_update(graph, quads))

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one request (one transaction where the remote makes a request atomic);
        named graphs' triples go to the default graph too, as ``Store.extend`` does."""
        by_graph: dict[str | None, list[ox.Quad]] = {}
        for quad in quads:
            name = None if quad.graph_name == ox.DefaultGraph() else quad.graph_name.value
            by_graph.setdefault(name, []).append(quad)
        operations = [add_update(graph, group) for graph, group in by_graph.items() if graph is not None]
        if None in by_graph:
            operations.append(insert_default_update(by_graph[None]))
        if operations:
            self.send_update(" ;\n".join(operations))

    def load(self, path: Path, *, graph: str | None = None) -> int:
        """Load an RDF file in one request; a parse error names the file and line and sends nothing."""
        quads = list(parse_file(path, graph or path.resolve().as_uri()))
        self.extend(quads)
        return len(quads)

    def graphs(self) -> list[str]:
        return sorted(row["g"].value for row in self.query(GRAPH_NAMES))

    def __len__(self) -> int:
        """Quads in the named graphs (as ``len(Store)``: the default graph is derived from them)."""
        return int(next(iter(self.query(COUNT_QUADS)))["n"].value)

    def dump(self, fmt: str, *, graph: str | None = None) -> bytes:
        """Serialise as ``Store.export`` does: N-Quads gets every graph, TriG and JSON-LD the named graphs
        (the default graph is derived from them), triple formats the default graph; one graph comes by
        a Graph Store GET."""
        from diplograph.ontology import PREFIXES

        rdf_format = EXPORT_FORMATS[fmt]
        if graph is not None:
            return ox.serialize(self.read_graph(graph), format=rdf_format)
        if rdf_format == ox.RdfFormat.N_QUADS:  # every graph, the default graph included
            return DATASET_MARK + ox.serialize(_quads(self.query(ALL_QUADS)), format=rdf_format)
        if rdf_format in QUAD_FORMATS:
            return ox.serialize(_quads(self.query(NAMED_QUADS)), format=rdf_format, prefixes=PREFIXES)
        return ox.serialize(self.query(DEFAULT_GRAPH), format=rdf_format, prefixes=PREFIXES)

    def read_graph(self, graph: str) -> list[ox.Triple]:
        """One named graph's triples by a Graph Store GET; a graph the store lacks is empty."""
        response = self.send_graph_get(graph, GRAPH_ACCEPT, missing_ok=True)
        if response.status_code == 404:
            return []
        rdf_format = ox.RdfFormat.from_media_type(_media_type(response)) or ox.RdfFormat.N_TRIPLES
        try:
            return [ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(response.content, format=rdf_format, base_iri=graph)]
        except SyntaxError as error:
            raise StoreError(f"remote store {self.endpoints.graph_store} sent unreadable RDF for <{graph}>: "
                             f"{error}") from None

    def send_graph_get(self, graph: str | None, accept: str, *, missing_ok: bool = False, stream: bool = False,
                       timeout: float | None = None) -> requests.Response:
        """A Graph Store GET of ``graph`` (None: the default graph)."""
        params = {"default": ""} if graph is None else {"graph": graph}
        return self._send("GET", self.endpoints.graph_store, params=params, headers={"Accept": accept},
                          stream=stream, timeout=timeout, ok=(404,) if missing_ok else ())

    def _send(self, method: str, url: str, *, timeout: float | None = None, ok: tuple[int, ...] = (),
              **kwargs) -> requests.Response:
        """One request; any failure is a ``StoreError`` naming the URL (never its credentials)."""
        import requests

        limit = timeout if timeout is not None else self.timeout
        try:
            response = self._session().request(method, url, timeout=(min(CONNECT_TIMEOUT, limit), limit), **kwargs)
        except requests.Timeout:
            raise RemoteStoreError(f"remote store {url} did not answer within {limit:g} s", 504) from None
        except requests.RequestException as error:
            raise RemoteStoreError(f"cannot reach the remote store at {url}: {_reason(error)}", 502) from None
        if response.status_code >= 400 and response.status_code not in ok:
            raise RemoteStoreError(refusal(url, response), response.status_code)
        return response


def refusal(url: str, response: requests.Response) -> str:
    """The remote's status and message, with a hint when it was about credentials."""
    text = " ".join(response.text.split())[:MESSAGE_LIMIT]
    message = f"remote store {url} answered {response.status_code} {response.reason}"
    if text:
        message += f": {text}"
    if response.status_code in (401, 403):
        message += (f" (credentials: user:password in the store URL, a ~/.netrc entry for the host, or a bearer "
                    f"token in ${TOKEN_ENV})")
    return message


def with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with ``bindings`` given as VALUES rows: in its WHERE group and in each subquery
    that uses them (``sparqltext.with_values_first``, where the remote's planner can use them and
    as a substitution would bind them), and after it (for the queries whose group is not found)."""
    if not bindings:
        return sparql
    if any(t.depth == 0 and t.keyword == "VALUES" for t in tokens(sparql)):
        raise StoreError("the query ends with its own VALUES clause, so parameters cannot be passed to a remote "
                         "store; bind them in that clause instead")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(term) for term in bindings.values())
    hinted = with_values_first(sparql, {name: str(term) for name, term in bindings.items()})
    return f"{hinted}\nVALUES ({names}) {{ ({row}) }}\n"


def _quads(solutions: ox.QuerySolutions) -> list[ox.Quad]:
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions]


def _as_query_triples(triples: Iterable[ox.Triple | ox.Quad]) -> ox.QueryTriples:
    """Parsed triples as the ``QueryTriples`` a local CONSTRUCT returns (pyoxigraph offers no constructor)."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return scratch.query(DEFAULT_GRAPH)


def _media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _timeout(environ: Mapping[str, str]) -> float:
    raw = environ.get(TIMEOUT_ENV)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise StoreError(f"${TIMEOUT_ENV} must be a number of seconds above 0, not {raw!r}")
    return value


def _reason(error: requests.RequestException) -> str:
    """The underlying cause (e.g. '[Errno 111] Connection refused'), not urllib3's nested repr."""
    text = str(error)
    found = re.findall(r"\[Errno -?\d+\][^'\")]*", text)
    if found:
        return found[-1].strip()
    return type(error).__name__ if not text else text.split("(Caused by")[0].strip()
