"""A DATE entity's value as a summit's date: a month named without a year takes the year the story is
telling, never later than the telling; a bound of a period ("since 2017", "until March") is no date, nor is
a count from another event ("six weeks later"), which the date parser can only count from publication."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime

from spacy.tokens import Token

from diplograph.ingest.dates import DateRange
from diplograph.ingest.spans import date_text, ents_in, paragraph_start, resolve_date, text_of


def resolve(ent, anchor: datetime | None, tense: str | None, inferred: bool) -> DateRange | None:
    """A DATE entity's value; a named month without a year ("from March 25 to 28") takes the year of
    the story when the sentence or the one before has just stated one ("That changed in March 2018,
    ..."; "On February 4, 2022 ... in November"): a story told back in time stays in the year it is
    telling, not the publication's. A future meeting ("will meet in November") is the publication's."""
    text = _day_left_out(ent) + date_text(ent)
    if COUNTED_FROM_EVENT.search(text):
        return None  # "six weeks later": counted from a meeting (``summit_relative_days``), not publication
    story = _story_anchor(ent, anchor, inferred) if tense != "future" and _month_alone(text) else None
    if story is not None and (value := resolve_date(text, story, None)) is not None \
            and (anchor is None or inferred or value.start.value <= anchor):  # never later than the telling
        return value
    return resolve_date(text, anchor, tense, inferred)


# a day ("12"), or a range of days ("27\u201328"), before a month
LONE_DAYS = re.compile(r"(?:[0-3]?\d(?:-|\u2013|\u2014))?[0-3]?\d(?:st|nd|rd|th)?")


def _day_left_out(ent) -> str:
    """'12 June 2018 \u2013 Trump and Kim meet ...', '27\u201328 February 2019 \u2013 Second summit': at
    the start of a line spaCy may leave the day, or a range's days, out of the DATE entity ("June 2018"),
    which then reads as the month; the day number right before the month's name is the date's own."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is None or before.ent_type_ == "DATE" or not before.whitespace_ \
            or not LONE_DAYS.fullmatch(before.text) or not MONTH_NAMES.match(ent.text):
        return ""
    return before.text_with_ws


# "three days later", "six weeks earlier", "a month before": counted from another event of the story
COUNTED_FROM_EVENT = re.compile(r"\b(?:day|week|month|year)s?\s+(?:later|earlier|before|after)\b", re.IGNORECASE)


def _story_anchor(ent, anchor: datetime | None, inferred: bool) -> datetime | None:
    """The latest date stated with its year (or dated so itself) before ``ent`` in its paragraph, or
    across a section heading in the paragraph before it ("On 27 April 2018 ... / What happened in May?
    / When Trump cancelled the summit on 24 May"), as the middle of its year (so that any day of that
    year is the nearest of its name); bounds ("since 2006") tell no time of the story."""
    doc = ent.doc
    for earlier in reversed(ents_in(doc[_story_start(ent.root):ent.start])):
        if earlier.label_ != "DATE" or bound(earlier):
            continue
        text = date_text(earlier)
        if _states_year(text):
            value = resolve_date(text, anchor, None, inferred)
        elif _month_alone(text) and (story := _story_anchor(earlier, anchor, inferred)) is not None:
            value = resolve_date(text, story, None)
        else:
            continue
        if value is not None:
            return datetime(value.start.value.year, 7, 2, tzinfo=UTC)
    return None


HEADING = re.compile(r"[^\n.]{1,80}[^\n.!\"\u201d]\n\n")  # one line not closed by a full stop or a quote


def _story_start(token: Token) -> int:
    """Where the story a date is told in starts: its paragraph, or, when a section heading opens the
    paragraph, the paragraph before the heading."""
    text = text_of(token.doc)
    start = paragraph_start(text, token.idx)
    if start > 2:
        heading = paragraph_start(text, start - 2)
        if HEADING.fullmatch(text, heading, start) and heading > 2:
            start = paragraph_start(text, heading - 2)
    return next((t.i for t in token.doc if t.idx >= start), token.i)


def _states_year(text: str) -> bool:
    """'June 12, 2018', 'in 2018', 'June this year': the expression places itself in a year."""
    return resolve_date(text, None, None) is not None or "year" in text.lower()


MONTH_NAMES = re.compile(r"\b(?:" + "|".join(calendar.month_name[1:]) + r")\b", re.IGNORECASE)


def _month_alone(text: str) -> bool:
    """'in May', 'March 25 to 28': a month named without its year (not a weekday, not "last week")."""
    return bool(MONTH_NAMES.search(text)) and not _states_year(text)


BOUND_WORDS = frozenset({"since", "until", "till", "by"})


def bound(ent) -> bool:
    """'her first visit since 2017', 'until March', 'by Monday', 'from 1 May': a bound of a period, not
    the meeting's date."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    starts_from = "from" in (ent[0].lower_, before) and not _RANGE_MARK.search(ent.text) and after not in RANGE_WORDS
    return ent[0].lower_ in BOUND_WORDS or before in BOUND_WORDS or starts_from  # "from 1 May", not "from 13 to 15"


RANGE_WORDS = frozenset({"to", "until", "till", "through", "-", "\u2013", "\u2014"})
_RANGE_MARK = re.compile(r"\d\s*(?:-|\u2013|\u2014|to\b|until\b|through\b|and\b)", re.IGNORECASE)
