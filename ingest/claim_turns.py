"""Transcript turns (a rule of ``claims``): "PUTIN: Russia will be ready to return ..." is a claim of
the leader the label names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from diplograph.ingest.claim_clauses import char_ranges
from diplograph.ingest.claim_fact import make_claim
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Claim, Span
from diplograph.ingest.spans import sentence, text_of
from diplograph.ingest.transcripts import SPEAKER_LABEL, labelled_person


def speaker_turns(doc: Doc, index: EntityIndex, claims: list[Claim]) -> list[Claim]:
    """A press-conference or interview transcript gives each turn as a paragraph opening with the
    speaker's name and a colon ("PUTIN: Russia will be ready to return ..."). A label naming a leader
    of the article makes the turn's statements (not its questions, nor sentences already holding a
    claim of their own) one claim of that leader, cued by the label; "QUESTION:", "Q:" name no one."""
    text = text_of(doc)
    cues = [c.cue.start for c in claims]
    turns: list[Claim] = []
    for start in [0, *(m.end() for m in re.finditer(r"\n\s*", text))]:
        label = SPEAKER_LABEL.match(text, start)
        if label is None or (key := labelled_person(index, label.group(1))) is None:
            continue
        end = text.find("\n", label.end())
        end = len(text) if end == -1 else end
        span = doc.char_span(label.end(), end, alignment_mode="expand")
        if span is None:
            continue
        said: list[Token] = []
        for sent in {sentence(t).start: sentence(t) for t in span}.values():
            a, b = max(sent.start_char, label.end()), min(sent.end_char, end)
            own = [t for t in sent if a <= t.idx < b]
            if text[a:b].strip().endswith("?") or any(a <= c < b for c in cues) \
                    or not any(t.pos_ in ("VERB", "AUX") for t in own):
                continue
            said += own
        if pieces := char_ranges(said):
            cue = Span(label.start(1), label.end(1), label.group(1))
            turns.append(make_claim(index, key, pieces, cue, doc.char_span(*pieces[0], alignment_mode="expand")[0],
                                    "say", False))
    return turns
