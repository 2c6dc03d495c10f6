"""Leaders a trigger's sentence names who are not at its meeting: those inside a quotation, another
meeting's phrase, what a verb of saying reports, a coordinated or contrasted clause, a relative clause
about something else, or a clause placing another event in time ("a day after Trump met Xi").
``sentence_leaders`` keeps the rest; the pair rules (``summit_pairs``) use the same tests."""

from __future__ import annotations

from spacy.tokens import Token

from diplograph.ingest import lexicon
from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.spans import lemma_in, quoted, sentence
from diplograph.ingest.summit_syntax import STRONG_NOUNS, SUMMIT_TRIGGER_NOUNS, clause_verb, same_paragraph

TIME_LINKS = frozenset({"after", "before", "since", "following", "during"})


def in_time_link(word: Token, trigger: Token) -> bool:
    """In a clause or phrase placing another event in time ("a day after Trump met Xi") that does not
    hold the trigger."""
    for node in (word, *word.ancestors):
        if trigger in node.subtree:
            return False
        if (node.dep_ == "prep" and node.lower_ in TIME_LINKS) or any(
                c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in node.children):
            return True
    return False


def sentence_leaders(token: Token, index: EntityIndex) -> list[str]:
    """Leaders named in the trigger's sentence, except inside a quotation ('called him "President
    Putin"') or a relative clause about something else ('the capital, where Orban offered to host')."""
    keys: list[str] = []
    for t in sentence(token):
        key = index.key_at(t)
        if key and key not in keys and index.kind(key) == "Leader" and same_paragraph(t, token) \
                and not quoted(t) and not in_other_relative_clause(t, token) and not _other_conjunct(t, token) \
                and not in_other_report(t, token) and not _in_other_meeting(t, token):
            keys.append(key)
    return keys


def _in_other_meeting(token: Token, trigger: Token) -> bool:
    """Inside the phrase or clause of another meeting that does not hold the trigger ("a visit to Beijing
    in which Xi offered his backing for a second summit between Kim and Trump", "flew to Tokyo for talks
    with Abe, two weeks before Abe met Putin"): a party of that meeting."""
    for node in (token, *token.ancestors):
        if node.left_edge.i <= trigger.i <= node.right_edge.i:
            return False
        if (node.pos_ == "NOUN" and node.lemma_.lower() in SUMMIT_TRIGGER_NOUNS) or (
                node.pos_ == "VERB" and node.lemma_.lower() in lexicon.SUMMIT_VERBS):
            return True
    return False


def in_other_report(token: Token, trigger: Token) -> bool:
    """Inside what a verb of saying reports, where the trigger is not ("Trump wrote from the G20 summit
    that if Kim saw his message ..."): someone the report names is not at the summit the reporter is at."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "ccomp" and lemma_in(ancestor.head, lexicon.SAY_VERBS):
            return not ancestor.left_edge.i <= trigger.i <= ancestor.right_edge.i
    return False


CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})


def _other_conjunct(token: Token, trigger: Token) -> bool:
    """In another of two coordinated or contrasted clauses ("Kim has not met Trump since ..., and KCNA
    made no mention of new talks", "Raisi will visit Moscow, while Putin met Khamenei"): a leader of
    one clause does not meet in the other."""
    a, b = clause_verb(token), clause_verb(trigger)
    if a == b:
        return False
    doc = token.doc
    a, b = _purpose_lifted(doc[a], doc[b]), _purpose_lifted(doc[b], doc[a])

    def contrasted(clause: Token) -> bool:  # "..., while Putin met Khamenei in Tehran"
        return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in clause.children)

    return (doc[a].dep_ == "conj" and doc[a].head.i == b) or (doc[b].dep_ == "conj" and doc[b].head.i == a) \
        or (contrasted(doc[a]) and doc[a].head.i == b) or (contrasted(doc[b]) and doc[b].head.i == a)


def _purpose_lifted(clause: Token, other: Token) -> int:
    """'..., and a week later Kim was back in Beijing to brief Xi': a purpose clause ("to brief Xi") belongs
    to the clause it hangs from, so the test of coordination is made on that one (stopping short of the
    other clause)."""
    while clause.dep_ in ("advcl", "xcomp") and clause.head.i != other.i and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        clause = clause.head
    return clause.i


def in_other_relative_clause(token: Token, trigger: Token | None) -> bool:
    """Inside a wh-relative clause ("where ...", "who ...") that does not hold the trigger. A clause on
    the summit itself or its date ("the annual summit on February 17-18, where X took over the chair
    from Y") tells who was there."""
    current = token
    while current.head.i != current.i:
        if current.dep_ == "relcl" and any(c.tag_ in ("WRB", "WDT", "WP", "WP$") for c in current.children):
            if trigger is not None and _on_the_summit(current.head, trigger):
                return False
            return trigger is None or not (current.left_edge.i <= trigger.i <= current.right_edge.i)
        current = current.head
    return False


def _on_the_summit(antecedent: Token, trigger: Token) -> bool:
    """The antecedent is the summit noun, or the date in a phrase on it ("summit on February 17")."""
    if trigger.pos_ != "NOUN" or trigger.lemma_.lower() not in STRONG_NOUNS:
        return False
    if antecedent.i == trigger.i:
        return True
    prep = antecedent.head
    return antecedent.ent_type_ == "DATE" and prep.dep_ == "prep" and prep.head.i == trigger.i
