"""Entity mentions: find every leader, state, organisation, place and named source, and link it.

Linking is offline and precision-first (an empty link beats a wrong one):

1. Gazetteer aliases are matched as token n-grams through a dict (one lookup per capitalised token
   start, never a loop over the gazetteer); acronyms must match case exactly ("US" is not "us").
2. Capitals and metonyms ("Pyongyang insists", "the Kremlin") denote their state unless used as a
   location ("in Pyongyang").
3. Short names ("Kim") link to the one person of the article whose name they are part of; a
   name shared by two persons stays unlinked. Titles ("President", "Chairman") type unknown persons
   as Leaders; other unknown persons are Persons, unlinked.
4. "the North Korean leader" / "Russia's president" denote the article's leader of that state, or
   the gazetteer's office holder at the publication date when exactly one is known; "the Lithuanian
   capital" denotes that state's capital.
5. "the Trump administration", "the U.S. government", "North Korea's foreign ministry" become a
   Government with ``government_of`` its state and ``led_by`` its leader when known.
6. Personal pronouns (he/his/she/her) denote the nearest preceding person; it/its the nearest
   preceding state or organisation in the same sentence.

The rules below build one ``EntityIndex`` (``entity_index``); pronouns and descriptions look back
through ``entity_antecedents``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from diplograph.ingest import lexicon, names
from diplograph.ingest.entity_antecedents import antecedent
from diplograph.ingest.entity_index import AGENT_KINDS, PERSON_KINDS, EntityIndex, ensure_state, gaz_kind
from diplograph.ingest.facts import Span
from diplograph.ingest.gazetteer import GazEntry, Gazetteer
from diplograph.ingest.iris import slug
from diplograph.ingest.spans import ents_of, indices, quoted, sentence, words_of

# Longer entities that contain an alias without being about it ("Trump Tower", "New York Times").
OPAQUE_ENT_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
NAME_PUNCT = frozenset({"-", "\u2010", "\u2011", ".", "'", "\u2019", "&"})
MALE_FEMALE_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})


@dataclass
class AliasTable:
    """Gazetteer names as dicts from name key (``names.key``) to entries, for token-start lookups."""

    folded: dict[str, list[GazEntry]]
    cased: dict[str, list[GazEntry]]  # acronyms and very short names, matched only as written
    first_words: set[str]  # case-folded first word of every key: the cheap test before a lookup
    max_tokens: int
    # Every key's leading words ("kim", "kim jong", "kim jong un"): a window that is none of them
    # begins no name, and neither does any longer window from the same token.
    folded_prefixes: frozenset[str]
    cased_prefixes: frozenset[str]


@lru_cache(maxsize=4)
def alias_table(gaz: Gazetteer) -> AliasTable:
    folded: dict[str, list[GazEntry]] = {}
    cased: dict[str, list[GazEntry]] = {}
    longest = 1
    for entry in gaz.entries():
        for name in entry.names:
            exact = names.is_case_sensitive(name)
            key = names.key(name, keep_case=exact)
            if not key or not any(c.isalpha() for c in key):
                continue
            bucket = (cased if exact else folded).setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
            longest = max(longest, len(name.split()))
    first_words = {k.split(" ")[0].casefold() for k in [*folded, *cased]}
    # a name's words can be several spaCy tokens ("Kim Jong-un" is four): allow for hyphens and dots
    return AliasTable(folded, cased, first_words, longest * 3, _word_prefixes(folded), _word_prefixes(cased))


def _word_prefixes(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(words[:n]) for words in map(str.split, keys) for n in range(1, len(words) + 1))


def link_entities(doc: Doc, gaz: Gazetteer, published: datetime | None) -> EntityIndex:
    index = EntityIndex(doc, gaz, published)
    ents_by_token = {t.i: ent for ent in ents_of(doc) for t in ent}
    _match_aliases(index, ents_by_token)
    _match_demonyms(index)
    _match_metonym_ents(index)
    _match_persons(index)
    _match_leader_nouns(index)
    _match_kin_nouns(index)
    _match_office_descriptions(index)
    _match_capital_nouns(index)
    _match_halves(index)
    _match_pronouns(index)
    _match_own_country(index)
    _match_definite_descriptions(index)
    _match_governments(index)
    _match_unlinked_names(index)
    index.finish()
    return index


def _match_aliases(index: EntityIndex, ents_by_token: dict[int, SpacySpan]) -> None:
    doc, table = index.doc, alias_table(index.gaz)
    keys = _TokenKeys(doc)
    texts = keys.texts
    found: list[tuple[int, int, list[GazEntry]]] = []
    i, n = 0, len(doc)
    while i < n:
        if not (texts[i][:1].isupper() or texts[i][:1].isdigit()) or keys.folded(i) not in table.first_words:
            i += 1
            continue
        match = _longest_alias(doc, i, table, keys)
        if match is None or _inside_opaque_ent(doc[i:match[0]], ents_by_token):
            i += 1
            continue
        if match[0] - i > 1 and texts[i + 1][:1].isupper() and keys.folded(i + 1) in table.first_words \
                and (longer := _longest_alias(doc, i + 1, table, keys)) and longer[0] > match[0]:
            i += 1  # "Chairman Kim Jong Un": the full name, not the alias "Chairman Kim"
            continue
        found.append((i, match[0], match[1]))
        i = match[0]
    for start, end, candidates in found:
        span = doc[start:end]
        person = ents_by_token.get(start)
        if person is not None and person.label_ == "PERSON" and (person.start < start or person.end > end) \
                and not any(gaz_kind(c) in PERSON_KINDS for c in candidates):
            continue  # "Michael Jordan" is not Jordan, "Georgia Meloni"-style names are not states
        entry = _choose(index, span, candidates, ents_by_token.get(start))
        if entry is None or _another_body(span, entry):
            continue
        _add_linked(index, span, entry)


NATIONAL_WORDS = frozenset({"national", "supreme", "federal", "state", "security"})


def _another_body(span: SpacySpan, entry: GazEntry) -> bool:
    """A short form of an international body's name ("Security Council" of the United Nations Security
    Council) that the text gives to a national one, or that ends a longer name: "National Security Council
    spokesman", "Russia's Security Council", "the Peace and Security Council"."""
    short, full = names.key(span.text), names.key(entry.label)
    if gaz_kind(entry) != "Organization" or short == full or not full.endswith(" " + short) or span.start == 0:
        return False
    doc = span.doc
    before = doc[span.start - 1]
    if before.lower_ in ("and", "&") and span.start > 1 and doc[span.start - 2].text[:1].isupper():
        return True  # the tail of a longer name: the African Union's "Peace and Security Council"
    return before.lower_ in NATIONAL_WORDS or before.tag_ == "POS" or before.lower_ in ("its", "their")


class _TokenKeys:
    """``names.key`` of each token, computed once: a window's key is its tokens' keys joined, which
    is what ``names.key`` gives for the window's text ("Kim Jong-un" -> "kim jong un")."""

    def __init__(self, doc: Doc) -> None:
        self.texts = words_of(doc).text
        self.cache: dict[int, tuple[str, str]] = {}

    def both(self, i: int) -> tuple[str, str]:
        if i not in self.cache:
            text = self.texts[i]
            self.cache[i] = (names.key(text), names.key(text, keep_case=True))
        return self.cache[i]

    def folded(self, i: int) -> str:
        return self.both(i)[0]


def _longest_alias(doc: Doc, start: int, table: AliasTable, keys: _TokenKeys) -> tuple[int, list[GazEntry]] | None:
    """The longest alias that starts at token ``start`` (its end and entries), or None.

    Names run over words, hyphens, dots and apostrophes only, and none ends on punctuation. The
    window grows one token at a time while its key still begins some alias, so each token's key is
    joined once.
    """
    best = None
    folded, cased = keys.both(start)
    for end in range(start + 1, min(len(doc), start + table.max_tokens) + 1):
        token = doc[end - 1]
        if end > start + 1:
            if token.is_space or (token.is_punct and token.text not in NAME_PUNCT):
                break
            more_folded, more_cased = keys.both(end - 1)
            folded = f"{folded} {more_folded}" if folded and more_folded else folded or more_folded
            cased = f"{cased} {more_cased}" if cased and more_cased else cased or more_cased
        if folded not in table.folded_prefixes and cased not in table.cased_prefixes:
            break
        if not token.is_punct and (candidates := table.folded.get(folded, []) + table.cased.get(cased, [])):
            best = end, list(dict.fromkeys(candidates))
    return best


def _inside_opaque_ent(span: SpacySpan, ents_by_token: dict[int, SpacySpan]) -> bool:
    ent = ents_by_token.get(span.start)
    if ent is None or ent.label_ not in OPAQUE_ENT_LABELS:
        return False
    core = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS"]
    if not core or core[-1].i < span.end:
        return False  # the alias covers the entity's head (its end): "Treasury's Office of Foreign Assets Control"
    doc = span.doc
    if span[-1].tag_ == "POS" or (span.end < len(doc) and doc[span.end].tag_ == "POS") \
            or (span.start > ent.start and doc[span.start - 1].tag_ == "POS"):
        return False  # owner and owned: "the Treasury Department's Office of Foreign Assets Control"
    head = ent.root.lower_
    return head not in lexicon.GOVERNMENT_NOUNS and head not in lexicon.MINISTRY_NOUNS


def _choose(index: EntityIndex, span: SpacySpan, candidates: list[GazEntry], ent: SpacySpan | None) -> GazEntry | None:
    by_qid = {c.qid or c.label: c for c in candidates}
    if len(by_qid) == 1:
        return candidates[0]
    label = ent.label_ if ent is not None else ""
    wanted = {"PERSON": PERSON_KINDS, "GPE": {"State", "Place"}, "LOC": {"Place"},
              "ORG": {"Organization", "State"}, "NORP": {"State"}}.get(label, set())
    fitting = [c for c in by_qid.values() if gaz_kind(c) in wanted] if wanted else list(by_qid.values())
    if len(fitting) == 1:
        return fitting[0]
    known = [c for c in fitting if (c.qid or slug(c.label)) in index.entities]
    return known[0] if len(known) == 1 else None


def _add_linked(index: EntityIndex, span: SpacySpan, entry: GazEntry) -> None:
    kind = gaz_kind(entry)
    if kind in ("Place", "Organization") and not _locative(span):
        state = index.gaz.metonym(span.text)
        if state is not None and gaz_kind(state) == "State":
            index.add(span.start, span.end, index.entity_for(state), span.text, 0.8)
            return
    index.add(span.start, span.end, index.entity_for(entry), span.text, 0.95 if len(span.text) > 3 else 0.9)


def _locative(span: SpacySpan) -> bool:
    """Used as a location ("in Pyongyang", "visited Hanoi", "the Hanoi summit") rather than an actor
    ("a message to Pyongyang", "shells supplied to Moscow")."""
    head = span.root
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:  # "in Singapore, Hanoi and at the DMZ"
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in lexicon.LOCATIVE_PREPS:
        prep = head.head
        if prep.lower_ == "in" and _speaks_for_state(prep.head):
            return False  # "officials in Washington", "the presidential office in Seoul": the state's voice
        return prep.lower_ not in ("to", "from") or prep.head.lemma_.lower() in lexicon.MOTION_WORDS
    if head.dep_ == "dobj" and head.head.lemma_ in lexicon.PLACE_VERBS:
        return True
    return head.dep_ in ("compound", "nmod") and head.head.lemma_ in lexicon.SUMMIT_NOUNS


SEAT_NOUNS = frozenset({"office", "ministry", "government", "administration", "cabinet", "presidency"})


def _speaks_for_state(noun: Token) -> bool:
    """A plural source noun ("officials", "critics") or a seat of government no one else is named as
    owning ("the presidential office", not "the U.S. embassy"): placed in a capital, it is that state's
    government or people speaking."""
    lemma = noun.lemma_.lower()
    if noun.tag_ == "NNS":
        return lemma in lexicon.GROUP_NOUNS
    return lemma in SEAT_NOUNS and not any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c.text[:1].isupper() for c in noun.children if c.i < noun.i)


def _match_metonym_ents(index: EntityIndex) -> None:
    """Named entities the aliases missed that the gazetteer knows as a state's metonym ("the Kremlin")."""
    for ent in ents_of(index.doc):
        if ent.label_ not in ("ORG", "FAC", "GPE", "LOC") or any(t.i in index.token_key for t in ent):
            continue
        tokens = [t for t in ent if t.tag_ != "POS"]
        if not tokens:
            continue
        surface = index.doc[tokens[0].i:tokens[-1].i + 1]
        state = index.gaz.metonym(surface.text)
        if state is not None and gaz_kind(state) == "State" and not _locative(surface):
            index.add(surface.start, surface.end, index.entity_for(state), surface.text, 0.75)


def _match_demonyms(index: EntityIndex) -> None:
    for ent in ents_of(index.doc):
        if ent.label_ != "NORP" or any(t.i in index.token_key for t in ent):
            continue
        state = index.gaz.by_demonym(ent.text)
        if state is not None and gaz_kind(state) == "State":
            for token in ent:
                index.demonyms[token.i] = state


def _leader_noun(token: Token) -> tuple[int, int] | None:
    """Token span of an office noun ("leader", "prime minister") headed by ``token``."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lower = token.lower_
    if lower == "minister" and token.i > 0 and token.doc[token.i - 1].lower_ == "prime":
        return token.i - 1, token.i + 1
    return (token.i, token.i + 1) if lower in lexicon.LEADER_NOUNS else None


OFFICE_WORDS = lexicon.LEADER_NOUNS | {"minister"}  # the last word of every office ``_leader_noun`` finds


def _match_leader_nouns(index: EntityIndex) -> None:
    doc = index.doc
    for i in indices(words_of(doc).lower, OFFICE_WORDS):
        token = doc[i]
        span = _leader_noun(token)
        if span is None or token.i in index.token_key or token.tag_ in ("NNS", "NNPS") or _indefinite(doc[span[0]]):
            continue
        following = doc[span[1]] if span[1] < len(doc) else None
        if following is not None and (following.ent_type_ == "PERSON" or following.i in index.token_key):
            continue  # a title: "North Korean leader Kim Jong-un"
        state, first = _state_modifier(index, token)
        if state is None:
            leader = _office_holder_named_before(index, token, span[0])
            if leader is not None:
                index.add(span[0] - 1, span[1], leader, doc[span[0] - 1:span[1]].text, 0.6)
            continue
        leader = _leader_of(index, state.qid, doc[span[0]:span[1]].text.lower())
        if leader is not None:
            index.add(first, span[1], leader, doc[first:span[1]].text, 0.7)


def _match_kin_nouns(index: EntityIndex) -> None:
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


MINISTER_NOUNS = frozenset({"minister", "secretary", "adviser", "advisor", "envoy", "representative", "negotiator"})


def _match_office_descriptions(index: EntityIndex) -> None:
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
            continue  # a leader: see ``_match_leader_nouns``
        office = _office_phrase(token)
        state, _ = _state_modifier(index, token)
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
    # otherwise (Kim, "North Korean leader", is a head of state too); the titled one further back last
    the = index.doc[start - 1]
    return antecedent(index, the, {"Leader"}, same_sentence=False, back=3,
                      fits=lambda key: _titled_in_text(index, key, office)) \
        or antecedent(index, the, {"Leader"}, same_sentence=False, back=3,
                      fits=lambda key: _holds_office(index, key, office)
                      and not _titled_otherwise(index, key, office)) \
        or antecedent(index, the, {"Leader"}, same_sentence=False, back=40,
                      fits=lambda key: _titled_in_text(index, key, office))


def _indefinite(first: Token) -> bool:
    """"an American president", "any leader": no one in particular."""
    return first.i > 0 and first.doc[first.i - 1].lower_ in ("a", "an", "any", "every", "no")


HEAD_OF_GOVERNMENT_OFFICES = frozenset({"prime minister", "premier", "chancellor"})


def _holds_office(index: EntityIndex, key: str, office: str) -> bool:
    """Whether the text or the gazetteer gives this leader the office: "the prime minister" is not
    the president just named."""
    if _titled_in_text(index, key, office):
        return True
    entry = index.entries.get(key)
    wanted = "HeadOfGovernment" if office in HEAD_OF_GOVERNMENT_OFFICES else \
        "HeadOfState" if office in ("president", "leader") else None
    return entry is not None and wanted is not None and any(role == wanted for role, _, _ in entry.tenures)


def _titled_in_text(index: EntityIndex, key: str, office: str) -> bool:
    """Whether a mention of this leader holds the office or follows it ("President Donald Trump")."""
    return any(office in index.doc[m.start:m.end].text.lower() or (
        m.start >= 2 and office in index.doc[m.start - 2:m.start].text.lower())
        for m in index.mentions if m.key == key)


def _titled_otherwise(index: EntityIndex, key: str, office: str) -> bool:
    """Whether the text titles this leader with another office only ("North Korean leader Kim")."""
    titles = {t.lower_ for m in index.mentions if m.key == key
              for t in index.doc[max(m.start - 2, 0):m.end] if t.lower_ in OFFICE_WORDS}
    return bool(titles) and office.split()[-1] not in titles


CAPITAL_WORDS = frozenset({"capital"})


def _match_capital_nouns(index: EntityIndex) -> None:
    """"the Lithuanian capital", "Hungary's capital": the capital the gazetteer records for that state."""
    for i in indices(words_of(index.doc).lower, CAPITAL_WORDS):
        token = index.doc[i]
        if token.pos_ != "NOUN" or token.i in index.token_key:
            continue
        state, first = _state_modifier(index, token)
        capital = index.gaz.by_qid(state.capital) if state is not None and state.capital else None
        if capital is not None and gaz_kind(capital) == "Place":
            index.add(first, token.i + 1, index.entity_for(capital), index.doc[first:token.i + 1].text, 0.7)


def _state_modifier(index: EntityIndex, head: Token) -> tuple[GazEntry | None, int]:
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


def _leader_of(index: EntityIndex, state_qid: str, office: str = "") -> str | None:
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
    holders = {e.qid: e for e in index.gaz.leaders_of(state_qid, index.published.date()) if e.qid}
    if len(holders) != 1:
        return None
    return index.entity_for(next(iter(holders.values())), "Leader")


def _in_office_then(index: EntityIndex, key: str) -> bool:
    """Whether the gazetteer has this leader in office on the publication date."""
    entry = index.entries.get(key)
    state = index.state_of(key)
    return entry is not None and state is not None and entry in index.gaz.leaders_of(state, index.published.date())


GOVERNMENT_WORDS = lexicon.GOVERNMENT_NOUNS | lexicon.MINISTRY_NOUNS


def _match_governments(index: EntityIndex) -> None:
    doc = index.doc
    for i in indices(words_of(doc).lower, GOVERNMENT_WORDS):
        token = doc[i]
        lower = token.lower_
        if token.i in index.token_key or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if lower in lexicon.GOVERNMENT_NOUNS:
            _government(index, token)
        elif lower in lexicon.MINISTRY_NOUNS and token.text[:1].islower():
            _ministry(index, token)


def _government(index: EntityIndex, token: Token) -> None:
    for child in token.children:
        if child.dep_ not in ("compound", "poss", "amod", "nmod") or child.i > token.i:
            continue
        key = index.key_of_phrase(child)
        start = child.left_edge.i + (child.left_edge.lower_ == "the")
        if key and index.kind(key) == "Person" and index.entities[key].qid is None and child.dep_ == "poss":
            index.entities[key].kind = "Leader"  # "Nicolas Maduro's government": whose it is leads one
        if key and index.kind(key) == "Leader":
            leader = index.entities[key]
            gov = index.unlinked("Government", f"{_surname(index, key)} {token.lower_}", 0.8,
                                 government_of=ensure_state(index, index.state_of(key)), led_by=leader.key)
            index.replace(start, token.i + 1, gov, doc_text(index.doc, start, token.i + 1), 0.8)
            return
        state = index.state_named_by(child)
        if state is not None:
            state_key = index.entity_for(state)
            leader = _leader_of(index, state.qid)
            gov = index.unlinked("Government", f"{state.label} {token.lower_}", 0.75,
                                 government_of=state_key, led_by=leader)
            index.replace(start, token.i + 1, gov, doc_text(index.doc, start, token.i + 1), 0.75)
            _still_names(index, child, state_key)
            return


def _surname(index: EntityIndex, key: str) -> str:
    """The name a leader's government goes by ("the Trump administration", "the Maduro government"),
    however the text points at them ("his government", "President Nicolas Maduro's government"): a
    one-word name the gazetteer gives them, the name after a title in one ("Chairman Kim"), else the
    shortest name the article calls them by."""
    entry = index.entries.get(key)
    names = entry.names if entry else ()
    single = [n for n in names if " " not in n and n.isascii()]
    titled = [n.split()[-1] for n in names if len(n.split()) == 2 and n.split()[0].casefold() in TITLE_WORDS]
    called = sorted((s.text for s in index.entities[key].mentions
                     if s.text[:1].isupper() and s.text.casefold() not in MALE_FEMALE_PRONOUNS), key=len)
    return (single or titled or called or [index.entities[key].label])[0]


def _ministry(index: EntityIndex, token: Token) -> None:
    """'North Korea's foreign ministry': part of the state's government, so modelled as a Government."""
    words = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i and c.text.islower()]
    state, start = _state_modifier(index, token)
    if state is None or not words:
        return
    name = " ".join([*(w.lower_ for w in sorted(words, key=lambda w: w.i)), token.lower_])
    owner = next((c for c in token.children if c.dep_ == "poss" and index.state_named_by(c) is not None), None)
    gov = index.unlinked("Government", f"{state.label} {name}", 0.7, government_of=index.entity_for(state))
    index.replace(start, token.i + 1, gov, doc_text(index.doc, start, token.i + 1), 0.7)
    if owner is not None:
        _still_names(index, owner, index.entity_for(state))


def _still_names(index: EntityIndex, owner: Token, state_key: str) -> None:
    """'China's foreign ministry' is the ministry to the rules, but it also names China: the state's
    name inside the phrase stays a mention of the state (a span nested in the ministry's), so an article
    naming China only there still mentions it. An adjective ("the Chinese foreign ministry") does not."""
    if owner.pos_ != "PROPN":
        return
    first = owner.i
    while first > owner.left_edge.i and index.doc[first - 1].pos_ == "PROPN":  # "North Korea's"
        first -= 1
    start, end = index.doc[first].idx, owner.idx + len(owner.text)
    entity = index.entities[state_key]
    if all((m.start, m.end) != (start, end) for m in entity.mentions):
        entity.mentions.append(Span(start, end, index.doc.text[start:end]))
        entity.matched_alias = entity.matched_alias or index.doc.text[start:end]


def doc_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _name_parts(index: EntityIndex) -> dict[str, set[str]]:
    """The name words of each article person (first, last and middle ones: "Lula" of "Luiz Inacio
    Lula da Silva"), for short-name references ("Kim")."""
    parts: dict[str, set[str]] = {}
    for key, entity in index.entities.items():
        if entity.kind not in PERSON_KINDS:
            continue
        entry = index.entries.get(key)
        names = {entity.label, *(entry.aliases if entry else [])}
        for name in names:
            words = [w for w in name.split() if len(w) > 1 and w[:1].isupper() and w.casefold() not in TITLE_WORDS]
            for word in _name_words(words):
                parts.setdefault(word.casefold(), set()).add(key)
    return parts


def _name_words(words: list[str]) -> set[str]:
    """First, last and any middle capitalised word of three letters or more."""
    return ({words[0], words[-1]} | {w for w in words[1:-1] if len(w) > 2 and w[:1].isupper()}) if words else set()


def _match_persons(index: EntityIndex) -> None:
    doc = index.doc
    parts = _name_parts(index)
    pending = []
    for ent in ents_of(doc):
        if ent.label_ != "PERSON" and not _listed_with_persons(ent):
            continue
        tokens = [t for t in ent if (t.tag_ != "POS" and t.lower_ != "the" and not t.is_punct) or t.text == "-"]
        while tokens and _title_words(tokens[0]):
            tokens = tokens[1:]
        if not tokens or any(t.i in index.token_key for t in tokens) or "\n" in ent.text:
            continue
        end = _past_particles(doc, tokens[-1].i + 1, index)
        pending.append(doc[tokens[0].i:_past_cut_surname(doc, end, index)])
    for span in pending:
        _add_person(index, span, parts)
    for ent in ents_of(doc):  # "Brazil's Luiz Inacio Lula da Silva", a person named before, tagged an organisation
        if ent.label_ != "PERSON" and not any(t.i in index.token_key for t in ent) \
                and (person := _person_called(index, ent.text)) is not None:
            index.add(ent.start, ent.end, person, ent.text, 0.7)
    # short references ("Ri said", "Yoon" tagged GPE), also to persons just found ("von der Leyen"), and
    # a subject or possessor the tagger took for an adjective or noun ("Albanese later agreed",
    # "Morrison's cancellation")
    named = [doc[i] for i, text in enumerate(words_of(doc).text) if text.casefold() in parts]
    for span in [doc[t.i:t.i + 1] for t in named if (t.ent_type_ != "PERSON" or _paired_by_hyphen(index, t))
                 and t.i not in index.token_key and (t.pos_ == "PROPN" or (
                     t.pos_ in ("ADJ", "NOUN") and t.text[:1].isupper() and t.dep_ in ("nsubj", "nsubjpass", "poss")))]:
        _add_person(index, span, parts)


def _paired_by_hyphen(index: EntityIndex, token: Token) -> bool:
    """'a Trump-Kim meeting', tagged one person: a name hyphened to a person already found is another."""
    doc = index.doc
    for hyphen, other in ((token.i - 1, token.i - 2), (token.i + 1, token.i + 2)):
        if 0 <= other < len(doc) and doc[hyphen].text == "-" and (key := index.token_key.get(other)) is not None \
                and index.kind(key) in PERSON_KINDS:
            return True
    return False


def _listed_with_persons(ent: SpacySpan) -> bool:
    """'Argentina's Alberto Fernandez, Colombia's Gustavo Petro, Chile's Gabriel Boric', the middle one
    tagged an organisation: a name in a list of persons' names is a person's."""
    if ent.label_ not in ("ORG", "GPE") or not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in ent):
        return False
    root = ent.root
    listed = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(t.ent_type_ == "PERSON" for t in listed)


def _person_called(index: EntityIndex, name: str) -> str | None:
    """The person the article has already found under exactly this name, which spaCy tags otherwise here."""
    found = {key for key, e in index.entities.items() if e.kind in PERSON_KINDS and e.label == name}
    return next(iter(found)) if len(found) == 1 else None


def _add_person(index: EntityIndex, span: SpacySpan, parts: dict[str, set[str]]) -> None:
    """One name the tagger found: a short reference to a known person (one word of the name, or several
    that only that person's name holds), or a new person."""
    if len(span) == 1 and (keys := parts.get(span.text.casefold())) and len(keys) == 1:
        index.add(span.start, span.end, next(iter(keys)), span.text, 0.8)
        return
    words = {w.casefold() for w in _name_words([t.text for t in span if t.text[:1].isupper()])}
    if len(span) > 1 and words and len(owners := set.intersection(*(parts.get(w, set()) for w in words))) == 1:
        index.add(span.start, span.end, next(iter(owners)), span.text, 0.8)  # "Mohamed bin Zayed" of "... Al Nahyan"
        return
    if len(span) == 1 and keys and (leader := _namesake_leader(index, keys, span.start)) is not None:
        index.add(span.start, span.end, leader, span.text, 0.7)
        return
    if len(span) == 1 and not _has_title(span):
        return  # an unknown single name: too weak to type or link
    office = _office_given(span)
    kind = "Leader" if _has_title(span) or office is not None else "Person"
    key = index.unlinked(kind, span.text, 0.6)
    index.add(span.start, span.end, key, span.text, 0.6)
    state = _title_state(index, span) if kind == "Leader" else None
    if state is None and office is not None:
        state = _state_modifier(index, office)[0]
    if state is not None and state.qid:
        index.titled_states.setdefault(key, state.qid)
    for word in _name_words([t.text for t in span]):
        parts.setdefault(word.casefold(), set()).add(key)


NAME_PARTICLES = frozenset({"von", "der", "van", "den", "de", "da", "del", "della", "di", "du", "le", "la", "ter",
                            "bin", "ibn"})


def _past_cut_surname(doc: Doc, end: int, index: EntityIndex) -> int:
    """The end of a name the tagger cut before its surname ("Maria Corina" + "Machado", the surname
    untagged and the name's head): past that word."""
    if end >= len(doc) or end in index.token_key:
        return end
    last, after = doc[end - 1], doc[end]
    if after.pos_ == "PROPN" and not after.ent_type_ and after.text[:1].isupper() and after.text[1:].islower() \
            and last.dep_ == "compound" and last.head.i == after.i:
        return end + 1
    return end


def _past_particles(doc: Doc, end: int, index: EntityIndex) -> int:
    """The end of a name whose surname starts with particles the tagger cut off ("Ursula von" +
    "der Leyen", "Ursula von der" + "Leyen"): past the particles and the capitalised word after them."""
    j = end
    while j < len(doc) and doc[j].lower_ in NAME_PARTICLES and doc[j].text.islower():
        j += 1
    ends_in_particle = doc[end - 1].lower_ in NAME_PARTICLES and doc[end - 1].text.islower()  # "Ursula von der"
    if (j == end and not ends_in_particle) or j >= len(doc) or not doc[j].text[:1].isupper() or doc[j].pos_ != "PROPN" \
            or any(i in index.token_key for i in range(end, j + 1)):
        return end
    return j + 1


def _namesake_leader(index: EntityIndex, keys: set[str], at: int) -> str | None:
    """'Kim' in an article naming Kim Jong Un and Kim Yo Jong: the leader, the one a bare surname
    means in the news (writers name the other one in full or by pronoun), unless the other namesake
    was the last of them named in this very sentence."""
    leaders = [k for k in keys if index.kind(k) == "Leader"]
    if len(leaders) != 1:
        return None
    before = [m for m in index.mentions if m.key in keys and m.start < at]
    last = max(before, key=lambda m: m.start, default=None)
    if last is not None and last.key != leaders[0] and last.start >= sentence(index.doc[at]).start:
        return None
    return leaders[0]


TITLE_WORDS = frozenset({"president", "prime", "minister", "chancellor", "king", "queen", "chairman", "premier",
                         "leader", "supreme", "general", "secretary", "emperor", "mr", "mrs", "ms", "dr", "sir"})


def _title_words(token: Token) -> bool:
    return token.lower_ in TITLE_WORDS


def _has_title(span: SpacySpan) -> bool:
    """A leader title right before the name: "President X", "Prime Minister X", "Russian leader X"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    for n in (2, 1):
        if len(before) >= n and " ".join(before[-n:]) in lexicon.LEADER_TITLES:
            rest = before[:-n]
            return not (rest and rest[-1] in lexicon.NOT_LEADER_BEFORE_TITLE)
    return False


def _office_given(span: SpacySpan) -> Token | None:
    """The leader office the text gives the name: in apposition ("Syria's interim president, Ahmed
    al-Sharaa", "Anthony Albanese, Australia's prime minister,") or as its predicate ("Albanese became
    the first Australian prime minister to visit China")."""
    root = span.root
    head = root.head
    offices = []
    if root.dep_ == "appos" and head.i < span.start:
        offices.append(head)
    offices += [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "nsubj" and head.lemma_.lower() in ("be", "become", "remain"):
        offices += [c for c in head.children if c.dep_ == "attr"]
    for office in offices:
        before = office.doc[office.i - 1].lower_ if office.i > 0 else ""
        if office.lower_ == "minister" and before != "prime":
            continue
        if (office.lower_ in lexicon.LEADER_NOUNS or office.lower_ == "minister") \
                and before not in lexicon.NOT_LEADER_BEFORE_TITLE:
            return office
    return None


def _title_state(index: EntityIndex, span: SpacySpan) -> GazEntry | None:
    """The state a leader's title names: "Swedish Prime Minister X", "Spain's Prime Minister X", or the
    readout style's "President X of Brazil"."""
    doc = index.doc
    i = span.start - 1
    while i >= 0 and _title_words(doc[i]):
        i -= 1
    if i == span.start - 1:
        return None
    after = span.end + 1 + (span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "the")
    if after < len(doc) and doc[span.end].lower_ == "of":
        state = index.state_named_by(doc[after])
        if state is not None and gaz_kind(state) == "State":
            return state
    if i < 0:
        return None
    token = index.doc[i]
    if token.tag_ == "POS" and i > 0:
        token = index.doc[i - 1]
    state = index.state_named_by(token)
    return state if state is not None and gaz_kind(state) == "State" else None


def _match_pronouns(index: EntityIndex) -> None:
    index.mentions.sort(key=lambda m: m.start)
    doc = index.doc
    genders = _stated_genders(index)
    for i in indices(words_of(doc).pos, ("PRON",)):
        token = doc[i]
        lower = token.lower_
        if token.i in index.token_key:
            continue
        if lower in MALE_FEMALE_PRONOUNS:
            gender = "f" if lower in FEMALE_PRONOUNS else "m"
            compatible = _gender_fits(genders, gender)
            if lower in OBJECT_PRONOUNS and (bound := _clause_subjects(index, token)):
                # "led Macron to accuse him": an object pronoun is not its own clause's subject
                compatible = _excluding(compatible, bound)
            # A quote's words are the speaker's, not the narrative's: '"I spoke with Vladimir," he said'
            # continues with whoever the narrative was about, not Vladimir (nor the quote's "I").
            unquoted = None if quoted(token) else (lambda t: not quoted(t))
            # "Kim Yo Jong, the leader's sister, ... She denied ...": a person the text marks as a woman
            key = antecedent(index, token, PERSON_KINDS, same_sentence=False, back=1,
                             fits=_gender_fits(genders, gender, known=True), where=unquoted) \
                if gender == "f" else None
            if key is None and token.dep_ == "nsubj" and not any(
                    t.dep_ == "nsubj" and (unquoted is None or unquoted(t)) for t in sentence(token) if t.i < token.i):
                key = antecedent(index, token, PERSON_KINDS, same_sentence=False, subjects_only=True,
                                 where=unquoted, fits=compatible)
            if key is None and token.dep_ == "nsubj":
                key = _governing_subject(index, token)
                key = key if key is None or compatible(key) else None
            key = key or antecedent(index, token, PERSON_KINDS, same_sentence=False, where=unquoted, fits=compatible)
            if key is not None:
                genders.setdefault(key, gender)
        elif lower in THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
            key = _reflexive_owner(index, token)  # "its own sanctions": the clause subject's
            # a subject "it" continues the sentence's subject ("The EU listed firms it accused of ...")
            if key is None and token.dep_ == "nsubj":
                key = antecedent(index, token, AGENT_KINDS, same_sentence=True, subjects_only=True)
            key = key or antecedent(index, token, AGENT_KINDS, same_sentence=True)
            if key is None and token.dep_ == "nsubj" and token.i == sentence(token).start \
                    and token.head.lemma_.lower() != "be":  # "It is unclear ...": no one
                # "Beijing sanctioned two firms. It has also imposed sanctions on ...": the last main subject
                key = antecedent(index, token, AGENT_KINDS, same_sentence=False, subjects_only=True, back=1,
                                 main_only=True)
        else:
            continue
        if key is not None:
            index.add(token.i, token.i + 1, key, token.text, 0.55)
            index.mentions.sort(key=lambda m: m.start)


def _reflexive_owner(index: EntityIndex, pronoun: Token) -> str | None:
    """'The United States, according to the State Department, has no plans to ease its own sanctions':
    "its own" belongs to the subject of the clause it is in, up through objects and infinitives (not past
    a preposition: "accused NATO of expanding its own presence" is NATO's), not to the nearest name."""
    doc = pronoun.doc
    if pronoun.dep_ != "poss" or pronoun.i + 1 >= len(doc) or doc[pronoun.i + 1].lower_ != "own":
        return None
    node = pronoun.head
    while node.dep_ in ("dobj", "xcomp", "acl", "attr", "conj") and node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            key = index.key_of_phrase(subject)
            return key if key is not None and index.kind(key) in AGENT_KINDS else None
    return None


OBJECT_PRONOUNS = frozenset({"him", "her"})
COUNTRY_NOUNS = frozenset({"country", "nation"})


def _match_own_country(index: EntityIndex) -> None:
    """'said her country had no intention of ...': a person's "his/her country" is the state the
    gazetteer (or a title) gives that person, and the phrase mentions the state, not the person."""
    doc = index.doc
    for i in indices(words_of(doc).lower, COUNTRY_NOUNS):
        token = doc[i]
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        key = index.token_key.get(owner.i) if owner is not None else None
        if key is None or index.kind(key) not in PERSON_KINDS or token.i in index.token_key:
            continue
        state = ensure_state(index, index.state_of(key))
        if state is not None:
            index.replace(owner.i, token.i + 1, state, doc[owner.i:token.i + 1].text, 0.6)


def _excluding(fits: Callable[[str], bool], bound: set[str]) -> Callable[[str], bool]:
    return lambda key: fits(key) and key not in bound


def _clause_subjects(index: EntityIndex, pronoun: Token) -> set[str]:
    """Who is the subject of the clause an object pronoun is in (for a controlled infinitive, the
    controller: the object of "led Macron to accuse him", the subject of "wanted to meet him")."""
    verb = pronoun.head
    if pronoun.dep_ not in ("dobj", "dative", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return set()
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "xcomp":
        controller = [c for c in verb.head.children if c.dep_ == "dobj"] or \
            [c for c in verb.head.children if c.dep_ == "nsubj"]
        subjects = controller
    return {key for s in subjects if (key := index.token_key.get(s.i)) is not None}


def _match_definite_descriptions(index: EntityIndex) -> None:
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


def _category(index: EntityIndex, key: str) -> str:
    entry = index.entries.get(key)
    return entry.category if entry is not None else ""


def _gender_fits(genders: dict[str, str], gender: str, known: bool = False) -> Callable[[str], bool]:
    """Whether a person may be the antecedent: not marked otherwise (``known``: marked so)."""
    return lambda key: genders.get(key, None if known else gender) == gender


def _stated_genders(index: EntityIndex) -> dict[str, str]:
    """Persons the text marks as a woman or a man: an apposition or title ("Kim Yo Jong, the leader's
    sister", "Queen Elizabeth"), or the gazetteer's record ("Choe Son Hui ... She said"). Pronouns then
    resolve only to compatible persons, and each resolved pronoun marks its person in turn."""
    genders: dict[str, str] = {}
    for mention in index.mentions:
        if index.kind(mention.key) not in PERSON_KINDS:
            continue
        entry = index.entries.get(mention.key)
        if entry is not None and entry.gender:
            genders.setdefault(mention.key, entry.gender)
        span = index.doc[mention.start:mention.end]
        words = {c.lemma_.lower() for c in span.root.children if c.dep_ == "appos"}
        if mention.start > 0:
            words.add(index.doc[mention.start - 1].lower_.rstrip("."))
        if words & lexicon.FEMALE_NOUNS:
            genders.setdefault(mention.key, "f")
        elif words & lexicon.MALE_NOUNS:
            genders.setdefault(mention.key, "m")
    return genders


def _governing_subject(index: EntityIndex, pronoun: Token) -> str | None:
    """A subject pronoun of a subordinate clause continues the subject of the clause it depends on:
    "Modi held talks with Putin on Monday, a day after he met Xi" ("he" is Modi, not Putin), "Maduro
    thanked Lula for what he called a new era" ("he" is Maduro: the clause is a preposition's object)."""
    clause = pronoun.head
    while clause.dep_ in ("advcl", "conj", "pcomp") and clause.head.i != clause.i:  # adverbial, coordinate links
        verb = clause.head
        if clause.dep_ == "pcomp" and verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "thanked Lula for what he called ...": the verb the preposition hangs on
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < pronoun.i), None)
        if subject is not None:
            key = index.token_key.get(subject.i)
            return key if key is not None and index.kind(key) in PERSON_KINDS else None
        clause = verb
    return None


HALF_WORDS = frozenset({"North", "South"})


def _match_halves(index: EntityIndex) -> None:
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


COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
UNLINKED_KINDS = {"ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}

# What a noun set beside a name says it is: "the news agency Xinhua" (tagged a place), "Russia's
# ambassador to the UN, Vassily Nebenzia" (tagged an organisation).
DESCRIBED_KINDS = {
    **dict.fromkeys(lexicon.PERSON_SOURCE_NOUNS | MINISTER_NOUNS | {"ambassador", "senator", "general", "commander",
                                                                   "chairman", "chairwoman", "chairperson", "chief",
                                                                   "director"}, "Person"),
    **dict.fromkeys({"agency", "company", "firm", "bank", "newspaper", "broadcaster", "outlet", "network", "group",
                     "organisation", "organization", "party", "institute", "council"}, "Organization"),
    **dict.fromkeys({"city", "town", "port", "island", "region", "province", "resort", "village"}, "Place"),
}
OFFICE_OF_NOUNS = MINISTER_NOUNS | {"ministry", "department"}  # "Secretary of State", "Ministry of Defence"


def _match_unlinked_names(index: EntityIndex) -> None:
    """Organisations and places spaCy finds that the gazetteer does not know: typed, never linked."""
    for ent in ents_of(index.doc):
        kind = UNLINKED_KINDS.get(ent.label_)
        if kind is None or "\n" in ent.text or any(t.i in index.token_key for t in ent) or _names_an_office(ent):
            continue
        kind = _described_kind(ent) or kind
        tokens = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS" and not t.is_punct]
        if not tokens or not tokens[0].text[:1].isupper() or tokens[-1].pos_ not in ("PROPN", "NOUN"):
            continue
        if len(tokens) == 1 and tokens[0].lower_ in COMPASS_WORDS:
            continue  # "the North", "the West": a side, not a place the gazetteer could name
        span = index.doc[tokens[0].i:tokens[-1].i + 1]
        if kind == "Organization" and len(span) == 1 and (known := _named_organisation(index, span.text)):
            index.add(span.start, span.end, known, span.text, 0.7)  # "Treasury said": the one named before
            continue
        index.add(span.start, span.end, index.unlinked(kind, span.text, 0.5), span.text, 0.5)


def _names_an_office(ent: SpacySpan) -> bool:
    """'Secretary of State', 'Minister of Defence': part of an office's name, no organisation of its own."""
    of = ent.root.head
    return ent.root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in OFFICE_OF_NOUNS


def _described_kind(ent: SpacySpan) -> str | None:
    """The kind the noun in apposition to a name, or compounded before it, gives it; None when none
    does or they disagree."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ in ("compound", "appos") and not ent.start <= c.i < ent.end]
    if root.dep_ == "appos":
        nouns.append(root.head)
    kinds = {DESCRIBED_KINDS.get(n.lemma_.lower()) for n in nouns if n.pos_ == "NOUN"} - {None}
    return kinds.pop() if len(kinds) == 1 else None


def _named_organisation(index: EntityIndex, word: str) -> str | None:
    """The one linked organisation the article has named whose name holds ``word`` as a word of its
    own ("Treasury" after "the US Department of the Treasury")."""
    folded = word.casefold()
    found = {key for key, entity in index.entities.items() if entity.kind == "Organization" and entity.qid
             and folded in {w.casefold() for name in (entity.label, *getattr(index.entries.get(key), "aliases", ()))
                            for w in name.split()}}
    if len(found) == 1:
        return next(iter(found))
    if found:
        return None
    # "the Treasury had designated ..." in a story naming the United States: the one linked agency of a
    # state the article names whose name opens with the word (not "the House", which no name opens with)
    named = {e.qid for e in index.entities.values() if e.kind == "State" and e.qid and e.mentions}
    agencies = [entry for entry in _agencies_by_first_word(index.gaz).get(folded, ()) if entry.state in named]
    return index.entity_for(agencies[0]) if len(agencies) == 1 else None


@lru_cache(maxsize=4)
def _agencies_by_first_word(gaz: Gazetteer) -> dict[str, tuple[GazEntry, ...]]:
    """A state's linked organisations by the first word of each of their names ("treasury", "state")."""
    found: dict[str, dict[str, GazEntry]] = {}
    for entry in gaz.entries():
        if entry.qid and entry.state and gaz_kind(entry) == "Organization":
            for name in entry.names:
                found.setdefault(name.split()[0].casefold(), {})[entry.qid] = entry
    return {word: tuple(entries.values()) for word, entries in found.items()}
