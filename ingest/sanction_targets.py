"""Whom a sanction targets, for ``sanctions``: the entity a noun phrase names, else the state its firms
belong to ("Russian banks", "dozens of Chinese companies", "X, a Chinese imagery firm", "North Korea's
Ministry of State Security"), the states an "in" phrase places them in ("banks in Iran and Syria"), the
partner of firms sanctioned for their dealings, and "its"/"their" in what the sanctions are on.

A state the gazetteer's regimes only ever target is a target when it modifies the sanctions ("North
Korea sanctions").
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.sanction_clauses import dealt_with
from diplograph.ingest.sanction_imposers import agent_key
from diplograph.ingest.spans import subject_of

TARGET_KINDS = frozenset({"State", "Organization", "Leader", "Person", "Government"})


def target_key(index: EntityIndex, token: Token) -> str | None:
    """The target a noun phrase names: an entity, or the state of an adjective ("Russian banks"), of a
    phrase it counts or lists ("dozens of Chinese companies", "250 targets, including Russian banks"),
    or, for a firm the gazetteer does not know, of its description ("X, a Chinese imagery firm"), or the
    state a description places it in ("those undermining stability in Niger")."""
    key = index.key_of_phrase(token)
    if key and index.kind(key) == "Government" and index.entities[key].qid is None:
        return index.state_of(key) or key  # "Turkey's defense procurement agency": a body of that state
    if key and not (index.kind(key) == "Organization" and index.entities[key].qid is None):
        return key
    if key and (owner := _owner_state(index, token)) is not None:
        return owner  # "North Korea's Ministry of State Security": a body the gazetteer does not know
    for child in token.children:
        if child.dep_ == "appos" and (owner := _owner_state(index, child)) is not None:
            return owner  # "Rosneft and Lukoil, Russia's two biggest oil companies"
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("of", "including")):
            for inner in ([child] if child.dep_ == "appos" else [c for c in child.children if c.dep_ == "pobj"]):
                for t in inner.subtree:
                    if t.i <= inner.i and (state := index.demonyms.get(t.i)) is not None:
                        return index.entity_for(state)
    if key:
        return key
    trade = token.lower_ in lexicon.TRADE_NOUNS  # "imports of Russian diamonds", "arms sales to Libya"
    for t in token.subtree:
        if trade and t.i > token.i and (state := index.demonyms.get(t.i)) is not None:
            return index.entity_for(state)
        if trade and t.i > token.i and (key := index.key_at(t)) and index.kind(key) == "State":
            return key
        if t.i < token.i and (state := index.demonyms.get(t.i)) is not None:
            return index.entity_for(state)
        if t.i < token.i and (key := index.key_at(t)) and index.kind(key) == "State":
            return key
    for t in token.subtree:  # "measures against those undermining stability in Niger": who is in that state
        if t.i > token.i and t.dep_ == "pobj" and t.head.lower_ == "in" and (key := index.key_at(t)) \
                and index.kind(key) == "State":
            return key
    if (partner := dealt_with(token)) is not None:  # "on foreign banks that deal with Tehran"
        key = target_key(index, partner)
        state = index.state_of(key) if key is not None else None  # "firms that help Kim": North Korea
        return state if state is not None and index.kind(state) == "State" else None
    return None


def target_keys(index: EntityIndex, token: Token) -> list[str | None]:
    """The target a noun phrase names, or every state it places its firms in ("designated companies in
    China and Russia": both)."""
    key = target_key(index, token)
    placed = _placed_states(index, token)
    return placed if placed and (key is None or key in placed) else [key]


def _placed_states(index: EntityIndex, token: Token) -> list[str]:
    """The states an "in" phrase right on the noun names, the parse hanging it on the noun or on its verb
    right after the noun ("designated banks in Iran and Syria"; not "entities based in Iran, Malaysia and
    the United Arab Emirates", where the sanctions' state is left to the context)."""
    preps = [c for c in token.children if c.dep_ == "prep"]
    preps += [c for c in token.head.children if c.dep_ == "prep" and c.i == token.right_edge.i + 1]
    # the firms a listing names among its targets: "116 individuals and entities, among them several
    # companies in China and the UAE", "40 entities, including companies in India and Turkey"
    members = [c for c in token.children if c.dep_ == "appos"]
    members += [p for c in preps if c.lower_ in ("including", "among") for p in c.children if p.dep_ == "pobj"]
    preps += [c for m in members for c in m.children if c.dep_ == "prep"]
    for t in (p for prep in preps if prep.lower_ == "in" for p in prep.children if p.dep_ == "pobj"):
        if (key := index.key_at(t)) and index.kind(key) == "State":
            return [key, *(k for c in t.conjuncts if (k := index.key_at(c)) and index.kind(k) == "State")]
    return []


def _owner_state(index: EntityIndex, token: Token) -> str | None:
    """The state a possessive before the head names ("Russia's state diamond miner Alrosa")."""
    for t in token.subtree:
        if t.i < token.i and t.dep_ == "poss" and (key := index.key_at(t)) and index.kind(key) == "State":
            return key
    return None


def pronoun_target(index: EntityIndex, token: Token, pobj: Token, verb: Token | None) -> str | None:
    """"Iran remains under U.S. sanctions on its oil exports": with the imposer a modifier of the
    sanctions, "its"/"their" in what they are on is the clause's subject (a state), not the imposer
    the pronoun's nearest antecedent would give."""
    owner = next((c for c in pobj.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    if owner is None or owner.lower_ not in ("its", "their") or verb is None:
        return None
    modifiers = {k for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                 for t in c.subtree if (k := agent_key(index, t))}
    subject = subject_of(verb)
    key = agent_key(index, subject) if subject is not None else None
    if not modifiers or key is None or key in modifiers or index.kind(key) != "State":
        return None
    return key


def only_a_target(index: EntityIndex, key: str) -> bool:
    """A state the gazetteer's regimes target and never have impose: "North Korea sanctions" are on it."""
    qid = index.entities[key].qid
    regimes = index.gaz.sanctions()
    return qid is not None and any(qid in r.targets for r in regimes) and not any(qid in r.imposers for r in regimes)
