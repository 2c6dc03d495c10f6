"""Reporting and attitude verbs (a rule of ``claims``): the verb's subject, or the speaker the parse
misplaced, is the source and its clause or quote the content; "said X and that Y" gives two claims.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import inside, inverted, object_predicates
from diplograph.ingest.claim_content import (
    asks,
    inverted_content,
    nominal_that_clause,
    parenthetical,
    relative_content,
    verb_content,
    within_opening_quote,
)
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.claim_sources import source_key
from diplograph.ingest.claim_speakers import (
    caused_speaker,
    conjoined_speaker,
    coordinated_source,
    interrupted_subject,
    misattached_conjunct,
    past_attribution,
    postposed_speaker,
    pronoun_speaker,
    quoted_speaker,
    reported_by_another,
    reporters_participle,
    reporting_ancestor_source,
    stranded_subject,
)
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import lemma_in, subject_of


def verb_claim(verb: Token, index: EntityIndex, quotes: list[tuple[int, int]],
               speaker: str | None = None) -> Claim | None:
    """The claim a reporting verb makes, its source the verb's subject (or ``speaker``, when the caller
    knows whom the subject stands for)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # agentless passive: "it is believed that ..."
    if inside(verb.idx, quotes) or reported_by_another(verb, index) or asks(verb):
        return None  # "Asked whether he thought relief was possible": a question, no belief held
    particle = lexicon.PARTICLE_SAY_VERBS.get(verb.lemma_.lower())
    if particle is not None and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
        return None  # "pointed to the map": no report
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children):
        return None  # "shrank by 2 percent, less than economists had predicted": a comparison, not their claim
    claimant = speaker or _claimant(verb, index)
    if claimant is None:
        return None
    pieces = inverted_content(verb) if inverted(verb) or parenthetical(verb, quotes) else (
        verb_content(verb, quotes) or nominal_that_clause(verb) or relative_content(verb))
    pieces = within_opening_quote(pieces, quotes)
    if not pieces:
        return None
    cue = Span(verb.idx, verb.idx + len(verb.text), verb.text)
    negated = any(c.dep_ == "neg" for c in verb.children) or _rejecting_predicate(verb)
    return make_claim(index, claimant, pieces, cue, verb, lemma_in(verb, lexicon.SAY_VERBS) or "", negated)


def _claimant(verb: Token, index: EntityIndex) -> str | None:
    """Who the verb's subject, or the speaker the parse misplaced, denotes."""
    misattached = misattached_conjunct(verb)
    subject = quoted_speaker(verb) or stranded_subject(verb) or caused_speaker(verb) \
        or past_attribution(verb) or reporters_participle(verb) or (
        subject_of(misattached) if misattached else subject_of(verb)) or interrupted_subject(verb)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head  # "Kishida, who said ..."
    claimant = source_key(subject, index) if subject is not None else None
    if subject is not None:  # '"...," he told reporters' after a long quote or a source the gazetteer lacks
        claimant = pronoun_speaker(subject, index) or claimant
    if claimant is None and (subject is None or subject.i > verb.i) \
            and (speaker := postposed_speaker(verb, index)) is not None:
        claimant = source_key(speaker, index)
    if claimant is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        claimant = reporting_ancestor_source(verb, index)  # "X cautioned that Y, arguing that Z"
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # "..., and the ministry described"
    if claimant is None and verb.dep_ == "conj" and (own is None or own.pos_ == "PRON"):
        claimant = coordinated_source(verb, index, own)  # "Blinken travelled to Beijing and warned that"
    return conjoined_speaker(verb, index) or claimant


def that_clause_halves(claim: Claim, verb: Token, index: EntityIndex) -> list[Claim]:
    """"He said the vote sent a signal and that the government deserved a chance": two propositions,
    each a claim about what it names, the second without its 'that' (as the seed's gold has it). A
    contrast ("said the talks went well but that Russia would judge ...") stays one claim, as most
    tuning sets annotate it."""
    if len(claim.content) != 1:
        return []
    doc = verb.doc
    start, end = claim.content[0].start, claim.content[0].end
    for token in doc.char_span(start, end, alignment_mode="expand") or ():
        mark = next((c for c in token.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        cc = next((c for c in token.head.children if c.dep_ == "cc" and c.i < token.i and c.lower_ == "and"), None)
        if token.dep_ != "conj" or mark is None or cc is None or token.head.idx < start:
            continue
        last = doc[cc.i - 2] if doc[cc.i - 1].is_punct else doc[cc.i - 1]  # "X, and that Y"
        first_end, second_start = last.idx + len(last), doc[mark.i + 1].idx
        if not start < first_end < second_start < end:
            return []
        cue_lemma = lemma_in(verb, lexicon.SAY_VERBS) or ""
        negated = any(c.dep_ == "neg" for c in verb.children) or _rejecting_predicate(verb)
        return [make_claim(index, claim.claimant, [(start, first_end)], claim.cue, verb, cue_lemma, negated),
                make_claim(index, claim.claimant, [(second_start, end)], claim.cue, verb, cue_lemma, negated)]
    return []


def of_phrase_halves(claim: Claim, verb: Token, index: EntityIndex) -> list[Claim]:
    """'accused Russia of helping North Korea evade sanctions, and of pressuring UN experts to soften a
    report': two charges, each a claim of the object (the object with its own of-phrase), as 'said X and
    that Y' is two claims."""
    if len(claim.content) != 1 or not any(c.dep_ == "dobj" for c in verb.children):
        return []
    doc, (start, end) = verb.doc, (claim.content[0].start, claim.content[0].end)
    first = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    second = next((t for t in first.subtree if t.lower_ == "of" and t.dep_ == "conj"), None) if first else None
    if second is None or doc[second.i - 1].lower_ != "and" or not start < second.idx < end:
        return []
    last = doc[second.i - 3] if doc[second.i - 2].is_punct else doc[second.i - 2]  # "X, and of Y"
    first_end, charged = last.idx + len(last), doc[first.i - 1]
    cue_lemma = lemma_in(verb, lexicon.SAY_VERBS) or ""
    negated = any(c.dep_ == "neg" for c in verb.children)
    return [make_claim(index, claim.claimant, [(start, first_end)], claim.cue, verb, cue_lemma, negated),
            make_claim(index, claim.claimant, [(start, charged.idx + len(charged)), (second.idx, end)], claim.cue,
                       verb, cue_lemma, negated)]


def _rejecting_predicate(verb: Token) -> bool:
    """'called the accusations groundless': the object predicate rejects what the object says."""
    return lemma_in(verb, lexicon.QUOTE_VERBS) is not None and any(
        c.lemma_.lower() in lexicon.DENIAL_PREDICATES or c.lower_ in lexicon.DENIAL_PREDICATES
        for c in object_predicates(verb))
