"""Meetings "on the sidelines of" a summit: the summit whose sidelines a meeting is on, which gives the
meeting its place and is an event of its own."""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest.summit_syntax import SUMMIT_TRIGGER_NOUNS

SIDELINE_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins"})


def sidelines_of(noun: Token) -> Token | None:
    """The 'sidelines' (or 'margins') a summit noun is the object of: "on the sidelines of the summit",
    also through a forum's name the parse splits ("of the Group of 20 summit": summit hangs on 'of')."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    owner = noun.head.head
    if owner.pos_ == "PROPN" and owner.dep_ == "pobj" and owner.head.lower_ == "of":
        owner = owner.head.head
    return owner if owner.lemma_.lower() in SIDELINE_NOUNS else None


def sideline_summit(verb: Token) -> Token | None:
    """The summit on whose sidelines a meeting verb's or noun's meeting took place."""
    for t in verb.subtree:
        side = sidelines_of(t) if t.lemma_.lower() in SUMMIT_TRIGGER_NOUNS else None
        if side is not None and side.dep_ == "pobj" and side.head.head.i == verb.i:
            return t
    return None


def held_on_sidelines(trigger: Token) -> Token | None:
    """The summit on whose sidelines the trigger's meeting took place: the trigger's own, or, for talks
    a verb holds, the verb's ("held formal talks on the sidelines of the G20 summit in Hamburg")."""
    own = sideline_summit(trigger)
    if own is None and trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        return sideline_summit(trigger.head)
    return own
