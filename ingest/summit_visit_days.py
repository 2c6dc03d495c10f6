"""A visit's days: its stated length stretches a day it is dated by ("Xi's two-day visit ended on
Friday"), a departure ends it ("left on Wednesday after a three-day visit"), and "the second day of his
visit" is dated by the day the sentence before states."""

from __future__ import annotations

from datetime import datetime, timedelta

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import ents_in, sentence, subject_of
from diplograph.ingest.summit_date_values import bound, resolve
from diplograph.ingest.summit_relative_days import COUNTS, main_day
from diplograph.ingest.summit_syntax import same_paragraph


def stretch(token: Token, start: DateValue | None, end: DateValue | None) -> tuple[DateValue | None, DateValue | None]:
    """A day on a visit of stated length: "Xi's two-day visit ended on Friday" began on Thursday; "on
    Wednesday, the second day of Moon's three-day visit" ran from Tuesday to Thursday; "arrived on
    Tuesday for a four-day visit" ends on Friday."""
    length = _length_in_days(token) or _last_day(token)
    if length is None or length < 2:
        return start, end
    if start is None and end is not None and end.precision == "day":
        return DateValue(end.value - timedelta(days=length - 1), "day"), end
    if start is not None and end is None and start.precision == "day":
        first = start.value - timedelta(days=(_day_of(token) or 1) - 1)
        return DateValue(first, "day"), DateValue(first + timedelta(days=length - 1), "day")
    return start, end


DEPARTURE_VERBS = frozenset({"leave", "depart"})
ONWARD_VERBS = frozenset({"fly", "head", "travel", "go", "move"})  # "flew on to Vietnam", "headed home"
ONWARD_WORDS = frozenset({"on", "home", "out", "onward", "onwards"})
VISIT_LENGTH = 7  # days a visit may run from its first day to the departure


def departure_day(token: Token, start: DateValue | None, anchor: datetime | None, tense: str | None,
                  inferred: bool) -> DateValue | None:
    """'arrived in Beijing on 8 November, ... and flew on to Vietnam on 10 November', 'arrived on
    Tuesday ... He left on Wednesday afternoon': the day the visitor leaves, in the trigger's sentence or
    (told of as 'he', 'she') the next one, ends the visit, when it falls within a week after its first
    day (spaCy tags 'Wednesday afternoon' TIME)."""
    if start is None or start.precision != "day":
        return None
    doc, sent = token.doc, sentence(token)
    sents = [sent]
    if sent.end < len(doc) and same_paragraph(doc[sent.end], token):
        sents.append(sentence(doc[sent.end]))
    for s in sents:
        for verb in (t for t in s if _departs(t)):
            subject = subject_of(verb)
            if s.start != sent.start and (subject is None or subject.tag_ != "PRP"):
                continue
            for ent in ents_in(s):
                if ent.label_ not in ("DATE", "TIME") or verb not in (ent.root.head, ent.root.head.head):
                    continue
                value = resolve(ent, anchor, tense, inferred)
                if value is not None and value.start.precision == "day" \
                        and 0 < (value.start.value - start.value).days <= VISIT_LENGTH:
                    return value.start
    return None


def left_after(token: Token, anchor: datetime | None) -> DateValue | None:
    """'Kim headed home on Wednesday after a two-day visit to Beijing', 'Modi left Tokyo on Sunday after
    a three-day visit': a visit of stated length that its visitor's departure follows ends on the day of
    the departure (the main clause's day, which a trigger placing the clause in time does not take)."""
    if anchor is None or token.dep_ != "pobj" or token.head.lower_ != "after" or not _length_in_days(token):
        return None
    verb = token.head.head
    return main_day(verb, token.head, anchor) if _departs(verb) else None


def ends_a_visit(ent) -> bool:
    """'left Beijing on Wednesday after a three-day visit during which he held talks with Xi': the day of
    leaving is the visit's last, not the day of a meeting the sentence tells as part of it."""
    verb = ent.root.head.head if ent.root.dep_ == "pobj" else ent.root.head
    return _departs(verb) and any(c.dep_ == "prep" and c.lower_ == "after" and any(
        o.dep_ == "pobj" and _length_in_days(o) for o in c.children) for c in verb.children)


def _departs(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (lemma in DEPARTURE_VERBS or (
        lemma in ONWARD_VERBS and any(c.lower_ in ONWARD_WORDS for c in verb.children)))


def _length_in_days(noun: Token) -> int | None:
    """'a three-day visit', 'their two-day summit': the days the event runs."""
    if noun.pos_ != "NOUN":
        return None
    for day in noun.children:
        if day.dep_ in ("compound", "amod", "nmod") and day.lower_ == "day":
            for count in day.children:
                if count.dep_ == "nummod":
                    return COUNTS.get(count.lower_) or (int(count.text) if count.text.isdigit() else None)
    return None


def _last_day(noun: Token) -> int | None:
    """'on the second and last day of his visit': a visit of two days."""
    day = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if day is None or day.lower_ != "day" or not any(c.lower_ in ("last", "final") for c in day.children):
        return None
    return _day_of(noun)


def day_told_before(token: Token, anchor: datetime | None, tense: str | None, inferred: bool) -> DateValue | None:
    """'Putin and Modi on Friday agreed a plan ... The two leaders held talks ... on the second day of
    Putin's trip': a day of a visit its sentence does not date is the one day the sentence before
    states (a wire story's day)."""
    sent = sentence(token)
    if _day_of(token) is None or sent.start == 0:
        return None
    previous = sentence(token.doc[sent.start - 1])
    days = {value.start.value for ent in ents_in(previous) if ent.label_ == "DATE" and not bound(ent)
            and (value := resolve(ent, anchor, tense, inferred)) is not None
            and value.start.precision == "day" and value.end is None}
    return DateValue(days.pop(), "day") if len(days) == 1 else None


def _day_of(noun: Token) -> int | None:
    """'on the second day of his visit': which of the event's days the sentence's date is."""
    day = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if day is None or day.lower_ != "day":
        return None
    return next((lexicon.ORDINALS[c.lower_] for c in day.children
                 if c.dep_ == "amod" and c.lower_ in lexicon.ORDINALS), None)
