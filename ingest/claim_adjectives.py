"""Attitude adjectives (a rule of ``claims``): "Washington is concerned that Beijing could arm Moscow",
"Officials are confident that the North will return to talks", "The Kremlin has made clear that it will
not negotiate": the subject of the copula (or of "made clear") holds the that-clause.

Analyses and explainers state a party's position this way as often as with a reporting verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest.claim_clauses import char_ranges, content_tokens
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.claim_sources import source_key
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import subject_of

# Each adjective with the cue lemma that gives its modality (concern, confidence, belief, hope and fear
# hedge; certainty and insistence assert).
ATTITUDE_ADJECTIVES = {
    "concerned": "concern", "worried": "worry", "confident": "confidence", "convinced": "believe",
    "hopeful": "hope", "optimistic": "hope", "pessimistic": "doubt", "fearful": "fear", "afraid": "fear",
    "sure": "say", "certain": "say", "adamant": "insist", "insistent": "insist", "clear": "say",
}
UNCERTAIN_WHEN_NEGATED = frozenset({"sure", "certain", "confident", "convinced"})
# Verbs that ascribe the attitude to their subject: "is concerned", "remains convinced", "made clear".
LINKING_VERBS = frozenset({"be", "remain", "seem", "appear", "grow", "become", "make"})


def adjective_cue(token: Token) -> bool:
    """An attitude adjective a linking verb ascribes to its subject ("clear" only with "made")."""
    head = token.head
    return token.lower_ in ATTITUDE_ADJECTIVES and token.dep_ in ("acomp", "ccomp", "oprd") \
        and head.lemma_.lower() in LINKING_VERBS and (head.lemma_.lower() == "make") == (token.lower_ == "clear")


def adjective_claim(adjective: Token, index: EntityIndex) -> Claim | None:
    head = adjective.head
    subject = subject_of(head)
    claimant = source_key(subject, index) if subject is not None else None
    clause = _that_clause(adjective)
    if claimant is None or clause is None:
        return None
    pieces = char_ranges(content_tokens(clause))
    if not pieces:
        return None
    first = head if head.lemma_.lower() == "make" else adjective  # "made clear"
    doc = adjective.doc
    cue_tokens = doc[first.i:adjective.i + 1]
    cue = Span(cue_tokens.start_char, cue_tokens.end_char, cue_tokens.text)
    negated = any(c.dep_ == "neg" for c in head.children)
    lemma = ATTITUDE_ADJECTIVES[adjective.lower_]
    if negated and adjective.lower_ in UNCERTAIN_WHEN_NEGATED:
        lemma, negated = "doubt", False  # "was not sure that Kim would come": a doubt, not a denial
    return make_claim(index, claimant, pieces, cue, adjective, lemma, negated)


def _that_clause(adjective: Token) -> Token | None:
    """The that-clause after the adjective, which the parse hangs on it or on its verb."""
    for owner in (adjective, adjective.head):
        for child in owner.children:
            if child.dep_ in ("ccomp", "advcl") and child.i > adjective.i \
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                return child
    return None
