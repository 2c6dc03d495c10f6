"""The per-Doc tables the rules read instead of spaCy's objects give what spaCy gives.

``spans.words_of`` and ``spans.ents_of``/``ents_in`` exist for speed only: a rule must see the same
strings and entities through them as through the Tokens and Spans, on real parsed articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from diplograph.config import Settings
from diplograph.ingest.pipeline import load_model
from diplograph.ingest.spans import ents_in, ents_of, indices, words_of

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "ingest" / "samples").glob("*.json"))[:4]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load_model(Settings().spacy_model)


@pytest.fixture(scope="module")
def docs(nlp: spacy.language.Language) -> list[Doc]:
    assert SAMPLES, "no sample articles in ingest/samples"
    return list(nlp.pipe(json.loads(p.read_text(encoding="utf-8"))["text"] for p in SAMPLES))


def test_word_columns_are_the_tokens_strings(docs: list[Doc]) -> None:
    for doc in docs:
        words = words_of(doc)
        assert words.text == tuple(t.text for t in doc)
        assert words.lower == tuple(t.lower_ for t in doc)
        assert words.lemma == tuple(t.lemma_.lower() for t in doc)
        assert words.pos == tuple(t.pos_ for t in doc)
        assert words_of(doc) is words  # read once per Doc


def test_indices_pick_the_tokens_with_a_wanted_value(docs: list[Doc]) -> None:
    doc = docs[0]
    assert indices(words_of(doc).pos, ("PROPN", "PRON")) == [t.i for t in doc if t.pos_ in ("PROPN", "PRON")]


def test_entities_in_any_span_are_spacys(docs: list[Doc]) -> None:
    for doc in docs:
        assert ents_of(doc) == doc.ents
        for sent in doc.sents:
            assert ents_in(sent) == list(sent.ents)
        # windows that cut entities, where Span.ents stops at the first entity running past the end
        for ent in doc.ents:
            for start, end in ((0, ent.end - 1), (ent.start, ent.end), (max(0, ent.start - 3), ent.end + 2)):
                window = doc[start:min(end, len(doc))]
                assert ents_in(window) == list(window.ents)
