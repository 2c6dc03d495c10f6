""""According to X, ..." (a rule of ``claims``): X claims the rest of the sentence, unless a reporting
verb with its own subject already attributes it (then X reported the report, and no claim is made).
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import char_ranges
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.claim_sources import source_key
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import lemma_in, sentence, subject_of


def according_claim(token: Token, index: EntityIndex) -> Claim | None:
    to = token.doc[token.i + 1]
    sources = [c for c in to.children if c.dep_ == "pobj"]
    if not sources:
        return None
    claimant = source_key(sources[0], index)
    if claimant is None or _reported_speech(token):
        return None
    phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree}
    sent = sentence(token)
    pieces = char_ranges(t for t in sent if t.i not in phrase)
    if not pieces:
        return None
    cue_span = token.doc[token.i:to.i + 1]
    cue = Span(cue_span.start_char, cue_span.end_char, cue_span.text)
    return make_claim(index, claimant, pieces, cue, token, "according", False)


def _reported_speech(according: Token) -> bool:
    """'Kim told Putin that ..., according to state media': the sentence already has a reporting verb
    with its own subject, who is the claimant; "according to" names whoever reported the report. So
    with a demand ('Raisi urged Islamic countries to arm ..., according to Iranian media'): the
    demand is its subject's act, and no claim. A cue word used for what it does, reporting nothing
    ('the Treasury maintains its own sanctions ..., according to a State Department official'), leaves
    the sentence to the one it is according to."""
    return any(a.pos_ == "VERB" and lemma_in(a, REPORTED_ACTS) and subject_of(a) is not None and _reports(a)
               for a in according.ancestors)


def _reports(verb: Token) -> bool:
    """The verb has something to report: a clause, a quote or parenthetical beside it, an object it can
    say something of ("denied the reports", "called the talks a success"), an infinitive that is a claim
    ("claimed to have ...") -- not one that is a commitment ("the two leaders agreed to keep up close
    contact, according to the Russian side": what the Russian side says happened)."""
    lemma = lemma_in(verb, lexicon.SAY_VERBS) or ""
    return any(c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "dobj" and lemma in OBJECT_VERBS)
               or (c.dep_ == "xcomp" and lemma in lexicon.XCOMP_CONTENT_VERBS) for c in verb.children) \
        or lemma_in(verb, lexicon.DEMAND_VERBS) is not None


OBJECT_VERBS = lexicon.OBJECT_CONTENT_VERBS | lexicon.AS_VERBS | lexicon.QUOTE_VERBS


REPORTED_ACTS = lexicon.SAY_VERBS | lexicon.DEMAND_VERBS
