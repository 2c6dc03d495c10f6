"""The server in front of a remote SPARQL 1.1 store (``diplograph serve --store http(s)://…``).

It takes ``Endpoint``'s place (``create_app`` picks it when the store is a URL): queries, canned
queries and pages are forwarded to the remote's query endpoint and its answer is streamed back as
it arrives, with its content type (re-encoded by pyoxigraph only when the remote chose another
format than the client asked for). No worker pool is involved: the remote does the work.

Writes (SPARQL Update, Graph Store PUT, POST and DELETE) need the update token, as on the embedded
store, and each is forwarded as ONE SPARQL Update request: the very text the embedded store would
run (``merged``), so the remote's default graph stays the merged copy of its named graphs and its
counts stay current. The remote's refusal is passed on with its status and message.

The remote is asked afresh every time, so nothing is answered 304 from a cache (the store may
change behind this server's back). The row cap does not apply: results stream through without
being held here.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from flask import Blueprint, Response, request

from diplograph.merged import insert_default_update
from diplograph.remote_store import RemoteStoreError, SparqlStore, with_values
from diplograph.server.executor import Answer, QueryFailed
from diplograph.server.protocol import ProtocolError, negotiate
from diplograph.server.settings import ServerSettings
from diplograph.store import StoreError

CHUNK = 64 * 1024
PASSED_ON = {400, 406, 413, 414, 429, 503, 504}  # the remote's statuses that mean the same to our client


class RemoteEndpoint:
    """``Endpoint``'s interface (query, dump, write, etag, last_modified, close) over a remote store."""

    def __init__(self, settings: ServerSettings) -> None:
        from diplograph.ontology import PREFIXES

        self.settings = settings
        self.store = SparqlStore(settings.store, timeout=settings.timeout)
        self.prefixes = dict(PREFIXES)
        self._write_lock = threading.Lock()

    def query(self, text: str, *, result_format=None, graph_format=None, default_graphs=(), named_graphs=(),
              substitutions=None, base_iri: str | None = None, started: float | None = None) -> Answer:
        """Forward the query, its parameters as a trailing VALUES clause (see ``with_values``)."""
        wanted = [f for f in (result_format, graph_format) if f is not None]
        if not wanted:
            raise QueryFailed(406, "no acceptable format for the query's results was requested")
        try:
            sparql = with_values(text, substitutions or {})
        except StoreError as error:
            raise QueryFailed(400, str(error)) from None
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        accept = ", ".join(f.media_type for f in wanted)
        timeout = self._remaining(started)
        response = _forward(lambda: self.store.send_query(
            sparql, accept, default_graphs=default_graphs, named_graphs=named_graphs, stream=True, timeout=timeout))
        return _answer(response, result_format, graph_format, self.prefixes)

    def dump(self, graph: str | None, graph_format: ox.RdfFormat, *, started: float | None = None) -> Answer:
        """One whole graph (None: the default graph) by a Graph Store GET on the remote."""
        timeout = self._remaining(started)
        response = _forward(lambda: self.store.send_graph_get(
            graph, graph_format.media_type, missing_ok=True, stream=True, timeout=timeout))
        if response.status_code == 404:
            response.close()
            raise QueryFailed(404, f"no graph <{graph}> in the store")
        return _answer(response, None, graph_format, self.prefixes)

    @contextlib.contextmanager
    def write(self) -> Iterator[RemoteWriter]:
        """One writer at a time, as on the embedded store: a write's existence check and its update
        are not interleaved with another write from this server."""
        with self._write_lock:
            yield RemoteWriter(self.store)

    def etag(self, variant: str) -> str:
        """Never the same twice: the remote may have changed, so no request is answered 304."""
        return f'W/"remote-{time.time_ns():x}-{variant}"'

    def last_modified(self) -> None:
        """Unknown: the remote store changes without telling this server."""

    def close(self) -> None:
        self.store.close()

    def _remaining(self, started: float | None) -> float:
        """Seconds left of the time limit, counted from the request's arrival."""
        left = (started or time.monotonic()) + self.settings.timeout - time.monotonic()
        if left <= 0:
            raise QueryFailed(504, f"the query ran past the time limit of {self.settings.timeout:g} s")
        return left


class RemoteWriter:
    """What the write routes call on the embedded store, each call one request to the remote."""

    def __init__(self, store: SparqlStore) -> None:
        self.store = store

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        _forward(lambda: self.store.send_update(f"BASE <{base_iri}>\n{sparql}" if base_iri else sparql),
                 error=ProtocolError)

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(_forward(lambda: self.store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"), error=ProtocolError))

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Triples written straight to the default graph."""
        self.update(insert_default_update(quads))


def _forward(send, *, error: type[Exception] = QueryFailed):
    """Send a request; the remote's refusal becomes the HTTP error to answer with (``error``: the
    executor's ``QueryFailed`` for reads, ``ProtocolError`` for writes)."""
    try:
        return send()
    except RemoteStoreError as failed:
        status = failed.status if failed.status in PASSED_ON else 502
        raise error(status, str(failed)) from None


def _answer(response, result_format, graph_format, prefixes: dict[str, str]) -> Answer:
    """Stream the remote's body when it is in the format asked for; otherwise re-encode it here."""
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    got_results = ox.QueryResultsFormat.from_media_type(media_type)
    got_graph = ox.RdfFormat.from_media_type(media_type) if got_results is None else None
    if got_results is not None and result_format is not None:
        if got_results == result_format:
            return Answer("solutions", False, 0, None, _stream(response))
        data = ox.parse_query_results(_read(response), format=got_results).serialize(format=result_format)
        return Answer("solutions", False, 0, None, iter((data,)), data)
    if got_graph is not None and graph_format is not None:
        if got_graph == graph_format:
            return Answer("graph", False, 0, None, _stream(response))
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(_read(response), format=got_graph))
        uses_prefixes = graph_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML)
        data = ox.serialize(triples, format=graph_format, prefixes=prefixes if uses_prefixes else None)
        return Answer("graph", False, 0, None, iter((data,)), data)
    response.close()
    raise QueryFailed(502, f"the remote store answered with {media_type or 'no content type'!r}, which is not "
                      "what was asked for")


def _read(response) -> bytes:
    import requests

    try:
        return response.content
    except requests.RequestException as error:
        raise QueryFailed(502, f"the remote store's answer broke off: {type(error).__name__}") from None
    finally:
        response.close()


def _stream(response) -> Iterator[bytes]:
    """The remote's body as it arrives; a break mid-way aborts our response too (as a worker's failure does)."""
    import requests

    try:
        yield from response.iter_content(CHUNK)
    except requests.RequestException as error:
        raise QueryFailed(502, f"the remote store's answer broke off: {type(error).__name__}") from None
    finally:
        response.close()


graph_store = Blueprint("graphstore", __name__)


@graph_store.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def remote_graph_store() -> Response:
    """Graph Store reads, forwarded as a Graph Store GET; writes as on the embedded store (``write``)."""
    from diplograph.server.endpoint import endpoint
    from diplograph.server.graphstore import _target, write
    from diplograph.server.query import _run, stream

    target = _target(required=request.method != "POST")
    if request.method not in ("GET", "HEAD"):
        return write(target)
    choice = negotiate(request, "graph")
    answer = _run(lambda started: endpoint().dump(target, choice.format, started=started))
    return stream(answer, choice.media_type)
