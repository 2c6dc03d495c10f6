"""Extraction: one article's spaCy ``Doc`` to ``Facts`` (entities, summits, sanctions, claims).

The pipeline runs ``nlp.pipe`` and calls ``extract`` per document. Entities come first (the other
rules read who is mentioned where from the ``EntityIndex``), then summits, sanctions and claims.
Each rule lives in its own module; see their docstrings for what they find and what they leave out.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from diplograph.ingest.article import Article
from diplograph.ingest.claims import extract_claims
from diplograph.ingest.dates import as_utc
from diplograph.ingest.entities import link_entities
from diplograph.ingest.facts import Facts
from diplograph.ingest.gazetteer import Gazetteer
from diplograph.ingest.sanctions import extract_sanctions
from diplograph.ingest.spans import text_of
from diplograph.ingest.summits import extract_summits

EXTRACTOR_VERSION = "diplograph-rules/0.1"


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


def extract(article: Article, doc: Doc, gazetteer: Gazetteer | None = None) -> Facts:
    """Everything the article says about leaders, states, summits, sanctions and claims.

    Offsets in the returned spans are Python string indices into ``article.text`` (``doc`` must be
    ``nlp(article.text)``).
    """
    if text_of(doc) != article.text:
        raise ValueError(f"{article.source}: the Doc was not made from this article's text")
    gaz = gazetteer or default_gazetteer()
    published = as_utc(article.published) if article.published else None
    index = link_entities(doc, gaz, published, article.title)
    summits = extract_summits(doc, index, published)
    sanctions = extract_sanctions(doc, index, published)
    claims = extract_claims(doc, index)
    index.finish()
    return Facts(entities=index.entities, summits=summits, sanctions=sanctions, claims=claims)
