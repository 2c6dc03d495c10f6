"""The parties a sanction's governing verb gives, for ``sanctions``: the subject of a status or aligning
verb imposes ("the EU imposed sanctions", also through a verb of deciding: "voted to lift"), its agent
imposes and its "on"/"against" phrase is the target; an adding verb's object is listed ("added dozens of
Chinese companies to their sanctions list"); sanctions as the means of a verb ("hit Belarus with
sanctions") are on its object; a verb of extending them reaches a "to" phrase ("extended its sanctions to
Belarus"); who offers relief imposes, who demands it is the target.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.entity_index import ensure_state
from diplograph.ingest.sanction_imposers import IMPOSER_KINDS, agent_key
from diplograph.ingest.sanction_listings import ADDING_VERBS
from diplograph.ingest.sanction_resolutions import SECURITY_COUNCIL
from diplograph.ingest.sanction_syntax import pobjs
from diplograph.ingest.sanction_targets import TARGET_KINDS, target_key, target_keys
from diplograph.ingest.sanction_triggers import AIMING_VERBS, ALIGNING_VERBS
from diplograph.ingest.spans import subject_of


def from_verb(verb: Token, index: EntityIndex, imposers: list[str], targets: list[str], add,
               subject: bool = True) -> None:
    if verb.lemma_.lower() in ADDING_VERBS:  # "added dozens of Chinese companies to their sanctions list"
        for child in verb.children:
            # not a second object the parse makes of an apposition: "..., its first designations"
            if child.dep_ == "dobj" and not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in child.children):
                for t in (child, *child.conjuncts):
                    for key in target_keys(index, t):
                        add(targets, key, TARGET_KINDS)
    # a passive verb's subject is what it acts on: "It won only four votes, and the sanctions were restored"
    # does not make the first clause's subject the imposer
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if subject and not passive and verb.lemma_.lower() in lexicon.SANCTION_STATUS.keys() | ALIGNING_VERBS \
            and (subject := subject_of(verb) or _purpose_subject(verb)) is not None:
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            subject = verb.head  # "The United States and the EU, which have imposed sanctions on Russia"
        for t in (subject, *subject.conjuncts):
            add(imposers, agent_key(index, t) or _council_of(index, t), IMPOSER_KINDS)
    for child in verb.children:
        if child.dep_ == "agent":
            for t in pobjs(child):
                add(imposers, agent_key(index, t), IMPOSER_KINDS)
        elif names_targets(child):
            for t in pobjs(child):
                add(targets, target_key(index, t), TARGET_KINDS)


# "Iran wants the sanctions lifted": the lifting verb completes the demanding one
COMPLEMENTS = frozenset({"ccomp", "xcomp", "oprd"})


def wanted_lifted_by(token: Token, verb: Token | None) -> Token | None:
    """Who wants the sanctions a trigger names lifted or eased: "the sanctions North Korea wanted eased",
    "the sanctions Tehran wants lifted" (a clause without "that", read from its words, as the small model
    parses it several ways), or the subject of a verb of demanding that the lifting verb completes ("Iran
    wants the sanctions removed")."""
    doc = token.doc
    first = token.i + 2 if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "the" else token.i + 1
    i = first  # "the sanctions the North wanted eased"
    while i < len(doc) and i - first < 4 and doc[i].pos_ == "PROPN":
        i += 1
    if first < i and i + 1 < len(doc) and _demanding(doc[i]) and _lifting(doc[i + 1]):
        return doc[i - 1]
    if verb is None:
        return None
    if _lifting(verb) and verb.dep_ in COMPLEMENTS and _demanding(verb.head):
        return subject_of(verb.head)  # "Kim wants the sanctions removed": the parse hangs them on "removed"
    if _demanding(verb) and any(c.dep_ in COMPLEMENTS and _lifting(c) for c in verb.children):
        return subject_of(verb)  # "Iran wants UN sanctions lifted": ... or on "wants"
    return None


def _demanding(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ in ("VERB", "AUX") and (lemma in DEMANDING_VERBS or token.lower_ in ("wants", "wanted"))


def _lifting(token: Token) -> bool:
    return token.tag_ in ("VBN", "VBD") and lexicon.SANCTION_STATUS.get(token.lemma_.lower()) in ("Lifted", "Eased")


# "extended its sanctions to Belarus", "could widen its sanctions to Chinese firms": whom they now reach
EXTENDING_VERBS = frozenset({"extend", "widen", "expand", "broaden"})


def names_targets(prep: Token) -> bool:
    """A phrase that names whom sanctions are on: "on", "against", "targeting", an "at" phrase on a verb
    of aiming them ("measures aimed at North Korean shipping firms"), or a "to" phrase on a verb of
    extending them (or on the sanctions it extends), whom they now reach; a date there ("extended its
    sanctions to July 31") names no entity and adds nothing."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in lexicon.SANCTION_TARGET_PREPS:
        return True
    if prep.lower_ == "at" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in AIMING_VERBS:
        return True
    verb = prep.head if prep.head.pos_ == "VERB" else prep.head.head
    return prep.lower_ == "to" and verb.pos_ == "VERB" and verb.lemma_.lower() in EXTENDING_VERBS


def enforces_told(token: Token, verb: Token) -> bool:
    """"Beijing says it enforces the sanctions in full": a state that enforces sanctions the article told
    before, named by no more than "the"/"those", applies another's regime and does not impose it."""
    return verb.lemma_.lower() == "enforce" and token.dep_ == "dobj" and token.head.i == verb.i \
        and any(c.dep_ == "det" and c.lower_ in ("the", "those", "these") for c in token.children) \
        and not any(c.dep_ in ("compound", "amod", "nmod", "poss") or (
            c.dep_ == "prep" and c.lower_ in lexicon.SANCTION_TARGET_PREPS) for c in token.children)


def _council_of(index: EntityIndex, subject: Token) -> str | None:
    """"A resolution that would have tightened the sanctions": a resolution naming no body acts for the UN
    Security Council ("a Senate resolution" names one)."""
    if subject.lemma_.lower() != "resolution" or (council := index.gaz.by_qid(SECURITY_COUNCIL)) is None \
            or any(c.dep_ in ("compound", "nmod", "poss", "amod") and c.pos_ in ("PROPN", "ADJ")
                   for c in subject.children):
        return None
    return index.entity_for(council)


# Verbs of deciding whose infinitive acts for their subject: "voted to lift" (not "vetoed a resolution to renew").
DECIDING_VERBS = frozenset({"vote", "decide", "agree", "move", "resolve", "choose", "opt"})


def _purpose_subject(verb: Token) -> Token | None:
    """"The Security Council voted on Thursday to lift sanctions on ...": an infinitive the parse hangs
    on a verb of deciding as an adverbial clause acts for that verb's subject."""
    if verb.dep_ != "advcl" or verb.head.lemma_.lower() not in DECIDING_VERBS \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return subject_of(verb.head)


def from_means(verb: Token, index: EntityIndex, imposers: list[str], targets: list[str], add) -> None:
    """Sanctions as the means of a verb ("isolating Iran through sanctions", "hit Belarus with
    sanctions"): its object is the target, and then its subject, or the owner of the policy it
    describes ("Tokyo's policy of pressuring Pyongyang through sanctions"), the imposer. Without an
    object ("coped with sanctions") the subject is no imposer."""
    for child in verb.children:
        if child.dep_ == "dobj":
            for t in (child, *child.conjuncts):
                add(targets, target_key(index, t), TARGET_KINDS)
    if not targets:
        return
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        subject = next((c for c in verb.head.head.children if c.dep_ == "poss"), None)
    if subject is not None:
        for t in (subject, *subject.conjuncts):
            add(imposers, agent_key(index, t), IMPOSER_KINDS)


# "Washington has offered sanctions relief": who offers relief imposes the sanctions; "Kim demanded
# sanctions relief": who demands it is their target.
OFFERING_VERBS = frozenset({"offer", "grant", "give", "promise", "provide", "extend", "dangle"})
DEMANDING_VERBS = frozenset({"demand", "seek", "want", "request", "ask", "press", "push", "win", "obtain"})


def relief_parties(verb: Token, index: EntityIndex, imposers: list[str], targets: list[str], add) -> None:
    subject = subject_of(verb)
    if subject is None:
        return
    lemma = verb.lemma_.lower()
    bucket = imposers if lemma in OFFERING_VERBS else targets if lemma in DEMANDING_VERBS else None
    if bucket is not None and not bucket:
        for t in (subject, *subject.conjuncts):
            add(bucket, agent_key(index, t), IMPOSER_KINDS if bucket is imposers else TARGET_KINDS)
        if bucket is targets:  # "Kim demanded relief": the leader's state is the target
            targets[:] = [ensure_state(index, index.state_of(k)) or k if index.kind(k) == "Leader" else k
                          for k in targets]
