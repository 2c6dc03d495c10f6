"""Who takes part in a summit mention and where it is held: the rules run in order.

Participants are the trigger's own agents and patients (modifiers, "with"/"between" objects, the subject
of the governing verb), never entities inside a clause that modifies it ("a meeting that Washington
fears ..."). Failing two parties, a leader's "our summit" in a transcript (``summit_speakers``), "the
leaders" or "their" (``summit_pairs``) and the leaders the sentence names outside other clauses
(``summit_clauses``) fill in. The location is a place in an 'in'/'at' phrase attached to the trigger
("in Hanoi", "the Singapore summit"), or the place visited or travelled to (``summit_visits``); a meeting
"on the sidelines of" a summit is held at that summit's place (``summit_sidelines``), and a summit the
text places nowhere where a party of it arrives (``summit_visits.arrived_at``). A party's state, and a
city-state, come from ``summit_parties``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex, gaz_kind
from diplograph.ingest.spans import line_opening, subject_of
from diplograph.ingest.summit_clauses import TIME_LINKS, sentence_leaders
from diplograph.ingest.summit_pairs import pair_meant, principal_pair, refers_to_pair, the_leaders
from diplograph.ingest.summit_parties import PARTY_KINDS, city_state, joined_states, parties_of, place_state
from diplograph.ingest.summit_sidelines import held_on_sidelines
from diplograph.ingest.summit_speakers import speaker_and_partner, speaker_of
from diplograph.ingest.summit_syntax import dates_other_event, governing_verb, own_subtree, same_paragraph
from diplograph.ingest.summit_visits import (
    DATELINE_CITY,
    arrival_place,
    capital_named,
    dateline_place,
    destination,
    invited_to,
    travelled_to,
)


def participants_and_location(token: Token, index: EntityIndex, is_verb: bool) -> tuple[list[str], str | None]:
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
            key = index.key_of_phrase(t) or speaker_of(t, index)
            if key and key not in found and index.kind(key) in PARTY_KINDS and same_paragraph(t, token):
                found.append(key)

    for child in token.children:
        dep = child.dep_
        if dep in ("compound", "nmod", "amod", "poss") and child.i < token.i:
            for t in child.subtree:
                if _in_clause(t, child):
                    continue  # "a meeting that Washington fears ...": not a modifier of the meeting
                key = speaker_of(t, index) or (_main_subject(token, index) if t.dep_ == "poss" and t.tag_ == "PRP$"
                                               else None) or index.key_at(t)
                if key and key not in found and key not in places and (pair := joined_states(index, key)):
                    found += [k for k in pair if k not in found]  # "the second U.S.-North Korea summit"
                elif key and key not in found and key not in places and index.kind(key) in PARTY_KINDS | {"Place"}:
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
    if len(parties_of(found, index)) < 2:  # "PRESIDENT MOON: ... Unlike our summit on 27 April, ..."
        found += [k for k in speaker_and_partner(token, index) if k not in found]
    if len(parties_of(found, index)) < 2 and the_leaders(token):  # "the leaders last met in Astana"
        found += [k for k in principal_pair(token, index) if k not in found]
    if len(parties_of(found, index)) < 2 and refers_to_pair(token):  # "their encounter": the pair just named
        found += [k for k in pair_meant(token, index) if k not in found]
    if is_verb and any(c.dep_ == "nsubj" and (key := index.key_of_phrase(c)) and index.kind(key) == "Person"
                       for c in token.children):
        return [], location  # "Blinken would visit China": a minister's trip, whoever else the sentence names
    if not is_verb and token.lemma_.lower() in ("visit", "trip") and _a_persons_own(token, index):
        return [], location  # "Blinken postponed a trip to Beijing", "Blinken's visit to China": the same
    if len(parties_of(found, index)) < 2 and not between:  # "a meeting between Tsai and a Speaker": no one else
        found += [k for k in sentence_leaders(token, index) if k not in found]
    clause = token.head if token.dep_ == "conj" else token  # "..., where Trump attended a gathering and met X"
    if is_verb and clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        key = index.key_of_phrase(clause.head)  # "Tokyo, where he met Ishiba": the place the clause is about
        if key and index.kind(key) in ("Place", "State"):
            location = location or key
    if token.lemma_.lower() != "welcome":  # "welcomed him with a ceremony in X": a venue, not the summit's place
        location = location or _location(token, index)
    if location is None and (summit := held_on_sidelines(token)) is not None:  # "met" / "a dinner" on its sidelines
        location = _location(summit, index)
    if location is None and is_verb:
        location = destination(token, index)
    purpose = _purpose(token) if not is_verb and token.dep_ == "pobj" else None
    if location is None and purpose is not None and (purpose.lower_ == "for" or (
            purpose.lower_ == "on" and token.lemma_.lower() in ("trip", "visit"))):
        # "will travel to New Delhi for talks with Modi", "flew to Tehran on his first trip abroad", "invited
        # Kim to Moscow for their next meeting", "flew to Pyongyang for three days of talks"
        location = travelled_to(purpose.head, index) or invited_to(purpose.head, index)
    travelled = is_verb and token.dep_ == "conj" and (location is None or index.entities[location].qid is None) \
        and (goal := travelled_to(token.head, index)) is not None
    if travelled:  # "Petro travelled to Caracas ... and met Maduro at the Miraflores palace": a visit there
        location = goal
    if location is None and places:
        location = places[0]
    if location is None:
        states = [k for k in found if index.kind(k) == "State"]
        others = [k for k in found if index.kind(k) != "State"]
        # "the Singapore Trump-Kim summit": a state modifier that is not any participant's state; "the
        # Singapore summit went ahead": a city-state naming a summit alone is where it is held
        if len(states) == 1 and ((others and all(index.state_of(o) != states[0] for o in others)) or (
                not others and city_state(index, states[0]) and any(
                    c.dep_ == "compound" and index.key_at(c) == states[0] for c in token.children))):
            location = states[0]
            found.remove(states[0])
    if location and token.lemma_ in ("visit", "trip") and index.kind(location) == "State":
        location = arrival_place(token, index, location) or capital_named(token, index, location) \
            or dateline_place(token.doc, index, location) or location
    if location and (token.lemma_ in ("visit", "trip") or travelled):
        host = location if index.kind(location) == "State" else place_state(index, location)
        if host and host not in found:
            found.append(host)
    return found, _as_place(index, location) if location else None


def _purpose(noun: Token) -> Token | None:
    """The preposition of the phrase a meeting noun stands in: "for talks", "on his first trip", and "for
    three days of talks" (a length before the talks)."""
    head = noun.head
    if head.lower_ == "of" and head.head.dep_ == "pobj" and head.head.pos_ == "NOUN":
        head = head.head.head
    return head if head.lower_ in ("for", "on") else None


def _a_persons_own(noun: Token, index: EntityIndex) -> bool:
    """A trip or visit a person who leads no state makes: its owner ("Blinken's visit"), or the subject
    of the verb it is the object of ("Blinken postponed a trip to Beijing")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None and noun.dep_ == "dobj":
        owner = subject_of(noun.head)
    key = index.key_of_phrase(owner) if owner is not None else None
    return key is not None and index.kind(key) == "Person"


def _dateline(token: Token) -> bool:
    """'SEOUL, June 20 (Agency) - ...': the city of a wire dateline opening its line."""
    dateline = line_opening(token, DATELINE_CITY) if token.is_upper else None
    return dateline is not None and not dateline.string[dateline.start():token.idx].strip()


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


def location_of(verb: Token, index: EntityIndex) -> str | None:
    """The place an 'in'/'at' phrase of a clause's verb names, as the summit's location."""
    location = _location(verb, index)
    return _as_place(index, location) if location else None


def _location(token: Token, index: EntityIndex) -> str | None:
    """A place in an 'in'/'at' phrase attached to the trigger, its modifiers or its verb, looked for
    inside the phrase too ("at the Capella hotel on Singapore's Sentosa island"), but not inside a
    nested summit phrase ("since talks in Vladivostok")."""
    heads = [token]
    verb = governing_verb(token) if token.pos_ == "NOUN" and not dates_other_event(token) else None
    if verb is not None and verb.i in (token.head.i, token.head.head.i):
        heads.append(verb)
    for head in heads:
        for t in own_subtree(head, token):
            if t.dep_ == "pobj" and (t.head.lower_ in ("in", "at") or _planned_for(t)) \
                    and not _verb_between(t.head, head):
                places = [_capital_as_city(index, inner, key) for inner in own_subtree(t, token)
                          if not _verb_between(inner, t) and (key := index.key_at(inner)) and _a_place(index, key)]
                if places:  # the best known of "Joint Base Elmendorf-Richardson in Anchorage, Alaska"
                    return min(places, key=lambda k: _place_rank(index, k))
    return None


def _planned_for(pobj: Token) -> bool:
    """'a meeting planned for Buenos Aires', 'talks scheduled for Geneva': the place a meeting is set for."""
    return pobj.head.lower_ == "for" and pobj.head.head.lemma_.lower() in ("plan", "schedule", "set")


def _capital_as_city(index: EntityIndex, token: Token, key: str) -> str:
    """'talks at the presidential office in Seoul': a capital's name the linker reads as its state (the
    office speaks for South Korea) is, as where leaders meet, the city."""
    qid = index.entities[key].qid if index.kind(key) == "State" else None
    entry = index.gaz.by_qid(qid) if qid else None
    capital = index.gaz.by_qid(entry.capital) if entry is not None and entry.capital else None
    if capital is None or gaz_kind(capital) != "Place" or capital.qid == qid:
        return key
    span = next((token.doc[m.start:m.end] for m in index.mentions if m.start <= token.i < m.end), token)
    name = re.sub(r"['\u2019]s?$", "", span.text.lower())  # the whole name: "Buenos Aires", not "Aires"
    return index.entity_for(capital, "Place") if name in {n.lower() for n in capital.names} else key


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
    if entity.qid and (entity.kind == "Place" or city_state(index, key)):
        return 0
    if entry is not None and entity.kind == "Place":
        return 1
    return 2 if entity.qid else 3
