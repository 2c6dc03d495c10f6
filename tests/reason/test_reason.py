"""`diplograph reason`: inferred types and inverse properties land in the inferred graph, and only those."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.config import Settings
from diplograph.store import Store

ARTICLE = "https://w3id.org/diplograph/id/article/reason-test"
DATA = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix id: <https://w3id.org/diplograph/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/diplograph/id/article/reason-test> a dg:Article ; dg:mentions id:leader\\/moon-jae-in .
id:leader\\/moon-jae-in a dg:Leader ; rdfs:label "Moon Jae-in" ; owl:sameAs <http://www.wikidata.org/entity/Q21001> .
id:state\\/south-korea a dg:State ; rdfs:label "South Korea" .
id:tenure\\/moon-jae-in-2017 a dg:Tenure ; dg:holder id:leader\\/moon-jae-in ; dg:jurisdiction id:state\\/south-korea ;
    dg:role dg:HeadOfState ; dg:startDate "2017-05-10T00:00:00Z"^^xsd:dateTime .
id:summit\\/panmunjom-2018 a dg:Summit ; dg:participant id:leader\\/moon-jae-in ; dg:host id:state\\/south-korea ;
    dg:location id:place\\/peace-house .
id:place\\/peace-house a dg:Place ; dg:locatedIn id:place\\/panmunjom .
id:place\\/panmunjom a dg:Place ; dg:locatedIn id:place\\/korean-peninsula .
"""
DG = "https://w3id.org/diplograph/ontology#"
ID = "https://w3id.org/diplograph/id/"


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    path = tmp_path / "store"
    with Store(path) as store:
        quads = ox.parse(DATA, format=ox.RdfFormat.TURTLE)
        store.replace_graph(ARTICLE, (ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ARTICLE)) for q in quads))
    return path


def reason(store_path, *args: str) -> str:
    result = CliRunner().invoke(main, ["reason", "--store", str(store_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def drop_article(store_path) -> None:
    # In a function, so the store is released (its lock with it) before the CLI opens it again.
    with Store(store_path) as store:
        store.update(f"DROP GRAPH <{ARTICLE}>")


def inferred(store_path) -> set[tuple[str, str, str]]:
    with Store(store_path, read_only=True) as store:
        graph = Settings().graph("inferred")
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return {(r["s"].value, r["p"].value, r["o"].value) for r in rows}


def test_inferred_types_and_inverse_properties_are_queryable(store_path):
    reason(store_path)
    with Store(store_path, read_only=True) as store:
        people = {r["x"].value for r in store.query(f"SELECT ?x WHERE {{ ?x a <{DG}Person> }}")}
        agents = {r["x"].value for r in store.query(f"SELECT ?x WHERE {{ ?x a <{DG}Agent> }}")}
        tenures = {r["t"].value for r in store.query(f"SELECT ?t WHERE {{ <{ID}leader/moon-jae-in> <{DG}tenure> ?t }}")}
    assert people == {ID + "leader/moon-jae-in"}
    assert {ID + "leader/moon-jae-in", ID + "state/south-korea"} <= agents
    assert tenures == {ID + "tenure/moon-jae-in-2017"}


def test_subproperties_and_transitive_properties_are_materialised(store_path):
    reason(store_path)
    facts = inferred(store_path)
    assert (ID + "summit/panmunjom-2018", DG + "participant", ID + "state/south-korea") in facts  # host ⊑ participant
    assert (ID + "place/peace-house", DG + "locatedIn", ID + "place/korean-peninsula") in facts  # transitive
    assert (ID + "summit/panmunjom-2018", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", DG + "Event") in facts


def test_only_new_facts_about_individuals_are_kept(store_path):
    reason(store_path)
    facts = inferred(store_path)
    with Store(store_path, read_only=True) as store:
        asserted = {(r["s"].value, r["p"].value, r["o"].value)
                    for r in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ARTICLE}> {{ ?s ?p ?o }} }}")}
    assert facts, "the reasoner inferred nothing"
    assert not facts & asserted
    for s, p, o in facts:
        assert s.startswith(ID), f"inferred triple about a non-individual: {s} {p} {o}"
        assert "wikidata.org" not in s + o
        assert o != "http://www.w3.org/2002/07/owl#Thing"


def test_rerunning_replaces_the_graph(store_path):
    first = reason(store_path)
    before = inferred(store_path)
    second = reason(store_path)
    assert inferred(store_path) == before
    assert first.splitlines()[-1].split(" in ")[0] == second.splitlines()[-1].split(" in ")[0]
    # Facts that no longer follow from the data disappear on the next run.
    drop_article(store_path)
    reason(store_path)
    assert inferred(store_path) == set()


def test_dry_run_writes_nothing(store_path):
    output = reason(store_path, "--dry-run")
    assert "a dg:Person: 1" in output
    assert inferred(store_path) == set()
