"""Extraction never fails on a text that stops mid-sentence.

Scraped pages and feed summaries are often cut off ("... sanctions on more than 300 Russian
individuals and"), and a rule that looks one token past a word may run off the end of the text or
reach a parse it never sees in whole sentences. One exception fails the whole article, so every
sample article's sentences are cut right after each word such rules look past, and each cut text
is extracted.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import spacy

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "ingest" / "samples").glob("*.json"))
# Words after which the rules read on: titles, "of"/"the" before a state, cues, quotes, prepositions.
CUT_AFTER = frozenset({"of", "the", "and", "said", "president", "prime", "minister", "on", "in", "at", "with",
                       "to", "by", "against", "from", "who", "where", "that", "'s", ",", '"', "\u201c"})


def cut_texts(nlp: spacy.language.Language) -> list[str]:
    cuts = []
    for path in SAMPLES:
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        for sentence in nlp(text).sents:
            cuts += [text[sentence.start_char:token.idx + len(token)] for token in sentence[:-1]
                     if token.lower_ in CUT_AFTER]
    return cuts


def test_extraction_survives_texts_cut_mid_sentence(nlp: spacy.language.Language) -> None:
    assert SAMPLES, "no sample articles in ingest/samples"
    cuts = cut_texts(nlp)
    assert len(cuts) > 1000, f"only {len(cuts)} cut texts: the samples lost their sentences"
    failures = {}
    for text, doc in zip(cuts, nlp.pipe(cuts, batch_size=64), strict=True):
        try:
            extract(Article(text=text, source="cut.txt"), doc)
        except Exception:
            where = traceback.format_exc().strip().splitlines()[-3].strip()
            failures.setdefault(where, f"{traceback.format_exc().splitlines()[-1]} on ...{text[-100:]!r}")
    assert not failures, "\n".join(f"{where}: {what}" for where, what in failures.items())
