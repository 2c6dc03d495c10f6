"""A summit's parties as states: a leader and their state are one party, a place belongs to a state,
"the U.S.-North Korea summit" names two states, and a city-state is also a city."""

from __future__ import annotations

from diplograph.ingest.entities import EntityIndex, gaz_kind
from diplograph.ingest.entity_index import ensure_state

PARTY_KINDS = frozenset({"Leader", "State", "Government"})


def parties_of(keys: list[str], index: EntityIndex) -> set[str]:
    return {index.state_of(k) or k for k in keys if index.kind(k) in PARTY_KINDS}


def place_state(index: EntityIndex, key: str) -> str | None:
    """The state a gazetteer place or leader belongs to, as an entity key (added unmentioned if need be)."""
    entry = index.entries.get(key)
    state = getattr(entry, "state", None) if entry is not None else index.state_of(key)
    if not state:
        return None
    if state not in index.entities:
        state_entry = index.gaz.by_qid(state)
        if state_entry is None:
            return None
        index.entity_for(state_entry, "State")
    return state


def joined_states(index: EntityIndex, key: str) -> list[str]:
    """'the U.S.-North Korea summit': a name the linker could not place that joins two states' names
    with a hyphen names the summit's two parties."""
    entity = index.entities[key]
    if entity.qid is not None or entity.kind != "Place" or entity.label.count("-") != 1:
        return []
    states = [next((e.qid for e in index.gaz.lookup(part.strip()) if gaz_kind(e) == "State" and e.qid), None)
              for part in entity.label.split("-")]
    return [k for q in states if (k := ensure_state(index, q))] if all(states) else []


def city_state(index: EntityIndex, key: str) -> bool:
    """A state that is its own capital (Singapore): its name is also a city's."""
    entity, entry = index.entities[key], index.entries.get(key)
    return entity.kind == "State" and entry is not None and getattr(entry, "capital", None) == entity.qid
