"""Days counted from another: "a day after he met Xi" from the main clause's day, "the same day" from
the last day named, "the next day", "three days later" from the meeting dated last a few sentences
back (or a day named after it), not from the day of publication."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Token

from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import ents_in, sentence, text_of
from diplograph.ingest.summit_date_values import MONTH_NAMES, bound, resolve
from diplograph.ingest.summit_status import status_of
from diplograph.ingest.summit_syntax import same_paragraph, sentences_apart

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention


DAY_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def days_from_main_event(token: Token, anchor: datetime | None, inferred: bool) -> DateValue | None:
    """'held talks on Monday, a day after he met Xi', 'met on Monday, a day before the G20 summit':
    the meeting is dated from the main clause's day."""
    if anchor is None or inferred:
        return None
    node = token
    for _ in range(4):  # "a day before the Group of 20 summit opened": summit, of, Group, opened
        relation = _day_offset(node)
        if relation is not None:
            main, offset = relation
            day = main_day(main, node, anchor)
            return DateValue(day.value + timedelta(days=offset), "day") if day is not None else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _day_offset(node: Token) -> tuple[Token, int] | None:
    """(the main verb, signed days) when ``node`` is "a day after ..." / "two days before ..."."""
    if node.pos_ in ("VERB", "AUX") and node.dep_ == "advcl":
        link = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    elif node.dep_ == "prep" and node.lower_ in ("after", "before"):
        link = node
    else:
        return None
    unit = next((c for c in node.children if c.dep_ == "npadvmod" and c.lower_ in DAY_UNITS), None)
    main = node.head
    if unit is None and node.head.lower_ in DAY_UNITS and node.head.dep_ in ("npadvmod", "appos", "conj"):
        unit, main = node.head, node.head.head  # "on June 19, a week after his summit": the unit heads it
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
    if link is None or unit is None:
        return None
    count = next((COUNTS.get(c.lower_) for c in unit.children if c.dep_ in ("det", "nummod")), None)
    if count is None:
        return None
    sign = -1 if link.lower_ == "after" else 1
    return main, sign * count * DAY_UNITS[unit.lower_]


def main_day(main: Token, skip: Token, anchor: datetime) -> DateValue | None:
    """The day-precise date attached to the main verb, outside the subordinate phrase."""
    inner = {t.i for t in skip.subtree}
    for ent in ents_in(sentence(main)):
        if ent.label_ != "DATE" or ent.start in inner or bound(ent):
            continue
        head = ent.root
        while head.head.i != head.i and head.i != main.i and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        value = resolve(ent, anchor, "past", False) if head.i == main.i else None
        if value is not None and value.start.precision == "day":  # a range counts from its first day
            return value.start
    return None


SAME_DAY = re.compile(r"^(?:(?:earlier|later)\s+)?(?:the|that)\s+(?:same\s+)?day$", re.IGNORECASE)


def same_day(token: Token, anchor: datetime | None, tense: str | None, inferred: bool) -> DateValue | None:
    """'On Saturday Trump spoke in Osaka ... He had met Xi there the same day': "the same day", "later
    that day" is the last day the text named before, in the sentence or the one before."""
    sent = sentence(token)
    same = next((e for e in ents_in(sent) if e.label_ == "DATE" and SAME_DAY.match(e.text.strip())), None)
    if same is None or anchor is None:
        return None
    doc = token.doc
    start = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    for earlier in reversed(ents_in(doc[start:same.start])):
        if earlier.label_ == "DATE" and not bound(earlier) and same_paragraph(earlier.root, token) \
                and (value := resolve(earlier, anchor, tense, inferred)) is not None \
                and value.start.precision == "day":
            return value.start
    return None


# "the next day", "a day later", "three days later", "the day before", "two weeks earlier", "only a week later"
RELATIVE_DAYS = re.compile(r"^(?:(?:the\s+)?(?P<side>next|following|previous)\s+day"
                           r"|the\s+day\s+(?P<rel>before|after)"
                           r"|(?:(?:only|just|barely|some|about)\s+)?"
                           r"(?P<count>a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>day|week)s?\s+"
                           r"(?P<dir>later|earlier|after|before))$", re.IGNORECASE)
RELATIVE_REACH = 4  # sentences back to the day a relative date counts from


def next_days(mentions: list[SummitMention], anchor: datetime | None) -> None:
    """"The next day Xi hosted Macron in Guangzhou", "Three days later, Zelensky sat down with Trump",
    "Modi had met Xi the day before": a day counted from the meeting dated last in an earlier sentence
    (a few sentences back at most: a chronology's next entry), or from a day named after it ("Trump
    cancelled the summit on 24 May ... The two Koreans met two days later"), not from the day of
    publication, which is all the date parser knows. The status then follows that day's tense."""
    dated: list[SummitMention] = []  # mentions with a day, in text order
    for m in mentions:
        offset = next((o for ent in ents_in(sentence(m.token)) if ent.label_ == "DATE"
                       and (o := _relative_days(ent.text.strip())) is not None), None)
        before = next((d for d in reversed(dated) if d.token.i < sentence(m.token).start), None)
        if before is not None and sentences_apart(before.token, m.token) > RELATIVE_REACH:
            before = None
        named = _day_named_before(m.token, before.token.i if before is not None else -1, anchor) \
            if offset is not None else None
        if offset is not None and (before is not None or named is not None) \
                and (m.start is None or not _names_a_day(m)):
            base = named or ((before.end or before.start) if offset > 0 else before.start)
            m.start, m.end = DateValue(base.value + timedelta(days=offset), "day"), None
            m.status = status_of(m.token, m.start, None, False)
        if m.start is not None and m.start.precision == "day":
            dated.append(m)


def _day_named_before(token: Token, after: int, anchor: datetime | None) -> DateValue | None:
    """The last day (to the day, no bound) that the sentences before the trigger's name, within reach of
    relative dates and after token ``after`` (the meeting dated last)."""
    doc, start = token.doc, sentence(token).start
    first = start
    for _ in range(RELATIVE_REACH):
        if first == 0:
            break
        first = sentence(doc[first - 1]).start
    for ent in reversed(ents_in(doc[max(first, after + 1):start])):
        if ent.label_ == "DATE" and not bound(ent) and _relative_days(ent.text.strip()) is None \
                and not _date_line(ent) \
                and (value := resolve(ent, anchor, "past", False)) is not None and value.start.precision == "day":
            return value.start
    return None


def _date_line(ent) -> bool:
    """'June 1, 2018' on a line of its own under the title: the day the article was written, not a day of
    the story to count "six weeks later" from."""
    text, start, end = text_of(ent.doc), ent.start_char, ent.end_char
    line_end = text.find("\n", end)
    return not text[text.rfind("\n", 0, start) + 1:start].strip() \
        and not text[end:line_end if line_end >= 0 else len(text)].strip()


def _relative_days(text: str) -> int | None:
    """Signed days of a relative date ("three days later": 3, "the day before": -1), else None."""
    match = RELATIVE_DAYS.match(text)
    if match is None:
        return None
    if match["side"] or match["rel"]:
        return -1 if (match["side"] or match["rel"]).lower() in ("previous", "before") else 1
    word = match["count"].lower()
    count = int(word) if word.isdigit() else COUNTS.get(word)
    if count is None:
        return None
    sign = -1 if match["dir"].lower() in ("earlier", "before") else 1
    return sign * count * DAY_UNITS[match["unit"].lower()]


def _names_a_day(m: SummitMention) -> bool:
    """The mention's sentence states a day of its own ("on June 28"), besides any relative date."""
    return any(ent.label_ == "DATE" and _relative_days(ent.text.strip()) is None and MONTH_NAMES.search(ent.text)
               and re.search(r"\d", ent.text) for ent in ents_in(sentence(m.token)))
