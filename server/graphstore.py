"""The SPARQL 1.1 Graph Store HTTP Protocol at /store, with indirect graph identification.

``?graph=IRI`` names a graph, ``?default`` the default graph: it holds every named graph's triples
(see ``diplograph.merged``) plus what is written to it directly. Reads are open like queries and
time-limited in a worker; writes need the token and each is one Oxigraph transaction, flushed
before the response: a PUT replaces a graph atomically, so ``diplograph ingest`` can push one
article per request while the server answers.
"""

from __future__ import annotations

import re
import uuid

import pyoxigraph as ox
from flask import Blueprint, Response, request
from werkzeug.http import is_resource_modified, parse_options_header

from diplograph.merged import (
    add_update,
    clear_default_update,
    drop_graph_update,
    insert_default_update,
    replace_graph_update,
)
from diplograph.server.auth import require_writer
from diplograph.server.endpoint import endpoint
from diplograph.server.protocol import PARSEABLE_TYPES, ProtocolError, content_type, negotiate
from diplograph.server.query import _not_modified, _run, stream
from diplograph.xmlguard import XmlRefused, check_entities

bp = Blueprint("graphstore", __name__)
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
EXTENSIONS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
              ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD,
              ".n3": ox.RdfFormat.N3}


@bp.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    target = _target(required=request.method != "POST")
    if request.method in ("GET", "HEAD"):
        return _read(target)
    return write(target)


def write(target: str | bool | None) -> Response:
    """A PUT, POST or DELETE with the token: one update on whatever ``endpoint().write()`` gives (the
    embedded store, or the remote one behind ``remote_endpoint``)."""
    require_writer()
    if request.method == "DELETE":
        return _delete(target)
    if request.method == "PUT":
        return _put(target)
    return _post(target)


def _target(*, required: bool) -> str | bool | None:
    """The graph IRI, None for the default graph, or False when the request names neither."""
    has_default, graphs = "default" in request.args, request.args.getlist("graph")
    if (has_default and graphs) or len(graphs) > 1:
        raise ProtocolError(400, "name exactly one graph: either ?default or a single ?graph=IRI")
    if graphs:
        if not ABSOLUTE_IRI.match(graphs[0]):
            raise ProtocolError(400, f"?graph={graphs[0]!r} is not an absolute IRI")
        return graphs[0]
    if has_default:
        return None
    if required:
        raise ProtocolError(400, "the graph store needs ?default or ?graph=IRI")
    return False


def _exists(store: ox.Store, graph: str | None) -> bool:
    return graph is None or store.contains_named_graph(ox.NamedNode(graph))


def _read(graph: str | None) -> Response:
    ep = endpoint()
    if not _exists(ep.store.inner, graph):
        raise ProtocolError(404, f"no graph <{graph}> in the store")
    choice = negotiate(request, "graph")
    etag = ep.etag(f"{choice.media_type}-{graph}")
    if not is_resource_modified(request.environ, etag=etag, last_modified=ep.last_modified()):
        return _not_modified(etag)
    if request.method == "HEAD":
        response = Response(status=200, content_type=content_type(choice.media_type))
        response.headers.update({"ETag": etag, "Vary": "Accept"})
        response.last_modified = ep.last_modified()
        return response
    answer = _run(lambda started: ep.dump(graph, choice.format, started=started))
    return stream(answer, choice.media_type, etag=etag)


def _delete(graph: str | None) -> Response:
    with endpoint().write() as store:
        if not _exists(store, graph):
            raise ProtocolError(404, f"no graph <{graph}> in the store")
        store.update(clear_default_update() if graph is None else drop_graph_update(graph))
    return Response(status=204)


def _put(graph: str | None) -> Response:
    triples = _parse_body(graph)
    with endpoint().write() as store:
        existed = _exists(store, graph)
        store.update(_replace(graph, triples))
    return Response(status=204 if existed else 201)


def _post(graph: str | bool | None) -> Response:
    created = graph is False
    if created:
        graph = f"{endpoint().settings.base}graph/upload/{uuid.uuid4()}"
    triples = _parse_body(graph)
    with endpoint().write() as store:
        existed = _exists(store, graph)
        if graph is None:
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        else:
            store.update(add_update(graph, triples))
    if created:
        return Response(status=201, headers={"Location": graph})
    return Response(status=204 if existed else 201)


def _replace(graph: str | None, triples: list[ox.Triple]) -> str:
    """One SPARQL Update (one transaction) that makes the graph hold exactly ``triples``: for the
    default graph, what was written to it directly (the named graphs' triples stay in it)."""
    if graph is None:
        return f"{clear_default_update()} ;\n{insert_default_update(triples)}"
    return replace_graph_update(graph, triples)


def _parse_body(graph: str | None) -> list[ox.Triple]:
    """The request's RDF (one document, or every file of a multipart form), as triples."""
    base = graph or request.base_url
    mimetype, _ = parse_options_header(request.headers.get("Content-Type", ""))
    if mimetype == "multipart/form-data":
        parts = [(f.filename or name, f.mimetype, f.read()) for name, f in request.files.items(multi=True)]
        if not parts:
            raise ProtocolError(400, "the multipart request has no file parts")
        return [t for name, kind, data in parts for t in _parse(name, _format(kind, name), data, base)]
    return _parse("the request body", _format(mimetype, ""), request.get_data(), base)


def _format(mimetype: str, filename: str) -> ox.RdfFormat:
    fmt = PARSEABLE_TYPES.get(mimetype)
    if fmt is None and filename:
        fmt = EXTENSIONS.get("." + filename.rpartition(".")[2].lower())
    if fmt is None:
        raise ProtocolError(415, f"cannot read RDF of type {mimetype or '(none)'!r}; use one of "
                            f"{', '.join(PARSEABLE_TYPES)}")
    return fmt


def _parse(name: str, fmt: ox.RdfFormat, data: bytes, base: str) -> list[ox.Triple]:
    if fmt == ox.RdfFormat.RDF_XML:  # Oxigraph would expand an entity bomb in this process
        try:
            check_entities(data)
        except XmlRefused as error:
            raise ProtocolError(400, f"{name}: refused: {error}") from None
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt, base_iri=base)]
    except SyntaxError as error:
        raise ProtocolError(400, f"{name}: invalid {fmt.name}: {error}") from None
