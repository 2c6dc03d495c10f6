"""Summits: leader meetings (summit, talks, met, visit) merged into one node per real summit.

Each trigger yields a mention (``summit_mentions``) with its participants and location
(``summit_places``) and its dates and status (``summit_dates``); mentions then merge within the article
(``summit_merge``). A summit needs two parties (a leader and their state count as one party) and at
least one leader: ministers meeting is not a summit. A summit the gazetteer knows (same parties; same
place and dates where the text states them; the only known summit that fits) takes the known summit's
key (``Gazetteer.summit_key``), so that every article's mention of it and the reference graph share one
node, even when one article gives no year. Any other summit's ``key`` is the parties (as states), the
location and the year, and the day for a meeting an article tells apart from another of the same key
(``one_node_per_key``).

Modules, by the kind of rule they hold:

- ``summit_mentions``: a trigger's mention; ``summit_ellipsis``: a meeting named by its number alone.
- Who and where: ``summit_places`` runs the participant and location rules in order; ``summit_parties``
  (parties as states), ``summit_speakers`` (a leader's "I" and "our summit" in a transcript),
  ``summit_pairs`` ("their", "the two leaders", the story's pair), ``summit_clauses`` (leaders named in
  another clause are not at the meeting), ``summit_visits`` (travel, arrivals, a visited state's city),
  ``summit_sidelines`` (a meeting on a summit's sidelines).
- When and how it went: ``summit_dates`` (a mention's own date), ``summit_date_values`` (a date in the
  story's year; bounds), ``summit_visit_days`` (a visit's length and departure), ``summit_relative_days``
  ("a day after ...", "the same day", "the next day"), ``summit_live_blogs`` (a header's day, an entry's
  day), ``summit_captions`` (a dated photo caption), ``summit_status`` (held, planned, cancelled, cut
  short).
- ``summit_repeats``: a meeting counted ("met Xi three times") as that many nodes.
- ``summit_merge``: mentions merged within the article; ``summit_syntax``: where a trigger stands in its
  parse, read by all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime

from spacy.tokens import Doc

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import DateValue, Summit
from diplograph.ingest.gazetteer import Gazetteer, GazSummit
from diplograph.ingest.spans import anchor_at, day_headings, sentence
from diplograph.ingest.summit_captions import date_from_caption, date_from_photo
from diplograph.ingest.summit_ellipsis import numbered_meetings
from diplograph.ingest.summit_live_blogs import summit_anchor
from diplograph.ingest.summit_mentions import SummitMention, candidates, mention
from diplograph.ingest.summit_merge import (
    add_attendees,
    date_from_part,
    has_leader,
    join_anaphors,
    join_visit_days,
    keyed,
    merge,
)
from diplograph.ingest.summit_pairs import pair_around
from diplograph.ingest.summit_parties import PARTY_KINDS, parties_of, place_state
from diplograph.ingest.summit_relative_days import next_days
from diplograph.ingest.summit_repeats import repeats, untold
from diplograph.ingest.summit_visits import arrived_at


def extract_summits(doc: Doc, index: EntityIndex, published: datetime | None) -> list[Summit]:
    anchor, inferred = summit_anchor(doc, published)
    headings = day_headings(doc, anchor)
    mentions = [m for i in candidates(doc)
                if (m := mention(doc[i], index, anchor_at(headings, doc[i].idx, anchor), inferred, published))
                is not None]
    mentions = sorted(mentions + numbered_meetings(doc, index, anchor, inferred, published, mentions),
                      key=lambda m: m.token.i)
    next_days(mentions, anchor)
    groups = join_visit_days(date_from_part(join_anaphors(merge(mentions, index), index), index), index)
    add_attendees(doc, groups, index)
    for group in groups:
        if len(parties_of(group.participants, index)) < 2:
            group.participants += [k for k in _known_parties(group, index) or pair_around(group, index)
                                   if k not in group.participants]
        elif group.start is not None and group.start.precision == "day" and not _parties_named(group, index) \
                and (known := _known_parties(group, index)):
            group.participants = known
    visits = {m.token.i for g in groups for m in (g, *g.merged)}
    for group in groups:
        if group.location is None:
            group.location = arrived_at(doc, index, group, visits)
    summits = []
    told = Counter(g.token.i for g in groups)
    for group in groups:
        if len(parties_of(group.participants, index)) < 2 or not has_leader(group.participants, index):
            continue
        if group.start is None and group.location is not None:
            date_from_caption(doc, index, group, anchor)
        elif group.start is None and group.series is None and group.status in (None, "Held"):
            date_from_photo(doc, index, group)
        summit = _summit(group, index, published)
        summits += [summit, *repeats(summit, untold(group, told))]
    return one_node_per_key(summits)


def _known_parties(group: SummitMention, index: EntityIndex) -> list[str]:
    """'The Singapore summit went ahead on 12 June': a summit the text names by its place and day alone
    is the one known summit held there then, and its leaders are the known summit's, when the text
    names them all."""
    if group.location is None or group.start is None:
        return []
    known = _known_summit(index.gaz, set(), group.location, group.start)
    if known is None or not all(qid in index.entities for qid in known.participants):
        return []
    return list(known.participants)


def _parties_named(group: SummitMention, index: EntityIndex) -> bool:
    """A sentence telling of the meeting names one of its parties: else they were read from "the two
    leaders", "they" or the story's pair, and the known summit its place and day name knows better
    ("... a second summit between Kim and Trump. The two leaders first met in Singapore on June 12 last
    year", in a story about Kim and Xi)."""
    spans = [sentence(m.token) for m in (group, *group.merged)]
    parties = parties_of(group.participants, index)
    return any(span.start <= m.start < span.end and (m.key in group.participants or m.key in parties)
               for span in spans for m in index.mentions)


def one_node_per_key(summits: list[Summit]) -> list[Summit]:
    """One article's summits that share a key share a node, which holds one value of each property
    (the shapes drop a node with two confidences or dates, and everything it says with it). The same
    meeting told twice folds into its first telling; a meeting of the same parties and place that the
    text dates to another day (Panmunjom on 27 April and on 26 May) is another meeting, keyed and
    labelled with its day. A known summit is one node whatever days its mentions give."""
    kept: dict[str, Summit] = {}
    for summit in summits:
        first = kept.get(summit.key or "")
        if first is not None and not summit.known and _other_day(first, summit):
            day = f"{summit.start.value:%Y-%m-%d}"
            summit = replace(summit, key=f"{summit.key} {day}", label=f"{summit.label} ({day})")
            first = kept.get(summit.key or "")
        if first is None:
            kept[summit.key or ""] = summit
        else:
            _fold(first, summit)
    return list(kept.values())


def _other_day(a: Summit, b: Summit) -> bool:
    return (a.start is not None and b.start is not None and a.start.precision == b.start.precision == "day"
            and a.start.value.date() != b.start.value.date())


def _fold(into: Summit, other: Summit) -> None:
    """What the later telling adds: parties the first did not name, and the date, status and ordinal
    it did not give."""
    into.participants += [k for k in other.participants if k not in into.participants]
    if into.start is None:
        into.start, into.end = other.start, other.end
    into.status = into.status or other.status
    into.ordinal = into.ordinal or other.ordinal
    into.confidence = max(into.confidence, other.confidence)


def _summit(group: SummitMention, index: EntityIndex, published: datetime | None) -> Summit:
    participants = [k for k in group.participants if index.kind(k) in PARTY_KINDS
                    and (k != group.location or k in group.hosts)]
    for key in list(participants):  # a leader the gazetteer knows but may not link: their state takes part
        if index.kind(key) == "Leader" and index.entities[key].qid is None:
            state = place_state(index, key)
            if state and state not in participants:
                participants.append(state)
    parties = parties_of(participants, index)
    known = _known_summit(index.gaz, parties, _linked(group.location, index), group.start or group.end)
    if known is not None:
        key_parts, label = index.gaz.summit_key(known), known.label
    else:
        year = str(group.start.value.year) if group.start is not None else ""
        key_parts = ["summit", *sorted(parties), group.location or "", year]
        label = _label(group, parties, year, index)
    confidence = 0.85 if keyed(group) and len(group.merged) else 0.7
    if group.date_inferred:
        confidence -= 0.1
    return Summit(participants=participants, evidence=group.evidence, label=label, location=group.location,
                  start=group.start, end=group.end, ordinal=group.ordinal, status=group.status,
                  qid=known.qid if known is not None else None, known=known is not None,
                  confidence=round(confidence, 2), key=" ".join(p for p in key_parts if p))


def _linked(location: str | None, index: EntityIndex) -> str | None:
    """The place as the known summits give theirs, by QID; a place the gazetteer lacks ("a military base
    in Alaska", a venue) states nothing against a known summit, which its parties and day then name."""
    entity = index.entities.get(location) if location is not None else None
    return location if entity is not None and entity.qid is not None else None


def _label(group: SummitMention, parties: set[str], year: str, index: EntityIndex) -> str:
    """Made of what the summit's IRI is minted from (its parties, place and year), so that every
    article naming the same summit gives its node the same label, in the facts' style ("2019
    Russia\u2013North Korea summit in Vladivostok"); a forum's summit is named by the forum."""
    def label_of(key: str) -> str:  # a leader's state need not be mentioned: then the gazetteer names it
        if key in index.entities:
            return index.entities[key].label
        entry = index.gaz.by_qid(key)
        return entry.label if entry is not None else key

    name = label_of(group.series) if group.series else "\u2013".join(sorted(map(label_of, parties)))
    place = f" in {label_of(group.location)}" if group.location else ""
    return f"{year} {name} summit{place}".strip()


def _known_summit(gaz: Gazetteer, parties: set[str], location: str | None,
                  start: DateValue | None) -> GazSummit | None:
    """The one known summit a mention describes, so that every article (and the reference graph)
    lands on its node: its parties include the mention's, and its place and dates agree with
    whatever the mention states. A mention stating neither place nor date names no known summit,
    and one that several known summits fit ("the Panmunjom summit" of 2018) names none of them."""
    if location is None and start is None:
        return None
    fits = [s for s in gaz.summits() if parties <= gaz.summit_parties(s)
            and (location is None or location == gaz.summit_location(s))
            and (start is None or _within(start, s))]
    return fits[0] if len(fits) == 1 else None


def _within(when: DateValue, summit: GazSummit) -> bool:
    """The stated date, at its precision (day, month or year), overlaps the known summit's days."""
    width = {"day": 10, "month": 7, "year": 4}[when.precision]
    stated = when.value.date().isoformat()[:width]
    return summit.start[:width] <= stated <= (summit.end or summit.start)[:width]
