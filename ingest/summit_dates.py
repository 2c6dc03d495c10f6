"""A summit mention's dates and status (held, planned, cancelled, cut short).

A date is the trigger's own or its verb's, else its sentence's only day-precise date. A weekday after a
past-tense verb is the one before publication. Undated meetings take a day from "the same day", "the
next day", "a day after ...", a live blog's entry, or a dated caption placing a party at the summit.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from diplograph.ingest import dates as date_expressions
from diplograph.ingest import lexicon
from diplograph.ingest.dates import DateRange
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import (
    date_anchor,
    date_text,
    ents_in,
    lemma_in,
    resolve_date,
    sentence,
    subject_of,
    text_of,
    words_of,
)
from diplograph.ingest.summit_places import parties_of, sidelines_of
from diplograph.ingest.summit_syntax import (
    SUMMIT_TRIGGER_NOUNS,
    clause_verb,
    dates_other_event,
    governing_verb,
    own_subtree,
    same_paragraph,
    sentences_apart,
)

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention

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


END_VERBS = frozenset({"end", "conclude", "close", "wrap", "finish", "collapse", "break"})


def dates(token: Token, anchor: datetime | None, tense: str | None,
          inferred: bool) -> tuple[DateValue | None, DateValue | None]:
    """The date attached to the trigger or its verb (not a verb calling it off), else the sentence's only
    day-precise date.
    A date on an ending verb ("ended abruptly on Thursday") is the end date, and so is a departure's
    ("left on Wednesday after a three-day visit")."""
    if (left := left_after(token, anchor)) is not None:
        return None, left
    scope = {t.i for t in own_subtree(token, token)} - _conjoined_clauses(token)
    verb = governing_verb(token) if token.pos_ == "NOUN" else token
    called_off = token.pos_ == "NOUN" and verb is not None and _calls_off(verb)
    if verb is not None and not dates_other_event(token) and not called_off:
        scope |= {t.i for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in own_subtree(c, token)}
    dated = [(ent, value) for ent in ents_in(sentence(token)) if ent.label_ == "DATE" and not _bound(ent)
             and not _owns_other(ent, token) and (value := _resolve(ent, anchor, tense, inferred)) is not None]
    attached = [(ent, value) for ent, value in dated if ent.start in scope]
    when = _when_clause_day(token)
    if not attached and when is not None:  # "comes on Thursday, when Trump sits down with Xi": that day
        attached = [(ent, value) for ent, value in dated if ent.start <= when.i < ent.end]
    if not attached and called_off:  # "cancelled his planned summit with Kim on 24 May": the day of calling off
        return None, None
    if not attached:  # the clause's one exact date, when the sentence tells of this meeting only
        attached = [(e, v) for e, v in dated if v.start.precision == "day" and _same_report(e.root, token)
                    and not _outside_time_clause(e.root, token) and not _ends_a_visit(e)]
        sent, w = sentence(token), words_of(token.doc)
        triggers = [i for i in range(sent.start, sent.end) if w.pos[i] in ("NOUN", "VERB") and (
            w.lemma[i] in SUMMIT_TRIGGER_NOUNS or w.lemma[i] in lexicon.SUMMIT_VERBS)
            and sidelines_of(token.doc[i]) is None]  # "over dinner on Dec. 1, on the sidelines of the summit"
        if len(attached) != 1 or len(triggers) != 1:
            return None, None
    if (days := _two_days(attached)) is not None:
        return days
    ent, value = min(attached, key=lambda a: PRECISION_RANK[a[1].start.precision])  # "a year later, on May 4"
    if value.end is None and ent.root.head.head.lemma_.lower() in END_VERBS:
        return None, value.start
    return value.start, value.end


CALL_OFF_VERBS = frozenset({"cancel", "scrap", "postpone", "shelve", "delay"})


def _calls_off(verb: Token) -> bool:
    """'cancelled the summit', 'called off the talks': a day on the verb is the calling off's."""
    lemma = verb.lemma_.lower()
    return lemma in CALL_OFF_VERBS or (lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off"
                                                               for c in verb.children))


def _two_days(attached: list) -> tuple[DateValue, DateValue] | None:
    """'met Xi on Friday and today', 'held talks on Thursday and Friday': two days joined by 'and', a
    few days apart, are the meeting's first and last."""
    if len(attached) != 2:
        return None
    (first, a), (second, b) = sorted(attached, key=lambda pair: pair[0].start)
    doc = first.doc
    if doc[first.end:second.start].text.strip().lower() != "and" or a.end is not None or b.end is not None \
            or a.start.precision != "day" or b.start.precision != "day":
        return None
    start, end = sorted((a.start, b.start), key=lambda d: d.value)
    return (start, end) if 0 < (end.value - start.value).days <= VISIT_LENGTH else None


def _owns_other(ent, trigger: Token) -> bool:
    """'to brief him on today's results': a day in the possessive dates the noun it owns, not the
    meeting ('Tuesday's summit' is the meeting's own day)."""
    return ent.root.dep_ == "poss" and ent.root.head.i != trigger.i


def _when_clause_day(verb: Token) -> Token | None:
    """The day a "when" clause holding the meeting verb is about: 'on Thursday, when Trump sits down with
    Xi' (the clause qualifies the day, so the meeting is on it)."""
    clause = verb.head if verb.dep_ == "conj" else verb
    if verb.pos_ != "VERB" or clause.dep_ != "relcl" or not any(c.lower_ == "when" for c in clause.children):
        return None
    return clause.head if clause.head.ent_type_ == "DATE" else None


def _resolve(ent, anchor: datetime | None, tense: str | None, inferred: bool) -> DateRange | None:
    """A DATE entity's value; a named month without a year ("from March 25 to 28") takes the year of
    the story when the sentence or the one before has just stated one ("That changed in March 2018,
    ..."; "On February 4, 2022 ... in November"): a story told back in time stays in the year it is
    telling, not the publication's. A future meeting ("will meet in November") is the publication's."""
    text = date_text(ent)
    story = _story_anchor(ent, anchor, inferred) if tense != "future" and _month_alone(text) else None
    if story is not None and (value := resolve_date(text, story, None)) is not None \
            and (anchor is None or inferred or value.start.value <= anchor):  # never later than the telling
        return value
    return resolve_date(text, anchor, tense, inferred)


def _story_anchor(ent, anchor: datetime | None, inferred: bool) -> datetime | None:
    """The latest date stated with its year (or dated so itself) before ``ent`` in its paragraph, or
    across a section heading in the paragraph before it ("On 27 April 2018 ... / What happened in May?
    / When Trump cancelled the summit on 24 May"), as the middle of its year (so that any day of that
    year is the nearest of its name); bounds ("since 2006") tell no time of the story."""
    doc = ent.doc
    for earlier in reversed(ents_in(doc[_story_start(ent.root):ent.start])):
        if earlier.label_ != "DATE" or _bound(earlier):
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
    start = text.rfind("\n\n", 0, token.idx) + 2 if "\n\n" in text[:token.idx] else 0
    if start > 2:
        heading = text.rfind("\n\n", 0, start - 2) + 2 if "\n\n" in text[:start - 2] else 0
        if HEADING.fullmatch(text, heading, start) and heading > 2:
            start = text.rfind("\n\n", 0, heading - 2) + 2 if "\n\n" in text[:heading - 2] else 0
    return next((t.i for t in token.doc if t.idx >= start), token.i)


def _states_year(text: str) -> bool:
    """'June 12, 2018', 'in 2018', 'June this year': the expression places itself in a year."""
    return resolve_date(text, None, None) is not None or "year" in text.lower()


MONTH_NAMES = re.compile(r"\b(?:" + "|".join(calendar.month_name[1:]) + r")\b", re.IGNORECASE)


def _month_alone(text: str) -> bool:
    """'in May', 'March 25 to 28': a month named without its year (not a weekday, not "last week")."""
    return bool(MONTH_NAMES.search(text)) and not _states_year(text)


def _conjoined_clauses(verb: Token) -> set[int]:
    """The tokens of clauses coordinated under a meeting verb ("met Xi in Dalian in May, and returned to
    Beijing on June 19"): their dates are their own."""
    return {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}


TIME_MARKS = frozenset({"before", "after", "since", "until", "till"})


def _outside_time_clause(date: Token, trigger: Token) -> bool:
    """The trigger is in a clause placed in time against another ("stayed in Beijing from January 7 to
    10, weeks before he met Trump in Hanoi") and the date is outside it: the date is the other event's."""
    clause = trigger.doc[clause_verb(trigger)]
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in clause.children):
        return False
    return not clause.left_edge.i <= date.i <= clause.right_edge.i


PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _same_report(date: Token, trigger: Token) -> bool:
    """The date is inside the reported clause the trigger is in, if it is in one: "imposed sanctions on
    Wednesday, hours after Trump said he had called off a summit" does not date the summit."""
    for ancestor in trigger.ancestors:
        if ancestor.dep_ == "ccomp" and lemma_in(ancestor.head, lexicon.SAY_VERBS):
            return ancestor.left_edge.i <= date.i <= ancestor.right_edge.i
    return True


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
                value = _resolve(ent, anchor, tense, inferred)
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
    return _main_day(verb, token.head, anchor) if _departs(verb) else None


def _ends_a_visit(ent) -> bool:
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
    days = {value.start.value for ent in ents_in(previous) if ent.label_ == "DATE" and not _bound(ent)
            and (value := _resolve(ent, anchor, tense, inferred)) is not None
            and value.start.precision == "day" and value.end is None}
    return DateValue(days.pop(), "day") if len(days) == 1 else None


def _day_of(noun: Token) -> int | None:
    """'on the second day of his visit': which of the event's days the sentence's date is."""
    day = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if day is None or day.lower_ != "day":
        return None
    return next((lexicon.ORDINALS[c.lower_] for c in day.children
                 if c.dep_ == "amod" and c.lower_ in lexicon.ORDINALS), None)


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
            day = _main_day(main, node, anchor)
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


def _main_day(main: Token, skip: Token, anchor: datetime) -> DateValue | None:
    """The day-precise date attached to the main verb, outside the subordinate phrase."""
    inner = {t.i for t in skip.subtree}
    for ent in ents_in(sentence(main)):
        if ent.label_ != "DATE" or ent.start in inner or _bound(ent):
            continue
        head = ent.root
        while head.head.i != head.i and head.i != main.i and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        value = _resolve(ent, anchor, "past", False) if head.i == main.i else None
        if value is not None and value.start.precision == "day":  # a range counts from its first day
            return value.start
    return None


BOUND_WORDS = frozenset({"since", "until", "till", "by"})


def _bound(ent) -> bool:
    """'her first visit since 2017', 'until March', 'by Monday', 'from 1 May': a bound of a period, not
    the meeting's date."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    starts_from = "from" in (ent[0].lower_, before) and not _RANGE_MARK.search(ent.text) and after not in RANGE_WORDS
    return ent[0].lower_ in BOUND_WORDS or before in BOUND_WORDS or starts_from  # "from 1 May", not "from 13 to 15"


RANGE_WORDS = frozenset({"to", "until", "till", "through", "-", "\u2013", "\u2014"})
_RANGE_MARK = re.compile(r"\d\s*(?:-|\u2013|\u2014|to\b|until\b|through\b|and\b)", re.IGNORECASE)


PLAN_NOUNS = frozenset({"plan", "plans", "proposal", "idea"})
SHELVED_WORDS = frozenset({"shelve", "shelved", "abandon", "abandoned"})
HAPPEN_VERBS = frozenset({"take", "happen", "occur", "materialize", "materialise"})


def _never_happened(token: Token) -> bool:
    """'A meeting planned for Buenos Aires never took place', 'the summit did not happen': a summit
    said not to have happened (not "has not yet taken place": still to come)."""
    while token.dep_ == "appos":  # a heading the parse runs into the sentence: "Buenos Aires\n\nA meeting ..."
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.lemma_.lower() not in HAPPEN_VERBS:
        return False
    children = {c.lower_ for c in token.head.children}
    return any(c.dep_ == "neg" for c in token.head.children) and not children & {"yet", "still"}


URGING_VERBS = frozenset({"urge", "ask", "call", "press", "push", "demand", "want", "threaten", "consider"})


def _only_urged(token: Token) -> bool:
    """'Democrats urged Trump to cancel the summit', 'threatened to call off the talks': a calling off
    asked for or weighed, not done."""
    verb = token.head
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in URGING_VERBS


def status_of(token: Token, start: DateValue | None, published: datetime | None, planned: bool) -> str | None:
    """Cancelled, cut short, planned or held; ``planned``: the trigger's own words say it is to come."""
    lemmas = words_of(token.doc).lemma
    near = [token.head, *token.children, *token.head.children]
    if token.head.lemma_.lower() in PLAN_NOUNS:
        near.append(token.head.head)  # "shelved his plan to meet Putin": what befell the plan
    words = {lemmas[t.i] for t in near}
    called_off = bool(words & (lexicon.CANCELLED_WORDS | SHELVED_WORDS)) or {"call", "off"} <= words
    if (called_off and not _only_urged(token)) or _never_happened(token):
        return "Cancelled"
    if "cut" in words and "short" in {t.lower_ for t in token.head.subtree}:
        return "CutShort"
    verb = token if token.pos_ == "VERB" else governing_verb(token)
    if planned and not (verb is not None and verb.tag_ == "VBD"):  # "expected ..., while Putin met X"
        return "Planned"
    if start is not None and published is not None:
        return "Held" if start.value <= published else "Planned"
    if verb is not None and verb.tag_ in ("VBD", "VBN") and verb.lemma_ in ("meet", "hold", "host", "visit"):
        return "Held"
    return None


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
    paragraph = text.rfind("\n\n", 0, token.idx)
    if not (ENTRY_TIME.match(text, max(start - 1, 0))
            or ENTRY_TIME_LINE.match(text, paragraph + 2 if paragraph >= 0 else 0)):
        return None
    return DateValue(datetime(anchor.year, anchor.month, anchor.day, tzinfo=UTC), "day")


EXPERIENCE_WORDS = frozenset({"before", "ever", "never", "already", "once", "previously", "twice"})


def _present_perfect(verb: Token) -> bool:
    """'has finished', 'have met' -- not 'had met', which tells of an earlier day, nor 'have held talks
    only once before', which tells of any day so far."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                      for c in verb.children) \
        and not any(t.lower_ in EXPERIENCE_WORDS for t in verb.subtree if t.dep_ == "advmod")


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
        if earlier.label_ == "DATE" and not _bound(earlier) and same_paragraph(earlier.root, token) \
                and (value := _resolve(earlier, anchor, tense, inferred)) is not None \
                and value.start.precision == "day":
            return value.start
    return None


# "the next day", "a day later", "three days later", "the day before", "two weeks earlier"
RELATIVE_DAYS = re.compile(r"^(?:(?:the\s+)?(?P<side>next|following|previous)\s+day"
                           r"|the\s+day\s+(?P<rel>before|after)"
                           r"|(?P<count>a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>day|week)s?\s+"
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
        if ent.label_ == "DATE" and not _bound(ent) and _relative_days(ent.text.strip()) is None \
                and (value := _resolve(ent, anchor, "past", False)) is not None and value.start.precision == "day":
            return value.start
    return None


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
        keys = {index.key_at(t) for t in sent} - {None}
        if not leaders <= keys or not any(index.kind(k) == "Place" for k in keys) or any(
                w.lemma[i] in SUMMIT_TRIGGER_NOUNS or w.lemma[i] in lexicon.SUMMIT_VERBS
                for i in range(sent.start, sent.end)):
            continue
        if (day := _day_on(sent)) is not None:
            group.start, group.end = day.start, day.end
            return


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
        keys = {index.key_at(t) for t in sent} - {None}
        if group.location not in keys or not parties & parties_of(list(keys), index):
            continue
        if (day := _day_on(sent)) is not None:
            group.start, group.end = day.start, day.end
            return
