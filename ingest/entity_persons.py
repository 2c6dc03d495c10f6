"""Persons (step 3 of ``entities``): names spaCy tags, completed where it cut them ("Ursula von"
+ "der Leyen"), and short references ("Kim") to the one person of the article whose name holds
them.

A titled or office-holding unknown person is a Leader, with the state the title names; any other
unknown person is a Person, unlinked; an unknown single name without a title is too weak to keep.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from diplograph.ingest import lexicon
from diplograph.ingest.entity_index import PERSON_KINDS, EntityIndex, gaz_kind
from diplograph.ingest.entity_offices import state_modifier
from diplograph.ingest.entity_surnames import named_leader, titled_leader
from diplograph.ingest.gazetteer import GazEntry
from diplograph.ingest.spans import ents_of, sentence, words_of

NAME_PARTICLES = frozenset({"von", "der", "van", "den", "de", "da", "del", "della", "di", "du", "le", "la", "ter",
                            "bin", "ibn"})
TITLE_WORDS = frozenset({"president", "prime", "minister", "chancellor", "king", "queen", "chairman", "premier",
                         "leader", "supreme", "general", "secretary", "emperor", "mr", "mrs", "ms", "dr", "sir"})


def match_persons(index: EntityIndex) -> None:
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
        if (entry := named_leader(index, span)) is not None:  # "Rouhani said" in a story naming Iran
            key = index.entity_for(entry, "Leader")
            index.add(span.start, span.end, key, span.text, 0.6)
            parts.setdefault(span.text.casefold(), set()).add(key)
        return  # else an unknown single name: too weak to type or link
    if len(span) == 1 and (entry := titled_leader(index, span, span.doc[span.start - 1].lower_,
                                                  _title_state(index, span))) is not None:
        key = index.entity_for(entry, "Leader")  # "President Rouhani": the gazetteer's Hassan Rouhani
        index.add(span.start, span.end, key, span.text, 0.7)
        parts.setdefault(span.text.casefold(), set()).add(key)
        return
    office = _office_given(span)
    kind = "Leader" if _has_title(span) or office is not None else "Person"
    key = index.unlinked(kind, span.text, 0.6)
    index.add(span.start, span.end, key, span.text, 0.6)
    state = _title_state(index, span) if kind == "Leader" else None
    if state is None and office is not None:
        state = state_modifier(index, office)[0]
    if state is not None and state.qid:
        index.titled_states.setdefault(key, state.qid)
    for word in _name_words([t.text for t in span]):
        parts.setdefault(word.casefold(), set()).add(key)


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
    was the last of them named in this very sentence. Of several namesake leaders of one state (Kim
    Jong Un, his father Kim Jong Il, the nominal head of state Kim Yong Nam), the one leading it when
    the article was written."""
    leaders = _leading_then(index, [k for k in keys if index.kind(k) == "Leader"])
    if len(leaders) != 1:
        return None
    before = [m for m in index.mentions if m.key in keys and m.start < at]
    last = max(before, key=lambda m: m.start, default=None)
    if last is not None and last.key != leaders[0] and last.start >= sentence(index.doc[at]).start:
        return None
    return leaders[0]


def _leading_then(index: EntityIndex, leaders: list[str]) -> list[str]:
    """Of several leaders of one state, the first the gazetteer has in office on the publication date
    (an executive head of state before a head of government, a nominal one last); else all of them."""
    states = {index.state_of(k) for k in leaders}
    if len(leaders) < 2 or index.published is None or len(states) != 1 or None in states:
        return leaders
    by_entry = {index.entries[k]: k for k in leaders if k in index.entries}
    holders = [by_entry[e] for e in index.gaz.leaders_of(states.pop(), index.published.date()) if e in by_entry]
    return holders[:1] or leaders


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
