"""Who speaks: the claimant a subject or holder phrase denotes (``source_key``), an entity of the
article, a described group ("analysts", "U.S. officials") or a described person ("a Kremlin
spokesman"); the author's own voice ("we", "one") is no one, but a transcript speaker's "I" and "we"
are the speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import before_semicolon, inverted
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import sentence
from diplograph.ingest.transcripts import turn_speaker

CLAIMANT_KINDS = frozenset({"Leader", "Person", "State", "Organization", "Government", "Group"})


def source_key(token: Token, index: EntityIndex) -> str | None:
    """The claimant a subject or holder phrase denotes, or None when it names no one we can keep."""
    if token.lower_ in lexicon.AUTHOR_PRONOUNS and not _one_of(token):
        # in a transcript, "I" and "we" are the turn's speaker ("Mao Ning: ... We believe that ...")
        return turn_speaker(token, index, anyone=True) if token.lower_ in ("i", "we") else None
    if (labelled := _after_label(token)) is not None:
        return source_key(labelled, index)
    if token.lower_ in lexicon.GROUP_CONTINUATIONS and token.pos_ in ("NOUN", "PRON", "ADJ", "DET", "NUM") \
            and not any(c.dep_ in ("amod", "compound") for c in token.children):
        # "some analysts argued ..., while others worry ...", "some in the Kremlin hope ..."
        return _members_of(token, index) or _group_named_before(token, index)
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
            return _fronted_owner(owner, token, index) or source_key(owner, index)
        if (state := _delegate_state(token, index)) is not None:
            return state
        principal = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
                          if p.dep_ == "pobj"), None)
        if principal is not None and (key := source_key(principal, index)) is not None:
            return key  # "a spokesperson for South Korea's unification ministry said"
    if _bare_definite(token) and lemma in lexicon.PERSON_SOURCE_NOUNS and token.i not in index.token_key \
            and (key := _described_before(token, index)) is not None:
        return key  # "A senior administration official put it bluntly. ... the official told reporters"
    if token.pos_ == "NOUN" and (lemma in lexicon.GROUP_NOUNS | lexicon.MEMBER_SOURCE_NOUNS
                                 or token.lower_ in lexicon.GROUP_NOUNS) and token.i not in index.token_key:
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


def _after_label(token: Token) -> Token | None:
    """'A: Moon Jae-in's office said ...': the parse takes a Q&A's answer label for the subject and the
    real subject after the colon for its apposition; the subject speaks, not the label."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text != ":":
        return None
    return next((c for c in token.children if c.dep_ == "appos" and c.i > token.i + 1), None)


def _plural_source_before(pronoun: Token, index: EntityIndex) -> str | None:
    """What a claimant "they" stands for: the nearest plural subject before it in its sentence and outside
    what they say ("Lee's advisers are hopeful: they argue ..."), else the plural subject of the main verb
    of the sentence before ("Macron and Merz issued a statement. ..., they wrote": a coordination counts,
    and its first name is the claimant). When that subject is no source ("The measures bite. They ...")
    no one is."""
    sent, cue = sentence(pronoun), pronoun.head
    if cue.dep_ == "parataxis" or inverted(cue):  # "X, they argue, Y": the clause around it is what they say
        reported = {t.i for t in cue.head.subtree} - {t.i for t in cue.subtree}
    else:
        reported = {t.i for c in cue.children if c.dep_ == "ccomp" and not before_semicolon(c, cue) for t in c.subtree}
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
    sentence or the three before it; the group itself when that phrase was plural; the principal a
    spokesperson or aide was named for ("a spokesperson for the Foreign Ministry ... the spokesperson")."""
    start = sentence(token).start
    for _ in range(3):
        start = sentence(token.doc[start - 1]).start if start > 0 else start
    for earlier in reversed(token.doc[start:token.i]):
        if earlier.lemma_.lower() == token.lemma_.lower() and earlier.pos_ == "NOUN" and not _bare_definite(earlier) \
                and (key := index.key_at(earlier) or _described_source(earlier, index)) is not None:
            index.add(token.i - 1, token.i + 1, key, f"the {token.text}", 0.55)
            return key
        if earlier.lemma_.lower() == token.lemma_.lower() and earlier.lemma_.lower() in lexicon.DELEGATE_NOUNS \
                and not _bare_definite(earlier) and (key := source_key(earlier, index)) is not None:
            return key  # "a spokesperson for the DPRK Foreign Ministry said ... The spokesperson warned": its state
    return None


def _fronted_owner(owner: Token, delegate: Token, index: EntityIndex) -> str | None:
    """'Zelenskiy will travel to Washington for talks with Trump, his office said': the "his" of an
    attribution after the clause it reports is the person that clause is about (its subject), not the
    last man it names."""
    cue = delegate.head
    if owner.lower_ not in ("his", "her") or delegate.dep_ != "nsubj":
        return None
    clause = cue.head if inverted(cue) else next((c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i), None)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
    key = index.key_at(subject) if subject is not None else None
    return key if key is not None and index.kind(key) in ("Leader", "Person") else None


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
    one a named party owns or wrote ("Beijing's statement said", "a UN report found", "a study by the
    Kiel Institute found") is that party's, and one an unnamed party owns ("the panel's final report
    found") is kept under the words that own it."""
    owner = next((c for c in token.children if c.dep_ in ("poss", "compound", "nmod") and c.i < token.i
                  and (c.dep_ == "poss" or index.key_at(c) is not None)), None)
    if owner is None:  # "a study by the Kiel Institute found"
        owner = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
                      if p.dep_ == "pobj"), None)
    if owner is not None and (key := source_key(owner, index)) is not None:
        return key
    if owner is not None and owner.pos_ == "NOUN":
        return _in_own_words(token, index, "Group", [owner, *_modifiers(token)])
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
            and not any(c.lower_ == "joint" for c in _modifiers(token)):
        return None  # "a statement said": which one, the text does not say; "a joint statement": the parties'
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


def _members_of(token: Token, index: EntityIndex) -> str | None:
    """'Some in the Kremlin hope ...', 'many in Tokyo fear ...': people placed inside a state's seat of
    power or its capital speak for that state; inside a named organisation or government, for it."""
    place = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                  if p.dep_ == "pobj"), None)
    key = index.key_at(place) if place is not None else None
    if key is None or index.kind(key) in ("State", "Organization", "Government"):
        return key
    entry = index.entries.get(key)
    state_qid = index.state_of(key) if entry is not None and entry.category in ("capital", "seat") else None
    state = index.gaz.by_qid(state_qid) if state_qid else None
    return index.entity_for(state) if state is not None else None


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


def _who_clause(noun: Token) -> Token | None:
    """A relative clause opened by "who" in the phrase after a noun, which makes it a person: the parse may
    hang it on a later noun ("a diplomat from a European country who follows the talks")."""
    return next((t for t in noun.subtree if t.i > noun.i and t.dep_ == "relcl" and t.left_edge.lower_ == "who"),
                None)


def _where_from(noun: Token) -> Token | None:
    """'a diplomat from a European country', 'a researcher at a think tank': the phrase right after a
    singular source noun that says which one it is."""
    return next((c for c in noun.children if c.dep_ == "prep" and c.i == noun.i + 1
                 and c.lower_ in ("from", "at", "with", "in")), None)


def _described_source(token: Token, index: EntityIndex) -> str | None:
    """'many analysts' -> Group 'analysts'; 'U.S. officials' -> Group 'U.S. officials';
    'a Kremlin spokesman' -> Person 'Kremlin spokesman'; 'a researcher at a think tank near Seoul who
    studies ...' -> Person 'researcher at a think tank near Seoul' (a who-clause makes a person of any
    source noun, and with a phrase that says which one, a bare noun is specific enough)."""
    mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < token.i
            and c.lower_ not in lexicon.QUANTIFIERS and (c.pos_ in ("ADJ", "PROPN", "NOUN")
                                                         or (c.dep_ == "amod" and c.tag_ == "VBN"))]  # "Seoul-based"
    first = min((c.left_edge.i for c in mods), default=token.i)
    words = [t for t in token.doc[first:token.i + 1] if t.lower_ not in lexicon.QUANTIFIERS and t.tag_ != "POS"
             and (not t.is_punct or t.text == "-")]
    # A common noun opening the sentence is no name: "Analysts said" and "many analysts" are one group.
    label = " ".join(t.lower_ if t.is_sent_start and t.pos_ == "NOUN" else t.text for t in words).replace(" - ", "-")
    words = [t for t in words if not t.is_punct]
    qualifier = next((c for c in token.children if c.dep_ in ("amod", "acl") and c.i > token.i
                      and c.lemma_.lower() in lexicon.SOURCE_QUALIFIERS), None)
    if qualifier is not None:  # "people familiar with the talks": which people
        label += " " + token.doc[qualifier.left_edge.i:qualifier.right_edge.i + 1].text
    plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in lexicon.COLLECTIVE_NOUNS
    who, where = _who_clause(token), _where_from(token)
    if not plural and token.lower_ not in lexicon.PERSON_SOURCE_NOUNS | lexicon.MEMBER_SOURCE_NOUNS and who is None:
        return None
    if not plural and len(words) < 2:
        if who is None and where is None:
            return None  # "an official said": too vague to keep as a source
        if where is not None:  # "a researcher at a think tank near Seoul who studies ...": which one
            end = who.left_edge.i if who is not None and who.left_edge.i > where.i else where.right_edge.i + 1
            label += " " + token.doc[where.i:end].text
    key = index.unlinked("Group" if plural else "Person", label, 0.6)
    index.add(first, token.i + 1, key, label, 0.6)
    return key
