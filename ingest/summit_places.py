"""Who takes part in a summit mention and where it is held.

Participants are the trigger's own agents and patients (modifiers, "with"/"between" objects, the subject
of the governing verb), never entities inside a clause that modifies it ("a meeting that Washington
fears ..."). The location is a place attached to the trigger ("in Hanoi", "the Singapore summit",
"visited Pyongyang"); a meeting "on the sidelines of" a summit is held at that summit's place, and a
summit the text places nowhere where a party of it arrives (``arrived_at``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex, gaz_kind
from diplograph.ingest.entity_index import PERSON_KINDS, Mention, ensure_state
from diplograph.ingest.spans import indices, lemma_in, quoted, sentence, subject_of, text_of, words_of
from diplograph.ingest.summit_syntax import (
    SUMMIT_TRIGGER_NOUNS,
    clause_verb,
    dates_other_event,
    governing_verb,
    own_subtree,
    same_paragraph,
    sentences_apart,
)
from diplograph.ingest.transcripts import turn_speaker

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention

PARTY_KINDS = frozenset({"Leader", "State", "Government"})
STRONG_NOUNS = frozenset({"summit", "summitry"})
SIDELINE_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins"})
# "their summit", "the two leaders met": the pair of leaders the text has just named.
PAIR_WORDS = frozenset({"their", "they", "both", "two"})
PAIR_NOUNS = frozenset({"leader", "man", "side", "president", "head", "counterpart", "statesman", "pair"})
ARRIVAL_VERBS = frozenset({"arrive", "land"})


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
                if key and key not in found and key not in places and (pair := _joined_states(index, key)):
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
        found += [k for k in _speaker_and_partner(token, index) if k not in found]
    if len(parties_of(found, index)) < 2 and _the_leaders(token):  # "the leaders last met in Astana"
        found += [k for k in _principal_pair(token, index) if k not in found]
    if len(parties_of(found, index)) < 2 and _refers_to_pair(token):  # "their encounter": the pair just named
        found += [k for k in _pair_meant(token, index) if k not in found]
    if is_verb and any(c.dep_ == "nsubj" and (key := index.key_of_phrase(c)) and index.kind(key) == "Person"
                       for c in token.children):
        return [], location  # "Blinken would visit China": a minister's trip, whoever else the sentence names
    if not is_verb and token.lemma_.lower() in ("visit", "trip") and _a_persons_own(token, index):
        return [], location  # "Blinken postponed a trip to Beijing", "Blinken's visit to China": the same
    if len(parties_of(found, index)) < 2 and not between:  # "a meeting between Tsai and a Speaker": no one else
        found += [k for k in _sentence_leaders(token, index) if k not in found]
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
        location = _destination(token, index)
    if location is None and not is_verb and token.dep_ == "pobj" and (token.head.lower_ == "for" or (
            token.head.lower_ == "on" and token.lemma_.lower() in ("trip", "visit"))):
        # "will travel to New Delhi for talks with Modi", "flew to Tehran on his first trip abroad"
        location = travelled_to(token.head.head, index)
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
                not others and _city_state(index, states[0]) and any(
                    c.dep_ == "compound" and index.key_at(c) == states[0] for c in token.children))):
            location = states[0]
            found.remove(states[0])
    if location and token.lemma_ in ("visit", "trip") and index.kind(location) == "State":
        location = _arrival_place(token, index, location) or _capital_named(token, index, location) \
            or _dateline_place(token.doc, index, location) or location
    if location and (token.lemma_ in ("visit", "trip") or travelled):
        host = location if index.kind(location) == "State" else place_state(index, location)
        if host and host not in found:
            found.append(host)
    return found, _as_place(index, location) if location else None


FIRST_PERSON = frozenset({"i", "me", "my"})
FIRST_PERSON_PLURAL = frozenset({"we", "our"})


def speaker_of(token: Token, index: EntityIndex) -> str | None:
    """'PRESIDENT MOON: Yesterday I met Chairman Kim': in a leader's transcript turn, I, me and my are
    that leader."""
    if token.lower_ not in FIRST_PERSON or token.tag_ not in ("PRP", "PRP$"):
        return None
    return turn_speaker(token, index)


def _speaker_and_partner(token: Token, index: EntityIndex) -> list[str]:
    """'Unlike our summit on 27 April, ...': in a leader's turn, 'our' or 'we' meeting is the speaker and
    the other leader last named before it, within its sentence and the four before."""
    word = next((c for c in token.children if c.lower_ in FIRST_PERSON_PLURAL and c.dep_ in ("poss", "nsubj")), None)
    speaker = turn_speaker(word, index) if word is not None else None
    if speaker is None:
        return []
    start = sentence(token).start
    for _ in range(4):
        start = sentence(token.doc[start - 1]).start if start > 0 else start
    partner = next((m.key for m in reversed(index.mentions) if start <= m.start < token.i and m.key != speaker
                    and index.kind(m.key) == "Leader"), None)
    return [speaker, partner] if partner is not None else []


def parties_of(keys: list[str], index: EntityIndex) -> set[str]:
    return {index.state_of(k) or k for k in keys if index.kind(k) in PARTY_KINDS}


def _a_persons_own(noun: Token, index: EntityIndex) -> bool:
    """A trip or visit a person who leads no state makes: its owner ("Blinken's visit"), or the subject
    of the verb it is the object of ("Blinken postponed a trip to Beijing")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None and noun.dep_ == "dobj":
        owner = subject_of(noun.head)
    key = index.key_of_phrase(owner) if owner is not None else None
    return key is not None and index.kind(key) == "Person"


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
                and place_state(index, key) == state:
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
        if start <= m.start < sent.end and same_paragraph(doc[m.start], token) and (
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


def place_state(index: EntityIndex, key: str) -> str | None:
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


PAIRLESS_NOUNS = frozenset({"meeting", "summit", "talk", "talks", "encounter"})


def pair_around(group: SummitMention, index: EntityIndex) -> list[str]:
    """'A meeting planned for Buenos Aires never took place. Trump called it off ... The Kremlin said Putin
    regretted the decision': a meeting named by its place or date and no party, or one of the story's
    pair ("Putin opens by saying the talks were successful"), told among sentences that name both
    leaders of the pair (the two it has named most) within two sentences either side of one of its
    mentions, is theirs. A forum's summit ("the G20 summit in Osaka") is no such meeting."""
    token = group.token
    if group.series or token.pos_ != "NOUN" or token.lemma_.lower() not in PAIRLESS_NOUNS:
        return []
    pair = _principal_pair(token, index)
    if len(parties_of(pair, index)) != 2 or not parties_of(group.participants, index) <= parties_of(pair, index):
        return []
    told = [token, *(m.token for m in group.merged)]
    near = {m.key for m in index.mentions if any(sentences_apart(token.doc[m.start], t) <= 2 for t in told)}
    return pair if set(pair) <= near else []


def _pair_meant(token: Token, index: EntityIndex) -> list[str]:
    """The pair 'their', 'they' or 'the two men' stands for: the two leaders the trigger's own sentence
    names ("Their last encounter came in Tianjin, when Putin invited Modi into his car"), else, right
    after a sentence about "the two leaders" (the story's pair), that pair again ("The two leaders last
    spoke by phone in July. They are expected to meet in Lima"), else, for a meeting numbered in a series
    whose sentence names one leader the last two leaders named leave out, that one and the leader the
    story names most besides, else the last two leaders named, else, for a meeting numbered in a series
    with no one else near, in a paragraph's opening sentence (an explainer's section: "They met again on
    July 8") or for "the two leaders", the story's pair."""
    own: list[str] = []
    for word in sentence(token):
        key = index.key_at(word)
        if key and key not in own and index.kind(key) == "Leader" and not quoted(word) \
                and not _in_time_link(word, token) and not _in_other_report(word, token):
            own.append(key)
    if len(own) == 2 and len(parties_of(own, index)) == 2 and any(
            c.dep_ in ("poss", "nsubj") and c.lower_ in ("their", "they") for c in token.children):
        return own  # the trigger's own "their" ("attend the summit ..., their first talks" is not the summit's)
    if _follows_the_leaders(token, index):
        return _principal_pair(token, index)
    pair = previous_pair(token, index)
    if len(own) == 1 and own[0] not in pair and _counted(token) and (partner := _partner(token, index, own[0])):
        return [own[0], partner]  # "Their third meeting came in September, when Moon flew to Pyongyang"
    if pair:
        return pair
    story = _principal_pair(token, index)
    if _counted(token) and series_pair(token, index):
        return story  # "Their 25th meeting came in January 2019": no one else near to make a pair with
    return story if _opens_paragraph(token) or _two_persons(token) else []


def series_pair(token: Token, index: EntityIndex) -> list[str]:
    """The story's pair for a meeting numbered in its series, when no one else is named near it."""
    story = _principal_pair(token, index)
    return story if all(m.key in story for m in _persons_near(token, index)) else []


def _partner(token: Token, index: EntityIndex, leader: str) -> str | None:
    """The leader the text has named most before the trigger, besides ``leader``: whom the story pairs
    them with."""
    counts: dict[str, int] = {}
    for mention in index.mentions:
        if mention.start < token.i and index.kind(mention.key) == "Leader" and mention.key != leader:
            counts[mention.key] = counts.get(mention.key, 0) + 1
    return max(counts, key=lambda k: counts[k], default=None)


def _counted(token: Token) -> bool:
    """'Their 25th meeting', 'their third meeting': a meeting numbered in a series of the story's pair."""
    return any(c.dep_ in ("amod", "nummod") and c.lower_ in lexicon.ORDINALS for c in token.children)


def _opens_paragraph(token: Token) -> bool:
    start = sentence(token).start
    return start == 0 or not same_paragraph(token.doc[start - 1], token)


def _two_persons(token: Token) -> bool:
    """'the two leaders', 'both men' in the trigger's sentence: plainly two persons (a bare 'their' may
    be anyone's)."""
    return any(t.lower_ in ("two", "both") and t.head.lemma_.lower() in PAIR_NOUNS - {"side", "pair"}
               for t in sentence(token))  # "the two sides" may be two states, or a state and a party


def _in_time_link(word: Token, trigger: Token) -> bool:
    """In a clause or phrase placing another event in time ("a day after Trump met Xi") that does not
    hold the trigger."""
    for node in (word, *word.ancestors):
        if trigger in node.subtree:
            return False
        if (node.dep_ == "prep" and node.lower_ in TIME_LINKS) or any(
                c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in node.children):
            return True
    return False


def _follows_the_leaders(token: Token, index: EntityIndex) -> bool:
    """The sentence before the trigger's has "the (two) leaders/men" as a subject, and names no leader."""
    sent = sentence(token)
    if sent.start == 0:
        return False
    before = sentence(token.doc[sent.start - 1])
    return any(_the_leaders(t.head) for t in before if t.dep_ == "nsubj") and not any(
        before.start <= m.start < sent.start and index.kind(m.key) == "Leader" for m in index.mentions)


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


def previous_pair(token: Token, index: EntityIndex) -> list[str]:
    """The last two distinct leaders mentioned before the trigger, within its sentence and the four before,
    but not in a clause placing another event in time ("the first came in Beijing, weeks before Kim met
    Moon. The two leaders held talks ...": Xi and Kim)."""
    start = _reach(token)
    keys: list[str] = []
    for mention in reversed(index.mentions):
        if mention.start >= token.i or mention.start < start:
            continue
        if index.kind(mention.key) == "Leader" and mention.key not in keys \
                and not _in_other_relative_clause(token.doc[mention.start], None) \
                and not _in_time_link(token.doc[mention.start], token):
            keys.append(mention.key)
            if len(keys) == 2:
                return keys
    return []


def _reach(token: Token) -> int:
    """Where the trigger's sentence and the four before it start: how far back "their" looks."""
    start = sentence(token).start
    for _ in range(4):
        if start == 0:
            break
        start = sentence(token.doc[start - 1]).start
    return start


def _persons_near(token: Token, index: EntityIndex) -> list[Mention]:
    """Mentions of leaders and other persons within the trigger's reach, before it."""
    start = _reach(token)
    return [m for m in index.mentions if start <= m.start < token.i and index.kind(m.key) in PERSON_KINDS]


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


def _destination(verb: Token, index: EntityIndex) -> str | None:
    """'flew to Tokyo to meet Takaichi': where the leader travelled to meet is where they met, not where
    the main clause went before another meeting ("the first came in Beijing, weeks before Kim met Moon")."""
    if verb.dep_ not in ("xcomp", "advcl") or any(c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in verb.children):
        return None
    return travelled_to(verb.head, index)


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
    if entity.qid and (entity.kind == "Place" or _city_state(index, key)):
        return 0
    if entry is not None and entity.kind == "Place":
        return 1
    return 2 if entity.qid else 3


def _joined_states(index: EntityIndex, key: str) -> list[str]:
    """'the U.S.-North Korea summit': a name the linker could not place that joins two states' names
    with a hyphen names the summit's two parties."""
    entity = index.entities[key]
    if entity.qid is not None or entity.kind != "Place" or entity.label.count("-") != 1:
        return []
    states = [next((e.qid for e in index.gaz.lookup(part.strip()) if gaz_kind(e) == "State" and e.qid), None)
              for part in entity.label.split("-")]
    return [k for q in states if (k := ensure_state(index, q))] if all(states) else []


def _city_state(index: EntityIndex, key: str) -> bool:
    """A state that is its own capital (Singapore): its name is also a city's."""
    entity, entry = index.entities[key], index.entries.get(key)
    return entity.kind == "State" and entry is not None and getattr(entry, "capital", None) == entity.qid


def _sentence_leaders(token: Token, index: EntityIndex) -> list[str]:
    """Leaders named in the trigger's sentence, except inside a quotation ('called him "President
    Putin"') or a relative clause about something else ('the capital, where Orban offered to host')."""
    keys: list[str] = []
    for t in sentence(token):
        key = index.key_at(t)
        if key and key not in keys and index.kind(key) == "Leader" and same_paragraph(t, token) \
                and not quoted(t) and not _in_other_relative_clause(t, token) and not _other_conjunct(t, token) \
                and not _in_other_report(t, token) and not _in_other_meeting(t, token):
            keys.append(key)
    return keys


def _in_other_meeting(token: Token, trigger: Token) -> bool:
    """Inside the phrase or clause of another meeting that does not hold the trigger ("a visit to Beijing
    in which Xi offered his backing for a second summit between Kim and Trump", "flew to Tokyo for talks
    with Abe, two weeks before Abe met Putin"): a party of that meeting."""
    for node in (token, *token.ancestors):
        if node.left_edge.i <= trigger.i <= node.right_edge.i:
            return False
        if (node.pos_ == "NOUN" and node.lemma_.lower() in SUMMIT_TRIGGER_NOUNS) or (
                node.pos_ == "VERB" and node.lemma_.lower() in lexicon.SUMMIT_VERBS):
            return True
    return False


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
    a, b = clause_verb(token), clause_verb(trigger)
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


def sidelines_of(noun: Token) -> Token | None:
    """The 'sidelines' (or 'margins') a summit noun is the object of: "on the sidelines of the summit",
    also through a forum's name the parse splits ("of the Group of 20 summit": summit hangs on 'of')."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    owner = noun.head.head
    if owner.pos_ == "PROPN" and owner.dep_ == "pobj" and owner.head.lower_ == "of":
        owner = owner.head.head
    return owner if owner.lemma_.lower() in SIDELINE_NOUNS else None


def sideline_summit(verb: Token) -> Token | None:
    """The summit on whose sidelines a meeting verb's or noun's meeting took place."""
    for t in verb.subtree:
        side = sidelines_of(t) if t.lemma_.lower() in SUMMIT_TRIGGER_NOUNS else None
        if side is not None and side.dep_ == "pobj" and side.head.head.i == verb.i:
            return t
    return None


def held_on_sidelines(trigger: Token) -> Token | None:
    """The summit on whose sidelines the trigger's meeting took place: the trigger's own, or, for talks
    a verb holds, the verb's ("held formal talks on the sidelines of the G20 summit in Hamburg")."""
    own = sideline_summit(trigger)
    if own is None and trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        return sideline_summit(trigger.head)
    return own
