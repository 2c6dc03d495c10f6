"""The reference graph in a real Oxigraph store: same IRIs ingest mints, typed dates, idempotent."""

from pathlib import Path

import pytest

from diplograph.config import Settings
from diplograph.ingest import iris
from diplograph.ingest.gazetteer import Gazetteer
from diplograph.ingest.reference import install
from diplograph.store import Store

PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Settings]:
    path = tmp_path_factory.mktemp("store")
    settings = Settings(store=str(path))
    store = Store(path)
    install(store, settings)
    return store, settings


def select(store: Store, query: str) -> list[dict[str, str]]:
    results = store.query(PREFIXES + query)
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def test_install_is_idempotent_and_uses_the_reference_graph(loaded: tuple[Store, Settings]) -> None:
    store, settings = loaded
    before = len(store)
    assert install(store, settings) == before
    assert len(store) == before
    assert store.graphs() == [settings.graph("reference")]


def test_entity_iris_are_the_ones_ingest_mints(loaded: tuple[Store, Settings]) -> None:
    store, settings = loaded
    rows = select(store, "SELECT ?e ?l ?t WHERE { ?e a ?t ; rdfs:label ?l . "
                         "VALUES ?t { dg:Leader dg:Person dg:State dg:Organization dg:Place } }")
    in_store = {(r["t"].rsplit("#", 1)[1], r["l"]): r["e"] for r in rows}
    entries = list(Gazetteer.load().entries())
    assert len(in_store) == len(entries)
    for entry in entries:
        assert in_store[(entry.kind, entry.label)] == iris.entity(settings.base, entry.kind, entry.label)


@pytest.mark.parametrize(("kind", "label", "qid"), [
    ("Leader", "Donald Trump", "Q22686"), ("Leader", "Kim Jong-un", "Q56226"), ("State", "North Korea", "Q423"),
    ("State", "United States", "Q30"), ("State", "South Korea", "Q884"), ("Organization", "United Nations", "Q1065"),
    ("Organization", "United Nations Security Council", "Q37470"), ("Place", "Singapore", "Q334"),
    ("Place", "Hanoi", "Q1858"),
])
def test_seed_entities_are_linked(loaded: tuple[Store, Settings], kind: str, label: str, qid: str) -> None:
    store, settings = loaded
    node = iris.entity(settings.base, kind, label)
    rows = select(store, f"SELECT ?wd WHERE {{ <{node}> owl:sameAs ?wd }}")
    assert [r["wd"] for r in rows] == [f"http://www.wikidata.org/entity/{qid}"]


def test_held_candidates_are_not_linked(loaded: tuple[Store, Settings]) -> None:
    store, settings = loaded
    node = iris.entity(settings.base, "Leader", "Kim Min-seok")  # several people share the name
    assert select(store, f"SELECT ?wd WHERE {{ <{node}> owl:sameAs ?wd }}") == []
    comments = [r["c"] for r in select(store, f"SELECT ?c WHERE {{ <{node}> rdfs:comment ?c }}")]
    assert any("held candidate: wd:Q12587400" in c for c in comments)


def test_tenures(loaded: tuple[Store, Settings]) -> None:
    store, _ = loaded
    rows = select(store, """SELECT ?start ?end ?role WHERE {
        ?leader owl:sameAs wd:Q22686 ; dg:tenure ?t ; dg:leaderOf ?us .
        ?t a dg:Tenure ; dg:holder ?leader ; dg:role ?role ; dg:jurisdiction ?us ; dg:startDate ?start .
        ?us owl:sameAs wd:Q30 .
        OPTIONAL { ?t dg:endDate ?end }
        FILTER(datatype(?start) = xsd:dateTime)
    } ORDER BY ?role ?start""")
    heads_of_state = [(r["start"][:10], r.get("end", "")[:10]) for r in rows if r["role"].endswith("HeadOfState")]
    assert heads_of_state == [("2017-01-20", "2021-01-20"), ("2025-01-20", "")]


def test_no_xsd_date_and_every_node_labelled(loaded: tuple[Store, Settings]) -> None:
    store, _ = loaded
    assert select(store, "SELECT ?s WHERE { ?s ?p ?o FILTER(isLiteral(?o) && datatype(?o) = xsd:date) }") == []
    assert select(store, "SELECT DISTINCT ?s WHERE { ?s a ?t FILTER NOT EXISTS { ?s rdfs:label ?l } }") == []
    wrong = select(store, "SELECT ?o WHERE { ?s owl:sameAs ?o "
                          "FILTER(!STRSTARTS(STR(?o), 'http://www.wikidata.org/entity/Q')) }")
    assert wrong == []


def test_states_capitals_demonyms_and_summits(loaded: tuple[Store, Settings]) -> None:
    store, _ = loaded
    rows = select(store, """SELECT ?capital ?demonym WHERE {
        ?s owl:sameAs wd:Q423 ; a dg:State ; dg:capital ?c ; dg:demonym ?demonym . ?c rdfs:label ?capital }""")
    assert {(r["capital"], r["demonym"]) for r in rows} >= {("Pyongyang", "North Korean")}
    rows = select(store, """SELECT ?summit ?start ?end WHERE {
        ?summit a dg:Summit ; dg:location/owl:sameAs wd:Q1858 ; dg:participant/owl:sameAs wd:Q22686 ,
                wd:Q56226 ; dg:startDate ?start ; dg:endDate ?end ; dg:eventStatus dg:Held }""")
    assert [(r["start"][:10], r["end"][:10]) for r in rows] == [("2019-02-27", "2019-02-28")]
    assert rows[0]["summit"] == iris.summit(Settings().base, ["summit", "Q30", "Q423", "Q1858", "2019"])
    singapore = select(store, """SELECT ?l WHERE { ?s a dg:Summit ; dg:location ?l ; dg:startDate ?d
                                  FILTER(STRSTARTS(STR(?d), "2018-06-12")) }""")
    assert [r["l"] for r in singapore] == [iris.entity(Settings().base, "State", "Singapore")]  # as ingest links it
    rows = select(store, """SELECT ?i WHERE { ?i a dg:LegalInstrument ; skos:altLabel "UNSCR 2397" }""")
    assert len(rows) == 1


def test_every_fact_carries_its_sources(loaded: tuple[Store, Settings]) -> None:
    store, _ = loaded
    rows = select(store, """SELECT ?s WHERE { ?s a ?t
        VALUES ?t { dg:Leader dg:Person dg:State dg:Organization dg:Place dg:Tenure dg:Summit dg:LegalInstrument }
        FILTER NOT EXISTS { ?s rdfs:comment ?c FILTER(STRSTARTS(?c, "Source: ")) } }""")
    assert rows == []


def test_reference_graph_loads_from_a_clean_store_in_a_new_folder(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path))
    with Store(tmp_path) as store:
        assert install(store, settings) == len(store) > 5000
