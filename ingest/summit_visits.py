"""Where travel puts a meeting: the place a leader flew to in order to meet, the city in the visited
state the text has the visitor arrive in (else its capital, else a wire dateline's city), and, for a
summit the text places nowhere, the city a party of it arrives in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex, gaz_kind
from diplograph.ingest.spans import indices, lemma_in, sentence, subject_of, text_of, words_of
from diplograph.ingest.summit_clauses import TIME_LINKS
from diplograph.ingest.summit_parties import place_state
from diplograph.ingest.summit_syntax import same_paragraph, sentences_apart

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention


ARRIVAL_VERBS = frozenset({"arrive", "land"})


def arrived_at(doc: Doc, index: EntityIndex, group: SummitMention, visits: set[int]) -> str | None:
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
        goal = travelled_to(verb, index)
        if leader is None or leader not in group.participants or index.kind(leader) != "Leader" or goal is None \
                or index.kind(goal) != "Place" or place_state(index, goal) == index.state_of(leader):
            continue
        apart = sentences_apart(group.token, verb)
        if apart <= 5:
            arrivals.append((apart, goal))
    return min(arrivals)[1] if arrivals else None


def arrival_place(token: Token, index: EntityIndex, state: str) -> str | None:
    """'arrived in Moscow on July 8 for his first visit to Russia', 'his trip to Russia, when he met Putin
    at the Vostochny Cosmodrome': the place in the visited state the sentence has the visitor arrive in,
    travel to or meet at is where the visit is held."""
    for t in sentence(token):
        key = index.key_at(t)
        if key and index.kind(key) == "Place" and t.dep_ == "pobj" and t.head.lower_ in ("in", "to", "at") \
                and t.head.head.lemma_.lower() in lexicon.PLACE_VERBS | lexicon.SUMMIT_VERBS \
                and place_state(index, key) == state:
            return key
    return None


def capital_named(token: Token, index: EntityIndex, state: str) -> str | None:
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
        if start <= m.start < sent.end and same_paragraph(doc[m.start], token) and (
                index.entities[m.key].qid == capital.qid
                or re.sub(r"['\u2019]s?$", "", doc[m.start:m.end].text.lower()) in names):
            return index.entity_for(capital, "Place")
    return None


# A wire story's dateline: "BRASILIA, May 29 (Agency) -", "RIYADH -" opening a line near the top.
DATELINE_CITY = re.compile(r"^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)(?:,[^\n]{0,60}?)?[ \t]+"
                           r"(?:-|--|\u2013|\u2014)(?:[ \t]|$)", re.MULTILINE)
DATELINE_REACH = 600  # characters from the top of the text a dateline may open


def dateline_place(doc: Doc, index: EntityIndex, state: str) -> str | None:
    """'BRASILIA, May 29 - ... the first visit by Maduro to Brazil': a visit to the state the story is
    filed from, with no place the visitor arrives in, is held in the dateline's city (a place the
    gazetteer files in that state)."""
    match = DATELINE_CITY.search(text_of(doc), 0, DATELINE_REACH)
    if match is None:
        return None
    places = [e for e in index.gaz.lookup(match.group(1).title()) if gaz_kind(e) == "Place" and e.state == state]
    return index.entity_for(places[0], "Place") if len(places) == 1 else None


def destination(verb: Token, index: EntityIndex) -> str | None:
    """'flew to Tokyo to meet Takaichi': where the leader travelled to meet is where they met, not where
    the main clause went before another meeting ("the first came in Beijing, weeks before Kim met Moon")."""
    if verb.dep_ not in ("xcomp", "advcl") or any(c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in verb.children):
        return None
    return travelled_to(verb.head, index)


def invited_to(verb: Token, index: EntityIndex) -> str | None:
    """'Putin invited Kim to Moscow for their next meeting': the place an invitation names is where the
    meeting it is for would be held (the guest's journey's goal, as for "will travel to New Delhi for
    talks")."""
    if verb.lemma_.lower() != "invite" or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    return next((key for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "to"
                 for pobj in prep.children if pobj.dep_ == "pobj"
                 and (key := index.key_of_phrase(pobj)) and index.kind(key) in ("Place", "State")), None)


def invited_for(noun: Token) -> bool:
    """'invited Kim to Moscow for their next meeting', 'invited Putin to Beijing for talks in October': the
    meeting an invitation is for is still to come, whatever the invitation's tense."""
    return noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ == "for" \
        and noun.head.head.lemma_.lower() == "invite"


def travelled_to(motion: Token, index: EntityIndex) -> str | None:
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
