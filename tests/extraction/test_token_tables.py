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

from diplograph.ingest import claim_misparsed, claims, lexicon, sanction_triggers, summit_mentions
from diplograph.ingest.entities import link_entities
from diplograph.ingest.extract import default_gazetteer
from diplograph.ingest.spans import date_anchor, ents_in, ents_of, indices, lemma_in, words_of

ALL_SAMPLES = sorted((Path(__file__).resolve().parents[2] / "ingest" / "samples").glob("*.json"))
SAMPLES = ALL_SAMPLES[:4]


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


def test_each_rules_candidates_include_every_token_the_rule_takes(nlp: spacy.language.Language) -> None:
    """The prefilters repeat what each rule's first test accepts: a trigger word added to a rule but
    not to its candidates would be skipped without a sound, so every token of every sample is tried."""
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in ALL_SAMPLES]
    seen = {"summit": 0, "sanction": 0, "claim": 0}
    for doc in nlp.pipe(texts):
        index = link_entities(doc, default_gazetteer(), None)
        anchor, inferred = date_anchor(doc, None)
        taken = {t.i for t in doc if summit_mentions.mention(t, index, anchor, inferred, None) is not None}
        assert taken <= set(summit_mentions.candidates(doc))
        seen["summit"] += len(taken)
        taken = {t.i for t in doc if sanction_triggers.trigger(t, index)}
        assert taken <= set(indices(words_of(doc).lemma, sanction_triggers.TRIGGER_LEMMAS))
        seen["sanction"] += len(taken)
        taken = {t.i for t in doc if claim_misparsed.misparsed_cue(t)
                 or (t.pos_ == "VERB" and lemma_in(t, lexicon.SAY_VERBS))
                 or (t.pos_ == "NOUN" and t.lemma_.lower() in lexicon.CLAIM_NOUNS) or t.lower_ == "according"}
        assert taken <= set(claims._candidates(doc))
        seen["claim"] += len(taken)
    assert min(seen.values()) > 0, f"the samples must exercise every rule: {seen}"
