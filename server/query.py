"""The /sparql route: queries (GET, POST form, POST sparql-query), updates on the same URL, and
the service description for a bare GET."""

from __future__ import annotations

import time
from collections.abc import Mapping

from flask import Blueprint, Response, redirect, request
from werkzeug.http import http_date, is_resource_modified

from diplograph.server.endpoint import endpoint
from diplograph.server.executor import Answer, QueryFailed
from diplograph.server.federation import blame_remotes, route_services
from diplograph.server.protocol import (
    GRAPH_TYPES,
    QUERY_FORM_KIND,
    Choice,
    ProtocolError,
    content_type,
    negotiate,
    read_operation,
)
from diplograph.sparqltext import Remote, inspect_query

bp = Blueprint("sparql", __name__)


@bp.route("/sparql", methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"])
def sparql() -> Response:
    operation = read_operation(request, allow_update=True)
    if operation is None:
        return _service_description()
    if operation.kind == "update":
        from diplograph.server.update import run_update

        return run_update(operation)
    return answer_query(operation.text, default_graphs=operation.default_graphs,
                        named_graphs=operation.named_graphs)


def answer_query(text: str, *, default_graphs=(), named_graphs=(), substitutions: Mapping | None = None) -> Response:
    """Run a query in a worker and stream its result in the negotiated format.

    The format is chosen before the query runs (the query form is read from the text), so a 406
    costs nothing; conditional GETs are answered 304 from the store's generation.
    """
    ep = endpoint()
    info = inspect_query(text)
    check_remotes(info.remotes)
    text = route_services(text, dict(ep.settings.service_routes))
    kind = QUERY_FORM_KIND.get(info.form or "")
    if kind is None:  # not a recognisable query: let Oxigraph report the syntax error
        results, graph = _choice_or_none(request, "solutions"), _choice_or_none(request, "graph")
    else:
        chosen = negotiate(request, kind)
        results, graph = (None, chosen) if kind == "graph" else (chosen, None)
    variant = (results or graph).media_type if (results or graph) else "none"
    etag = ep.etag(variant)
    if request.method in ("GET", "HEAD") and not is_resource_modified(
            request.environ, etag=etag, last_modified=ep.last_modified()):
        return _not_modified(etag)
    try:
        answer = _run(lambda started: ep.query(
            text, result_format=results.format if results else None, graph_format=graph.format if graph else None,
            default_graphs=default_graphs, named_graphs=named_graphs, substitutions=substitutions,
            base_iri=base_iri(), started=started))
    except ProtocolError as error:
        raise blame_remotes(error, info.remotes, dict(ep.settings.service_routes)) from None
    chosen = graph if answer.kind == "graph" else results
    return stream(answer, chosen.media_type, etag=etag)


def stream(answer: Answer, media_type: str, *, etag: str | None = None, status: int = 200) -> Response:
    """The HTTP response for a worker's answer: body streamed, row cap and caching in headers.

    The headers go to ``Response`` as one list: set one at a time they cost 20 µs a request.
    """
    ep = endpoint()
    request.environ["diplograph.rows"] = answer.rows
    headers = [("Content-Type", content_type(media_type)), ("Vary", "Accept"), ("Cache-Control", "no-cache")]
    if (modified := ep.last_modified()) is not None:
        headers.append(("Last-Modified", http_date(modified)))
    if etag:
        headers.append(("ETag", etag))
    if answer.rows is not None:
        headers.append(("Diplograph-Rows", str(answer.rows)))
    if answer.truncated:
        headers += [("X-SPARQL-MaxRows", str(answer.max_rows)), ("Diplograph-Truncated", "true"),
                    ("Warning", f'299 diplograph "result cut at the row cap of {answer.max_rows}; '
                                'page with LIMIT/OFFSET"')]
        request.environ["diplograph.truncated"] = True
    if answer.whole is not None:  # a list passed straight through: the server writes it in one go
        return Response([answer.whole], status, headers, direct_passthrough=True)
    body = answer.body
    if request.method == "HEAD":
        for _ in body:  # let the worker finish cleanly; HEAD sends no body
            pass
        body = iter(())
    return Response(body, status, headers, direct_passthrough=True)


def base_iri() -> str:
    """The request URL without its query string: the base for relative IRIs in queries and updates.

    Built from the WSGI environ directly: werkzeug's ``base_url`` costs ~70 µs per request.
    """
    env = request.environ
    return f"{env['wsgi.url_scheme']}://{request.host}{env.get('SCRIPT_NAME', '')}{env.get('PATH_INFO', '')}"


def check_remotes(remotes: tuple[Remote, ...]) -> None:
    """Refuse SERVICE (and LOAD) targets unless federation is on and the IRI is allow-listed."""
    allowed = endpoint().settings.allowed_services
    for remote in remotes:
        if not allowed:
            raise ProtocolError(403, f"{remote.keyword} {remote.written} refused: federated query is off on this "
                                "server (the operator can allow endpoints with --service-allow)")
        if remote.iri is None:
            raise ProtocolError(403, f"{remote.keyword} {remote.written} refused: the target must be written as a "
                                "full <IRI> from the allow-list, not a variable or prefixed name")
        if remote.iri not in allowed:
            raise ProtocolError(403, f"{remote.keyword} <{remote.iri}> refused: not on this server's allow-list "
                                f"({', '.join(allowed)})")


def _run(call) -> Answer:
    started = request.environ.get("diplograph.started", time.monotonic())
    try:
        return call(started)
    except QueryFailed as failure:
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
        raise ProtocolError(failure.status, failure.message, headers) from None


def _choice_or_none(req, kind: str) -> Choice | None:
    try:
        return negotiate(req, kind)
    except ProtocolError:
        return None


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.headers["ETag"] = etag
    response.headers["Vary"] = "Accept"
    response.last_modified = endpoint().last_modified()
    return response


def _service_description() -> Response:
    from diplograph.server.service_description import describe

    accept = request.accept_mimetypes
    if accept and accept.best_match([*GRAPH_TYPES, "text/html"]) == "text/html":
        return redirect("/", 303)
    choice = negotiate(request, "graph")
    data = describe(endpoint().settings, request.base_url, choice.format)
    response = Response(b"" if request.method == "HEAD" else data, content_type=content_type(choice.media_type))
    response.headers["Vary"] = "Accept"
    return response
