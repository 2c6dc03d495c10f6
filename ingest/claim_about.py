"""What a claim is about: the entities its content mentions, the speaker for an "it" that stands for
them, and the states it names by an adjective ("the Russian economy"), unless the adjective titles a
person ("North Korean leader Kim Jong Un"). The speaker named again as the one who hopes or believes
what the content goes on to say ("Putin said he hoped the talks would ...") holds the claim, no topic.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_pairs import last_two
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import lemma_in


def topic_keys(index: EntityIndex, span, claimant: str, anchor: Token) -> list[str]:
    """The entities a content mentions (a pronoun for the speaker too: "Trump's view that he alone ..."
    is about Trump), less described groups and places: "Putin said the talks in Anchorage had gone well"
    is about the talks' parties, not where they met (a capital standing for its state is that state)."""
    keys: list[str] = []
    for token in span:
        if _speaker_holds(token, index, claimant, span):
            continue
        if _speaker_its(token, index, claimant) or _its_of_speaking_it(token, index, claimant, anchor):
            found = [index.state_of(claimant) or claimant]
        elif _speaker_it(token, index, claimant, anchor):
            found = [claimant]
        else:
            found = _their_pair(token, index, claimant, anchor) or index.keys_in(token.i, token.i + 1)
        found = [_speaker_state(index, k, claimant, token, anchor) for k in found if not _in_title(token, index, k)]
        keys += [k for k in found if k not in keys and index.kind(k) not in ("Group", "Place")]
    return keys


def _in_title(token: Token, index: EntityIndex, key: str) -> bool:
    """'Stephen Biegun, the special representative for North Korea, would lead the team': a state named
    in the appositive title of a person is part of who the person is, not a topic (as 'North Korean
    leader Kim' is not)."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "appos":
            owner = index.key_at(ancestor.head)
            return owner is not None and owner != key and index.kind(owner) in ("Leader", "Person")
    return False


def held_attitude(index: EntityIndex, span, claimant: str) -> str | None:
    """The reporting or attitude verb the speaker holds in the content ('Putin said he hoped the talks
    would ...': hope), for the claim's modality."""
    return next((lemma_in(t.head, lexicon.SAY_VERBS) for t in span if _speaker_holds(t, index, claimant, span)), None)


def _speaker_holds(token: Token, index: EntityIndex, claimant: str, span) -> bool:
    """'Putin said he hoped the understanding would open the way to peace', 'Xi said he expected to meet
    him': the speaker, alone the subject of a reporting or attitude verb with a clause or infinitive in
    the content, is who holds the hope or belief, not what the claim is about ('he and Kim had agreed to
    ...' names a pair, and 'he would phone Zelenskiy' reports no attitude, so both stay)."""
    verb = token.head
    if token.dep_ != "nsubj" or verb.pos_ != "VERB" or not span.start <= verb.i < span.end \
            or lemma_in(verb, lexicon.SAY_VERBS) is None or any(c.dep_ == "conj" for c in token.children) \
            or not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False  # "Yoon said Seoul would respond 'multiple times stronger'": an act, no attitude
    found = index.keys_in(token.i, token.i + 1)
    return bool(found) and all(k in (claimant, index.state_of(claimant)) for k in found)


def _speaker_state(index: EntityIndex, key: str, claimant: str, token: Token, anchor: Token) -> str:
    """'South Korea's foreign ministry said it would work with partners': a government speaking of itself
    is its state, as its claims are -- when no other noun stands between it and its pronoun ('the ministry
    rejected the resolution ... and said it amounted to a blockade': 'it' is likelier the resolution)."""
    named = [m.end for m in index.mentions if m.key == claimant and m.end <= anchor.i]
    if key != claimant or index.kind(key) != "Government" or not named:
        return key
    between = [*index.doc[max(named):anchor.i], *index.doc[anchor.i + 1:token.i]]
    if any(t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")) for t in between):
        return key
    return index.state_of(key) or key


SPEAKING_KINDS = frozenset({"State", "Organization", "Government"})
# What a state or a body holds, so that an unresolved "its" before them is the speaker's: "said the final
# text met its concerns" (not "said the deal was dead and its terms void").
HELD_NOUNS = frozenset({"concern", "interest", "right", "position", "demand", "security", "sovereignty",
                        "objection", "condition", "stance", "goal", "aim", "priority", "commitment", "obligation"})
# What a pair holds, so that an unresolved "their" before them is the pair the speaker belongs to: "Xi noted
# that since their meeting in San Francisco ...", "The two presidents agreed that their teams would ...".
PAIR_HELD_NOUNS = frozenset({"meeting", "summit", "talk", "call", "conversation", "relationship", "relation",
                             "team", "country", "government", "side", "partnership", "encounter", "tie"})


def _speaker_its(token: Token, index: EntityIndex, claimant: str) -> bool:
    """'Chancellor Olaf Scholz's government said that the final text met its concerns': an "its" no
    antecedent was found for, on what a speaking state or body holds, is the speaker's."""
    return token.lower_ == "its" and index.key_at(token) is None and index.kind(claimant) in SPEAKING_KINDS \
        and token.head.lemma_.lower() in HELD_NOUNS


def _its_of_speaking_it(token: Token, index: EntityIndex, claimant: str, anchor: Token) -> bool:
    """'Pyongyang has said that it will not give up its weapons': an "its" in the reported clause whose
    subject "it" is the speaker is the speaker's too, whatever coreference took (China, named before)."""
    if token.lower_ != "its":
        return False
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    return subject is not None and subject.i < token.i and _speaker_it(subject, index, claimant, anchor)


def _their_pair(token: Token, index: EntityIndex, claimant: str, anchor: Token) -> list[str]:
    """The two leaders an unresolved "their meeting" ("their teams") in a leader's claim stands for: the
    last two named before the cue, the speaker among them."""
    if token.lower_ != "their" or index.key_at(token) is not None or index.kind(claimant) != "Leader" \
            or token.head.lemma_.lower() not in PAIR_HELD_NOUNS:
        return []
    pair = last_two(index, anchor, "Leader")
    return pair if claimant in pair else []


def _speaker_it(token: Token, index: EntityIndex, claimant: str, anchor: Token) -> bool:
    """'..., and Russia's foreign ministry said it would treat the resolutions as expired': a bare 'it'
    subject of the reported clause of a state or an organisation is the speaker, even where coreference
    took an earlier noun ('Washington')."""
    return (token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp"
            and token.head.head == anchor and index.key_at(token) not in (None, claimant)
            and index.kind(claimant) in SPEAKING_KINDS)


def demonym_states(index: EntityIndex, span) -> list[str]:
    """States the content names by an adjective: "the Russian economy" is about Russia."""
    return [index.entity_for(entry) for t in span if (entry := index.demonyms.get(t.i)) is not None
            and not _titles_person(t, index)]


def _titles_person(token: Token, index: EntityIndex) -> bool:
    """'North Korean leader Kim Jong Un': the adjective is part of a person's title, not a topic."""
    while token.head.i in index.demonyms and token.head.i != token.i:  # "North" -> "Korean"
        token = token.head
    head = token.head
    key = index.key_of_phrase(head)
    return head.lower_ in lexicon.LEADER_NOUNS or (key is not None and index.kind(key) in ("Leader", "Person"))
