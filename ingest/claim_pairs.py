"""A pair as the source (a rule of ``claims``): "The two presidents agreed that their teams would keep in
close contact" is a claim of each of the two leaders the text has just named.

Readouts and briefings on a call or a meeting tell what both sides said in one sentence; the pair
phrase is no entity, so without this the claim had no source and was lost.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest.claim_sources import CLAIMANT_KINDS
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.entity_index import ensure_state
from diplograph.ingest.spans import subject_of

# "the two presidents", "both leaders", "the two men": two leaders; "the two sides", "both countries",
# "both governments": their two states.
PAIR_LEADER_NOUNS = frozenset({"leader", "president", "man", "premier", "head"})
PAIR_STATE_NOUNS = frozenset({"side", "country", "nation", "government"})
# How far back the pair must have been named: the cue's sentence and the ones before it.
LOOKBACK_SENTENCES = 6


def pair_speakers(verb: Token, index: EntityIndex) -> list[str]:
    """The two leaders "the two presidents" subject of a reporting verb stands for: the last two the text
    names before it, within a few sentences; none when it names fewer. "Both sides", "the two countries":
    those leaders' states."""
    subject = subject_of(verb)
    if subject is not None and (_bare_both(subject) or subject.lower_ == "they"):
        return pair_named_before(subject, index)
    if subject is None or not any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet")
                                  for c in subject.children):
        return []
    lemma = subject.lemma_.lower()
    if lemma not in PAIR_LEADER_NOUNS | PAIR_STATE_NOUNS:
        return []
    leaders = last_two(index, subject, "Leader")
    if lemma in PAIR_LEADER_NOUNS:
        return leaders
    # "both sides": the states of the two leaders the story pairs, not whichever two states it named last
    # ("... Taiwan's election might test the truce. Both sides said ...")
    states = [ensure_state(index, index.state_of(k)) for k in leaders]
    return states if len(set(states)) == 2 and None not in states else []


def pair_named_before(pronoun: Token, index: EntityIndex) -> list[str]:
    """What a bare "Both" (or a "they" after it) subject stands for: the two entities coordinated as the
    subject of the nearest main clause before it ("The Chancellor and the President discussed Brexit.
    Both said they regretted the vote. ... they confirmed that ..."), in the sentence or the two before.
    A subject between them that is no such pair (one leader, "the talks") says the pair is not that."""
    doc, start = pronoun.doc, _sentences_back(pronoun, 2)
    for token in reversed(doc[start:pronoun.i]):
        if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or _bare_both(token):
            continue  # "Both said ...": the pair before it is the one a later "they" goes on with
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        keys = [index.key_of_phrase(t) for t in (token, *conjuncts)]
        if len(keys) == 2 and None not in keys and keys[0] != keys[1] \
                and all(index.kind(k) in CLAIMANT_KINDS for k in keys):
            return keys
        return []
    return []


def _bare_both(token: Token) -> bool:
    """'Both said ...': "both" standing alone for a pair, no noun after it."""
    return token.lower_ == "both" and token.pos_ in ("PRON", "DET", "NOUN")


def last_two(index: EntityIndex, token: Token, kind: str) -> list[str]:
    """The last two entities of ``kind`` (leaders, states) the text names before the token, within a few
    sentences, in text order; none when it names fewer."""
    start = _sentences_back(token, LOOKBACK_SENTENCES)
    pair: list[str] = []
    for mention in sorted(index.mentions, key=lambda m: -m.start):
        if start <= mention.start < token.i and index.kind(mention.key) == kind and mention.key not in pair:
            pair.append(mention.key)
            if len(pair) == 2:
                return pair[::-1]
    return []


def _sentences_back(token: Token, count: int) -> int:
    """The first token of the sentence ``count`` sentences before the token's."""
    doc, start = token.doc, token.sent.start
    for _ in range(count):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
