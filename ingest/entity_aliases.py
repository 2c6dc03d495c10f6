"""Gazetteer names in the text (steps 1-2 of ``entities``): aliases matched as token n-grams
through dicts, capitals and metonyms that stand for their state ("Pyongyang insists", "the
Kremlin") or an organisation ("Brussels" for the EU), and demonyms ("North Korean") that name a
state for the office and government rules, or stand for it as a clause's subject ("the Russians
walked out").

A capital or metonym used as a location ("in Pyongyang", "the Hanoi summit", "all the way to Hanoi",
"From Helsinki to Geneva", "Putin left Pyongyang"), as a time ("since Helsinki": the meeting held there),
for the meeting held there ("Second Trump-Kim summit, Hanoi", "Then came Hanoi", "the Hanoi collapse"),
for what a meeting left behind ("the lesson of Helsinki"), in an address ("Hanoi, Vietnam") or a dateline
("Pyongyang, June 20 (KCNA) --") stays the place; an alias inside a longer name spaCy tags ("Trump
Tower") is not a mention, but an unlinked body named with its organisation's short name ("the UN panel
of experts") names both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from diplograph.ingest import lexicon, names
from diplograph.ingest.entity_index import PERSON_KINDS, EntityIndex, gaz_kind
from diplograph.ingest.gazetteer import GazEntry, Gazetteer
from diplograph.ingest.iris import slug
from diplograph.ingest.spans import ents_of, sentence, words_of

# Longer entities that contain an alias without being about it ("Trump Tower", "New York Times").
OPAQUE_ENT_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
NAME_PUNCT = frozenset({"-", "\u2010", "\u2011", ".", "'", "\u2019", "&"})
NATIONAL_WORDS = frozenset({"national", "supreme", "federal", "state", "security"})
SEAT_NOUNS = frozenset({"office", "ministry", "government", "administration", "cabinet", "presidency"})
TIME_PREPS = frozenset({"since", "after", "before", "until"})
# "the lesson of Helsinki", "a repeat of Hanoi": what a meeting left behind, the capital naming the meeting
MEETING_SEQUEL_NOUNS = frozenset({"lesson", "legacy", "spirit", "ghost", "memory", "repeat", "replay", "rerun", "echo",
                                  "aftermath", "anniversary"})
# "the Hanoi collapse", "the Helsinki fiasco": how the meeting held there went, the capital naming the meeting
MEETING_OUTCOME_NOUNS = frozenset({"collapse", "breakdown", "failure", "walkout", "fiasco", "debacle", "impasse",
                                   "deadlock", "stalemate", "breakthrough", "setback", "outcome", "flop"})
# "invited Kim to the White House", "an invitation to Moscow": where the guest is to come, a place
INVITING_WORDS = frozenset({"invite", "invitation", "welcome"})
REGARD_VERBS = frozenset({"read", "see", "view", "regard", "interpret", "perceive", "understand", "take"})
# "the Minsk agreements", "the Oslo accords": a place naming a document is part of the document's name
DOCUMENT_NOUNS = frozenset({"agreement", "accord", "protocol", "convention", "declaration", "communique",
                            "memorandum"})
# "Putin left Pyongyang on the evening of June 19": the city a visitor leaves
LEAVING_VERBS = frozenset({"leave", "depart"})
# what makes "leave" no departure: "the vote left Washington isolated", "left Moscow with few options"
LEFT_IN_A_STATE = frozenset({"xcomp", "oprd", "ccomp", "acomp"})


def match_aliases(index: EntityIndex, ents_by_token: dict[int, SpacySpan]) -> None:
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
        if (owner := _owning_organisation(span, entry, table)) is not None:
            # "the UN panel of experts": the UN is named, and the panel after it
            index.add(start, owner[0], index.entity_for(owner[1]), doc[start:owner[0]].text, 0.9)
            span = doc[owner[0]:end]
        _add_linked(index, span, entry)


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


def _owning_organisation(span: SpacySpan, entry: GazEntry, table: AliasTable) -> tuple[int, GazEntry] | None:
    """'the UN panel of experts', 'the UN Command', 'the EU Council': a body the gazetteer does not link,
    named with the short name of a linked organisation it belongs to, names that organisation too (its
    end and entry)."""
    if entry.qid or gaz_kind(entry) != "Organization":
        return None
    for cut in range(span.start + 1, span.end):
        head = span.doc[span.start:cut].text
        named = table.cased.get(names.key(head, keep_case=True), []) + table.folded.get(names.key(head), [])
        owners = [e for e in named if e.qid and gaz_kind(e) == "Organization"]
        if len({e.qid for e in owners}) == 1:
            return cut, owners[0]
    return None


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


def _add_linked(index: EntityIndex, span: SpacySpan, entry: GazEntry) -> None:
    kind = gaz_kind(entry)
    if kind == "Place" and _names_document(span):
        return
    if kind in ("Place", "Organization") and not _locative(span):
        state = index.gaz.metonym(span.text)
        if state is not None and gaz_kind(state) == "State" and not _addressed(span, state):
            index.add(span.start, span.end, index.entity_for(state), span.text, 0.8)
            return
        body = index.gaz.body_for(span.text)  # "Brussels says more may follow": the EU
        if body is not None and body.qid:
            index.add(span.start, span.end, index.entity_for(body), span.text, 0.75)
            return
    index.add(span.start, span.end, index.entity_for(entry), span.text, 0.95 if len(span.text) > 3 else 0.9)


def _locative(span: SpacySpan) -> bool:
    """Used as a location ("in Pyongyang", "visited Hanoi", "the Hanoi summit", "a Helsinki-based
    group") rather than an actor ("a message to Pyongyang", "shells supplied to Moscow")."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return True
    if _opens_dateline(span):
        return True
    head = span.root
    if head.dep_ in ("appos", "npadvmod") and head.head.lemma_.lower() in lexicon.SUMMIT_NOUNS and head.i > head.head.i:
        return True  # "Second Trump-Kim summit, Hanoi": the summit's place
    if head.dep_ == "nsubj" and head.head.lemma_.lower() == "come" and head.i > head.head.i and _meeting_near(span):
        return True  # "Then came Hanoi. When the second summit broke up ...": the meeting held there
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:  # "in Singapore, Hanoi and at the DMZ"
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in TIME_PREPS:
        return True  # "since Helsinki", "after Hanoi": the meeting held there, a time, not the state acting
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in MEETING_SEQUEL_NOUNS:
        return True  # "the lesson of Helsinki": the meeting held there, not the state
    if head.dep_ == "pobj" and head.head.lower_ in lexicon.LOCATIVE_PREPS:
        prep = head.head
        if prep.lower_ == "in" and (_speaks_for_state(prep.head) or _regarded_as(prep.head)
                                    or _source_reports_there(prep)):
            return False  # "officials in Washington", "the presidential office in Seoul": the state's voice
        return prep.lower_ not in ("to", "from") or _between_places(prep)
    if head.dep_ == "dobj" and head.head.lemma_ in lexicon.PLACE_VERBS:
        return True
    if head.dep_ == "dobj" and head.head.lemma_.lower() in LEAVING_VERBS and not any(
            c.dep_ in LEFT_IN_A_STATE or (c.dep_ == "prep" and c.lower_ == "with") for c in head.head.children):
        return True  # "Putin left Pyongyang on the evening of June 19", not "the vote left Washington isolated"
    meeting_words = lexicon.SUMMIT_NOUNS | MEETING_OUTCOME_NOUNS
    return head.dep_ in ("compound", "nmod") and head.head.lemma_.lower() in meeting_words


def _between_places(prep: Token) -> bool:
    """A "to"/"from" phrase that names a place, not a recipient or a source: on a word of motion or
    invitation ("travelled from Pyongyang", "an invitation to Moscow"), measured by one ("all the way
    to Hanoi", "40 kilometres from Seoul"), or spanning a stretch between two meeting places ("From
    Singapore to Hanoi, the talks went nowhere"; "a message from Washington to Pyongyang" hangs both
    phrases on the message: a sender and a recipient)."""
    if prep.head.lemma_.lower() in lexicon.MOTION_WORDS | INVITING_WORDS:
        return True
    if any(c.dep_ == "npadvmod" and c.lemma_.lower() in lexicon.MOTION_WORDS for c in prep.children):
        return True
    if prep.lower_ == "from":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in prep.children) and _meeting_near(prep)
    return prep.head.lower_ == "from" and prep.head.dep_ == "prep" and _meeting_near(prep)


def _meeting_near(span: SpacySpan | Token) -> bool:
    """Whether the sentence, or the one after it, tells of a meeting: 'From Singapore to Hanoi, the talks
    went nowhere' and 'Then came Hanoi. When the second summit broke up ...' name meeting places, where
    'From Washington to Tokyo, governments are watching' and 'Then came Beijing' name states acting."""
    sent = sentence(span if isinstance(span, Token) else span[0])
    following = sentence(span.doc[sent.end]) if sent.end < len(span.doc) else sent
    return any(t.lemma_.lower() in lexicon.SUMMIT_NOUNS | lexicon.SUMMIT_VERBS for t in (*sent, *following))


def _opens_dateline(span: SpacySpan) -> bool:
    """'Pyongyang, June 20 (KCNA) --', 'SEOUL, March 3 -': a place opening its line before a comma and a
    date is where the story was filed."""
    doc = span.doc
    at_line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    return at_line_start and span.end + 1 < len(doc) and doc[span.end].text == "," \
        and doc[span.end + 1].ent_type_ == "DATE"


def _source_reports_there(prep: Token) -> bool:
    """'In Moscow, Kremlin spokesman Dmitry Peskov told reporters ...', 'In Washington, officials said ...':
    a fronted "in" phrase on a reporting verb whose subject is a source speaking for a state places that
    state's voice, like 'officials in Washington' ('In Beijing, Xi met Putin' stays the place)."""
    verb = prep.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.SAY_VERBS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < prep.i:
        return False
    nouns = [subject, *(c for c in subject.children if c.dep_ == "compound")]
    return _speaks_for_state(subject) or any(n.lemma_.lower() in lexicon.PERSON_SOURCE_NOUNS for n in nouns)


def _regarded_as(verb: Token) -> bool:
    """'was read in Washington as a demand', 'is seen in Moscow as a gift': a view held "in" a capital
    is its government's view."""
    return verb.lemma_.lower() in REGARD_VERBS and any(c.dep_ == "auxpass" for c in verb.children) \
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _names_document(span: SpacySpan) -> bool:
    """'the Minsk agreements', 'the Oslo accords': a place that names a document is neither the place
    nor its state, only part of the document's name."""
    return span.root.dep_ in ("compound", "nmod") and span.root.head.lemma_.lower() in DOCUMENT_NOUNS


def _addressed(span: SpacySpan, state: GazEntry) -> bool:
    """'JW Marriott Hotel, Hanoi, Vietnam', 'Hanoi, Vietnam, Feb 28': a capital followed by its own
    state's name, as in an address or a dateline, is the city."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    following = names.key(doc[span.end + 1:span.end + 5].text)
    return any(following == (name := names.key(n)) or following.startswith(name + " ") for n in state.names)


def _speaks_for_state(noun: Token) -> bool:
    """A plural source noun ("officials", "critics") or a seat of government no one else is named as
    owning ("the presidential office", not "the U.S. embassy"): placed in a capital, it is that state's
    government or people speaking."""
    lemma = noun.lemma_.lower()
    if noun.tag_ == "NNS":
        return lemma in lexicon.GROUP_NOUNS
    return lemma in SEAT_NOUNS and not any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c.text[:1].isupper() for c in noun.children if c.i < noun.i)


def match_metonym_ents(index: EntityIndex) -> None:
    """Named entities the aliases missed that the gazetteer knows as a state's metonym ("the Kremlin")."""
    for ent in ents_of(index.doc):
        if ent.label_ not in ("ORG", "FAC", "GPE", "LOC") or any(t.i in index.token_key for t in ent):
            continue
        tokens = [t for t in ent if t.tag_ != "POS"]
        if not tokens:
            continue
        surface = index.doc[tokens[0].i:tokens[-1].i + 1]
        state = index.gaz.metonym(surface.text)
        if state is not None and gaz_kind(state) == "State" and not _locative(surface) \
                and not _addressed(surface, state) and not _names_document(surface):
            index.add(surface.start, surface.end, index.entity_for(state), surface.text, 0.75)


def match_demonyms(index: EntityIndex) -> None:
    for ent in ents_of(index.doc):
        if ent.label_ != "NORP" or any(t.i in index.token_key for t in ent):
            continue
        state = index.gaz.by_demonym(ent.text)
        if state is not None and gaz_kind(state) == "State":
            for token in ent:
                index.demonyms[token.i] = state


def match_demonym_sides(index: EntityIndex) -> None:
    """'the North Koreans asked for relief', 'the Russians walked out': a people named with "the" as a
    clause's subject is its state acting, a mention of the State ("Two Americans were detained" is
    not)."""
    doc = index.doc
    for ent in ents_of(doc):
        tokens = [t for t in ent if t.lower_ != "the"]
        if not tokens or ent.root.tag_ != "NNPS" or ent.root.dep_ not in ("nsubj", "nsubjpass") \
                or doc[tokens[0].i - 1].lower_ != "the" or any(t.i in index.token_key for t in tokens):
            continue
        surface = doc[tokens[0].i:tokens[-1].i + 1]
        state = index.gaz.by_demonym(surface.text)
        if state is not None and gaz_kind(state) == "State":
            index.add(surface.start, surface.end, index.entity_for(state), surface.text, 0.7)
