"""Cutting a state off from the world's money, for ``sanction_triggers`` and ``sanctions``: removing its
banks from SWIFT ("The EU cut seven Russian banks out of SWIFT") or cutting it off from finance ("with
the United States and the EU cutting it off from Western finance") is a sanction, imposed by the verb's
subject, or, in the passive, by whoever announces or agrees it ("France, Germany and Canada announce that
selected Russian banks will be removed from the SWIFT messaging system"), on the state its object names.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from diplograph.ingest.sanction_syntax import pobjs

CUTTING_VERBS = frozenset({"cut", "remove", "disconnect", "exclude", "expel", "ban", "bar", "block", "shut"})
# What a state is cut off from when it is sanctioned: "SWIFT", "the SWIFT messaging system", "Western
# finance", "the global financial system", "dollar payments" (not "cut off from the sea", "from the talks").
FINANCE_WORDS = frozenset({"swift", "finance", "financing", "financial", "banking", "payment", "payments", "dollar"})
# "... announce that selected Russian banks will be removed from SWIFT": the announcers cut them off.
DECIDING_VERBS = frozenset({"announce", "agree", "decide"})


def cuts_off(verb: Token) -> bool:
    """The verb removes or cuts its object off, out of or from SWIFT or finance."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CUTTING_VERBS:
        return False
    return any(t.lower_ in FINANCE_WORDS for place in _cut_from(verb) for t in _words(place))


def deciders(verb: Token) -> list[Token]:
    """Who announces or agrees the passive cut-off a verb's clause reports ("the EU and Canada announce
    that ... banks will be removed from SWIFT"): the deciding verb's subject and its conjuncts."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in DECIDING_VERBS \
            or not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return [subject, *subject.conjuncts] if subject is not None else []


def _cut_from(verb: Token) -> Iterator[Token]:
    """The objects of the verb's "from" ("removed from SWIFT", "cutting it off from finance") or "out of"
    ("cuts seven banks out of SWIFT")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            yield from pobjs(prep)
        elif prep.dep_ == "prep" and prep.lower_ == "out":
            yield from (p for of in prep.children if of.dep_ == "prep" and of.lower_ == "of" for p in pobjs(of))


def _words(noun: Token) -> list[Token]:
    """A noun and the words that modify it ("the SWIFT messaging system")."""
    return [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod", "nmod"))]
