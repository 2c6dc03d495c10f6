"""The pair a meeting without two named parties belongs to: "their summit", "they met", "the two
leaders held talks" stand for the pair just named or the story's pair (the two leaders it names most);
a meeting named by its place or date alone, among sentences naming both of the pair, is theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.entity_index import PERSON_KINDS, Mention
from diplograph.ingest.spans import quoted, sentence, words_of
from diplograph.ingest.summit_clauses import in_other_relative_clause, in_other_report, in_time_link
from diplograph.ingest.summit_parties import parties_of
from diplograph.ingest.summit_syntax import same_paragraph, sentences_apart

if TYPE_CHECKING:
    from diplograph.ingest.summit_mentions import SummitMention


# "their summit", "the two leaders met": the pair of leaders the text has just named.
PAIR_WORDS = frozenset({"their", "they", "both", "two"})
PAIR_NOUNS = frozenset({"leader", "man", "side", "president", "head", "counterpart", "statesman", "pair"})


def refers_to_pair(token: Token) -> bool:
    """'their summit', 'they met', 'the two leaders held talks', 'both men'."""
    doc, lower = token.doc, words_of(token.doc).lower
    words = {lower[c.i] for c in token.children} | {lower[c.i] for c in token.head.children}
    sent = sentence(token)
    return bool(words & PAIR_WORDS) or any(lower[i] in PAIR_WORDS and doc[i].dep_ in ("nsubj", "poss", "nummod", "det")
                                           and _of_persons(doc[i]) for i in range(sent.start, sent.end))


PAIRLESS_NOUNS = frozenset({"meeting", "summit", "talk", "talks", "encounter"})


def pair_around(group: SummitMention, index: EntityIndex) -> list[str]:
    """'A meeting planned for Buenos Aires never took place. Trump called it off ... The Kremlin said Putin
    regretted the decision': a meeting named by its place or date and no party, or one of the story's
    pair ("Putin opens by saying the talks were successful"), told among sentences that name both
    leaders of the pair (the two it has named most) within two sentences either side of one of its
    mentions, is theirs. A forum's summit ("the G20 summit in Osaka") is no such meeting."""
    token = group.token
    if group.series or token.pos_ != "NOUN" or token.lemma_.lower() not in PAIRLESS_NOUNS:
        return []
    pair = principal_pair(token, index)
    if len(parties_of(pair, index)) != 2 or not parties_of(group.participants, index) <= parties_of(pair, index):
        return []
    told = [token, *(m.token for m in group.merged)]
    near = {m.key for m in index.mentions if any(sentences_apart(token.doc[m.start], t) <= 2 for t in told)}
    return pair if set(pair) <= near else []


def pair_meant(token: Token, index: EntityIndex) -> list[str]:
    """The pair 'their', 'they' or 'the two men' stands for: the two leaders the trigger's own sentence
    names ("Their last encounter came in Tianjin, when Putin invited Modi into his car"), else, right
    after a sentence about "the two leaders" (the story's pair), that pair again ("The two leaders last
    spoke by phone in July. They are expected to meet in Lima"), else, for a meeting numbered in a series
    whose sentence names one leader the last two leaders named leave out, that one and the leader the
    story names most besides, else the last two leaders named, else, for a meeting numbered in a series
    with no one else near, in a paragraph's opening sentence (an explainer's section: "They met again on
    July 8") or for "the two leaders", the story's pair."""
    own: list[str] = []
    for word in sentence(token):
        key = index.key_at(word)
        if key and key not in own and index.kind(key) == "Leader" and not quoted(word) \
                and not in_time_link(word, token) and not in_other_report(word, token):
            own.append(key)
    if len(own) == 2 and len(parties_of(own, index)) == 2 and any(
            c.dep_ in ("poss", "nsubj") and c.lower_ in ("their", "they") for c in token.children):
        return own  # the trigger's own "their" ("attend the summit ..., their first talks" is not the summit's)
    if _follows_the_leaders(token, index):
        return principal_pair(token, index)
    pair = previous_pair(token, index)
    if len(own) == 1 and own[0] not in pair and _counted(token) and (partner := _partner(token, index, own[0])):
        return [own[0], partner]  # "Their third meeting came in September, when Moon flew to Pyongyang"
    if pair:
        return pair
    story = principal_pair(token, index)
    if _counted(token) and series_pair(token, index):
        return story  # "Their 25th meeting came in January 2019": no one else near to make a pair with
    return story if _opens_paragraph(token) or _two_persons(token) else []


def series_pair(token: Token, index: EntityIndex) -> list[str]:
    """The story's pair for a meeting numbered in its series, when no one else is named near it."""
    story = principal_pair(token, index)
    return story if all(m.key in story for m in _persons_near(token, index)) else []


def _partner(token: Token, index: EntityIndex, leader: str) -> str | None:
    """The leader the text has named most before the trigger, besides ``leader``: whom the story pairs
    them with."""
    counts: dict[str, int] = {}
    for mention in index.mentions:
        if mention.start < token.i and index.kind(mention.key) == "Leader" and mention.key != leader:
            counts[mention.key] = counts.get(mention.key, 0) + 1
    return max(counts, key=lambda k: counts[k], default=None)


def _counted(token: Token) -> bool:
    """'Their 25th meeting', 'their third meeting': a meeting numbered in a series of the story's pair."""
    return any(c.dep_ in ("amod", "nummod") and c.lower_ in lexicon.ORDINALS for c in token.children)


def _opens_paragraph(token: Token) -> bool:
    start = sentence(token).start
    return start == 0 or not same_paragraph(token.doc[start - 1], token)


def _two_persons(token: Token) -> bool:
    """'the two leaders', 'both men' in the trigger's sentence: plainly two persons (a bare 'their' may
    be anyone's)."""
    return any(t.lower_ in ("two", "both") and t.head.lemma_.lower() in PAIR_NOUNS - {"side", "pair"}
               for t in sentence(token))  # "the two sides" may be two states, or a state and a party


def _follows_the_leaders(token: Token, index: EntityIndex) -> bool:
    """The sentence before the trigger's has "the (two) leaders/men" as a subject, and names no leader."""
    sent = sentence(token)
    if sent.start == 0:
        return False
    before = sentence(token.doc[sent.start - 1])
    return any(the_leaders(t.head) for t in before if t.dep_ == "nsubj") and not any(
        before.start <= m.start < sent.start and index.kind(m.key) == "Leader" for m in index.mentions)


def _of_persons(word: Token) -> bool:
    """'they', 'their', 'the two men', 'both leaders' -- not 'about two hours'."""
    if word.dep_ in ("nsubj", "poss"):
        return True
    return word.head.lemma_.lower() in PAIR_NOUNS


def the_leaders(token: Token) -> bool:
    """'The leaders last met in Astana', 'the two men met again': the subject is the article's pair,
    named plainly -- not "G7 leaders", "European leaders", "the leaders of Niger and Mali"."""
    return any(c.dep_ == "nsubj" and c.tag_ == "NNS" and c.lemma_.lower() in PAIR_NOUNS
               and [g.lower_ for g in c.children if g.dep_ not in ("punct",)] in (["the"], ["the", "two"])
               for c in token.children)


def previous_pair(token: Token, index: EntityIndex) -> list[str]:
    """The last two distinct leaders mentioned before the trigger, within its sentence and the four before,
    but not in a clause placing another event in time ("the first came in Beijing, weeks before Kim met
    Moon. The two leaders held talks ...": Xi and Kim)."""
    start = _reach(token)
    keys: list[str] = []
    for mention in reversed(index.mentions):
        if mention.start >= token.i or mention.start < start:
            continue
        if index.kind(mention.key) == "Leader" and mention.key not in keys \
                and not in_other_relative_clause(token.doc[mention.start], None) \
                and not in_time_link(token.doc[mention.start], token):
            keys.append(mention.key)
            if len(keys) == 2:
                return keys
    return []


def _reach(token: Token) -> int:
    """Where the trigger's sentence and the four before it start: how far back "their" looks."""
    start = sentence(token).start
    for _ in range(4):
        if start == 0:
            break
        start = sentence(token.doc[start - 1]).start
    return start


def _persons_near(token: Token, index: EntityIndex) -> list[Mention]:
    """Mentions of leaders and other persons within the trigger's reach, before it."""
    start = _reach(token)
    return [m for m in index.mentions if start <= m.start < token.i and index.kind(m.key) in PERSON_KINDS]


def principal_pair(token: Token, index: EntityIndex) -> list[str]:
    """'The two leaders last met in Hanoi': the two leaders the text has named most before the trigger
    (the story's pair, not whoever was named last: "Trump had met Xi in Osaka the day before. The two
    leaders last met in Hanoi" is Trump and Kim); of equally named ones, the one named last."""
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for mention in index.mentions:
        if mention.start < token.i and index.kind(mention.key) == "Leader" \
                and not in_other_relative_clause(token.doc[mention.start], None):
            counts[mention.key] = counts.get(mention.key, 0) + 1
            last[mention.key] = mention.start
    ranked = sorted(counts, key=lambda k: (counts[k], last[k]), reverse=True)
    return ranked[:2] if len(ranked) >= 2 else []
