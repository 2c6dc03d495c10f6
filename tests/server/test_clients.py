"""Real SPARQL clients against the live server: SPARQLWrapper, rdflib's SPARQLStore and Jena's
rsparql, each with SELECT, ASK and CONSTRUCT on data shaped like diplograph's."""

from __future__ import annotations

import json

import pytest
import rdflib
from jena import rsparql
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

BASE = "https://w3id.org/diplograph/id/"
ARTICLE = BASE + "article/geneva-talks"
DATA = f"""
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<{ARTICLE}> a dg:Article ; dg:title "Leaders agree to resume arms talks in Geneva" ;
    dg:mentions <{BASE}leader/joe-biden>, <{BASE}leader/vladimir-putin>, <{BASE}summit/geneva-2021> .
<{BASE}leader/joe-biden> a dg:Leader ; rdfs:label "Joe Biden" ; owl:sameAs <http://www.wikidata.org/entity/Q6279> .
<{BASE}leader/vladimir-putin> a dg:Leader ; rdfs:label "Vladimir Putin" ;
    owl:sameAs <http://www.wikidata.org/entity/Q7747> .
<{BASE}summit/geneva-2021> a dg:Summit ; rdfs:label "Geneva summit" ;
    dg:participant <{BASE}leader/joe-biden>, <{BASE}leader/vladimir-putin> .
"""
SELECT = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?summit a dg:Summit ; dg:participant ?leader . ?leader rdfs:label ?label } ORDER BY ?label"""
ASK = "PREFIX dg: <https://w3id.org/diplograph/ontology#> ASK { ?s a dg:Summit }"
ASK_NO = "PREFIX dg: <https://w3id.org/diplograph/ontology#> ASK { ?s a dg:Sanction }"
CONSTRUCT = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
CONSTRUCT { ?summit dg:participant ?leader } WHERE { ?summit dg:participant ?leader }"""
LEADERS = ["Joe Biden", "Vladimir Putin"]
PARTICIPANT = rdflib.URIRef("https://w3id.org/diplograph/ontology#participant")


@pytest.fixture(scope="module")
def server(rw_server):
    response = rw_server.session.put(rw_server.url + "/store", params={"graph": ARTICLE}, data=DATA.encode(),
                                     headers={"Content-Type": "text/turtle", **rw_server.auth()})
    assert response.status_code in (201, 204), response.text
    return rw_server


def _expected_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(data=DATA, format="turtle").query(CONSTRUCT).graph


def test_sparqlwrapper(server):
    client = SPARQLWrapper(server.sparql)
    client.setReturnFormat(JSON)
    client.setQuery(SELECT)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == LEADERS
    client.setMethod(POST)
    client.setQuery(ASK)
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery(ASK_NO)
    assert client.queryAndConvert()["boolean"] is False
    client = SPARQLWrapper(server.sparql)  # CONSTRUCT: SPARQLWrapper asks for RDF/XML and parses it
    client.setQuery(CONSTRUCT)
    graph = client.queryAndConvert()
    assert isomorphic(graph, _expected_graph())


def test_rdflib_sparqlstore(server):
    graph = rdflib.Graph(store=SPARQLStore(query_endpoint=server.sparql))
    assert [str(row.label) for row in graph.query(SELECT)] == LEADERS
    assert graph.query(ASK).askAnswer is True
    assert graph.query(ASK_NO).askAnswer is False
    constructed = graph.query(CONSTRUCT).graph
    assert len(constructed) == 2 and set(constructed.predicates()) == {PARTICIPANT}


def test_jena_rsparql(server, tmp_path):
    rows = json.loads(rsparql(tmp_path, server.sparql, SELECT, "json"))["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == LEADERS
    assert json.loads(rsparql(tmp_path, server.sparql, ASK, "json"))["boolean"] is True
    assert json.loads(rsparql(tmp_path, server.sparql, ASK_NO, "json"))["boolean"] is False
    turtle = rsparql(tmp_path, server.sparql, CONSTRUCT, "ttl")
    assert isomorphic(rdflib.Graph().parse(data=turtle, format="turtle"), _expected_graph())
