"""Office nouns (step 4 of ``entities``): "the North Korean leader", "Russia's president" denote the
article's leader of that state, or the gazetteer's office holder at the publication date when
exactly one is known; a bare "the prime minister" the leader just named who holds that office;
"the foreign minister" the person of the last five sentences whom the text or the gazetteer gives
that office.

``state_modifier`` (whose office or government a noun is) and ``leader_of`` (a state's one leader)
serve the person, description and government rules too.
"""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entity_antecedents import antecedent
from diplograph.ingest.entity_index import PERSON_KINDS, EntityIndex
from diplograph.ingest.entity_labels import in_office_label
from diplograph.ingest.gazetteer import GazEntry
from diplograph.ingest.spans import indices, words_of

OFFICE_WORDS = lexicon.LEADER_NOUNS | {"minister"}  # the last word of every office ``_leader_noun`` finds
MINISTER_NOUNS = frozenset({"minister", "secretary", "adviser", "advisor", "envoy", "representative", "negotiator"})
HEAD_OF_GOVERNMENT_OFFICES = frozenset({"prime minister", "premier", "chancellor"})


def match_leader_nouns(index: EntityIndex) -> None:
    doc = index.doc
    for i in indices(words_of(doc).lower, OFFICE_WORDS):
        token = doc[i]
        span = _leader_noun(token)
        if span is None or token.i in index.token_key or token.tag_ in ("NNS", "NNPS") \
                or _indefinite(doc[span[0]], token) or in_office_label(token):
            continue
        following = doc[span[1]] if span[1] < len(doc) else None
        if following is not None and (following.ent_type_ == "PERSON" or following.i in index.token_key):
            continue  # a title: "North Korean leader Kim Jong-un"
        state, first = state_modifier(index, token)
        if state is None:
            leader = _office_holder_named_before(index, token, span[0])
            if leader is not None:
                index.add(span[0] - 1, span[1], leader, doc[span[0] - 1:span[1]].text, 0.6)
            continue
        leader = leader_of(index, state.qid, doc[span[0]:span[1]].text.lower())
        if leader is not None:
            if any(i in index.token_key for i in range(first, span[0])):
                first = span[0]  # "the US president", "Russia's president": the state keeps its own mention
            index.add(first, span[1], leader, doc[first:span[1]].text, 0.7)


def _leader_noun(token: Token) -> tuple[int, int] | None:
    """Token span of an office noun ("leader", "prime minister") headed by ``token``."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lower = token.lower_
    if lower == "minister" and token.i > 0 and token.doc[token.i - 1].lower_ == "prime":
        return token.i - 1, token.i + 1
    return (token.i, token.i + 1) if lower in lexicon.LEADER_NOUNS else None


INDEFINITE_DETERMINERS = frozenset({"a", "an", "any", "every", "no"})


def _indefinite(first: Token, noun: Token) -> bool:
    """"an American president", "any leader", "a sitting U.S. president and a North Korean leader": no one
    in particular, whether the determiner is right before the office or before its modifiers."""
    return (first.i > 0 and first.doc[first.i - 1].lower_ in INDEFINITE_DETERMINERS) or any(
        c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in noun.children)


def _office_holder_named_before(index: EntityIndex, token: Token, start: int) -> str | None:
    """'The prime minister said ...' right after a leader is named: that leader (the last one named
    in the last three sentences). Only a bare "the" + office, without a complement ("the president
    of the commission")."""
    if start == 0 or index.doc[start - 1].lower_ != "the" or any(
            c.dep_ in ("prep", "amod", "compound", "poss", "acl", "relcl") and c.i != start for c in token.children):
        return None
    index.mentions.sort(key=lambda m: m.start)
    office = index.doc[start:token.i + 1].text.lower()
    # '"U.S. President Donald Trump ... that Kim had wanted ... 'the president said'": the leader the
    # text itself titles so, before one whose recorded office merely fits and whom the text titles
    # otherwise (Kim, "North Korean leader", is a head of state too); the titled one further back last,
    # the one then in office first ("Chancellor Merkel ... the treaty Chancellor Adenauer signed in 1963
    # ... the Chancellor said": Merkel)
    the = index.doc[start - 1]
    return antecedent(index, the, {"Leader"}, same_sentence=False, back=3,
                      fits=lambda key: _titled_in_text(index, key, office)) \
        or antecedent(index, the, {"Leader"}, same_sentence=False, back=3,
                      fits=lambda key: _holds_office(index, key, office)
                      and not _titled_otherwise(index, key, office)) \
        or antecedent(index, the, {"Leader"}, same_sentence=False, back=40,
                      fits=lambda key: _titled_in_text(index, key, office) and _in_office_then(index, key)) \
        or antecedent(index, the, {"Leader"}, same_sentence=False, back=40,
                      fits=lambda key: _titled_in_text(index, key, office))


def _holds_office(index: EntityIndex, key: str, office: str) -> bool:
    """Whether the text or the gazetteer gives this leader the office: "the prime minister" is not
    the president just named."""
    if _titled_in_text(index, key, office):
        return True
    entry = index.entries.get(key)
    wanted = _office_role(office)
    return entry is not None and wanted is not None and any(role == wanted for role, _, _ in entry.tenures)


def _office_role(office: str) -> str | None:
    """The gazetteer's role for an office noun: a prime minister heads a government, a president a state."""
    return "HeadOfGovernment" if office in HEAD_OF_GOVERNMENT_OFFICES else \
        "HeadOfState" if office in ("president", "leader") else None


def _titled_in_text(index: EntityIndex, key: str, office: str) -> bool:
    """Whether a mention of this leader holds the office or follows it right after ("President Donald
    Trump", "Federal Chancellor Angela Merkel"); an office of another phrase before it does not title it
    ("the Chancellor and the President": the President is no chancellor)."""
    size = len(office.split())
    return any(office in index.doc[m.start:m.end].text.lower() or (
        m.start >= size and index.doc[m.start - size:m.start].text.lower() == office)
        for m in index.mentions if m.key == key)


def _titled_otherwise(index: EntityIndex, key: str, office: str) -> bool:
    """Whether the text titles this leader with another office only ("North Korean leader Kim")."""
    titles = {t.lower_ for m in index.mentions if m.key == key
              for t in index.doc[max(m.start - 2, 0):m.end] if t.lower_ in OFFICE_WORDS}
    return bool(titles) and office.split()[-1] not in titles


def match_office_descriptions(index: EntityIndex) -> None:
    """'The secretary of state later said', 'the North Korean foreign minister said': the person named
    in the last five sentences whom the text titles so ("Secretary of State Mike Pompeo") or whose
    recorded office it is (the gazetteer's "Foreign Minister" of Ri Yong-ho), of the state named."""
    doc = index.doc
    for i in indices(words_of(doc).lower, MINISTER_NOUNS):
        token = doc[i]
        if token.i in index.token_key or token.tag_ in ("NNS", "NNPS") or doc[token.left_edge.i].lower_ != "the":
            continue
        following = doc[token.right_edge.i + 1] if token.right_edge.i + 1 < len(doc) else None
        if following is not None and (following.ent_type_ == "PERSON" or following.i in index.token_key):
            continue  # a title: "Foreign Minister Ri Yong Ho"
        if doc[token.i - 1].lower_ == "prime":
            continue  # a leader: see ``match_leader_nouns``
        office = _office_phrase(token)
        state, _ = state_modifier(index, token)
        key = antecedent(index, doc[token.left_edge.i], PERSON_KINDS, same_sentence=False, back=5,
                         fits=lambda k, office=office, state=state: _has_office(index, k, office, state))
        if key is not None:
            index.add(token.i, token.i + 1, key, doc[token.left_edge.i:token.right_edge.i + 1].text, 0.6)


def _office_phrase(noun: Token) -> str:
    """'foreign minister', 'secretary of state', 'national security adviser': the office's own words."""
    words = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and c.text.islower()]
    words = [t for w in words for t in w.subtree if t.text.islower()]
    of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    tail = f" of {of[0].lower_}" if len(of) == 1 and len(list(of[0].subtree)) == 1 else ""
    return " ".join([*(t.lower_ for t in sorted(words, key=lambda t: t.i)), noun.lower_]) + tail


def _has_office(index: EntityIndex, key: str, office: str, state: GazEntry | None) -> bool:
    """Whether the text titles this person with the office or the gazetteer records it (and the state fits)."""
    if state is not None and index.state_of(key) not in (state.qid, None):
        return False
    size = len(office.split()) + 2
    if any(office in index.doc[max(m.start - size, 0):m.start].text.lower() for m in index.mentions if m.key == key):
        return True
    entry = index.entries.get(key)
    return entry is not None and any(office in o.lower() for o in entry.offices)


def state_modifier(index: EntityIndex, head: Token) -> tuple[GazEntry | None, int]:
    """The state an office or government noun belongs to: "North Korean", "Russia's", "of Iran"."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < head.i:
            state = index.state_named_by(child)
            if state is not None:
                return state, child.left_edge.i if child.left_edge.lower_ != "the" else child.left_edge.i + 1
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (state := index.state_named_by(pobj)) is not None:
                    return state, head.i
    return None, head.i


def leader_of(index: EntityIndex, state_qid: str, office: str = "") -> str | None:
    """The one leader of this state the article names, else the one the gazetteer has in office."""
    named = [k for k, e in index.entities.items() if e.kind == "Leader" and index.state_of(k) == state_qid]
    if len(named) > 1 and office:  # "the Chinese leader" after Xi and Li Qiang: the head of state
        named = [k for k in named if _holds_office(index, k, office)] or named
    if len(named) > 1 and index.published is not None:
        # "the American president" in a 2021 story naming Trump and Biden: the one then in office
        named = [k for k in named if _in_office_then(index, k)] or named
    if len(named) == 1:
        return named[0]
    if named or index.published is None:
        return None
    day = index.published.date().isoformat()
    ranked = index.gaz.leaders_of(state_qid, index.published.date())
    if office == "leader" and ranked:  # "the North Korean leader": the one leading it, not a nominal head
        return index.entity_for(ranked[0], "Leader") if ranked[0].qid else None
    holders = {e.qid: e for e in ranked if e.qid}
    if len(holders) > 1 and (role := _office_role(office)) is not None:
        # "Russia's president" when the gazetteer has a president and a prime minister in office
        holders = {q: e for q, e in holders.items() if any(
            r == role and (start or "") <= day and (end is None or day <= end) for r, start, end in e.tenures)}
    if len(holders) != 1:
        return None
    return index.entity_for(next(iter(holders.values())), "Leader")


def _in_office_then(index: EntityIndex, key: str) -> bool:
    """Whether the gazetteer has this leader in office on the publication date."""
    entry = index.entries.get(key)
    state = index.state_of(key)
    return entry is not None and state is not None and index.published is not None \
        and entry in index.gaz.leaders_of(state, index.published.date())
