"""Meetings of officials who are not leaders: "Pompeo invited Ri Yong-ho to meet him in New York". Such a
meeting is no summit, and as a mention with a place and no parties it would take in every later meeting
told at that place ("Moon will meet Trump in New York"), so it yields no mention at all."""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import subject_of


def officials_meet(verb: Token, index: EntityIndex) -> bool:
    """The meeting verb's sides it names (its subject, else the one it inherits, and its object) are all
    persons who are not leaders (ministers, envoys), and it names at least one."""
    sides = [c for c in verb.children if c.dep_ == "dobj"]
    subject = _controller(verb) or subject_of(verb)
    sides += [subject] if subject is not None else []
    kinds = [index.kind(key) for side in sides if (key := index.key_of_phrase(side))]
    return bool(kinds) and len(kinds) == len(sides) and all(kind == "Person" for kind in kinds)


def _controller(verb: Token) -> Token | None:
    """'invited Ri Yong-ho to meet him': the object of the verb that asks is the one who meets."""
    if verb.dep_ != "xcomp":
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)
