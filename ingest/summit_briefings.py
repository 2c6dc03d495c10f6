"""Meetings named as what someone is told about: "he would phone Zelenskiy to brief him on the talks",
"called Abe to update him about the summit". The people briefed hear about the meeting, they are not
at it, and a bare "the talks" is a meeting told elsewhere: such a mention adds nothing but wrong parties.
A topic that names its own parties or place ("about the talks with Kim") stays a mention."""

from __future__ import annotations

from spacy.tokens import Token

# verbs that pass news of an event on to someone
BRIEFING_VERBS = frozenset({"brief", "debrief", "inform", "update", "tell", "phone", "call", "notify"})


def briefed_on(noun: Token) -> bool:
    """The trigger noun, with no parties or place of its own, is the topic ("on"/"about" object) of a
    verb that passes news on."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ("on", "about")
            and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in BRIEFING_VERBS
            and not any(c.dep_ in ("prep", "compound", "poss", "nmod") for c in noun.children))
