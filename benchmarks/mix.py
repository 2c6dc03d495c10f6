"""The query mix: 12 typical questions an analyst asks the graph, the same text for every server.

Six are canned queries (``queries/*.rq``, read at run time, with their parameters bound by VALUES
rows as the server binds them: ``sparqltext.with_values_first``); the rest are lookups, joins,
text filters and whole-store aggregates written here. Parameters are the corpus's most
mentioned leader and state and one article, so every query returns rows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from diplograph.config import Settings
from diplograph.ingest import iris
from diplograph.ontology import DG
from diplograph.queries.catalog import catalog
from diplograph.sparqltext import with_values_first

sys.path.insert(0, str(Path(__file__).parent))
from corpus import Corpus

PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
TRIVIAL = "ASK {}"


def queries(articles: int) -> dict[str, str]:
    """Name -> SPARQL text for a corpus of ``articles`` articles (parameters come from its pools)."""
    base = Settings().base
    corpus = Corpus(articles)
    leader, state = corpus.leaders.items[0], corpus.states.items[0]
    leader_iri = iris.entity(base, leader.kind, leader.label)
    state_iri = iris.entity(base, state.kind, state.label)
    article_iri = iris.article(base, _article_key(articles // 2, articles))
    canned = catalog()
    return {
        # lookups
        "label-lookup": PREFIXES + f'SELECT ?entity ?type WHERE {{ ?entity rdfs:label "{leader.label}" ; a ?type }}',
        "article-card": PREFIXES + f"SELECT ?p ?o WHERE {{ <{article_iri}> ?p ?o FILTER(?p != dg:text) }}",
        # joins
        "leader-articles": PREFIXES + f"""SELECT ?article ?title ?published WHERE {{
  ?article dg:mentions <{leader_iri}> ; dg:title ?title ; dg:published ?published .
}} ORDER BY DESC(?published) LIMIT 50""",
        "co-mentioned": _bind(canned["co-mentioned"].text, entity=state_iri, type=f"{DG}State"),
        # canned, OPTIONAL-heavy profiles
        "claims-by-leader": _bind(canned["claims"].text, claimant=leader_iri),
        "summits-of-leader": _bind(canned["summits"].text, participant=leader_iri),
        "sanctions-on-state": _bind(canned["sanctions"].text, target=state_iri),
        "entities-of-article": _bind(canned["entities"].text, article=article_iri),
        # text filters
        "claims-text": PREFIXES + """SELECT ?claim ?who ?text WHERE {
  ?claim a dg:Claim ; dg:claimText ?text ; dg:claimant ?c . ?c rdfs:label ?who .
  FILTER(CONTAINS(LCASE(?text), "nuclear programme"))
} LIMIT 100""",
        "titles-regex": PREFIXES + """SELECT ?article ?title WHERE {
  ?article a dg:Article ; dg:title ?title . FILTER(REGEX(?title, "sanctions on", "i"))
} LIMIT 100""",
        # whole-store aggregates
        "claims-per-claimant": PREFIXES + """SELECT ?claimant (COUNT(?claim) AS ?claims) WHERE {
  ?claim a dg:Claim ; dg:claimant ?claimant .
} GROUP BY ?claimant ORDER BY DESC(?claims) LIMIT 20""",
        "mentions-per-entity": PREFIXES + """SELECT ?entity (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?article dg:mentions ?entity .
} GROUP BY ?entity ORDER BY DESC(?articles) LIMIT 20""",
    }


AGGREGATES = ("co-mentioned", "claims-per-claimant", "mentions-per-entity")


def _bind(text: str, **iris: str) -> str:
    """The canned query with its parameters bound by VALUES rows, as the server binds them."""
    bound = with_values_first(text, {name: f"<{iri}>" for name, iri in iris.items()})
    if bound == text:
        raise ValueError(f"canned query for {', '.join(iris)} has no WHERE group to bind them in")
    return bound


def _article_key(number: int, articles: int) -> str:
    """The key of the ``number``-th article of the generated corpus (read from its JSONL file)."""
    from generate import paths

    from diplograph.ingest.article import Article

    with paths(articles)[1].open(encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            if index == number:
                return Article(text="", source="", url=json.loads(line)["url"]).key
    raise ValueError(f"the corpus of {articles} articles has no article {number}")
