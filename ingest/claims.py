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

The rules here find the source with ``claim_sources`` (and ``claim_speakers`` where the parse
misplaces it), the content with ``claim_content`` and ``claim_clauses``, and build the Claim with
``claim_fact`` (topics from ``claim_about``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import char_ranges, clausal, content_tokens, inside, inverted, object_predicates
from diplograph.ingest.claim_content import (
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
    coordinated_source,
    interrupted_subject,
    misattached_conjunct,
    past_attribution,
    postposed_speaker,
    quoted_speaker,
    reported_by_another,
    reporters_participle,
    reporting_ancestor_source,
    stranded_subject,
)
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import clause_sentence, lemma_in, sentence, stem_in, subject_of, text_of, words_of
from diplograph.ingest.transcripts import SPEAKER_LABEL, labelled_person

_QUOTES = re.compile(r"\u201c([^\u201d]{3,}?)\u201d|\"([^\"\n]{3,}?)\"")


def extract_claims(doc: Doc, index: EntityIndex) -> list[Claim]:
    quotes = [(m.start(1) if m.group(1) else m.start(2), m.end(1) if m.group(1) else m.end(2))
              for m in _QUOTES.finditer(text_of(doc))]
    claims: list[Claim] = []
    for i in _candidates(doc):
        token = doc[i]
        lemma = token.lemma_.lower()
        claim = None
        if _misparsed_cue(token):
            claim = _misparsed_claim(token, index)
        elif token.pos_ == "VERB" and lemma_in(token, lexicon.SAY_VERBS):
            claim = _verb_claim(token, index, quotes)
            if claim is not None and (halves := _that_clause_halves(claim, token, index)):
                claims.append(halves[0])
                claim = halves[1]
        elif token.pos_ == "NOUN" and lemma in lexicon.CLAIM_NOUNS:
            claim = _noun_claim(token, index)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            claim = _according_claim(token, index)
        if claim is not None:
            claims.append(claim)
            claims += _continued_quotes(doc, index, claim, token, quotes)
    claims += _speaker_turns(doc, index, claims)
    return _dedupe(claims)


OPENING_QUOTES = frozenset({'"', "\u201c"})


def _continued_quotes(doc: Doc, index: EntityIndex, claim: Claim, cue: Token,
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
        if gap.strip() not in OPENING_QUOTES or "\n" in gap or after is None or sentence(after[0]).end_char > b + 2:
            break  # not right after, another paragraph, or a sentence with its own attribution
        found.append(make_claim(index, claim.claimant, [(a, b)], claim.cue, cue, lemma_in(cue, lexicon.SAY_VERBS) or "",
                                False))
        end = sentence(after[0]).end_char
    return found


def _candidates(doc: Doc) -> list[int]:
    """The tokens that may be a cue: a reporting verb or noun, an attitude noun, "according"."""
    w = words_of(doc)
    return [i for i, (lower, lemma, pos) in enumerate(zip(w.lower, w.lemma, w.pos, strict=True))
            if (pos in ("NOUN", "VERB") and stem_in(lemma, lower, lexicon.SAY_VERBS) is not None)
            or (pos == "NOUN" and lemma in lexicon.CLAIM_NOUNS) or lower == "according"]


def _verb_claim(verb: Token, index: EntityIndex, quotes: list[tuple[int, int]]) -> Claim | None:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # agentless passive: "it is believed that ..."
    if inside(verb.idx, quotes) or reported_by_another(verb, index):
        return None
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children):
        return None  # "shrank by 2 percent, less than economists had predicted": a comparison, not their claim
    misattached = misattached_conjunct(verb)
    subject = quoted_speaker(verb) or stranded_subject(verb) or caused_speaker(verb) \
        or past_attribution(verb) or reporters_participle(verb) or (
        subject_of(misattached) if misattached else subject_of(verb)) or interrupted_subject(verb)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head  # "Kishida, who said ..."
    claimant = source_key(subject, index) if subject is not None else None
    if claimant is None and (subject is None or subject.i > verb.i) \
            and (speaker := postposed_speaker(verb, index)) is not None:
        claimant = source_key(speaker, index)
    if claimant is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        claimant = reporting_ancestor_source(verb, index)  # "X cautioned that Y, arguing that Z"
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # "..., and the ministry described"
    if claimant is None and verb.dep_ == "conj" and (own is None or own.pos_ == "PRON"):
        claimant = coordinated_source(verb, index, own)  # "Blinken travelled to Beijing and warned that"
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


def _that_clause_halves(claim: Claim, verb: Token, index: EntityIndex) -> list[Claim]:
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


def _rejecting_predicate(verb: Token) -> bool:
    """'called the accusations groundless': the object predicate rejects what the object says."""
    return lemma_in(verb, lexicon.QUOTE_VERBS) is not None and any(
        c.lemma_.lower() in lexicon.DENIAL_PREDICATES or c.lower_ in lexicon.DENIAL_PREDICATES
        for c in object_predicates(verb))


def _misparsed_cue(token: Token) -> bool:
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


def _misparsed_claim(cue: Token, index: EntityIndex) -> Claim | None:
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


def _noun_claim(noun: Token, index: EntityIndex) -> Claim | None:
    holder, cue_start = _holder(noun, index)
    if holder is None:
        return None
    heads = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and clausal(c)]
    if not heads and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        heads = [c for c in noun.head.children if c.dep_ in ("ccomp", "attr") and c.i > noun.i and clausal(c)]
    if not heads:
        return None
    pieces = char_ranges(tok for h in heads for tok in content_tokens(h))
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


def _according_claim(token: Token, index: EntityIndex) -> Claim | None:
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
    demand is its subject's act, and no claim."""
    return any(a.pos_ == "VERB" and lemma_in(a, REPORTED_ACTS) and subject_of(a) is not None
               for a in according.ancestors)


REPORTED_ACTS = lexicon.SAY_VERBS | lexicon.DEMAND_VERBS


def _speaker_turns(doc: Doc, index: EntityIndex, claims: list[Claim]) -> list[Claim]:
    """A press-conference or interview transcript gives each turn as a paragraph opening with the
    speaker's name and a colon ("PUTIN: Russia will be ready to return ..."). A label naming a leader
    of the article makes the turn's statements (not its questions, nor sentences already holding a
    claim of their own) one claim of that leader, cued by the label; "QUESTION:", "Q:" name no one."""
    text = text_of(doc)
    cues = [c.cue.start for c in claims]
    turns: list[Claim] = []
    for start in [0, *(m.end() for m in re.finditer(r"\n\s*", text))]:
        label = SPEAKER_LABEL.match(text, start)
        if label is None or (key := labelled_person(index, label.group(1))) is None:
            continue
        end = text.find("\n", label.end())
        end = len(text) if end == -1 else end
        span = doc.char_span(label.end(), end, alignment_mode="expand")
        if span is None:
            continue
        said: list[Token] = []
        for sent in {sentence(t).start: sentence(t) for t in span}.values():
            a, b = max(sent.start_char, label.end()), min(sent.end_char, end)
            own = [t for t in sent if a <= t.idx < b]
            if text[a:b].strip().endswith("?") or any(a <= c < b for c in cues) \
                    or not any(t.pos_ in ("VERB", "AUX") for t in own):
                continue
            said += own
        if pieces := char_ranges(said):
            cue = Span(label.start(1), label.end(1), label.group(1))
            turns.append(make_claim(index, key, pieces, cue, doc.char_span(*pieces[0], alignment_mode="expand")[0],
                                    "say", False))
    return turns


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, int, int], Claim] = {}
    for claim in claims:
        ident = (claim.claimant, claim.content[0].start, claim.content[-1].end)
        seen.setdefault(ident, claim)
    return list(seen.values())
