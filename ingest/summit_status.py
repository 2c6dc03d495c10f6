"""A summit mention's status: cancelled (called off, or said never to have happened; not only urged),
cut short, planned (its own words say it is to come, or its date is after publication) or held."""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.facts import DateValue
from diplograph.ingest.spans import words_of
from diplograph.ingest.summit_syntax import governing_verb

PLAN_NOUNS = frozenset({"plan", "plans", "proposal", "idea"})
SHELVED_WORDS = frozenset({"shelve", "shelved", "abandon", "abandoned"})
HAPPEN_VERBS = frozenset({"take", "happen", "occur", "materialize", "materialise"})


def _never_happened(token: Token) -> bool:
    """'A meeting planned for Buenos Aires never took place', 'the summit did not happen': a summit
    said not to have happened (not "has not yet taken place": still to come)."""
    while token.dep_ == "appos":  # a heading the parse runs into the sentence: "Buenos Aires\n\nA meeting ..."
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.lemma_.lower() not in HAPPEN_VERBS:
        return False
    children = {c.lower_ for c in token.head.children}
    return any(c.dep_ == "neg" for c in token.head.children) and not children & {"yet", "still"}


URGING_VERBS = frozenset({"urge", "ask", "call", "press", "push", "demand", "want", "threaten", "consider"})


def _only_urged(token: Token) -> bool:
    """'Democrats urged Trump to cancel the summit', 'threatened to call off the talks': a calling off
    asked for or weighed, not done."""
    verb = token.head
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in URGING_VERBS


def status_of(token: Token, start: DateValue | None, published: datetime | None, planned: bool) -> str | None:
    """Cancelled, cut short, planned or held; ``planned``: the trigger's own words say it is to come."""
    lemmas = words_of(token.doc).lemma
    near = [token.head, *token.children, *token.head.children]
    if token.head.lemma_.lower() in PLAN_NOUNS:
        near.append(token.head.head)  # "shelved his plan to meet Putin": what befell the plan
    words = {lemmas[t.i] for t in near}
    called_off = bool(words & (lexicon.CANCELLED_WORDS | SHELVED_WORDS)) or {"call", "off"} <= words
    if (called_off and not _only_urged(token)) or _never_happened(token):
        return "Cancelled"
    if "cut" in words and "short" in {t.lower_ for t in token.head.subtree}:
        return "CutShort"
    verb = token if token.pos_ == "VERB" else governing_verb(token)
    if planned and not (verb is not None and verb.tag_ == "VBD" and verb.lemma_.lower() != "invite"):
        return "Planned"  # "expected ..., while Putin met X" is past; "invited Kim for talks" is to come
    if start is not None and published is not None:
        return "Held" if start.value <= published else "Planned"
    if verb is not None and verb.tag_ in ("VBD", "VBN") and verb.lemma_ in ("meet", "hold", "host", "visit"):
        return "Held"
    return None
