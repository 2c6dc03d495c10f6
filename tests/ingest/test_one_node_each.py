"""Facts that would mint the same IRI in one article: each node keeps one value per property.

The SHACL shapes drop a node with two claimants, confidences or dates, and everything it says with
it, so two facts on one IRI lost both (seen on held-out articles: a summit told twice with different
days, and "Putin repeated Trump's argument that ...", one claim of each)."""

from __future__ import annotations

from datetime import UTC, datetime

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.facts import Claim, DateValue, Entity, Facts, Span, Summit
from diplograph.ingest.summits import one_node_per_key
from diplograph.ingest.triples import map_article
from diplograph.ingest.validate import Validator

TEXT = "Putin repeated Trump's argument that the war would never have started under him."
WORDS = Span(TEXT.index("the war"), len(TEXT) - 1, "the war would never have started under him")
SENTENCE = Span(0, len(TEXT), TEXT)
LEADERS = {"Q7747": Entity("Q7747", "Leader", "Vladimir Putin", "Q7747", [Span(0, 5, "Putin")]),
           "Q22686": Entity("Q22686", "Leader", "Donald Trump", "Q22686", [Span(15, 20, "Trump")])}


def day(text: str) -> DateValue:
    return DateValue(datetime.fromisoformat(text).replace(tzinfo=UTC), "day")


def summit(start: str | None, *, at: int = 0, known: bool = False, status: str | None = None,
           confidence: float = 0.7) -> Summit:
    return Summit(participants=["Q7747", "Q22686"], evidence=Span(at, at + 10, TEXT[at:at + 10]),
                  label="2018 Russia-United States summit in Helsinki", location="Q1757",
                  start=day(start) if start else None, status=status, confidence=confidence, known=known,
                  key="summit Q159 Q30 Q1757 2018")


def test_the_same_words_from_two_sources_are_two_claims_each_kept() -> None:
    claims = [Claim("Q7747", WORDS.text, [WORDS], Span(6, 14, "repeated"), SENTENCE, confidence=0.8),
              Claim("Q22686", WORDS.text, [WORDS], Span(23, 31, "argument"), SENTENCE, confidence=0.65)]
    article = Article(text=TEXT, source="two-sources.txt", published=datetime(2025, 8, 16, tzinfo=UTC))
    checked = Validator().check(map_article(article, Facts(LEADERS, claims=claims), Settings(), extractor="test"))
    kept = [part for part in checked.parts if part.kind == "claim"]
    assert not checked.dropped
    assert len({part.node for part in kept}) == 2


def test_a_summit_told_twice_is_one_node_with_what_both_tellings_say() -> None:
    first, again = summit(None, status="Held"), summit("2018-07-16", at=30, confidence=0.85)
    [one] = one_node_per_key([first, again])
    assert one.evidence == first.evidence and one.status == "Held" and one.confidence == 0.85
    assert one.start == day("2018-07-16")


def test_a_meeting_on_another_day_is_a_node_of_its_own_unless_it_is_a_known_summit() -> None:
    first, later = summit("2018-07-16"), summit("2018-11-11", at=30)
    assert [s.key for s in one_node_per_key([first, later])] == [
        "summit Q159 Q30 Q1757 2018", "summit Q159 Q30 Q1757 2018 2018-11-11"]
    known = [summit("2018-07-16", known=True), summit("2018-07-17", at=30, known=True)]
    assert len(one_node_per_key(known)) == 1
