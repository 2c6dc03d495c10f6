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
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import NAME_PUNCT, EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import clause_sentence, lemma_in, sentence, stem_in, subject_of, text_of, words_of
from diplograph.ingest.transcripts import SPEAKER_LABEL, labelled_person

CLAIMANT_KINDS = frozenset({"Leader", "Person", "State", "Organization", "Government", "Group"})
_QUOTES = re.compile(r"\u201c([^\u201d]{3,}?)\u201d|\"([^\"\n]{3,}?)\"")
FRAMING_MARKS = frozenset({"while", "whereas", "although", "though"})


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
        found.append(_claim(index, claim.claimant, [(a, b)], claim.cue, cue, lemma_in(cue, lexicon.SAY_VERBS) or "",
                            False))
        end = sentence(after[0]).end_char
    return found


def _candidates(doc: Doc) -> list[int]:
    """The tokens that may be a cue: a reporting verb or noun, an attitude noun, "according"."""
    w = words_of(doc)
    return [i for i, (lower, lemma, pos) in enumerate(zip(w.lower, w.lemma, w.pos, strict=True))
            if (pos in ("NOUN", "VERB") and stem_in(lemma, lower, lexicon.SAY_VERBS) is not None)
            or (pos == "NOUN" and lemma in lexicon.CLAIM_NOUNS) or lower == "according"]


# --- sources ------------------------------------------------------------------------------------------
def source_key(token: Token, index: EntityIndex) -> str | None:
    """The claimant a subject or holder phrase denotes, or None when it names no one we can keep."""
    if token.lower_ in lexicon.AUTHOR_PRONOUNS and not _one_of(token):
        return None
    if token.lower_ in lexicon.GROUP_CONTINUATIONS and token.pos_ in ("NOUN", "PRON", "ADJ", "DET", "NUM") \
            and not any(c.dep_ in ("amod", "compound") for c in token.children):
        return _group_named_before(token, index)  # "some analysts argued ..., while others worry ..."
    if token.lower_ == "they" and token.i not in index.token_key:
        return _plural_source_before(token, index)  # "Western diplomats see a pattern. ..., they argue, ..."
    named = next((k for c in token.children if c.dep_ == "appos" and (k := index.key_of_phrase(c))
                  and index.kind(k) in ("Leader", "Person")), None)
    if named is not None and token.i not in index.token_key:
        return named  # "Its prime minister, Xanana Gusmao, said": the name in apposition
    lemma = token.lemma_.lower()
    if lemma in lexicon.DELEGATE_NOUNS and token.i not in index.token_key:
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:  # "his office said", "Yoon's spokesman said": the principal speaks
            return source_key(owner, index)
        if (state := _delegate_state(token, index)) is not None:
            return state
        principal = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
                          if p.dep_ == "pobj"), None)
        if principal is not None and (key := source_key(principal, index)) is not None:
            return key  # "a spokesperson for South Korea's unification ministry said"
    if _bare_definite(token) and lemma in lexicon.PERSON_SOURCE_NOUNS and token.i not in index.token_key \
            and (key := _described_before(token, index)) is not None:
        return key  # "A senior administration official put it bluntly. ... the official told reporters"
    if token.pos_ == "NOUN" and (lemma in lexicon.GROUP_NOUNS or token.lower_ in lexicon.GROUP_NOUNS) \
            and token.i not in index.token_key:
        if lemma in lexicon.PAIR_GROUP_NOUNS and any(c.lower_ in ("two", "both") for c in token.children):
            return None  # "the two countries said": the pair just named, not a described group
        return _described_source(token, index)
    if token.pos_ == "NOUN" and lemma in lexicon.DOCUMENT_NOUNS and token.i not in index.token_key:
        return _document_source(token, index)
    key = index.key_of_phrase(token)
    if key is None:  # "the bloc's foreign policy chief, Josep Borrell, said": the name in apposition
        key = next((k for c in token.children if c.dep_ == "appos" and (k := index.key_of_phrase(c))), None)
    if key is None and token.lower_ in lexicon.MINISTRY_NOUNS:
        return _unnamed_ministry(token, index)
    if key is None or index.kind(key) not in CLAIMANT_KINDS:
        return None
    return key


def _plural_source_before(pronoun: Token, index: EntityIndex) -> str | None:
    """What a claimant "they" stands for: the nearest plural subject before it in its sentence and outside
    what they say ("Lee's advisers are hopeful: they argue ..."), else the plural subject of the main verb
    of the sentence before ("Macron and Merz issued a statement. ..., they wrote": a coordination counts,
    and its first name is the claimant). When that subject is no source ("The measures bite. They ...")
    no one is."""
    sent, cue = sentence(pronoun), pronoun.head
    if cue.dep_ == "parataxis" or _inverted(cue):  # "X, they argue, Y": the clause around it is what they say
        reported = {t.i for t in cue.head.subtree} - {t.i for t in cue.subtree}
    else:
        reported = {t.i for c in cue.children if c.dep_ == "ccomp" and not _before_semicolon(c, cue) for t in c.subtree}
    here = [t for t in sent if t.i < pronoun.i and t.dep_ == "nsubj" and t.i not in reported]
    before = sentence(pronoun.doc[sent.start - 1]) if sent.start > 0 else None
    main = [t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"] if before is not None else []
    for subject in [*reversed(here), *main]:
        if subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children):
            key = source_key(subject, index)
            if key is not None:
                index.add(pronoun.i, pronoun.i + 1, key, pronoun.text, 0.55)
            return key
    return None


def _one_of(token: Token) -> bool:
    """'one of those people said': "one" picks a member of a group, it is not the author's "one"."""
    return token.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _bare_definite(token: Token) -> bool:
    """'the official', with nothing else to say which one."""
    return token.pos_ == "NOUN" and token.tag_ == "NN" and [c.lower_ for c in token.children
                                                            if c.dep_ not in ("punct", "prep")] == ["the"]


def _described_before(token: Token, index: EntityIndex) -> str | None:
    """The described source a bare "the official" points back to: the last phrase headed by the same
    noun with words of its own ("a senior administration official", "two U.S. officials") in its
    sentence or the three before it; the group itself when that phrase was plural."""
    start = sentence(token).start
    for _ in range(3):
        start = sentence(token.doc[start - 1]).start if start > 0 else start
    for earlier in reversed(token.doc[start:token.i]):
        if earlier.lemma_.lower() == token.lemma_.lower() and earlier.pos_ == "NOUN" and not _bare_definite(earlier) \
                and (key := index.key_at(earlier) or _described_source(earlier, index)) is not None:
            index.add(token.i - 1, token.i + 1, key, f"the {token.text}", 0.55)
            return key
    return None


def _delegate_state(token: Token, index: EntityIndex) -> str | None:
    """'The presidential office in Seoul said', 'the South Korean presidential office said': an office
    placed in a capital or named by a state's adjective speaks for that state."""
    places = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
              if p.dep_ == "pobj"]
    adjectives = [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]
    for word in [*adjectives, *places]:
        key = index.key_at(word)
        entry = index.entries.get(key) if key is not None else None
        capital = entry is not None and (entry.kind == "State" or entry.category == "capital")
        state_qid = index.state_of(key) if capital else None  # "in Geneva" is no state's office
        state = index.gaz.by_qid(state_qid) if state_qid else index.state_named_by(word)
        if state is not None:
            return index.entity_for(state)
    return None


def _document_source(token: Token, index: EntityIndex) -> str | None:
    """'The joint statement said', 'the final communique rejected': a document whose signatories the
    sentence does not name is kept as a described source under its own words ("joint statement");
    one a named party owns ("Beijing's statement said") is that party's."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        return source_key(owner, index)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None  # "a statement said": which one, the text does not say
    return _in_own_words(token, index, "Group", _modifiers(token))


def _unnamed_ministry(token: Token, index: EntityIndex) -> str | None:
    """'the commerce ministry said': a ministry whose country the story leaves implicit is still a
    source, kept under the article's own words (a country's ministry is a Government, see entities)."""
    words = _modifiers(token)
    if not words or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    return _in_own_words(token, index, "Organization", words)


def _modifiers(token: Token) -> list[Token]:
    """The lower-case words before a noun that say which one it is ("joint", "commerce")."""
    return [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i and c.text.islower()]


def _in_own_words(token: Token, index: EntityIndex, kind: str, words: list[Token]) -> str:
    """An unlinked source of ``kind`` labelled as the article names it: its modifiers and the noun."""
    first = min((c.left_edge.i for c in words), default=token.i)
    label = " ".join(t.lower_ for t in token.doc[first:token.i + 1])
    key = index.unlinked(kind, label, 0.6)
    index.add(first, token.i + 1, key, label, 0.6)
    return key


def _group_named_before(token: Token, index: EntityIndex) -> str | None:
    """The described group a bare "others"/"some" (or "some of them") continues: the last one named
    in its sentence or the two before ("Analysts cautioned ... . Some said ... . Others believe ...")."""
    start = sentence(token).start
    for _ in range(2):
        start = sentence(token.doc[start - 1]).start if start > 0 else start
    groups = [k for t in token.doc[start:token.i] if (k := index.key_at(t)) and index.kind(k) == "Group"]
    if not groups:  # "Some of them believe ...", the group being "Diplomats" named just before
        groups = [k for t in token.doc[start:token.i] if t.pos_ == "NOUN" and t.tag_ == "NNS"
                  and t.lemma_.lower() in lexicon.GROUP_NOUNS and (k := _described_source(t, index))]
    return groups[-1] if groups else None


def _described_source(token: Token, index: EntityIndex) -> str | None:
    """'many analysts' -> Group 'analysts'; 'U.S. officials' -> Group 'U.S. officials';
    'a Kremlin spokesman' -> Person 'Kremlin spokesman'."""
    mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < token.i
            and c.lower_ not in lexicon.QUANTIFIERS and c.pos_ in ("ADJ", "PROPN", "NOUN")]
    first = min((c.left_edge.i for c in mods), default=token.i)
    words = [t for t in token.doc[first:token.i + 1] if t.lower_ not in lexicon.QUANTIFIERS and not t.is_punct
             and t.tag_ != "POS"]
    # A common noun opening the sentence is no name: "Analysts said" and "many analysts" are one group.
    label = " ".join(t.lower_ if t.is_sent_start and t.pos_ == "NOUN" else t.text for t in words)
    qualifier = next((c for c in token.children if c.dep_ in ("amod", "acl") and c.i > token.i
                      and c.lemma_.lower() in lexicon.SOURCE_QUALIFIERS), None)
    if qualifier is not None:  # "people familiar with the talks": which people
        label += " " + token.doc[qualifier.left_edge.i:qualifier.right_edge.i + 1].text
    plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in lexicon.COLLECTIVE_NOUNS
    if not plural and token.lower_ not in lexicon.PERSON_SOURCE_NOUNS:
        return None
    if not plural and len(words) < 2:
        return None  # "an official said": too vague to keep as a source
    key = index.unlinked("Group" if plural else "Person", label, 0.6)
    index.add(first, token.i + 1, key, label, 0.6)
    return key


# --- verb cues ----------------------------------------------------------------------------------------
def _verb_claim(verb: Token, index: EntityIndex, quotes: list[tuple[int, int]]) -> Claim | None:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # agentless passive: "it is believed that ..."
    if _inside(verb.idx, quotes) or _reported_by_another(verb, index):
        return None
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children):
        return None  # "shrank by 2 percent, less than economists had predicted": a comparison, not their claim
    misattached = _misattached_conjunct(verb)
    subject = _quoted_speaker(verb) or _stranded_subject(verb) or _caused_speaker(verb) \
        or _past_attribution(verb) or _reporters_participle(verb) or (
        subject_of(misattached) if misattached else subject_of(verb)) or _interrupted_subject(verb)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head  # "Kishida, who said ..."
    claimant = source_key(subject, index) if subject is not None else None
    if claimant is None and (subject is None or subject.i > verb.i) \
            and (speaker := _postposed_speaker(verb, index)) is not None:
        claimant = source_key(speaker, index)
    if claimant is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        claimant = _reporting_ancestor_source(verb, index)  # "X cautioned that Y, arguing that Z"
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # "..., and the ministry described"
    if claimant is None and verb.dep_ == "conj" and (own is None or own.pos_ == "PRON"):
        claimant = _coordinated_source(verb, index, own)  # "Blinken travelled to Beijing and warned that"
    if claimant is None:
        return None
    pieces = _inverted_content(verb) if _inverted(verb) or _parenthetical(verb, quotes) else (
        _verb_content(verb, quotes) or _nominal_that_clause(verb) or _relative_content(verb))
    pieces = _within_opening_quote(pieces, quotes)
    if not pieces:
        return None
    cue = Span(verb.idx, verb.idx + len(verb.text), verb.text)
    negated = any(c.dep_ == "neg" for c in verb.children) or _rejecting_predicate(verb)
    return _claim(index, claimant, pieces, cue, verb, lemma_in(verb, lexicon.SAY_VERBS) or "", negated)


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
        return [_claim(index, claim.claimant, [(start, first_end)], claim.cue, verb, cue_lemma, negated),
                _claim(index, claim.claimant, [(second_start, end)], claim.cue, verb, cue_lemma, negated)]
    return []


def _within_opening_quote(pieces: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content that opens with a quotation ends with it: 'told Putin that "today's era is not an era of
    war," in the most direct public criticism ...' -- what follows the quote is the author's."""
    if len(pieces) != 1:  # "'X,' he said, 'Y.'": quotes joined on purpose
        return pieces
    (first, last), = pieces
    quote = next(((a, b) for a, b in quotes if a - 2 <= first <= a), None)
    return pieces if quote is None or last <= quote[1] + 2 else [(first, quote[1])]


def _stranded_subject(verb: Token) -> Token | None:
    """'Canada listed 129 people, and Prime Minister Justin Trudeau, speaking in Toronto, said ...':
    the parse coordinates the name with the first verb and the cue after it; the name between them is
    the cue's subject, not the first verb's."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    names = [c for c in verb.head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
             and verb.head.i < c.i < verb.i]
    return names[-1] if names else None


def _past_attribution(verb: Token) -> Token | None:
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


def _reporters_participle(verb: Token) -> Token | None:
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


def _interrupted_subject(verb: Token) -> Token | None:
    """'Trump, asked whether he believed ..., said Putin had been ...': the parse reads the participle
    set off by commas as a clause with the name as its subject, and leaves the cue without one."""
    clause = _interrupting_clause(verb)
    return next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None


def _interrupting_clause(verb: Token) -> Token | None:
    """The participle clause between a subjectless cue and its name ("Trump, asked ..., said")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.i == 0 \
            or verb.doc[verb.i - 1].text != ",":
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.i < verb.i
                 and c.tag_ in ("VBN", "VBD") and c.left_edge.dep_ == "nsubj"
                 and c.doc[c.left_edge.i + 1].text == ","), None)


CAUSING_VERBS = frozenset({"lead", "prompt", "cause", "drive", "spur", "provoke"})


def _caused_speaker(verb: Token) -> Token | None:
    """'The cancellation led Macron to accuse him of lying': the object of the causing verb speaks."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in CAUSING_VERBS:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


def _quoted_speaker(verb: Token) -> Token | None:
    """'KCNA quoted Kim as saying that ...': the one quoted is the speaker of the content."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lemma_.lower() != "quote":
        return None  # also "Xi was quoted by Xinhua as saying that ...": the passive subject
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _misattached_conjunct(verb: Token) -> Token | None:
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


def _reported_by_another(verb: Token, index: EntityIndex) -> bool:
    """'A U.S. official said Xi had told Biden that ...', 'Misri said the leaders had agreed that ...':
    a cue inside the reported clause of a source's cue before it is second-hand; the outer source's
    claim holds it. ("X rejected ..., KCNA reported": an attribution after the fact is not that.)"""
    current = verb
    while (current.dep_ == "ccomp" and not _inverted(current)) or _reason_clause(current):
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


def _rejecting_predicate(verb: Token) -> bool:
    """'called the accusations groundless': the object predicate rejects what the object says."""
    return lemma_in(verb, lexicon.QUOTE_VERBS) is not None and any(
        c.lemma_.lower() in lexicon.DENIAL_PREDICATES or c.lower_ in lexicon.DENIAL_PREDICATES
        for c in _object_predicates(verb))


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
    pieces = _ranges(tokens)
    if not pieces:
        return None
    span = Span(cue.idx, cue.idx + len(cue.text), cue.text)
    return _claim(index, claimant, pieces, span, cue, lemma_in(cue, lexicon.SAY_VERBS) or "", False)


def _coordinated_source(verb: Token, index: EntityIndex, pronoun: Token | None) -> str | None:
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


def _reported_clause(verb: Token) -> bool:
    """The verb heads (or is coordinated within) the complement of a reporting verb."""
    current = verb
    while current.dep_ in ("ccomp", "conj") and current.head.i != current.i:
        if current.dep_ == "ccomp" and lemma_in(current.head, lexicon.SAY_VERBS) and current.head.pos_ == "VERB":
            return True
        current = current.head
    return False


QUOTE_CLOSERS = frozenset({'"', "\u201d", "'", "\u2019"})


def _postposed_speaker(verb: Token, index: EntityIndex) -> Token | None:
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


def _inverted(verb: Token) -> bool:
    """'Kim declared X, state media reported': the parse makes the trailing reporting clause a
    complement of the reported one; it is the attribution of the whole sentence."""
    edge = verb.left_edge
    comma = edge.text == "," or (edge.i > 0 and verb.doc[edge.i - 1].text == ",")
    return verb.dep_ == "ccomp" and verb.i > verb.head.i and comma


def _parenthetical(verb: Token, quotes: list[tuple[int, int]]) -> bool:
    """'The proposal, she added, was a copy of ...': a cue set off by commas inside unquoted reported
    speech says the whole sentence around it (a quote around the main verb keeps its quotes as content)."""
    if verb.dep_ != "parataxis" or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    commas = (doc[left].text == "," or (left > 0 and doc[left - 1].text == ",")) and \
        (doc[right].text == "," or (right + 1 < len(doc) and doc[right + 1].text == ","))
    return commas and not any(a <= verb.head.idx < b for a, b in quotes)


def _inverted_content(verb: Token) -> list[tuple[int, int]]:
    inner = {t.i for t in verb.subtree}
    return _ranges(t for t in _content_tokens(verb.head) if t.i not in inner)


def _reporting_ancestor_source(verb: Token, index: EntityIndex) -> str | None:
    for ancestor in verb.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in lexicon.SAY_VERBS:
            subject = subject_of(ancestor)
            return source_key(subject, index) if subject is not None else None
    return None


def _verb_content(verb: Token, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    lemma = lemma_in(verb, lexicon.SAY_VERBS) or ""
    if lemma in lexicon.AS_VERBS:
        as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return _ranges(t for h in objects + as_phrase for t in _content_tokens(h)) if as_phrase and objects else []
    if lemma == "add" and any(c.dep_ == "dobj" for c in verb.children):
        return []  # "it added seven entities to the list": an act, it reports nothing
    if lemma in lexicon.QUOTE_VERBS:
        if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
            return []  # 'what he called its "revolutionary" policy': a label in a noun phrase, no claim
        start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        quoted = [(a, b) for a, b in quotes if a >= verb.idx and start <= a and b <= end + 1]
        if any(_only_a_name(verb.doc, a, b) for a, b in quoted):
            return []
        predicate = _object_predicate(verb)
        if quoted and predicate and predicate[0][0] <= quoted[0][0] and quoted[-1][1] <= predicate[-1][1] + 2:
            # 'called the new U.S. sanctions "an unfriendly act"': what is called so, and the quoted label
            doc, opening = verb.doc, quoted[0][0]
            before = doc.char_span(predicate[0][0], opening, alignment_mode="contract")
            return _ranges(before or ()) + quoted
        return quoted or predicate
    heads = [c for c in verb.children if c.dep_ == "ccomp" and not _inverted(c) and not _before_semicolon(c, verb)
             and c.i != getattr(_interrupting_clause(verb), "i", -1)]
    if not heads and lemma:
        heads = _stranded_that_clause(verb)
    if len(heads) > 1:  # "claimed the deal violated X, a charge the IAEA has not upheld": the subjectless
        heads = [h for h in heads if _has_subject(h) or not _comment_verb(h, verb)] or heads  # second
        # "complement" is the comment's verb; one run on without a comment is the verb of a misparsed
        # subject ("the drills the United States plans proved that ...")
    heads += [c for h in heads for c in h.conjuncts if c.dep_ == "conj" and c not in heads
              and not (c.pos_ == "VERB" and lemma_in(c, lexicon.SAY_VERBS) and not _reported_conjunct(c))
              and not _attitude_act(c)]
    if heads:  # "recalled that the sanctions, first adopted in 2014, now cover ...": the parse may read the
        last = max(h.right_edge.i for h in heads)  # participle as the complement and hang the verb on the cue
        heads += [c for c in verb.children if c.dep_ == "dep" and c.pos_ == "VERB"
                  and last < c.left_edge.i <= last + 2 and verb.doc[c.left_edge.i - 1].text == ","]
    if not heads and lemma in lexicon.XCOMP_CONTENT_VERBS:
        heads = [c for c in verb.children if c.dep_ == "xcomp"]
    if not heads and lemma in lexicon.OBJECT_CONTENT_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if lemma in lexicon.DENIAL_CUES:
            objects = [o for o in objects if _propositional(o, verb)]
        if verb.dep_ == "relcl" and (not objects or objects[0].tag_ in ("WDT", "WP")) \
                and any(c.dep_ == "prep" for c in verb.children):
            # "the cyberattacks that officials blame on hackers", "entities it accused of helping ...":
            # the antecedent is the object
            return _ranges([verb.head, *(t for c in verb.children if c.dep_ == "prep" for t in c.subtree)])
        if objects:
            heads = objects + [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "of", "for")
                               and c.i > objects[0].i]
    if not heads and lemma == "warn":  # "warned of a risk that the war could spread"; "warned of consequences"
        heads = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"  # states nothing
                 and any(g.dep_ in ("acl", "relcl", "ccomp") for p in c.children for g in p.children)]
    if not heads and verb.dep_ == "relcl" and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].pos_ == "AUX":
        return _lost_complement(verb)  # "a firm that the bloc says have helped Moscow ...": "have" is no object
    quoted = _sentence_quotes(verb, quotes)
    if quoted and (not heads or all(_quoted_clause(h, quotes) for h in heads)):
        return quoted
    return _ranges(tok for h in heads for tok in _content_tokens(h))


def _comment_verb(head: Token, cue: Token) -> bool:
    """A complement set off by a comma, after an appositive comment noun ("..., a charge the IAEA has
    not upheld") or a framing "though", or a passive that lost its subject to one: the author's aside."""
    start = head.left_edge.i
    return (start > 0 and head.doc[start - 1].text == ",") or any(c.dep_ == "auxpass" for c in head.children) \
        or any((t.dep_ == "appos" and t.lemma_.lower() in lexicon.PROPOSITION_NOUNS) or t.lower_ in FRAMING_MARKS
               for t in head.doc[cue.i:start])


def _stranded_that_clause(verb: Token) -> list[Token]:
    """'told reporters before flying home that Kim had wanted ...': the parse hangs the that-clause on
    the participle of the cue's adverbial phrase, which reports nothing itself."""
    return [clause for prep in verb.children if prep.dep_ == "prep" and prep.i > verb.i
            for comp in prep.children if comp.dep_ == "pcomp" and lemma_in(comp, lexicon.SAY_VERBS) is None
            for clause in comp.children if clause.dep_ == "ccomp"
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)]


def _nominal_that_clause(verb: Token) -> list[tuple[int, int]]:
    """'told reporters that Budapest had secured guarantees': the small model may read "had secured
    guarantees" as a noun phrase and hang "that" on the cue as a preposition or object. A "that" right
    after the cue (or after whom it tells) opening words with a verb in them is still the cue's clause:
    everything the parse hangs under that "that" or its noun."""
    doc = verb.doc
    at, passed = verb.i + 1, set()
    while (step := next((c for c in verb.children if c.left_edge.i == at and doc[at].lower_ != "that" and (
            c.dep_ == "prep" or (c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PRON")))), None)) is not None:
        passed.add(step.i)  # "told reporters in Luxembourg that ..."
        if (clause := _that_relative_read_wrong(step)) is not None:
            return _ranges(t for t in clause.subtree if t.i > clause.left_edge.i)
        at = step.right_edge.i + 1
    if at >= sentence(verb).end or doc[at].lower_ != "that" or doc[at].tag_ not in ("IN", "WDT"):
        return []
    child = next((c for c in verb.children if c.left_edge.i <= at <= c.right_edge.i and c.i not in passed), None)
    if child is None:
        return []
    tokens = [t for t in child.subtree if t.i > at]
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens) or not any(t.dep_.startswith("nsubj") for t in tokens):
        return []
    return _ranges(tokens)


CORE_COMPLEMENTS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"})


def _that_relative_read_wrong(step: Token) -> Token | None:
    """'told a regular press briefing that Beijing opposed unilateral sanctions', 'said in a statement
    that Seoul was a puppet': the parse hangs the that-clause on the audience or the statement noun,
    as a relative clause in which "that" fills no role (the clause has its own subject and complement)
    or as the noun's complement clause: it is the cue's content."""
    nouns = [step, *(c for c in step.children if c.dep_ == "pobj")]
    for clause in (c for noun in nouns for c in noun.children if c.dep_ in ("relcl", "acl")):
        that = clause.doc[clause.left_edge.i]
        if that.lower_ != "that" or that.dep_ in ("nsubj", "nsubjpass"):
            continue
        own = [c for c in clause.children if c.i != that.i]
        if any(c.dep_ == "nsubj" for c in own) and (that.dep_ == "mark" or any(c.dep_ in CORE_COMPLEMENTS
                                                                                for c in own)):
            return clause
    return None


def _relative_content(verb: Token) -> list[tuple[int, int]]:
    """'financiers in Sudan who it says manage the group's investments': a cue inside a relative clause
    whose relative pronoun is the subject of the reported clause says that of the antecedent. The
    content is the antecedent noun with the words before it and the clause without the pronoun
    ("financiers manage the group's investments"), when the parse gives the cue no content of its own."""
    if verb.dep_ != "relcl":
        return []
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i), None)
    if clause is None:
        return []
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    pronoun = next((c for c in (*own, *clause.children) if c.dep_ == "nsubj" and c.i < verb.i
                    and c.tag_ in ("WP", "WDT")), None)
    if pronoun is None or (pronoun in own and len(own) < 2):
        return []  # "Kishida, who said the talks were useful": the pronoun is the cue's subject
    head = _antecedent_phrase(verb.doc[pronoun.i - 1])
    antecedent = [t for t in head.subtree if t.i <= head.i]  # "financiers", "ten people": not where they are
    return _ranges([*antecedent, *(t for t in clause.subtree if t.i != pronoun.i)])


MODIFYING_PREPS = frozenset({"of", "in", "from", "at", "with"})


def _antecedent_phrase(last: Token) -> Token:
    """The head of the noun phrase ending at ``last``, the word before a relative pronoun: through
    conjuncts and modifiers ("Sudan, Turkey and Qatar") and a modifying preposition ("financiers in
    ..."), not past one that attaches the phrase to something else ("sanctions on ...")."""
    node = last
    while node.dep_ in ("conj", "compound", "amod", "nummod", "poss", "appos") and node.head.i < node.i:
        node = node.head
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in MODIFYING_PREPS \
            and node.head.head.pos_ in ("NOUN", "PROPN"):
        node = node.head.head
    return node


def _before_semicolon(head: Token, verb: Token) -> bool:
    """'Raisi met Putin on December 7; U.S. officials said the two discussed ...': the parse may take the
    clause before a semicolon (or a colon: "Lee's advisers are hopeful: they argue that ...") as the
    cue's complement, but either closes a clause of its own."""
    doc = verb.doc
    return head.i < verb.i and any(doc[k].text in (";", ":") for k in range(head.right_edge.i + 1, verb.i))


def _attitude_act(verb: Token) -> bool:
    """'... and expressed hope that ...' without a subject of its own: the source's own attitude claim."""
    return verb.lemma_.lower() in lexicon.LIGHT_VERBS and not _has_subject(verb) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.CLAIM_NOUNS for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)


def _reported_conjunct(verb: Token) -> bool:
    """A cue coordinated with the reported clause is still reported when it is a second that-clause
    ("said X and that the leaders had agreed ...") or has a pronoun subject; "... and claimed that"
    (no subject: the same source's own claim) and "..., and Blinken warned that" (another source's)
    are claims of their own."""
    subjects = [g for g in verb.children if g.dep_ == "nsubj"]
    return bool(subjects) and (any(g.dep_ == "mark" and g.lower_ == "that" for g in verb.children)
                               or all(g.pos_ == "PRON" for g in subjects))


def _only_a_name(doc: Doc, start: int, end: int) -> bool:
    """'called him "President Putin"': a quoted name calls someone by it, it states nothing."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span or () if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.pos_ == "PROPN" for t in words)


def _lost_complement(verb: Token) -> list[tuple[int, int]]:
    """'a meeting that Washington fears will deepen ties', parsed with "will deepen" hung elsewhere:
    the words after the cue up to the next comma or full stop, said of the antecedent."""
    doc = verb.doc
    end = verb.i + 1
    while end < sentence(verb).end and doc[end].text not in (",", ".", ";", ":"):
        end += 1
    return _ranges([verb.head, *doc[verb.i + 1:end]])


def _object_predicate(verb: Token) -> list[tuple[int, int]]:
    """'called the gathering a success' states that the gathering was a success: object + predicate."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    predicates = _object_predicates(verb)
    if not predicates:
        return []
    # "called the summit a plot to contain China": the infinitive hangs on the verb in the parse
    predicates += [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i > predicates[0].i
                   and c.left_edge.i == predicates[0].right_edge.i + 1 and c.left_edge.lower_ == "to"]
    return _ranges(t for h in objects + predicates for t in _content_tokens(h))


def _object_predicates(verb: Token) -> list[Token]:
    """The predicate said of the object: an 'oprd', or a bare participle or adjective the parse hangs
    on the verb right after the object ("called the reports fabricated"), or reads as a verbless small
    clause with the object as its subject (a complement without auxiliary or object of its own)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return [c for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD", "JJ")
                and any(g.dep_ == "nsubj" for g in c.children)
                and not any(g.dep_ in ("aux", "auxpass", "dobj", "mark") for g in c.children)]
    trailing = [c for c in objects[0].children if c.dep_ == "amod" and c.i > objects[0].i]
    if trailing:  # "called the move unfair and unjustified", the adjective parsed as the object's modifier
        return trailing
    after = objects[0].right_edge.i + 1
    return [c for c in verb.children if c.dep_ == "oprd" or (
        c.dep_ in ("advcl", "xcomp", "ccomp") and c.tag_ in ("VBN", "JJ") and c.i == after
        and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children))]


def _propositional(obj: Token, verb: Token) -> bool:
    """What a denial cue rejects is a proposition: a clause or gerund ("denied supplying weapons"), a
    proposition noun ("the allegations", "claims that ..."), or a thing denounced as something ("rejected
    the resolution as an act of war") -- not a plain thing ("dismissed the measures")."""
    if obj.pos_ in ("VERB", "AUX"):
        return True
    if obj.lemma_.lower() in lexicon.PROPOSITION_NOUNS:
        # "rejects the charge": a bare noun points back at a claim and says nothing of its own
        return not _bare(obj) or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if any(c.dep_ in ("acl", "ccomp") and _clausal(c) for c in obj.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _bare(noun: Token) -> bool:
    """A noun with only a determiner or adjective: "the charge", "that latest claim" ("Trump's account"
    says whose claim it is)."""
    return all(c.dep_ in ("det", "amod", "predet") for c in noun.children)


def _content_tokens(head: Token) -> Iterable[Token]:
    """The head's subtree, less framing clauses the author hangs on it ("while doubling down ...") and
    attributions nested in it ("..., arguing that ...", "a remark Beijing called ..."): those are
    claims of their own."""
    skip: set[int] = set()
    for t in head.subtree:
        if t.i == head.i or t.i in skip:
            continue
        framing = t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FRAMING_MARKS for c in t.children)
        framing = framing or (t.dep_ == "prep" and t.lower_ == "according")  # who reported it, not what
        # "..., a charge the IAEA has not upheld": the author's comment on the claim, in apposition
        framing = framing or (t.dep_ == "appos" and t.lemma_.lower() in lexicon.PROPOSITION_NOUNS)
        nested = t.pos_ == "VERB" and lemma_in(t, lexicon.SAY_VERBS) is not None and (
            t.dep_ in ("advcl", "relcl", "acl", "conj") or _inverted(t)) and _reports(t)
        nested = nested or (t.dep_ == "conj" and _attitude_act(t))  # "... and expressed hope that ..."
        if framing or nested:
            skip |= {s.i for s in t.subtree}  # a conjunction it leaves behind, ``_ranges`` drops
        elif (label := _free_relative_label(t)):
            skip |= label  # "abandon what he called its revolutionary policy": abandon its ... policy
    for t in head.subtree:
        if t.i not in skip and not (t.dep_ == "mark" and t.head.i == head.i and t.i == head.left_edge.i):
            yield t


def _reports(verb: Token) -> bool:
    """A cue word inside the content that attributes something of its own, so its words are another
    claim: a clause or infinitive it reports, a label it gives, or none at all when it is set off as an
    attribution ("..., she added, ..."). Not a passive ("until everything is agreed"), an infinitive of
    what there is ("had nothing to add"), nor the verb of an act ("offers Trump a summit", "the reason
    Putin had called Trump")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    deps = {c.dep_ for c in verb.children}
    if deps & {"ccomp", "xcomp", "parataxis"} or verb.dep_ == "advcl":
        return True  # an adverbial cue is the source's next act or the author's aside ("..., repeating a formula")
    if verb.dep_ in ("acl", "relcl") and (any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                                          or not deps & {"dobj", "dative"}):
        return False  # a relative clause with nothing reported ("the reason Putin had called Trump")
    if deps & {"dobj", "dative"}:
        lemma = lemma_in(verb, lexicon.SAY_VERBS)
        return lemma in lexicon.OBJECT_CONTENT_VERBS or bool(_object_predicates(verb)) \
            or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    return True


def _free_relative_label(verb: Token) -> set[int]:
    """The words of "what he called" before the label it introduces: a label verb with "what" as its
    object hangs the named thing on itself, and its speaker is no part of the content."""
    if lemma_in(verb, lexicon.QUOTE_VERBS) is None \
            or not any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children):
        return set()
    return {verb.i} | {t.i for c in verb.children if c.dep_ in ("dobj", "nsubj") for t in c.subtree}


def _sentence_quotes(verb: Token, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted passages of the cue's sentence (including a quote it opens and the next sentence
    continues), for "'X,' he said, 'Y.'"."""
    sent = sentence(verb)
    doc = verb.doc
    found = []
    for a, b in quotes:
        if not (a < sent.end_char and b > sent.start_char) or a <= verb.idx < b:
            continue
        low, high = (verb.idx, a) if verb.idx < a else (b, verb.idx)
        between = doc.char_span(low, high, alignment_mode="expand")
        if between is None or not any(t.pos_ == "VERB" and t.i != verb.i and lemma_in(t, lexicon.SAY_VERBS)
                                      for t in between):
            found.append((a, b))  # a quote another cue stands closer to is that cue's
    return found


def _quoted_clause(head: Token, quotes: list[tuple[int, int]]) -> bool:
    """The clause lies within quotation marks (its words all inside one quote or another)."""
    return all(_inside(t.idx, quotes) for t in head.subtree if not (t.is_punct or t.is_space))


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _ranges(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    """Character ranges covering the tokens, contiguous runs merged, edge punctuation and trailing
    conjunctions dropped."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    ranges: list[list[Token]] = []
    for t in ordered:
        if ranges and ranges[-1][-1].i + 1 == t.i:
            ranges[-1].append(t)
        else:
            ranges.append([t])
    out = []
    for run in ranges:
        while run and (run[-1].is_punct or run[-1].is_space or run[-1].pos_ == "CCONJ"):
            run.pop()  # a conjunction whose second half went elsewhere ("... and" + a nested claim)
        while run and (run[0].is_punct or run[0].is_space):
            run.pop(0)
        if run:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
    return out


# --- noun cues ----------------------------------------------------------------------------------------
def _noun_claim(noun: Token, index: EntityIndex) -> Claim | None:
    holder, cue_start = _holder(noun, index)
    if holder is None:
        return None
    heads = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and _clausal(c)]
    if not heads and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        heads = [c for c in noun.head.children if c.dep_ in ("ccomp", "attr") and c.i > noun.i and _clausal(c)]
    if not heads:
        return None
    pieces = _ranges(tok for h in heads for tok in _content_tokens(h))
    if not pieces:
        return None
    doc = noun.doc
    cue_tokens = doc[min(cue_start, noun.i):noun.i + 1]
    cue = Span(cue_tokens.start_char, cue_tokens.end_char, cue_tokens.text)
    negated = any(c.dep_ == "neg" for c in noun.head.children) and noun.dep_ == "dobj"
    return _claim(index, holder, pieces, cue, noun, noun.lemma_.lower(), negated)


def _clausal(head: Token) -> bool:
    """A clause or infinitive ("that he alone ...", "to improve ..."), not a relative clause."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in head.children)


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
        subject = subject_of(_misattached_conjunct(head) or head)
        if subject is not None:
            return source_key(subject, index), head.i
    return None, noun.i


# --- "according to" -----------------------------------------------------------------------------------
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
    pieces = _ranges(t for t in sent if t.i not in phrase)
    if not pieces:
        return None
    cue_span = token.doc[token.i:to.i + 1]
    cue = Span(cue_span.start_char, cue_span.end_char, cue_span.text)
    return _claim(index, claimant, pieces, cue, token, "according", False)


def _reported_speech(according: Token) -> bool:
    """'Kim told Putin that ..., according to state media': the sentence already has a reporting verb
    with its own subject, who is the claimant; "according to" names whoever reported the report. So
    with a demand ('Raisi urged Islamic countries to arm ..., according to Iranian media'): the
    demand is its subject's act, and no claim."""
    return any(a.pos_ == "VERB" and lemma_in(a, REPORTED_ACTS) and subject_of(a) is not None
               for a in according.ancestors)


REPORTED_ACTS = lexicon.SAY_VERBS | lexicon.DEMAND_VERBS


# --- transcript turns ---------------------------------------------------------------------------------
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
        if pieces := _ranges(said):
            cue = Span(label.start(1), label.end(1), label.group(1))
            turns.append(_claim(index, key, pieces, cue, doc.char_span(*pieces[0], alignment_mode="expand")[0],
                                "say", False))
    return turns


# --- the fact -----------------------------------------------------------------------------------------
def _claim(index: EntityIndex, claimant: str, pieces: list[tuple[int, int]], cue: Span, anchor: Token,
           cue_lemma: str, negated: bool) -> Claim:
    doc = anchor.doc
    text = " ".join(text_of(doc)[a:b] for a, b in pieces)
    content = [Span(a, b, text_of(doc)[a:b]) for a, b in pieces]
    about: list[str] = []
    for a, b in pieces:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            about += [k for k in _topic_keys(index, span, claimant, anchor) if k not in about]
            about += [k for k in _demonym_states(index, span) if k not in about]
    modality = _modality(cue_lemma, negated, doc, pieces, anchor)
    confidence = 0.8 if anchor.pos_ == "VERB" else 0.65
    evidence = clause_sentence(anchor)
    start = min(evidence.start, pieces[0][0])
    end = max(evidence.end, pieces[-1][1])
    if (start, end) != (evidence.start, evidence.end):
        evidence = Span(start, end, text_of(doc)[start:end])
    return Claim(claimant=claimant, text=text, content=content, cue=cue, evidence=evidence, about=about,
                 modality=modality, confidence=confidence, claimant_name=_claimant_name(index, claimant, anchor.i))


def _topic_keys(index: EntityIndex, span, claimant: str, anchor: Token) -> list[str]:
    """The entities a content mentions (a pronoun for the speaker too: "Trump's view that he alone ..."
    is about Trump), less described groups."""
    keys: list[str] = []
    for token in span:
        found = [claimant] if _speaker_it(token, index, claimant, anchor) else index.keys_in(token.i, token.i + 1)
        keys += [k for k in found if k not in keys and index.kind(k) != "Group"]
    return keys


SPEAKING_KINDS = frozenset({"State", "Organization", "Government"})


def _speaker_it(token: Token, index: EntityIndex, claimant: str, anchor: Token) -> bool:
    """'..., and Russia's foreign ministry said it would treat the resolutions as expired': a bare 'it'
    subject of the reported clause of a state or an organisation is the speaker, even where coreference
    took an earlier noun ('Washington')."""
    return (token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp"
            and token.head.head == anchor and index.key_at(token) not in (None, claimant)
            and index.kind(claimant) in SPEAKING_KINDS)


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


def _demonym_states(index: EntityIndex, span) -> list[str]:
    """States the content names by an adjective: "the Russian economy" is about Russia."""
    return [index.entity_for(entry) for t in span if (entry := index.demonyms.get(t.i)) is not None
            and not _titles_person(t, index)]


def _titles_person(token: Token, index: EntityIndex) -> bool:
    """'North Korean leader Kim Jong Un': the adjective is part of a person's title, not a topic."""
    while token.head.i in index.demonyms and token.head.i != token.i:  # "North" -> "Korean"
        token = token.head
    head = token.head
    key = index.key_of_phrase(head)
    return head.lower_ in lexicon.LEADER_NOUNS or (key is not None and index.kind(key) in ("Leader", "Person"))


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


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, int, int], Claim] = {}
    for claim in claims:
        ident = (claim.claimant, claim.content[0].start, claim.content[-1].end)
        seen.setdefault(ident, claim)
    return list(seen.values())
