"""Summit, sanction and date rules for the North Korea / US-Russia diplomacy domain, on short texts
written for the tests, with the real spaCy pipeline and the shipped gazetteer (round 12 of extraction
quality: /work/notes/heldout12).

Each test states one modelling choice (see the docstrings of ingest/summits.py, sanctions.py and
dates.py) and was checked to fail before the change it covers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract
from diplograph.ingest.facts import Facts
from diplograph.ingest.pipeline import load_model


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load_model(Settings().spacy_model)


@pytest.fixture
def run(nlp: spacy.language.Language):
    def extract_text(text: str, published: datetime | None = datetime(2019, 3, 1, tzinfo=UTC)) -> Facts:
        article = Article(text=text, source="test.txt", published=published)
        return extract(article, nlp(text))
    return extract_text


def days(summit) -> tuple[str | None, str | None]:
    return (summit.start.value.date().isoformat() if summit.start else None,
            summit.end.value.date().isoformat() if summit.end else None)


def test_a_year_less_date_takes_the_year_the_story_has_just_named(run) -> None:
    facts = run("Kim Jong-un first crossed into the South in April 2018. He met Moon Jae-in on April 27 "
                "and the two signed a declaration.", published=datetime(2019, 6, 22, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit)[0] == "2018-04-27"


@pytest.mark.parametrize("text", [
    "North Korea tested a hydrogen bomb in September 2017. Resolution 2375, adopted days later, limited its "
    "textile exports and oil imports.",
    "Security Council resolution 2270 prohibits member states from buying coal and iron ore from North Korea.",
])
def test_a_resolution_that_bans_or_caps_trade_is_a_security_council_sanction(run, text: str) -> None:
    facts = run(text)
    pairs = {(k, t) for s in facts.sanctions for k in s.imposers for t in s.targets}
    assert pairs & {("Q37470", "Q423"), ("Q1065", "Q423")}
    assert not any("Q37470" in s.targets or "Q1065" in s.targets for s in facts.sanctions)

