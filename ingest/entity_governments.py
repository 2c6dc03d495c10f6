"""Governments (step 5 of ``entities``): "the Trump administration", "the U.S. government",
"North Korea's foreign ministry" become a Government entity with ``government_of`` its state and
``led_by`` its leader when known.

The phrase replaces the mentions inside it, so the claim and sanction rules see one agent; a
state named in the possessive ("China's foreign ministry") or a leader named so ("Chancellor Olaf
Scholz's government"; not "his government", nor the name of "the Trump administration") stays a
mention of that entity as well.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entity_index import EntityIndex, ensure_state
from diplograph.ingest.entity_offices import leader_of, state_modifier
from diplograph.ingest.entity_persons import TITLE_WORDS
from diplograph.ingest.entity_pronouns import MALE_FEMALE_PRONOUNS
from diplograph.ingest.facts import Span
from diplograph.ingest.spans import indices, text_of, words_of

GOVERNMENT_WORDS = lexicon.GOVERNMENT_NOUNS | lexicon.MINISTRY_NOUNS


def match_governments(index: EntityIndex) -> None:
    doc = index.doc
    for i in indices(words_of(doc).lower, GOVERNMENT_WORDS):
        token = doc[i]
        lower = token.lower_
        if token.i in index.token_key or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if lower in lexicon.GOVERNMENT_NOUNS:
            _government(index, token)
        elif lower in lexicon.MINISTRY_NOUNS and token.text[:1].islower():
            _ministry(index, token)


def _government(index: EntityIndex, token: Token) -> None:
    for child in token.children:
        if child.dep_ not in ("compound", "poss", "amod", "nmod") or child.i > token.i:
            continue
        key = index.key_of_phrase(child)
        start = child.left_edge.i + (child.left_edge.lower_ == "the")
        if key and index.kind(key) == "Person" and index.entities[key].qid is None and child.dep_ == "poss":
            index.entities[key].kind = "Leader"  # "Nicolas Maduro's government": whose it is leads one
        if key and index.kind(key) == "Leader":
            leader = index.entities[key]
            gov = index.unlinked("Government", f"{_surname(index, key)} {token.lower_}", 0.8,
                                 government_of=ensure_state(index, index.state_of(key)), led_by=leader.key)
            named = [m for m in index.mentions if child.dep_ == "poss" and m.key == key and start <= m.start
                     and m.end <= token.i + 1 and index.doc[m.start].lower_ not in MALE_FEMALE_PRONOUNS]
            index.replace(start, token.i + 1, gov, index.doc[start:token.i + 1].text, 0.8)
            for mention in named:  # "Chancellor Olaf Scholz's government" still names Scholz
                _nest(index, key, index.doc[mention.start].idx, index.doc[mention.end - 1].idx
                      + len(index.doc[mention.end - 1].text))
            return
        state = index.state_named_by(child)
        if state is not None:
            state_key = index.entity_for(state)
            leader = leader_of(index, state.qid)
            gov = index.unlinked("Government", f"{state.label} {token.lower_}", 0.75,
                                 government_of=state_key, led_by=leader)
            index.replace(start, token.i + 1, gov, index.doc[start:token.i + 1].text, 0.75)
            _still_names(index, child, state_key)
            return


def _surname(index: EntityIndex, key: str) -> str:
    """The name a leader's government goes by ("the Trump administration", "the Maduro government"),
    however the text points at them ("his government", "President Nicolas Maduro's government"): a
    one-word name the gazetteer gives them, the name after a title in one ("Chairman Kim"), else the
    shortest name the article calls them by."""
    entry = index.entries.get(key)
    names = entry.names if entry else ()
    single = [n for n in names if " " not in n and n.isascii()]
    titled = [n.split()[-1] for n in names if len(n.split()) == 2 and n.split()[0].casefold() in TITLE_WORDS]
    called = sorted((s.text for s in index.entities[key].mentions
                     if s.text[:1].isupper() and s.text.casefold() not in MALE_FEMALE_PRONOUNS), key=len)
    return (single or titled or called or [index.entities[key].label])[0]


def _ministry(index: EntityIndex, token: Token) -> None:
    """'North Korea's foreign ministry': part of the state's government, so modelled as a Government."""
    words = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i and c.text.islower()]
    state, start = state_modifier(index, token)
    if state is None or not words:
        return
    name = " ".join([*(w.lower_ for w in sorted(words, key=lambda w: w.i)), token.lower_])
    owner = next((c for c in token.children if c.dep_ == "poss" and index.state_named_by(c) is not None), None)
    gov = index.unlinked("Government", f"{state.label} {name}", 0.7, government_of=index.entity_for(state))
    index.replace(start, token.i + 1, gov, index.doc[start:token.i + 1].text, 0.7)
    if owner is not None:
        _still_names(index, owner, index.entity_for(state))


def _still_names(index: EntityIndex, owner: Token, state_key: str) -> None:
    """'China's foreign ministry' is the ministry to the rules, but it also names China: the state's
    name inside the phrase stays a mention of the state (a span nested in the ministry's), so an article
    naming China only there still mentions it. An adjective ("the Chinese foreign ministry") does not."""
    if owner.pos_ != "PROPN":
        return
    first = owner.i
    while first > owner.left_edge.i and index.doc[first - 1].pos_ == "PROPN":  # "North Korea's"
        first -= 1
    _nest(index, state_key, index.doc[first].idx, owner.idx + len(owner.text))


def _nest(index: EntityIndex, key: str, start: int, end: int) -> None:
    """A mention of the entity nested in a government's phrase (character offsets)."""
    entity = index.entities[key]
    if all((m.start, m.end) != (start, end) for m in entity.mentions):
        text = text_of(index.doc)[start:end]
        entity.mentions.append(Span(start, end, text))
        entity.matched_alias = entity.matched_alias or text
