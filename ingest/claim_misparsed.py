"""Cues the small model reads as a subject (a rule of ``claims``): in "a meeting that Washington fears
could deliver shells" "fears" is parsed as the subject of "could deliver"; its holder is the source.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import char_ranges
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.claim_sources import source_key
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import lemma_in


def misparsed_cue(token: Token) -> bool:
    """'a meeting that Washington fears could deliver shells': the small model reads "fears" as the
    subject of "could deliver", with "Washington" as its own subject or modifier. A bare cue word
    (no determiner) in that position, after its holder, is the cue verb and its clause the content."""
    return token.pos_ in ("NOUN", "VERB") and token.dep_ == "nsubj" and token.tag_ in ("NNS", "NN", "VBZ") \
        and lemma_in(token, lexicon.SAY_VERBS) is not None and token.head.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in ("det", "poss", "amod") for c in token.children) \
        and _misparsed_holder(token) is not None


def _misparsed_holder(cue: Token) -> Token | None:
    return next((c for c in cue.children if c.dep_ in ("nsubj", "nmod", "compound") and c.i < cue.i
                 and c.tag_ not in ("WDT", "WP") and c.pos_ == "PROPN"), None)


def misparsed_claim(cue: Token, index: EntityIndex) -> Claim | None:
    subject = _misparsed_holder(cue)
    claimant = source_key(subject, index) if subject is not None else None
    if claimant is None:
        return None
    clause = cue.head
    own = {t.i for t in cue.subtree}
    tokens = [t for t in clause.subtree if t.i not in own and not (t.dep_ == "mark" and t.head.i == clause.i)]
    if clause.dep_ == "relcl":  # "a meeting that X fears could ...": the meeting is what could
        tokens.append(clause.head)
    pieces = char_ranges(tokens)
    if not pieces:
        return None
    span = Span(cue.idx, cue.idx + len(cue.text), cue.text)
    return make_claim(index, claimant, pieces, span, cue, lemma_in(cue, lexicon.SAY_VERBS) or "", False)
