"""Attitude nouns whose holder is named (a rule of ``claims``): "Trump's view that ...", "the biggest
concern among many analysts is that ...", "North Korea expressed frustration that ...", "Putin's denial of
election interference" (a deed denied).
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import char_ranges, clausal, content_tokens
from diplograph.ingest.claim_content import denied_deed
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.claim_sources import source_key
from diplograph.ingest.claim_speakers import misattached_conjunct
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import subject_of


def noun_claim(noun: Token, index: EntityIndex) -> Claim | None:
    holder, cue_start = _holder(noun, index)
    if holder is None:
        return None
    heads = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and clausal(c)]
    if not heads and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        heads = [c for c in noun.head.children if c.dep_ in ("ccomp", "attr") and c.i > noun.i and clausal(c)]
    framing: set[int] = set()
    if not heads and (frame := _framing_phrase(noun)) is not None:
        heads = [frame.head]  # "In Beijing's view, the sanctions are illegal": the clause it frames
        framing = {t.i for t in frame.subtree}
    if not heads:
        heads = _denied_deeds(noun)
    if not heads:
        return None
    pieces = char_ranges(tok for h in heads for tok in content_tokens(h) if tok.i not in framing)
    if not pieces:
        return None
    doc = noun.doc
    cue_tokens = doc[min(cue_start, noun.i):noun.i + 1]
    cue = Span(cue_tokens.start_char, cue_tokens.end_char, cue_tokens.text)
    negated = any(c.dep_ == "neg" for c in noun.head.children) and noun.dep_ == "dobj"
    return make_claim(index, holder, pieces, cue, noun, noun.lemma_.lower(), negated)


def _holder(noun: Token, index: EntityIndex) -> tuple[str | None, int]:
    for child in noun.children:
        if child.dep_ == "poss":
            return source_key(child, index), noun.i
        if child.dep_ == "prep" and child.lower_ in ("among", "of", "by", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (key := source_key(pobj, index)):
                    return key, noun.i
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in lexicon.LIGHT_VERBS:
        # "Erdogan said Turkey would present proposals and expressed hope that ...": Erdogan's hope
        subject = subject_of(misattached_conjunct(head) or head)
        if subject is not None:
            return source_key(subject, index), head.i
    return None, noun.i


def _denied_deeds(noun: Token) -> list[Token]:
    """'Putin's denial of election interference': what a denial is of, when it is a deed ("denial of
    any role in the attack"), is said not to have happened; "his denial of the report" says nothing of its
    own."""
    if noun.lemma_.lower() != "denial":
        return []
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj" and denied_deed(p)]


FRAMING_NOUNS = frozenset({"view", "opinion", "assessment", "estimate", "judgment", "judgement", "eyes"})


def _framing_phrase(noun: Token) -> Token | None:
    """'In Beijing's view, the sanctions are illegal', 'in Moscow's eyes': a fronted "in X's view" frames
    its clause as X's claim."""
    frame = noun.head
    if noun.dep_ == "pobj" and noun.lemma_.lower() in FRAMING_NOUNS and frame.lower_ == "in" \
            and frame.dep_ == "prep" and frame.i < frame.head.i and frame.head.pos_ in ("VERB", "AUX"):
        return frame
    return None
