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

Modules, by the kind of rule they hold:

- ``sanctions`` (this one) runs the rules in order: a trigger's sanction (``extract_sanctions``,
  ``_sanction``: its parties, status, legal basis and start), the evident targets, the merge.
- ``sanction_triggers``: which tokens name sanctions (nouns, "to sanction", bans, measures against a
  target, price caps, asset freezes); ``sanction_listings``: listing verbs and nouns ("designated",
  "listed 129 individuals", "added ... to its list"); ``sanction_resolutions``: a resolution that bans or
  caps trade, its imposer and targets.
- Who: ``sanction_imposers`` (whom a subject or modifier names, agencies' states, a named instrument's
  imposer), ``sanction_targets`` (whom a noun phrase names as target: firms by their state, "in" phrases,
  pronouns), ``sanction_verbs`` (the parties a governing verb gives: status verbs, adding verbs, means,
  relief offered or demanded), ``sanction_clauses`` (imposers and targets outside the trigger's phrase).
- ``sanction_evident_targets``: the article's evident target for a sanction whose sentence names none;
  ``sanction_merge``: mentions with the same imposers and targets as one sanction; ``sanction_syntax``:
  the governing verb and a preposition's objects, read by all of them.
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.entity_index import ensure_state
from diplograph.ingest.facts import Sanction
from diplograph.ingest.sanction_clauses import imposing_clause, sanctions_collection
from diplograph.ingest.sanction_cutoffs import cuts_off, deciders
from diplograph.ingest.sanction_evident_targets import counted_listing, fill_targets
from diplograph.ingest.sanction_imposers import (
    IMPOSER_KINDS,
    agency_state,
    agent_key,
    instrument_around,
    names_coordinated_before,
    parallel_subject,
    staying_speaker,
    unresolved_owner,
)
from diplograph.ingest.sanction_merge import merge
from diplograph.ingest.sanction_resolutions import (
    instrument_parties,
    known_resolution,
    resolution_parties,
    resolution_subject,
)
from diplograph.ingest.sanction_syntax import governing_verb, pobjs
from diplograph.ingest.sanction_targets import TARGET_KINDS, only_a_target, pronoun_target, target_key, target_keys
from diplograph.ingest.sanction_triggers import (
    TRIGGER_LEMMAS,
    anaphoric_measures,
    beside_sanctions,
    clause_imposer,
    target_phrase,
    trigger,
)
from diplograph.ingest.sanction_verbs import (
    enforces_told,
    from_means,
    from_verb,
    names_targets,
    relief_parties,
    wanted_lifted_by,
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

_LEGAL = re.compile(r"\b(?:(?:UN|U\.N\.|United Nations)\s+)?(?:Security Council\s+)?Resolution\s+\d{3,4}\b"
                    r"|\b(?:[A-Z][\w'\u2019]+\s+){1,8}Act\b(?:\s+\([A-Z]+\))?")


# "isolating Iran through sanctions": the sanctions are the means of a verb on its target.
MEANS_PREPS = frozenset({"through", "via", "with"})


def extract_sanctions(doc: Doc, index: EntityIndex, published: datetime | None) -> list[Sanction]:
    anchor, inferred = date_anchor(doc, published)
    found: list[Sanction] = []
    unnamed: list[Sanction] = []  # the text names the target, but not as an entity ("on entities that ...")
    for i in indices(words_of(doc).lemma, TRIGGER_LEMMAS):
        token = doc[i]
        if not trigger(token, index):
            continue
        sanction = _sanction(token, index, anchor, inferred)
        if sanction is not None and not sanction.targets and anaphoric_measures(token):
            # "Canada said it would align with those penalties": the ones the article told last
            told = next((s for s in reversed(found) if s.targets), None)
            sanction.targets = [k for k in told.targets if k not in sanction.imposers] if told else []
            sanction.confidence = 0.5
        if sanction is None or (token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.MEASURE_NOUNS
                                and not (sanction.imposers and (sanction.targets or clause_imposer(token, index)
                                                             or beside_sanctions(token)))):
            continue
        evaded = (verb := governing_verb(token)) is not None and verb.lemma_.lower() in lexicon.EVASION_VERBS
        if evaded and not (sanction.imposers and sanction.targets):
            continue  # "helped Moscow evade sanctions": an existing regime, not named enough to record
        found.append(sanction)
        if not sanction.targets and (target_phrase(token) or (verb is not None and target_phrase(verb))) \
                and not counted_listing(token, verb):
            unnamed.append(sanction)
    fill_targets([s for s in found if all(s is not u for u in unnamed)], index)
    return merge([s for s in found if s.imposers or s.targets], index)


def _sanction(token: Token, index: EntityIndex, anchor: datetime | None, inferred: bool) -> Sanction | None:
    imposers: list[str] = []
    targets: list[str] = []
    modifier_states: list[str] = []
    coordinated: list[str] = []
    verb = token if token.pos_ == "VERB" else governing_verb(token)

    def add(bucket: list[str], key: str | None, kinds: frozenset[str]) -> None:
        if key and bucket is imposers and index.kind(key) == "Leader":
            key = ensure_state(index, index.state_of(key))  # "he has threatened sanctions on China": his state
        if key and key not in bucket and index.kind(key) in kinds:
            bucket.append(key)

    resolution = resolution_subject(token)
    if (regime := known_resolution(token, index)) is not None:
        imposers, targets = instrument_parties(regime, index)  # "adopts Resolution 2397": the gazetteer's parties
    elif resolution is not None:
        imposers, targets = resolution_parties(token, resolution, index)
    elif token.pos_ == "VERB":
        if not any(c.dep_ == "nsubj" for c in token.children) and (subject := subject_of(token)) is not None:
            for t in (subject, *subject.conjuncts):  # "Britain blacklisted ... and froze the assets of ..."
                add(imposers, agent_key(index, t), IMPOSER_KINDS)
        for t in deciders(token):  # "France and Canada announce that ... banks will be removed from SWIFT"
            add(imposers, agent_key(index, t), IMPOSER_KINDS)
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                    child = token.head  # "Security Council resolutions that ban ...": the resolutions ban
                child = parallel_subject(token, child, index) or child
                for t in (child, *child.conjuncts):
                    add(imposers, agent_key(index, t), IMPOSER_KINDS)
            elif child.dep_ in ("dobj", "nsubjpass"):
                for t in (child, *child.conjuncts):
                    for key in target_keys(index, t):
                        add(targets, key, TARGET_KINDS)
            elif child.dep_ == "prep" and child.lower_ in ("to", "with", "from") and token.lemma_.lower() == "ban":
                for t in pobjs(child):  # "ban arms sales to Libya"
                    add(targets, target_key(index, t), TARGET_KINDS)
            elif child.dep_ == "agent":
                for t in pobjs(child):
                    add(imposers, agent_key(index, t), IMPOSER_KINDS)
    else:
        relief = token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.RELIEF_NOUNS
        # "UN sanctions relief": what modifies the relief before the sanctions modifies them; "the EU's
        # latest package of sanctions against Russia": what modifies the package or follows it
        collection = sanctions_collection(token)
        for child in [*token.children, *(c for c in token.head.children if relief and c.i < token.i),
                      *(c for c in (collection.children if collection is not None else ()) if c.i != token.head.i)]:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < token.i:
                for key in unresolved_owner(index, child):
                    add(imposers, key, IMPOSER_KINDS)
                for t in child.subtree:
                    key = agent_key(index, t)
                    if key and index.kind(key) == "State":
                        if key not in modifier_states:
                            modifier_states.append(key)
                        if t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children):
                            coordinated.append(key)  # "American and UN sanctions": imposers side by side
                    else:
                        add(imposers, key, IMPOSER_KINDS)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for t in pobjs(child):  # "the restrictive regime of the UN Security Council": the body's own
                    if (key := agent_key(index, t)) and index.kind(key) == "Organization":
                        add(imposers, key, IMPOSER_KINDS)
            elif names_targets(child):
                for t in pobjs(child):
                    pronoun = pronoun_target(index, token, t, verb)
                    for key in [pronoun] if pronoun else target_keys(index, t):
                        add(targets, key, TARGET_KINDS)
            elif child.dep_ in ("acl", "relcl"):
                from_verb(child, index, imposers, targets, add)
        if names := names_coordinated_before(token):  # "on EU, UK and US sanctions": imposers side by side
            for key in filter(None, (agent_key(index, t) for t in names)):
                if index.kind(key) != "State":
                    add(imposers, key, IMPOSER_KINDS)
                elif key not in modifier_states:
                    modifier_states.append(key)
            coordinated.extend(modifier_states)
        if token.dep_ == "compound" and token.head.pos_ == "NOUN":  # "a sanctions package against Russia"
            for prep in token.head.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.SANCTION_TARGET_PREPS:
                    for t in pobjs(prep):
                        add(targets, target_key(index, t), TARGET_KINDS)
        if token.dep_ == "pobj" and token.head.lower_ in MEANS_PREPS and token.head.head.pos_ == "VERB":
            from_means(token.head.head, index, imposers, targets, add)
        demander = wanted_lifted_by(token, verb)
        if demander is not None and not targets:
            # "the sanctions North Korea wanted eased": who wants them lifted is their target, not the imposer
            for t in (demander, *demander.conjuncts):
                add(targets, _state_for_leader(index, agent_key(index, t)), TARGET_KINDS)
        if verb is not None and verb.i != token.i:
            # "maintain their own restrictions on top of the UN sanctions": a named imposer's sanctions
            # do not take on the subject of a verb further up
            from_verb(verb, index, imposers, targets, add,
                      subject=not imposers and not enforces_told(token, verb) and demander is None)
    if verb is not None and _status(token, verb) == "LiftingDemanded":
        relief_parties(verb, index, imposers, targets, add)
    named_targets = bool(targets)  # "U.S. and European sanctions on Russia": with a target named, modifiers impose
    for state in modifier_states:
        if state in targets or state in imposers:
            continue
        as_target = (imposers and not named_targets and state not in coordinated) or only_a_target(index, state)
        (targets if as_target else imposers).append(state)
    imposers = [k for k in imposers if k not in targets]
    for key in list(imposers):  # an agency or government imposes for its state
        state = index.state_of(key) if index.kind(key) == "Government" else agency_state(index, key)
        if state and state not in imposers and (state in index.entities or index.gaz.by_qid(state)):
            imposers.append(index.entity_for(index.gaz.by_qid(state), "State") if state not in index.entities
                            else state)
    if not imposers and (instrument := instrument_around(index, sentence(token))) is not None:
        imposers = [index.entity_for(entry) for qid in instrument.imposers if (entry := index.gaz.by_qid(qid))]
    if not imposers and verb is not None and (speaker := staying_speaker(index, verb)) is not None:
        imposers = [speaker]
    if not imposers and not targets:
        return None
    legal = _LEGAL.search(sentence(token).text)
    # "banks will be removed from SWIFT": a cut-off imposes, whatever the verb says of sanctions themselves
    status = "Imposed" if resolution is not None or cuts_off(token) else _status(token, verb)
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


def _state_for_leader(index: EntityIndex, key: str | None) -> str | None:
    return ensure_state(index, index.state_of(key)) if key and index.kind(key) == "Leader" else key


def _status(token: Token, verb: Token | None) -> str | None:
    if token.head.lemma_.lower() in lexicon.RELIEF_NOUNS or any(
            c.lemma_.lower() in lexicon.RELIEF_NOUNS for c in token.children):
        return "LiftingDemanded"
    if token.pos_ == "NOUN" and wanted_lifted_by(token, verb) is not None:
        return "LiftingDemanded"  # "the sanctions North Korea wanted eased"
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
