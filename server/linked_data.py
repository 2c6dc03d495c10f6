"""Linked Data: every IRI diplograph mints, and the ontology, dereference on this server.

``GET /id/{path}`` describes ``{base}id/{path}`` (``base`` is ``ServerSettings.base``, by default
``https://w3id.org/diplograph/``). The description is served directly (200, ``Vary: Accept``, no
303 hop): HTML for browsers, Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept`` or ``?format=``.
``GET /graph/{name}`` serves the named graphs ``{base}graph/{name}`` whole (as the graph store does).
``GET /ontology`` serves the ontology document the ``dg:`` terms (``…/ontology#Term``) live in:
Turtle, RDF/XML, or the pyLODE reference page whose anchors are the term names.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request, send_file
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from diplograph.ontology import DOC_HTML, ONTOLOGY_OWL, ONTOLOGY_TTL
from diplograph.server import page_queries as q
from diplograph.server.endpoint import endpoint
from diplograph.server.executor import QueryFailed
from diplograph.server.protocol import ProtocolError
from diplograph.server.query import stream

bp = Blueprint("linked_data", __name__)

HTML = "text/html"
# Offered representations; for "*/*" (no preference) the first wins, browsers ask for text/html by name.
RDF_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
OFFERED = [RDF_TYPES[0], HTML, *RDF_TYPES[1:]]
FORMATS = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
           "json-ld": "application/ld+json", "nt": "application/n-triples", "ntriples": "application/n-triples",
           "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml", "html": HTML}
EXTENSIONS = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
              "application/rdf+xml": "rdf"}


def choose(offered: list[str]) -> str:
    """The representation to send: ``?format=`` (a short name or media type) over ``Accept``; else 406."""
    requested = request.args.get("format")
    if requested:
        accept = parse_accept_header(FORMATS.get(requested.lower(), requested), MIMEAccept)
    else:
        accept = request.accept_mimetypes
    chosen = accept.best_match(offered) if accept else offered[0]
    if chosen is None:
        raise ProtocolError(406, f"cannot serve {request.headers.get('Accept') or requested!r}; "
                            f"available: {', '.join(offered)} (or ?format={'|'.join(sorted(set(FORMATS)))})")
    return chosen


def resource_iri(path: str) -> str:
    return f"{endpoint().settings.base}id/{path}"


@bp.route("/id/<path:path>", methods=["GET", "HEAD"])
def resource(path: str) -> Response:
    iri = resource_iri(path)
    subject = ox.NamedNode(iri)
    if not q.select(q.KNOWN, s=subject):
        abort(404, description=f"diplograph knows nothing about <{iri}>")
    media_type = choose(OFFERED)
    if media_type == HTML:
        from diplograph.server.entity_pages import render

        response = Response(render(iri), mimetype=HTML)
    else:
        response = stream(q.graph(q.DESCRIPTION, media_type, s=subject), media_type)
    return _negotiated(response, request.base_url)


@bp.route("/graph/<name>", methods=["GET", "HEAD"])
def named_graph(name: str) -> Response:
    """A fixed named graph (``{base}graph/ontology|reference|inferred``): its whole content, never capped."""
    iri = f"{endpoint().settings.base}graph/{name}"
    summary = q.select(q.GRAPH_SUMMARY, g=ox.NamedNode(iri))
    if not summary:
        abort(404, description=f"this store has no graph <{iri}>")
    media_type = choose(OFFERED)
    if media_type == HTML:
        response = Response(render_template("graph.html", iri=iri, types=summary), mimetype=HTML)
    else:
        started = request.environ.get("diplograph.started")
        try:
            answer = endpoint().dump(iri, ox.RdfFormat.from_media_type(media_type), started=started)
        except QueryFailed as failure:
            raise ProtocolError(failure.status, failure.message) from None
        response = stream(answer, media_type)
    return _negotiated(response, request.base_url)


@bp.route("/ontology", methods=["GET", "HEAD"])
def ontology() -> Response:
    files = {"text/turtle": ONTOLOGY_TTL, "application/rdf+xml": ONTOLOGY_OWL, HTML: DOC_HTML}
    media_type = choose([HTML, "text/turtle", "application/rdf+xml"])
    # werkzeug adds "; charset=utf-8" to these types itself (given one, it sent the charset twice)
    response = send_file(files[media_type], mimetype=media_type, etag=True, conditional=True, max_age=0)
    return _negotiated(response, request.base_url, ["text/turtle", "application/rdf+xml", HTML])


def _negotiated(response: Response, url: str, types: list[str] | None = None) -> Response:
    """Tell caches the answer depends on Accept, and clients where each representation is."""
    response.headers["Vary"] = "Accept"
    links = [f'<{url}?format={EXTENSIONS.get(t, "html" if t == HTML else t)}>; rel="alternate"; type="{t}"'
             for t in (types or [HTML, *RDF_TYPES])]
    response.headers["Link"] = ", ".join(links)
    return response
