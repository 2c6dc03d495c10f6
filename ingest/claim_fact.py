"""The Claim a rule found (``make_claim``): its text and content spans, topics, modality, confidence,
the sentence that is its evidence, and how the article names its claimant.

Modality: Denied for denial cues (deny, reject, dismiss) and negated cues ("did not say"); Hedged
for belief, hope, fear, concern and estimate cues, for such a cue the speaker holds inside the content
("said he hoped ..."), and for contents hedged with may/might/could/likely/reportedly; else Asserted.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_about import demonym_states, held_attitude, topic_keys
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import clause_sentence, text_of


def make_claim(index: EntityIndex, claimant: str, pieces: list[tuple[int, int]], cue: Span, anchor: Token,
               cue_lemma: str, negated: bool) -> Claim:
    doc = anchor.doc
    text = " ".join(text_of(doc)[a:b] for a, b in pieces)
    content = [Span(a, b, text_of(doc)[a:b]) for a, b in pieces]
    about: list[str] = []
    held: str | None = None
    for a, b in pieces:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            for key in [*topic_keys(index, span, claimant, anchor), *demonym_states(index, span)]:
                if key not in about:  # "most South Koreans": two demonym words, one state
                    about.append(key)
            held = held or held_attitude(index, span, claimant)
    modality = _modality(cue_lemma, negated, doc, pieces, anchor)
    if modality == "Asserted" and held in lexicon.HEDGE_CUES:
        modality = "Hedged"  # "Putin said he hoped the talks would open the way to peace": a hope
    confidence = 0.8 if anchor.pos_ == "VERB" else 0.65
    evidence = clause_sentence(anchor)
    start = min(evidence.start, pieces[0][0])
    end = max(evidence.end, pieces[-1][1])
    if (start, end) != (evidence.start, evidence.end):
        evidence = Span(start, end, text_of(doc)[start:end])
    return Claim(claimant=claimant, text=text, content=content, cue=cue, evidence=evidence, about=about,
                 modality=modality, confidence=confidence, claimant_name=_claimant_name(index, claimant, anchor.i))


def _claimant_name(index: EntityIndex, key: str, at: int) -> str | None:
    """How the article names the claimant: its nearest proper-name mention before the cue (else the
    first after it), so a pronoun or a title noun gives the name it stands for. None when the article
    never names it (a described group keeps its label, which is already the article's wording)."""
    doc = index.doc
    named = [m for m in index.mentions if m.key == key and _proper_name(doc[m.start:m.end])]
    if not named:
        return None
    before = [m for m in named if m.start <= at]
    best = max(before, key=lambda m: m.start) if before else min(named, key=lambda m: m.start)
    words = [t for t in doc[best.start:best.end] if t.tag_ != "POS" and not (t.i == best.start and t.lower_ == "the")]
    return text_of(doc)[words[0].idx:words[-1].idx + len(words[-1].text)] if words else None


def _proper_name(span) -> bool:
    return any(t.pos_ == "PROPN" for t in span) and not any(t.pos_ == "PRON" for t in span)


def _modality(cue_lemma: str, negated: bool, doc: Doc, pieces: list[tuple[int, int]], anchor: Token) -> str:
    if cue_lemma in lexicon.DENIAL_CUES:
        return "Asserted" if negated else "Denied"
    if negated:
        return "Denied"
    if cue_lemma in lexicon.HEDGE_CUES:
        return "Hedged"
    if any(c.lower_ in lexicon.HEDGE_WORDS for c in anchor.children):
        return "Hedged"
    words = {w.lower() for a, b in pieces for w in re.findall(r"[A-Za-z]+", text_of(doc)[a:b])}
    return "Hedged" if words & lexicon.HEDGE_WORDS else "Asserted"
