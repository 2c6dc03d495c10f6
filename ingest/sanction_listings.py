"""Listings under a sanctions regime, for ``sanction_triggers`` and ``sanction_verbs``: a listing verb
with an imposer for subject ("Treasury designated 250 targets", "Canada listed 129 individuals", "South
Korea added fifteen officials to its own list"), the people and firms such a verb lists, and the listing
nouns a status verb governs ("restore its national listings"). "China listed five demands" lists no one.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.sanction_imposers import is_imposer

# Verbs that list targets under a regime, when an imposer is their subject.
LISTING_VERBS = frozenset({"designate", "blacklist"})
# A regime's listings are sanctions when a status verb governs them ("restore its national listings"; not
# "designations", which are as often of terrorist groups as of a state's officials).
LISTING_NOUNS = frozenset({"listing"})
LISTED_NOUNS = frozenset({"individual", "entity", "person", "people", "company", "firm", "official", "bank",
                          "vessel", "ship", "organisation", "organization", "oligarch", "target"})


# "added dozens of Chinese companies to its sanctions list": the object of these joins the list.
ADDING_VERBS = frozenset({"add", "put", "place"})


def listing_verb(verb: Token, index: EntityIndex) -> bool:
    """A verb that puts people or firms on a list, with an imposer for subject ("Japan added 30 firms")."""
    return verb.lemma_.lower() in ADDING_VERBS and lists_people(verb, index)


def lists_people(verb: Token, index: EntityIndex) -> bool:
    """An imposer for subject, people or firms for object ("Canada listed 129 individuals"; not
    "China listed five demands")."""
    return any(c.dep_ == "nsubj" and is_imposer(c, index) for c in verb.children) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in LISTED_NOUNS for c in verb.children)
