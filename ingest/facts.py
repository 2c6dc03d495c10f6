"""What extraction finds in one article, before it becomes RDF.

Extraction (``extract.py``) fills these from a spaCy ``Doc``; ``triples.py`` turns them into quads
with deterministic IRIs. Offsets are Python string indices (Unicode code points) into
``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

EntityKind = Literal["Leader", "Person", "State", "Organization", "Government", "Group", "Place"]
Modality = Literal["Asserted", "Hedged", "Denied"]
Precision = Literal["day", "month", "year"]
EventStatus = Literal["Held", "Planned", "Cancelled", "CutShort"]
SanctionStatus = Literal["Proposed", "Threatened", "Imposed", "Tightened", "Eased", "Lifted", "LiftingDemanded"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: a mention, a cue or a whole sentence."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One real-world entity as this article refers to it (all its mentions resolved to it).

    ``key`` is what makes the IRI deterministic across articles: the Wikidata QID when linked,
    else a normalised name. ``government_of``/``led_by`` hold entity keys for a Government.
    """

    key: str
    kind: EntityKind
    label: str
    qid: str | None = None
    mentions: list[Span] = field(default_factory=list)
    matched_alias: str | None = None
    confidence: float = 1.0
    government_of: str | None = None
    led_by: str | None = None


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text states it (``"in June"`` is month precision, not June 1)."""

    value: datetime
    precision: Precision


@dataclass
class Summit:
    participants: list[str]  # entity keys
    evidence: Span  # the sentence
    label: str
    location: str | None = None  # entity key of a Place or State
    start: DateValue | None = None
    end: DateValue | None = None
    ordinal: int | None = None
    status: EventStatus | None = None
    qid: str | None = None
    confidence: float = 0.8
    key: str | None = None  # identity across articles: a known summit's gazetteer key, else parties, place, year
    known: bool = False  # one of the gazetteer's summits, which the reference graph dates to the day


@dataclass
class Sanction:
    imposers: list[str]  # entity keys
    targets: list[str]  # entity keys
    evidence: Span
    label: str
    legal_basis: str | None = None  # e.g. "UN Security Council Resolution 2397"
    status: SanctionStatus | None = None
    start: DateValue | None = None
    qid: str | None = None
    confidence: float = 0.8
    key: str | None = None  # identity across articles (imposers, targets, legal basis); IRI slug source


@dataclass
class Claim:
    claimant: str  # entity key
    text: str  # the content as stated, joined when split around the cue
    content: list[Span]  # the content's pieces
    cue: Span
    evidence: Span  # the sentence(s)
    about: list[str] = field(default_factory=list)  # entity keys
    modality: Modality = "Asserted"
    confidence: float = 0.7
    claimant_name: str | None = None  # how the article names the claimant ("Zelensky"), when it does


@dataclass
class Facts:
    """Everything extracted from one article."""

    entities: dict[str, Entity] = field(default_factory=dict)
    summits: list[Summit] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
