"""The SPARQL 1.1 Service Description served by a bare GET on /sparql."""

from __future__ import annotations

import pyoxigraph as ox

from diplograph.server.settings import ServerSettings

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# W3C format IRIs (https://www.w3.org/ns/formats/) of what the endpoint can answer in.
FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/n-quads": "N-Quads",
    "application/trig": "TriG",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


def describe(settings: ServerSettings, endpoint_url: str, fmt: ox.RdfFormat) -> bytes:
    service = ox.BlankNode()
    dataset = ox.BlankNode()
    default_graph = ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint_url)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    if settings.writable:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if settings.federation:
        triples.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    for name in FORMAT_IRIS.values():
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode("http://www.w3.org/ns/formats/" + name)))
    return ox.serialize(triples, format=fmt, prefixes={"sd": SD, "formats": "http://www.w3.org/ns/formats/"})
