"""The speaker of a verb cue where the parse misplaces its subject: a name stranded by coordination, a
quoted or caused speaker, a long title after a quote, the reporter a participle or a coordinated cue
goes on with, a "he" the entities left unresolved after a long quote or gave to a man before a source
the gazetteer lacks; and cues reported second-hand inside another source's clause, which hold no claim
of their own.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import inverted
from diplograph.ingest.claim_sources import source_key
from diplograph.ingest.entities import NAME_PUNCT, EntityIndex
from diplograph.ingest.entity_index import PERSON_KINDS
from diplograph.ingest.spans import QUOTES, lemma_in, quoted, sentence, subject_of, text_of


def stranded_subject(verb: Token) -> Token | None:
    """'Canada listed 129 people, and Prime Minister Justin Trudeau, speaking in Toronto, said ...':
    the parse coordinates the name with the first verb and the cue after it; the name between them is
    the cue's subject, not the first verb's."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    names = [c for c in verb.head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
             and verb.head.i < c.i < verb.i]
    return names[-1] if names else None


def past_attribution(verb: Token) -> Token | None:
    """'The ministry rejected the resolution as an act of war, KCNA reported, and said it amounted to a
    blockade': the parse coordinates the second cue with the trailing attribution; it continues the
    speaker of the fronted clause the agency reported, not the agency."""
    head = verb.head
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
            or lemma_in(head, lexicon.SAY_VERBS) is None:
        return None
    fronted = [c for c in head.children if c.dep_ == "ccomp" and c.right_edge.i + 1 < head.i
               and head.doc[c.right_edge.i + 1].text == ","]
    return next((s for c in fronted for s in c.children if s.dep_ == "nsubj"), None)


def reporters_participle(verb: Token) -> Token | None:
    """'He warned that Beijing should be worried, saying the war had a Korean dimension': the parse hangs
    the reporting participle on the reported clause's verb; it goes on with the reporter, not with the
    subject of what was reported."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or any(c.dep_ == "nsubj" for c in verb.children):
        return None
    current = verb.head
    while current.dep_ in ("ccomp", "conj") and current.head.i != current.i:
        outer = current.head
        if current.dep_ == "ccomp" and outer.pos_ == "VERB" and lemma_in(outer, lexicon.SAY_VERBS):
            return subject_of(outer)
        current = outer
    return None


def interrupted_subject(verb: Token) -> Token | None:
    """'Trump, asked whether he believed ..., said Putin had been ...': the parse reads the participle
    set off by commas as a clause with the name as its subject, and leaves the cue without one."""
    clause = interrupting_clause(verb)
    return next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None


def interrupting_clause(verb: Token) -> Token | None:
    """The participle clause between a subjectless cue and its name ("Trump, asked ..., said")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.i == 0 \
            or verb.doc[verb.i - 1].text != ",":
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.i < verb.i
                 and c.tag_ in ("VBN", "VBD") and c.left_edge.dep_ == "nsubj"
                 and c.doc[c.left_edge.i + 1].text == ","), None)


CAUSING_VERBS = frozenset({"lead", "prompt", "cause", "drive", "spur", "provoke"})


def caused_speaker(verb: Token) -> Token | None:
    """'The cancellation led Macron to accuse him of lying': the object of the causing verb speaks."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in CAUSING_VERBS:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


def quoted_speaker(verb: Token) -> Token | None:
    """'KCNA quoted Kim as saying that ...': the one quoted is the speaker of the content."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lemma_.lower() != "quote":
        return None  # also "Xi was quoted by Xinhua as saying that ...": the passive subject
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def misattached_conjunct(verb: Token) -> Token | None:
    """'Peskov said the alliance was turning ... and claimed that ...': the parse coordinates the
    second cue with the reported clause; a cue without a subject of its own, conjoined to a verb
    that is no cue inside another cue's complement, is that cue's coordinate: the reporting verb
    whose subject it shares is returned."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or lemma_in(head, lexicon.SAY_VERBS) or head.dep_ != "ccomp":
        return None
    reporter = head.head
    return reporter if lemma_in(reporter, lexicon.SAY_VERBS) and reporter.pos_ == "VERB" else None


def reported_by_another(verb: Token, index: EntityIndex) -> bool:
    """'A U.S. official said Xi had told Biden that ...', 'Misri said the leaders had agreed that ...':
    a cue inside the reported clause of a source's cue before it is second-hand; the outer source's
    claim holds it. ("X rejected ..., KCNA reported": an attribution after the fact is not that.)"""
    current = verb
    while (current.dep_ == "ccomp" and not inverted(current)) or _reason_clause(current):
        outer = current.head
        if outer.pos_ == "VERB" and outer.i < verb.i and lemma_in(outer, lexicon.SAY_VERBS) \
                and (subject := subject_of(outer)) is not None and source_key(subject, index) is not None:
            return True
        current = outer
    return False


def _reason_clause(verb: Token) -> bool:
    """'... did not think Pyongyang would walk away, because it still hopes Trump will ease ...': a
    because-clause of a reported clause is the source's reasoning, and what it holds is theirs too."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("because", "since") for c in verb.children)


def coordinated_source(verb: Token, index: EntityIndex, pronoun: Token | None) -> str | None:
    """The nearest earlier verb of the sentence whose subject is a source (the parse may hang a
    coordinated cue on the wrong verb). The subject of a clause someone reports is not that source
    ("Officials have said Xi ordered ..., but they also say ...": the officials), nor is a person
    what an unresolved "they" stands for."""
    plural = pronoun is not None and pronoun.lower_ == "they"
    for t in reversed(sentence(verb)[:verb.i - sentence(verb).start]):
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None) if t.pos_ in ("VERB", "AUX") else None
        if subject is None or _reported_clause(t):
            continue
        key = source_key(subject, index)
        if key is not None and not (plural and index.kind(key) in ("Leader", "Person")):
            return key
    return None


def conjoined_speaker(verb: Token, index: EntityIndex) -> str | None:
    """'Russia's envoy Vassily Nebenzia said Moscow doubted ..., and he accused Washington of ...': a
    "he" or "she" subject of a reporting verb coordinated with an earlier one is that verb's speaker (a
    person of no other known gender), whoever the pronoun was resolved to."""
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    first = verb.head
    if verb.dep_ != "conj" or pronoun is None or pronoun.lower_ not in ("he", "she") or first.pos_ != "VERB" \
            or lemma_in(first, lexicon.SAY_VERBS) is None or (subject := subject_of(first)) is None \
            or subject.i > first.i or (key := source_key(subject, index)) is None:
        return None
    entry = index.entries.get(key)
    gender = entry.gender if entry is not None else ""  # "" where the gazetteer records none
    fits = not gender or gender == ("f" if pronoun.lower_ == "she" else "m")
    if not fits or index.kind(key) not in ("Leader", "Person"):
        return None
    settle_pronoun(pronoun, key, index)
    return key


def _reported_clause(verb: Token) -> bool:
    """The verb heads (or is coordinated within) the complement of a reporting verb."""
    current = verb
    while current.dep_ in ("ccomp", "conj") and current.head.i != current.i:
        if current.dep_ == "ccomp" and lemma_in(current.head, lexicon.SAY_VERBS) and current.head.pos_ == "VERB":
            return True
        current = current.head
    return False


QUOTE_CLOSERS = frozenset({'"', "\u201d", "'", "\u2019"})


def postposed_speaker(verb: Token, index: EntityIndex) -> Token | None:
    """'"...," said Under Secretary of the Treasury for Terrorism and Financial Intelligence Brian E.
    Nelson': after a quote, the parse may read the speaker's long title as a preposition of the cue, or
    its first noun as the subject; the speaker is the last person named after the cue in its clause."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text not in QUOTE_CLOSERS:
        return None
    last = None
    for t in doc[verb.i + 1:sentence(verb).end]:
        if t.is_punct and t.text not in NAME_PUNCT:
            break
        if (key := index.key_at(t)) is not None and index.kind(key) in ("Leader", "Person"):
            last = t
    return last


def reporting_ancestor_source(verb: Token, index: EntityIndex) -> str | None:
    for ancestor in verb.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in lexicon.SAY_VERBS:
            subject = subject_of(ancestor)
            return source_key(subject, index) if subject is not None else None
    return None


def pronoun_speaker(pronoun: Token, index: EntityIndex) -> str | None:
    """The person a "he" or "she" subject of a cue stands for, looked for again once the claims before it
    have named their sources, or None to keep what the entities made of it. After a quote of several
    sentences ('"We want fair competition. ... But we also talked about Ukraine," he told reporters') the
    search starts where the quote opened, since its sentences hold only the speaker's words and the
    narrative's last subject is further back than the entities' own search for a pronoun reaches; a
    "He denied ..." right after goes on with the speaker so found. The nearest main-clause subject that
    is a person of no other known gender, outside quotes. A pronoun the entities resolved is overruled
    only by a person they could not yet see, one the gazetteer lacks ("A senior French diplomat said
    ... '...,' he said", "Russia's envoy Vassily Nebenzia said ... He said ...": the pronouns were
    resolved before such names and described sources were found), and only when the pronoun opens its
    clause's sentence."""
    if pronoun.lower_ not in ("he", "she"):
        return None
    resolved = index.token_key.get(pronoun.i)
    if resolved is not None and any(t.dep_ == "nsubj" and not quoted(t) for t in sentence(pronoun)
                                    if t.i < pronoun.i):
        return None
    gender = "f" if pronoun.lower_ == "she" else "m"

    def fits(key: str) -> bool:
        entry = index.entries.get(key)
        return entry is None or not entry.gender or entry.gender == gender

    key = _nearest_subject(index, _quote_opening(pronoun) or pronoun, fits)
    if key is None or key == resolved or (resolved is not None and key in index.entries):
        return None
    settle_pronoun(pronoun, key, index)
    return key


def settle_pronoun(pronoun: Token, key: str, index: EntityIndex) -> None:
    """A "he" or "she" a claim found the speaker of mentions that speaker from now on, so the next
    sentence's "He said ..." goes on with the same person."""
    if pronoun.lower_ in ("he", "she") and index.token_key.get(pronoun.i) != key:
        index.replace(pronoun.i, pronoun.i + 1, key, pronoun.text, 0.55)


def _nearest_subject(index: EntityIndex, anchor: Token, fits: Callable[[str], bool]) -> str | None:
    """The person the nearest main-clause subject before ``anchor`` (outside quotes, within its sentence
    and the three before) names, active or passive ("Biden ... was equally measured"). Subjects that
    cannot be a "he" or "she" (a state, "the talks") are passed over; a name or pronoun that stands for
    no known person ends the search with none."""
    start = sentence(anchor).start
    for _ in range(3):
        start = sentence(anchor.doc[start - 1]).start if start > 0 else start
    for token in reversed(anchor.doc[start:anchor.i]):
        if token.dep_ not in ("nsubj", "nsubjpass") or not _main_clause(token.head) or quoted(token):
            continue
        key = index.key_of_phrase(token)
        if key is not None and index.kind(key) in PERSON_KINDS:
            return key if fits(key) else None
        if key is None and (token.pos_ in ("PROPN", "PRON") or token.lemma_.lower() in lexicon.PERSON_SOURCE_NOUNS):
            return None
    return None


def _main_clause(verb: Token) -> bool:
    """The verb heads its sentence or a clause coordinated with it."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _quote_opening(pronoun: Token) -> Token | None:
    """The first word of a quote that closes right before the pronoun's clause ('"...," he said') and
    opened in an earlier sentence, or None."""
    doc, start = pronoun.doc, sentence(pronoun).start_char
    for match in QUOTES.finditer(text_of(doc), 0, pronoun.idx):
        if match.start() < start < match.end() and not text_of(doc)[match.end():pronoun.idx].strip(" ,"):
            return next((t for t in doc.char_span(match.start(), match.end(), alignment_mode="expand") or ()
                         if not t.is_punct), None)
    return None
