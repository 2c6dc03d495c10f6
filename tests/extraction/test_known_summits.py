"""One node per real summit: articles that mention a summit the gazetteer knows land on the node the
reference graph gives it, with the real spaCy pipeline, the shipped gazetteer and the real RDF mapping.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox
import pytest
import spacy

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract
from diplograph.ingest.gazetteer import Gazetteer
from diplograph.ingest.reference import reference_quads
from diplograph.ingest.triples import map_article

SUMMIT = ox.NamedNode("https://w3id.org/diplograph/ontology#Summit")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(scope="module")
def reference() -> dict[str, ox.NamedNode]:
    """The reference graph's summit nodes by label."""
    settings = Settings()
    quads = reference_quads(Gazetteer.load(), settings.base, settings.graph("reference"))
    summits = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object == SUMMIT}
    return {q.object.value: q.subject for q in quads if q.subject in summits and q.predicate == RDFS_LABEL}


@pytest.fixture
def summit_nodes(nlp: spacy.language.Language):
    def nodes(text: str, source: str, published: datetime) -> set[ox.NamedNode]:
        article = Article(text=text, source=source, published=published)
        mapped = map_article(article, extract(article, nlp(text)), Settings(), extractor="test")
        return {q.subject for q in mapped.quads() if q.predicate == RDF_TYPE and q.object == SUMMIT}
    return nodes


def test_articles_about_the_hanoi_summit_share_the_reference_node(summit_nodes, reference) -> None:
    dated = summit_nodes("Donald Trump and Kim Jong-un held their second summit in Hanoi on February 27, 2019. "
                         "The talks in the Vietnamese capital ended early without an agreement.",
                         "hanoi-dated.txt", datetime(2019, 3, 1, tzinfo=UTC))
    undated = summit_nodes("North Korean leader Kim Jong Un walked away from the Hanoi summit with President Trump "
                           "after the two sides failed to agree on sanctions relief.",
                           "hanoi-undated.txt", datetime(2019, 3, 4, tzinfo=UTC))
    hanoi = reference["2019 North Korea\u2013United States Hanoi Summit"]
    assert dated == undated == {hanoi}


def test_a_stated_date_picks_one_of_two_summits_at_the_same_place_in_one_year(summit_nodes, reference) -> None:
    april = summit_nodes("South Korean President Moon Jae-in met Kim Jong-un in Panmunjom on April 27, 2018.",
                         "april.txt", datetime(2018, 4, 28, tzinfo=UTC))
    may = summit_nodes("Moon Jae-in and Kim Jong Un held a surprise summit in Panmunjom on May 26, 2018.",
                       "may.txt", datetime(2018, 5, 27, tzinfo=UTC))
    assert april == {reference["April 2018 inter-Korean summit"]}
    assert may == {reference["May 2018 inter-Korean summit"]}


def test_an_undated_mention_that_two_known_summits_fit_names_neither(summit_nodes, reference) -> None:
    nodes = summit_nodes("Moon Jae-in met Kim Jong-un in Panmunjom, officials in Seoul said.",
                         "panmunjom.txt", datetime(2020, 1, 10, tzinfo=UTC))
    known = {reference["April 2018 inter-Korean summit"], reference["May 2018 inter-Korean summit"]}
    assert len(nodes) == 1 and not nodes & known


@pytest.fixture
def summit_labels(nlp: spacy.language.Language):
    def labels(text: str, source: str, published: datetime) -> dict[ox.NamedNode, set[str]]:
        article = Article(text=text, source=source, published=published)
        quads = list(map_article(article, extract(article, nlp(text)), Settings(), extractor="test").quads())
        summits = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object == SUMMIT}
        found: dict[ox.NamedNode, set[str]] = {node: set() for node in summits}
        for q in quads:
            if q.subject in summits and q.predicate == RDFS_LABEL:
                found[q.subject].add(q.object.value)
        return found
    return labels


def test_an_article_on_a_known_summit_gives_it_the_known_label(summit_labels, reference) -> None:
    labels = summit_labels("Donald Trump and Kim Jong-un held their second summit in Hanoi on February 27, 2019.",
                           "hanoi.txt", datetime(2019, 3, 1, tzinfo=UTC))
    assert labels == {reference["2019 North Korea\u2013United States Hanoi Summit"]:
                      {"2019 North Korea\u2013United States Hanoi Summit"}}


def test_articles_telling_an_unknown_summit_differently_give_it_one_label(summit_labels) -> None:
    """A node shared by articles carries every article's label: each must give the same one."""
    first = summit_labels("Joe Biden met Xi Jinping in Bali on November 14, 2022.",
                          "bali-1.txt", datetime(2022, 11, 15, tzinfo=UTC))
    second = summit_labels("Chinese President Xi Jinping and U.S. President Joe Biden held talks in Bali in "
                           "November 2022.", "bali-2.txt", datetime(2023, 1, 5, tzinfo=UTC))
    assert first == second
    assert list(first.values()) == [{"2022 China\u2013United States summit in Bali"}]


def test_a_known_summit_dated_by_month_keeps_the_reference_graph_s_days_alone(nlp, reference) -> None:
    """'in June 2019' agrees with the known visit (June 20-21) but is vaguer: written beside the
    reference graph's days it would give the node a second start date and a second precision."""
    text = "Xi Jinping's visit to Pyongyang in June 2019 was his first as leader."
    article = Article(text=text, source="xi-pyongyang.txt", published=datetime(2019, 7, 1, tzinfo=UTC))
    mapped = map_article(article, extract(article, nlp(text)), Settings(), extractor="test")
    node = reference["Xi Jinping visit to North Korea (June 2019, 5th Xi\u2013Kim meeting)"]
    said = {q.predicate.value.rsplit("#", 1)[-1] for q in mapped.quads() if q.subject == node}
    assert "participant" in said and "location" in said
    assert not said & {"startDate", "endDate", "datePrecision"}


def test_a_known_summit_dated_to_the_day_keeps_the_article_s_date(nlp, reference) -> None:
    text = "Donald Trump and Kim Jong-un held their second summit in Hanoi on February 27, 2019."
    article = Article(text=text, source="hanoi.txt", published=datetime(2019, 3, 1, tzinfo=UTC))
    mapped = map_article(article, extract(article, nlp(text)), Settings(), extractor="test")
    node = reference["2019 North Korea\u2013United States Hanoi Summit"]
    starts = [q.object.value for q in mapped.quads() if q.subject == node and q.predicate.value.endswith("#startDate")]
    assert [s[:10] for s in starts] == ["2019-02-27"]



@pytest.mark.parametrize("text", [
    "U.S. President Donald Trump and Russian President Vladimir Putin met at a military base in Alaska on Friday.",
    "U.S. President Donald Trump and Russian President Vladimir Putin ended their talks at a military base in "
    "Alaska on Friday, August 15.",  # the day the meeting ended: all the text says of its days
])
def test_a_place_the_gazetteer_lacks_leaves_the_parties_and_day_to_name_the_known_summit(summit_nodes, reference,
                                                                                          text: str) -> None:
    """'a military base in Alaska' is no place of the gazetteer's (Alaska is not Anchorage): it neither
    confirms nor contradicts the known summit that the parties and the day name."""
    nodes = summit_nodes(text, "alaska.txt", datetime(2025, 8, 16, tzinfo=UTC))
    assert nodes == {reference["2025 Russia\u2013United States summit (Alaska)"]}
