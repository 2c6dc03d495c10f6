"""The article's evident target, for ``sanctions``: a sanction whose sentence names no target ("blocked
by UN sanctions", "sanctions on 92 individuals", "an embargo on seaborne crude") takes a state that the
imposer's known regimes target, named in its sentence or paragraph, else the target of the same imposer's
or the article's previous sanction, else the state the article mentions most, with a lower confidence.
``counted_listing`` tells a round of listings or a ban on goods, whose target the context gives, from
sanctions "on firms that ...", whose target the text names as no entity.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Sanction
from diplograph.ingest.spans import text_of

QUANTITY_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "score", "scores", "number", "list", "batch",
                            "round", "wave"})


COMMODITY_NOUNS = frozenset({"oil", "crude", "gas", "coal", "steel", "aluminium", "aluminum", "diamond", "gold",
                             "petroleum", "fuel", "grain", "timber", "fertiliser", "fertilizer", "lng"})


def counted_listing(token: Token, verb: Token | None) -> bool:
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


def fill_targets(found: list[Sanction], index: EntityIndex) -> None:
    """Give target-less sanctions the article's evident target: a state the gazetteer knows this
    imposer (or, for an imposer it knows no regime of, any imposer) sanctions, named in its sentence or
    last in its paragraph before it; else the target of the same imposer's latest sanction before it (of
    each imposer, when they all had the same);
    else the known target the article names most; else the previous sanction's target; else the state
    the article mentions most that imposes no sanction in it."""
    imposing = {k for s in found for k in s.imposers}
    counts = Counter(m.key for m in index.mentions if index.kind(m.key) == "State" and m.key not in imposing)
    previous: list[str] = []
    by_imposer: dict[str, list[str]] = {}  # imposer -> the targets of its latest sanction so far, given or evident
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
        states = (states | {s.qid for s in index.demonyms.values() if s.qid}) - imposing - _acting(index, sanction)
        candidates = candidates or _named_nearby(index, states, sanction.evidence, inside_only=True)
        candidates = candidates or _named_nearby(index, known - set(sanction.imposers), sanction.evidence)
        # "The United States is lifting its sanctions on Belarusian potash ... the Treasury would remove
        # Belaruskali from its sanctions list": the same imposer's sanctions told before; imposers side by
        # side whose sanctions told before differ ("EU, UK and US sanctions") name none of them
        told = {tuple(by_imposer[k]) for k in sanction.imposers if k in by_imposer}
        candidates = candidates or (list(told.pop()) if len(told) == 1 else [])
        candidates = candidates or [k for k, _ in counts.most_common() if k in known][:1]
        candidates = candidates or [k for k in previous if k not in sanction.imposers]
        candidates = candidates or [k for k, _ in counts.most_common(1)]
        if candidates:
            sanction.targets = candidates
            sanction.confidence = 0.5
            by_imposer.update((k, candidates) for k in sanction.imposers)


def _acting(index: EntityIndex, sanction: Sanction) -> set[str]:
    """The states that are subjects in the sanction's sentence: "South Korea cannot offer much help while
    UN sanctions remain in force" names the state that acts, not the one sanctioned."""
    evidence = sanction.evidence
    return {key for t in index.doc if evidence.start <= t.idx < evidence.end and t.dep_ == "nsubj"
            and (key := index.key_at(t)) is not None}


def _named_nearby(index: EntityIndex, keys: set[str], evidence, inside_only: bool = False) -> list[str]:
    """The one of ``keys`` the sanction's own sentence names (by name or adjective), else the one its
    paragraph names last before it: "Pyongyang's response ... American sanctions were a crime" means
    sanctions on North Korea, though the article names Russia more often."""
    named = [(index.doc[m.start].idx, m.key) for m in index.mentions if m.key in keys]
    adjectives = {state.qid: state for state in index.demonyms.values() if state.qid in keys}
    named += [(index.doc[i].idx, state.qid) for i, state in index.demonyms.items() if state.qid in keys]
    text = text_of(index.doc)
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
