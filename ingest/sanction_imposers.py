"""Who imposes a sanction, for ``sanctions``: whom a subject or modifier names ("UN sanctions", "the
EU imposed", "American sanctions", "Leaders of the Group of Seven"), a verb's imposer subject (also
through "it" in a joined clause), an opening "its"/"their" left unresolved, the state of a national agency
(Treasury, OFAC), the imposer of a known instrument the sentence or paragraph names ("under CAATSA"), or
that a paragraph calls "the law", the state of a leader who says sanctions "remain in place", and the
state of a leader whose transcript turn says "we" or "our sanctions".

An imposer must be an organisation, state or government; a transcript's speaker label names no one.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.sanction_clauses import collection_owner
from diplograph.ingest.spans import DASHES, line_opening, subject_of, text_of
from diplograph.ingest.transcripts import in_speaker_label, turn_leader

IMPOSER_KINDS = frozenset({"Organization", "State", "Government"})


def imposer_subject(verb: Token, index: EntityIndex) -> bool:
    """The verb's subject, or the one it inherits ("has kept designating"), is an imposer."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or [s for s in (subject_of(verb),) if s is not None]
    return any(is_imposer(c, index) for c in subjects)


def parallel_subject(verb: Token, subject: Token, index: EntityIndex) -> Token | None:
    """"The Treasury has kept designating ..., and last month it sanctioned two Chinese firms": the
    'it' of a clause joined to one whose subject is an imposer is that imposer, though coreference
    takes the nearer noun ('Pyongyang')."""
    if subject.lower_ not in ("it", "they") or verb.dep_ != "conj":
        return None
    first = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return first if first is not None and is_imposer(first, index) else None


def is_imposer(token: Token, index: EntityIndex) -> bool:
    key = agent_key(index, token)
    return bool(key) and index.kind(key) in IMPOSER_KINDS


def agent_key(index: EntityIndex, token: Token) -> str | None:
    """Who a subject or modifier names; "Leaders of the Group of Seven" name the G7, "European
    sanctions" the EU, "the EU's latest package of sanctions" the EU; a transcript's speaker label
    ("DPA: ...") or a wire dateline ("GRANADA, Spain - ") no one."""
    if in_speaker_label(token) or _in_dateline(token):
        return None
    if token.lower_ in FIRST_PERSON and (speaker := turn_leader(token, index)) is not None:
        return speaker
    if (owner := collection_owner(token)) is not None:
        return agent_key(index, owner)
    if (state := index.demonyms.get(token.i)) is not None:
        return index.entity_for(state)
    if token.pos_ == "ADJ" and (qid := lexicon.ORGANIZATION_ADJECTIVES.get(token.lower_)) \
            and (entry := index.gaz.by_qid(qid)) is not None:
        return index.entity_for(entry)
    key = index.key_of_phrase(token)
    if key is not None and (dateline := _dateline_part(token)) is not None and index.token_key.get(dateline.i) == key:
        # "LUXEMBOURG, June 24 (Wire) - European Union foreign ministers adopted ...": the ministers' union
        key = next((k for c in token.children if c.dep_ in ("compound", "flat", "nmod") and c.i != dateline.i
                    and (k := index.token_key.get(c.i))), None)
    if key is None:  # "the Treasury's Office of Foreign Assets Control (OFAC)": the name in apposition
        key = next((k for c in token.children if c.dep_ == "appos" and (k := index.key_of_phrase(c))), None)
    if key is None and token.lemma_.lower() in lexicon.MEMBER_NOUNS:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return index.key_of_phrase(pobj)
    return key


# "our sanctions remain", "we imposed sanctions": the speaker of a transcript turn
FIRST_PERSON = frozenset({"i", "we", "my", "our"})


def names_coordinated_before(token: Token) -> list[Token]:
    """"advises banks on EU, UK and US sanctions": the parse makes the sanctions the last conjunct of the
    names before them ("UK" a conjunct of "EU", "sanctions" of "UK"); when a name of their own modifies
    them ("US"), the names they hang on modify them too, side by side with it."""
    if token.dep_ != "conj" or not any(c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                                       for c in token.children):
        return []
    names = []
    head = token
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
        if head.pos_ in ("PROPN", "ADJ"):
            names.append(head)
    return names


# "HIROSHIMA, Japan - ": a wire dateline opening its line, an upper-case place, then its country or date, then a dash
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z.'\u2019 -]+,[^\n]{1,40}?\s[-\u2013\u2014]\s")


def _dateline_part(token: Token) -> Token | None:
    """A wire dateline the parse makes a modifier of the sentence's subject: an upper-case place opening
    the sentence, with the dash that ends the dateline hanging on it, or any word before the dash of a
    dateline that opens the line ("HIROSHIMA, Japan - Leaders of the Group of Seven agreed ...": not
    Japan's leaders)."""
    return next((c for c in token.children if c.dep_ in ("compound", "nmod") and (
        (c.is_upper and c.i == c.sent.start and any(p.dep_ == "punct" and p.text in DASHES for p in c.children))
        or _in_dateline(c))), None)


def _in_dateline(token: Token) -> bool:
    """The token is part of a wire dateline opening its line ("GRANADA, Spain - "), which the parse may take
    for the sentence's subject or its modifier; a dateline says where the story was filed, not who acts."""
    dateline = line_opening(token, _WIRE_DATELINE)
    return dateline is not None and token.idx < dateline.end()


def unresolved_owner(index: EntityIndex, owner: Token) -> list[str]:
    """"The European Union has shown no sign of following suit. Its sanctions on Belarus ...": an
    'its'/'their' coreference left open, opening its sentence, is the previous sentence's subject."""
    if owner.dep_ != "poss" or owner.lower_ not in ("its", "their") or index.key_at(owner) is not None \
            or owner.sent.start == 0 or owner.i != owner.sent.start:
        return []
    previous = owner.doc[owner.sent.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return []
    return [k for t in (subject, *(subject.conjuncts if owner.lower_ == "their" else ()))
            if (k := agent_key(index, t)) is not None]


def agency_state(index: EntityIndex, key: str) -> str | None:
    """The state of a national agency the gazetteer files under one (Treasury, OFAC), if any."""
    entry = index.entries.get(key)
    state = getattr(entry, "state", None) if entry is not None and index.kind(key) == "Organization" else None
    return state if isinstance(state, str) else None


def instrument_in(index: EntityIndex, text: str):
    """The known sanctions instrument a sentence names ("The Countering America's Adversaries Through
    Sanctions Act ... mandates penalties on Russia, Iran and North Korea", "under CAATSA"): its imposer
    imposes the sanctions the sentence names without one."""
    lowered = text.lower()
    for regime in index.gaz.sanctions():
        if regime.instrument and any(re.search(r"\b" + re.escape(name.lower()) + r"\b", lowered)
                                     for name in (regime.label, *regime.aliases)):
            return regime
    return None


# "The law bundled three sanctions programs into one": a paragraph that calls it "the law" means the
# instrument the article named before.
_THE_INSTRUMENT = re.compile(r"\bthe (?:law|act|statute)\b", re.IGNORECASE)


def instrument_around(index: EntityIndex, sentence: Span):
    """The known instrument a sanction's sentence or paragraph names, or that a paragraph calling it "the
    law" refers back to ("CAATSA has been used less against Russia ... In 2018 the administration
    sanctioned ..."): a law carrying several programmes imposes each one the text tells without an
    imposer. A sentence that ends its paragraph holds the blank line after it: the paragraph ends at its
    last word, not at the end of the next one."""
    text = text_of(sentence.doc)
    start = text.rfind("\n", 0, sentence.start_char) + 1
    end = text.find("\n", sentence.start_char + len(sentence.text.rstrip()))
    paragraph = text[start:end if end >= 0 else len(text)]
    return (instrument_in(index, sentence.text) or instrument_in(index, paragraph)
            or (instrument_in(index, text[:start]) if _THE_INSTRUMENT.search(paragraph) else None))


# "Trump said sanctions remain in place": a leader who says sanctions stay speaks of his state's own.
_STAYING_VERBS = frozenset({"remain", "stay"})
_SAYING_VERBS = frozenset({"say", "insist", "stress", "reiterate", "repeat", "confirm", "tell"})


def staying_speaker(index: EntityIndex, verb: Token) -> str | None:
    """The state of a leader who says that sanctions naming no imposer remain or stay in place, when the
    gazetteer's regimes have that state impose sanctions."""
    if verb.lemma_.lower() not in _STAYING_VERBS or verb.dep_ != "ccomp" \
            or verb.head.lemma_.lower() not in _SAYING_VERBS or (subject := subject_of(verb.head)) is None:
        return None
    key = index.key_at(subject)
    state = index.state_of(key) if key is not None and index.kind(key) == "Leader" else None
    imposing = {qid for regime in index.gaz.sanctions() for qid in regime.imposers}
    if state is None or state not in imposing or (entry := index.gaz.by_qid(state)) is None:
        return None
    return state if state in index.entities else index.entity_for(entry, "State")

