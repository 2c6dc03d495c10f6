"""Summit mentions: what one trigger token says about a summit.

Each trigger ("summit", "meeting", "talks", "encounter", "visit", "trip"; the verbs meet, visit,
host) yields a mention with the participants the parse attaches to it, its location, its dates, its
ordinal ("second summit") and its status. "Welcomed" a leader is a meeting too. A meeting "on the
sidelines of" a summit is an event of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import DateValue, Span
from diplograph.ingest.spans import (
    clause_sentence,
    date_text,
    ents_in,
    lemma_in,
    paragraph_opening,
    resolve_date,
    sentence,
    subject_of,
    words_of,
)
from diplograph.ingest.summit_briefings import briefed_on
from diplograph.ingest.summit_chronologies import entry_days
from diplograph.ingest.summit_dates import dates
from diplograph.ingest.summit_live_blogs import entry_day
from diplograph.ingest.summit_officials import officials_meet
from diplograph.ingest.summit_pairs import PAIR_NOUNS
from diplograph.ingest.summit_parties import place_state
from diplograph.ingest.summit_places import participants_and_location
from diplograph.ingest.summit_relative_days import days_from_main_event, same_day
from diplograph.ingest.summit_sidelines import SIDELINE_NOUNS, held_on_sidelines, sidelines_of
from diplograph.ingest.summit_status import status_of
from diplograph.ingest.summit_syntax import STRONG_NOUNS, SUMMIT_TRIGGER_NOUNS, governing_verb, same_paragraph
from diplograph.ingest.summit_visit_days import day_told_before, departure_day, stretch
from diplograph.ingest.summit_visits import ARRIVAL_VERBS, invited_for, travelled_to


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


WISH_VERBS = frozenset({"hope", "want", "wish", "like", "love", "seek", "try", "aim", "desire", "long", "offer"})
RECEIVING_VERBS = frozenset({"welcome", "receive", "greet"})
# every verb ``mention`` may take
CUE_VERBS = lexicon.SUMMIT_VERBS | RECEIVING_VERBS | ARRIVAL_VERBS | {"sit", "speak", "talk", "discuss", "shake",
                                                                      "sign", "stand"}


def candidates(doc: Doc) -> list[int]:
    """The tokens ``mention`` may take: a trigger noun, or a meeting, receiving or sitting verb."""
    w = words_of(doc)
    return [i for i, (lower, lemma, pos) in enumerate(zip(w.lower, w.lemma, w.pos, strict=True))
            if (pos == "NOUN" and (lemma in SUMMIT_TRIGGER_NOUNS or lower in SUMMIT_TRIGGER_NOUNS))
            or (pos == "VERB" and lemma in CUE_VERBS)]


def mention(token: Token, index: EntityIndex, anchor: datetime | None, inferred: bool,
            published: datetime | None) -> SummitMention | None:
    lemma = token.lemma_.lower()
    is_noun = token.pos_ == "NOUN" and (lemma in SUMMIT_TRIGGER_NOUNS or token.lower_ in SUMMIT_TRIGGER_NOUNS)
    host = _arrival_host(token, index) if token.pos_ == "VERB" and lemma in ARRIVAL_VERBS else None
    is_verb = token.pos_ == "VERB" and (lemma in lexicon.SUMMIT_VERBS or _receives_leader(token, index)
                                        or _sits_down_with(token) or _spoke_on_the_sidelines(token)
                                        or _shakes_hands_with(token, index) or _signed_together(token, index)
                                        or _stood_beside(token, index)
                                        or host is not None)
    if not (is_noun or is_verb):
        return None
    if is_verb and any(c.dep_ == "neg" for c in token.children):
        return None  # "Kim has not met a U.S. president since ...": no meeting
    if is_noun and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return None  # "no such meeting was on the schedule", "there is no meeting planned": none
    if _in_link_list(token):
        return None  # "Read more: Our episode on the Kim-Trump summits": another story's headline
    if _denied(token):
        return None  # "The White House denied reports that Trump would meet Kim": no meeting
    if is_verb and token.dep_ == "xcomp" and lemma_in(token.head, WISH_VERBS):
        return None  # "hoped to meet Xi again", "offered to host them": a wish or offer, not a summit
    if is_verb and lemma == "meet" and any(c.dep_ == "dobj" and _no_one(c, index) for c in token.children):
        return None  # "enough to meet Spain's obligations", "met reporters": no one is met
    if is_verb and lemma == "meet" and officials_meet(token, index):
        return None  # "invited Ri Yong-ho to meet him in New York": ministers meeting, no summit
    if is_noun and sidelines_of(token) is not None:
        return None  # "met Xi on the sidelines of the APEC summit": that meeting is the event
    if is_noun and briefed_on(token):
        return None  # "phoned Zelenskiy to brief him on the talks": told about a meeting, not at it
    if is_noun and token.i > 0 and token.doc[token.i - 1].text == "-":
        return None  # "government-to-government talks", "leader-level meeting"
    participants, location = participants_and_location(token, index, is_verb)
    if host is not None and host not in participants:
        participants.append(host)
    hosts = {location} if location and lemma in ("visit", "trip") and location in participants else set()
    ordinal = next((lexicon.ORDINALS[c.lower_] for c in token.children
                    if c.dep_ in ("amod", "nummod") and c.lower_ in lexicon.ORDINALS), None) or _nth_time(token)
    verb = token if is_verb else governing_verb(token)
    past = verb is not None and not _bare_plan(verb) and (verb.tag_ == "VBD" or _finite_participle(verb) or (
        verb.tag_ == "VBN" and any((c.dep_ == "aux" and c.lemma_ == "have") or (c.dep_ == "auxpass" and c.tag_ == "VBD")
                                   for c in verb.children)))  # "welcomed", "had met", "was received": before
    invited = invited_for(token)
    past = past and not invited
    planned = _planned(token) or invited
    future = planned or (verb is not None and any(
        c.dep_ == "aux" and c.lemma_.lower() in ("will", "shall") for c in verb.children))  # "will meet in May"
    tense = "past" if past else ("future" if future and not inferred else None)  # "..., while Putin met X": past
    start, end = days_from_main_event(token, anchor, inferred), None
    if start is None:
        start, end = dates(token, anchor, tense, inferred)
    if start is None and end is None:
        start, end = entry_days(token, tense)
    if start is None:
        start = same_day(token, anchor, tense, inferred)
    if start is None and verb is not None and not inferred:
        start = entry_day(token, verb, anchor)
    if start is None:
        start = day_told_before(token, anchor, tense, inferred)
    start, end = stretch(token, start, end)
    if end is None:
        end = departure_day(token, start, anchor, tense, inferred)
    series = _series(token, index) if is_noun else None
    strong = bool(location or ordinal or start or series or lemma in STRONG_NOUNS)
    status = status_of(token, start, published, planned)
    return SummitMention(token, participants, location, start, end, ordinal, status, clause_sentence(token),
                         strong, series, date_inferred=inferred and start is not None, hosts=hosts,
                         sideline=(is_verb or token.dep_ == "dobj") and held_on_sidelines(token) is not None,
                         bilaterals=_bilaterals(token, index) if is_verb and lemma == "meet"
                         else _talks_with_each(token, index) if is_noun else [],
                         more_places=_more_places(token, index, location) if token.tag_ == "NNS" else [],
                         explicit=is_verb and lemma == "meet" and _names_both_sides(token, index),
                         returns=[(place, *dates(motion, anchor, tense, inferred))
                                  for place, motion in _returns(token, index)]
                         + _places_in_turn(token, index, location, anchor, tense)
                         + _again_at(token, index, location, anchor, tense) if is_verb else [])


# "Read more:", "Related:", "See also:" opening a paragraph: the headlines of other stories follow
LINK_LABEL = re.compile(r"[ \t]*(?:read more|related(?: articles| stories| coverage)?|see also|more on this story|"
                        r"also read|further reading)[ \t]*:", re.IGNORECASE)


def _in_link_list(token: Token) -> bool:
    """'Read more: Our episode on the Kim-Trump summits | Newsletter: ...', 'Related: Rodong Sinmun devotes its
    front page to the DPRK-Russia summit talks': a scraped page's list of links names other stories, whose
    meetings this article does not tell (the label may stand on a line of its own above them)."""
    return paragraph_opening(token, LINK_LABEL) is not None


# verbs that say a meeting happens or is arranged ("a summit would take place", "talks were planned")
OCCUR_VERBS = frozenset({"take", "happen", "occur", "hold", "plan", "schedule", "arrange", "be", "go", "have"})


def _nth_time(token: Token) -> int | None:
    """'Trump and Kim met for the first time in Singapore': the meeting's place in the pair's series."""
    return next((lexicon.ORDINALS[a.lower_] for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "for"
                 for time in prep.children if time.dep_ == "pobj" and time.lower_ == "time"
                 for a in time.children if a.dep_ == "amod" and a.lower_ in lexicon.ORDINALS), None)


def _denied(token: Token) -> bool:
    """The meeting is what a denial rejects: 'denied that Moon would visit Pyongyang', 'dismissed reports
    that Trump would meet Kim', 'denied that a summit was planned' (not 'denied that the summit had
    failed': there the meeting is a given, its failure is denied)."""
    clause = token
    if token.pos_ == "NOUN":
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj") or token.head.lemma_.lower() not in OCCUR_VERBS:
            return False
        clause = token.head
    while clause.dep_ == "xcomp":
        clause = clause.head
    if clause.dep_ not in ("ccomp", "acl", "relcl"):
        return False
    head = clause.head
    if head.pos_ == "NOUN" and head.dep_ in ("dobj", "pobj") and lemma_in(head, lexicon.DENIAL_CUES) is None:
        head = head.head  # "denied reports that ...", "dismissed speculation that ..."
    return lemma_in(head, lexicon.DENIAL_CUES) is not None


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
        goal = travelled_to(motion, index)
        if goal and index.kind(goal) == "Place" and place_state(index, goal) in met:
            found.append((goal, motion))
    return found


def _places_in_turn(verb: Token, index: EntityIndex, location: str | None, anchor: datetime | None,
                    tense: str | None) -> list[tuple[str, DateValue | None, DateValue | None]]:
    """'Trump met Kim three times: in Singapore in June 2018, in Hanoi in February 2019 and ...': a meeting
    verb with places of different states in phrases of its own met once in each; the date phrase right
    after a place dates its meeting (the first place stays the mention's own). Not "met at the Kremlin
    in Moscow", a venue in its city."""
    if location is None:
        return []
    found: list[tuple[str, DateValue | None, DateValue | None]] = []
    states = {place_state(index, location) or location}
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    for n, prep in enumerate(preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        key = index.key_of_phrase(pobj) if pobj is not None else None
        if key is None or key == location or index.kind(key) not in ("Place", "State") \
                or not index.entities[key].qid:
            continue
        state = key if index.kind(key) == "State" else place_state(index, key)
        if state is None or state in states:
            continue
        states.add(state)
        when = next((value for p in preps[n + 1:n + 2] for ent in ents_in(p.doc[p.i:p.right_edge.i + 1])
                     if ent.label_ == "DATE" and (value := resolve_date(date_text(ent), anchor, tense)) is not None),
                    None)
        found.append((key, when.start if when else None, when.end if when else None))
    return found


def _again_at(verb: Token, index: EntityIndex, location: str | None, anchor: datetime | None,
              tense: str | None) -> list[tuple[str, DateValue | None, DateValue | None]]:
    """'Trump and Kim first met in Singapore in June last year and again in Hanoi in February': a place
    after "and again" is a further meeting of the same parties there, dated by the date right after it."""
    if verb.lemma_.lower() != "meet":
        return []
    found: list[tuple[str, DateValue | None, DateValue | None]] = []
    for again in verb.subtree:
        if again.lower_ != "again" or again.i <= verb.i or again.doc[again.i - 1].lower_ != "and":
            continue
        prep = next((c for c in again.children if c.dep_ == "prep" and c.lower_ in ("in", "at")), None)
        if prep is None and again.head.dep_ == "conj" and again.head.lower_ in ("in", "at"):
            prep = again.head  # "in Sochi in May and again in Vladivostok": the preposition heads "again"
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        key = index.key_of_phrase(pobj) if pobj is not None else None
        if key is None or key == location or index.kind(key) not in ("Place", "State"):
            continue
        after = prep.right_edge.i + 1
        when = next((value for ent in ents_in(sentence(verb)) if ent.label_ == "DATE"
                     and after <= ent.start <= after + 1  # "in Hanoi in February", "in Hanoi, in February"
                     and (value := resolve_date(date_text(ent), anchor, tense)) is not None), None)
        found.append((key, when.start if when else None, when.end if when else None))
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
        return arg is not None and _leader(arg, index)
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
    return any(c.dep_ in ("dobj", "nsubjpass") and _leader(c, index) for c in verb.children)


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
    goal = travelled_to(verb, index)
    if visitor is None or index.kind(visitor) != "Leader" or goal is None:
        return None
    state = goal if index.kind(goal) == "State" else place_state(index, goal)
    if state is None or state == index.state_of(visitor):
        return None
    doc, sent = verb.doc, sentence(verb)
    first = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    last = sentence(doc[sent.end]).end if sent.end < len(doc) else sent.end
    return next((m.key for m in index.mentions if first <= m.start < last and index.kind(m.key) == "Leader"
                 and index.state_of(m.key) == state and same_paragraph(doc[m.start], verb)), None)


def _shakes_hands_with(verb: Token, index: EntityIndex) -> bool:
    """'Trump shook hands with Kim across the demarcation line', 'Trump and Kim shook hands on a hotel
    veranda in Singapore': a handshake with someone, or between two leaders named, is meeting them ("the
    two men shook hands" is left to the meeting its story tells: a handshake is a host's greeting too, and
    whom "the two men" means is less sure)."""
    children = {(c.dep_, c.lemma_.lower()) for c in verb.children}
    subject = _subject(verb)
    return verb.lemma_.lower() == "shake" and ("dobj", "hand") in children \
        and (("prep", "with") in children or (subject is not None and _two_named(subject, index)))


def _stood_beside(verb: Token, index: EntityIndex) -> bool:
    """'At Helsinki in July 2018, Trump had stood next to Putin', 'Xi stood beside Putin on Red Square': a
    leader standing beside another is with them."""
    if verb.lemma_.lower() != "stand" or (subject := _subject(verb)) is None or not _leader(subject, index):
        return False
    beside = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("beside", "alongside")]
    beside += [p for c in verb.children if c.dep_ == "advmod" and c.lower_ == "next"
               for p in c.children if p.dep_ == "prep" and p.lower_ == "to"]  # "next to"
    return any(_leader(o, index) for p in beside for o in p.children if o.dep_ == "pobj")


def _signed_together(verb: Token, index: EntityIndex) -> bool:
    """'Merkel and Macron signed the treaty in Aachen', 'the two leaders signed the Panmunjom Declaration',
    'signed a defence pact with Kim': two leaders signing a text together meet to do it (one leader
    signing a bill or a decree does not)."""
    if verb.lemma_.lower() != "sign" or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    subject = _subject(verb)
    with_leader = any(_leader(p, index) for h in (verb, *(c for c in verb.children if c.dep_ == "dobj"))
                      for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                      for p in c.children if p.dep_ == "pobj")  # "signed with Kim", "signed a pact with Kim"
    return (subject is not None and _leader(subject, index) and with_leader) or _done_by_two(verb, index)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares ("Putin arrived in Pyongyang and signed a pact with Kim")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject_of(verb) if subject is None and verb.dep_ == "conj" else subject


def _done_by_two(verb: Token, index: EntityIndex) -> bool:
    """The verb's subject is two leaders: 'Merkel and Macron', 'the two leaders', 'both men'."""
    subject = _subject(verb)
    if subject is None:
        return False
    return _two_named(subject, index) or (subject.lemma_.lower() in PAIR_NOUNS - {"side", "pair"}
                                          and any(c.lower_ in ("two", "both") for c in subject.children))


def _two_named(subject: Token, index: EntityIndex) -> bool:
    """'Merkel and Macron': a leader and another leader conjoined with them."""
    return _leader(subject, index) and any(_leader(c, index) for c in subject.conjuncts)


def _leader(phrase: Token, index: EntityIndex) -> bool:
    """The phrase names a leader."""
    key = index.key_of_phrase(phrase)
    return key is not None and index.kind(key) == "Leader"


def _spoke_on_the_sidelines(verb: Token) -> bool:
    """'Modi and Xi spoke briefly on the sidelines', 'discussed the crisis with Moon on the sidelines of a
    forum': talking on a summit's sidelines is meeting there (speaking by phone, or to reporters, is not)."""
    return verb.lemma_.lower() in ("speak", "talk", "discuss") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "at") and any(p.dep_ == "pobj" and p.lower_ in SIDELINE_NOUNS
                                                             for p in c.children) for c in verb.children)


def _series(token: Token, index: EntityIndex) -> str | None:
    """The organisation a summit belongs to: "the Group of 20 summit", "a NATO summit"."""
    for t in token.doc[token.left_edge.i:token.i]:
        key = index.key_at(t)
        if key and index.kind(key) == "Organization":
            return key
    return None


PLAN_VERBS = frozenset({"plan", "schedule", "slate", "set"})


def _finite_participle(verb: Token) -> bool:
    """'The Singapore summit followed on June 12': a verb the parse tags VBN but that has a subject of its
    own and no auxiliary is a simple past (a headline's "Summit set for June 12", "Kim expected in Beijing"
    are plans, not past)."""
    return verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and verb.lemma_.lower() not in PLAN_VERBS | lexicon.PLANNED_WORDS and verb.lower_ not in lexicon.PLANNED_WORDS


def _bare_plan(verb: Token) -> bool:
    """'the summit planned for 12 June': a plan verb with no auxiliary is a participle (spaCy may tag it
    VBD), which tells nothing about whether the day is past."""
    return verb.lemma_.lower() in PLAN_VERBS and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _planned(token: Token) -> bool:
    w = words_of(token.doc)
    head = token.head.i
    near = [*token.children, token.head, *token.head.children]
    return any(w.lemma[t.i] in lexicon.PLANNED_WORDS or w.lower[t.i] in lexicon.PLANNED_WORDS for t in near
               if t.dep_ in ("acl", "amod", "aux", "xcomp", "ROOT", "dobj", "relcl") or t.i == head)
