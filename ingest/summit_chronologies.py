"""Chronologies: a timeline's entry opens its line with the full date and a dash ("16 July 2018 - Trump and
Putin hold their first summit in Helsinki."), and the parser may cut that heading off as a sentence of its
own, so that the meeting's sentence states no date; the entry's date is the meeting's."""

from __future__ import annotations

import re

from spacy.tokens import Token

from diplograph.ingest import dates as date_expressions
from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import line_opening, sentence

# "16 July 2018 - ", "June 12, 2018: ", "27-28 February 2019 - " (any dash): a date alone, then a dash or a colon
ENTRY_HEAD = re.compile(r"[ \t]*(?P<date>[\w ,.\u2013-]{6,40}?)[ \t]*(?:\u2013|\u2014|-|:)[ \t]+(?=\S)")


def entry_days(token: Token, tense: str | None) -> tuple[DateValue | None, DateValue | None]:
    """The full date (a day, or a range of days) opening the line of a chronology entry, for a meeting
    told as done in the entry's first sentence (the one the date opens, or the one right after a date
    the parser cut off as its own): a meeting the entry goes on to plan ("Putin invites Kim to Moscow
    for their next meeting") is not on that day."""
    head = line_opening(token, ENTRY_HEAD)
    if head is None or tense == "future":
        return None, None
    found = date_expressions.find(head["date"])
    if len(found) != 1 or found[0].text != head["date"].strip() or found[0].value.start.precision != "day":
        return None, None
    after = token.doc.char_span(head.end(), head.end() + 1, alignment_mode="expand")
    if after is None or sentence(after[0]).start != sentence(token).start:
        return None, None
    return found[0].value.start, found[0].value.end
