"""Titled short names of known leaders (with step 3 of ``entities``): "President Rouhani", "President
Trong", "Prime Minister Phuc" name a leader the gazetteer holds under a full name the article never
gives, and for whom it has no short alias. The title and the article's date decide: the one leader
in office that day whose name starts or ends with the word (of two, the one in the office the title
names; of one state's, the one leading it, a nominal head of state last), of the state the title
names if any. Without a date, or with two such leaders still, the name stays an unlinked Leader.
An untitled one-word name is such a leader only when the article also names the leader's state.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from diplograph.ingest import names
from diplograph.ingest.entity_index import EntityIndex
from diplograph.ingest.gazetteer import GazEntry, Gazetteer

HEAD_OF_STATE_TITLES = frozenset({"president", "king", "queen", "emperor", "empress", "sultan", "emir"})
HEAD_OF_GOVERNMENT_TITLES = frozenset({"minister", "premier", "chancellor", "taoiseach"})  # "prime minister"


def titled_leader(index: EntityIndex, name: SpacySpan, title: str, state: GazEntry | None) -> GazEntry | None:
    """The known leader a one-word name after a leader title denotes, if exactly one fits."""
    if index.published is None or len(name) != 1:
        return None
    day = index.published.date()
    role = "HeadOfState" if title in HEAD_OF_STATE_TITLES else \
        "HeadOfGovernment" if title in HEAD_OF_GOVERNMENT_TITLES else None
    found = [entry for entry in _leaders_by_word(index.gaz).get(names.key(name.text), ())
             if (state is None or entry.state == state.qid) and _in_office(entry, day.isoformat(), None)]
    if len(found) > 1 and role is not None:  # "President Nguyen": the head of state of the two Nguyens
        found = [entry for entry in found if _in_office(entry, day.isoformat(), role)]
    if len(found) > 1 and len(states := {entry.state for entry in found}) == 1 and None not in states:
        found = [entry for entry in index.gaz.leaders_of(states.pop(), day) if entry in found][:1]
    return found[0] if len(found) == 1 else None


def _in_office(entry: GazEntry, day: str, role: str | None) -> bool:
    return any((role is None or tenure_role == role) and (start or "") <= day and (end is None or day <= end)
               for tenure_role, start, end in entry.tenures)


@lru_cache(maxsize=4)
def _leaders_by_word(gaz: Gazetteer) -> dict[str, tuple[GazEntry, ...]]:
    """Every gazetteer leader by the first and the last word of each of its names (surname first or
    last: "Moon Jae-in", "Hassan Rouhani", "Nguyen Phu Trong")."""
    table: dict[str, list[GazEntry]] = defaultdict(list)
    for entry in gaz.entries():
        if entry.kind != "Leader":
            continue
        for name in entry.names:
            words = names.key(name).split()
            for word in {words[0], words[-1]} if len(words) > 1 else set():
                if entry not in table[word]:
                    table[word].append(entry)
    return {word: tuple(entries) for word, entries in table.items()}


def named_leader(index: EntityIndex, name: SpacySpan) -> GazEntry | None:
    """An untitled one-word name ("Rouhani told reporters"): as ``titled_leader``, when the article
    also names the leader's state (by name, metonym or demonym)."""
    entry = titled_leader(index, name, "", None)
    if entry is None or entry.state is None:
        return None
    state = index.entities.get(entry.state)
    named = (state is not None and bool(state.mentions)) or any(d.qid == entry.state for d in index.demonyms.values())
    return entry if named else None
