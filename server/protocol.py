"""SPARQL 1.1 Protocol request parsing and content negotiation.

Formats are Oxigraph's own: the server only chooses which serialiser the worker runs. Negotiation
uses werkzeug's MIMEAccept (q-values, wildcards, specificity); ``format=`` overrides ``Accept``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_accept_header, parse_options_header
from werkzeug.wrappers import Request, Response

# Media types offered, in order of preference when the client accepts several equally.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# Short names for ``format=`` (a full media type works too); json and xml name the natural
# choice for either kind of result.
FORMAT_NAMES = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "srj": "application/sparql-results+json", "srx": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
    "nquads": "application/n-quads", "nq": "application/n-quads", "trig": "application/trig",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml",
}
# RDF media types a client may send to the graph store (Oxigraph parses them all).
PARSEABLE_TYPES: dict[str, ox.RdfFormat] = {
    **{t: f for t, f in GRAPH_TYPES.items() if t != "text/plain"},
    "text/n3": ox.RdfFormat.N3,
    "application/xml": ox.RdfFormat.RDF_XML,
}

QUERY_FORM_KIND = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


class ProtocolError(HTTPException):
    """A client error with a plain-text message (the parser's message, a bad parameter, ...)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = status
        self.message = message
        self.extra_headers = headers or {}

    def get_response(self, environ=None, scope=None) -> Response:  # werkzeug's signature
        response = Response(self.message.rstrip() + "\n", self.code, mimetype="text/plain")
        response.headers.update(self.extra_headers)
        return response


@dataclass(frozen=True)
class Operation:
    """A parsed protocol request: the SPARQL text and the dataset parameters."""

    kind: str  # "query" or "update"
    text: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def read_operation(request: Request, *, allow_update: bool) -> Operation | None:
    """The query or update in ``request``, or None for a bare GET (the service description).

    Enforces the protocol's rules: one operation, the right media type, UTF-8, no update by GET.
    """
    args = request.args
    if request.method in ("GET", "HEAD"):
        if "update" in args:
            raise ProtocolError(405, "SPARQL Update must be sent with POST", {"Allow": "POST"})
        if "query" not in args:
            return None
        return _operation("query", _single(args, "query"), args)
    if request.method != "POST":
        raise ProtocolError(405, f"{request.method} is not a SPARQL protocol method", {"Allow": "GET, POST, HEAD"})
    mimetype, options = parse_options_header(request.headers.get("Content-Type", ""))
    if mimetype == "application/x-www-form-urlencoded":
        form = request.form
        if "query" in args or "update" in args:
            raise ProtocolError(400, "with a form body, 'query'/'update' must be in the body, not the URL")
        present = [k for k in ("query", "update") if k in form]
        if len(present) != 1:
            raise ProtocolError(400, "a form request needs exactly one of 'query' or 'update'")
        kind = present[0]
        if kind == "update" and not allow_update:
            raise ProtocolError(400, "this URL accepts queries only; send updates to /update")
        return _operation(kind, _single(form, kind), _merged(args, form))
    if mimetype in ("application/sparql-query", "application/sparql-update"):
        kind = "query" if mimetype == "application/sparql-query" else "update"
        if kind == "update" and not allow_update:
            raise ProtocolError(400, "this URL accepts queries only; send updates to /update")
        if "query" in args or "update" in args:
            raise ProtocolError(400, f"a {mimetype} body cannot be combined with a query/update URL parameter")
        charset = options.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise ProtocolError(415, f"SPARQL text must be UTF-8, not {charset}")
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError as error:
            raise ProtocolError(400, f"the request body is not valid UTF-8 ({error})") from None
        return _operation(kind, text, args)
    raise ProtocolError(
        415, f"unsupported Content-Type {mimetype or '(none)'!r}: use application/x-www-form-urlencoded, "
        "application/sparql-query or application/sparql-update")


def _operation(kind: str, text: str, params) -> Operation:
    if kind == "query":
        return Operation(kind, text, params.getlist("default-graph-uri"), params.getlist("named-graph-uri"))
    return Operation(kind, text, params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri"))


def _single(params, name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise ProtocolError(400, f"exactly one '{name}' parameter is allowed, got {len(values)}")
    return values[0]


def _merged(args, form):
    from werkzeug.datastructures import CombinedMultiDict

    return CombinedMultiDict([args, form])


@dataclass(frozen=True)
class Choice:
    media_type: str
    format: ox.QueryResultsFormat | ox.RdfFormat


def negotiate(request: Request, kind: str) -> Choice:
    """The representation for a result of ``kind`` ("solutions", "boolean" or "graph"), or 406."""
    accept, requested = request.headers.get("Accept", ""), request.values.get("format")
    choice = _negotiated(accept, requested, kind)
    if choice is None:
        raise ProtocolError(406, f"cannot serve {kind} results as {request.headers.get('Accept')!r}; "
                            f"available: {', '.join(GRAPH_TYPES if kind == 'graph' else RESULT_TYPES)}")
    return choice


@functools.lru_cache(maxsize=512)
def _negotiated(accept_header: str, requested: str | None, kind: str) -> Choice | None:
    """Remembered per header value: clients send the same few, and parsing one costs ~50 µs."""
    offered = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    accept = _accept(accept_header, requested)
    media_type = accept.best_match(list(offered)) if accept else next(iter(offered))
    return None if media_type is None else Choice(media_type, offered[media_type])


def _accept(accept_header: str, requested: str | None) -> MIMEAccept:
    if requested:
        accept = parse_accept_header(FORMAT_NAMES.get(requested.lower(), requested), MIMEAccept)
    else:
        accept = parse_accept_header(accept_header, MIMEAccept)
    if any(";" in value for value, _ in accept):
        # Media type parameters (e.g. "text/turtle; charset=utf-8") do not change what we can serve.
        accept = MIMEAccept([(value.partition(";")[0].strip(), quality) for value, quality in accept])
    return accept


def content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"
