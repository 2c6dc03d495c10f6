"""Where the parse puts a sanction's imposer or target outside the trigger's own phrase, for
``sanctions`` (which judges the names these tokens give): measures an imposer's relative clause says it
imposed ("the measures Washington imposed in 2018"), the batch that holds the sanctions ("the EU's latest
package of sanctions"), an owned package that stands for them ("the bloc's 13th package"), and the partner
of firms sanctioned for their dealings ("secondary sanctions on banks that deal with Tehran").

Explainers, op-eds and live blogs name a regime in passing this way, the imposer in a contact clause
rather than before the noun, so the measure noun carries neither a modifier nor an "on" phrase.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.spans import words_of

# Verbs that make measures sanctions when an imposer's relative clause applies them to the measures:
# "the measures Washington imposed", "the penalties Brussels reimposed"; another status verb does so only
# with a target ("the measures London announced against Russia's oil producers", not "the measures
# Beijing announced to support growth").
IMPOSING_VERBS = frozenset({"impose", "slap", "levy", "reimpose", "reinstate", "tighten", "lift", "ease"})


def imposing_clause(token: Token) -> Token | None:
    """The relative clause on a measure noun that imposes, tightens or lifts the measures, with a subject
    of its own ("the measures Washington imposed on the project last November", "the measures London
    announced against ..."), in an article about sanctions; none for "the measures that were imposed"."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.MEASURE_NOUNS or not _mentions_sanctions(token):
        return None
    for clause in token.children:
        if clause.dep_ == "relcl" and (clause.lemma_.lower() in IMPOSING_VERBS or (
                clause.lemma_.lower() in lexicon.SANCTION_STATUS and _aimed(clause))):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.tag_ not in ("WDT", "WP"):
                return clause
    return None


def _aimed(verb: Token) -> bool:
    """The verb names whom it acts against: "announced on Monday against Russia's oil producers"."""
    return any(c.dep_ == "prep" and c.lower_ in lexicon.SANCTION_TARGET_PREPS and any(
        p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") for p in c.children) for c in verb.children)


def _mentions_sanctions(token: Token) -> bool:
    """The article names sanctions somewhere: read from the Doc's word columns, as each measure noun asks."""
    words = words_of(token.doc)
    return any(lemma in lexicon.SANCTION_NOUNS for lemma in words.lemma) or "sanctioned" in words.lower


# Nouns that hold a batch of sanctions: "the EU's 14th package of sanctions", "a new round of penalties".
COLLECTION_NOUNS = frozenset({"package", "round", "wave", "batch", "tranche", "raft", "set", "series", "slate"})


def sanctions_collection(token: Token) -> Token | None:
    """The noun holding the sanctions in "the European Union's latest package of sanctions against
    Russia": its possessor or modifier names the imposer, as it would on the sanctions themselves."""
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in COLLECTION_NOUNS:
        return prep.head
    return None


def collection_owner(token: Token) -> Token | None:
    """Whose batch of sanctions a subject is: "The EU's latest package of sanctions ... listed three
    companies" lists for the EU."""
    if token.lemma_.lower() not in COLLECTION_NOUNS or not any(
            c.dep_ == "prep" and c.lower_ == "of" and any(sanctions_collection(p) == token for p in c.children)
            for c in token.children):
        return None
    owners = [c for c in token.children if c.dep_ in ("poss", "compound", "nmod") and c.i < token.i]
    return owners[0] if owners else None


# "secondary sanctions on banks that deal with Tehran", "firms that help Moscow evade export curbs", "firms
# that sell drones to Russia": the firms are sanctioned for their dealings with a state.
DEALING_VERBS = frozenset({"deal", "trade", "do", "transact", "work"})  # ... with X
SUPPLYING_VERBS = frozenset({"help", "supply", "arm", "fund", "finance", "aid", "assist", "equip"})  # ... X
SELLING_VERBS = frozenset({"sell", "ship", "export", "send", "deliver"})  # ... to X


def dealt_with(token: Token) -> Token | None:
    """Whom the sanctioned firms of "sanctions on foreign banks that deal with Tehran" ("doing business
    with Iran", "that help Moscow evade export curbs", "that sell drones to Russia") deal with: the
    regime is on that partner when the firms have no state of their own."""
    for clause in token.children:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        lemma = clause.lemma_.lower()
        for child in clause.children:
            if (lemma in DEALING_VERBS and child.dep_ == "prep" and child.lower_ == "with") or (
                    lemma in SELLING_VERBS and child.dep_ in ("prep", "dative") and child.lower_ == "to"):
                partner = next((c for c in child.children if c.dep_ == "pobj"), None)
                if partner is not None:
                    return partner
            if lemma in SUPPLYING_VERBS and child.dep_ in ("dobj", "nsubj") and child.i > clause.i:
                return child  # "help Moscow evade": the parse may make Moscow the subject of "evade"
            if lemma in SUPPLYING_VERBS and child.dep_ in ("ccomp", "xcomp") and child.i > clause.i:
                inner = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if inner is not None:
                    return inner
    return None


# A batch an imposer numbers or dates stands for its sanctions in an article about them: "the bloc's 13th
# package", "Brussels' latest round" (not "the EU's latest aid package", "the latest round of talks").
PACKAGE_NOUNS = frozenset({"package", "round", "tranche"})
SERIES_WORDS = frozenset({"latest", "new", "next", "fresh", "previous", "last", "first", "second", "third",
                          "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})


def owned_package(token: Token) -> Token | None:
    """The owner of "the bloc's 13th package", "Washington's latest round": a package its owner numbers or
    calls the latest, with no other word saying what it holds and no "of" phrase (a package "of
    sanctions" is told by its sanctions), in an article that mentions sanctions."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in PACKAGE_NOUNS or not _mentions_sanctions(token):
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "nummod") and c.i < token.i]
    if owner is None or not modifiers or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None
    return owner if all(_series_word(c) for c in modifiers) else None


def _series_word(token: Token) -> bool:
    return token.lower_ in SERIES_WORDS or token.ent_type_ == "ORDINAL" or (
        token.text[:-2].isdigit() and token.text[-2:].lower() in ("st", "nd", "rd", "th"))
