"""Resolutions that restrict trade, for ``sanction_triggers`` and ``sanctions``: a resolution that bans,
caps or prohibits trade imposes sanctions ("Resolution 2397 capped its oil imports"), by the body its
phrase names, else the UN Security Council, on the states its objects or the places goods come from or
go to name; those a prohibition bars ("prohibits member states from ...") are not targets. A numbered
resolution the gazetteer knows as a sanctions instrument names its regime wherever the text names it
("The UN Security Council unanimously adopts Resolution 2397"), with the gazetteer's imposers and targets.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.gazetteer import GazSanction
from diplograph.ingest.sanction_imposers import agent_key
from diplograph.ingest.sanction_targets import target_key
from diplograph.ingest.spans import sentence

# What a resolution does to trade: "Resolution 2397 capped its oil imports", "resolution 2270 prohibits
# states from buying coal from North Korea".
RESTRICTING_VERBS = frozenset({"ban", "cap", "prohibit", "restrict", "limit", "bar", "outlaw", "forbid"})
# Those a prohibiting verb's object names are the ones barred ("prohibits member states from ..."), not targets.
BARRING_VERBS = frozenset({"prohibit", "bar", "forbid"})
SECURITY_COUNCIL = "Q37470"  # a numbered resolution no body is named for is the UN Security Council's
# The word before a resolution's number: "Resolution 2397", "UNSCR 2397".
RESOLUTION_WORDS = frozenset({"resolution", "unscr"})


def known_resolution(token: Token, index: EntityIndex) -> GazSanction | None:
    """The sanctions instrument a numbered resolution is, when the gazetteer knows it ("adopts Resolution
    2397", "in breach of UNSCR 2397"); an unknown number ("Resolution 2231") is none. Where its sentence
    tells of sanctions or measures itself, or the resolution is only the basis of another's ("Japan froze
    the assets under Resolution 2270"), the other rules read the sentence."""
    doc = token.doc
    if token.lower_ not in RESOLUTION_WORDS or token.i + 1 >= len(doc) or not doc[token.i + 1].like_num:
        return None
    if _basis_of_another(token) or any(t.lemma_.lower() in lexicon.SANCTION_NOUNS | lexicon.MEASURE_NOUNS
                                       for t in sentence(token)):
        return None
    regime = index.gaz.instrument(doc[token.i:token.i + 2].text)
    return regime if regime is not None and regime.imposers and regime.targets else None


def _basis_of_another(token: Token) -> bool:
    """'under Resolution 2270', 'pursuant to Resolution 2397': the legal basis of someone's own step."""
    prep = token.head if token.dep_ == "pobj" else None
    return prep is not None and (prep.lower_ == "under" or (prep.lower_ == "to" and prep.head.lower_ == "pursuant"))


def instrument_parties(regime: GazSanction, index: EntityIndex) -> tuple[list[str], list[str]]:
    """The imposers and targets the gazetteer records for a known instrument, as entities of the article."""
    return ([index.entity_for(entry) for qid in regime.imposers if (entry := index.gaz.by_qid(qid))],
            [index.entity_for(entry) for qid in regime.targets if (entry := index.gaz.by_qid(qid))])


def resolution_subject(verb: Token) -> Token | None:
    """The resolution a restricting verb has for subject, itself or through "that"/"which": a
    resolution that bans, caps or prohibits trade imposes sanctions. The verb may be tagged a noun
    ("resolutions 1718 (2006), ... and 2397 (2017) prohibit ..."): its subject says it is a verb."""
    if verb.lemma_.lower() not in RESTRICTING_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            subject = verb.head if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else child
            if subject.lemma_.lower() == "resolution":
                return subject
    return None


def resolution_parties(verb: Token, resolution: Token, index: EntityIndex) -> tuple[list[str], list[str]]:
    """Who a resolution's restriction is imposed by (the body its phrase names, else the Security
    Council) and on (the states its objects, or the places goods come from or go to, name; the ones a
    prohibition bars are not targets). An unnamed target is left to the article's evident one."""
    imposers = [k for t in resolution.subtree if t.i < verb.i and (k := agent_key(index, t))
                and index.kind(k) == "Organization"]
    if not imposers and (council := index.gaz.by_qid(SECURITY_COUNCIL)) is not None:
        imposers = [index.entity_for(council)]
    targets: list[str] = []
    barring = verb.lemma_.lower() in BARRING_VERBS
    for t in verb.subtree:
        if t.i < verb.i or t.dep_ not in ("dobj", "pobj"):
            continue
        if t.dep_ == "dobj" and t.head.i == verb.i and barring:
            continue
        if t.dep_ == "pobj" and t.head.lower_ not in ("from", "to", "of", "on", "with"):
            continue
        key = target_key(index, t) if t.dep_ == "dobj" else index.key_of_phrase(t)
        if key and key not in targets and index.kind(key) == "State":
            targets.append(key)
    return imposers[:1], targets
