"""The nearest preceding mention that fits (``antecedent``): what a pronoun, an office noun or
"the bloc" refers back to, within the sentence or the last few, optionally only among subjects
of main or reporting clauses.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entity_index import EntityIndex
from diplograph.ingest.spans import acts_as_subject, sentence


def antecedent(index: EntityIndex, token: Token, kinds: Iterable[str], same_sentence: bool,
               subjects_only: bool = False, back: int = 3, fits: Callable[[str], bool] | None = None,
               where: Callable[[Token], bool] | None = None, main_only: bool = False) -> str | None:
    """Nearest preceding mention of the wanted kinds (within the sentence, or the last ``back``).

    ``subjects_only`` (for a sentence's subject pronoun) looks for the nearest mention that was itself
    a subject: "Biden said he had warned Putin ... He denied ..." continues with Biden, not Putin.
    """
    if subjects_only and not main_only:  # the subject of a main or reporting clause of the sentence before
        found = antecedent(index, token, kinds, same_sentence, True, 1, fits, where, main_only=True)
        if found is not None:
            return found
    sent_start = sentence(token).start
    limit = sent_start if same_sentence else _sentence_start_back(token, back)
    position = bisect.bisect_left(index.mentions, token.i, key=lambda m: m.start)
    for mention in reversed(index.mentions[:position]):
        if mention.start < limit:
            return None
        if index.kind(mention.key) not in kinds or (fits is not None and not fits(mention.key)):
            continue
        if subjects_only and not any((acts_as_subject(t) and (main_only is False or _main_subject(t)))
                                     or (main_only and _main_subjects_owner(t))
                                     for t in index.doc[mention.start:mention.end]):
            continue
        if where is not None and not where(index.doc[mention.start]):
            continue
        return mention.key
    return None


def _main_subject(token: Token) -> bool:
    """The subject of the sentence's main verb or of a reporting verb ("Ushakov said Putin would
    travel to Beijing, where he was due ... . He said ...": "He" continues Ushakov)."""
    verb = token.head if token.dep_ == "nsubj" else token.head.head  # behind a dateline: its verb
    # not a reporting verb inside what someone else reports ("Zelensky said ... the only reason Putin had
    # called Trump. He believes ...": "He" is Zelensky)
    return verb.dep_ == "ROOT" or (verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.SAY_VERBS and not any(
        a.pos_ == "VERB" and a.lemma_.lower() in lexicon.SAY_VERBS for a in verb.ancestors))


def _main_subjects_owner(token: Token) -> bool:
    """The owner of the sentence's main subject ("Putin's own reading ... was balanced. He said ...":
    the sentence is about Putin, whom "He" goes on with, not a subject further back)."""
    owned = token.head
    return token.dep_ == "poss" and ((acts_as_subject(owned) and _main_subject(owned))
                                     or (owned.dep_ == "nsubjpass" and owned.head.dep_ == "ROOT"))


def _sentence_start_back(token: Token, count: int) -> int:
    sent = sentence(token)
    for _ in range(count):
        if sent.start == 0:
            break
        sent = sentence(token.doc[sent.start - 1])
    return sent.start
