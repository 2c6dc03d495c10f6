"""Linked Data: minted IRIs and ontology terms dereference; every RDF format parses with rdflib."""

from __future__ import annotations

import pytest
import requests
from rdflib import OWL, RDF, Graph, URIRef
from websupport import ARTICLES, LiveServer, ingest

BASE = "https://w3id.org/diplograph/"
DG = "https://w3id.org/diplograph/ontology#"
FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def one_of(site, kind: str) -> str:
    rows = site.select(f"SELECT ?x WHERE {{ ?x a <{DG}{kind}> FILTER(STRSTARTS(STR(?x), '{BASE}id/')) }} LIMIT 1")
    assert rows, f"the samples have a {kind}"
    return rows[0]["x"]["value"]


@pytest.mark.parametrize("kind", ["Leader", "State", "Summit", "Sanction", "Claim", "Article"])
def test_every_kind_negotiates_every_format(site, kind):
    iri = one_of(site, kind)
    url = site.url + "/" + iri.removeprefix(BASE)
    for media_type, rdflib_format in FORMATS.items():
        response = requests.get(url, headers={"Accept": media_type}, timeout=30)
        assert response.status_code == 200, (url, media_type, response.text[:300])
        assert response.headers["Content-Type"].startswith(media_type)
        assert "Accept" in response.headers["Vary"]
        graph = Graph().parse(data=response.content, format=rdflib_format, publicID=url)
        assert (URIRef(iri), RDF.type, URIRef(DG + kind)) in graph, (kind, media_type)
    html = requests.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, timeout=30)
    assert html.headers["Content-Type"].startswith("text/html") and "<h1" in html.text


def test_rdflib_dereferences_with_its_own_accept_header(site):
    iri = BASE + "id/leader/kim-jong-un"
    graph = Graph().parse(site.url + "/" + iri.removeprefix(BASE))
    assert (URIRef(iri), OWL.sameAs, None) in graph
    assert (URIRef(iri), URIRef(DG + "leaderOf"), None) in graph


def test_format_parameter_and_refusals(site):
    iri = one_of(site, "Summit")
    url = site.url + "/" + iri.removeprefix(BASE)
    assert requests.get(url + "?format=ttl", timeout=30).headers["Content-Type"].startswith("text/turtle")
    assert requests.get(url, headers={"Accept": "image/png"}, timeout=30).status_code == 406
    assert requests.get(site.url + "/id/leader/nobody-of-that-name", timeout=30).status_code == 404


def test_text_span_resolves_within_its_article(site):
    rows = site.select(f"SELECT ?span ?a WHERE {{ ?span a <{DG}TextSpan> ; <{DG}sourceArticle> ?a }} LIMIT 1")
    span, article = rows[0]["span"]["value"], rows[0]["a"]["value"]
    graph = Graph().parse(site.url + "/" + article.removeprefix(BASE), format="turtle")
    assert (URIRef(span), URIRef(DG + "beginIndex"), None) in graph


def test_ontology_terms_dereference(site):
    turtle = requests.get(site.url + "/ontology", headers={"Accept": "text/turtle"}, timeout=30)
    assert turtle.headers["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=turtle.content, format="turtle")
    assert (URIRef(DG + "Leader"), RDF.type, OWL.Class) in graph
    rdfxml = requests.get(site.url + "/ontology", headers={"Accept": "application/rdf+xml"}, timeout=30)
    assert (URIRef(DG + "claimant"), RDF.type, OWL.ObjectProperty) in Graph().parse(data=rdfxml.content, format="xml")
    assert rdfxml.headers["Content-Type"] == "application/rdf+xml; charset=utf-8"
    html = requests.get(site.url + "/ontology", headers={"Accept": "text/html"}, timeout=30)
    assert html.headers["Content-Type"] == "text/html; charset=utf-8"
    html = html.text
    assert 'id="Leader"' in html and 'id="claimant"' in html
    # The type links on entity pages point at these anchors.
    page = requests.get(site.url + "/id/leader/kim-jong-un", headers={"Accept": "text/html"}, timeout=30).text
    assert 'href="/ontology#Leader"' in page


def test_configurable_base(tmp_path, monkeypatch):
    """IRIs minted under another base resolve when the server runs with that base."""
    base = "https://example.org/kg/"
    store = tmp_path / "store"
    ingest(store, ARTICLES, base=base)
    monkeypatch.setenv("DIPLOGRAPH_BASE", base)
    server = LiveServer(store)
    try:
        iri = base + "id/leader/kim-jong-un"
        response = requests.get(server.url + "/id/leader/kim-jong-un", headers={"Accept": "text/turtle"}, timeout=30)
        assert response.status_code == 200
        assert (URIRef(iri), RDF.type, URIRef(DG + "Leader")) in Graph().parse(data=response.content, format="turtle")
    finally:
        server.stop()


def test_named_graphs_dereference(site):
    url = site.url + "/graph/reference"
    turtle = requests.get(url, headers={"Accept": "text/turtle"}, timeout=60)
    assert turtle.status_code == 200 and "Diplograph-Truncated" not in turtle.headers, "a graph is never cut"
    graph = Graph().parse(data=turtle.content, format="turtle")
    assert (URIRef(BASE + "id/leader/kim-jong-un"), RDF.type, URIRef(DG + "Leader")) in graph
    html = requests.get(url, headers={"Accept": "text/html"}, timeout=30)
    assert html.status_code == 200 and "dg:Leader" in html.text
    assert requests.get(site.url + "/graph/no-such-graph", timeout=30).status_code == 404
