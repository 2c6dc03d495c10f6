"""Clause tests and content words the claim rules share: which tokens of a clause the source says
(``content_tokens`` leaves out framing clauses and nested attributions, which are claims of their own)
and the character ranges they cover; how the parse marks an inverted or semicolon-closed clause, an
attitude or demand act, an object predicate.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.spans import lemma_in

FRAMING_MARKS = frozenset({"while", "whereas", "although", "though"})


def content_tokens(head: Token) -> Iterable[Token]:
    """The head's subtree, less framing clauses the author hangs on it ("while doubling down ...") and
    attributions nested in it ("..., arguing that ...", "a remark Beijing called ..."): those are
    claims of their own."""
    skip: set[int] = set()
    for t in head.subtree:
        if t.i == head.i or t.i in skip:
            continue
        framing = t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FRAMING_MARKS for c in t.children)
        framing = framing or (t.dep_ == "prep" and t.lower_ == "according")  # who reported it, not what
        # "..., a charge the IAEA has not upheld", "..., a threat widely seen as aimed at Chinese banks": the
        # author's comment on the claim, in apposition
        framing = framing or (t.dep_ == "appos" and t.lemma_.lower() in lexicon.PROPOSITION_NOUNS) or _comment_noun(t)
        framing = framing or _comment_object(t)
        nested = t.pos_ == "VERB" and lemma_in(t, lexicon.SAY_VERBS) is not None and (
            t.dep_ in ("advcl", "relcl", "acl", "conj") or inverted(t)) and _reports(t)
        # "... and expressed hope that ...", "... and urged Kyiv to ...": the source's own acts
        nested = nested or (t.dep_ == "conj" and (attitude_act(t) or demand_act(t)))
        if framing or nested:
            skip |= {s.i for s in t.subtree}  # a conjunction it leaves behind, ``char_ranges`` drops
        elif (label := _free_relative_label(t)):
            skip |= label  # "abandon what he called its revolutionary policy": abandon its ... policy
    for t in head.subtree:
        if t.i not in skip and not (t.dep_ == "mark" and t.head.i == head.i and t.i == head.left_edge.i):
            yield t


# Nouns by which an author sums up what a source just said or did: "..., a threat widely seen as ...",
# "..., a move seen in Seoul as ...", "..., a thinly veiled swipe at Beijing".
COMMENT_NOUNS = frozenset({"threat", "warning", "move", "step", "signal", "message", "gesture", "swipe", "jab",
                           "dig", "reference", "nod", "rebuke", "reversal", "concession", "rebuttal", "retort"})


def _comment_noun(noun: Token) -> bool:
    """A comment noun set off by a comma with words of its own after it ("a threat widely seen as ..."), in
    apposition or, as the parse may read it, a modifier of the verb: the author's aside; a bare "a warning"
    may be the content's own object ("issued a warning")."""
    start = noun.left_edge.i
    return noun.dep_ in ("appos", "npadvmod", "dep") and noun.lemma_.lower() in COMMENT_NOUNS and start > 0 \
        and noun.doc[start - 1].text == "," \
        and any(c.i > noun.i and c.dep_ in ("acl", "relcl", "prep") for c in noun.children)


def _comment_object(noun: Token) -> bool:
    """'saw no reason to believe ..., a remark he walked back': the parse may read the appositive comment
    as a second object or a modifier of the verb; a comment noun after a comma, behind an object, is the
    aside."""
    start = noun.left_edge.i
    return noun.dep_ in ("dobj", "npadvmod", "dep") and noun.lemma_.lower() in lexicon.PROPOSITION_NOUNS and start > 0 \
        and noun.doc[start - 1].text == "," \
        and any(c.dep_ == "dobj" and c.i < noun.i for c in noun.head.children)


def _reports(verb: Token) -> bool:
    """A cue word inside the content that attributes something of its own, so its words are another
    claim: a clause or infinitive it reports, a label it gives, or none at all when it is set off as an
    attribution ("..., she added, ..."). Not a passive ("until everything is agreed"), a comparison's
    measure ("got more than it expected", no claim of its own either: see ``verb_claim``), an infinitive of
    what there is ("had nothing to add"), nor the verb of an act ("offers Trump a summit", "the reason
    Putin had called Trump")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children):
        return False  # "Moscow had got more than it expected": the comparison's measure, part of the content
    deps = {c.dep_ for c in verb.children}
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and "nsubj" not in deps:
        return False  # "saw no reason to believe Russia had interfered": the noun's infinitive, no one's report
    if deps & {"ccomp", "xcomp", "parataxis"} or verb.dep_ == "advcl":
        return True  # an adverbial cue is the source's next act or the author's aside ("..., repeating a formula")
    if verb.dep_ in ("acl", "relcl") and (any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                                          or not deps & {"dobj", "dative"}):
        return False  # a relative clause with nothing reported ("the reason Putin had called Trump")
    if deps & {"dobj", "dative"}:
        lemma = lemma_in(verb, lexicon.SAY_VERBS)
        return lemma in lexicon.OBJECT_CONTENT_VERBS or bool(object_predicates(verb)) \
            or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    # "..., and that the relevant parties would respond positively to ...": a clause the content goes on
    # with, opened by its conjunction, is no attribution set off
    return "mark" not in deps


def _free_relative_label(verb: Token) -> set[int]:
    """The words of "what he called" before the label it introduces: a label verb with "what" as its
    object hangs the named thing on itself, and its speaker is no part of the content."""
    if lemma_in(verb, lexicon.QUOTE_VERBS) is None \
            or not any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children):
        return set()
    return {verb.i} | {t.i for c in verb.children if c.dep_ in ("dobj", "nsubj") for t in c.subtree}


def object_predicates(verb: Token) -> list[Token]:
    """The predicate said of the object: an 'oprd', or a bare participle or adjective the parse hangs
    on the verb right after the object ("called the reports fabricated"), or reads as a verbless small
    clause with the object as its subject (a complement without auxiliary or object of its own)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return [c for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD", "JJ")
                and any(g.dep_ == "nsubj" for g in c.children)
                and not any(g.dep_ in ("aux", "auxpass", "dobj", "mark") for g in c.children)]
    trailing = [c for c in objects[0].children if c.dep_ == "amod" and c.i > objects[0].i]
    if trailing:  # "called the move unfair and unjustified", the adjective parsed as the object's modifier
        return trailing
    after = objects[0].right_edge.i + 1
    return [c for c in verb.children if c.dep_ == "oprd" or (
        c.dep_ in ("advcl", "xcomp", "ccomp") and c.tag_ in ("VBN", "JJ") and c.i == after
        and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children))]


def inverted(verb: Token) -> bool:
    """'Kim declared X, state media reported': the parse makes the trailing reporting clause a
    complement of the reported one; it is the attribution of the whole sentence."""
    edge = verb.left_edge
    comma = edge.text == "," or (edge.i > 0 and verb.doc[edge.i - 1].text == ",")
    # "He insisted, however, that Slovakia still opposed ...": a that-clause is what is reported, never the
    # attribution trailing it
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    # "said he had handed him a list of sites, from energy to water, that should be off-limits": a relative
    # clause after the cue that the parse hangs on it, its subject a relative pronoun, attributes nothing
    relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") and c.i > verb.head.i
                   for c in verb.children)
    return verb.dep_ == "ccomp" and verb.i > verb.head.i and comma and not that and not relative


def before_semicolon(head: Token, verb: Token) -> bool:
    """'Raisi met Putin on December 7; U.S. officials said the two discussed ...': the parse may take the
    clause before a semicolon (or a colon: "Lee's advisers are hopeful: they argue that ...") as the
    cue's complement, but either closes a clause of its own."""
    doc = verb.doc
    return head.i < verb.i and any(doc[k].text in (";", ":") for k in range(head.right_edge.i + 1, verb.i))


def attitude_act(verb: Token) -> bool:
    """'... and expressed hope that ...' without a subject of its own: the source's own attitude claim."""
    return verb.lemma_.lower() in lexicon.LIGHT_VERBS and not has_subject(verb) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.CLAIM_NOUNS for c in verb.children)


def demand_act(verb: Token) -> bool:
    """'said Beijing would never allow chaos on the peninsula and urged Washington and Pyongyang to return to
    talks': a demand in the past tense, with no subject or auxiliary of its own, hung on the reported
    clause, is the source's act beside the report (a demand is no claim), not what the source says
    ("said Seoul would urge both sides to talk" keeps it)."""
    return lemma_in(verb, lexicon.DEMAND_VERBS) is not None and verb.tag_ == "VBD" and not has_subject(verb) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)


def clausal(head: Token) -> bool:
    """A clause or infinitive ("that he alone ...", "to improve ..."), not a relative clause."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in head.children)


def char_ranges(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    """Character ranges covering the tokens, contiguous runs merged, edge punctuation and trailing
    conjunctions dropped."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    ranges: list[list[Token]] = []
    for t in ordered:
        if ranges and ranges[-1][-1].i + 1 == t.i:
            ranges[-1].append(t)
        else:
            ranges.append([t])
    out = []
    for run in ranges:
        while run and (run[-1].is_punct or run[-1].is_space or run[-1].pos_ == "CCONJ"):
            run.pop()  # a conjunction whose second half went elsewhere ("... and" + a nested claim)
        while run and (run[0].is_punct or run[0].is_space):
            run.pop(0)
        if run:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
    return out


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)
