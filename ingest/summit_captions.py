"""Photo captions: a dated sentence placing the summit's leaders (or a party at its place) there dates
a summit the text otherwise leaves undated."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from diplograph.ingest import lexicon
from diplograph.ingest.dates import DateRange
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import ents_in, resolve_date, words_of
from diplograph.ingest.summit_parties import parties_of
from diplograph.ingest.summit_syntax import SUMMIT_TRIGGER_NOUNS

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention


def date_from_photo(doc: Doc, index: EntityIndex, group: SummitMention) -> None:
    """'Joe Biden and Xi Jinping walk in the gardens of the Filoli estate ... on November 15, 2023' (a
    photo caption: no meeting word, every leader of the summit named, a place, a day "on" a date) dates
    a summit the text places and dates nowhere else ("Biden and Xi spoke by phone on April 2" names no
    place)."""
    leaders = {k for k in group.participants if index.kind(k) == "Leader"}
    if len(leaders) < 2:
        return
    w = words_of(doc)
    for sent in doc.sents:
        keys = _keys_in(index, sent)
        if not leaders <= keys or not any(index.kind(k) == "Place" for k in keys) or any(
                w.lemma[i] in SUMMIT_TRIGGER_NOUNS or w.lemma[i] in lexicon.SUMMIT_VERBS
                for i in range(sent.start, sent.end)):
            continue
        if (day := _day_on(sent)) is not None:
            group.start, group.end = day.start, day.end
            return


def _keys_in(index: EntityIndex, sent: Span) -> set[str]:
    """The entities the sentence's tokens mention, read by token index (no ``Token`` per word)."""
    return {index.token_key[i] for i in range(sent.start, sent.end) if i in index.token_key}


def _day_on(sent: Span) -> DateRange | None:
    """The first date to the day that the sentence gives after "on" ("on June 12, 2018")."""
    for ent in ents_in(sent):
        if ent.label_ == "DATE" and ent.start > 0 and sent.doc[ent.start - 1].lower_ == "on":
            value = resolve_date(ent.text, None, None)
            if value is not None and value.start.precision == "day":
                return value
    return None


def date_from_caption(doc: Doc, index: EntityIndex, group: SummitMention, anchor: datetime | None) -> None:
    """A dated sentence placing a participant at the summit's location ("... in Singapore on June 12,
    2018", typically a photo caption) dates a summit the text otherwise leaves undated."""
    parties = parties_of(group.participants, index)
    for sent in doc.sents:
        keys = _keys_in(index, sent)
        if group.location not in keys or not parties & parties_of(list(keys), index):
            continue
        if (day := _day_on(sent)) is not None:
            group.start, group.end = day.start, day.end
            return
