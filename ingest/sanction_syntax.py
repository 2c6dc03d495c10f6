"""Where a sanction trigger stands in its parse, for every ``sanction_*`` module: the verb that governs
a sanction noun ("imposed wave after wave of sanctions") and a preposition's objects, without a second
measure conjoined to them. Kept apart so the rules that read imposers, targets and status share one
reading of the parse."""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon


def pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition, without a conjoined second measure ("a price cap on Russian oil
    and the EU embargo on crude")."""
    out = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            out += [child, *(c for c in child.conjuncts if c.lemma_.lower() not in lexicon.SANCTION_NOUNS)]
    return out


def governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(5):  # "imposed wave after wave of sanctions": five steps up
        if head.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "nsubj", "compound", "prep") and head.head.i != head.i:
            head = head.head
            if head.pos_ == "VERB":
                return head
        else:
            return None
    return None
