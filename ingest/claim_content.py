"""What a verb cue says: its clause, quote, infinitive, "as" phrase or object predicate, with the
parse's usual misreadings mended (a that-clause hung on the audience or the statement noun, a
relative clause the cue sits in, a quote the cue interrupts).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from diplograph.ingest import lexicon
from diplograph.ingest.claim_clauses import (
    FRAMING_MARKS,
    attitude_act,
    before_semicolon,
    char_ranges,
    clausal,
    content_tokens,
    demand_act,
    has_subject,
    inside,
    inverted,
    object_predicates,
)
from diplograph.ingest.claim_speakers import interrupting_clause
from diplograph.ingest.spans import lemma_in, sentence
from diplograph.ingest.transcripts import in_speaker_label


def inverted_content(verb: Token) -> list[tuple[int, int]]:
    inner = {t.i for t in verb.subtree}
    return char_ranges(t for t in content_tokens(verb.head) if t.i not in inner)


def parenthetical(verb: Token, quotes: list[tuple[int, int]]) -> bool:
    """'The proposal, she added, was a copy of ...': a cue set off by commas inside unquoted reported
    speech says the whole sentence around it (a quote around the main verb keeps its quotes as content)."""
    if verb.dep_ != "parataxis" or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    commas = (doc[left].text == "," or (left > 0 and doc[left - 1].text == ",")) and \
        (doc[right].text == "," or (right + 1 < len(doc) and doc[right + 1].text == ","))
    return commas and not any(a <= verb.head.idx < b for a, b in quotes)


def verb_content(verb: Token, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    lemma = lemma_in(verb, lexicon.SAY_VERBS) or ""
    if lemma in lexicon.AS_VERBS:
        as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return char_ranges(t for h in objects + as_phrase for t in content_tokens(h)) if as_phrase and objects else []
    if lemma == "add" and any(c.dep_ == "dobj" for c in verb.children):
        return []  # "it added seven entities to the list": an act, it reports nothing
    if lemma in lexicon.QUOTE_VERBS:
        if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
            return []  # 'what he called its "revolutionary" policy': a label in a noun phrase, no claim
        start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        quoted = [(a, b) for a, b in quotes if a >= verb.idx and start <= a and b <= end + 1]
        if any(_only_a_name(verb.doc, a, b) for a, b in quoted):
            return []
        predicate = _object_predicate(verb)
        if quoted and predicate and predicate[0][0] <= quoted[0][0] and quoted[-1][1] <= predicate[-1][1] + 2:
            # 'called the new U.S. sanctions "an unfriendly act"': what is called so, and the quoted label
            doc, opening = verb.doc, quoted[0][0]
            before = doc.char_span(predicate[0][0], opening, alignment_mode="contract")
            return char_ranges(before or ()) + quoted
        return quoted or predicate
    heads = [c for c in verb.children if c.dep_ == "ccomp" and not inverted(c) and not before_semicolon(c, verb)
             and c.i != getattr(interrupting_clause(verb), "i", -1) and not asks(c)
             and not in_speaker_label(c)]  # "MODI (through an interpreter): I believe ...": who speaks
    if not heads and lemma:
        heads = _stranded_that_clause(verb)
    if len(heads) > 1:  # "claimed the deal violated X, a charge the IAEA has not upheld": the subjectless
        heads = [h for h in heads if has_subject(h) or not _comment_verb(h, verb)] or heads  # second
        # "complement" is the comment's verb; one run on without a comment is the verb of a misparsed
        # subject ("the drills the United States plans proved that ...")
    heads += [c for h in heads for c in h.conjuncts if c.dep_ == "conj" and c not in heads
              and not (c.pos_ == "VERB" and lemma_in(c, lexicon.SAY_VERBS) and not _reported_conjunct(c))
              and not attitude_act(c) and not demand_act(c)]
    if heads:  # "told reporters that the talks went well, but that no date was set": the parse may coordinate
        heads += [c for c in verb.children if c.dep_ == "conj" and c.left_edge.dep_ == "mark"  # the second
                  and c.left_edge.lower_ == "that" and c.left_edge.head.i == c.i]  # that-clause with the cue
    if heads:  # "recalled that the sanctions, first adopted in 2014, now cover ...": the parse may read the
        last = max(h.right_edge.i for h in heads)  # participle as the complement and hang the verb on the cue
        heads += [c for c in verb.children if c.dep_ == "dep" and c.pos_ == "VERB"
                  and last < c.left_edge.i <= last + 2 and verb.doc[c.left_edge.i - 1].text == ","]
    if not heads and lemma in lexicon.XCOMP_CONTENT_VERBS:
        heads = [c for c in verb.children if c.dep_ == "xcomp" and not _gapped_object(verb, c)]
    if not heads and lemma in lexicon.OBJECT_CONTENT_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if lemma in lexicon.DENIAL_CUES:
            objects = [o for o in objects if _propositional(o, verb)]
        if verb.dep_ == "relcl" and (not objects or objects[0].tag_ in ("WDT", "WP")) \
                and any(c.dep_ == "prep" for c in verb.children):
            # "the cyberattacks that officials blame on hackers", "entities it accused of helping ...":
            # the antecedent is the object
            return char_ranges([verb.head, *(t for c in verb.children if c.dep_ == "prep" for t in c.subtree)])
        if objects:
            heads = objects + [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "of", "for")
                               and c.i > objects[0].i]
    if not heads and lemma == "warn":  # "warned of a risk that the war could spread"; "warned of consequences"
        heads = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"  # states nothing
                 and any(g.dep_ in ("acl", "relcl", "ccomp") for p in c.children for g in p.children)]
    if not heads and verb.dep_ == "relcl" and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].pos_ == "AUX":
        return _lost_complement(verb)  # "a firm that the bloc says have helped Moscow ...": "have" is no object
    quoted = _sentence_quotes(verb, quotes)
    if quoted and not heads and (infinitive := _quoting_infinitive(verb, quoted)) is not None:
        return char_ranges(content_tokens(infinitive))
    if quoted and (not heads or all(_quoted_clause(h, quotes) for h in heads)):
        return quoted
    return _subjectless_tail(verb, heads) or char_ranges([*(tok for h in heads for tok in content_tokens(h)),
                                                          *_reason_after(verb, heads)])


def _reason_after(verb: Token, heads: list[Token]) -> list[Token]:
    """'Putin says he did, because Trump had talked about bringing relations back to normal': a
    because-clause right after what the source says, which the parse hangs on the cue, is the source's
    reason, part of the claim (with its comma, so the content reads on)."""
    if not heads:
        return []
    doc, last = verb.doc, max(h.right_edge.i for h in heads)
    for clause in (c for c in verb.children if c.dep_ == "advcl" and last < c.left_edge.i <= last + 2):
        between = doc[last + 1:clause.left_edge.i]
        if doc[clause.left_edge.i].lower_ == "because" and all(t.text == "," for t in between):
            return [*between, *clause.subtree]
    return []


def asks(clause: Token) -> bool:
    """'Officials have not said whether he will travel outside Pyongyang', 'Asked whether he thought
    relief was possible': a clause opened by "whether" (or "if", as a cue's complement) is a question,
    no proposition anyone holds."""
    return any(c.dep_ == "mark" and (c.lower_ == "whether" or (c.lower_ == "if" and clause.dep_ == "ccomp"))
               for c in clause.children)


def _quoting_infinitive(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """'Kim promised to visit Seoul "in the near future"': a quote inside the cue's infinitive is a piece
    of what the source said it would do, and the whole infinitive is the content, not the quoted words."""
    for infinitive in (c for c in verb.children if c.dep_ == "xcomp"):
        start, last = infinitive.left_edge, infinitive.right_edge
        if all(start.idx <= a and b <= last.idx + len(last.text) + 1 for a, b in quoted):
            return infinitive
    return None


def _comment_verb(head: Token, cue: Token) -> bool:
    """A complement set off by a comma, after an appositive comment noun ("..., a charge the IAEA has
    not upheld") or a framing "though", or a passive that lost its subject to one: the author's aside."""
    start = head.left_edge.i
    return (start > 0 and head.doc[start - 1].text == ",") or any(c.dep_ == "auxpass" for c in head.children) \
        or any((t.dep_ == "appos" and t.lemma_.lower() in lexicon.PROPOSITION_NOUNS) or t.lower_ in FRAMING_MARKS
               for t in head.doc[cue.i:start])


def _stranded_that_clause(verb: Token) -> list[Token]:
    """'told reporters before flying home that Kim had wanted ...': the parse hangs the that-clause on
    the participle of the cue's adverbial phrase, which reports nothing itself."""
    return [clause for prep in verb.children if prep.dep_ == "prep" and prep.i > verb.i
            for comp in prep.children if comp.dep_ == "pcomp" and lemma_in(comp, lexicon.SAY_VERBS) is None
            for clause in comp.children if clause.dep_ == "ccomp"
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)]


def nominal_that_clause(verb: Token) -> list[tuple[int, int]]:
    """'told reporters that Budapest had secured guarantees': the small model may read "had secured
    guarantees" as a noun phrase and hang "that" on the cue as a preposition or object. A "that" right
    after the cue (or after whom it tells) opening words with a verb in them is still the cue's clause:
    everything the parse hangs under that "that" or its noun."""
    doc = verb.doc
    clause, at, passed = _clause_on_adverbial(verb)
    if clause is not None:
        return char_ranges(t for t in clause.subtree if t.i > clause.left_edge.i)
    if at >= sentence(verb).end or doc[at].lower_ != "that" or doc[at].tag_ not in ("IN", "WDT"):
        return []
    child = next((c for c in verb.children if c.left_edge.i <= at <= c.right_edge.i and c.i not in passed), None)
    if child is None:
        return []
    tokens = [t for t in child.subtree if t.i > at]
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens) or not any(t.dep_.startswith("nsubj") for t in tokens):
        return []
    return char_ranges(tokens)


CORE_COMPLEMENTS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"})


def _clause_on_adverbial(verb: Token) -> tuple[Token | None, int, set[int]]:
    """The that-clause the parse hangs on a phrase right after the cue ("told reporters in Luxembourg
    that ...", "estimated at the time that ..."), else None with where those phrases end and their heads."""
    doc = verb.doc
    at, passed = verb.i + 1, set()
    while (step := next((c for c in verb.children if c.left_edge.i == at and doc[at].lower_ != "that" and (
            c.dep_ == "prep" or (c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PRON")))), None)) is not None:
        passed.add(step.i)
        if (clause := _that_relative_read_wrong(step)) is not None:
            return clause, at, passed
        at = step.right_edge.i + 1
    return None, at, passed


def _subjectless_tail(verb: Token, heads: list[Token]) -> list[tuple[int, int]]:
    """'U.S. officials estimated at the time that those measures would strip $1 billion from the $3 billion
    North Korea earns from exports': the parse hangs the that-clause on "the time" and the clause's last,
    subjectless verb on the cue; the content is the that-clause with that tail."""
    if not heads or any(has_subject(h) for h in heads):
        return []
    clause = _clause_on_adverbial(verb)[0]
    if clause is None or any(h.left_edge.i <= clause.i for h in heads):
        return []
    return char_ranges(t for t in [*clause.subtree, *(u for h in heads for u in h.subtree)]
                       if t.i > clause.left_edge.i)


def _that_relative_read_wrong(step: Token) -> Token | None:
    """'told a regular press briefing that Beijing opposed unilateral sanctions', 'said in a statement
    that Seoul was a puppet': the parse hangs the that-clause on the audience or the statement noun,
    as a relative clause in which "that" fills no role (the clause has its own subject and complement)
    or stands for "when" ('believed at the time that Kim went to Dalian'), or as the noun's complement
    clause: it is the cue's content. A passive subject is the clause's own too ('told reporters before
    the trip that the treaty would not be directed against any country')."""
    nouns = [step, *(c for c in step.children if c.dep_ == "pobj")]
    for clause in (c for noun in nouns for c in noun.children if c.dep_ in ("relcl", "acl")):
        that = clause.doc[clause.left_edge.i]
        if that.lower_ != "that" or that.dep_ in ("nsubj", "nsubjpass"):
            continue
        own = [c for c in clause.children if c.i != that.i]
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in own) and (that.dep_ in ("mark", "advmod") or any(
                c.dep_ in CORE_COMPLEMENTS for c in own)):
            # "said on the day that Kim arrived that China welcomed the visit": a second that-clause is what
            # was said, the first a true relative
            return next((c for c in own if c.dep_ == "ccomp" and c.left_edge.lower_ == "that"), clause)
    return None


def relative_content(verb: Token) -> list[tuple[int, int]]:
    """'financiers in Sudan who it says manage the group's investments': a cue inside a relative clause
    whose relative pronoun is the subject of the reported clause says that of the antecedent. The
    content is the antecedent noun with the words before it and the clause without the pronoun
    ("financiers manage the group's investments"), when the parse gives the cue no content of its own."""
    if verb.dep_ != "relcl":
        return []
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i), None)
    if clause is None:
        return []
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    # "a trade that officials say let Russia sell its gas": the parse may hang the pronoun deeper in the clause
    pronoun = next((c for c in (*own, *clause.subtree) if c.dep_ == "nsubj" and c.i < verb.i
                    and c.tag_ in ("WP", "WDT")), None)
    if pronoun is None or (pronoun in own and len(own) < 2):
        return []  # "Kishida, who said the talks were useful": the pronoun is the cue's subject
    head = _antecedent_phrase(verb.doc[pronoun.i - 1])
    antecedent = [t for t in head.subtree if t.i <= head.i]  # "financiers", "ten people": not where they are
    return char_ranges([*antecedent, *(t for t in clause.subtree if t.i != pronoun.i)])


MODIFYING_PREPS = frozenset({"of", "in", "from", "at", "with"})


def _antecedent_phrase(last: Token) -> Token:
    """The head of the noun phrase ending at ``last``, the word before a relative pronoun: through
    conjuncts and modifiers ("Sudan, Turkey and Qatar") and a modifying preposition ("financiers in
    ..."), not past one that attaches the phrase to something else ("sanctions on ...")."""
    node = last
    while node.dep_ in ("conj", "compound", "amod", "nummod", "poss", "appos") and node.head.i < node.i:
        node = node.head
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in MODIFYING_PREPS \
            and node.head.head.pos_ in ("NOUN", "PROPN"):
        node = node.head.head
    return node


def _reported_conjunct(verb: Token) -> bool:
    """A cue coordinated with the reported clause is still reported when it is a second that-clause
    ("said X and that the leaders had agreed ...") or has a pronoun subject; "... and claimed that"
    (no subject: the same source's own claim) and "..., and Blinken warned that" (another source's)
    are claims of their own."""
    subjects = [g for g in verb.children if g.dep_ == "nsubj"]
    return bool(subjects) and (any(g.dep_ == "mark" and g.lower_ == "that" for g in verb.children)
                               or all(g.pos_ == "PRON" for g in subjects))


def _only_a_name(doc: Doc, start: int, end: int) -> bool:
    """'called him "President Putin"': a quoted name calls someone by it, it states nothing."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span or () if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.pos_ == "PROPN" for t in words)


def _lost_complement(verb: Token) -> list[tuple[int, int]]:
    """'a meeting that Washington fears will deepen ties', parsed with "will deepen" hung elsewhere:
    the words after the cue up to the next comma or full stop, said of the antecedent."""
    doc = verb.doc
    end = verb.i + 1
    while end < sentence(verb).end and doc[end].text not in (",", ".", ";", ":"):
        end += 1
    return char_ranges([verb.head, *doc[verb.i + 1:end]])


def _object_predicate(verb: Token) -> list[tuple[int, int]]:
    """'called the gathering a success' states that the gathering was a success: object + predicate."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    predicates = object_predicates(verb)
    if not predicates:
        return []
    # "called the summit a plot to contain China": the infinitive hangs on the verb in the parse
    predicates += [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i > predicates[0].i
                   and c.left_edge.i == predicates[0].right_edge.i + 1 and c.left_edge.lower_ == "to"]
    return char_ranges(t for h in objects + predicates for t in content_tokens(h))


def _propositional(obj: Token, verb: Token) -> bool:
    """What a denial cue rejects is a proposition: a clause or gerund ("denied supplying weapons"), a
    proposition noun ("the allegations", "claims that ..."), a deed denied to have happened ("denied any
    arms trade"), or a thing denounced as something ("rejected the resolution as an act of war") -- not a
    plain thing ("dismissed the measures")."""
    if obj.pos_ in ("VERB", "AUX"):
        return True
    if verb.lemma_.lower() == "deny" and denied_deed(obj):
        return True
    if obj.lemma_.lower() in lexicon.PROPOSITION_NOUNS:
        # "rejects the charge": a bare noun points back at a claim and says nothing of its own
        return not _bare(obj) or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if any(c.dep_ in ("acl", "ccomp") and clausal(c) for c in obj.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


# What one denies to have done or to be: "denied involvement in the attack", "deny any wrongdoing".
DEED_NOUNS = frozenset({"involvement", "interference", "meddling", "wrongdoing", "role", "responsibility", "link",
                        "knowledge", "participation", "collusion", "presence", "existence", "trade", "transfer",
                        "contact", "deal", "hacking", "espionage", "spying", "sale", "supply", "shipment"})
# What one denies to someone: "denied the inspectors access", "denied any request for asylum" -- a refusal.
REFUSED_NOUNS = frozenset({"access", "entry", "visa", "permission", "request", "bail", "asylum", "permit",
                           "approval", "passage", "application", "landing", "right"})


def denied_deed(noun: Token) -> bool:
    """'deny any arms trade', 'Putin's denial of election interference': a deed (or anything with 'any')
    denied, that is said not to have happened -- not a thing refused to someone ("denied them access")."""
    lemma = noun.lemma_.lower()
    if noun.pos_ not in ("NOUN", "PROPN") or lemma in REFUSED_NOUNS \
            or any(c.dep_ == "dative" for c in noun.head.children):
        return False
    return lemma in DEED_NOUNS or any(c.dep_ == "det" and c.lower_ == "any" for c in noun.children)


def _bare(noun: Token) -> bool:
    """A noun with only a determiner or adjective: "the charge", "that latest claim" ("Trump's account"
    says whose claim it is)."""
    return all(c.dep_ in ("det", "amod", "predet") for c in noun.children)


def _sentence_quotes(verb: Token, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted passages of the cue's sentence (including a quote it opens and the next sentence
    continues), for "'X,' he said, 'Y.'"."""
    sent = sentence(verb)
    doc = verb.doc
    found = []
    for a, b in quotes:
        if not (a < sent.end_char and b > sent.start_char) or a <= verb.idx < b:
            continue
        low, high = (verb.idx, a) if verb.idx < a else (b, verb.idx)
        between = doc.char_span(low, high, alignment_mode="expand")
        if between is None or not any(t.pos_ == "VERB" and t.i != verb.i and lemma_in(t, lexicon.SAY_VERBS)
                                      for t in between):
            found.append((a, b))  # a quote another cue stands closer to is that cue's
    return found


def _quoted_clause(head: Token, quotes: list[tuple[int, int]]) -> bool:
    """The clause lies within quotation marks (its words all inside one quote or another)."""
    return all(inside(t.idx, quotes) for t in head.subtree if not (t.is_punct or t.is_space))


def within_opening_quote(pieces: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content that opens with a quotation ends with it: 'told Putin that "today's era is not an era of
    war," in the most direct public criticism ...' -- what follows the quote is the author's."""
    if len(pieces) != 1:  # "'X,' he said, 'Y.'": quotes joined on purpose
        return pieces
    (first, last), = pieces
    quote = next(((a, b) for a, b in quotes if a - 2 <= first <= a), None)
    return pieces if quote is None or last <= quote[1] + 2 else [(first, quote[1])]


def _gapped_object(verb: Token, infinitive: Token) -> bool:
    """'the tankers it had hoped to use': in a relative clause, an infinitive whose object is the noun the
    clause describes says what was wanted of that thing, no proposition."""
    return verb.dep_ == "relcl" and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "attr", "acomp")
                                            for c in infinitive.children)
