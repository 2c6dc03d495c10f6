"""The gazetteer extraction links entities with: states, capitals, organisations, leaders and more.

Read at run time from the CSVs shipped in ``ingest/gazetteer/`` (built by ``build_gazetteer.py``
from the shared facts). Every entry keeps the sources of its facts and whether they were verified.

Linking policy, decided when the files are built: ``qid`` is set only when ingest may link to it
(verified by two or more sources, or single-source with a recorded reason); a held QID stays in
``candidate_qid`` for review or the online linker. Entries without a QID still type a mention.

Matching (``names.key``) ignores case, diacritics, dots, hyphens, a leading "the" and a possessive
's; acronyms and very short names ("US", "UN", "WHO", "Xi") match only as written, so "us" and "who"
stay words. Ambiguity is never resolved here: ``lookup`` returns every candidate ("Georgia",
"Congo", "Luxembourg" the state and the city) and the caller decides with the entity type and the
context; ``by_demonym`` and ``metonym`` answer only when the answer is unique.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from diplograph.ingest import names
from diplograph.ingest.iris import slug

DATA = Path(__file__).parent / "gazetteer"
KIND_ORDER = {"State": 0, "Leader": 1, "Person": 2, "Organization": 3, "Place": 4}


@dataclass(frozen=True)
class GazEntry:
    """One entity the gazetteer knows, with the names it goes by and where its facts came from."""

    qid: str | None
    label: str
    kind: str  # "Leader" | "State" | "Organization" | "Place" | "Person"
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    state: str | None = None  # QID: a leader's state, a capital's state, a metonym's state
    tenures: tuple[tuple[str, str | None, str | None], ...] = ()  # (role, start ISO, end ISO or None)
    sources: str = ""
    verified: bool = True
    # Beyond the core contract:
    tenure_states: tuple[str | None, ...] = ()  # the jurisdiction (state QID) of each tenure, same order
    candidate_qid: str | None = None  # a single-source QID held back from linking (see ``policy``)
    policy: str = ""  # why ``qid`` is linked or held
    category: str = ""  # "capital", "city", "seat", "territory", "intergovernmental organization", ...
    offices: tuple[str, ...] = ()  # a person's offices other than head of state/government
    gender: str = ""  # a person's "f" / "m" where a source states it (pronouns resolve by it)
    kin: tuple[tuple[str, str], ...] = ()  # (relation, QID): this person is that one's sibling/child/...
    iso2: str | None = None
    iso3: str | None = None
    capital: str | None = None  # a state's capital (QID)
    metonym: bool = False  # the name can stand for ``state`` ("Pyongyang insists", "the Kremlin said")
    stands_for: str | None = None  # QID of an organisation a place's name stands for ("Brussels": the EU)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class GazTenure:
    """One term as head of state or government, with the sources of its dates."""

    holder: str  # label of the Leader entry
    role: str  # "HeadOfState" | "HeadOfGovernment"
    state: str | None  # QID of the jurisdiction
    start: str | None
    end: str | None
    nominal: str = ""  # why this head of state does not lead ("constitutional monarch"), if so
    sources: str = ""
    verified: bool = False


@dataclass(frozen=True)
class GazSummit:
    """A summit from the facts: participants are Wikidata QIDs, the location a gazetteer Place label."""

    label: str
    start: str
    end: str | None
    location: str | None  # label of the Place entry
    location_qid: str | None
    venue: str
    participants: tuple[str, ...]
    qid: str | None = None
    sources: str = ""
    verified: bool = False


@dataclass(frozen=True)
class GazSanction:
    """A sanction or sanctions instrument from the facts (UN resolutions, CAATSA, EU packages)."""

    label: str
    instrument: bool  # a legal instrument (a resolution, an act), not a package of measures
    aliases: tuple[str, ...]
    imposers: tuple[str, ...]
    targets: tuple[str, ...]
    date: str | None
    qid: str | None = None
    sources: str = ""
    verified: bool = False


class Gazetteer:
    """All entries with O(1) indexes by name key, QID, demonym and metonym. Use ``Gazetteer.load()``."""

    def __init__(self, entries: Iterable[GazEntry], summits: Iterable[GazSummit] = (),
                 sanctions: Iterable[GazSanction] = (), tenures: Iterable[GazTenure] = ()) -> None:
        self._entries = sorted(entries, key=lambda e: (KIND_ORDER.get(e.kind, 9), e.label))
        self._tenures = tuple(tenures)
        self._summits = tuple(summits)
        self._sanctions = tuple(sanctions)
        self._folded: dict[str, list[GazEntry]] = defaultdict(list)
        self._cased: dict[str, list[GazEntry]] = defaultdict(list)
        self._qid: dict[str, GazEntry] = {}
        self._demonym: dict[str, list[GazEntry]] = defaultdict(list)
        self._metonym: dict[str, list[GazEntry]] = defaultdict(list)
        self._leaders: dict[str, list[tuple[GazEntry, GazTenure]]] = defaultdict(list)
        self._instrument: dict[str, GazSanction] = {}
        for entry in self._entries:
            self._index(entry)
        by_label = {e.label: e for e in self._entries if e.kind == "Leader"}
        for tenure in self._tenures:
            if tenure.state:
                self._leaders[tenure.state].append((by_label[tenure.holder], tenure))
        for sanction in self._sanctions:
            if sanction.instrument:
                for name in (sanction.label, *sanction.aliases):
                    self._instrument[names.key(name)] = sanction

    def _index(self, entry: GazEntry) -> None:
        for name in entry.names:
            index, key = (self._cased, names.key(name, keep_case=True)) if names.is_case_sensitive(name) \
                else (self._folded, names.key(name))
            if entry not in index[key]:
                index[key].append(entry)
        if entry.qid and (entry.qid not in self._qid or entry.kind == "State"):
            self._qid[entry.qid] = entry  # a city-state's Place shares the State's QID; the State wins
        for word in entry.demonyms:
            self._demonym[names.key(word)].append(entry)

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer shipped with the package, read once per process."""
        return _load_shipped()

    def lookup(self, surface: str) -> list[GazEntry]:
        """Every entry whose label or alias matches ``surface`` (all candidates; the caller decides)."""
        found = self._folded.get(names.key(surface), []) + self._cased.get(names.key(surface, keep_case=True), [])
        return list(dict.fromkeys(found))

    def by_qid(self, qid: str) -> GazEntry | None:
        return self._qid.get(qid)

    def by_demonym(self, word: str) -> GazEntry | None:
        """The state whose people ``word`` names ("North Korean" -> North Korea), if only one does."""
        found = self._demonym.get(names.key(word), [])
        return found[0] if len(found) == 1 else None

    def metonym(self, surface: str) -> GazEntry | None:
        """The State a capital or seat of power stands for ("Pyongyang", "the Kremlin"), if unique."""
        states = {entry.state for entry in self.lookup(surface) if entry.metonym and entry.state}
        return self.by_qid(states.pop()) if len(states) == 1 else None

    def body_for(self, surface: str) -> GazEntry | None:
        """The organisation a place's name stands for ("Brussels says": the European Union), if unique."""
        bodies = {entry.stands_for for entry in self.lookup(surface) if entry.stands_for}
        return self.by_qid(bodies.pop()) if len(bodies) == 1 else None

    def leaders_of(self, state_qid: str, when: date | None = None) -> list[GazEntry]:
        """Heads of state and government of a state: in office on ``when`` (inclusive), else all ever.

        Executive heads of state come first, then heads of government, then nominal heads of state
        (constitutional monarchs, ceremonial presidents); by start date within each. On a handover
        day both the outgoing and the incoming leader are returned.
        """
        def rank(item: tuple[GazEntry, GazTenure]) -> tuple[int, str]:
            tenure = item[1]
            return (2 if tenure.nominal else 0 if tenure.role == "HeadOfState" else 1), tenure.start or ""

        found = [entry for entry, tenure in sorted(self._leaders.get(state_qid, []), key=rank)
                 if when is None or _in_office(when, tenure.start, tenure.end)]
        return list(dict.fromkeys(found))

    def entries(self) -> Iterable[GazEntry]:
        return iter(self._entries)

    def summits(self) -> tuple[GazSummit, ...]:
        return self._summits

    def find_summit(self, participants: Iterable[str], when: date) -> GazSummit | None:
        """The known summit with these participant QIDs (a subset suffices) held on ``when``, if one."""
        wanted = set(participants)
        found = [s for s in self._summits if wanted <= set(s.participants)
                 and _in_office(when, s.start, s.end or s.start)]
        return found[0] if len(found) == 1 else None

    def summit_key(self, summit: GazSummit) -> list[str]:
        """The key a known summit's IRI is minted from (``iris.summit``); ingest uses it for a match.

        As in ``summits.py``: "summit", the parties' states (a leader counts as their state), the
        location (its QID, else its slug) and the year; the full start date instead of the year when
        two known summits would share the key (three Xi-Kim meetings in Beijing); a summit with a
        Wikidata item is keyed on it.
        """
        if summit.qid:
            return [summit.qid]
        key = self._summit_key_by_year(summit)
        clashes = sum(1 for other in self._summits if self._summit_key_by_year(other) == key)
        return key if clashes == 1 else [*key[:-1], summit.start]

    def _summit_key_by_year(self, summit: GazSummit) -> list[str]:
        return ["summit", *sorted(self.summit_parties(summit)), self.summit_location(summit), summit.start[:4]]

    def summit_parties(self, summit: GazSummit) -> set[str]:
        """The states taking part in a known summit (a leader counts as their state), as QIDs."""
        parties = set()
        for qid in summit.participants:
            entry = self.by_qid(qid)
            parties.add(entry.state if entry is not None and entry.kind == "Leader" and entry.state else qid)
        return parties

    @staticmethod
    def summit_location(summit: GazSummit) -> str:
        """The known summit's place as extraction keys it: its QID, else the slug of its label."""
        return summit.location_qid or (slug(summit.location) if summit.location else "")

    def tenures(self) -> tuple[GazTenure, ...]:
        return self._tenures

    def sanctions(self) -> tuple[GazSanction, ...]:
        return self._sanctions

    def instrument(self, surface: str) -> GazSanction | None:
        """A legal instrument by name ("UNSCR 2397", "Resolution 2397", "CAATSA")."""
        return self._instrument.get(names.key(surface))


def _in_office(when: date, start: str | None, end: str | None) -> bool:
    if not start:
        return False
    day = when.isoformat()
    return start <= day and (end is None or day <= end)


@cache
def _load_shipped() -> Gazetteer:
    return read(DATA)


def read(folder: Path) -> Gazetteer:
    """Read a gazetteer from the built CSVs in ``folder``."""
    tenures: dict[str, list[dict[str, str]]] = defaultdict(list)
    tenure_rows = _rows(folder / "tenures.csv")
    for row in tenure_rows:
        tenures[row["person"]].append(row)
    entries = [*map(_state, _rows(folder / "states.csv")), *map(_place, _rows(folder / "places.csv")),
               *map(_organization, _rows(folder / "organizations.csv")),
               *(_person(row, tenures.get(row["label"], [])) for row in _rows(folder / "people.csv"))]
    summits = map(_summit, _rows(folder / "summits.csv"))
    return Gazetteer(entries, summits, map(_sanction, _rows(folder / "sanctions.csv")), map(_tenure, tenure_rows))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(";") if part)


def _common(row: dict[str, str]) -> dict[str, object]:
    return {"qid": row["qid"] or None, "candidate_qid": row["candidate_qid"] or None, "label": row["label"],
            "aliases": _split(row["aliases"]), "sources": row["sources"], "verified": row["verified"] == "verified",
            "policy": row["policy"]}


def _state(row: dict[str, str]) -> GazEntry:
    return GazEntry(kind="State", demonyms=_split(row["demonyms"]), iso2=row["iso2"] or None,
                    iso3=row["iso3"] or None, capital=row["capital_qid"] or None, **_common(row))


def _place(row: dict[str, str]) -> GazEntry:
    """A place; its ``metonym`` column is "yes" (it stands for its state), "no", or the QID of the
    organisation it stands for."""
    body = row["metonym"] if row["metonym"].startswith("Q") else None
    return GazEntry(kind="Place", state=row["state_qid"] or None, category=row["role"],
                    metonym=row["metonym"] == "yes", stands_for=body, **_common(row))


def _organization(row: dict[str, str]) -> GazEntry:
    return GazEntry(kind="Organization", state=row["state_qid"] or None, category=row["category"],
                    metonym=row["metonym"] == "yes", **_common(row))


def _person(row: dict[str, str], tenures: list[dict[str, str]]) -> GazEntry:
    return GazEntry(kind=row["kind"], state=row["state_qid"] or None, offices=_split(row["offices"]),
                    gender=row["gender"], kin=tuple(tuple(k.split(":", 1)) for k in _split(row["kin"])),
                    tenures=tuple((t["role"], t["start"] or None, t["end"] or None) for t in tenures),
                    tenure_states=tuple(t["state_qid"] or None for t in tenures), **_common(row))


def _summit(row: dict[str, str]) -> GazSummit:
    return GazSummit(label=row["label"], start=row["start"], end=row["end"] or None, location=row["location"] or None,
                     location_qid=row["location_qid"] or None, venue=row["venue"],
                     participants=_split(row["participants"]), qid=row["qid"] or None, sources=row["sources"],
                     verified=row["verified"] == "verified")


def _sanction(row: dict[str, str]) -> GazSanction:
    return GazSanction(label=row["label"], instrument=row["instrument"] == "yes", aliases=_split(row["aliases"]),
                       imposers=_split(row["imposers"]), targets=_split(row["targets"]), date=row["date"] or None,
                       qid=row["qid"] or None, sources=row["sources"], verified=row["verified"] == "verified")


def _tenure(row: dict[str, str]) -> GazTenure:
    return GazTenure(holder=row["person"], role=row["role"], state=row["state_qid"] or None, start=row["start"] or None,
                     end=row["end"] or None, nominal=row["nominal"], sources=row["sources"],
                     verified=row["verified"] == "verified")
