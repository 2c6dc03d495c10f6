"""Sanctions: who imposes them on whom, on what legal basis, with what status, one node per regime.

Triggers are the nouns "sanction(s)"/"embargo", the verb "to sanction", bans on trade ("ban imports
of Russian diamonds", "resolutions that ban arms sales to Libya") and "measures"/"penalties" against
a named target with a named imposer. The parse gives:

* imposers: a modifier naming an organisation or state ("UN sanctions", "U.S. sanctions", "American
  sanctions", "Security Council sanctions"), the agent ("imposed by the EU"), or the subject of the
  governing verb ("the EU imposed sanctions", "Treasury sanctioned ...");
* targets: "on"/"against"/"targeting" objects, the object of "to sanction", a state modifier when an
  imposer is already known ("EU Russia sanctions"); adjectives count ("sanctions on Russian banks"
  target Russia);
* status from the governing verb (impose, tighten, ease, lift, threaten...) or "sanctions relief";
* legal basis: a "Resolution NNNN" or an "... Act" named in the sentence.

A sanction whose target the sentence leaves implicit ("blocked by UN sanctions", "sanctions on 92
individuals", "an embargo on seaborne crude") takes a state that known regimes target, named in its
sentence or paragraph, else the target of the article's previous sanction, else the state the article
mentions most (not the imposer), with a lower confidence -- unless the text names a target that is no
entity ("on firms that help the transfer": nothing is invented), or the sanctions are only evaded
("helped Moscow evade sanctions"). Listing verbs with an imposer subject ("designated", "blacklisted",
"listed 129 individuals"), asset freezes and price caps are sanctions too; firms are targets by their
state ("dozens of Chinese companies", "X, a Chinese satellite firm"). Measures an imposer's relative clause
imposes are sanctions in an article about them ("the measures Washington imposed in 2018";
``sanction_clauses``).
Under "threaten"/"would not hesitate to" a sanction is Threatened. An agency imposer (Treasury,
OFAC) brings its state along as a second imposer.
Mentions with the same imposers and targets are one sanction.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.entity_index import ensure_state
from diplograph.ingest.facts import Sanction
from diplograph.ingest.sanction_clauses import (
    PACKAGE_NOUNS,
    collection_owner,
    dealt_with,
    imposing_clause,
    owned_package,
    sanctions_collection,
)
from diplograph.ingest.spans import (
    clause_sentence,
    date_anchor,
    date_text,
    ents_in,
    indices,
    resolve_date,
    sentence,
    subject_of,
    words_of,
)
from diplograph.ingest.transcripts import in_speaker_label

_LEGAL = re.compile(r"\b(?:(?:UN|U\.N\.|United Nations)\s+)?(?:Security Council\s+)?Resolution\s+\d{3,4}\b"
                    r"|\b(?:[A-Z][\w'\u2019]+\s+){1,8}Act\b(?:\s+\([A-Z]+\))?")
IMPOSER_KINDS = frozenset({"Organization", "State", "Government"})
# Verbs that list targets under a regime, when an imposer is their subject.
LISTING_VERBS = frozenset({"designate", "blacklist"})
# A regime's listings are sanctions when a status verb governs them ("restore its national listings"; not
# "designations", which are as often of terrorist groups as of a state's officials).
LISTING_NOUNS = frozenset({"listing"})
LISTED_NOUNS = frozenset({"individual", "entity", "person", "people", "company", "firm", "official", "bank",
                          "vessel", "ship", "organisation", "organization", "oligarch", "target"})
ASSET_NOUNS = frozenset({"asset", "fund", "account", "reserve"})
# "added dozens of Chinese companies to its sanctions list": the object of these joins the list.
ADDING_VERBS = frozenset({"add", "put", "place"})
TARGET_KINDS = frozenset({"State", "Organization", "Leader", "Person", "Government"})
# "isolating Iran through sanctions": the sanctions are the means of a verb on its target.
MEANS_PREPS = frozenset({"through", "via", "with"})


def extract_sanctions(doc: Doc, index: EntityIndex, published: datetime | None) -> list[Sanction]:
    anchor, inferred = date_anchor(doc, published)
    found: list[Sanction] = []
    unnamed: list[Sanction] = []  # the text names the target, but not as an entity ("on entities that ...")
    for i in indices(words_of(doc).lemma, TRIGGER_LEMMAS):
        token = doc[i]
        if not _trigger(token, index):
            continue
        sanction = _sanction(token, index, anchor, inferred)
        if sanction is not None and not sanction.targets and _anaphoric_measures(token):
            # "Canada said it would align with those penalties": the ones the article told last
            told = next((s for s in reversed(found) if s.targets), None)
            sanction.targets = [k for k in told.targets if k not in sanction.imposers] if told else []
            sanction.confidence = 0.5
        if sanction is None or (token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.MEASURE_NOUNS
                                and not (sanction.imposers and (sanction.targets or _clause_imposer(token, index)))):
            continue
        evaded = (verb := _governing_verb(token)) is not None and verb.lemma_.lower() in lexicon.EVASION_VERBS
        if evaded and not (sanction.imposers and sanction.targets):
            continue  # "helped Moscow evade sanctions": an existing regime, not named enough to record
        found.append(sanction)
        if not sanction.targets and (_target_phrase(token) or (verb is not None and _target_phrase(verb))) \
                and not _counted_listing(token, verb):
            unnamed.append(sanction)
    _fill_targets([s for s in found if all(s is not u for u in unnamed)], index)
    return _merge([s for s in found if s.imposers or s.targets], index)


# What a resolution does to trade: "Resolution 2397 capped its oil imports", "resolution 2270 prohibits
# states from buying coal from North Korea".
RESTRICTING_VERBS = frozenset({"ban", "cap", "prohibit", "restrict", "limit", "bar", "outlaw", "forbid"})
# Those a prohibiting verb's object names are the ones barred ("prohibits member states from ..."), not targets.
BARRING_VERBS = frozenset({"prohibit", "bar", "forbid"})
SECURITY_COUNCIL = "Q37470"  # a numbered resolution no body is named for is the UN Security Council's
# Every lemma ``_trigger`` may take.
TRIGGER_LEMMAS = lexicon.SANCTION_NOUNS | lexicon.MEASURE_NOUNS | LISTING_VERBS | LISTING_NOUNS | RESTRICTING_VERBS | {
    "sanction", "list", "freeze"} | PACKAGE_NOUNS


# "align with those penalties", "mirror the same measures": an imposer joining sanctions told before.
ALIGNING_VERBS = frozenset({"align", "mirror", "match", "copy", "join"})


def _anaphoric_measures(token: Token) -> bool:
    """"those penalties", "these measures", "the same restrictions", "similar measures": measures the
    article has told of, taken up by the subject of a status or aligning verb."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.MEASURE_NOUNS | lexicon.SANCTION_NOUNS:
        return False
    verb = _governing_verb(token)
    return verb is not None and (verb.lemma_.lower() in lexicon.SANCTION_STATUS or verb.lemma_.lower()
                                 in ALIGNING_VERBS) and any(
        (c.dep_ == "det" and c.lower_ in ("those", "these", "such")) or (c.dep_ == "amod" and c.lower_ in
                                                                         ("same", "similar"))
        for c in token.children)


def _trigger(token: Token, index: EntityIndex) -> bool:
    """Sanction nouns, "to sanction", bans on trade, and "measures against" a named target."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in lexicon.SANCTION_NOUNS:
        return True
    if token.pos_ == "VERB" and (lemma == "sanction" or (lemma in LISTING_VERBS and _imposer_subject(token, index))):
        return True  # "Treasury designated 250 targets", "The Treasury has kept designating the firms that ..."
    if token.pos_ == "VERB" and lemma == "list" and _lists_people(token, index):
        return True  # "Canada listed 129 individuals and 63 entities" (not "China listed five demands")
    if token.pos_ == "NOUN" and lemma == "list" and token.dep_ == "pobj" and token.head.lower_ == "to" \
            and _listing_verb(token.head.head, index):
        return True  # "South Korea added fifteen North Korean officials to its own list"
    if token.pos_ == "NOUN" and lemma in LISTING_NOUNS and token.dep_ == "dobj" \
            and token.head.lemma_.lower() in lexicon.SANCTION_STATUS:
        return True  # "Britain said it would restore its national listings"
    if _resolution_subject(token) is not None:
        return True  # "Resolution 2397 capped the North's imports of refined petroleum"
    if (owner := owned_package(token)) is not None:
        return _is_imposer(owner, index)  # "The bloc's 13th package, agreed in February, targeted ..."
    if token.pos_ == "NOUN" and lemma == "cap" and any(c.lower_ == "price" for c in token.children):
        return True  # "the G7 price cap on Russian oil"
    if lemma == "freeze" and any(c.lemma_.lower() in ASSET_NOUNS and c.dep_ in ("dobj", "compound")
                                 for c in token.children):
        return True  # "Japan froze the assets of Russian officials", "an asset freeze on ..."
    if lemma == "ban":
        objects = [c for c in token.children
                   if c.dep_ in ("dobj", "compound") or (c.dep_ == "prep" and c.lower_ == "on")]
        objects += [p for c in objects if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        return any(o.lower_ in lexicon.TRADE_NOUNS for o in objects)
    return token.pos_ == "NOUN" and lemma in lexicon.MEASURE_NOUNS and (_target_phrase(token) or (
        _anaphoric_measures(token) and (verb := _governing_verb(token)) is not None and _imposer_subject(verb, index))
        or _clause_imposer(token, index))


def _clause_imposer(token: Token, index: EntityIndex) -> bool:
    """"The measures Washington imposed in 2018": an imposer's relative clause imposes the measures."""
    clause = imposing_clause(token)
    return clause is not None and _imposer_subject(clause, index)


def _imposer_subject(verb: Token, index: EntityIndex) -> bool:
    """The verb's subject, or the one it inherits ("has kept designating"), is an imposer."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or [s for s in (subject_of(verb),) if s is not None]
    return any(_is_imposer(c, index) for c in subjects)


def _parallel_subject(verb: Token, subject: Token, index: EntityIndex) -> Token | None:
    """"The Treasury has kept designating ..., and last month it sanctioned two Chinese firms": the
    'it' of a clause joined to one whose subject is an imposer is that imposer, though coreference
    takes the nearer noun ('Pyongyang')."""
    if subject.lower_ not in ("it", "they") or verb.dep_ != "conj":
        return None
    first = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return first if first is not None and _is_imposer(first, index) else None


def _listing_verb(verb: Token, index: EntityIndex) -> bool:
    """A verb that puts people or firms on a list, with an imposer for subject ("Japan added 30 firms")."""
    return verb.lemma_.lower() in ADDING_VERBS and _lists_people(verb, index)


def _lists_people(verb: Token, index: EntityIndex) -> bool:
    """An imposer for subject, people or firms for object ("Canada listed 129 individuals"; not
    "China listed five demands")."""
    return any(c.dep_ == "nsubj" and _is_imposer(c, index) for c in verb.children) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in LISTED_NOUNS for c in verb.children)


def _is_imposer(token: Token, index: EntityIndex) -> bool:
    key = _agent_key(index, token)
    return bool(key) and index.kind(key) in IMPOSER_KINDS


def _resolution_subject(verb: Token) -> Token | None:
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


def _resolution_parties(verb: Token, resolution: Token, index: EntityIndex) -> tuple[list[str], list[str]]:
    """Who a resolution's restriction is imposed by (the body its phrase names, else the Security
    Council) and on (the states its objects, or the places goods come from or go to, name; the ones a
    prohibition bars are not targets). An unnamed target is left to the article's evident one."""
    imposers = [k for t in resolution.subtree if t.i < verb.i and (k := _agent_key(index, t))
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
        key = _target_key(index, t) if t.dep_ == "dobj" else index.key_of_phrase(t)
        if key and key not in targets and index.kind(key) == "State":
            targets.append(key)
    return imposers[:1], targets


# Nouns after "on" that name an occasion or a manner, never a target: "on top of", "agreed on the second
# anniversary of the invasion", "on the sidelines of", "on condition of anonymity".
NON_TARGET_NOUNS = frozenset({"top", "anniversary", "eve", "occasion", "sideline", "sidelines", "basis", "behalf",
                              "condition", "ground", "grounds"})


def _target_phrase(token: Token) -> bool:
    """The trigger names a target with a preposition ("on entities that ...", "against a company");
    "on both countries" points back at states and is left to the article's evident target, and "on
    top of", "on the anniversary of" name none."""
    return any(c.dep_ == "prep" and c.lower_ in lexicon.SANCTION_TARGET_PREPS
               and any(p.dep_ == "pobj" and p.lemma_.lower() not in lexicon.MEMBER_NOUNS | NON_TARGET_NOUNS
                       and p.ent_type_ not in ("DATE", "TIME") for p in c.children)
               for c in token.children)


QUANTITY_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "score", "scores", "number", "list", "batch",
                            "round", "wave"})


COMMODITY_NOUNS = frozenset({"oil", "crude", "gas", "coal", "steel", "aluminium", "aluminum", "diamond", "gold",
                             "petroleum", "fuel", "grain", "timber", "fertiliser", "fertilizer", "lng"})


def _counted_listing(token: Token, verb: Token | None) -> bool:
    """"sanctions on 92 individuals and entities", "on dozens of companies", "an embargo on seaborne
    crude": a round of listings or a ban on goods under the regime the article is about, whose target
    the context gives (unlike "on firms that ...")."""
    for head in (token, verb):
        for prep in (c for c in (head.children if head is not None else ()) if c.dep_ == "prep"
                     and c.lower_ in lexicon.SANCTION_TARGET_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lemma_.lower() in QUANTITY_NOUNS | COMMODITY_NOUNS or any(
                        c.dep_ == "nummod" for c in pobj.children):
                    return True
    return False


def _sanction(token: Token, index: EntityIndex, anchor: datetime | None, inferred: bool) -> Sanction | None:
    imposers: list[str] = []
    targets: list[str] = []
    modifier_states: list[str] = []
    verb = token if token.pos_ == "VERB" else _governing_verb(token)

    def add(bucket: list[str], key: str | None, kinds: frozenset[str]) -> None:
        if key and bucket is imposers and index.kind(key) == "Leader":
            key = ensure_state(index, index.state_of(key))  # "he has threatened sanctions on China": his state
        if key and key not in bucket and index.kind(key) in kinds:
            bucket.append(key)

    if (resolution := _resolution_subject(token)) is not None:
        imposers, targets = _resolution_parties(token, resolution, index)
    elif token.pos_ == "VERB":
        if not any(c.dep_ == "nsubj" for c in token.children) and (subject := subject_of(token)) is not None:
            for t in (subject, *subject.conjuncts):  # "Britain blacklisted ... and froze the assets of ..."
                add(imposers, _agent_key(index, t), IMPOSER_KINDS)
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                    child = token.head  # "Security Council resolutions that ban ...": the resolutions ban
                child = _parallel_subject(token, child, index) or child
                for t in (child, *child.conjuncts):
                    add(imposers, _agent_key(index, t), IMPOSER_KINDS)
            elif child.dep_ in ("dobj", "nsubjpass"):
                for t in (child, *child.conjuncts):
                    for key in _target_keys(index, t):
                        add(targets, key, TARGET_KINDS)
            elif child.dep_ == "prep" and child.lower_ in ("to", "with", "from") and token.lemma_.lower() == "ban":
                for t in _pobjs(child):  # "ban arms sales to Libya"
                    add(targets, _target_key(index, t), TARGET_KINDS)
            elif child.dep_ == "agent":
                for t in _pobjs(child):
                    add(imposers, _agent_key(index, t), IMPOSER_KINDS)
    else:
        relief = token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.RELIEF_NOUNS
        # "UN sanctions relief": what modifies the relief before the sanctions modifies them; "the EU's
        # latest package of sanctions against Russia": what modifies the package or follows it
        collection = sanctions_collection(token)
        for child in [*token.children, *(c for c in token.head.children if relief and c.i < token.i),
                      *(c for c in (collection.children if collection is not None else ()) if c.i != token.head.i)]:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < token.i:
                for key in _unresolved_owner(index, child):
                    add(imposers, key, IMPOSER_KINDS)
                for t in child.subtree:
                    key = _agent_key(index, t)
                    if key and index.kind(key) == "State":
                        if key not in modifier_states:
                            modifier_states.append(key)
                    else:
                        add(imposers, key, IMPOSER_KINDS)
            elif child.dep_ == "prep" and child.lower_ in lexicon.SANCTION_TARGET_PREPS:
                for t in _pobjs(child):
                    pronoun = _pronoun_target(index, token, t, verb)
                    for key in [pronoun] if pronoun else _target_keys(index, t):
                        add(targets, key, TARGET_KINDS)
            elif child.dep_ in ("acl", "relcl"):
                _from_verb(child, index, imposers, targets, add)
        if token.dep_ == "compound" and token.head.pos_ == "NOUN":  # "a sanctions package against Russia"
            for prep in token.head.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.SANCTION_TARGET_PREPS:
                    for t in _pobjs(prep):
                        add(targets, _target_key(index, t), TARGET_KINDS)
        if token.dep_ == "pobj" and token.head.lower_ in MEANS_PREPS and token.head.head.pos_ == "VERB":
            _from_means(token.head.head, index, imposers, targets, add)
        if verb is not None and verb.i != token.i:
            # "maintain their own restrictions on top of the UN sanctions": a named imposer's sanctions
            # do not take on the subject of a verb further up
            _from_verb(verb, index, imposers, targets, add, subject=not imposers)
    if verb is not None and _status(token, verb) == "LiftingDemanded":
        _relief_parties(verb, index, imposers, targets, add)
    named_targets = bool(targets)  # "U.S. and European sanctions on Russia": with a target named, modifiers impose
    for state in modifier_states:
        if state in targets or state in imposers:
            continue
        as_target = (imposers and not named_targets and state not in imposers) or _only_a_target(index, state)
        (targets if as_target else imposers).append(state)
    imposers = [k for k in imposers if k not in targets]
    for key in list(imposers):  # an agency or government imposes for its state
        state = index.state_of(key) if index.kind(key) == "Government" else _agency_state(index, key)
        if state and state not in imposers and (state in index.entities or index.gaz.by_qid(state)):
            imposers.append(index.entity_for(index.gaz.by_qid(state), "State") if state not in index.entities
                            else state)
    if not imposers and (instrument := _instrument_in(index, sentence(token).text)) is not None:
        imposers = [index.entity_for(entry) for qid in instrument.imposers if (entry := index.gaz.by_qid(qid))]
    if not imposers and not targets:
        return None
    legal = _LEGAL.search(sentence(token).text)
    status = "Imposed" if resolution is not None else _status(token, verb)
    if status is None and (clause := imposing_clause(token)) is not None:
        status = lexicon.SANCTION_STATUS[clause.lemma_.lower()]  # "the measures Washington imposed"
    start = None
    if verb is not None:
        for ent in ents_in(sentence(token)):
            if ent.label_ == "DATE" and ent.root.head.head == verb:
                value = resolve_date(date_text(ent), anchor, "past", inferred)
                start = value.start if value else None
                break
    return Sanction(imposers=imposers, targets=targets, evidence=clause_sentence(token), label="",
                    legal_basis=legal.group(0).strip() if legal else None, status=status, start=start,
                    confidence=0.8 if imposers and targets else 0.6)


def _instrument_in(index: EntityIndex, text: str):
    """The known sanctions instrument a sentence names ("The Countering America's Adversaries Through
    Sanctions Act ... mandates penalties on Russia, Iran and North Korea", "under CAATSA"): its imposer
    imposes the sanctions the sentence names without one."""
    lowered = text.lower()
    for regime in index.gaz.sanctions():
        if regime.instrument and any(re.search(r"\b" + re.escape(name.lower()) + r"\b", lowered)
                                     for name in (regime.label, *regime.aliases)):
            return regime
    return None


# "Washington has offered sanctions relief": who offers relief imposes the sanctions; "Kim demanded
# sanctions relief": who demands it is their target.
OFFERING_VERBS = frozenset({"offer", "grant", "give", "promise", "provide", "extend", "dangle"})
DEMANDING_VERBS = frozenset({"demand", "seek", "want", "request", "ask", "press", "push", "win", "obtain"})


def _relief_parties(verb: Token, index: EntityIndex, imposers: list[str], targets: list[str], add) -> None:
    subject = subject_of(verb)
    if subject is None:
        return
    lemma = verb.lemma_.lower()
    bucket = imposers if lemma in OFFERING_VERBS else targets if lemma in DEMANDING_VERBS else None
    if bucket is not None and not bucket:
        for t in (subject, *subject.conjuncts):
            add(bucket, _agent_key(index, t), IMPOSER_KINDS if bucket is imposers else TARGET_KINDS)
        if bucket is targets:  # "Kim demanded relief": the leader's state is the target
            targets[:] = [ensure_state(index, index.state_of(k)) or k if index.kind(k) == "Leader" else k
                          for k in targets]


def _unresolved_owner(index: EntityIndex, owner: Token) -> list[str]:
    """"The European Union has shown no sign of following suit. Its sanctions on Belarus ...": an
    'its'/'their' coreference left open, opening its sentence, is the previous sentence's subject."""
    if owner.dep_ != "poss" or owner.lower_ not in ("its", "their") or index.key_at(owner) is not None \
            or owner.sent.start == 0 or owner.i != owner.sent.start:
        return []
    previous = owner.doc[owner.sent.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return []
    return [k for t in (subject, *(subject.conjuncts if owner.lower_ == "their" else ()))
            if (k := _agent_key(index, t)) is not None]


def _pronoun_target(index: EntityIndex, token: Token, pobj: Token, verb: Token | None) -> str | None:
    """"Iran remains under U.S. sanctions on its oil exports": with the imposer a modifier of the
    sanctions, "its"/"their" in what they are on is the clause's subject (a state), not the imposer
    the pronoun's nearest antecedent would give."""
    owner = next((c for c in pobj.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    if owner is None or owner.lower_ not in ("its", "their") or verb is None:
        return None
    modifiers = {k for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                 for t in c.subtree if (k := _agent_key(index, t))}
    subject = subject_of(verb)
    key = _agent_key(index, subject) if subject is not None else None
    if not modifiers or key is None or key in modifiers or index.kind(key) != "State":
        return None
    return key


def _only_a_target(index: EntityIndex, key: str) -> bool:
    """A state the gazetteer's regimes target and never have impose: "North Korea sanctions" are on it."""
    qid = index.entities[key].qid
    regimes = index.gaz.sanctions()
    return qid is not None and any(qid in r.targets for r in regimes) and not any(qid in r.imposers for r in regimes)


def _from_verb(verb: Token, index: EntityIndex, imposers: list[str], targets: list[str], add,
               subject: bool = True) -> None:
    if verb.lemma_.lower() in ADDING_VERBS:  # "added dozens of Chinese companies to their sanctions list"
        for child in verb.children:
            # not a second object the parse makes of an apposition: "..., its first designations"
            if child.dep_ == "dobj" and not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in child.children):
                for t in (child, *child.conjuncts):
                    for key in _target_keys(index, t):
                        add(targets, key, TARGET_KINDS)
    # a passive verb's subject is what it acts on: "It won only four votes, and the sanctions were restored"
    # does not make the first clause's subject the imposer
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if subject and not passive and verb.lemma_.lower() in lexicon.SANCTION_STATUS.keys() | ALIGNING_VERBS \
            and (subject := subject_of(verb) or _purpose_subject(verb)) is not None:
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            subject = verb.head  # "The United States and the EU, which have imposed sanctions on Russia"
        for t in (subject, *subject.conjuncts):
            add(imposers, _agent_key(index, t), IMPOSER_KINDS)
    for child in verb.children:
        if child.dep_ == "agent":
            for t in _pobjs(child):
                add(imposers, _agent_key(index, t), IMPOSER_KINDS)
        elif child.dep_ == "prep" and child.lower_ in lexicon.SANCTION_TARGET_PREPS:
            for t in _pobjs(child):
                add(targets, _target_key(index, t), TARGET_KINDS)


# Verbs of deciding whose infinitive acts for their subject: "voted to lift" (not "vetoed a resolution to renew").
DECIDING_VERBS = frozenset({"vote", "decide", "agree", "move", "resolve", "choose", "opt"})


def _purpose_subject(verb: Token) -> Token | None:
    """"The Security Council voted on Thursday to lift sanctions on ...": an infinitive the parse hangs
    on a verb of deciding as an adverbial clause acts for that verb's subject."""
    if verb.dep_ != "advcl" or verb.head.lemma_.lower() not in DECIDING_VERBS \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return subject_of(verb.head)


def _from_means(verb: Token, index: EntityIndex, imposers: list[str], targets: list[str], add) -> None:
    """Sanctions as the means of a verb ("isolating Iran through sanctions", "hit Belarus with
    sanctions"): its object is the target, and then its subject, or the owner of the policy it
    describes ("Tokyo's policy of pressuring Pyongyang through sanctions"), the imposer. Without an
    object ("coped with sanctions") the subject is no imposer."""
    for child in verb.children:
        if child.dep_ == "dobj":
            for t in (child, *child.conjuncts):
                add(targets, _target_key(index, t), TARGET_KINDS)
    if not targets:
        return
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        subject = next((c for c in verb.head.head.children if c.dep_ == "poss"), None)
    if subject is not None:
        for t in (subject, *subject.conjuncts):
            add(imposers, _agent_key(index, t), IMPOSER_KINDS)


def _pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition, without a conjoined second measure ("a price cap on Russian oil
    and the EU embargo on crude")."""
    out = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            out += [child, *(c for c in child.conjuncts if c.lemma_.lower() not in lexicon.SANCTION_NOUNS)]
    return out


def _governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(5):  # "imposed wave after wave of sanctions": five steps up
        if head.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "nsubj", "compound", "prep") and head.head.i != head.i:
            head = head.head
            if head.pos_ == "VERB":
                return head
        else:
            return None
    return None


def _agent_key(index: EntityIndex, token: Token) -> str | None:
    """Who a subject or modifier names; "Leaders of the Group of Seven" name the G7, "European
    sanctions" the EU, "the EU's latest package of sanctions" the EU; a transcript's speaker label
    ("DPA: ...") no one."""
    if in_speaker_label(token):
        return None
    if (owner := collection_owner(token)) is not None:
        return _agent_key(index, owner)
    if (state := index.demonyms.get(token.i)) is not None:
        return index.entity_for(state)
    if token.pos_ == "ADJ" and (qid := lexicon.ORGANIZATION_ADJECTIVES.get(token.lower_)) \
            and (entry := index.gaz.by_qid(qid)) is not None:
        return index.entity_for(entry)
    key = index.key_of_phrase(token)
    if key is None:  # "the Treasury's Office of Foreign Assets Control (OFAC)": the name in apposition
        key = next((k for c in token.children if c.dep_ == "appos" and (k := index.key_of_phrase(c))), None)
    if key is None and token.lemma_.lower() in lexicon.MEMBER_NOUNS:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return index.key_of_phrase(pobj)
    return key


def _target_key(index: EntityIndex, token: Token) -> str | None:
    """The target a noun phrase names: an entity, or the state of an adjective ("Russian banks"), of a
    phrase it counts or lists ("dozens of Chinese companies", "250 targets, including Russian banks"),
    or, for a firm the gazetteer does not know, of its description ("X, a Chinese imagery firm"), or the
    state a description places it in ("those undermining stability in Niger")."""
    key = index.key_of_phrase(token)
    if key and not (index.kind(key) == "Organization" and index.entities[key].qid is None):
        return key
    if key and (owner := _owner_state(index, token)) is not None:
        return owner  # "North Korea's Ministry of State Security": a body the gazetteer does not know
    for child in token.children:
        if child.dep_ == "appos" and (owner := _owner_state(index, child)) is not None:
            return owner  # "Rosneft and Lukoil, Russia's two biggest oil companies"
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("of", "including")):
            for inner in ([child] if child.dep_ == "appos" else [c for c in child.children if c.dep_ == "pobj"]):
                for t in inner.subtree:
                    if t.i <= inner.i and (state := index.demonyms.get(t.i)) is not None:
                        return index.entity_for(state)
    if key:
        return key
    trade = token.lower_ in lexicon.TRADE_NOUNS  # "imports of Russian diamonds", "arms sales to Libya"
    for t in token.subtree:
        if trade and t.i > token.i and (state := index.demonyms.get(t.i)) is not None:
            return index.entity_for(state)
        if trade and t.i > token.i and (key := index.key_at(t)) and index.kind(key) == "State":
            return key
        if t.i < token.i and (state := index.demonyms.get(t.i)) is not None:
            return index.entity_for(state)
        if t.i < token.i and (key := index.key_at(t)) and index.kind(key) == "State":
            return key
    for t in token.subtree:  # "measures against those undermining stability in Niger": who is in that state
        if t.i > token.i and t.dep_ == "pobj" and t.head.lower_ == "in" and (key := index.key_at(t)) \
                and index.kind(key) == "State":
            return key
    if (partner := dealt_with(token)) is not None:  # "on foreign banks that deal with Tehran"
        key = _target_key(index, partner)
        state = index.state_of(key) if key is not None else None  # "firms that help Kim": North Korea
        return state if state is not None and index.kind(state) == "State" else None
    return None


def _target_keys(index: EntityIndex, token: Token) -> list[str | None]:
    """The target a noun phrase names, or every state it places its firms in ("designated companies in
    China and Russia": both)."""
    key = _target_key(index, token)
    placed = _placed_states(index, token)
    return placed if placed and (key is None or key in placed) else [key]


def _placed_states(index: EntityIndex, token: Token) -> list[str]:
    """The states an "in" phrase right on the noun names, the parse hanging it on the noun or on its verb
    right after the noun ("designated banks in Iran and Syria"; not "entities based in Iran, Malaysia and
    the United Arab Emirates", where the sanctions' state is left to the context)."""
    preps = [c for c in token.children if c.dep_ == "prep"]
    preps += [c for c in token.head.children if c.dep_ == "prep" and c.i == token.right_edge.i + 1]
    # the firms a listing names among its targets: "116 individuals and entities, among them several
    # companies in China and the UAE", "40 entities, including companies in India and Turkey"
    members = [c for c in token.children if c.dep_ == "appos"]
    members += [p for c in preps if c.lower_ in ("including", "among") for p in c.children if p.dep_ == "pobj"]
    preps += [c for m in members for c in m.children if c.dep_ == "prep"]
    for t in (p for prep in preps if prep.lower_ == "in" for p in prep.children if p.dep_ == "pobj"):
        if (key := index.key_at(t)) and index.kind(key) == "State":
            return [key, *(k for c in t.conjuncts if (k := index.key_at(c)) and index.kind(k) == "State")]
    return []


def _owner_state(index: EntityIndex, token: Token) -> str | None:
    """The state a possessive before the head names ("Russia's state diamond miner Alrosa")."""
    for t in token.subtree:
        if t.i < token.i and t.dep_ == "poss" and (key := index.key_at(t)) and index.kind(key) == "State":
            return key
    return None


def _agency_state(index: EntityIndex, key: str) -> str | None:
    """The state of a national agency the gazetteer files under one (Treasury, OFAC), if any."""
    entry = index.entries.get(key)
    state = getattr(entry, "state", None) if entry is not None and index.kind(key) == "Organization" else None
    return state if isinstance(state, str) else None


def _status(token: Token, verb: Token | None) -> str | None:
    if token.head.lemma_.lower() in lexicon.RELIEF_NOUNS or any(
            c.lemma_.lower() in lexicon.RELIEF_NOUNS for c in token.children):
        return "LiftingDemanded"
    if verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.THREAT_VERBS:
        return "Threatened"  # "would not hesitate to impose new sanctions"
    if verb is not None:
        status = lexicon.SANCTION_STATUS.get(verb.lemma_.lower())
        if status in ("Lifted", "Eased") and any(c.dep_ == "aux" and c.lower_ in ("should", "must")
                                                  for c in verb.children):
            return "LiftingDemanded"  # "the United States should lift its sanctions"
        if status:
            return status
    if token.pos_ == "VERB":
        return "Imposed"
    if any(c.lower_ == "new" for c in token.children):
        return "Imposed"
    return None


def _fill_targets(found: list[Sanction], index: EntityIndex) -> None:
    """Give target-less sanctions the article's evident target: a state the gazetteer knows this
    imposer (or, for an imposer it knows no regime of, any imposer) sanctions, named in its sentence or
    last in its paragraph before it; else the target of the same imposer's latest sanction before it;
    else the known target the article names most; else the previous sanction's target; else the state
    the article mentions most that imposes no sanction in it."""
    imposing = {k for s in found for k in s.imposers}
    counts = Counter(m.key for m in index.mentions if index.kind(m.key) == "State" and m.key not in imposing)
    previous: list[str] = []
    by_imposer: dict[str, list[str]] = {}  # imposer -> the targets of its latest sanction so far
    for sanction in found:
        if sanction.targets:
            previous = sanction.targets
            by_imposer.update((k, sanction.targets) for k in sanction.imposers)
            continue
        if not sanction.imposers:
            continue
        # an imposer no known regime has (Canada, Japan): a state some known regime targets
        known = _known_targets(index, sanction.imposers) or {t for r in index.gaz.sanctions() for t in r.targets}
        candidates = _named_nearby(index, known - set(sanction.imposers), sanction.evidence, inside_only=True)
        # "The Obama administration declared Venezuela a threat and sanctioned individual officials": the
        # one state its own sentence names, though no known regime of that imposer targets it
        states = {e.qid for e in index.entities.values() if e.kind == "State" and e.qid}
        states = (states | {s.qid for s in index.demonyms.values() if s.qid}) - imposing
        candidates = candidates or _named_nearby(index, states, sanction.evidence, inside_only=True)
        candidates = candidates or _named_nearby(index, known - set(sanction.imposers), sanction.evidence)
        # "The United States is lifting its sanctions on Belarusian potash ... the Treasury would remove
        # Belaruskali from its sanctions list": the same imposer's sanctions told before
        candidates = candidates or next((by_imposer[k] for k in sanction.imposers if k in by_imposer), [])
        candidates = candidates or [k for k, _ in counts.most_common() if k in known][:1]
        candidates = candidates or [k for k in previous if k not in sanction.imposers]
        candidates = candidates or [k for k, _ in counts.most_common(1)]
        if candidates:
            sanction.targets = candidates
            sanction.confidence = 0.5


def _named_nearby(index: EntityIndex, keys: set[str], evidence, inside_only: bool = False) -> list[str]:
    """The one of ``keys`` the sanction's own sentence names (by name or adjective), else the one its
    paragraph names last before it: "Pyongyang's response ... American sanctions were a crime" means
    sanctions on North Korea, though the article names Russia more often."""
    named = [(index.doc[m.start].idx, m.key) for m in index.mentions if m.key in keys]
    adjectives = {state.qid: state for state in index.demonyms.values() if state.qid in keys}
    named += [(index.doc[i].idx, state.qid) for i, state in index.demonyms.items() if state.qid in keys]
    text = index.doc.text
    paragraph = text.rfind("\n\n", 0, evidence.start) + 1
    inside = [key for at, key in named if evidence.start <= at < evidence.end]
    before = [(at, key) for at, key in named if paragraph <= at < evidence.start]
    # keys are QIDs: the gazetteer's regimes name linked states
    chosen = inside[:1] if len(set(inside)) == 1 else [max(before)[1]] if before and not inside_only else []
    # A state only an adjective names ("Russian officials") is not an entity of the article yet.
    return [index.entity_for(adjectives[key]) if key in adjectives else key for key in chosen]


def _known_targets(index: EntityIndex, imposers: list[str]) -> set[str]:
    family = set(imposers)
    for key in imposers:
        family |= lexicon.IMPOSER_EQUIVALENTS.get(key, set())
    return {t for s in index.gaz.sanctions() if family & set(s.imposers) for t in s.targets}


def _merge(found: list[Sanction], index: EntityIndex) -> list[Sanction]:
    merged: dict[tuple[tuple[str, ...], tuple[str, ...]], Sanction] = {}
    for s in found:
        # "the United States eased sanctions" and "the Treasury announced measures" on the same target:
        # one regime of that state, named as its first mention names it
        states = tuple(sorted(k for k in s.imposers if _agency_state(index, k) not in s.imposers))
        ident = (states, tuple(sorted(s.targets)))
        if ident in merged:
            kept = merged[ident]
            kept.legal_basis = kept.legal_basis or s.legal_basis
            kept.status = kept.status or s.status
            kept.start = kept.start or s.start
            kept.confidence = max(kept.confidence, s.confidence)
        else:
            merged[ident] = s
    kept_all = list(merged.values())
    for s in [s for s in kept_all if not s.imposers]:
        # "sanctions on North Korea would remain": the one regime on that target the article names
        fuller = [o for o in kept_all if o is not s and o.imposers and set(s.targets) <= set(o.targets)]
        if len(fuller) == 1:
            fuller[0].legal_basis = fuller[0].legal_basis or s.legal_basis
            kept_all.remove(s)
    out = []
    for s in kept_all:
        imposers = " and ".join(index.entities[k].label for k in s.imposers) or "unknown imposer"
        targets = " and ".join(index.entities[k].label for k in s.targets) or "unknown target"
        s.label = f"{imposers} sanctions on {targets}"
        s.key = " ".join(["sanction", *sorted(s.imposers), "on", *sorted(s.targets), s.legal_basis or ""]).strip()
        out.append(s)
    return out
