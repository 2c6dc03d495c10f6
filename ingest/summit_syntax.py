"""Where a summit trigger stands in its parse and its text: the verb governing it, the clause it is in,
its own subtree (without other triggers' subtrees), and how far apart two tokens are (sentences,
paragraphs); the participant, place, date and merging rules all read these."""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.spans import sentence, text_of, words_of

SUMMIT_TRIGGER_NOUNS = lexicon.SUMMIT_NOUNS | {"trip", "dinner"}  # "a working dinner on the sidelines of the G20"
STRONG_NOUNS = frozenset({"summit", "summitry"})


def governing_verb(token: Token) -> Token | None:
    head = token.head
    for _ in range(2):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.i == head.head.i:
            return None
        head = head.head
    return None


TIME_LINK_WORDS = frozenset({"before", "after", "since", "following"})


def dates_other_event(token: Token) -> bool:
    """'met Xi in Beijing in March, weeks before his first summit with Moon': a trigger placing the
    clause's event in time is another event; the clause's place and day are not its own."""
    return token.dep_ == "pobj" and token.head.lower_ in TIME_LINK_WORDS


def own_subtree(head: Token, trigger: Token) -> list[Token]:
    """The subtree of ``head`` without other summit mentions' subtrees, in the trigger's sentence."""
    w = words_of(head.doc)
    subtree = list(head.subtree)
    own = (trigger.i, head.i)
    skip: set[int] = set()
    for t in subtree:
        i = t.i
        if i not in own and i not in skip and w.pos[i] == "NOUN" \
                and (w.lemma[i] in SUMMIT_TRIGGER_NOUNS or w.lower[i] in SUMMIT_TRIGGER_NOUNS):
            skip |= {x.i for x in t.subtree}
    sent = sentence(trigger)
    return [t for t in subtree if t.i not in skip and sent.start <= t.i < sent.end]


CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "csubj", "parataxis", "acl"})


def clause_verb(token: Token) -> int:
    """The verb heading the (finite or adverbial) clause a token is in, as a token index: "imposed
    sanctions on Wednesday, hours after Trump said he had called off a summit" puts the date and
    the summit in different clauses."""
    current = token
    while current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX") and current.dep_ in CLAUSE_DEPS:
            return current.i
        current = current.head
    return current.i


def same_paragraph(a: Token, b: Token) -> bool:
    first, last = (a, b) if a.i < b.i else (b, a)
    return "\n" not in text_of(a.doc)[first.idx:last.idx]


def sentences_apart(a: Token, b: Token) -> int:
    first, last = sorted((a, b), key=lambda t: t.i)
    count, sent = 0, sentence(last)
    while sent.start > first.i and count < 10:
        sent, count = sentence(first.doc[sent.start - 1]), count + 1
    return count
