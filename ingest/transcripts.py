"""Transcript turns: who speaks a paragraph that opens with a label ("PUTIN: Russia will be ready ...").

A press-conference, briefing or interview transcript opens each turn with the speaker's name (perhaps
with an aside: "(as interpreted)") and a colon. ``claims`` reads a leader's turn as that leader's
statements; ``summit_speakers`` reads "I" and "our summit" in it as that leader, and
``sanction_imposers`` "we" and "our sanctions" as that leader's state.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Token

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import line_opening, text_of

# the name, then an aside the transcript adds to it ("PRESIDENT PUTIN (as interpreted):"), then the colon
SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'\u2019 -]{1,40}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
                           r"(?:\s*\([^()\n]{1,40}\))?\s*:\s+")
LABEL_TITLES = frozenset({"president", "prime", "minister", "mr", "mrs", "ms", "chancellor", "secretary", "general"})
HONORIFICS = frozenset({"mr", "ms", "mrs"})


def labelled_person(index: EntityIndex, label: str, anyone: bool = False) -> str | None:
    """The one leader of the article whose name ends with the label's last word ("PUTIN", "President
    Erdogan"), or with an honorific ("MR. MILLER:", the official briefing transcript's form) the one
    person. A leader's or a briefer's words are claims on the record; an interviewed analyst's answers
    ("Lin: The message was aimed at Lai") are the article's own account, as its prose would be. With
    ``anyone``, any person the label names ("Mao Ning:"), for the "I" and "we" of their turn."""
    all_words = [w for w in re.split(r"[\s.]+", label.lower()) if w]
    words = [w for w in all_words if w not in LABEL_TITLES]
    if not words:
        return None
    kinds = {"Leader", "Person"} if anyone or set(all_words) & HONORIFICS else {"Leader"}
    found = {key for key, entity in index.entities.items() if entity.kind in kinds
             and any(_folded(m.text).split()[-1:] == [_folded(words[-1])] for m in entity.mentions)}
    return found.pop() if len(found) == 1 else None


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()


def turn_speaker(token: Token, index: EntityIndex, anyone: bool = False) -> str | None:
    """The leader (with ``anyone``, the person) whose transcript turn holds the token: a turn runs from a
    paragraph opening with the speaker's label (as ``claims`` reads them) to the next label."""
    label = _turn_label(token)
    return labelled_person(index, label.group(1), anyone) if label is not None else None


def turn_leader(token: Token, index: EntityIndex) -> str | None:
    """The leader whose transcript turn holds the token: one the label names ("PUTIN:"), or one the
    label names by office ("THE PRESIDENT:", linked to the leader the title names)."""
    if (speaker := turn_speaker(token, index)) is not None:
        return speaker
    if (label := _turn_label(token)) is None:
        return None
    opening = token.doc.char_span(label.start(), label.start() + 1, alignment_mode="expand")
    key = index.key_at(opening[0]) if opening is not None else None
    return key if key is not None and index.kind(key) == "Leader" else None


def _turn_label(token: Token) -> re.Match[str] | None:
    """The label opening the turn that holds the token: the nearest line at or before it that opens with one."""
    text = text_of(token.doc)
    line = text.rfind("\n", 0, token.idx) + 1
    while (label := SPEAKER_LABEL.match(text, line)) is None and line > 0:
        line = text.rfind("\n", 0, line - 1) + 1
    return label if label is not None and label.end() <= token.idx else None


def in_speaker_label(token: Token) -> bool:
    """The token is part of the label opening its line ("DPA: The EU's latest package ... listed three
    companies"), which the parse may take for the sentence's subject; a label names who speaks, never
    who acts in what they say."""
    label = line_opening(token, SPEAKER_LABEL)
    return label is not None and token.idx < label.end(1)
