"""Live blogs and transcripts: a verbless header's day ("Friday 27 April 2018.") is the day relative
dates count from when the article has no publication date, and an entry opening with its time tells
what it reports as done on the entry's day."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime

from spacy.tokens import Doc, Token

from diplograph.ingest import dates as date_expressions
from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import date_anchor, paragraph_opening, text_of


def summit_anchor(doc: Doc, published: datetime | None) -> tuple[datetime | None, bool]:
    """The day relative dates count from (``spans.date_anchor``, and whether it is inferred); an article
    without a publication date whose opening sentence is a verbless date line ("Seoul, 27 May 2018,
    10:00 KST.", "Friday 27 April 2018.": a transcript's or live blog's header) counts from that day."""
    if published is None and (day := _header_day(doc)) is not None:
        return day, False
    return date_anchor(doc, published)


HEADER_MARK = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b|\b\d{1,2}[:.]\d{2}\b", re.IGNORECASE)


def _header_day(doc: Doc) -> datetime | None:
    """The full date (day and year) a verbless opening sentence on the first line states with a weekday
    or a clock time, as a header does; a lede telling a past day ("On June 12, 2018, Trump met Kim") has
    a verb, and a photo caption ("Trump and Kim in Singapore, June 12, 2018.") neither: they anchor
    nothing."""
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    line = first.text.split("\n", 1)[0]
    if any(t.pos_ in ("VERB", "AUX") for t in first if t.idx < first.start_char + len(line)) \
            or not HEADER_MARK.search(line):
        return None
    days = [m.value.start for m in date_expressions.find(line) if m.value.start.precision == "day"]
    return days[0].value if days else None


# A live blog's entry opens with its time: "15:46 - Trump steps ...", "11:40 am: ...", or has it on a
# line of its own above the entry's text: "11:55 EEST", "1.05pm BST".
ENTRY_TIME = re.compile(r"(?:^|\n)[ \t]*\d{1,2}[:.]\d{2}[ \t]*(?:[ap]\.?m\.?)?[ \t]*(?:-|\u2013|\u2014|:)[ \t]")
ENTRY_TIME_LINE = re.compile(r"[ \t]*\d{1,2}[:.]\d{2}[ \t]*(?:[ap]\.?m\.?)?[ \t]*(?:[A-Z]{2,5})?[ \t]*\n")


def entry_day(token: Token, verb: Token, anchor: datetime | None) -> DateValue | None:
    """'15:46 - Trump shook hands with Kim at the border', '11:55 EEST / Trump has finished a breakfast
    meeting with Niinisto': an undated meeting a live blog's entry tells as done (simple past, present
    perfect) happened on the entry's day (the day heading's, else the page's)."""
    if anchor is None or not (verb.tag_ == "VBD" or _present_perfect(verb)):
        return None
    text = text_of(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    if not (ENTRY_TIME.match(text, max(start - 1, 0)) or paragraph_opening(token, ENTRY_TIME_LINE)):
        return None
    return DateValue(datetime(anchor.year, anchor.month, anchor.day, tzinfo=UTC), "day")


EXPERIENCE_WORDS = frozenset({"before", "ever", "never", "already", "once", "previously", "twice"})


def _present_perfect(verb: Token) -> bool:
    """'has finished', 'have met' -- not 'had met', which tells of an earlier day, nor 'have held talks
    only once before', which tells of any day so far."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                      for c in verb.children) \
        and not any(t.lower_ in EXPERIENCE_WORDS for t in verb.subtree if t.dep_ == "advmod")
