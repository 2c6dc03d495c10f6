"""Pronouns (step 6 of ``entities``): he/his/she/her denote the nearest preceding person of a
compatible gender, preferring the subject a subject pronoun continues (a possessive fronted before
its clause's subject is that subject: "In her speech, the Chancellor said"); it/its the nearest
preceding state, organisation or government in the sentence; "his/her country" the person's state.

Genders come from the text ("the leader's sister", "Queen") or the gazetteer, and every resolved
pronoun marks its person; with a woman so known nearby, "she" is never a man nor one of unknown
gender. A pronoun outside a quote never refers back to a name inside one ('"I spoke with Vladimir,"
he said').
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entity_antecedents import antecedent
from diplograph.ingest.entity_index import AGENT_KINDS, PERSON_KINDS, EntityIndex, ensure_state
from diplograph.ingest.entity_labels import in_office_label
from diplograph.ingest.spans import indices, quoted, sentence, words_of

MALE_FEMALE_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
OBJECT_PRONOUNS = frozenset({"him", "her"})
COUNTRY_NOUNS = frozenset({"country", "nation"})


def match_pronouns(index: EntityIndex) -> None:
    index.mentions.sort(key=lambda m: m.start)
    doc = index.doc
    genders = _stated_genders(index)
    for i in indices(words_of(doc).pos, ("PRON",)):
        token = doc[i]
        lower = token.lower_
        if token.i in index.token_key:
            continue
        if lower in MALE_FEMALE_PRONOUNS:
            gender = "f" if lower in FEMALE_PRONOUNS else "m"
            compatible = _gender_fits(genders, gender)
            if gender == "f" and antecedent(index, token, PERSON_KINDS, same_sentence=False,
                                            fits=_gender_fits(genders, gender, known=True)) is not None:
                # a woman the text or the gazetteer knows is near: "she" is not a man nor someone unknown
                compatible = _gender_fits(genders, gender, known=True)
            if lower in OBJECT_PRONOUNS and (bound := _clause_subjects(index, token)):
                # "led Macron to accuse him": an object pronoun is not its own clause's subject
                compatible = _excluding(compatible, bound)
            # A quote's words are the speaker's, not the narrative's: '"I spoke with Vladimir," he said'
            # continues with whoever the narrative was about, not Vladimir (nor the quote's "I").
            unquoted = None if quoted(token) else (lambda t: not quoted(t))
            # "THE PRESIDENT: ... He tells me ...": a turn's label is its "I", never a "he"
            where = (lambda t: not in_office_label(t)) if unquoted is None else \
                (lambda t: not quoted(t) and not in_office_label(t))
            # "Kim Yo Jong, the leader's sister, ... She denied ...": a person the text marks as a woman
            key = antecedent(index, token, PERSON_KINDS, same_sentence=False, back=1,
                             fits=_gender_fits(genders, gender, known=True), where=where) \
                if gender == "f" else None
            key = key or _fronted_owner(index, token, compatible)
            if key is None and token.dep_ == "nsubj" and not any(
                    t.dep_ == "nsubj" and (unquoted is None or unquoted(t)) for t in sentence(token) if t.i < token.i):
                key = antecedent(index, token, PERSON_KINDS, same_sentence=False, subjects_only=True,
                                 where=where, fits=compatible)
            if key is None and token.dep_ == "nsubj":
                key = _governing_subject(index, token)
                key = key if key is None or compatible(key) else None
            key = key or antecedent(index, token, PERSON_KINDS, same_sentence=False, where=where, fits=compatible)
            if key is not None:
                genders.setdefault(key, gender)
        elif lower in THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
            key = _reflexive_owner(index, token)  # "its own sanctions": the clause subject's
            # a subject "it" continues the sentence's subject ("The EU listed firms it accused of ...")
            if key is None and token.dep_ == "nsubj":
                key = antecedent(index, token, AGENT_KINDS, same_sentence=True, subjects_only=True)
            key = key or antecedent(index, token, AGENT_KINDS, same_sentence=True)
            if key is None and token.dep_ == "nsubj" and token.i == sentence(token).start \
                    and token.head.lemma_.lower() != "be":  # "It is unclear ...": no one
                # "Beijing sanctioned two firms. It has also imposed sanctions on ...": the last main subject
                key = antecedent(index, token, AGENT_KINDS, same_sentence=False, subjects_only=True, back=1,
                                 main_only=True)
        else:
            continue
        if key is not None:
            index.add(token.i, token.i + 1, key, token.text, 0.55)
            index.mentions.sort(key=lambda m: m.start)


def _gender_fits(genders: dict[str, str], gender: str, known: bool = False) -> Callable[[str], bool]:
    """Whether a person may be the antecedent: not marked otherwise (``known``: marked so)."""
    return lambda key: genders.get(key, None if known else gender) == gender


def _stated_genders(index: EntityIndex) -> dict[str, str]:
    """Persons the text marks as a woman or a man: an apposition or title ("Kim Yo Jong, the leader's
    sister", "Queen Elizabeth"), or the gazetteer's record ("Choe Son Hui ... She said"). Pronouns then
    resolve only to compatible persons, and each resolved pronoun marks its person in turn."""
    genders: dict[str, str] = {}
    for mention in index.mentions:
        if index.kind(mention.key) not in PERSON_KINDS:
            continue
        entry = index.entries.get(mention.key)
        if entry is not None and entry.gender:
            genders.setdefault(mention.key, entry.gender)
        span = index.doc[mention.start:mention.end]
        words = {c.lemma_.lower() for c in span.root.children if c.dep_ == "appos"}
        if mention.start > 0:
            words.add(index.doc[mention.start - 1].lower_.rstrip("."))
        if words & lexicon.FEMALE_NOUNS:
            genders.setdefault(mention.key, "f")
        elif words & lexicon.MALE_NOUNS:
            genders.setdefault(mention.key, "m")
    return genders


def _excluding(fits: Callable[[str], bool], bound: set[str]) -> Callable[[str], bool]:
    return lambda key: fits(key) and key not in bound


def _clause_subjects(index: EntityIndex, pronoun: Token) -> set[str]:
    """Who is the subject of the clause an object pronoun is in (for a controlled infinitive, the
    controller: the object of "led Macron to accuse him", the subject of "wanted to meet him")."""
    verb = pronoun.head
    if pronoun.dep_ not in ("dobj", "dative", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return set()
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "xcomp":
        controller = [c for c in verb.head.children if c.dep_ == "dobj"] or \
            [c for c in verb.head.children if c.dep_ == "nsubj"]
        subjects = controller
    return {key for s in subjects if (key := index.token_key.get(s.i)) is not None}


def _governing_subject(index: EntityIndex, pronoun: Token) -> str | None:
    """A subject pronoun of a subordinate clause continues the subject of the clause it depends on:
    "Modi held talks with Putin on Monday, a day after he met Xi" ("he" is Modi, not Putin), "Maduro
    thanked Lula for what he called a new era" ("he" is Maduro: the clause is a preposition's object)."""
    clause = pronoun.head
    while clause.dep_ in ("advcl", "conj", "pcomp") and clause.head.i != clause.i:  # adverbial, coordinate links
        verb = clause.head
        if clause.dep_ == "pcomp" and verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "thanked Lula for what he called ...": the verb the preposition hangs on
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < pronoun.i), None)
        if subject is not None:
            key = index.token_key.get(subject.i)
            return key if key is not None and index.kind(key) in PERSON_KINDS else None
        clause = verb
    return None


def _fronted_owner(index: EntityIndex, pronoun: Token, fits: Callable[[str], bool]) -> str | None:
    """'In her speech, the Chancellor said ...': a possessive in a phrase fronted before its clause's
    subject looks ahead to that subject (a person of a compatible gender), not back to the last name."""
    if pronoun.dep_ != "poss" or pronoun.head.dep_ != "pobj" or pronoun.head.head.dep_ != "prep":
        return None
    verb = pronoun.head.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > pronoun.i), None)
    if verb.pos_ not in ("VERB", "AUX") or subject is None or pronoun.head.head.i > subject.i:
        return None
    key = index.key_of_phrase(subject)
    return key if key is not None and index.kind(key) in PERSON_KINDS and fits(key) else None


def _reflexive_owner(index: EntityIndex, pronoun: Token) -> str | None:
    """'The United States, according to the State Department, has no plans to ease its own sanctions':
    "its own" belongs to the subject of the clause it is in, up through objects and infinitives (not past
    a preposition: "accused NATO of expanding its own presence" is NATO's), not to the nearest name."""
    doc = pronoun.doc
    if pronoun.dep_ != "poss" or pronoun.i + 1 >= len(doc) or doc[pronoun.i + 1].lower_ != "own":
        return None
    node = pronoun.head
    while node.dep_ in ("dobj", "xcomp", "acl", "attr", "conj") and node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            key = index.key_of_phrase(subject)
            return key if key is not None and index.kind(key) in AGENT_KINDS else None
    return None


def match_own_country(index: EntityIndex) -> None:
    """'said her country had no intention of ...': a person's "his/her country" is the state the
    gazetteer (or a title) gives that person, and the phrase mentions the state, not the person."""
    doc = index.doc
    for i in indices(words_of(doc).lower, COUNTRY_NOUNS):
        token = doc[i]
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        key = index.token_key.get(owner.i) if owner is not None else None
        if key is None or index.kind(key) not in PERSON_KINDS or token.i in index.token_key:
            continue
        state = ensure_state(index, index.state_of(key))
        if state is not None:
            index.replace(owner.i, token.i + 1, state, doc[owner.i:token.i + 1].text, 0.6)
