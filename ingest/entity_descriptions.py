"""Descriptions that denote an entity the article implies (step 4 of ``entities``): a relative
("Kim's sister"), a capital ("the Lithuanian capital"), a half of a divided country ("the North"),
an organisation referred back to by its kind ("the bloc", "the alliance"), and a body by its own
noun ("the Commission").

All five read the gazetteer's records (family links, capitals, names, categories) of what the
article has already named.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entity_antecedents import antecedent
from diplograph.ingest.entity_index import PERSON_KINDS, EntityIndex, gaz_kind
from diplograph.ingest.entity_offices import state_modifier
from diplograph.ingest.gazetteer import GazEntry
from diplograph.ingest.spans import indices, words_of

CAPITAL_WORDS = frozenset({"capital"})
HALF_WORDS = frozenset({"North", "South"})


def match_kin_nouns(index: EntityIndex) -> None:
    """"Kim's sister", "the North Korean leader's sister": the one person the gazetteer records as that
    relative of the possessor (kfam's family links), of the noun's gender; the noun mentions her."""
    doc = index.doc
    for i in indices(words_of(doc).lower, lexicon.KIN_NOUNS):
        token = doc[i]
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        owner_key = index.key_of_phrase(owner) if owner is not None else None
        if owner_key is None or token.i in index.token_key or index.entities[owner_key].qid is None:
            continue
        relation, gender = lexicon.KIN_NOUNS[token.lower_]
        wanted = (relation, index.entities[owner_key].qid)
        relatives = [e for e in index.gaz.entries() if e.kind in PERSON_KINDS and e.gender == gender
                     and wanted in e.kin]
        if len(relatives) == 1:
            index.add(token.i, token.i + 1, index.entity_for(relatives[0]), token.text, 0.6)


def match_capital_nouns(index: EntityIndex) -> None:
    """"the Lithuanian capital", "Hungary's capital": the capital the gazetteer records for that state."""
    for i in indices(words_of(index.doc).lower, CAPITAL_WORDS):
        token = index.doc[i]
        if token.pos_ != "NOUN" or token.i in index.token_key:
            continue
        state, first = state_modifier(index, token)
        capital = index.gaz.by_qid(state.capital) if state is not None and state.capital else None
        if capital is not None and gaz_kind(capital) == "Place":
            index.add(first, token.i + 1, index.entity_for(capital), index.doc[first:token.i + 1].text, 0.7)


def match_halves(index: EntityIndex) -> None:
    """'the North', 'the South's security' in a story naming North or South Korea: the state of that
    name, the one the article names or else its counterpart's pair ("South Korea" after "North Korea")."""
    doc = index.doc
    for i in indices(words_of(doc).text, HALF_WORDS):
        token = doc[i]
        if token.i in index.token_key or token.i == 0 or doc[token.i - 1].lower_ != "the" \
                or (token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper()):
            continue
        state = _half_state(index, token.text)
        if state is not None:
            index.add(token.i, token.i + 1, index.entity_for(state), token.text, 0.6)


def _half_state(index: EntityIndex, half: str) -> GazEntry | None:
    """The state named "<half> X" the article names, else the one whose pair "<other half> X" it names."""
    named = [index.entries[k] for k, e in index.entities.items() if e.kind == "State" and k in index.entries
             and e.mentions and e.label.split()[0] in HALF_WORDS]
    own = [e for e in named if e.label.split()[0] == half]
    if len(own) == 1:
        return own[0]
    pairs = {f"{half} {e.label.split(' ', 1)[1]}" for e in named if e.label.split()[0] != half and " " in e.label}
    found = [e for label in pairs for e in index.gaz.lookup(label) if e.kind == "State"]
    return found[0] if len(found) == 1 else None


def match_definite_descriptions(index: EntityIndex) -> None:
    """'the bloc', 'the alliance', 'the organisation' after an organisation is named denote the last
    organisation of a fitting kind (its gazetteer category: an alliance for "the alliance") named in
    the last few sentences ("The EU ... The bloc said ..."), one whose name holds the noun first ("the
    group" after the Group of Seven, though the EU was named since). Not with a
    complement of its own ("the group of experts") and never before any organisation is named."""
    doc = index.doc
    for i in indices(words_of(doc).text, lexicon.ORGANIZATION_DESCRIPTIONS):
        token = doc[i]
        if token.i in index.token_key \
                or token.tag_ not in ("NN", "NNP"):  # lower case: "the Group of Seven" is a name
            continue
        det = token.doc[token.i - 1] if token.i > 0 else None
        if det is None or det.lower_ != "the" or det.head.i != token.i:
            continue
        if any(c.dep_ in ("prep", "compound", "amod", "acl", "relcl", "appos") for c in token.children):
            continue
        words = lexicon.ORGANIZATION_DESCRIPTIONS[token.text]
        key = antecedent(index, token, {"Organization"}, same_sentence=False, back=8,  # "Group of Seven"
                         fits=lambda k, noun=token.lower_: noun in index.entities[k].label.lower().split())
        if key is None:
            key = antecedent(index, token, {"Organization"}, same_sentence=False, back=8,
                             fits=lambda k, words=words: any(w in _category(index, k) for w in words))
        if key is not None:
            index.add(det.i, token.i + 1, key, doc[det.i:token.i + 1].text, 0.55)
            index.mentions.sort(key=lambda m: m.start)


def match_body_short_names(index: EntityIndex) -> None:
    """'the Commission', 'the Council' in an article naming the EU: a capitalised body noun after "the"
    is the one body the gazetteer names as the named organisation's name plus that noun ("EU
    Commission": the European Commission); none or several such bodies, no mention. A body with no
    Wikidata link ("EU Council": the Council of the European Union) acts for the organisation it
    belongs to ("The Council adopted parallel measures against Belarus": the EU's)."""
    doc = index.doc
    named = [e for k, e in index.entries.items() if index.kind(k) == "Organization"]
    lower = words_of(doc).lower
    for i in range(1, len(doc)):
        if not named or lower[i - 1] != "the" or i in index.token_key:
            continue
        token = doc[i]
        if token.tag_ != "NNP" or any(c.dep_ in ("prep", "compound", "amod") for c in token.children):
            continue
        bodies = {b.qid or b.label: (b, org) for org in named for name in org.names
                  for b in index.gaz.lookup(f"{name} {token.text}")
                  if b.qid != org.qid and gaz_kind(b) == "Organization"}
        if len(bodies) != 1:
            continue
        body, org = next(iter(bodies.values()))
        key = index.entity_for(body) if body.qid else _owner_of_body(index, token, index.entity_for(org))
        if key is not None:
            index.add(token.i, token.i + 1, key, token.text, 0.6)
    index.mentions.sort(key=lambda m: m.start)


def _owner_of_body(index: EntityIndex, token: Token, owner: str) -> str | None:
    """The organisation an unlinked body acts for, unless an organisation whose own name holds the noun
    was named nearer before it ("the Security Council met on Ukraine. The Council has not ...": that
    one, left to ``entity_unlinked``)."""
    word = token.lower_
    last: dict[str, int] = {}
    for m in index.mentions:
        if m.start < token.i and (m.key == owner or (index.kind(m.key) == "Organization"
                                                     and word in index.entities[m.key].label.lower().split())):
            last[m.key] = max(last.get(m.key, -1), m.start)
    nearest = max(last, key=last.__getitem__, default=owner)
    return owner if nearest == owner else None


def _category(index: EntityIndex, key: str) -> str:
    entry = index.entries.get(key)
    return entry.category if entry is not None else ""
