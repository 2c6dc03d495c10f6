"""``diplograph link`` offline: unlinked entities from a real ingest mapping get gazetteer links."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.config import Settings
from diplograph.ingest import iris
from diplograph.ingest.article import Article
from diplograph.ingest.facts import Entity, Facts, Span
from diplograph.ingest.link import GazetteerLinker
from diplograph.ingest.reference import install
from diplograph.ingest.triples import to_quads
from diplograph.store import Store

TEXT = ("Pyongyang and the DPRK's envoy met UNSC diplomats. Congo and Kim were also mentioned, "
        "as were Mike Pompeo and Kim Jong Un.")
UNLINKED = [("State", "Pyongyang"), ("State", "DPRK"), ("Organization", "UNSC"), ("Place", "Congo"),
            ("Leader", "Kim"), ("Person", "Mike Pompeo"), ("Leader", "Kim Jong Un"), ("Group", "diplomats")]
LINKS_QUERY = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?e ?wd ?c WHERE { GRAPH ?g { ?e owl:sameAs ?wd ; dg:confidence ?c } } ORDER BY ?e"""


def article_quads(settings: Settings) -> list:
    entities = {}
    for kind, label in UNLINKED:
        start = TEXT.find(label) if label in TEXT else 0
        key = iris.slug(label)
        entities[key] = Entity(key=key, kind=kind, label=label, confidence=0.6,
                               mentions=[Span(start, start + len(label), label)])
    article = Article(text=TEXT, source="test.txt", title="Test")
    return to_quads(article, Facts(entities=entities), settings, extractor="test")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    settings = Settings(store=str(tmp_path))
    with Store(tmp_path) as store:
        install(store, settings)
        store.inner.extend(article_quads(settings))
    return tmp_path


# Each helper opens the store and lets it go on return: one process may hold it at a time.
def links(path: Path) -> dict[str, tuple[str, float]]:
    with Store(path) as store:
        rows = store.query(LINKS_QUERY, named_graphs=[Settings(store=str(path)).graph("links")])
        return {r["e"].value.rsplit("/", 1)[1]: (r["wd"].value.rsplit("/", 1)[1], float(r["c"].value)) for r in rows}


def size(path: Path) -> int:
    with Store(path) as store:
        return len(store)


def reingest(path: Path) -> None:
    with Store(path) as store:
        quads = article_quads(Settings(store=str(path)))
        store.replace_graph(quads[0].graph_name.value, quads)


def run_link(path: Path) -> str:
    result = CliRunner().invoke(main, ["link", "--store", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_links_unique_compatible_matches_only(store_path: Path) -> None:
    output = run_link(store_path)
    assert links(store_path) == {"pyongyang": ("Q423", 0.8), "dprk": ("Q423", 0.9), "unsc": ("Q37470", 0.9)}
    assert "wd:Q37470" in output and "alias of 'United Nations Security Council'" in output


def test_rerun_and_reingest_keep_the_same_links(store_path: Path) -> None:
    run_link(store_path)
    before = size(store_path)
    run_link(store_path)
    assert size(store_path) == before
    reingest(store_path)
    assert size(store_path) == before
    assert set(links(store_path)) == {"pyongyang", "dprk", "unsc"}


def test_entities_already_linked_elsewhere_are_left_alone(store_path: Path) -> None:
    # "Kim Jong Un" as a Leader has the reference entry's IRI, which the reference graph links.
    run_link(store_path)
    assert "kim-jong-un" not in links(store_path)


def test_outcomes_are_counted() -> None:
    linker = GazetteerLinker()
    assert linker.link("Congo", "State") is None
    assert linker.link("Kim Min-seok", "Leader") is None  # held: several people share the name
    assert linker.link("Kim", "Leader") is None
    assert linker.link("Hanoi", "State").qid == "Q881"  # ingest typed the capital as its state: a metonym
    assert linker.link("Hanoi", "Place").qid == "Q1858"
    assert linker.link("U.S.", "State").qid == "Q30"
    assert linker.link("Luxembourg", "Place") is None  # the state and the city
    assert linker.link("Korean Peninsula", "Place") is None
    assert dict(linker.outcomes) == {"ambiguous": 2, "held (single source)": 1, "no match": 1, "linked": 3,
                                     "known, no QID": 1}
