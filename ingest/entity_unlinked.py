"""Names the gazetteer lacks: organisations and places spaCy finds, typed (by the noun beside them
where there is one: "the news agency Xinhua") and never linked. A single word of the name of a
linked organisation the article has named, or that opens the name of the one agency of a state it
names ("Treasury said"), is that organisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entity_index import EntityIndex, gaz_kind
from diplograph.ingest.entity_offices import MINISTER_NOUNS
from diplograph.ingest.gazetteer import GazEntry, Gazetteer
from diplograph.ingest.spans import ents_of

COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
UNLINKED_KINDS = {"ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}

# What a noun set beside a name says it is: "the news agency Xinhua" (tagged a place), "Russia's
# ambassador to the UN, Vassily Nebenzia" (tagged an organisation).
DESCRIBED_KINDS = {
    **dict.fromkeys(lexicon.PERSON_SOURCE_NOUNS | MINISTER_NOUNS | {"ambassador", "senator", "general", "commander",
                                                                   "chairman", "chairwoman", "chairperson", "chief",
                                                                   "director"}, "Person"),
    **dict.fromkeys({"agency", "company", "firm", "bank", "newspaper", "broadcaster", "outlet", "network", "group",
                     "organisation", "organization", "party", "institute", "council"}, "Organization"),
    **dict.fromkeys({"city", "town", "port", "island", "region", "province", "resort", "village"}, "Place"),
}
OFFICE_OF_NOUNS = MINISTER_NOUNS | {"ministry", "department"}  # "Secretary of State", "Ministry of Defence"
TIME_ZONES = frozenset({"GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "MSK", "KST", "JST", "ICT", "IST", "SGT",
                        "HKT", "AEST", "AEDT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "PT"})
CLOCK = re.compile(r"\d[:.]\d\d$|\d(?:am|pm)$|^(?:am|pm|AM|PM)$")


def match_unlinked_names(index: EntityIndex) -> None:
    """Organisations and places spaCy finds that the gazetteer does not know: typed, never linked."""
    for ent in ents_of(index.doc):
        kind = UNLINKED_KINDS.get(ent.label_)
        if kind is None or "\n" in ent.text or any(t.i in index.token_key for t in ent) or _names_an_office(ent):
            continue
        kind = _described_kind(ent) or kind
        tokens = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS" and not t.is_punct]
        if not tokens or not tokens[0].text[:1].isupper() or tokens[-1].pos_ not in ("PROPN", "NOUN"):
            continue
        if len(tokens) == 1 and tokens[0].lower_ in COMPASS_WORDS:
            continue  # "the North", "the West": a side, not a place the gazetteer could name
        if len(tokens) == 1 and _time_zone(tokens[0]):
            continue  # "13.20 BST", "2:10 P.M. ICT": a live blog's or transcript's clock, no organisation
        span = index.doc[tokens[0].i:tokens[-1].i + 1]
        if kind == "Organization" and len(span) == 1 and (known := _named_organisation(index, span.text)):
            index.add(span.start, span.end, known, span.text, 0.7)  # "Treasury said": the one named before
            continue
        index.add(span.start, span.end, index.unlinked(kind, span.text, 0.5), span.text, 0.5)


def _time_zone(token: Token) -> bool:
    """A time zone's abbreviation right after a clock time ("14.52 BST", "9.30am KST", "2:10 P.M. ICT")."""
    before = token.doc[token.i - 1].text if token.i > 0 else ""
    return token.text in TIME_ZONES and (CLOCK.search(before) is not None or before.lower() in ("a.m.", "p.m."))


def _names_an_office(ent: SpacySpan) -> bool:
    """'Secretary of State', 'Minister of Defence': part of an office's name, no organisation of its own."""
    of = ent.root.head
    return ent.root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in OFFICE_OF_NOUNS


def _described_kind(ent: SpacySpan) -> str | None:
    """The kind the noun in apposition to a name, or compounded before it, gives it; None when none
    does or they disagree."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ in ("compound", "appos") and not ent.start <= c.i < ent.end]
    if root.dep_ == "appos":
        nouns.append(root.head)
    kinds = {DESCRIBED_KINDS.get(n.lemma_.lower()) for n in nouns if n.pos_ == "NOUN"} - {None}
    return kinds.pop() if len(kinds) == 1 else None


def _named_organisation(index: EntityIndex, word: str) -> str | None:
    """The one linked organisation the article has named whose name holds ``word`` as a word of its
    own ("Treasury" after "the US Department of the Treasury")."""
    folded = word.casefold()
    found = {key for key, entity in index.entities.items() if entity.kind == "Organization" and entity.qid
             and folded in {w.casefold() for name in (entity.label, *getattr(index.entries.get(key), "aliases", ()))
                            for w in name.split()}}
    if len(found) == 1:
        return next(iter(found))
    if found:
        return None
    # "the Treasury had designated ..." in a story naming the United States: the one linked agency of a
    # state the article names whose name opens with the word (not "the House", which no name opens with)
    named = {e.qid for e in index.entities.values() if e.kind == "State" and e.qid and e.mentions}
    agencies = [entry for entry in _agencies_by_first_word(index.gaz).get(folded, ()) if entry.state in named]
    return index.entity_for(agencies[0]) if len(agencies) == 1 else None


@lru_cache(maxsize=4)
def _agencies_by_first_word(gaz: Gazetteer) -> dict[str, tuple[GazEntry, ...]]:
    """A state's linked organisations by the first word of each of their names ("treasury", "state")."""
    found: dict[str, dict[str, GazEntry]] = {}
    for entry in gaz.entries():
        if entry.qid and entry.state and gaz_kind(entry) == "Organization":
            for name in entry.names:
                found.setdefault(name.split()[0].casefold(), {})[entry.qid] = entry
    return {word: tuple(entries.values()) for word, entries in found.items()}
