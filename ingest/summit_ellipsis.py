"""Meetings named by their number alone: "It was the fourth meeting between Xi and Kim; the first came in
Beijing last March", "A meeting in Osaka fared no better, and the 27th and last, in Vladivostok on
September 5, 2019, ended with a promise to keep talking", "a second Trump-Kim summit, following the first in
Singapore in June". The number stands for a meeting of the series its sentence has just named, between the
same parties (else those of the numbered meeting told just before, else the story's pair when no one else is
near), and the clause it is the subject of (or the phrase after "following", "after" or "since") tells its
place and day.
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import clause_sentence, sentence, words_of
from diplograph.ingest.summit_dates import dates
from diplograph.ingest.summit_mentions import SummitMention
from diplograph.ingest.summit_pairs import series_pair
from diplograph.ingest.summit_parties import parties_of
from diplograph.ingest.summit_places import location_of, participants_and_location
from diplograph.ingest.summit_status import status_of
from diplograph.ingest.summit_syntax import SUMMIT_TRIGGER_NOUNS, sentences_apart


def numbered_meetings(doc: Doc, index: EntityIndex, anchor: datetime | None, inferred: bool,
                      published: datetime | None, mentions: list[SummitMention]) -> list[SummitMention]:
    w = words_of(doc)
    return [m for i, lower in enumerate(w.lower) if lower in lexicon.ORDINALS
            and (m := _numbered(doc[i], index, anchor, inferred, published, mentions)) is not None]


def _numbered(token: Token, index: EntityIndex, anchor: datetime | None, inferred: bool,
              published: datetime | None, mentions: list[SummitMention]) -> SummitMention | None:
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ in SEQUENCE_WORDS:
        verb = token  # "a second summit, following the first in Singapore in June": its own place and day
    elif token.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    named = _series_named(token)
    if named is None:
        return None
    participants, _ = participants_and_location(named, index, False)
    if len(parties_of(participants, index)) < 2:
        participants = _last_numbered(token, index, mentions) or series_pair(token, index)
    if len(parties_of(participants, index)) < 2:
        return None
    start, end = dates(verb, anchor, "past", inferred)
    return SummitMention(token, participants, location_of(verb, index), start, end, lexicon.ORDINALS[token.lower_],
                         status_of(token, start, published, False), clause_sentence(token), True)


# "following the first in Singapore", "after the second in Hanoi": a numbered meeting placed in a sequence
SEQUENCE_WORDS = frozenset({"following", "after", "before", "since", "like"})


def _series_named(token: Token) -> Token | None:
    """The last meeting noun before the number, in its sentence or the one before ("the fourth meeting
    between Xi and Kim; the first ...", "Their 25th meeting came in Moscow. ... the 27th ...")."""
    sent, doc = sentence(token), token.doc
    start = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    return next((t for t in reversed(doc[start:token.i]) if t.pos_ == "NOUN"
                 and t.lemma_.lower() in SUMMIT_TRIGGER_NOUNS), None)


def _last_numbered(token: Token, index: EntityIndex, mentions: list[SummitMention]) -> list[str]:
    """The parties of the numbered meeting told last, a few sentences before ("Their 25th meeting came in
    January 2019 in Moscow ... the 27th and last, in Vladivostok")."""
    told = next((m for m in reversed(mentions) if m.token.i < token.i and m.ordinal
                 and len(parties_of(m.participants, index)) >= 2 and sentences_apart(m.token, token) <= 4), None)
    return list(told.participants) if told is not None else []
