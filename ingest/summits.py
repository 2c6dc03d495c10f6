"""Summits: leader meetings (summit, talks, met, visit) merged into one node per real summit.

Each trigger ("summit", "meeting", "talks", "encounter", "visit", "trip"; the verbs meet, visit,
host) yields a mention with the participants the parse attaches to it (modifiers, "with"/"between"
objects, the subject of the governing verb), its location ("in Hanoi", "the Singapore summit",
"visited Pyongyang"), its dates, its ordinal ("second summit") and its status.

"Welcomed" a leader is a meeting too. A weekday after a past-tense verb is the one before publication.
Participants are the trigger's own agents and patients, never entities inside a clause that
modifies it ("a meeting that Washington fears ..."). A meeting "on the sidelines of" a summit is an
event of its own, at the place (and, for a one-day summit, the date) of the summit last named.

Mentions then merge within the article: mentions sharing a location, an ordinal or a start date and
a party are one summit; a bare mention ("the summit", "their meeting") joins the most recent
summit of the same parties and never creates one on its own. A summit needs two parties (a leader
and their state count as one party) and at least one leader: ministers meeting is not a summit.
A summit the gazetteer knows (same parties; same place and dates where the text states them; the
only known summit that fits) takes the known summit's key (``Gazetteer.summit_key``), so that every
article's mention of it and the reference graph share one node, even when one article gives no year.
Any other summit's ``key`` is the parties (as states), the location and the year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.dates import DateRange
from diplograph.ingest.entities import EntityIndex, gaz_kind
from diplograph.ingest.facts import DateValue, Span, Summit
from diplograph.ingest.gazetteer import Gazetteer, GazSummit
from diplograph.ingest.spans import (
    anchor_at,
    clause_sentence,
    date_anchor,
    date_text,
    day_headings,
    ents_in,
    indices,
    lemma_in,
    quoted,
    resolve_date,
    sentence,
    subject_of,
    text_of,
    words_of,
)

PARTY_KINDS = frozenset({"Leader", "State", "Government"})
SUMMIT_TRIGGER_NOUNS = lexicon.SUMMIT_NOUNS | {"trip"}
STRONG_NOUNS = frozenset({"summit", "summitry"})
SIDELINE_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins"})
# "their summit", "the two leaders met": the pair of leaders the text has just named.
PAIR_WORDS = frozenset({"their", "they", "both", "two"})
WISH_VERBS = frozenset({"hope", "want", "wish", "like", "love", "seek", "try", "aim", "desire", "long", "offer"})
PAIR_NOUNS = frozenset({"leader", "man", "side", "president", "head", "counterpart", "statesman", "pair"})
END_VERBS = frozenset({"end", "conclude", "close", "wrap", "finish", "collapse", "break"})


@dataclass
class SummitMention:
    token: Token
    participants: list[str]
    location: str | None
    start: DateValue | None
    end: DateValue | None
    ordinal: int | None
    status: str | None
    evidence: Span
    strong: bool  # names the summit itself (a location, ordinal, date or the word "summit")
    series: str | None = None  # the forum whose summit it is ("the G20 summit"): a different event from others
    date_inferred: bool = False
    hosts: set[str] = field(default_factory=set)  # states visited: participants even when also the location
    sideline: bool = False  # "met on the sidelines of the summit": a meeting of its own, at that summit
    # "Putin met Xi, Modi, Erdogan and Pezeshkian": one bilateral meeting per leader met
    bilaterals: list[list[str]] = field(default_factory=list)
    # "their meetings in Singapore, Hanoi and at the DMZ": one more meeting at each further place
    more_places: list[str] = field(default_factory=list)
    explicit: bool = False  # "Erdogan met Kristersson": a verb naming both sides, a meeting of its own
    # "met Xi in Dalian, and returned to Beijing on June 19": a further meeting at each (place, start, end)
    returns: list[tuple[str, DateValue | None, DateValue | None]] = field(default_factory=list)
    merged: list[SummitMention] = field(default_factory=list)


def extract_summits(doc: Doc, index: EntityIndex, published: datetime | None) -> list[Summit]:
    anchor, inferred = date_anchor(doc, published)
    headings = day_headings(doc, anchor)
    mentions = [m for i in _candidates(doc)
                if (m := _mention(doc[i], index, anchor_at(headings, doc[i].idx, anchor), inferred, published))
                is not None]
    _next_days(mentions)
    groups = _join_visit_days(_date_from_part(_join_anaphors(_merge(mentions, index), index), index), index)
    _add_attendees(doc, groups, index)
    visits = {m.token.i for g in groups for m in (g, *g.merged)}
    for group in groups:
        if group.location is None:
            group.location = _arrived_at(doc, index, group, visits)
    summits = []
    for group in groups:
        if len(_parties(group.participants, index)) < 2 or not _has_leader(group.participants, index):
            continue
        if group.start is None and group.location is not None:
            _date_from_caption(doc, index, group, anchor)
        summits.append(_summit(group, index, published))
    return summits


# --- one mention ------------------------------------------------------------------------------------
RECEIVING_VERBS = frozenset({"welcome", "receive", "greet"})
ARRIVAL_VERBS = frozenset({"arrive", "land"})
# every verb ``_mention`` may take
CUE_VERBS = lexicon.SUMMIT_VERBS | RECEIVING_VERBS | ARRIVAL_VERBS | {"sit", "speak", "talk", "shake"}


def _candidates(doc: Doc) -> list[int]:
    """The tokens ``_mention`` may take: a trigger noun, or a meeting, receiving or sitting verb."""
    w = words_of(doc)
    return [i for i, (lower, lemma, pos) in enumerate(zip(w.lower, w.lemma, w.pos, strict=True))
            if (pos == "NOUN" and (lemma in SUMMIT_TRIGGER_NOUNS or lower in SUMMIT_TRIGGER_NOUNS))
            or (pos == "VERB" and lemma in CUE_VERBS)]


def _mention(token: Token, index: EntityIndex, anchor: datetime | None, inferred: bool,
             published: datetime | None) -> SummitMention | None:
    lemma = token.lemma_.lower()
    is_noun = token.pos_ == "NOUN" and (lemma in SUMMIT_TRIGGER_NOUNS or token.lower_ in SUMMIT_TRIGGER_NOUNS)
    host = _arrival_host(token, index) if token.pos_ == "VERB" and lemma in ARRIVAL_VERBS else None
    is_verb = token.pos_ == "VERB" and (lemma in lexicon.SUMMIT_VERBS or _receives_leader(token, index)
                                        or _sits_down_with(token) or _spoke_on_the_sidelines(token)
                                        or _shakes_hands_with(token) or host is not None)
    if not (is_noun or is_verb):
        return None
    if is_verb and any(c.dep_ == "neg" for c in token.children):
        return None  # "Kim has not met a U.S. president since ...": no meeting
    if is_verb and token.dep_ == "xcomp" and lemma_in(token.head, WISH_VERBS):
        return None  # "hoped to meet Xi again", "offered to host them": a wish or offer, not a summit
    if is_verb and lemma == "meet" and any(c.dep_ == "dobj" and _no_one(c, index) for c in token.children):
        return None  # "enough to meet Spain's obligations", "met reporters": no one is met
    if is_noun and _sidelines_of(token) is not None:
        return None  # "met Xi on the sidelines of the APEC summit": that meeting is the event
    if is_noun and token.i > 0 and token.doc[token.i - 1].text == "-":
        return None  # "government-to-government talks", "leader-level meeting"
    participants, location = _participants_and_location(token, index, is_verb)
    if host is not None and host not in participants:
        participants.append(host)
    hosts = {location} if location and lemma in ("visit", "trip") and location in participants else set()
    ordinal = next((lexicon.ORDINALS[c.lower_] for c in token.children
                    if c.dep_ in ("amod", "nummod") and c.lower_ in lexicon.ORDINALS), None)
    verb = token if is_verb else _governing_verb(token)
    past = verb is not None and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        (c.dep_ == "aux" and c.lemma_ == "have") or (c.dep_ == "auxpass" and c.tag_ == "VBD")
        for c in verb.children)))  # "welcomed", "had met", "was received": before
    planned = _planned(token)
    future = planned or (verb is not None and any(
        c.dep_ == "aux" and c.lemma_.lower() in ("will", "shall") for c in verb.children))  # "will meet in May"
    tense = "past" if past else ("future" if future and not inferred else None)  # "..., while Putin met X": past
    start, end = _days_from_main_event(token, anchor, inferred), None
    if start is None:
        start, end = _dates(token, anchor, tense, inferred)
    if start is None:
        start = _same_day(token, anchor, tense, inferred)
    if start is None and verb is not None and verb.tag_ == "VBD" and not inferred:
        start = _entry_day(token, anchor)
    start, end = _stretch(token, start, end)
    series = _series(token, index) if is_noun else None
    strong = bool(location or ordinal or start or series or lemma in STRONG_NOUNS)
    status = _status(token, start, published, planned)
    return SummitMention(token, participants, location, start, end, ordinal, status, clause_sentence(token),
                         strong, series, date_inferred=inferred and start is not None, hosts=hosts,
                         sideline=is_verb and _sideline_summit(token) is not None,
                         bilaterals=_bilaterals(token, index) if is_verb and lemma == "meet"
                         else _talks_with_each(token, index) if is_noun else [],
                         more_places=_more_places(token, index, location) if token.tag_ == "NNS" else [],
                         explicit=is_verb and lemma == "meet" and _names_both_sides(token, index),
                         returns=[(place, *_dates(motion, anchor, tense, inferred))
                                  for place, motion in _returns(token, index)] if is_verb else [])


def _returns(verb: Token, index: EntityIndex) -> list[tuple[str, Token]]:
    """'Kim met Xi in Dalian in May, and returned to Beijing on June 19': travelling on, in a clause
    coordinated with the meeting, to a place in the state of the leader met is meeting them again there
    (the place and the motion verb, whose own dates date that meeting)."""
    if verb.lemma_.lower() != "meet":
        return []
    met = {index.state_of(k) for c in verb.children if c.dep_ == "dobj"
           and (k := index.key_of_phrase(c)) and index.kind(k) == "Leader"} - {None}
    found = []
    for motion in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        goal = _travelled_to(motion, index)
        if goal and index.kind(goal) == "Place" and _place_state(index, goal) in met:
            found.append((goal, motion))
    return found


def _more_places(noun: Token, index: EntityIndex, location: str | None) -> list[str]:
    """Places coordinated with a plural trigger's location: "meetings in Singapore, Hanoi and at the
    DMZ" were held in each (the first is the mention's own location)."""
    if location is None:
        return []
    found: list[str] = []
    for t in noun.subtree:
        if index.key_at(t) != location or t.dep_ != "pobj":
            continue
        others = [*t.conjuncts, *(c for c in t.children if c.dep_ == "appos")]
        others += [p for prep in t.head.conjuncts for p in prep.children if p.dep_ == "pobj"]  # "in X and at Y"
        for conj in others:
            key = index.key_of_phrase(conj)
            if key and key != location and key not in found and index.kind(key) in ("Place", "State"):
                found.append(key)
        break
    return found


def _names_both_sides(verb: Token, index: EntityIndex) -> bool:
    """The meeting verb's own subject and object are leaders ("Erdogan met Kristersson", "he met Xi")."""
    def leader(dep: str) -> bool:
        arg = next((c for c in verb.children if c.dep_ == dep), None)
        key = index.key_of_phrase(arg) if arg is not None else None
        return key is not None and index.kind(key) == "Leader"
    return leader("nsubj") and leader("dobj")


def _bilaterals(verb: Token, index: EntityIndex) -> list[list[str]]:
    """'The Russian president met Xi, Modi, Erdogan and Pezeshkian': a leader meeting three or more
    leaders in one breath holds a bilateral meeting with each (two are left as one meeting: "Biden met
    Kishida and Yoon" may be a trilateral summit)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    host = index.key_of_phrase(subject) if subject is not None else None
    if subject is not None and host is None:  # "The Russian president, Vladimir Putin, met ..."
        host = next((k for c in subject.children if c.dep_ == "appos" and (k := index.key_of_phrase(c))), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if host is None or index.kind(host) != "Leader" or obj is None:
        return []
    listed = [obj, *(a for a in obj.children if a.dep_ == "appos")]
    listed += [c for t in list(listed) for c in t.conjuncts if c not in listed]
    guests = list(dict.fromkeys(k for t in listed if (k := index.key_of_phrase(t)) and index.kind(k) == "Leader"
                                and k != host))
    return [[host, guest] for guest in guests] if len(guests) >= 3 else []


def _talks_with_each(noun: Token, index: EntityIndex) -> list[list[str]]:
    """'Yoon held separate talks with Li and with Kishida': a repeated "with" is a further meeting of
    the one who holds the talks (the first "with" stays the mention's own)."""
    first = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    if first is None or noun.dep_ != "dobj" or (subject := subject_of(noun.head)) is None:
        return []
    host = index.key_of_phrase(subject)
    if host is None or index.kind(host) != "Leader":
        return []
    guests = [k for prep in first.conjuncts if prep.lower_ == "with" for o in prep.children if o.dep_ == "pobj"
              if (k := index.key_of_phrase(o)) and index.kind(k) == "Leader" and k != host]
    return [[host, guest] for guest in guests]


def _receives_leader(verb: Token, index: EntityIndex) -> bool:
    """'Putin welcomed Kim', 'Modi was received by Biden': receiving a leader is a meeting ("welcomed
    the decision", "received a letter" are not)."""
    if verb.lemma_.lower() not in RECEIVING_VERBS:
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and (k := index.key_of_phrase(c)) and index.kind(k) == "Leader"
               for c in verb.children)


def _no_one(obj: Token, index: EntityIndex) -> bool:
    """An object naming no entity, not even through an apposition or an office ("met Syria's
    interim president, Ahmed al-Sharaa")."""
    return index.key_of_phrase(obj) is None and obj.lower_ not in lexicon.LEADER_NOUNS \
        and not any(c.dep_ == "appos" and index.key_of_phrase(c) for c in obj.children)


def _sits_down_with(verb: Token) -> bool:
    """'sat down with Biden': a meeting verb of its own."""
    children = {(c.dep_, c.lower_) for c in verb.children}
    return verb.lemma_.lower() == "sit" and ("prt", "down") in children and ("prep", "with") in children


def _arrival_host(verb: Token, index: EntityIndex) -> str | None:
    """'Kim arrived in Beijing on January 7 ... Xi pressed him to keep talking': a leader arriving in a
    place of another state whose leader the sentence, the one before or the one after names, is visiting
    that leader (the leader, or None: arriving at a summit's venue in a third state is no visit of its own)."""
    subject = subject_of(verb)
    visitor = index.key_of_phrase(subject) if subject is not None else None
    goal = _travelled_to(verb, index)
    if visitor is None or index.kind(visitor) != "Leader" or goal is None:
        return None
    state = goal if index.kind(goal) == "State" else _place_state(index, goal)
    if state is None or state == index.state_of(visitor):
        return None
    doc, sent = verb.doc, sentence(verb)
    first = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    last = sentence(doc[sent.end]).end if sent.end < len(doc) else sent.end
    return next((m.key for m in index.mentions if first <= m.start < last and index.kind(m.key) == "Leader"
                 and index.state_of(m.key) == state and _same_paragraph(doc[m.start], verb)), None)


def _shakes_hands_with(verb: Token) -> bool:
    """'Trump shook hands with Kim across the demarcation line': a handshake with someone is meeting them."""
    children = {(c.dep_, c.lemma_.lower()) for c in verb.children}
    return verb.lemma_.lower() == "shake" and ("dobj", "hand") in children and ("prep", "with") in children


def _spoke_on_the_sidelines(verb: Token) -> bool:
    """'Modi and Xi spoke briefly on the sidelines': talking on a summit's sidelines is meeting there
    (speaking by phone, or to reporters, is not)."""
    return verb.lemma_.lower() in ("speak", "talk") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "at") and any(p.dep_ == "pobj" and p.lower_ in SIDELINE_NOUNS
                                                             for p in c.children) for c in verb.children)


def _sidelines_of(noun: Token) -> Token | None:
    """The 'sidelines' (or 'margins') a summit noun is the object of: "on the sidelines of the summit"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in SIDELINE_NOUNS:
        return noun.head.head
    return None


def _sideline_summit(verb: Token) -> Token | None:
    """The summit on whose sidelines a meeting verb's meeting took place."""
    for t in verb.subtree:
        side = _sidelines_of(t) if t.lemma_.lower() in SUMMIT_TRIGGER_NOUNS else None
        if side is not None and side.dep_ == "pobj" and side.head.head.i == verb.i:
            return t
    return None


def _series(token: Token, index: EntityIndex) -> str | None:
    """The organisation a summit belongs to: "the Group of 20 summit", "a NATO summit"."""
    for t in token.doc[token.left_edge.i:token.i]:
        key = index.key_at(t)
        if key and index.kind(key) == "Organization":
            return key
    return None


def _participants_and_location(token: Token, index: EntityIndex, is_verb: bool) -> tuple[list[str], str | None]:
    found: list[str] = []
    location: str | None = None
    places: list[str] = []
    between = False  # "between" named who met

    def take(head: Token) -> None:
        if _dateline(head):
            return  # "SEOUL, June 20 (Agency) - Kim hosted Putin": the parse's extra subject
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            head = head.head.head  # "Kishida, who hosted the meeting"
        members = [head] if index.key_of_phrase(head) else _members(head)
        members += [a for m in members for a in m.children if a.dep_ == "appos"]  # "met Xi, Modi, ...": a list
        for t in (*(c for m in members for c in m.conjuncts), *members):
            key = index.key_of_phrase(t)
            if key and key not in found and index.kind(key) in PARTY_KINDS and _same_paragraph(t, token):
                found.append(key)

    for child in token.children:
        dep = child.dep_
        if dep in ("compound", "nmod", "amod", "poss") and child.i < token.i:
            for t in child.subtree:
                if _in_clause(t, child):
                    continue  # "a meeting that Washington fears ...": not a modifier of the meeting
                key = (_main_subject(token, index) if t.dep_ == "poss" and t.tag_ == "PRP$" else None) \
                    or index.key_at(t)
                if key and key not in found and key not in places and index.kind(key) in PARTY_KINDS | {"Place"}:
                    (places if index.kind(key) == "Place" else found).append(key)
        elif dep in ("nsubj", "dobj", "nsubjpass") and is_verb:
            if token.lemma_ == "visit" and dep == "dobj":
                key = index.key_of_phrase(child)
                if key and index.kind(key) in ("Place", "State"):
                    location = key
                    continue
            take(child)
        elif dep in ("prep", "agent") and child.lower_ in ("with", "between", "of", "by"):  # agent: "hosted by"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    take(pobj)
                    between = between or child.lower_ == "between"
        elif dep == "prep" and child.lower_ == "to" and token.lemma_ in ("visit", "trip"):  # "Xi's visit to Pyongyang"
            for pobj in child.children:
                key = index.key_of_phrase(pobj) if pobj.dep_ == "pobj" else None
                if key and index.kind(key) in ("Place", "State"):
                    location = key
    if is_verb and token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) \
            and (subject := subject_of(token)) is not None:
        take(subject)  # "Petro travelled to Caracas and met Maduro": the subject the verbs share
    if is_verb and token.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        for subject in (c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")):
            take(subject)  # "Li was expected to meet Kishida", "Xi is due to visit Paris": the raised subject
    if not is_verb and token.dep_ == "dobj":  # "Trump and Kim held the summit", "flew in to attend the summit"
        subject = subject_of(token.head)
        if subject is not None:
            take(subject)
    if len(_parties(found, index)) < 2 and _the_leaders(token):  # "the leaders last met in Astana"
        found += [k for k in _principal_pair(token, index) if k not in found]
    if len(_parties(found, index)) < 2 and _refers_to_pair(token):  # "their encounter": the pair just named
        found += [k for k in _previous_pair(token, index) if k not in found]
    if is_verb and any(c.dep_ == "nsubj" and (key := index.key_of_phrase(c)) and index.kind(key) == "Person"
                       for c in token.children):
        return [], location  # "Blinken would visit China": a minister's trip, whoever else the sentence names
    if len(_parties(found, index)) < 2 and not between:  # "a meeting between Tsai and a Speaker": no one else
        found += [k for k in _sentence_leaders(token, index) if k not in found]
    if is_verb and token.dep_ == "relcl" and any(c.lower_ == "where" for c in token.children):
        key = index.key_of_phrase(token.head)  # "Tokyo, where he met Ishiba": the place the clause is about
        if key and index.kind(key) in ("Place", "State"):
            location = location or key
    if token.lemma_.lower() != "welcome":  # "welcomed him with a ceremony in X": a venue, not the summit's place
        location = location or _location(token, index)
    if location is None and is_verb and (summit := _sideline_summit(token)) is not None:
        location = _location(summit, index)
    if location is None and is_verb:
        location = _destination(token, index)
    if location is None and not is_verb and token.dep_ == "pobj" and (token.head.lower_ == "for" or (
            token.head.lower_ == "on" and token.lemma_.lower() in ("trip", "visit"))):
        # "will travel to New Delhi for talks with Modi", "flew to Tehran on his first trip abroad"
        location = _travelled_to(token.head.head, index)
    travelled = is_verb and token.dep_ == "conj" and (location is None or index.entities[location].qid is None) \
        and (goal := _travelled_to(token.head, index)) is not None
    if travelled:  # "Petro travelled to Caracas ... and met Maduro at the Miraflores palace": a visit there
        location = goal
    if location is None and places:
        location = places[0]
    if location is None:
        states = [k for k in found if index.kind(k) == "State"]
        others = [k for k in found if index.kind(k) != "State"]
        # "the Singapore Trump-Kim summit": a state modifier that is not any participant's state
        if len(states) == 1 and others and all(index.state_of(o) != states[0] for o in others):
            location = states[0]
            found.remove(states[0])
    if location and token.lemma_ in ("visit", "trip") and index.kind(location) == "State":
        location = _arrival_place(token, index, location) or _capital_named(token, index, location) \
            or _dateline_place(token.doc, index, location) or location
    if location and (token.lemma_ in ("visit", "trip") or travelled):
        host = location if index.kind(location) == "State" else _place_state(index, location)
        if host and host not in found:
            found.append(host)
    return found, _as_place(index, location) if location else None


def _arrived_at(doc: Doc, index: EntityIndex, group: SummitMention, visits: set[int]) -> str | None:
    """'The second summit between Trump and Kim ended abruptly ... Kim arrived in the Vietnamese capital on
    Tuesday': a summit the text places nowhere is held in the city a party of it arrives in, outside their
    own state, within five sentences (the nearest such arrival) -- not an arrival that is a visit of its
    own (``visits``: the tokens of every summit's mentions), nor a past one for a planned summit."""
    arrivals = []
    for i in indices(words_of(doc).lemma, ARRIVAL_VERBS):
        verb = doc[i]
        if i in visits or (group.status == "Planned" and verb.tag_ in ("VBD", "VBN")):
            continue
        subject = subject_of(verb) if verb.pos_ == "VERB" else None
        leader = index.key_of_phrase(subject) if subject is not None else None
        goal = _travelled_to(verb, index)
        if leader is None or leader not in group.participants or index.kind(leader) != "Leader" or goal is None \
                or index.kind(goal) != "Place" or _place_state(index, goal) == index.state_of(leader):
            continue
        apart = _sentences_apart(group.token, verb)
        if apart <= 5:
            arrivals.append((apart, goal))
    return min(arrivals)[1] if arrivals else None


def _dateline(token: Token) -> bool:
    """'SEOUL, June 20 (Agency) - ...': the city of a wire dateline opening its line."""
    text = text_of(token.doc)
    line = text.rfind("\n", 0, token.idx) + 1
    return token.is_upper and not text[line:token.idx].strip() and DATELINE_CITY.match(text, line) is not None


TIME_LINKS = frozenset({"after", "before", "since", "following", "during"})


def _main_subject(trigger: Token, index: EntityIndex) -> str | None:
    """'Kim held talks with Putin in Vladivostok, weeks after his summit with Trump collapsed': "his" on
    a summit placed in time against another event is that event's subject (a leader), not the leader
    named last."""
    linked, node = False, trigger
    while node.head.i != node.i:
        node = node.head
        if (node.dep_ == "prep" and node.lower_ in TIME_LINKS) or any(
                c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in node.children):
            linked = True
        elif linked and node.pos_ in ("VERB", "AUX"):
            subject = subject_of(node)
            key = index.key_of_phrase(subject) if subject is not None else None
            return key if key and index.kind(key) == "Leader" else None
    return None


def _arrival_place(token: Token, index: EntityIndex, state: str) -> str | None:
    """'arrived in Moscow on July 8 for his first visit to Russia', 'his trip to Russia, when he met Putin
    at the Vostochny Cosmodrome': the place in the visited state the sentence has the visitor arrive in,
    travel to or meet at is where the visit is held."""
    for t in sentence(token):
        key = index.key_at(t)
        if key and index.kind(key) == "Place" and t.dep_ == "pobj" and t.head.lower_ in ("in", "to", "at") \
                and t.head.head.lemma_.lower() in lexicon.PLACE_VERBS | lexicon.SUMMIT_VERBS \
                and _place_state(index, key) == state:
            return key
    return None


def _capital_named(token: Token, index: EntityIndex, state: str) -> str | None:
    """'signed a treaty in Pyongyang ..., during his first visit to North Korea', 'landed at Pyongyang's
    airport. It was his first visit to North Korea': a visit to a state whose capital its sentence or
    the one before names (as the city, or as the state the name stands for) is held in the capital."""
    qid = index.entities[state].qid
    entry = index.gaz.by_qid(qid) if qid else None
    capital = index.gaz.by_qid(entry.capital) if entry is not None and entry.capital else None
    if capital is None or gaz_kind(capital) != "Place":
        return None
    names = {name.lower() for name in capital.names}
    doc, sent = token.doc, sentence(token)
    start = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    for m in index.mentions:
        if start <= m.start < sent.end and _same_paragraph(doc[m.start], token) and (
                index.entities[m.key].qid == capital.qid
                or re.sub(r"['\u2019]s?$", "", doc[m.start:m.end].text.lower()) in names):
            return index.entity_for(capital, "Place")
    return None


# A wire story's dateline: "BRASILIA, May 29 (Agency) -", "RIYADH -" opening a line near the top.
DATELINE_CITY = re.compile(r"^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)(?:,[^\n]{0,60}?)?[ \t]+"
                           r"(?:-|--|\u2013|\u2014)(?:[ \t]|$)", re.MULTILINE)
DATELINE_REACH = 600  # characters from the top of the text a dateline may open


def _dateline_place(doc: Doc, index: EntityIndex, state: str) -> str | None:
    """'BRASILIA, May 29 - ... the first visit by Maduro to Brazil': a visit to the state the story is
    filed from, with no place the visitor arrives in, is held in the dateline's city (a place the
    gazetteer files in that state)."""
    match = DATELINE_CITY.search(doc.text, 0, DATELINE_REACH)
    if match is None:
        return None
    places = [e for e in index.gaz.lookup(match.group(1).title()) if gaz_kind(e) == "Place" and e.state == state]
    return index.entity_for(places[0], "Place") if len(places) == 1 else None


def _as_place(index: EntityIndex, key: str) -> str | None:
    """The summit's location as a place: a building the gazetteer files as an organisation ("at the
    White House") stands for its state's capital. The ontology keeps places and organisations
    apart, so the shapes dropped a summit located at the organisation itself."""
    if index.kind(key) != "Organization":
        return key
    entry = index.entries.get(key)
    state = index.gaz.by_qid(entry.state) if entry is not None and entry.state else None
    capital = index.gaz.by_qid(state.capital) if state is not None and state.capital else None
    return index.entity_for(capital) if capital is not None and gaz_kind(capital) == "Place" else None


def _in_clause(token: Token, top: Token) -> bool:
    """A verb stands between ``token`` and ``top`` (its ancestor): the token is inside a clause."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX"):
            return True
        current = current.head
    return top.pos_ in ("VERB", "AUX")


def _members(head: Token) -> list[Token]:
    """'the leaders of the United States, India and Australia' -> the states the leaders speak for."""
    if head.lemma_.lower() not in lexicon.MEMBER_NOUNS:
        return [head]
    return [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children if p.dep_ == "pobj"] or [head]


def _place_state(index: EntityIndex, key: str) -> str | None:
    """The state a gazetteer place or leader belongs to, as an entity key (added unmentioned if need be)."""
    entry = index.entries.get(key)
    state = getattr(entry, "state", None) if entry is not None else index.state_of(key)
    if not state:
        return None
    if state not in index.entities:
        state_entry = index.gaz.by_qid(state)
        if state_entry is None:
            return None
        index.entity_for(state_entry, "State")
    return state


def _refers_to_pair(token: Token) -> bool:
    """'their summit', 'they met', 'the two leaders held talks', 'both men'."""
    doc, lower = token.doc, words_of(token.doc).lower
    words = {lower[c.i] for c in token.children} | {lower[c.i] for c in token.head.children}
    sent = sentence(token)
    return bool(words & PAIR_WORDS) or any(lower[i] in PAIR_WORDS and doc[i].dep_ in ("nsubj", "poss", "nummod", "det")
                                           and _of_persons(doc[i]) for i in range(sent.start, sent.end))


def _of_persons(word: Token) -> bool:
    """'they', 'their', 'the two men', 'both leaders' -- not 'about two hours'."""
    if word.dep_ in ("nsubj", "poss"):
        return True
    return word.head.lemma_.lower() in PAIR_NOUNS


def _the_leaders(token: Token) -> bool:
    """'The leaders last met in Astana', 'the two men met again': the subject is the article's pair,
    named plainly -- not "G7 leaders", "European leaders", "the leaders of Niger and Mali"."""
    return any(c.dep_ == "nsubj" and c.tag_ == "NNS" and c.lemma_.lower() in PAIR_NOUNS
               and [g.lower_ for g in c.children if g.dep_ not in ("punct",)] in (["the"], ["the", "two"])
               for c in token.children)


def _previous_pair(token: Token, index: EntityIndex, sentences: int | None = 4) -> list[str]:
    """The last two distinct leaders mentioned before the trigger, within the last few sentences
    (``None``: anywhere before it)."""
    start = sentence(token).start if sentences is not None else 0
    for _ in range(sentences or 0):
        if start == 0:
            break
        start = sentence(token.doc[start - 1]).start
    keys: list[str] = []
    for mention in reversed(index.mentions):
        if mention.start >= token.i or mention.start < start:
            continue
        if index.kind(mention.key) == "Leader" and mention.key not in keys \
                and not _in_other_relative_clause(token.doc[mention.start], None):
            keys.append(mention.key)
            if len(keys) == 2:
                return keys
    return []


def _principal_pair(token: Token, index: EntityIndex) -> list[str]:
    """'The two leaders last met in Hanoi': the two leaders the text has named most before the trigger
    (the story's pair, not whoever was named last: "Trump had met Xi in Osaka the day before. The two
    leaders last met in Hanoi" is Trump and Kim); of equally named ones, the one named last."""
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for mention in index.mentions:
        if mention.start < token.i and index.kind(mention.key) == "Leader" \
                and not _in_other_relative_clause(token.doc[mention.start], None):
            counts[mention.key] = counts.get(mention.key, 0) + 1
            last[mention.key] = mention.start
    ranked = sorted(counts, key=lambda k: (counts[k], last[k]), reverse=True)
    return ranked[:2] if len(ranked) >= 2 else []


def _governing_verb(token: Token) -> Token | None:
    head = token.head
    for _ in range(2):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.i == head.head.i:
            return None
        head = head.head
    return None


def _location(token: Token, index: EntityIndex) -> str | None:
    """A place in an 'in'/'at' phrase attached to the trigger, its modifiers or its verb, looked for
    inside the phrase too ("at the Capella hotel on Singapore's Sentosa island"), but not inside a
    nested summit phrase ("since talks in Vladivostok")."""
    heads = [token]
    verb = _governing_verb(token) if token.pos_ == "NOUN" else None
    if verb is not None and verb.i in (token.head.i, token.head.head.i):
        heads.append(verb)
    for head in heads:
        for t in _own_subtree(head, token):
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and not _verb_between(t.head, head):
                places = [_capital_as_city(index, inner, key) for inner in _own_subtree(t, token)
                          if not _verb_between(inner, t) and (key := index.key_at(inner)) and _a_place(index, key)]
                if places:  # the best known of "Joint Base Elmendorf-Richardson in Anchorage, Alaska"
                    return min(places, key=lambda k: _place_rank(index, k))
    return None


def _capital_as_city(index: EntityIndex, token: Token, key: str) -> str:
    """'talks at the presidential office in Seoul': a capital's name the linker reads as its state (the
    office speaks for South Korea) is, as where leaders meet, the city."""
    qid = index.entities[key].qid if index.kind(key) == "State" else None
    entry = index.gaz.by_qid(qid) if qid else None
    capital = index.gaz.by_qid(entry.capital) if entry is not None and entry.capital else None
    if capital is None or gaz_kind(capital) != "Place" or capital.qid == qid:
        return key
    name = re.sub(r"['\u2019]s?$", "", token.text.lower())
    return index.entity_for(capital, "Place") if name in {n.lower() for n in capital.names} else key


def _destination(verb: Token, index: EntityIndex) -> str | None:
    """'flew to Tokyo to meet Takaichi': where the leader travelled to meet is where they met."""
    if verb.dep_ not in ("xcomp", "advcl"):
        return None
    return _travelled_to(verb.head, index)


def _travelled_to(motion: Token, index: EntityIndex) -> str | None:
    """The place a motion verb ("flew to Tokyo", "will travel to New Delhi") names as its goal."""
    if lemma_in(motion, lexicon.PLACE_VERBS) is None:
        return None
    for prep in motion.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "into"):
            for pobj in prep.children:
                key = index.key_of_phrase(pobj) if pobj.dep_ == "pobj" else None
                if key and index.kind(key) in ("Place", "State"):
                    return key
    return None


def _a_place(index: EntityIndex, key: str) -> bool:
    """A place or state, or a building the gazetteer files as an organisation ("at the White House")."""
    if index.kind(key) in ("Place", "State"):
        return True
    entry = index.entries.get(key)
    return index.kind(key) == "Organization" and "building" in str(getattr(entry, "category", ""))


def _verb_between(token: Token, top: Token) -> bool:
    """A clause's verb stands strictly between ``token`` and its ancestor ``top``: the token is in a
    clause of its own ("came after a weekend in which Trump wrote that ... in South Korea"); a
    participle ("the summit planned for ... in Hanoi") is no such boundary."""
    if token.i == top.i:
        return False
    current = token.head
    while current.i != top.i and current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX") and (current.dep_ != "acl" or any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in current.children)):
            return True
        current = current.head
    return False


def _place_rank(index: EntityIndex, key: str) -> int:
    """Linked places (and city-states) first, then places the gazetteer knows, then states, then the rest."""
    entity, entry = index.entities[key], index.entries.get(key)
    city_state = entity.kind == "State" and entry is not None and getattr(entry, "capital", None) == entity.qid
    if entity.qid and (entity.kind == "Place" or city_state):
        return 0
    if entry is not None and entity.kind == "Place":
        return 1
    return 2 if entity.qid else 3


def _own_subtree(head: Token, trigger: Token) -> list[Token]:
    """The subtree of ``head`` without other summit mentions' subtrees, in the trigger's sentence."""
    w = words_of(head.doc)
    subtree = list(head.subtree)
    own = (trigger.i, head.i)
    skip: set[int] = set()
    for t in subtree:
        i = t.i
        if i not in own and i not in skip and w.pos[i] == "NOUN" \
                and (w.lemma[i] in SUMMIT_TRIGGER_NOUNS or w.lower[i] in SUMMIT_TRIGGER_NOUNS):
            skip |= {x.i for x in t.subtree}
    sent = sentence(trigger)
    return [t for t in subtree if t.i not in skip and sent.start <= t.i < sent.end]


def _sentence_leaders(token: Token, index: EntityIndex) -> list[str]:
    """Leaders named in the trigger's sentence, except inside a quotation ('called him "President
    Putin"') or a relative clause about something else ('the capital, where Orban offered to host')."""
    keys: list[str] = []
    for t in sentence(token):
        key = index.key_at(t)
        if key and key not in keys and index.kind(key) == "Leader" and _same_paragraph(t, token) \
                and not quoted(t) and not _in_other_relative_clause(t, token) and not _other_conjunct(t, token) \
                and not _in_other_report(t, token):
            keys.append(key)
    return keys


def _in_other_report(token: Token, trigger: Token) -> bool:
    """Inside what a verb of saying reports, where the trigger is not ("Trump wrote from the G20 summit
    that if Kim saw his message ..."): someone the report names is not at the summit the reporter is at."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "ccomp" and lemma_in(ancestor.head, lexicon.SAY_VERBS):
            return not ancestor.left_edge.i <= trigger.i <= ancestor.right_edge.i
    return False


CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})


def _other_conjunct(token: Token, trigger: Token) -> bool:
    """In another of two coordinated or contrasted clauses ("Kim has not met Trump since ..., and KCNA
    made no mention of new talks", "Raisi will visit Moscow, while Putin met Khamenei"): a leader of
    one clause does not meet in the other."""
    a, b = _clause_verb(token), _clause_verb(trigger)
    if a == b:
        return False
    doc = token.doc

    def contrasted(clause: Token) -> bool:  # "..., while Putin met Khamenei in Tehran"
        return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in clause.children)

    return (doc[a].dep_ == "conj" and doc[a].head.i == b) or (doc[b].dep_ == "conj" and doc[b].head.i == a) \
        or (contrasted(doc[a]) and doc[a].head.i == b) or (contrasted(doc[b]) and doc[b].head.i == a)


def _in_other_relative_clause(token: Token, trigger: Token | None) -> bool:
    """Inside a wh-relative clause ("where ...", "who ...") that does not hold the trigger. A clause on
    the summit itself or its date ("the annual summit on February 17-18, where X took over the chair
    from Y") tells who was there."""
    current = token
    while current.head.i != current.i:
        if current.dep_ == "relcl" and any(c.tag_ in ("WRB", "WDT", "WP", "WP$") for c in current.children):
            if trigger is not None and _on_the_summit(current.head, trigger):
                return False
            return trigger is None or not (current.left_edge.i <= trigger.i <= current.right_edge.i)
        current = current.head
    return False


def _on_the_summit(antecedent: Token, trigger: Token) -> bool:
    """The antecedent is the summit noun, or the date in a phrase on it ("summit on February 17")."""
    if trigger.pos_ != "NOUN" or trigger.lemma_.lower() not in STRONG_NOUNS:
        return False
    if antecedent.i == trigger.i:
        return True
    prep = antecedent.head
    return antecedent.ent_type_ == "DATE" and prep.dep_ == "prep" and prep.head.i == trigger.i


def _same_paragraph(a: Token, b: Token) -> bool:
    first, last = (a, b) if a.i < b.i else (b, a)
    return "\n" not in text_of(a.doc)[first.idx:last.idx]


def _planned(token: Token) -> bool:
    w = words_of(token.doc)
    head = token.head.i
    near = [*token.children, token.head, *token.head.children]
    return any(w.lemma[t.i] in lexicon.PLANNED_WORDS or w.lower[t.i] in lexicon.PLANNED_WORDS for t in near
               if t.dep_ in ("acl", "amod", "aux", "xcomp", "ROOT", "dobj", "relcl") or t.i == head)


def _dates(token: Token, anchor: datetime | None, tense: str | None,
           inferred: bool) -> tuple[DateValue | None, DateValue | None]:
    """The date attached to the trigger or its verb, else the sentence's only day-precise date.
    A date on an ending verb ("ended abruptly on Thursday") is the end date."""
    scope = {t.i for t in _own_subtree(token, token)} - _conjoined_clauses(token)
    verb = _governing_verb(token) if token.pos_ == "NOUN" else token
    if verb is not None:
        scope |= {t.i for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in _own_subtree(c, token)}
    dated = [(ent, value) for ent in ents_in(sentence(token)) if ent.label_ == "DATE" and not _bound(ent)
             and (value := _resolve(ent, anchor, tense, inferred)) is not None]
    attached = [(ent, value) for ent, value in dated if ent.start in scope]
    if not attached:  # the clause's one exact date, when the sentence tells of this meeting only
        attached = [(e, v) for e, v in dated if v.start.precision == "day" and _same_report(e.root, token)
                    and not _outside_time_clause(e.root, token)]
        sent, w = sentence(token), words_of(token.doc)
        triggers = [i for i in range(sent.start, sent.end) if w.pos[i] in ("NOUN", "VERB") and (
            w.lemma[i] in SUMMIT_TRIGGER_NOUNS or w.lemma[i] in lexicon.SUMMIT_VERBS)]
        if len(attached) != 1 or len(triggers) != 1:
            return None, None
    ent, value = min(attached, key=lambda a: PRECISION_RANK[a[1].start.precision])  # "a year later, on May 4"
    if value.end is None and ent.root.head.head.lemma_.lower() in END_VERBS:
        return None, value.start
    return value.start, value.end


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
    """The latest date stated with its year (or dated so itself) before ``ent`` in its sentence or the
    one before, in the same paragraph, as the middle of its year (so that any day of that year is the
    nearest of its name); bounds ("since 2006") tell no time of the story."""
    doc, sent = ent.doc, sentence(ent.root)
    start = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    for earlier in reversed(ents_in(doc[start:ent.start])):
        if earlier.label_ != "DATE" or _bound(earlier) or not _same_paragraph(earlier.root, ent.root):
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
    clause = trigger.doc[_clause_verb(trigger)]
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in clause.children):
        return False
    return not clause.left_edge.i <= date.i <= clause.right_edge.i


PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "csubj", "parataxis", "acl"})


def _clause_verb(token: Token) -> int:
    """The verb heading the (finite or adverbial) clause a token is in, as a token index: "imposed
    sanctions on Wednesday, hours after Trump said he had called off a summit" puts the date and
    the summit in different clauses."""
    current = token
    while current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX") and current.dep_ in CLAUSE_DEPS:
            return current.i
        current = current.head
    return current.i


def _same_report(date: Token, trigger: Token) -> bool:
    """The date is inside the reported clause the trigger is in, if it is in one: "imposed sanctions on
    Wednesday, hours after Trump said he had called off a summit" does not date the summit."""
    for ancestor in trigger.ancestors:
        if ancestor.dep_ == "ccomp" and lemma_in(ancestor.head, lexicon.SAY_VERBS):
            return ancestor.left_edge.i <= date.i <= ancestor.right_edge.i
    return True


def _stretch(token: Token, start: DateValue | None, end: DateValue | None) -> tuple[DateValue | None, DateValue | None]:
    """A day on a visit of stated length: "Xi's two-day visit ended on Friday" began on Thursday; "on
    Wednesday, the second day of Moon's three-day visit" ran from Tuesday to Thursday; "arrived on
    Tuesday for a four-day visit" ends on Friday."""
    length = _length_in_days(token)
    if length is None or length < 2:
        return start, end
    if start is None and end is not None and end.precision == "day":
        return DateValue(end.value - timedelta(days=length - 1), "day"), end
    if start is not None and end is None and start.precision == "day":
        first = start.value - timedelta(days=(_day_of(token) or 1) - 1)
        return DateValue(first, "day"), DateValue(first + timedelta(days=length - 1), "day")
    return start, end


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


def _day_of(noun: Token) -> int | None:
    """'on the second day of his visit': which of the event's days the sentence's date is."""
    day = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if day is None or day.lower_ != "day":
        return None
    return next((lexicon.ORDINALS[c.lower_] for c in day.children
                 if c.dep_ == "amod" and c.lower_ in lexicon.ORDINALS), None)


DAY_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days_from_main_event(token: Token, anchor: datetime | None, inferred: bool) -> DateValue | None:
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
    """'her first visit since 2017', 'until March', 'by Monday': a bound of a period, not the meeting's
    date."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return ent[0].lower_ in BOUND_WORDS or before in BOUND_WORDS


def _status(token: Token, start: DateValue | None, published: datetime | None, planned: bool) -> str | None:
    """Cancelled, cut short, planned or held; ``planned`` is ``_planned(token)``."""
    lemmas = words_of(token.doc).lemma
    words = {lemmas[t.i] for t in (token.head, *token.children, *token.head.children)}
    if words & lexicon.CANCELLED_WORDS or {"call", "off"} <= words:
        return "Cancelled"
    if "cut" in words and "short" in {t.lower_ for t in token.head.subtree}:
        return "CutShort"
    verb = token if token.pos_ == "VERB" else _governing_verb(token)
    if planned and not (verb is not None and verb.tag_ == "VBD"):  # "expected ..., while Putin met X"
        return "Planned"
    if start is not None and published is not None:
        return "Held" if start.value <= published else "Planned"
    if verb is not None and verb.tag_ in ("VBD", "VBN") and verb.lemma_ in ("meet", "hold", "host", "visit"):
        return "Held"
    return None


# A live blog's entry opens with its time: "15:46 - Trump steps ...", "11:40 am: ...".
ENTRY_TIME = re.compile(r"(?:^|\n)[ \t]*\d{1,2}[:.]\d{2}[ \t]*(?:[ap]\.?m\.?)?[ \t]*(?:-|\u2013|\u2014|:)[ \t]")


def _entry_day(token: Token, anchor: datetime | None) -> DateValue | None:
    """'15:46 - Trump shook hands with Kim at the border': an undated meeting a live blog's entry tells
    in the simple past happened on the entry's day (the day heading's, else the page's)."""
    text = text_of(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    if anchor is None or not ENTRY_TIME.match(text, max(start - 1, 0)):
        return None
    return DateValue(datetime(anchor.year, anchor.month, anchor.day, tzinfo=UTC), "day")


SAME_DAY = re.compile(r"^(?:(?:earlier|later)\s+)?(?:the|that)\s+(?:same\s+)?day$", re.IGNORECASE)


def _same_day(token: Token, anchor: datetime | None, tense: str | None, inferred: bool) -> DateValue | None:
    """'On Saturday Trump spoke in Osaka ... He had met Xi there the same day': "the same day", "later
    that day" is the last day the text named before, in the sentence or the one before."""
    sent = sentence(token)
    same = next((e for e in ents_in(sent) if e.label_ == "DATE" and SAME_DAY.match(e.text.strip())), None)
    if same is None or anchor is None:
        return None
    doc = token.doc
    start = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    for earlier in reversed(ents_in(doc[start:same.start])):
        if earlier.label_ == "DATE" and not _bound(earlier) and _same_paragraph(earlier.root, token) \
                and (value := _resolve(earlier, anchor, tense, inferred)) is not None \
                and value.start.precision == "day":
            return value.start
    return None


NEXT_DAY = re.compile(r"^(?:the\s+)?(?:next|following)\s+day$|^(?:a|one)\s+day\s+later$", re.IGNORECASE)


def _next_days(mentions: list[SummitMention]) -> None:
    """"The next day Xi hosted Macron in Guangzhou": the day after the meeting dated just before
    (in this sentence or the one before it)."""
    before = None  # the last mention with a day
    for m in mentions:
        if m.start is None and before is not None and _sentences_apart(before.token, m.token) <= 1 and any(
                ent.label_ == "DATE" and NEXT_DAY.match(ent.text.strip()) for ent in ents_in(sentence(m.token))):
            m.start = DateValue((before.end or before.start).value + timedelta(days=1), "day")
        if m.start is not None and m.start.precision == "day":
            before = m


# --- merging ------------------------------------------------------------------------------------------
def _parties(keys: list[str], index: EntityIndex) -> set[str]:
    return {index.state_of(k) or k for k in keys if index.kind(k) in PARTY_KINDS}


def _has_leader(keys: list[str], index: EntityIndex) -> bool:
    return any(index.kind(k) == "Leader" for k in keys)


def _keyed(m: SummitMention) -> bool:
    """The mention says which summit it is: by place, ordinal, date or forum."""
    return bool(m.location or m.ordinal or m.start or m.series)


def _compatible(a: SummitMention, b: SummitMention, index: EntityIndex, partial: bool = False) -> bool:
    """Nothing the two mentions state conflicts. A forum on one side only conflicts, unless both are
    partial (``partial``: "the ASEAN summit" and "the gathering in Kuala Lumpur")."""
    if a.location and b.location and a.location != b.location:
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if a.start and b.start and a.start.value.date() != b.start.value.date():
        return False
    conflicting_series = bool(a.series and b.series) if partial else bool(a.series or b.series)
    if conflicting_series and a.series != b.series:
        return False
    pa, pb = _parties(a.participants, index), _parties(b.participants, index)
    if (_separately(a) or _separately(b)) and pa != pb:
        return False  # "Erdogan also met Putin separately in the Iranian capital": not the summit there
    if _is_visit(a) and _is_visit(b) and len(pa) >= 2 and len(pb) >= 2 and pa != pb:
        return False  # "Putin's visit to North Korea" and "Xi's visit to North Korea": two visits
    if partial:  # each names one party of the same summit
        return a.sideline == b.sideline
    if a.sideline != b.sideline:  # a sideline meeting is not the summit it is held at, only itself again
        return pa == pb and not (a.series or b.series)
    return not (pa and pb and not pa & pb)


def _separately(m: SummitMention) -> bool:
    """A meeting the text sets apart from the others at its place and day ("met Putin separately")."""
    return any(c.dep_ == "advmod" and c.lower_ == "separately" for c in m.token.children)


def _same(a: SummitMention, b: SummitMention) -> bool:
    return bool((a.location and a.location == b.location) or (a.ordinal and a.ordinal == b.ordinal)
                or (a.start and b.start and a.start.value.date() == b.start.value.date())
                or (a.series and a.series == b.series))


def _merge(mentions: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """Keyed mentions first (same place, ordinal, date or forum: one summit); then every other
    mention joins the latest summit before it whose parties include its own ("the summit", "their
    meeting"), or that has no parties yet (a summit named by its place or forum takes the leaders
    the text then places at it), and only a mention naming two parties and a leader starts a summit
    of its own."""
    groups: list[SummitMention] = []
    deferred: list[SummitMention] = []  # keyed by an ordinal alone, and no summit of that ordinal yet
    for m in filter(_keyed, mentions):
        target = next((g for g in groups if _same(g, m) and _compatible(g, m, index)), None)
        target = target or next((g for g in groups if _widens(g, m) and not (m.location and m.location != g.location)
                                 and _parties(m.participants, index) <= _parties(g.participants, index)), None)
        if target is not None:
            _absorb(target, m)
        elif m.location or m.start or m.series:
            groups.append(m)
        else:  # "their first encounter in a year", "their second summit": which one, the context says
            deferred.append(m)
    groups = _join_partials(groups, index)
    for m in mentions:
        for pair in m.bilaterals:  # on the mention's day and at its place
            groups.append(SummitMention(m.token, pair, m.location, m.start, m.end, None, m.status, m.evidence,
                                        False))
        for place in m.more_places:
            groups.append(SummitMention(m.token, list(m.participants), place, None, None, None, m.status,
                                        m.evidence, True))
        for place, start, end in m.returns:
            groups.append(SummitMention(m.token, list(m.participants), place, start, end, None, m.status,
                                        m.evidence, True))
    for m in [m for m in mentions if not _keyed(m) or any(m is d for d in deferred)]:
        parties = _parties(m.participants, index)
        # "the summit": whichever the text has named; "the summit between Kim and Trump" names its own
        definite = m.token.pos_ == "NOUN" and m.token.lemma_.lower() in STRONG_NOUNS and not (
            len(parties) >= 2 and any(c.dep_ == "prep" and c.lower_ in ("between", "with") for c in m.token.children))
        if m.sideline:
            if len(parties) >= 2 and _has_leader(m.participants, index):
                _at_summit(m, [g for g in groups if not g.sideline and _first(g) < m.token.i])
                groups.append(m)
            continue
        fitting = [g for g in groups if not (definite and g.sideline) and not _another_leader(m, g, index) and not (
            m.ordinal and g.ordinal and m.ordinal != g.ordinal) and (
            definite or not _parties(g.participants, index) or parties <= _parties(g.participants, index))]
        before = [g for g in fitting if _first(g) < m.token.i]
        if not before and len(parties) >= 2 and _has_leader(m.participants, index) and m.ordinal is None \
                and not definite:
            groups.append(m)  # "Putin told reporters after the talks" before "they last met in Astana": its own
            continue
        if not before and m.ordinal is None and (pair := _lede_pair(m, index)):
            m.participants = [*pair, *(k for k in m.participants if k not in pair)]
            groups.append(m)
            continue
        target = max(before, key=lambda g: _last_before(g, m.token.i)) if before else (fitting[0] if fitting else None)
        if target is not None and m.explicit and len(parties) == 2 and _parties(
                [k for k in target.participants if k != target.location], index) > parties:
            # a bilateral at a larger summit: its leaders take part in that summit, and meet on their own
            target.participants += [k for k in m.participants if k not in target.participants]
            groups.append(m)
            continue
        if target is not None and (parties or before):
            known = _parties(target.participants, index)
            if known and not parties <= known and not set(m.participants) & set(target.participants):
                m.participants = []  # "Seoul was watching the summit": an observer, not a participant
            _absorb(target, m)
        elif len(parties) >= 2 and _has_leader(m.participants, index):
            groups.append(m)  # "Putin met Xi", "the Putin-Xi summit" without place or date

    return groups


DEMONSTRATIVES = frozenset({"that", "this"})


def _join_anaphors(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'... to save the planned summit between Kim and Trump. That summit took place in Singapore on June
    12': a summit named by a demonstrative and no party is the summit named last before it, within two
    sentences, when nothing they state conflicts."""
    joined: list[SummitMention] = []
    for group in groups:
        named = (c for m in (group, *group.merged) for c in m.token.children)
        if _parties(group.participants, index) or not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES
                                                          for c in named):
            continue
        earlier = [o for o in groups if o is not group and all(o is not j for j in joined)
                   and _first(o) < _first(group)]
        summit = max(earlier, key=lambda o: _last_before(o, group.token.i), default=None)
        if summit is not None and _sentences_apart(group.token, group.token.doc[_last_before(summit, group.token.i)]) \
                <= 2 and _compatible(summit, group, index):
            _absorb(summit, group)
            joined.append(group)
    return [g for g in groups if all(g is not j for j in joined)]


def _date_from_part(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'Kim welcomed Xi to Pyongyang ... Xi's two-day state visit ended on Friday': a dated mention that
    names one party only, within two sentences after an undated summit of that party (the latest), at
    no other place, is that summit's date."""
    joined: list[SummitMention] = []
    for group in groups:
        parties = _parties(group.participants, index)
        if len(parties) != 1 or group.start is None:
            continue
        earlier = [o for o in groups if o is not group and all(o is not j for j in joined)
                   and _first(o) < _first(group) and parties <= _parties(o.participants, index)]
        summit = max(earlier, key=_first, default=None)
        if summit is None or summit.start is not None or len(_parties(summit.participants, index)) < 2 \
                or _sentences_apart(summit.token, group.token) > 2 \
                or (group.location and summit.location and group.location != summit.location):
            continue
        _absorb(summit, group)
        joined.append(group)
    return [g for g in groups if all(g is not j for j in joined)]


def _join_visit_days(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'Modi arrived in Moscow on July 8 for his first visit to Russia ... The two leaders held formal
    talks at the Kremlin the next day': a visit's session on the day after it (so far) ends, by the same
    parties, at its place or at a venue the record cannot place, within a few sentences, is the same
    visit, which then runs to that day."""
    groups = _join_venues(groups, index)
    out: list[SummitMention] = []
    for group in groups:
        visit = next((o for o in reversed(out) if _next_day_of_visit(o, group, index)), None)
        if visit is None:
            out.append(group)
            continue
        day = group.start
        group.location = visit.location
        _absorb(visit, group)
        visit.end = day
    return out


def _join_venues(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'Lula received Maduro at the Planalto Palace on Monday, the first visit by Maduro to Brazil': a
    meeting at a venue the record cannot place and a visit by the same parties on the same day, in the
    same sentence, are one visit, held where the visit is; so is such a meeting on one of the visit's
    stated days, within three sentences ("Kim greeted Moon at Sunan airport on Tuesday")."""
    visits = [g for g in groups if _is_visit(g)]
    out = []
    for group in groups:
        venue = group.location is not None and index.entities[group.location].qid is None
        visit = next((v for v in visits if v is not group and venue
                      and _parties(v.participants, index) == _parties(group.participants, index)
                      and ((_sentences_apart(v.token, group.token) == 0
                            and (v.start is None or group.start is None or v.start == group.start))
                           or (_sentences_apart(v.token, group.token) <= 3 and _during(group, v)))), None)
        if visit is None:
            out.append(group)
            continue
        group.location = visit.location
        _absorb(visit, group)
    return out


def _during(meeting: SummitMention, visit: SummitMention) -> bool:
    """'arrived in Pyongyang on Tuesday for a three-day visit ... met Moon at the Paekhwawon State
    Guesthouse on Wednesday': a meeting on a day of a visit's stated days."""
    if meeting.start is None or visit.start is None or visit.end is None or meeting.start.precision != "day":
        return False
    return visit.start.value <= meeting.start.value <= visit.end.value


def _is_visit(group: SummitMention) -> bool:
    return any(m.token.lemma_.lower() in ("visit", "trip") for m in (group, *group.merged))


def _next_day_of_visit(visit: SummitMention, later: SummitMention, index: EntityIndex) -> bool:
    if not _is_visit(visit):
        return False
    last = visit.end or visit.start
    if last is None or later.start is None or last.precision != "day" or later.start.precision != "day" \
            or (later.start.value.date() - last.value.date()).days != 1:
        return False
    if later.location and later.location != visit.location and index.entities[later.location].qid:
        return False
    return _parties(visit.participants, index) == _parties(later.participants, index) \
        and _sentences_apart(visit.token, later.token) <= 3


def _lede_pair(m: SummitMention, index: EntityIndex) -> list[str]:
    """'Erdogan failed on Monday to persuade Putin ... after the talks': "the talks", "the meeting" or
    "the summit" before any summit is named, right after a sentence naming two leaders of two states, is
    their meeting."""
    token = m.token
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ("talk", "meeting", "summit") or det is None \
            or det.lower_ != "the":
        return []
    pair = _previous_pair(token, index)
    if len(pair) != 2 or len(_parties(pair, index)) != 2 or any(
            _sentences_apart(token.doc[next(x.start for x in index.mentions if x.key == k)], token) > 1
            for k in pair):
        return []
    return pair


def _another_leader(m: SummitMention, group: SummitMention, index: EntityIndex) -> bool:
    """The mention names a leader of a state whose other leader met in the summit: "he met Xi
    ... later he met Premier Li Qiang" is a second meeting, not the first one again."""
    def leaders(keys: list[str]) -> dict[str, str]:
        return {k: index.state_of(k) or k for k in keys if index.kind(k) == "Leader"}

    mine, theirs = leaders(m.participants), leaders(group.participants)
    return any(k not in theirs and state in theirs.values() for k, state in mine.items())


def _join_partials(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """Summit mentions that cannot stand alone (under two parties) and agree on everything they state
    are one summit: "Trump presided at the ASEAN summit on Sunday" and "Anwar hosted the gathering in
    Kuala Lumpur" together name its parties, forum, date and place."""
    out: list[SummitMention] = []
    for group in sorted(groups, key=_first):
        if len(_parties(group.participants, index)) < 2:
            earlier = next((o for o in reversed(out) if len(_parties(o.participants, index)) < 2), None)
            if earlier is not None and _compatible(earlier, group, index, partial=True) \
                    and _sentences_apart(earlier.token, group.token) <= 2:
                _absorb(earlier, group)
                continue
        out.append(group)
    return out


def _sentences_apart(a: Token, b: Token) -> int:
    first, last = sorted((a, b), key=lambda t: t.i)
    count, sent = 0, sentence(last)
    while sent.start > first.i and count < 10:
        sent, count = sentence(first.doc[sent.start - 1]), count + 1
    return count


def _at_summit(meeting: SummitMention, earlier: list[SummitMention]) -> None:
    """A sideline meeting takes place where (and, for a one-day summit, when) the summit it is held
    at takes place: the last summit named before it."""
    host = max(earlier, key=_first, default=None)
    if host is None:
        return
    meeting.location = meeting.location or host.location
    if meeting.start is None and host.start is not None and host.end is None:
        meeting.start = host.start


ATTEND_LEMMAS = frozenset({"attend", "take"})


def _add_attendees(doc: Doc, groups: list[SummitMention], index: EntityIndex) -> None:
    """Leaders said to attend or take part without the event named ("The summit opened on Friday.
    X, Y and Z are attending.", "X and Y took part.", "X and Y are among those attending") take part
    in the summit the text named last, in their paragraph or the one before. An attendee named with
    their state ("Argentina's Alberto Fernandez", someone the record holds no office for) brings that
    state, and so does a state "represented by" someone in the same sentence."""
    text = text_of(doc)
    for i in indices(words_of(doc).lemma, ATTEND_LEMMAS):
        verb = doc[i]
        objects = [c.lower_ for c in verb.children if c.dep_ == "dobj"]
        if verb.pos_ != "VERB" or objects != (["part"] if verb.lemma_.lower() == "take" else []) or any(
                c.dep_ == "prep" and c.lower_ == "in" for c in verb.children):
            continue  # "attended the dinner", "took part in the talks": the event is named
        clause = verb
        if verb.dep_ == "pobj" and verb.head.lower_ == "among" and verb.head.head.lemma_ == "be":
            clause = verb.head.head  # "X and Y are among those attending"
        # "Joe Biden, Emmanuel Macron, Olaf Scholz and ... are attending" may parse as two subjects
        subjects = [s for c in clause.children if c.dep_ == "nsubj" for s in (c, *c.conjuncts)]
        named = [t for c in subjects for t in (c, *(a for a in c.children if a.dep_ == "appos"))]
        leaders = [k for t in named if (k := index.key_of_phrase(t)) and index.kind(k) == "Leader"]
        owners = [p for t in named if not ((k := index.key_of_phrase(t)) and index.kind(k) == "Leader")
                  for p in t.children if p.dep_ == "poss"]
        owners += [s for c in clause.children if c.dep_ == "advcl" and c.lemma_ == "represent"
                   for s in c.children if s.dep_ == "nsubjpass"]
        leaders += [k for p in owners if (k := index.key_at(p)) and index.kind(k) == "State"]
        paragraph = text.rfind("\n\n", 0, verb.idx)
        earliest = text.rfind("\n\n", 0, max(paragraph, 0)) if paragraph > 0 else -1
        before = [g for g in groups if not g.sideline and _first(g) < i
                  and doc[_last_before(g, i)].idx > earliest]
        if leaders and before:
            target = max(before, key=lambda g: _last_before(g, i))
            target.participants += [k for k in leaders if k not in target.participants]


def _first(group: SummitMention) -> int:
    return min([group.token.i, *(m.token.i for m in group.merged)])


def _last_before(group: SummitMention, position: int) -> int:
    return max(i for i in [group.token.i, *(m.token.i for m in group.merged)] if i < position) \
        if _first(group) < position else -1


def _absorb(group: SummitMention, m: SummitMention) -> None:
    group.merged.append(m)
    group.participants += [k for k in m.participants if k not in group.participants]
    group.location = group.location or m.location
    group.ordinal = group.ordinal or m.ordinal
    group.hosts |= m.hosts
    if (group.start is None and m.start is not None) or _widens(group, m):
        group.start, group.end, group.date_inferred = m.start, m.end, m.date_inferred
    if m.status in ("Cancelled", "CutShort") or group.status is None:
        group.status = m.status or group.status


def _widens(group: SummitMention, m: SummitMention) -> bool:
    """A stated range holding the one day the summit has so far ("talks on March 21" in a caption, then
    "the visit ran from March 20 to March 22") is the fuller date."""
    return (group.start is not None and group.end is None and m.start is not None and m.end is not None
            and m.start.value <= group.start.value <= m.end.value)


def _date_from_caption(doc: Doc, index: EntityIndex, group: SummitMention, anchor: datetime | None) -> None:
    """A dated sentence placing a participant at the summit's location ("... in Singapore on June 12,
    2018", typically a photo caption) dates a summit the text otherwise leaves undated."""
    parties = _parties(group.participants, index)
    for sent in doc.sents:
        keys = {index.key_at(t) for t in sent} - {None}
        if group.location not in keys or not parties & _parties(list(keys), index):
            continue
        for ent in ents_in(sent):
            if ent.label_ == "DATE" and ent.start > 0 and doc[ent.start - 1].lower_ == "on":
                value = resolve_date(ent.text, None, None)
                if value is not None and value.start.precision == "day":
                    group.start, group.end = value.start, value.end
                    return


# --- the fact -----------------------------------------------------------------------------------------
def _summit(group: SummitMention, index: EntityIndex, published: datetime | None) -> Summit:
    participants = [k for k in group.participants if index.kind(k) in PARTY_KINDS
                    and (k != group.location or k in group.hosts)]
    for key in list(participants):  # a leader the gazetteer knows but may not link: their state takes part
        if index.kind(key) == "Leader" and index.entities[key].qid is None:
            state = _place_state(index, key)
            if state and state not in participants:
                participants.append(state)
    parties = _parties(participants, index)
    known = _known_summit(index.gaz, parties, group.location, group.start)
    if known is not None:
        key_parts, label = index.gaz.summit_key(known), known.label
    else:
        year = str(group.start.value.year) if group.start is not None else ""
        key_parts = ["summit", *sorted(parties), group.location or "", year]
        label = _label(group, parties, year, index)
    confidence = 0.85 if _keyed(group) and len(group.merged) else 0.7
    if group.date_inferred:
        confidence -= 0.1
    return Summit(participants=participants, evidence=group.evidence, label=label, location=group.location,
                  start=group.start, end=group.end, ordinal=group.ordinal, status=group.status,
                  qid=known.qid if known is not None else None,
                  confidence=round(confidence, 2), key=" ".join(p for p in key_parts if p))


def _label(group: SummitMention, parties: set[str], year: str, index: EntityIndex) -> str:
    """Made of what the summit's IRI is minted from (its parties, place and year), so that every
    article naming the same summit gives its node the same label, in the facts' style ("2019
    Russia\u2013North Korea summit in Vladivostok"); a forum's summit is named by the forum."""
    def label_of(key: str) -> str:  # a leader's state need not be mentioned: then the gazetteer names it
        if key in index.entities:
            return index.entities[key].label
        entry = index.gaz.by_qid(key)
        return entry.label if entry is not None else key

    name = label_of(group.series) if group.series else "\u2013".join(sorted(map(label_of, parties)))
    place = f" in {label_of(group.location)}" if group.location else ""
    return f"{year} {name} summit{place}".strip()


def _known_summit(gaz: Gazetteer, parties: set[str], location: str | None,
                  start: DateValue | None) -> GazSummit | None:
    """The one known summit a mention describes, so that every article (and the reference graph)
    lands on its node: its parties include the mention's, and its place and dates agree with
    whatever the mention states. A mention stating neither place nor date names no known summit,
    and one that several known summits fit ("the Panmunjom summit" of 2018) names none of them."""
    if location is None and start is None:
        return None
    fits = [s for s in gaz.summits() if parties <= gaz.summit_parties(s)
            and (location is None or location == gaz.summit_location(s))
            and (start is None or _within(start, s))]
    return fits[0] if len(fits) == 1 else None


def _within(when: DateValue, summit: GazSummit) -> bool:
    """The stated date, at its precision (day, month or year), overlaps the known summit's days."""
    width = {"day": 10, "month": 7, "year": 4}[when.precision]
    stated = when.value.date().isoformat()[:width]
    return summit.start[:width] <= stated <= (summit.end or summit.start)[:width]
