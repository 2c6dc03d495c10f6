"""Meetings counted, not told one by one: "meeting Xi in Beijing three times", "Abe met Putin twice in
Moscow". A meeting verb with a count is that many meetings of the same leaders at its place; the text
dates none of the others, so each further one is an undated node of its own. Meetings the same verb goes on
to tell one by one ("met Kim three times: in Singapore ..., in Hanoi ...") are the ones counted: no more nodes."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from diplograph.ingest.facts import Summit

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention

ADVERB_COUNTS = {"twice": 2, "thrice": 3}
WORD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def untold(group: SummitMention, told: Counter[int]) -> int:
    """How many meetings a group's mentions count, when the text does not go on to tell them one by one
    (``told``: how many summits each trigger token heads; a colon after the verb opens a list)."""
    return max(times_met(m.token) if told[m.token.i] <= 1 and not _list_follows(m.token) else 1
               for m in (group, *group.merged))


def _list_follows(verb: Token) -> bool:
    return any(t.text == ":" for t in verb.doc[verb.i + 1:verb.sent.end])


def times_met(verb: Token) -> int:
    """How many meetings a meeting verb counts ("twice", "three times"); one when it counts none."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() != "meet":
        return 1
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ADVERB_COUNTS:
            return ADVERB_COUNTS[child.lower_]
        if child.dep_ == "npadvmod" and child.lemma_.lower() == "time":
            for number in (c for c in child.children if c.dep_ == "nummod"):
                if number.lower_ in WORD_COUNTS:
                    return WORD_COUNTS[number.lower_]
                if number.text.isdigit() and 1 < int(number.text) <= 10:
                    return int(number.text)
    return 1


def repeats(summit: Summit, count: int) -> list[Summit]:
    """The further meetings of a counted one: same leaders and place, undated, each keyed and labelled
    by its place in the count (never the known summit the first may be)."""
    return [replace(summit, participants=list(summit.participants), key=f"{summit.key} {n} of {count}",
                    label=f"{summit.label} ({n} of {count})", start=None, end=None,
                    qid=None, known=False)
            for n in range(2, count + 1)]
