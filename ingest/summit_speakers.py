"""Transcript turns at a summit: in a leader's turn ("PRESIDENT MOON: Yesterday I met Chairman Kim"),
"I" is that leader and "our summit" the leader and the partner named just before."""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import sentence
from diplograph.ingest.transcripts import turn_speaker

FIRST_PERSON = frozenset({"i", "me", "my"})
FIRST_PERSON_PLURAL = frozenset({"we", "our"})


def speaker_of(token: Token, index: EntityIndex) -> str | None:
    """'PRESIDENT MOON: Yesterday I met Chairman Kim': in a leader's transcript turn, I, me and my are
    that leader."""
    if token.lower_ not in FIRST_PERSON or token.tag_ not in ("PRP", "PRP$"):
        return None
    return turn_speaker(token, index)


def speaker_and_partner(token: Token, index: EntityIndex) -> list[str]:
    """'Unlike our summit on 27 April, ...': in a leader's turn, 'our' or 'we' meeting is the speaker and
    the other leader last named before it, within its sentence and the four before."""
    word = next((c for c in token.children if c.lower_ in FIRST_PERSON_PLURAL and c.dep_ in ("poss", "nsubj")), None)
    speaker = turn_speaker(word, index) if word is not None else None
    if speaker is None:
        return []
    start = sentence(token).start
    for _ in range(4):
        start = sentence(token.doc[start - 1]).start if start > 0 else start
    partner = next((m.key for m in reversed(index.mentions) if start <= m.start < token.i and m.key != speaker
                    and index.kind(m.key) == "Leader"), None)
    return [speaker, partner] if partner is not None else []
