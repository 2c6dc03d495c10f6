"""Which tokens name sanctions, for ``sanctions``: the nouns "sanction(s)"/"embargo", the verb "to
sanction", listing verbs and nouns (``sanction_listings``), resolutions and bans that restrict trade, a
sanctions resolution the gazetteer knows ("adopts Resolution 2397"), a "restrictive regime", an imposer's
numbered package, price caps, asset freezes, cutting a state off from SWIFT or finance
(``sanction_cutoffs``), and "measures"/"penalties" that name a target ("measures against"), are taken up
from before ("those penalties") or that an imposer's relative clause imposes ("the measures Washington
imposed").

``TRIGGER_LEMMAS`` lists every lemma ``trigger`` may take, so that only those tokens are tried.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.sanction_clauses import PACKAGE_NOUNS, imposing_clause, owned_package
from diplograph.ingest.sanction_cutoffs import CUTTING_VERBS, cuts_off
from diplograph.ingest.sanction_imposers import imposer_subject, is_imposer
from diplograph.ingest.sanction_listings import LISTING_NOUNS, LISTING_VERBS, listing_verb, lists_people
from diplograph.ingest.sanction_resolutions import (
    RESOLUTION_WORDS,
    RESTRICTING_VERBS,
    known_resolution,
    resolution_subject,
)
from diplograph.ingest.sanction_syntax import governing_verb

# "measures aimed at North Korean shipping firms": an "at" phrase on these names the target
AIMING_VERBS = frozenset({"aim", "direct"})

# Every lemma ``trigger`` may take.
TRIGGER_LEMMAS = lexicon.SANCTION_NOUNS | lexicon.MEASURE_NOUNS | LISTING_VERBS | LISTING_NOUNS | RESTRICTING_VERBS | {
    "sanction", "list", "freeze", "regime"} | PACKAGE_NOUNS | CUTTING_VERBS | RESOLUTION_WORDS


ASSET_NOUNS = frozenset({"asset", "fund", "account", "reserve"})


# "align with those penalties", "mirror the same measures": an imposer joining sanctions told before.
ALIGNING_VERBS = frozenset({"align", "mirror", "match", "copy", "join"})


def trigger(token: Token, index: EntityIndex) -> bool:
    """Sanction nouns, "to sanction", bans on trade, and "measures against" a named target or beside
    sanctions."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in lexicon.SANCTION_NOUNS:
        return True
    if token.pos_ == "VERB" and (lemma == "sanction" or (lemma in LISTING_VERBS and imposer_subject(token, index))):
        return True  # "Treasury designated 250 targets", "The Treasury has kept designating the firms that ..."
    if token.pos_ == "VERB" and lemma == "list" and lists_people(token, index):
        return True  # "Canada listed 129 individuals and 63 entities" (not "China listed five demands")
    if token.pos_ == "NOUN" and lemma == "list" and token.dep_ == "pobj" and token.head.lower_ == "to" \
            and listing_verb(token.head.head, index):
        return True  # "South Korea added fifteen North Korean officials to its own list"
    if token.pos_ == "NOUN" and lemma in LISTING_NOUNS and token.dep_ == "dobj" \
            and token.head.lemma_.lower() in lexicon.SANCTION_STATUS:
        return True  # "Britain said it would restore its national listings"
    if resolution_subject(token) is not None:
        return True  # "Resolution 2397 capped the North's imports of refined petroleum"
    if known_resolution(token, index) is not None:
        return True  # "The UN Security Council unanimously adopts Resolution 2397"
    if (owner := owned_package(token)) is not None:
        return is_imposer(owner, index)  # "The bloc's 13th package, agreed in February, targeted ..."
    if token.pos_ == "NOUN" and lemma == "regime" and any(c.dep_ == "amod" and c.lower_ == "restrictive"
                                                         for c in token.children):
        return True  # "the restrictive regime of the UN Security Council against the DPRK"
    if token.pos_ == "NOUN" and lemma == "cap" and any(c.lower_ == "price" for c in token.children):
        return True  # "the G7 price cap on Russian oil"
    if lemma == "freeze" and any(c.lemma_.lower() in ASSET_NOUNS and c.dep_ in ("dobj", "compound")
                                 for c in token.children):
        return True  # "Japan froze the assets of Russian officials", "an asset freeze on ..."
    if cuts_off(token):
        return True  # "The EU cut seven Russian banks out of SWIFT"
    if lemma == "ban":
        objects = [c for c in token.children
                   if c.dep_ in ("dobj", "compound") or (c.dep_ == "prep" and c.lower_ == "on")]
        objects += [p for c in objects if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        return any(o.lower_ in lexicon.TRADE_NOUNS for o in objects)
    if beside_sanctions(token):
        return True  # "Russia sanctions are written into statute, and European Union measures ..."
    return token.pos_ == "NOUN" and lemma in lexicon.MEASURE_NOUNS and (target_phrase(token) or (
        anaphoric_measures(token) and (verb := governing_verb(token)) is not None and imposer_subject(verb, index))
        or clause_imposer(token, index))


def anaphoric_measures(token: Token) -> bool:
    """"those penalties", "these measures", "the same restrictions", "similar measures": measures the
    article has told of, taken up by the subject of a status or aligning verb."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.MEASURE_NOUNS | lexicon.SANCTION_NOUNS:
        return False
    verb = governing_verb(token)
    return verb is not None and (verb.lemma_.lower() in lexicon.SANCTION_STATUS or verb.lemma_.lower()
                                 in ALIGNING_VERBS) and any(
        (c.dep_ == "det" and c.lower_ in ("those", "these", "such")) or (c.dep_ == "amod" and c.lower_ in
                                                                         ("same", "similar"))
        for c in token.children)


def clause_imposer(token: Token, index: EntityIndex) -> bool:
    """"The measures Washington imposed in 2018": an imposer's relative clause imposes the measures."""
    clause = imposing_clause(token)
    return clause is not None and imposer_subject(clause, index)


def beside_sanctions(token: Token) -> bool:
    """"The most important Russia sanctions are now written into statute, and European Union measures,
    renewed every six months, are not Washington's to lift": measures a sentence sets beside sanctions
    are sanctions too."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.MEASURE_NOUNS \
        and any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < token.i for c in token.children) \
        and any(t.i != token.i and t.pos_ == "NOUN" and t.lemma_.lower() in lexicon.SANCTION_NOUNS for t in token.sent)


# Nouns after "on" that name an occasion or a manner, never a target: "on top of", "agreed on the second
# anniversary of the invasion", "on the sidelines of", "on condition of anonymity".
NON_TARGET_NOUNS = frozenset({"top", "anniversary", "eve", "occasion", "sideline", "sidelines", "basis", "behalf",
                              "condition", "ground", "grounds"})


def target_phrase(token: Token) -> bool:
    """The trigger names a target with a preposition ("on entities that ...", "against a company", "aimed
    at North Korean shipping firms"); "on both countries" points back at states and is left to the
    article's evident target, and "on top of", "on the anniversary of" name none."""
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in lexicon.SANCTION_TARGET_PREPS]
    preps += [p for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in AIMING_VERBS
              for p in c.children if p.dep_ == "prep" and p.lower_ == "at"]
    return any(any(p.dep_ == "pobj" and p.lemma_.lower() not in lexicon.MEMBER_NOUNS | NON_TARGET_NOUNS
                   and p.ent_type_ not in ("DATE", "TIME") for p in prep.children) for prep in preps)
