"""The SPARQL behind the entity pages, run through the server's time-limited query workers.

Every page query goes to Oxigraph via ``Endpoint.query`` (so the time limit and row cap apply) with
the entity bound as a substitution, never spliced into the text. Rows come back as plain dicts of
``Term`` so templates need no RDF library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox
from flask import g, request

from diplograph.server.endpoint import endpoint
from diplograph.server.executor import QueryFailed
from diplograph.server.protocol import ProtocolError

PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass(frozen=True)
class Term:
    kind: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"

    def __str__(self) -> str:
        return self.value


Row = dict[str, Term]


def select(body: str, **bindings: ox.NamedNode | ox.Literal) -> list[Row]:
    """Run a SELECT (``body`` without prefixes) in a worker; a failure becomes an HTTP error."""
    try:
        answer = endpoint().query(PREFIXES + body, result_format=ox.QueryResultsFormat.JSON, substitutions=bindings,
                                  started=request.environ.get("diplograph.started"))
        data = json.loads(b"".join(answer.body))
    except QueryFailed as failure:
        raise ProtocolError(failure.status, failure.message) from None
    if answer.truncated:  # the page says so (base.html), never a silent cut
        g.truncated_at = answer.max_rows
    return [{name: _term(value) for name, value in row.items()} for row in data["results"]["bindings"]]


def graph(body: str, media_type: str, **bindings: ox.NamedNode):
    """Run a CONSTRUCT in a worker; the answer streams in ``media_type``."""
    try:
        return endpoint().query(PREFIXES + body, graph_format=ox.RdfFormat.from_media_type(media_type),
                                substitutions=bindings, started=request.environ.get("diplograph.started"))
    except QueryFailed as failure:
        raise ProtocolError(failure.status, failure.message) from None


def _term(value: dict) -> Term:
    kind = {"typed-literal": "literal"}.get(value["type"], value["type"])
    return Term(kind, value["value"], value.get("datatype"), value.get("xml:lang"))


# Queries read the default graph, which holds each distinct triple once however many article
# graphs repeat it, so a shared node's description joins once per value, like any other triple.

# What a resource is: every outgoing statement, the object's label when it has one.
FACTS = """SELECT ?s ?p ?o (SAMPLE(?label) AS ?oLabel) WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o rdfs:label|dg:title|dg:claimText ?label }
} GROUP BY ?s ?p ?o ORDER BY ?p ?o LIMIT 500"""

# What points at a resource (text spans and article mentions are shown elsewhere).
INCOMING = """SELECT ?s ?x ?p (SAMPLE(?label) AS ?xLabel) (SAMPLE(?type) AS ?xType) WHERE {
  ?x ?p ?s .
  FILTER(?p NOT IN (dg:denotes, dg:mentions, dg:sourceArticle))
  OPTIONAL { ?x rdfs:label|dg:title|dg:claimText ?label }
  OPTIONAL { ?x rdf:type ?type }
} GROUP BY ?s ?x ?p ORDER BY ?p ?x LIMIT 300"""

# The neighbourhood drawn as a graph: resources linked either way, with a label and a type.
NEIGHBOURS = """SELECT ?s ?p ?n ?out (SAMPLE(?label) AS ?nLabel) (SAMPLE(?type) AS ?nType) WHERE {
  { ?s ?p ?n . BIND(true AS ?out) } UNION { ?n ?p ?s . BIND(false AS ?out) }
  FILTER(isIRI(?n) && ?p NOT IN (rdf:type, owl:sameAs, dg:evidence, dg:denotes, dg:datePrecision, dg:modality,
                                 dg:eventStatus, dg:sanctionStatus, dg:role))
  FILTER NOT EXISTS { ?n a dg:TextSpan }
  OPTIONAL { ?n rdfs:label|dg:title|dg:claimText ?label }
  OPTIONAL { ?n rdf:type ?type }
} GROUP BY ?s ?p ?n ?out LIMIT 80"""

# The sentences that attest a fact, with their article.
EVIDENCE = """SELECT DISTINCT ?s ?span ?sentence ?begin ?end ?article ?title ?published WHERE {
  ?s dg:evidence ?span .
  ?span dg:sourceArticle ?article .
  OPTIONAL { ?span dg:anchorText ?sentence }
  OPTIONAL { ?span dg:beginIndex ?begin }  # one pattern per OPTIONAL: two made Oxigraph hash-join every span
  OPTIONAL { ?span dg:endIndex ?end }
  OPTIONAL { ?article dg:title ?title }
  OPTIONAL { ?article dg:published ?published }
} ORDER BY ?published ?article ?begin LIMIT 200"""

# Summits ?s took part in; for a state, also those its leaders attended.
SUMMITS = """SELECT ?s ?event (SAMPLE(?l) AS ?label) (MIN(?start) AS ?startDate) (MIN(?finish) AS ?endDate)
       (SAMPLE(?placeLabel) AS ?place) (SAMPLE(?st) AS ?status) WHERE {
  { ?event dg:participant ?s } UNION { ?event dg:participant ?leader . ?leader dg:leaderOf ?s }
  ?event a dg:Summit .
  OPTIONAL { ?event rdfs:label ?l }
  OPTIONAL { ?event dg:startDate ?start }
  OPTIONAL { ?event dg:endDate ?finish }
  OPTIONAL { ?event dg:location/rdfs:label ?placeLabel }
  OPTIONAL { ?event dg:eventStatus ?st }
} GROUP BY ?s ?event ORDER BY ?startDate ?event"""

# Sanctions imposed or suffered by ?s, by its state (for a leader) or by the state's government.
# (A bare BIND(?s AS ?party) leaves ?party unbound when ?s is a substitution, so ?s is matched first.)
SANCTIONS = """SELECT ?s ?event (SAMPLE(?l) AS ?label) ?role (SAMPLE(?st) AS ?status) (MIN(?start) AS ?startDate)
       (GROUP_CONCAT(DISTINCT ?otherLabel; separator=", ") AS ?others) WHERE {
  { ?s a ?sType BIND(?s AS ?party) } UNION { ?s dg:leaderOf ?party } UNION { ?party dg:governmentOf ?s }
  UNION { ?s dg:leaderOf ?state . ?party dg:governmentOf ?state }
  { ?event dg:imposedBy ?party . BIND("imposed" AS ?role)
    OPTIONAL { ?event dg:targets/rdfs:label ?otherLabel } }
  UNION
  { ?event dg:targets ?party . BIND("suffered" AS ?role)
    OPTIONAL { ?event dg:imposedBy/rdfs:label ?otherLabel } }
  ?event a dg:Sanction .
  OPTIONAL { ?event rdfs:label ?l }
  OPTIONAL { ?event dg:sanctionStatus ?st }
  OPTIONAL { ?event dg:startDate ?start }
} GROUP BY ?s ?event ?role ORDER BY ?startDate ?event"""

# Claims made by ?s (role "by") or about it (role "about"), each with its sentence and article.
CLAIMS = """SELECT DISTINCT ?s ?claim ?role ?text ?modality ?cue ?claimant ?claimantLabel ?sentence ?article ?title
       ?published WHERE {
  { ?claim dg:claimant ?s . BIND("by" AS ?role) } UNION { ?claim dg:about ?s . BIND("about" AS ?role) }
  ?claim a dg:Claim ; dg:claimText ?text ; dg:sourceArticle ?article .
  OPTIONAL { ?claim dg:modality ?modality }
  OPTIONAL { ?claim dg:cue ?cue }
  OPTIONAL { ?claim dg:claimant ?claimant OPTIONAL { ?claimant rdfs:label ?claimantLabel } }
  OPTIONAL { ?claim dg:evidence/dg:anchorText ?sentence }
  OPTIONAL { ?article dg:title ?title }
  OPTIONAL { ?article dg:published ?published }
} ORDER BY ?role ?published ?claim LIMIT 500"""

# An article's own text and metadata.
ARTICLE = """SELECT ?s ?title ?text ?published ?publisher ?author ?url ?source WHERE {
  ?s a dg:Article .
  OPTIONAL { ?s dg:title ?title }
  OPTIONAL { ?s dg:text ?text }
  OPTIONAL { ?s dg:published ?published }
  OPTIONAL { ?s dg:publisher ?publisher }
  OPTIONAL { ?s dg:author ?author }
  OPTIONAL { ?s dg:url ?url }
  OPTIONAL { ?s dg:sourceLocation ?source }
} LIMIT 1"""

# Every span in an article that marks an entity mention or a claim's sentence.
# The spans and claims are read from the article's own graph: matched across the whole store, the
# UNION's claim branch started from every claim (1,000x slower at 10k articles).
ARTICLE_MARKS = """SELECT DISTINCT ?s ?begin ?end ?target ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  GRAPH ?s {
    ?span dg:sourceArticle ?s ; dg:beginIndex ?begin ; dg:endIndex ?end .
    { ?span dg:denotes ?target . BIND("mention" AS ?kind) }
    UNION
    { ?target a dg:Claim ; dg:evidence ?span . BIND("claim" AS ?kind) }
  }
  OPTIONAL { ?target rdfs:label|dg:claimText ?l }
  OPTIONAL { ?target rdf:type ?t }
} GROUP BY ?s ?begin ?end ?target ?kind ORDER BY ?begin"""

# A claim with its sentence offsets and article text (for the sentence in context).
CLAIM = """SELECT ?s ?text ?begin ?end ?article ?articleText ?title ?modality ?cue ?claimant ?claimantLabel WHERE {
  ?s a dg:Claim ; dg:claimText ?text ; dg:sourceArticle ?article .
  OPTIONAL { ?s dg:evidence ?span OPTIONAL { ?span dg:beginIndex ?begin } OPTIONAL { ?span dg:endIndex ?end } }
  OPTIONAL { ?article dg:text ?articleText }
  OPTIONAL { ?article dg:title ?title }
  OPTIONAL { ?s dg:modality ?modality }
  OPTIONAL { ?s dg:cue ?cue }
  OPTIONAL { ?s dg:claimant ?claimant OPTIONAL { ?claimant rdfs:label ?claimantLabel } }
} LIMIT 1"""

# What a named graph holds: subjects per type (a graph with no typed subjects still gets one row).
GRAPH_SUMMARY = """SELECT ?g ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH ?g { ?x ?p ?o OPTIONAL { ?x rdf:type ?type } }
} GROUP BY ?g ?type ORDER BY DESC(?n) LIMIT 50"""

# Does the store say anything about ?s at all (as subject or object)?
KNOWN = """SELECT ?s WHERE { { ?s ?p ?o } UNION { ?x ?q ?s } } LIMIT 1"""

# The RDF description served for an IRI: what it says, what points at it, the labels of both, and for
# an article the claims and spans it holds (so a span's hash IRI resolves within its article's document).
DESCRIPTION = """CONSTRUCT {
  ?s ?p ?o . ?x ?q ?s . ?o rdfs:label ?ol . ?x rdfs:label ?xl . ?part ?pp ?po .
} WHERE {
  { ?s ?p ?o OPTIONAL { ?o rdfs:label ?ol } }
  UNION { ?x ?q ?s FILTER(?q != dg:sourceArticle) OPTIONAL { ?x rdfs:label ?xl } }
  UNION { ?s a dg:Article . ?part dg:sourceArticle ?s ; ?pp ?po }
}"""
