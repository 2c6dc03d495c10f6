"""Fixtures the extraction tests share: the real spaCy pipeline, loaded once, and ``run`` (text -> Facts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract
from diplograph.ingest.facts import Facts
from diplograph.ingest.pipeline import load_model


@pytest.fixture(scope="session")
def nlp() -> spacy.language.Language:
    return load_model(Settings().spacy_model)


@pytest.fixture
def run(nlp: spacy.language.Language):
    def extract_text(text: str, published: datetime | None = datetime(2019, 3, 1, tzinfo=UTC)) -> Facts:
        article = Article(text=text, source="test.txt", published=published)
        return extract(article, nlp(text))
    return extract_text
