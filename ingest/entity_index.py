"""The article's entities and which tokens mention them (``EntityIndex``), built by the rules of
``entities`` and read by the summit, sanction and claim rules.

A token mentions at most one entity: the first rule to claim it wins, and only ``replace`` (a wider
phrase such as "the Trump administration" over "Trump") takes tokens back. Gazetteer entities are
keyed by QID; entities ingest may not link are keyed by their label's slug.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spacy.tokens import Doc, Token

from diplograph.ingest.facts import Entity, Span
from diplograph.ingest.gazetteer import GazEntry, Gazetteer
from diplograph.ingest.iris import slug

PERSON_KINDS = frozenset({"Leader", "Person"})
AGENT_KINDS = frozenset({"State", "Organization", "Government"})


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    key: str
    alias: str
    confidence: float


class EntityIndex:
    """The article's entities and which tokens mention which, for the event and claim rules."""

    def __init__(self, doc: Doc, gaz: Gazetteer, published: datetime | None):
        self.doc = doc
        self.gaz = gaz
        self.published = published
        self.entities: dict[str, Entity] = {}
        self.token_key: dict[int, str] = {}
        self.mentions: list[Mention] = []
        self.demonyms: dict[int, GazEntry] = {}  # token index -> state named by an adjective
        self.entries: dict[str, GazEntry] = {}  # entity key -> gazetteer entry, for linked entities
        # unlinked leader key -> state QID its title names ("Swedish Prime Minister Ulf Kristersson")
        self.titled_states: dict[str, str] = {}

    # --- building ---------------------------------------------------------------------------------
    def entity_for(self, entry: GazEntry, kind: str | None = None) -> str:
        """The key of a gazetteer entity: its QID, or its label's slug when ingest may not link it."""
        key = entry.qid or slug(entry.label)
        if key not in self.entities:
            confidence = 1.0 if entry.qid else 0.7
            self.entities[key] = Entity(key=key, kind=kind or gaz_kind(entry), label=entry.label, qid=entry.qid,
                                        confidence=confidence)
            self.entries[key] = entry
        return key

    def unlinked(self, kind: str, label: str, confidence: float, **extra: str | None) -> str:
        key = slug(label)
        if key not in self.entities:
            self.entities[key] = Entity(key=key, kind=kind, label=label, confidence=confidence, **extra)
        return key

    def add(self, start: int, end: int, key: str, alias: str, confidence: float) -> None:
        if any(i in self.token_key for i in range(start, end)):
            return
        for i in range(start, end):
            self.token_key[i] = key
        self.mentions.append(Mention(start, end, key, alias, confidence))
        span = self.doc[start:end]
        entity = self.entities[key]
        entity.mentions.append(Span(span.start_char, span.end_char, span.text))
        if entity.matched_alias is None:
            entity.matched_alias = alias
        entity.confidence = max(entity.confidence if entity.mentions[1:] else 0.0, confidence)

    def replace(self, start: int, end: int, key: str, alias: str, confidence: float) -> None:
        """Mention a wider phrase ("the Trump administration") over the mentions inside it ("Trump")."""
        inner = [m for m in self.mentions if start <= m.start and m.end <= end]
        for m in inner:
            self.mentions.remove(m)
            span = self.doc[m.start:m.end]
            entity = self.entities[m.key]
            entity.mentions = [s for s in entity.mentions if (s.start, s.end) != (span.start_char, span.end_char)]
            for i in range(m.start, m.end):
                self.token_key.pop(i, None)
        self.add(start, end, key, alias, confidence)

    def finish(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        for entity in self.entities.values():
            entity.mentions.sort(key=lambda s: s.start)

    # --- reading ----------------------------------------------------------------------------------
    def kind(self, key: str) -> str:
        return self.entities[key].kind

    def key_at(self, token: Token) -> str | None:
        """The entity a token mentions, pronouns included."""
        return self.token_key.get(token.i)

    def key_of_phrase(self, head: Token) -> str | None:
        """The entity a noun phrase headed by ``head`` denotes (its head or compound/name part)."""
        if (key := self.token_key.get(head.i)) is not None:
            return key
        for child in head.children:
            if child.dep_ in ("compound", "flat", "nmod") and (key := self.token_key.get(child.i)):
                return key
        return None

    def keys_in(self, start: int, end: int) -> list[str]:
        seen: list[str] = []
        for i in range(start, end):
            key = self.token_key.get(i)
            if key and key not in seen and not _temporal_prefix(self.doc, i):
                seen.append(key)
        return seen

    def state_of(self, key: str) -> str | None:
        """The state key a leader or government belongs to (for party matching)."""
        entity = self.entities[key]
        if entity.kind == "State":
            return key
        if entity.kind == "Government":
            return entity.government_of
        entry = self.entries.get(key)
        state = getattr(entry, "state", None) if entry else None
        return state if isinstance(state, str) else self.titled_states.get(key)

    def state_named_by(self, token: Token) -> GazEntry | None:
        """A state named by this token: a State mention or a demonym adjective."""
        if (entry := self.demonyms.get(token.i)) is not None:
            return entry
        key = self.token_key.get(token.i)
        if key and self.entities[key].kind == "State":
            return self.entries.get(key)
        return None


def gaz_kind(entry: GazEntry) -> str:
    kind = str(entry.kind)
    return kind if kind in ("Leader", "Person", "State", "Organization", "Place", "Government") else "Organization"


def ensure_state(index: EntityIndex, state_qid: str | None) -> str | None:
    """A state's entity key (a government's state, a leader's state in a sanction); the gazetteer's
    state is added (without mentions) when the article does not name it."""
    if state_qid is None:
        return None
    if state_qid in index.entities:
        return state_qid
    entry = index.gaz.by_qid(state_qid)
    return index.entity_for(entry, "State") if entry is not None else None


def _temporal_prefix(doc: Doc, i: int) -> bool:
    """'post-Singapore', 'pre-war': a name used for a time, not the entity."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("post", "pre")
