"""A summit mention's own date: the trigger's or its verb's, else its sentence's only day-precise date.

A weekday after a past-tense verb is the one before publication, and a month without a year is the
story's (``summit_date_values``). The other date rules live by kind: a visit's length and departure
(``summit_visit_days``), "the same day", "the next day", "a day after ..." (``summit_relative_days``), a
live blog's header and entries (``summit_live_blogs``), a dated caption placing a party at the summit
(``summit_captions``); ``summit_status`` tells held, planned, cancelled or cut short.
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import ents_in, lemma_in, sentence, words_of
from diplograph.ingest.summit_date_values import bound, resolve
from diplograph.ingest.summit_sidelines import sidelines_of
from diplograph.ingest.summit_syntax import (
    SUMMIT_TRIGGER_NOUNS,
    clause_verb,
    dates_other_event,
    governing_verb,
    own_subtree,
)
from diplograph.ingest.summit_visit_days import VISIT_LENGTH, ends_a_visit, left_after

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
    announced = token.pos_ == "NOUN" and verb is not None and verb.lemma_.lower() in ANNOUNCE_VERBS
    if verb is not None and not dates_other_event(token) and not called_off and not announced:
        scope |= {t.i for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in own_subtree(c, token)}
    dated = [(ent, value) for ent in ents_in(sentence(token)) if ent.label_ == "DATE" and not bound(ent)
             and not _owns_other(ent, token) and (value := resolve(ent, anchor, tense, inferred)) is not None]
    attached = [(ent, value) for ent, value in dated if ent.start in scope]
    when = _when_clause_day(token)
    if not attached and when is not None:  # "comes on Thursday, when Trump sits down with Xi": that day
        attached = [(ent, value) for ent, value in dated if ent.start <= when.i < ent.end]
    if not attached and verb is not None and (timed := _timed_by_when(verb)):  # "went in May, when they met"
        attached = [(ent, value) for ent, value in dated if ent.start in timed]
    if not attached and (called_off or announced):  # "cancelled his planned summit with Kim on 24 May": the
        # day of calling off; "the trip was announced on Monday": of announcing
        return None, None
    if not attached:  # the clause's one exact date, when the sentence tells of this meeting only
        attached = [(e, v) for e, v in dated if v.start.precision == "day" and _same_report(e.root, token)
                    and not _outside_time_clause(e.root, token) and not ends_a_visit(e)]
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
# "The trip was announced on Monday", "the talks were confirmed on Friday": the day is the announcing's
ANNOUNCE_VERBS = frozenset({"announce", "confirm", "disclose", "reveal", "unveil"})


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


YEAR = re.compile(r"\d{4}")


def _owns_other(ent, trigger: Token) -> bool:
    """'to brief him on today's results': a day in the possessive dates the noun it owns, not the
    meeting ('Tuesday's summit' is the meeting's own day); so does a year before a noun that names no
    meeting ('talks on the basis of a 1956 declaration', 'met the boy who survived the 2008 attacks')."""
    root, head = ent.root, ent.root.head
    if root.dep_ == "poss":
        return head.i != trigger.i
    return YEAR.fullmatch(ent.text.strip()) is not None and root.dep_ in ("nummod", "compound", "amod") \
        and head.i != trigger.i and head.pos_ == "NOUN" and head.lemma_.lower() not in SUMMIT_TRIGGER_NOUNS \
        and head.lower_ not in SUMMIT_TRIGGER_NOUNS  # not "Tuesday evening": a day of the meeting's own


def _when_clause_day(verb: Token) -> Token | None:
    """The day a "when" clause holding the meeting verb is about: 'on Thursday, when Trump sits down with
    Xi' (the clause qualifies the day, so the meeting is on it)."""
    clause = verb.head if verb.dep_ == "conj" else verb
    if verb.pos_ != "VERB" or clause.dep_ != "relcl" or not any(c.lower_ == "when" for c in clause.children):
        return None
    return clause.head if clause.head.ent_type_ == "DATE" else None


def _timed_by_when(verb: Token) -> set[int]:
    """'Kim last travelled to Russia in September 2023, when the two leaders met at the Vostochny
    Cosmodrome': a meeting told in a "when" clause happened at the time its main clause's verb is dated by
    (the tokens of that verb's own date phrases, outside the clause)."""
    if verb.pos_ != "VERB" or verb.dep_ != "advcl" or not any(c.lower_ == "when" and c.dep_ == "advmod"
                                                               for c in verb.children):
        return set()
    head = verb.head
    return {t.i for c in head.children if c.dep_ in ("prep", "npadvmod") and c.i != verb.i for t in c.subtree}


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
