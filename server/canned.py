"""Canned queries as an API: /queries lists them, /queries/NAME runs one, /openapi.json describes both.

Parameters are parsed into typed RDF terms by the catalog and bound as its docstring says; a name
is looked up in the catalog only, so no request can reach another file.
"""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, jsonify, render_template_string, request, url_for

from diplograph.queries.catalog import NAME, CannedQuery, QueryError, catalog
from diplograph.server.protocol import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES, ProtocolError
from diplograph.server.query import answer_query

bp = Blueprint("canned", __name__)
RESERVED = {"format"}  # request parameters that are not query parameters

LIST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>diplograph canned queries</title></head>
<body><h1>Canned queries</h1>
<p>Run one with <code>GET /queries/NAME?param=value</code>; add <code>format=csv</code> (or json, xml, tsv) or
an <code>Accept</code> header. Machine-readable: <a href="{{ openapi }}">OpenAPI</a>,
<a href="{{ listing }}?format=json">JSON</a>.</p>
{% for q in queries %}
<section><h2><a href="{{ q.url }}">{{ q.title }}</a> <small>({{ q.name }})</small></h2>
<p>{{ q.description }}</p>
{% if q.params %}<ul>{% for p in q.params %}
<li><code>{{ p.name }}</code> ({{ p.type }}, {{ "required" if p.required else "optional" }}) {{ p.description }}</li>
{% endfor %}</ul>{% endif %}</section>
{% endfor %}
</body></html>
"""


@cache
def queries() -> dict[str, CannedQuery]:
    return catalog()


@bp.route("/queries", methods=["GET", "HEAD"])
def listing() -> Response:
    items = [{**q.as_json(), "url": url_for("canned.run", name=q.name, _external=True)} for q in queries().values()]
    wants = request.args.get("format") or request.accept_mimetypes.best_match(["application/json", "text/html"])
    if wants in ("html", "text/html"):
        return Response(render_template_string(LIST_PAGE, queries=items, openapi=url_for("canned.openapi"),
                                               listing=url_for("canned.listing")), mimetype="text/html")
    return jsonify(items)


@bp.route("/queries/<name>", methods=["GET", "HEAD"])
def run(name: str) -> Response:
    canned = queries().get(name) if NAME.match(name) else None
    if canned is None:
        raise ProtocolError(404, f"no canned query named {name!r}; see /queries")
    raw = {key: value for key, value in request.args.items() if key not in RESERVED}
    repeated = [key for key in raw if len(request.args.getlist(key)) > 1]
    if repeated:
        raise ProtocolError(400, f"parameter {repeated[0]!r} given more than once")
    try:
        bindings = canned.bindings(raw)
    except QueryError as error:
        raise ProtocolError(400, str(error)) from None
    return answer_query(canned.text, substitutions=bindings)


@bp.route("/openapi.json", methods=["GET", "HEAD"])
def openapi() -> Response:
    return jsonify(describe_api(request.host_url.rstrip("/")))


TYPE_SCHEMAS = {
    "iri": {"type": "string", "format": "iri"},
    "wikidata": {"type": "string", "pattern": r"^(https?://www\.wikidata\.org/(entity|wiki)/)?Q\d+$"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
    "dateTime": {"type": "string", "format": "date-time"},
}


def describe_api(server_url: str) -> dict:
    """An OpenAPI 3.1 description of /sparql, /queries and one operation per canned query."""
    result_content = {t: {"schema": {"type": "string"}} for t in [*RESULT_TYPES, *GRAPH_TYPES]}
    format_param = {"name": "format", "in": "query", "required": False,
                    "description": "Result format, overriding Accept", "schema": {"enum": sorted(FORMAT_NAMES)}}
    errors = {
        "400": {"description": "Malformed query or parameter (message in the body)"},
        "406": {"description": "No acceptable result format"},
        "503": {"description": "All query workers busy"},
        "504": {"description": "The query ran past the time limit and was stopped"},
    }
    paths: dict = {
        "/sparql": {"get": {
            "summary": "SPARQL 1.1 query (a bare GET returns the service description)",
            "parameters": [
                {"name": "query", "in": "query", "required": False, "schema": {"type": "string"}},
                {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                format_param],
            "responses": {"200": {"description": "Query results", "content": result_content}, **errors}}},
        "/queries": {"get": {"summary": "List the canned queries",
                             "responses": {"200": {"description": "The catalog",
                                                   "content": {"application/json": {}, "text/html": {}}}}}},
    }
    for q in queries().values():
        params = [{"name": p.name, "in": "query", "required": p.required, "description": p.description,
                   "schema": TYPE_SCHEMAS.get(p.type, {"type": "string"})} for p in q.params]
        paths[f"/queries/{q.name}"] = {"get": {
            "operationId": q.name.replace("-", "_"), "summary": q.title, "description": q.description,
            "parameters": [*params, format_param],
            "responses": {"200": {"description": "Query results", "content": result_content}, **errors}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "diplograph SPARQL endpoint", "version": _version()},
        "servers": [{"url": server_url}],
        "paths": paths,
    }


def _version() -> str:
    from importlib.metadata import version

    return version("diplograph")
