"""Small helpers on spaCy tokens shared by the event and claim rules: sentences, subjects, dates."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from diplograph.ingest import dates
from diplograph.ingest.facts import Span
from diplograph.ingest.paragraphs import breaks_lines

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH_NAME = re.compile(r"\b(" + "|".join(name for name in dates.MONTHS if len(name) > 3) + r")\b", re.IGNORECASE)


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once from ``words_of``: ``Doc.text`` walks every token on each call."""
    text = doc.user_data.get("diplograph.text")
    if text is None:
        words = words_of(doc)
        text = doc.user_data["diplograph.text"] = "".join(map(str.__add__, words.text, words.space))
    return text


def line_opening(token: Token, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """``pattern`` matched where the token's line begins: a transcript's speaker label, a wire
    dateline, which the rules must tell from the sentence the line goes on with."""
    text = text_of(token.doc)
    return pattern.match(text, text.rfind("\n", 0, token.idx) + 1)


def paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` begins: after the blank line before it, else at 0."""
    blank = text.rfind("\n\n", 0, offset)
    return blank + 2 if blank >= 0 else 0


def paragraph_opening(token: Token, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """``pattern`` matched where the token's paragraph begins: a label over a list of links."""
    text = text_of(token.doc)
    return pattern.match(text, paragraph_start(text, token.idx))


@dataclass(frozen=True)
class Words:
    """Each token's text, lower case, lower-cased lemma, coarse part of speech and the whitespace after
    it, by token index.

    Every rule scans the whole Doc for its cue words, and spaCy builds a new ``Token`` and looks its
    strings up on every access: the rules test these columns and touch the Tokens of candidates only.
    """

    text: tuple[str, ...]
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    pos: tuple[str, ...]
    space: tuple[str, ...]  # "" or " " (``Token.whitespace_``): ``text_of`` joins the text from these


def words_of(doc: Doc) -> Words:
    """The Doc's ``Words``, read once per Doc."""
    found = doc.user_data.get("diplograph.words")
    if found is None:
        rows = [(t.text, t.lower_, t.lemma_.lower(), t.pos_, t.whitespace_) for t in doc]
        columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
        found = doc.user_data["diplograph.words"] = Words(*columns)
    return found


def indices(column: tuple[str, ...], wanted: Container[str]) -> list[int]:
    """Indices of the tokens whose value in ``column`` (of ``words_of``) is one of ``wanted``."""
    return [i for i, value in enumerate(column) if value in wanted]


def ents_of(doc: Doc) -> tuple[SpacySpan, ...]:
    """The Doc's named entities, made once: ``Doc.ents`` builds a new Span for each on every call."""
    found = doc.user_data.get("diplograph.ents")
    if found is None:
        found = doc.user_data["diplograph.ents"] = doc.ents
    return found


def ents_in(span: SpacySpan) -> list[SpacySpan]:
    """``span.ents`` from ``ents_of``: the entities inside the span, up to the first that runs past it."""
    start, end = span.start, span.end
    found = []
    for ent in ents_of(span.doc):
        if ent.start >= start:
            if ent.end > end:
                break
            found.append(ent)
    return found


def sentence(token: Token) -> SpacySpan:
    """The sentence of a token, from a table built once per Doc: spaCy's ``Token.sent`` checks the
    whole Doc's annotation on every call, which made extraction quadratic in the article length."""
    table = token.doc.user_data.get("diplograph.sentences")
    if table is None:
        sents = _split_at_breaks(token.doc)
        index = [0] * len(token.doc)
        for number, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                index[i] = number
        table = token.doc.user_data["diplograph.sentences"] = (sents, index)
    sents, index = table
    return sents[index[token.i]]


def _split_at_breaks(doc: Doc) -> list[SpacySpan]:
    """spaCy's sentences, cut after a blank line and, in a text whose paragraphs each sit on one line,
    after any line break: the parser runs a scraped page's section line, byline, dateline and photo
    caption into the next sentence ("Commentary By A. Writer March 24, 2023 Xi chose Moscow ..."),
    so their dates and names would read as that sentence's (the ``paragraphs`` step makes the parser
    itself start sentences there; this keeps a Doc parsed without it right)."""
    single = breaks_lines(text_of(doc))
    texts = words_of(doc).text
    out = []
    for sent in doc.sents:
        start = sent.start
        for i in range(start + 1, sent.end - 1):
            if i > start and ("\n\n" in texts[i] or (single and "\n" in texts[i])) and doc[i].is_space:
                out.append(doc[start:i + 1])
                start = i + 1
        out.append(doc[start:sent.end])
    return out


QUOTES = re.compile(r"\u201c[^\u201d]{3,}?\u201d|\"[^\"\n]{3,}?\"")


def quoted(token: Token) -> bool:
    """The token lies inside a quotation ("..." or \u201c...\u201d), from a table built once per Doc."""
    table = token.doc.user_data.get("diplograph.quotes")
    if table is None:
        spans = [(m.start(), m.end()) for m in QUOTES.finditer(text_of(token.doc))]
        table = token.doc.user_data["diplograph.quotes"] = frozenset(
            t.i for a, b in spans for t in token.doc.char_span(a, b, alignment_mode="expand") or ())
    return token.i in table


def clause_sentence(token: Token) -> Span:
    """The sentence around ``token``, cut at line breaks: spaCy's sentences sometimes run across a
    paragraph break or a caption, and the evidence should stay with the cue's own sentence."""
    sent = sentence(token)
    doc = token.doc
    text = text_of(doc)
    start, end = sent.start_char, sent.end_char
    before = text.rfind("\n", start, token.idx)
    if before != -1:
        start = before + 1
    after = text.find("\n", token.idx, end)
    if after != -1:
        end = after
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through participles and conjuncts ("..., arguing that")."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:  # the one nearest the verb: "the state news agency KCNA portrayed"
            return _past_dateline(max(subjects, key=lambda c: c.i if c.i < current.i else -c.i))
        if current.dep_ == "conj" and (swallowed := _swallowed_subject(current)) is not None:
            return swallowed
        if current.dep_ in ("advcl", "conj", "xcomp", "pcomp") and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN"):
                return None  # a finite adverbial clause ("after Kim warned") has its own subject or none
            current = current.head
            if current.pos_ == "ADP" and current.dep_ == "prep" and current.head.pos_ in ("VERB", "AUX"):
                current = current.head  # "met X a day after announcing that ...": the verb's subject
            continue
        return _swallowed_subject(current)
    return None


def _swallowed_subject(verb: Token) -> Token | None:
    """'In a call chaired by Giorgia Meloni, G7 leaders condemned the attack and said ...': the small
    model may read the subject as an apposition closing the fronted phrase and leave the main verb
    without one (or coordinate it with the fronted verb). A subjectless main or coordinated verb --
    or the coordinated verb just before it -- takes the apposition that ends right before it, after
    a comma."""
    if verb.dep_ == "conj" and verb.i > 0 and verb.doc[verb.i - 1].dep_ == "cc":
        earlier = [c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i]
        verb = earlier[-1] if earlier else verb
    doc = verb.doc
    if verb.dep_ not in ("ROOT", "conj") or verb.i == 0 or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return None
    end = verb.i - 1
    if doc[end].text == "," and doc[end].head.i == verb.i and end > 0:
        end -= 1  # the closing comma hung on the verb
    node = doc[end]
    while node.dep_ != "appos" and node.head.i != node.i and node.head.i < verb.i:
        node = node.head
    if node.dep_ != "appos" or node.right_edge.i != end or node.pos_ not in ("NOUN", "PROPN") \
            or node.left_edge.i == 0 or doc[node.left_edge.i - 1].text != ",":
        return None
    name = node.head  # "In a statement carried by KCNA, Kim Yo Jong, the leader's sister, dismissed ...":
    if name.pos_ == "PROPN" and name.dep_ in ("conj", "appos") and name.left_edge.i > 0 \
            and doc[name.left_edge.i - 1].text == ",":  # the name the apposition describes
        return name
    return node


DASHES = frozenset({"\u2014", "\u2013", "--", "-"})
TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}$")


def _past_dateline(subject: Token) -> Token:
    """The real subject when spaCy parses a dateline as one: in "HIROSHIMA, Japan \u2014 Leaders of
    the G7 pledged ...", the dateline is the nsubj and "Leaders" its appos after the dash. A wire
    dateline with date and agency ("SEOUL, May 27, 2024 (Diplograph Wire) -") runs to 14 tokens; a live
    blog's entry opens with its time ("11:30 - The US Treasury imposed ...")."""
    dash = next((c for c in subject.children if c.dep_ == "punct" and c.text in DASHES and c.i > subject.i), None)
    if dash is None or not (subject.is_upper or TIME_STAMP.match(subject.text)) or dash.i - subject.left_edge.i > 16:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > dash.i), subject)


def acts_as_subject(token: Token) -> bool:
    """A subject, or the real one behind a dateline or a live blog's time stamp ("11:30 - The US
    Treasury imposed ...", parsed with the time as subject and the Treasury as its apposition)."""
    return token.dep_ == "nsubj" or (token.dep_ == "appos" and token.head.dep_ == "nsubj"
                                     and _past_dateline(token.head) == token)


def lemma_in(token: Token, words: frozenset[str]) -> str | None:
    """The token's lemma if it is one of ``words``; else a regular inflection's stem that is
    (the small English lemmatizer gives "hop" for "hoped")."""
    return stem_in(token.lemma_.lower(), token.lower_, words)


@lru_cache(maxsize=8192)
def stem_in(lemma: str, lower: str, words: frozenset[str]) -> str | None:
    """``lemma_in`` from a token's lower-cased lemma and lower case (cached: the words recur)."""
    if lemma in words:
        return lemma
    for stem in (lower, lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "e", lower[:-2] + "y"):
        if stem in words:
            return stem
    return None


def date_anchor(doc: Doc, published: datetime | None) -> tuple[datetime | None, bool]:
    """The anchor for year-less dates: the publication date, else mid-year of the latest year the
    article states (marked as inferred, so callers can lower their confidence)."""
    if published is not None:
        return published, False
    years = [int(y) for ent in ents_of(doc) if ent.label_ == "DATE" for y in _YEAR.findall(ent.text)]
    if not years:
        return None, False
    return datetime(max(years), 7, 1, tzinfo=UTC), True


# A live blog's day heading: a weekday and a day of a month, alone on a line ("Friday 18 August").
_DAY_HEADING = re.compile(r"^[ \t]*(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?[ \t]+"
                          r"(?P<day>\d{1,2}[ \t]+[A-Z][a-z]+|[A-Z][a-z]+[ \t]+\d{1,2})(?:,?[ \t]+\d{4})?[ \t]*$",
                          re.MULTILINE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day_headings(doc: Doc, anchor: datetime | None) -> list[tuple[int, datetime]]:
    """The day headings of a live blog, as (offset, day): entries under "Thursday 17 August" say
    "today" and "tomorrow" from that day, not from the page's last update. A heading whose weekday
    does not fit its date is no heading."""
    if anchor is None:
        return []
    found = []
    for match in _DAY_HEADING.finditer(text_of(doc)):
        value = resolve_date(match["day"], anchor, "past")
        if value is not None and value.start.precision == "day" \
                and _WEEKDAYS[value.start.value.weekday()] == match["weekday"][:3].lower():
            found.append((match.start(), value.start.value))
    return found


def anchor_at(headings: list[tuple[int, datetime]], offset: int, anchor: datetime | None) -> datetime | None:
    """The anchor for text at ``offset``: the last day heading before it, else the article's."""
    return next((day for at, day in reversed(headings) if at < offset), anchor)


# spaCy may cut a range in two DATE entities ("October 22 to" + "24", "March 20" + "to March 22,
# 2023"): the end it left outside.
_TO = r"\s*(?:-|\u2013|\u2014|to|until|through)"
_DAY_YEAR = r"\s*[0-3]?\d\b(?:,?\s+(?:1[89]|2[01])\d\d|,?\s+(?:of\s+)?(?:this|last|next)\s+year)?"
_RANGE_OPEN = re.compile(r"\d(?:" + _TO + r"|\s+and)$", re.IGNORECASE)  # "October 22 to", "July 8 and"
_RANGE_END = re.compile(_DAY_YEAR, re.IGNORECASE)
_RANGE_OPEN_DAY = re.compile(r"[A-Za-z]\s+[0-3]?\d$")  # "October 22" followed by "to 24"
_RANGE_END_AFTER_DAY = re.compile(  # "to 24", "to March 22, 2023"
    _TO + r"(?:\s*(?:" + "|".join(name for name in dates.MONTHS if len(name) > 3) + r"))?" + _DAY_YEAR, re.IGNORECASE)


def date_text(ent: SpacySpan) -> str:
    """A DATE entity's text as a date: a one-word one with the preposition spaCy left outside it
    ("in" + "July": a month name or a year alone is a date only after one, see ``dates``), a range
    with the end spaCy cut off ("October 22 to" + "24")."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if len(ent) == 1 and before is not None and before.dep_ == "prep" and before.tag_ == "IN":
        return f"{before.text} {ent.text}"
    text = text_of(ent.doc)
    rest = None
    if _RANGE_OPEN.search(ent.text):
        rest = _RANGE_END.match(text, ent.end_char)
    elif _RANGE_OPEN_DAY.search(ent.text):
        rest = _RANGE_END_AFTER_DAY.match(text, ent.end_char)
    return ent.text + rest.group(0) if rest else ent.text


@lru_cache(maxsize=4096)
def resolve_date(text: str, anchor: datetime | None, tense: dates.Tense | None,
                 inferred: bool = False) -> dates.DateRange | None:
    """``dates.resolve``; an anchor inferred from the years the article states only supplies the year
    of a named month ("February 27-28"), never a weekday or "last year" (those need the real date).
    Cached: each trigger resolves the dates of its sentence again."""
    if inferred and not _MONTH_NAME.search(text):
        anchor = None
    return dates.resolve(text, anchor, tense=tense)
