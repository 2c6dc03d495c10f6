"""Merging an article's summit mentions into one group per summit.

Mentions sharing a location, an ordinal or a start date and a party are one summit; a bare mention
("the summit", "their meeting") joins the most recent summit of the same parties and never creates one
on its own. A meeting "on the sidelines of" a summit is an event of its own, at the place (and, for a
one-day summit, the date) of the summit last named.
"""

from __future__ import annotations

from spacy.tokens import Doc

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import indices, text_of, words_of
from diplograph.ingest.summit_mentions import SummitMention
from diplograph.ingest.summit_pairs import previous_pair
from diplograph.ingest.summit_parties import parties_of, place_state
from diplograph.ingest.summit_syntax import STRONG_NOUNS, sentences_apart


def merge(mentions: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """Keyed mentions first (same place, ordinal, date or forum: one summit); then every other
    mention joins the latest summit before it whose parties include its own ("the summit", "their
    meeting"), or that has no parties yet (a summit named by its place or forum takes the leaders
    the text then places at it), and only a mention naming two parties and a leader starts a summit
    of its own."""
    groups: list[SummitMention] = []
    deferred: list[SummitMention] = []  # keyed by an ordinal alone, and no summit of that ordinal yet
    for m in filter(keyed, mentions):
        target = next((g for g in groups if _same(g, m) and _compatible(g, m, index)), None)
        target = target or next((g for g in groups if _widens(g, m) and not (m.location and g.location
                                                                              and m.location != g.location)
                                 and parties_of(m.participants, index) <= parties_of(g.participants, index)), None)
        visit = None if target else next((g for g in groups if _on_a_day_of(g, m, mentions, index)), None)
        if visit is not None:  # the meeting, named and placed, stands for the visit and takes its days
            groups[groups.index(visit)] = m
            _absorb(m, visit)
            m.merged += visit.merged
        elif target is not None:
            _absorb(target, m)
        elif m.location or m.start or m.series:
            groups.append(m)
        else:  # "their first encounter in a year", "their second summit": which one, the context says
            deferred.append(m)
    groups = _join_partials(groups, index)
    for m in mentions:
        for pair in m.bilaterals:  # on the mention's day and at its place
            groups.append(SummitMention(m.token, pair, m.location, m.start, m.end, None, m.status, m.evidence,
                                        False))
        for place in m.more_places:
            groups.append(SummitMention(m.token, list(m.participants), place, None, None, None, m.status,
                                        m.evidence, True))
        for place, start, end in m.returns:
            groups.append(SummitMention(m.token, list(m.participants), place, start, end, None, m.status,
                                        m.evidence, True))
    for m in [m for m in mentions if not keyed(m) or any(m is d for d in deferred)]:
        parties = parties_of(m.participants, index)
        # "the summit": whichever the text has named; "the summit between Kim and Trump" and "a second
        # Trump-Kim summit" name their own
        definite = m.token.pos_ == "NOUN" and m.token.lemma_.lower() in STRONG_NOUNS and not (
            len(parties) >= 2 and any((c.dep_ == "prep" and c.lower_ in ("between", "with"))
                                      or (c.dep_ == "det" and c.lower_ in ("a", "an")) for c in m.token.children))
        if m.sideline:
            if len(parties) >= 2 and has_leader(m.participants, index):
                _at_summit(m, [g for g in groups if not g.sideline and _first(g) < m.token.i])
                groups.append(m)
            continue
        own = _own_parties(m, index) if definite else set()
        fitting = [g for g in groups if not (definite and g.sideline) and not _another_leader(m, g, index) and not (
            m.ordinal and g.ordinal and m.ordinal != g.ordinal) and not _dated_apart(g, m) and (
            (definite and own <= parties_of(g.participants, index))
            or (not parties_of(g.participants, index) and _may_name_parties(m, g))
            or parties <= parties_of(g.participants, index))]
        if _next_one(m):  # "invited Kim to Moscow for their next meeting", "will meet again": none told so far
            fitting = [g for g in fitting if _first(g) > m.token.i]
        fitting = [g for g in fitting if not (_next_one(g) and m.token.i < _first(g))]
        if not fitting and _recalled(m):
            continue  # "whatever you thought of those meetings": none of the meetings told is theirs
        before = [g for g in fitting if _first(g) < m.token.i]
        if m.ordinal and any(g.ordinal == m.ordinal for g in before):  # "his second meeting with Trump" after
            before = [g for g in before if g.ordinal == m.ordinal]  # "a second summit": that one, not the last
        if not before and len(parties) >= 2 and has_leader(m.participants, index) and m.ordinal is None \
                and not definite:
            groups.append(m)  # "Putin told reporters after the talks" before "they last met in Astana": its own
            continue
        if not before and m.ordinal is None and (pair := _lede_pair(m, index)):
            m.participants = [*pair, *(k for k in m.participants if k not in pair)]
            groups.append(m)
            continue
        target = max(before, key=lambda g: _last_before(g, m.token.i)) if before else (fitting[0] if fitting else None)
        if target is not None and m.explicit and len(parties) == 2 and parties_of(
                [k for k in target.participants if k != target.location], index) > parties:
            # a bilateral at a larger summit: its leaders take part in that summit, and meet on their own
            target.participants += [k for k in m.participants if k not in target.participants]
            groups.append(m)
            continue
        if target is not None and (parties or before):
            known = parties_of(target.participants, index)
            if known and not parties <= known and not set(m.participants) & set(target.participants):
                m.participants = []  # "Seoul was watching the summit": an observer, not a participant
            _absorb(target, m)
        elif len(parties) >= 2 and has_leader(m.participants, index):
            groups.append(m)  # "Putin met Xi", "the Putin-Xi summit" without place or date

    return groups


def _own_parties(m: SummitMention, index: EntityIndex) -> set[str]:
    """'the Trump-Kim summits', 'the second Trump-Kim summit': the parties the trigger's own modifiers
    name. "The summit" stands for whichever summit the text has named, but one naming its parties so
    stands only for a summit of theirs, not for the visit by Putin told just before it."""
    keys = [k for c in m.token.children if c.dep_ in ("compound", "nmod", "amod") and c.i < m.token.i
            for t in c.subtree if (k := index.key_at(t))]
    own = parties_of(keys, index)
    return own if len(own) >= 2 else set()


def _next_one(m: SummitMention) -> bool:
    """'their next meeting', 'the next summit', 'expected to meet Kim again': a meeting after every one the
    text tells before it, and none that it tells before it ("Putin landed on June 19 ... signed a treaty
    ... Then Putin invited Kim to Moscow for their next meeting"; "the summit in Singapore in June 2018
    ... Trump said he expected to meet Kim again")."""
    return any((c.dep_ == "amod" and c.lower_ == "next") or (c.dep_ == "advmod" and c.lower_ == "again"
                                                              and m.token.pos_ == "VERB") for c in m.token.children)


def _recalled(m: SummitMention) -> bool:
    """'those meetings', 'these talks': meetings the text has told, which the mention stands for; it
    never starts a summit of its own (its parties are read from the pair near it, not from its words)."""
    return m.token.tag_ == "NNS" and any(c.dep_ == "det" and c.lower_ in ("those", "these")
                                         for c in m.token.children)


WIDTH = {"day": 10, "month": 7, "year": 4}  # how much of an ISO date a precision states


def _dated_apart(group: SummitMention, m: SummitMention) -> bool:
    """'When the second Trump-Kim summit collapsed in February 2019', after their meeting in Singapore in
    June 2018: a mention dated (by its start or its end alone) outside the summit's days, at the coarser
    of the two precisions, is another summit."""
    when = m.start or m.end
    if when is None or group.start is None:
        return False
    width = min(WIDTH[when.precision], WIDTH[group.start.precision])
    stated = when.value.date().isoformat()[:width]
    first = group.start.value.date().isoformat()[:width]
    last = (group.end or group.start).value.date().isoformat()[:width]
    return not first <= stated <= last


def has_leader(keys: list[str], index: EntityIndex) -> bool:
    return any(index.kind(k) == "Leader" for k in keys)


def keyed(m: SummitMention) -> bool:
    """The mention says which summit it is: by place, ordinal, date or forum."""
    return bool(m.location or m.ordinal or m.start or m.series)


def _compatible(a: SummitMention, b: SummitMention, index: EntityIndex, partial: bool = False) -> bool:
    """Nothing the two mentions state conflicts. A forum on one side only conflicts, unless both are
    partial (``partial``: "the ASEAN summit" and "the gathering in Kuala Lumpur")."""
    if a.location and b.location and a.location != b.location:
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if a.start and b.start and a.start.value.date() != b.start.value.date():
        return False
    conflicting_series = bool(a.series and b.series) if partial else bool(a.series or b.series)
    if conflicting_series and a.series != b.series:
        return False
    pa, pb = parties_of(a.participants, index), parties_of(b.participants, index)
    if (_separately(a) or _separately(b)) and pa != pb:
        return False  # "Erdogan also met Putin separately in the Iranian capital": not the summit there
    if _is_visit(a) and _is_visit(b) and len(pa) >= 2 and len(pb) >= 2 and pa != pb:
        return False  # "Putin's visit to North Korea" and "Xi's visit to North Korea": two visits
    if partial:  # each names one party of the same summit
        return a.sideline == b.sideline
    if a.sideline != b.sideline:  # a sideline meeting is not the summit it is held at, only itself again
        return pa == pb and not (a.series or b.series)
    return not (pa and pb and not pa & pb)


def _separately(m: SummitMention) -> bool:
    """A meeting the text sets apart from the others at its place and day ("met Putin separately", "held
    separate talks")."""
    return any((c.dep_ == "advmod" and c.lower_ == "separately") or (c.dep_ == "amod" and c.lower_ == "separate")
               for c in m.token.children)


def _same(a: SummitMention, b: SummitMention) -> bool:
    return bool((a.location and a.location == b.location) or (a.ordinal and a.ordinal == b.ordinal)
                or (a.start and b.start and a.start.value.date() == b.start.value.date())
                or (a.series and a.series == b.series))


def _may_name_parties(m: SummitMention, group: SummitMention) -> bool:
    """A summit named by its place or forum alone takes the leaders the text then places at it, close
    after it (within two sentences of its last mention), not paragraphs later ("The meeting in Helsinki
    was the first of its kind. ... A year later, Putin held talks with Erdogan"; "A meeting planned for
    Buenos Aires never took place. ... Orban said he was ready to host them"), nor a mention paragraphs
    before it ("Kim and Trump were preparing for a second summit. ... The Singapore summit followed on June
    12")."""
    if _first(group) > m.token.i:
        return sentences_apart(m.token, group.token.doc[_first(group)]) <= 2
    return sentences_apart(group.token.doc[_last_before(group, m.token.i)], m.token) <= 2


DEMONSTRATIVES = frozenset({"that", "this"})


def join_anaphors(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'... to save the planned summit between Kim and Trump. That summit took place in Singapore on June
    12': a summit named by a demonstrative and no party is the summit named last before it, within two
    sentences, when nothing they state conflicts."""
    joined: list[SummitMention] = []
    for group in groups:
        named = (c for m in (group, *group.merged) for c in m.token.children)
        if parties_of(group.participants, index) or not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES
                                                            for c in named):
            continue
        earlier = [o for o in groups if o is not group and all(o is not j for j in joined)
                   and _first(o) < _first(group)]
        summit = max(earlier, key=lambda o: _last_before(o, group.token.i), default=None)
        if summit is not None and sentences_apart(group.token, group.token.doc[_last_before(summit, group.token.i)]) \
                <= 2 and _compatible(summit, group, index):
            _absorb(summit, group)
            joined.append(group)
    return [g for g in groups if all(g is not j for j in joined)]


def date_from_part(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'Kim welcomed Xi to Pyongyang ... Xi's two-day state visit ended on Friday': a dated mention that
    names one party only, within two sentences after an undated summit of that party (the latest), at
    no other place, is that summit's date."""
    joined: list[SummitMention] = []
    for group in groups:
        parties = parties_of(group.participants, index)
        if len(parties) != 1 or group.start is None:
            continue
        earlier = [o for o in groups if o is not group and all(o is not j for j in joined)
                   and _first(o) < _first(group) and parties <= parties_of(o.participants, index)]
        summit = max(earlier, key=_first, default=None)
        if summit is None or summit.start is not None or len(parties_of(summit.participants, index)) < 2 \
                or sentences_apart(summit.token, group.token) > 2 \
                or (group.location and summit.location and group.location != summit.location):
            continue
        _absorb(summit, group)
        joined.append(group)
    return [g for g in groups if all(g is not j for j in joined)]


def join_visit_days(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'Modi arrived in Moscow on July 8 for his first visit to Russia ... The two leaders held formal
    talks at the Kremlin the next day': a visit's session on the day after it (so far) ends, by the same
    parties, at its place or at a venue the record cannot place, within a few sentences, is the same
    visit, which then runs to that day."""
    groups = _join_venues(groups, index)
    out: list[SummitMention] = []
    for group in groups:
        visit = next((o for o in reversed(out) if _next_day_of_visit(o, group, index)), None)
        if visit is None:
            out.append(group)
            continue
        day = group.start
        group.location = visit.location
        _absorb(visit, group)
        visit.end = day
    return out


def _join_venues(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """'Lula received Maduro at the Planalto Palace on Monday, the first visit by Maduro to Brazil': a
    meeting at a venue the record cannot place and a visit by the same parties on the same day, in the
    same sentence, are one visit, held where the visit is; so is such a meeting on one of the visit's
    stated days, within three sentences ("Kim greeted Moon at Sunan airport on Tuesday")."""
    visits = [g for g in groups if _is_visit(g)]
    out = []
    for group in groups:
        venue = group.location is not None and index.entities[group.location].qid is None
        visit = next((v for v in visits if v is not group and venue
                      and parties_of(v.participants, index) == parties_of(group.participants, index)
                      and ((sentences_apart(v.token, group.token) == 0
                            and (v.start is None or group.start is None or v.start == group.start))
                           or (sentences_apart(v.token, group.token) <= 3 and _during(group, v)))), None)
        if visit is None:
            out.append(group)
            continue
        group.location = visit.location
        _absorb(visit, group)
    return out


def _during(meeting: SummitMention, visit: SummitMention) -> bool:
    """'arrived in Pyongyang on Tuesday for a three-day visit ... met Moon at the Paekhwawon State
    Guesthouse on Wednesday': a meeting on a day of a visit's stated days."""
    if meeting.start is None or visit.start is None or visit.end is None or meeting.start.precision != "day":
        return False
    return visit.start.value <= meeting.start.value <= visit.end.value


def _on_a_day_of(visit: SummitMention, m: SummitMention, mentions: list[SummitMention], index: EntityIndex) -> bool:
    """'His three-day trip, from July 4 to 6, was the first by an Indian prime minister to Israel ... At their
    talks in Jerusalem on July 5, ...': a meeting dated to a day of a visit's stated days, a few sentences on,
    held where the visit is (or the visit placed nowhere) and by parties that do not conflict, is part of the
    visit: the meeting stands for it and takes its days. Not when the text places meetings in two states
    soon after the visit's days (a tour: "met Macron in Paris on May 6 and Orban in Budapest on May 9")."""
    if not _is_visit(visit) or visit.start is None or visit.end is None or m.start is None or m.end is not None \
            or m.start.precision != "day" or not visit.start.value <= m.start.value <= visit.end.value \
            or sentences_apart(visit.token, m.token) > 6:
        return False
    if visit.location and m.location and visit.location != m.location:
        return False
    pv, pm = parties_of(visit.participants, index), parties_of(m.participants, index)
    if pv and pm and not pv & pm:
        return False
    states = {state for o in mentions if o.token.i >= visit.token.i and sentences_apart(visit.token, o.token) <= 6
              for place in (o.location, *(r[0] for r in o.returns), *o.more_places) if place
              and (state := place_state(index, place) or (place if index.kind(place) == "State" else None))}
    return len(states) <= 1  # a venue the record cannot place ("Haifa") says nothing of a tour


def _is_visit(group: SummitMention) -> bool:
    return any(m.token.lemma_.lower() in ("visit", "trip") for m in (group, *group.merged))


def _next_day_of_visit(visit: SummitMention, later: SummitMention, index: EntityIndex) -> bool:
    if not _is_visit(visit):
        return False
    last = visit.end or visit.start
    if last is None or later.start is None or last.precision != "day" or later.start.precision != "day" \
            or (later.start.value.date() - last.value.date()).days != 1:
        return False
    if later.location and later.location != visit.location and index.entities[later.location].qid:
        return False
    return parties_of(visit.participants, index) == parties_of(later.participants, index) \
        and sentences_apart(visit.token, later.token) <= 3


def _lede_pair(m: SummitMention, index: EntityIndex) -> list[str]:
    """'Erdogan failed on Monday to persuade Putin ... after the talks': "the talks", "the meeting" or
    "the summit" before any summit is named, right after a sentence naming two leaders of two states, is
    their meeting."""
    token = m.token
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ("talk", "meeting", "summit") or det is None \
            or det.lower_ != "the":
        return []
    pair = previous_pair(token, index)
    if len(pair) != 2 or len(parties_of(pair, index)) != 2 or any(
            sentences_apart(token.doc[next(x.start for x in index.mentions if x.key == k)], token) > 1
            for k in pair):
        return []
    return pair


def _another_leader(m: SummitMention, group: SummitMention, index: EntityIndex) -> bool:
    """The mention names a leader of a state whose other leader met in the summit: "he met Xi
    ... later he met Premier Li Qiang" is a second meeting, not the first one again."""
    def leaders(keys: list[str]) -> dict[str, str]:
        return {k: index.state_of(k) or k for k in keys if index.kind(k) == "Leader"}

    mine, theirs = leaders(m.participants), leaders(group.participants)
    return any(k not in theirs and state in theirs.values() for k, state in mine.items())


def _join_partials(groups: list[SummitMention], index: EntityIndex) -> list[SummitMention]:
    """Summit mentions that cannot stand alone (under two parties) and agree on everything they state
    are one summit: "Trump presided at the ASEAN summit on Sunday" and "Anwar hosted the gathering in
    Kuala Lumpur" together name its parties, forum, date and place."""
    out: list[SummitMention] = []
    for group in sorted(groups, key=_first):
        if len(parties_of(group.participants, index)) < 2:
            earlier = next((o for o in reversed(out) if len(parties_of(o.participants, index)) < 2), None)
            if earlier is not None and _compatible(earlier, group, index, partial=True) \
                    and sentences_apart(earlier.token, group.token) <= 2:
                _absorb(earlier, group)
                continue
        out.append(group)
    return out


def _at_summit(meeting: SummitMention, earlier: list[SummitMention]) -> None:
    """A sideline meeting takes place where (and, for a one-day summit, when) the summit it is held
    at takes place: the last summit named before it."""
    host = max(earlier, key=_first, default=None)
    if host is None:
        return
    meeting.location = meeting.location or host.location
    if meeting.start is None and host.start is not None and host.end is None:
        meeting.start = host.start


ATTEND_LEMMAS = frozenset({"attend", "take"})


def add_attendees(doc: Doc, groups: list[SummitMention], index: EntityIndex) -> None:
    """Leaders said to attend or take part without the event named ("The summit opened on Friday.
    X, Y and Z are attending.", "X and Y took part.", "X and Y are among those attending") take part
    in the summit the text named last, in their paragraph or the one before. An attendee named with
    their state ("Argentina's Alberto Fernandez", someone the record holds no office for) brings that
    state, and so does a state "represented by" someone in the same sentence."""
    text = text_of(doc)
    for i in indices(words_of(doc).lemma, ATTEND_LEMMAS):
        verb = doc[i]
        objects = [c.lower_ for c in verb.children if c.dep_ == "dobj"]
        if verb.pos_ != "VERB" or objects != (["part"] if verb.lemma_.lower() == "take" else []) or any(
                c.dep_ == "prep" and c.lower_ == "in" for c in verb.children):
            continue  # "attended the dinner", "took part in the talks": the event is named
        clause = verb
        if verb.dep_ == "pobj" and verb.head.lower_ == "among" and verb.head.head.lemma_ == "be":
            clause = verb.head.head  # "X and Y are among those attending"
        # "Joe Biden, Emmanuel Macron, Olaf Scholz and ... are attending" may parse as two subjects
        subjects = [s for c in clause.children if c.dep_ == "nsubj" for s in (c, *c.conjuncts)]
        named = [t for c in subjects for t in (c, *(a for a in c.children if a.dep_ == "appos"))]
        leaders = [k for t in named if (k := index.key_of_phrase(t)) and index.kind(k) == "Leader"]
        owners = [p for t in named if not ((k := index.key_of_phrase(t)) and index.kind(k) == "Leader")
                  for p in t.children if p.dep_ == "poss"]
        owners += [s for c in clause.children if c.dep_ == "advcl" and c.lemma_ == "represent"
                   for s in c.children if s.dep_ == "nsubjpass"]
        leaders += [k for p in owners if (k := index.key_at(p)) and index.kind(k) == "State"]
        paragraph = text.rfind("\n\n", 0, verb.idx)
        earliest = text.rfind("\n\n", 0, max(paragraph, 0)) if paragraph > 0 else -1
        before = [g for g in groups if not g.sideline and _first(g) < i
                  and doc[_last_before(g, i)].idx > earliest]
        if leaders and before:
            target = max(before, key=lambda g: _last_before(g, i))
            target.participants += [k for k in leaders if k not in target.participants]


def _first(group: SummitMention) -> int:
    return min([group.token.i, *(m.token.i for m in group.merged)])


def _last_before(group: SummitMention, position: int) -> int:
    return max(i for i in [group.token.i, *(m.token.i for m in group.merged)] if i < position) \
        if _first(group) < position else -1


def _absorb(group: SummitMention, m: SummitMention) -> None:
    group.merged.append(m)
    group.participants += [k for k in m.participants if k not in group.participants]
    group.location = group.location or m.location
    group.ordinal = group.ordinal or m.ordinal
    group.hosts |= m.hosts
    if (group.start is None and m.start is not None) or _widens(group, m):
        group.start, group.end, group.date_inferred = m.start, m.end, m.date_inferred
    if m.status in ("Cancelled", "CutShort") or group.status is None:
        group.status = m.status or group.status


def _widens(group: SummitMention, m: SummitMention) -> bool:
    """A stated range holding the one day the summit has so far ("talks on March 21" in a caption, then
    "the visit ran from March 20 to March 22") is the fuller date."""
    return (group.start is not None and group.end is None and m.start is not None and m.end is not None
            and m.start.value <= group.start.value <= m.end.value)
