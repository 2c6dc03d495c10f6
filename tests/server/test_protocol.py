"""Protocol details beyond the W3C suite: negotiation, caching, CORS, HEAD, errors, the service
description, canned queries and their OpenAPI description, the access log."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import rdflib
import requests

EX = "http://example.org/"
SELECT = "SELECT ?x WHERE { VALUES ?x { 1 2 } }"
CONSTRUCT = f"CONSTRUCT {{ <{EX}s> <{EX}p> ?x }} WHERE {{ VALUES ?x {{ 1 2 }} }}"
ARTICLE = "https://w3id.org/diplograph/id/article/protocol-test"


@pytest.fixture(scope="module")
def server(rw_server):
    body = f"""@prefix dg: <https://w3id.org/diplograph/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <{ARTICLE}> a dg:Article ; dg:title "Ministers meet" ; dg:mentions <{EX}leader> .
    <{EX}leader> a dg:Leader ; rdfs:label "Olaf Scholz" ."""
    rw_server.session.put(rw_server.url + "/store", params={"graph": ARTICLE}, data=body.encode(),
                          headers={"Content-Type": "text/turtle", **rw_server.auth()}).raise_for_status()
    return rw_server


def _get(server, query: str, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept is not None else {}
    return requests.get(server.sparql, params={"query": query, **params}, headers=headers)


@pytest.mark.parametrize("accept, media_type", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+xml;q=0.2, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    ("text/*", "text/csv"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
])
def test_select_negotiation(server, accept, media_type):
    response = _get(server, SELECT, accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept, media_type, rdflib_format", [
    (None, "text/turtle", "turtle"),
    ("*/*", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/n-quads", "application/n-quads", "nquads"),
    ("application/trig", "application/trig", "trig"),
    ("application/sparql-results+json, text/turtle;q=0.1", "text/turtle", "turtle"),
])
def test_construct_negotiation(server, accept, media_type, rdflib_format):
    response = _get(server, CONSTRUCT, accept)
    assert response.headers["Content-Type"].startswith(media_type)
    graph = rdflib.Dataset().parse(data=response.text, format=rdflib_format)
    assert {o.toPython() for o in graph.objects()} == {1, 2}


@pytest.mark.parametrize("name, media_type", [
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("xml", "application/sparql-results+xml"),
    ("json", "application/sparql-results+json"), ("application/json", "application/json"),
])
def test_format_parameter_overrides_accept(server, name, media_type):
    response = _get(server, SELECT, "text/turtle", format=name)
    assert response.headers["Content-Type"].startswith(media_type)


def test_format_parameter_names_graph_formats_too(server):
    assert _get(server, CONSTRUCT, format="json").headers["Content-Type"].startswith("application/ld+json")
    assert _get(server, CONSTRUCT, format="xml").headers["Content-Type"].startswith("application/rdf+xml")


def test_not_acceptable(server):
    assert _get(server, SELECT, "image/png").status_code == 406
    assert _get(server, CONSTRUCT, "text/csv").status_code == 406
    assert "available" in _get(server, SELECT, "text/turtle").text


def test_errors_carry_the_parser_message(server):
    response = _get(server, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400 and "1:" in response.text and response.headers["Content-Type"].startswith(
        "text/plain")
    both = requests.post(server.sparql, data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert both.status_code == 400
    assert requests.get(server.sparql, params={"update": "CLEAR ALL"}).status_code == 405
    assert requests.post(server.url + "/update", data={"query": "ASK {}"}).status_code == 400


def test_form_bodies_are_read_whole_and_checked(server):
    """The server reads a form of known length itself (``server.app.Request``): the same answers as
    werkzeug's reader, for a form with a length, one sent chunked, an oversized and a non-UTF-8 one."""
    accept = {"Accept": "text/csv"}
    form = {"query": SELECT, "format": "tsv", "default-graph-uri": ARTICLE}
    for body, chunked in ((form, False), ((chunk for chunk in [urlencode(form).encode()]), True)):
        response = requests.post(server.sparql, data=body, headers={
            **accept, "Content-Type": "application/x-www-form-urlencoded"})
        assert (response.request.headers.get("Transfer-Encoding") == "chunked") is chunked
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("text/tab-separated-values")  # format= from the body
        assert response.text.split() == ["?x", "1", "2"]
    big = requests.post(server.sparql, data={"query": "ASK {} #" + "x" * (1024 * 1024)})  # the limit is 1 MiB
    assert big.status_code == 413
    latin1 = requests.post(server.sparql, data=b"query=ASK%20%7B%7D%20%23caf%E9",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert latin1.status_code == 400 and "UTF-8" in latin1.text


def test_head_and_conditional_requests(server):
    full = _get(server, SELECT)
    head = requests.head(server.sparql, params={"query": SELECT})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["ETag"] == full.headers["ETag"] and head.headers["Content-Type"] == full.headers["Content-Type"]
    again = requests.get(server.sparql, params={"query": SELECT}, headers={"If-None-Match": full.headers["ETag"]})
    assert again.status_code == 304
    since = requests.get(server.sparql, params={"query": SELECT},
                         headers={"If-Modified-Since": full.headers["Last-Modified"]})
    assert since.status_code == 304
    server.update(f"INSERT DATA {{ GRAPH <{EX}etag> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    after = requests.get(server.sparql, params={"query": SELECT}, headers={"If-None-Match": full.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != full.headers["ETag"]


def test_cors(server):
    assert _get(server, SELECT).headers["Access-Control-Allow-Origin"] == "*"
    preflight = requests.options(server.sparql, headers={
        "Origin": "https://example.net", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


def test_service_description(server):
    turtle = requests.get(server.sparql)
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef(server.sparql)) in graph
    assert (None, sd.supportedLanguage, sd.SPARQL11Update) in graph  # a token is configured
    xml = requests.get(server.sparql, headers={"Accept": "application/rdf+xml"})
    assert len(rdflib.Graph().parse(data=xml.text, format="xml")) == len(graph)
    browser = requests.get(server.sparql, headers={"Accept": "text/html,*/*;q=0.8"}, allow_redirects=False)
    assert browser.status_code == 303 and browser.headers["Location"].endswith("/")


def test_union_default_graph_and_from(server):
    server.update(f"INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}s> <{EX}in> 1 }} GRAPH <{EX}g2> {{ <{EX}s> <{EX}in> 2 }} }}")
    union = server.select(f"SELECT ?o {{ <{EX}s> <{EX}in> ?o }}")
    assert sorted(int(r["o"]["value"]) for r in union) == [1, 2]
    only_g1 = server.select(f"SELECT ?o FROM <{EX}g1> {{ <{EX}s> <{EX}in> ?o }}")
    assert [r["o"]["value"] for r in only_g1] == ["1"]
    protocol = requests.get(server.sparql, params={"query": f"SELECT ?o {{ <{EX}s> <{EX}in> ?o }}",
                                                   "default-graph-uri": EX + "g2"},
                            headers={"Accept": "application/sparql-results+json"}).json()
    assert [r["o"]["value"] for r in protocol["results"]["bindings"]] == ["2"]


def test_canned_query_catalog(server):
    listing = requests.get(server.url + "/queries").json()
    names = {q["name"] for q in listing}
    assert {"articles", "entities", "summits", "sanctions", "claims"} <= names
    entities = next(q for q in listing if q["name"] == "entities")
    assert entities["params"][0]["name"] == "article" and entities["url"].endswith("/queries/entities")
    html = requests.get(server.url + "/queries", headers={"Accept": "text/html"})
    assert html.headers["Content-Type"].startswith("text/html") and "Entities mentioned" in html.text


def test_canned_query_runs_with_typed_parameters(server):
    rows = requests.get(server.url + "/queries/entities", params={"article": ARTICLE}).json()
    assert [b["label"]["value"] for b in rows["results"]["bindings"]] == ["Olaf Scholz"]
    csv = requests.get(server.url + "/queries/entities", params={"article": ARTICLE, "format": "csv"})
    assert csv.headers["Content-Type"].startswith("text/csv") and "Olaf Scholz" in csv.text
    other = requests.get(server.url + "/queries/entities", params={"article": EX + "nothing"}).json()
    assert other["results"]["bindings"] == []


@pytest.mark.parametrize("path, params, status, words", [
    ("/queries/entities", {"article": "not an iri"}, 400, "'article'"),
    ("/queries/entities", {"nope": "1"}, 400, "'nope'"),
    ("/queries/no-such-query", {}, 404, "no canned query"),
    ("/queries/..%2F..%2Fdiplograph%2Fstore", {}, 404, ""),
    ("/queries/%2E%2E", {}, 404, ""),
])
def test_canned_query_errors(server, path, params, status, words):
    response = requests.get(server.url + path, params=params)
    assert response.status_code == status
    assert words in response.text


def test_openapi(server):
    spec = requests.get(server.url + "/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/sparql" in spec["paths"] and "/queries/entities" in spec["paths"]
    params = spec["paths"]["/queries/entities"]["get"]["parameters"]
    assert params[0] == {"name": "article", "in": "query", "required": False,
                         "description": "Only entities mentioned in this article",
                         "schema": {"type": "string", "format": "iri"}}


def test_results_are_oxigraphs_own_serialisation(server):
    """Bytes identical to what pyoxigraph writes for the same query: nothing rebuilt in Python."""
    expected = ox.Store().query(SELECT).serialize(format=ox.QueryResultsFormat.XML)
    assert _get(server, SELECT, "application/sparql-results+xml").content == expected


def test_access_log_has_one_json_line_per_request(server):
    _get(server, SELECT)
    record = server.access_log()[-1]
    assert record["method"] == "GET" and record["path"] == "/sparql" and record["status"] == 200
    assert record["rows"] == 2 and isinstance(record["ms"], float)
    assert json.dumps(record)
