"""Claims: propositions the text attributes to a source, with cue, content, topic and modality.

Three attribution patterns (PARC's source + cue + content):

* a reporting or attitude verb with its subject as source and its clause as content: "North Korea
  insisted that ...", "the administration portrayed Kim as desperate, arguing that ...", "He offered
  to restart ...", quotes split around the cue ("'X,' he said, 'Y.'" gives X and Y joined);
* an attitude noun whose holder is named: "Trump's view that ...", "the biggest concern among many
  analysts is that ...", "North Korea expressed frustration that ...", "his determination to ...";
* "according to X, ...".

The source must be an entity of the article (a pronoun resolved to one counts), a described group
("analysts", "U.S. officials": a Group) or a described person ("a Kremlin spokesman"). What the
author says in their own voice, with "we"/"I", or through agentless phrasings ("raising speculation
that", "it is believed that") is not attributed to anyone and is left out: the graph records what
sources claim, and the article itself is its own provenance.

The content must be a proposition: a clause, a quote, an infinitive of a claim verb, an "as" or
object-predicate complement ("called the talks a success", "portrayed Kim as desperate"). A
commitment ("pledged to tighten", "vowed to retaliate") is an act, a claim only with a that-clause;
denying a plain thing ("dismissed the measures") is none, denying a proposition noun ("rejected the
allegations", "called the accusations groundless") is a Denied claim. "According to X" after a
reporting verb with its own subject names the reporter of the report, not the claimant.

Each claim records how the article names its claimant (``claimant_name``: the nearest proper-name
mention, through pronouns), which the gazetteer label may spell differently ("Zelensky").

Modality: Denied for denial cues (deny, reject, dismiss) and negated cues ("did not say"); Hedged
for belief, hope, fear, concern and estimate cues and for contents hedged with may/might/could/
likely/reportedly; else Asserted.

``extract_claims`` tries each candidate cue word in text order: a cue the parse reads as a subject
(``claim_misparsed``), an attitude adjective ("is concerned that", "made clear that": ``claim_adjectives``),
a reporting verb (``claim_verbs``; with "the two presidents" for subject, once for each of the pair:
``claim_pairs``), an attitude noun (``claim_nouns``),
"according to" (``claim_according``); quotes that go on after a claim (``claim_quotes``) and
transcript turns (``claim_turns``) follow, then duplicates go. The rules find the source with
``claim_sources`` (and ``claim_speakers`` where the parse misplaces it), the content with
``claim_content`` and ``claim_clauses``, and build the Claim with ``claim_fact`` (topics from
``claim_about``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_according import according_claim
from diplograph.ingest.claim_adjectives import ATTITUDE_ADJECTIVES, adjective_claim, adjective_cue
from diplograph.ingest.claim_misparsed import misparsed_claim, misparsed_cue
from diplograph.ingest.claim_nouns import noun_claim
from diplograph.ingest.claim_pairs import pair_speakers
from diplograph.ingest.claim_quotes import continued_quotes
from diplograph.ingest.claim_turns import speaker_turns
from diplograph.ingest.claim_verbs import of_phrase_halves, that_clause_halves, verb_claim
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim
from diplograph.ingest.spans import lemma_in, stem_in, text_of, words_of

_QUOTES = re.compile(r"\u201c([^\u201d]{3,}?)\u201d|\"([^\"\n]{3,}?)\"")


def extract_claims(doc: Doc, index: EntityIndex) -> list[Claim]:
    quotes = [(m.start(1) if m.group(1) else m.start(2), m.end(1) if m.group(1) else m.end(2))
              for m in _QUOTES.finditer(text_of(doc))]
    claims: list[Claim] = []
    for i in _candidates(doc):
        token = doc[i]
        lemma = token.lemma_.lower()
        claim = None
        if misparsed_cue(token):
            claim = misparsed_claim(token, index)
        elif adjective_cue(token):
            claim = adjective_claim(token, index)
        elif token.pos_ == "VERB" and lemma_in(token, lexicon.SAY_VERBS):
            said = [verb_claim(token, index, quotes)]
            if said[0] is None:  # "The two presidents agreed that ...": a claim of each
                said = [verb_claim(token, index, quotes, key) for key in pair_speakers(token, index)] or said
            for one in said[:-1]:
                claims += (_halves(one, token, index) or [one]) if one is not None else []
            claim = said[-1]
            if claim is not None and (halves := _halves(claim, token, index)):
                claims.append(halves[0])
                claim = halves[1]
        elif token.pos_ == "NOUN" and lemma in lexicon.CLAIM_NOUNS:
            claim = noun_claim(token, index)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            claim = according_claim(token, index)
        if claim is not None:
            claims.append(claim)
            claims += continued_quotes(doc, index, claim, token, quotes)
    claims += speaker_turns(doc, index, claims)
    return _dedupe(claims)


def _halves(claim: Claim, verb: Token, index: EntityIndex) -> list[Claim]:
    """Two propositions a report joins ("said X and that Y", "accused R of X, and of Y"), or none."""
    return that_clause_halves(claim, verb, index) or of_phrase_halves(claim, verb, index)


def _candidates(doc: Doc) -> list[int]:
    """The tokens that may be a cue: a reporting verb or noun, an attitude noun or adjective, "according"."""
    w = words_of(doc)
    return [i for i, (lower, lemma, pos) in enumerate(zip(w.lower, w.lemma, w.pos, strict=True))
            if (pos in ("NOUN", "VERB") and stem_in(lemma, lower, lexicon.SAY_VERBS) is not None)
            or (pos == "NOUN" and lemma in lexicon.CLAIM_NOUNS) or lower == "according"
            or lower in ATTITUDE_ADJECTIVES]


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, int, int], Claim] = {}
    for claim in claims:
        ident = (claim.claimant, claim.content[0].start, claim.content[-1].end)
        seen.setdefault(ident, claim)
    return list(seen.values())
