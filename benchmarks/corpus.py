"""A synthetic news corpus in diplograph's own data shape, for benchmarks.

Articles are written from templates (our own wording) around real names from the shipped
gazetteer plus a long tail of invented people, places and organisations. Entities, summits and
sanctions are drawn with Zipf weights, so a few recur in thousands of articles and most in a
handful, as in real news. Each article comes with the ``Facts`` extraction would return for its
text (offsets point at the names in the text), and ``ingest.triples.map_article`` turns them into
quads, so the graph has exactly the shape ``diplograph ingest`` writes: one named graph per article.

Deterministic: the same seed and size give the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from diplograph.ingest import iris
from diplograph.ingest.article import Article
from diplograph.ingest.facts import Claim, DateValue, Entity, Facts, Sanction, Span, Summit
from diplograph.ingest.gazetteer import Gazetteer

ZIPF_S = 1.1
FIRST = (
    "Anna", "Omar", "Li", "Maria", "Jonas", "Aiko", "Pavel", "Fatima", "Lucas", "Ingrid", "Tomas", "Leila",
    "Mateo", "Sara", "Ivan", "Noor", "Kofi", "Elena", "Rahul", "Mei", "Daniel", "Amira", "Felix", "Yusuf",
    "Chloe", "Arjun", "Olga", "Samuel", "Hana", "Marco",
)
LAST = (
    "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Novak", "Castillo", "Brennan", "Petrov", "Mensah",
    "Kowalski", "Nakamura", "Rossi", "Adeyemi", "Varga", "Farouk", "Jansen", "Oliveira", "Kim", "Schultz",
    "Duarte", "Ibrahim", "Horvat", "Sato", "Lund", "Mwangi", "Costa", "Reyes", "Karimi", "Bauer",
)
TOWNS = ["North", "South", "East", "West", "New", "Upper", "Lower", "Port", "Fort", "Lake"]
ROOTS = ["haven", "field", "bridge", "stone", "ford", "wick", "vale", "mont", "burg", "dale"]
ORG_KINDS = ("Institute for {} Studies", "{} Policy Centre", "{} Council on Foreign Relations",
             "{} Security Forum", "{} Trade Association")
GROUPS = ("analysts", "officials", "diplomats", "observers", "experts", "aides", "negotiators", "critics")
TOPICS = ("missile tests", "nuclear programme", "border incursions", "cyber attacks", "human rights record",
          "grain exports", "election interference", "naval build-up")
CLAIM_VERBS = [
    ("said", "Asserted", "{about} had agreed to resume talks on {topic}"),
    ("insisted", "Asserted", "{about} was responsible for the latest {topic}"),
    ("warned", "Asserted", "{about} would face consequences over its {topic}"),
    ("suggested", "Hedged", "{about} might soften its position on {topic}"),
    ("believed", "Hedged", "{about} could return to the negotiating table within weeks"),
    ("denied", "Denied", "{about} had been involved in any {topic}"),
]
FILLER = (
    "The talks came after months of quiet contacts between delegations.",
    "Markets reacted cautiously to the news, with regional currencies little changed.",
    "Neither side released a full transcript of the discussions.",
    "The meeting was closed to reporters except for a brief photo session.",
    "Diplomats described the atmosphere as businesslike but tense.",
    "Several questions about verification and timing remain open.",
    "A joint statement is expected later in the week.",
    "Trade between the two countries has fallen sharply over the past two years.",
    "Human rights groups urged both governments to put civilians first.",
    "The announcement drew a mixed response from opposition lawmakers.",
    "Energy prices have been a recurring source of friction in the region.",
    "The agreement still needs approval from parliament before it takes effect.",
    "Security around the venue was tight, with roads closed for most of the day.",
    "Previous rounds of negotiation collapsed over the sequencing of concessions.",
    "Officials on both sides spoke on condition of anonymity because the talks were private.",
    "The central bank said it was monitoring the situation closely.",
    "Shipping insurers raised premiums for vessels crossing the strait.",
    "Aid agencies warned that winter would worsen shortages of fuel and medicine.",
    "The foreign ministry summoned the ambassador for what it called urgent consultations.",
    "Analysts cautioned against reading too much into a single meeting.",
)


@dataclass
class Pick:
    """An entity as the generator knows it: its kind, label, QID and the text that names it."""

    kind: str
    label: str
    qid: str | None = None
    surface: str = ""
    state: Pick | None = None  # a Government's state

    @property
    def key(self) -> str:
        return self.qid or f"{self.kind}:{self.label}"


class Zipf:
    """Items ranked by popularity, drawn with weight 1/rank^s (cumulative weights: O(log n) a draw)."""

    def __init__(self, items: list, rng: random.Random, s: float = ZIPF_S) -> None:
        self.items = items
        self.rng = rng
        self.cum = list(accumulate(1 / (rank ** s) for rank in range(1, len(items) + 1)))

    def draw(self):
        return self.rng.choices(self.items, cum_weights=self.cum)[0]

    def distinct(self, n: int) -> list:
        out: list = []
        while len(out) < min(n, len(self.items)):
            item = self.draw()
            if item not in out:
                out.append(item)
        return out


@dataclass
class SummitPick:
    a: Pick
    b: Pick
    place: Pick
    date: datetime
    status: str

    @property
    def key(self) -> str:
        return f"{self.a.label} {self.b.label} {self.place.label} {self.date:%Y-%m}"


@dataclass
class SanctionPick:
    imposer: Pick
    target: Pick
    topic: str
    basis: str | None
    status: str

    @property
    def key(self) -> str:
        return f"{self.imposer.label} on {self.target.label} {self.topic} {self.basis or ''}"


class Corpus:
    """Pools of entities, summits and sanctions sized for ``articles`` articles."""

    def __init__(self, articles: int, seed: int = 7) -> None:
        self.size = articles
        self.rng = random.Random(seed)
        gaz = Gazetteer.load()
        entries = sorted(gaz.entries(), key=lambda e: (e.kind, e.label, e.qid or ""))
        tail = max(50, int(3 * articles ** 0.85))  # distinct names grow sublinearly (Heaps' law)
        rng = self.rng
        leaders = [Pick("Leader", e.label, e.qid) for e in entries if e.kind == "Leader"]
        people = [Pick("Person", e.label, e.qid) for e in entries if e.kind == "Person"]
        people += [Pick("Person", f"{rng.choice(FIRST)} {chr(65 + i % 26)}. {rng.choice(LAST)}")
                   for i in range(tail // 2)]
        states = [Pick("State", e.label, e.qid) for e in entries if e.kind == "State"]
        places = [Pick("Place", e.label, e.qid) for e in entries if e.kind == "Place"]
        places += [Pick("Place", f"{rng.choice(TOWNS)} {rng.choice(FIRST)}{rng.choice(ROOTS)} {i}")
                   for i in range(tail // 4)]
        orgs = [Pick("Organization", e.label, e.qid) for e in entries if e.kind == "Organization"]
        orgs += [Pick("Organization", rng.choice(ORG_KINDS).format(f"{rng.choice(LAST)} {i}"))
                 for i in range(tail // 4)]
        for pool in (leaders, people, states, places, orgs):
            rng.shuffle(pool)
        self.leaders, self.people = Zipf(leaders, rng), Zipf(people, rng)
        self.states, self.places, self.orgs = Zipf(states, rng), Zipf(places, rng), Zipf(orgs, rng)
        self.groups = Zipf([Pick("Group", g) for g in GROUPS], rng)
        instruments = [s.label for s in gaz.sanctions()]
        self.summits = Zipf([SummitPick(*self.leaders.distinct(2), self.places.draw(), _date(rng),
                                        rng.choice(["Held", "Held", "Planned", "Cancelled"]))
                             for _ in range(50 + articles // 20)], rng)
        self.sanctions = Zipf([SanctionPick(*self.states.distinct(2), rng.choice(TOPICS),
                                            rng.choice([None, None, *instruments]),
                                            rng.choice(["Imposed", "Imposed", "Tightened", "Threatened", "Eased"]))
                               for _ in range(30 + articles // 50)], rng)

    def articles(self) -> Iterator[tuple[Article, Facts]]:
        for number in range(self.size):
            yield _Writer(self, number).article()


@dataclass
class _Writer:
    """Writes one article's text sentence by sentence, recording the spans of every name."""

    corpus: Corpus
    number: int
    parts: list[str] = field(default_factory=list)
    length: int = 0
    facts: Facts = field(default_factory=Facts)

    def article(self) -> tuple[Article, Facts]:
        c, rng = self.corpus, self.corpus.rng
        published = _date(rng)
        if rng.random() < 0.4:
            self._summit(c.summits.draw())
        if rng.random() < 0.3:
            self._sanction(c.sanctions.draw())
        for _ in range(rng.randint(1, 2)):
            self._claim()
        for _ in range(rng.randint(0, 2)):
            self._mention()
        while self.length < rng.randint(1800, 2600):  # about 300-450 words
            self._text(rng.choice(FILLER) + " ")
        text = "".join(self.parts).strip()
        title = text.split(".")[0][:90]
        url = f"https://news.example.org/{published:%Y/%m}/story-{self.number}"
        article = Article(text=text, source=f"synthetic:{self.number}", title=title, url=url,
                          published=published, author=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                          publisher="Example News")
        return article, self.facts

    # --- sentences ---------------------------------------------------------------------------------

    def _summit(self, s: SummitPick) -> None:
        start = self.length
        self._name(s.a)
        self._text(" and ")
        self._name(s.b)
        self._text(" met in " if s.status == "Held" else " are expected to meet in ")
        self._name(s.place)
        self._text(f" on {s.date:%B} {s.date.day}, {s.date.year}, for talks on trade and security. ")
        key = iris.slug(s.key)
        self.facts.summits.append(Summit(
            participants=[s.a.key, s.b.key], evidence=self._span(start), label=f"{s.a.label}-{s.b.label} summit",
            location=s.place.key, start=DateValue(s.date, "day"), status=s.status, key=key))

    def _sanction(self, s: SanctionPick) -> None:
        start = self.length
        self._name(s.imposer)
        self._text(" imposed new sanctions on " if s.status != "Threatened" else " threatened sanctions against ")
        self._name(s.target)
        self._text(f" over its {s.topic}")
        self._text(f" under {s.basis}. " if s.basis else ". ")
        self.facts.sanctions.append(Sanction(
            imposers=[s.imposer.key], targets=[s.target.key], evidence=self._span(start),
            label=f"{s.imposer.label} sanctions on {s.target.label}", legal_basis=s.basis, status=s.status,
            key=iris.slug(s.key)))

    def _claim(self) -> None:
        c, rng = self.corpus, self.corpus.rng
        roll = rng.random()
        claimant = c.leaders.draw() if roll < 0.5 else c.groups.draw() if roll < 0.75 else _government(c.states.draw())
        about = c.states.draw()
        verb, modality, content = rng.choice(CLAIM_VERBS)
        start = self.length
        self._name(claimant, capital=True)
        self._text(" ")
        cue_start = self.length
        self._text(verb)
        cue = Span(cue_start, self.length, verb)
        self._text(" that ")
        content_start = self.length
        before, _, after = content.partition("{about}")
        self._text(before)
        self._name(about)
        self._text(after.format(topic=rng.choice(TOPICS)))
        content_span = self._span(content_start)
        self._text(". ")
        self.facts.claims.append(Claim(
            claimant=claimant.key, text=content_span.text, content=[content_span], cue=cue,
            evidence=self._span(start), about=[about.key], modality=modality,
            confidence=round(rng.uniform(0.5, 0.95), 2)))

    def _mention(self) -> None:
        c, rng = self.corpus, self.corpus.rng
        if rng.random() < 0.5:
            self._name(c.people.draw(), capital=True)
            self._text(", a spokesperson for ")
            self._name(c.orgs.draw())
            self._text(", declined to comment. ")
        else:
            self._name(c.places.draw(), capital=True)
            self._text(" has hosted several rounds of talks involving ")
            self._name(c.states.draw())
            self._text(" this year. ")

    # --- text and spans ----------------------------------------------------------------------------

    def _text(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def _name(self, pick: Pick, *, capital: bool = False) -> None:
        surface = pick.surface or pick.label
        if capital:
            surface = surface[0].upper() + surface[1:]
        start = self.length
        self._text(surface)
        entity = self.facts.entities.get(pick.key)
        if entity is None:
            entity = Entity(key=pick.key, kind=pick.kind, label=pick.label, qid=pick.qid,  # type: ignore[arg-type]
                            matched_alias=pick.surface or pick.label, confidence=0.9 if pick.qid else 0.6,
                            government_of=pick.state.key if pick.state else None)
            self.facts.entities[pick.key] = entity
            if pick.state:
                self._ensure(pick.state)
        entity.mentions.append(Span(start, self.length, surface))

    def _ensure(self, pick: Pick) -> None:
        """A Government's state must be an entity of the article too (its governmentOf target)."""
        if pick.key not in self.facts.entities:
            self.facts.entities[pick.key] = Entity(key=pick.key, kind=pick.kind, label=pick.label,  # type: ignore[arg-type]
                                                   qid=pick.qid, matched_alias=pick.label, confidence=0.9)

    def _span(self, start: int) -> Span:
        text = "".join(self.parts)[start:self.length].rstrip()
        return Span(start, start + len(text), text)


def _government(state: Pick) -> Pick:
    return Pick("Government", f"Government of {state.label}", surface=f"the {state.label} government", state=state)


def _date(rng: random.Random) -> datetime:
    return datetime(2015, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(11 * 365), hours=rng.randrange(24))
