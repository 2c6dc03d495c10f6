"""Quotes that go on (a rule of ``claims``): quoted sentences right after a speaker's quote, in the
same paragraph and with no cue of their own, are still that speaker's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim
from diplograph.ingest.spans import clause_sentence, lemma_in, text_of

OPENING_QUOTES = frozenset({'"', "\u201c"})


def continued_quotes(doc: Doc, index: EntityIndex, claim: Claim, cue: Token,
                     quotes: list[tuple[int, int]]) -> list[Claim]:
    """'"Iran keeps arming Russia," said Nelson. "We will use every tool."': quoted sentences right after
    a speaker's quote, in the same paragraph and with no cue of their own, are still that speaker's."""
    if cue.pos_ != "VERB" or not any(a <= claim.content[0].start < b for a, b in quotes):
        return []
    text = text_of(doc)
    found = []
    end = clause_sentence(cue).end
    for a, b in quotes:
        if a <= end:
            continue
        gap = text[end:a]
        after = doc.char_span(a, b, alignment_mode="expand")
        if gap.strip() not in OPENING_QUOTES or "\n" in gap or after is None or clause_sentence(after[0]).end > b + 2:
            break  # not right after, another paragraph, or a sentence with its own attribution
        found.append(make_claim(index, claim.claimant, [(a, b)], claim.cue, cue, lemma_in(cue, lexicon.SAY_VERBS) or "",
                                False))
        end = clause_sentence(after[0]).end
    return found
