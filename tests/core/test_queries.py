"""The canned-query catalog: every shipped query parses, runs in Oxigraph and binds its parameters."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib.plugins.sparql.processor
from rdflib.plugins.sparql import prepareQuery

from diplograph.queries.catalog import QueryError, catalog, resolve
from diplograph.store import Store

CONTRACT = {
    "articles": ["article", "title", "published", "source"],
    "entities": ["entity", "type", "label", "wikidata", "article"],
    "summits": ["summit", "label", "participant", "participantWikidata", "location", "locationWikidata",
                "startDate", "endDate", "article"],
    "sanctions": ["sanction", "label", "imposer", "imposerWikidata", "target", "targetWikidata", "article"],
    "claims": ["claim", "claimant", "claimantLabel", "claimantWikidata", "text", "about", "aboutWikidata",
               "modality", "article"],
}
SAMPLE_VALUES = {"iri": "https://example.org/x", "wikidata": "Q56226", "string": "Kim", "integer": "3",
                 "decimal": "0.5", "boolean": "true", "dateTime": "2019-02-27"}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return Store(tmp_path_factory.mktemp("store"))


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_queries_keep_their_variables(store, name):
    results = store.query(resolve(name).text)
    assert [v.value for v in results.variables] == CONTRACT[name]


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_canned_query_runs_with_every_parameter_bound(store, name):
    canned = catalog()[name]
    assert canned.title and canned.description, f"{name}.rq needs a title and a description"
    bindings = canned.bindings({p.name: SAMPLE_VALUES[p.type] for p in canned.params})
    store.query(canned.text, bindings=bindings)  # Oxigraph refuses unknown or unprojected variables


def test_missing_required_parameter_is_named(tmp_path):
    rq = tmp_path / "needs.rq"
    rq.write_text("#+ title: t\n#+ param: who iri required  Somebody\nSELECT ?who WHERE { ?who ?p ?o }\n")
    with pytest.raises(QueryError, match="needs parameter 'who'"):
        resolve(str(rq)).bindings({})


@pytest.mark.parametrize(("kind", "bad"), [("integer", "three"), ("dateTime", "27 February"), ("wikidata", "Kim"),
                                           ("boolean", "maybe"), ("decimal", "NaN"), ("iri", "no spaces allowed")])
def test_values_of_the_wrong_type_are_refused(tmp_path, kind, bad):
    rq = tmp_path / "typed.rq"
    rq.write_text(f"#+ title: t\n#+ param: v {kind} optional  A value\nSELECT ?v WHERE {{}}\n")
    with pytest.raises(QueryError, match="parameter 'v'"):
        resolve(str(rq)).bindings({"v": bad})


def test_names_cannot_escape_the_queries_folder():
    with pytest.raises(QueryError):
        resolve("../pyproject")


def test_rdflib_view_runs_sparql_in_oxigraph_not_rdflib(store, monkeypatch):
    """oxrdflib falls back to rdflib's slow engine when handed a pre-parsed query; make that fatal."""

    def refuse(*args, **kwargs):
        raise AssertionError("SPARQL ran in rdflib's engine")

    monkeypatch.setattr(rdflib.plugins.sparql.processor, "evalQuery", refuse)
    store.extend([ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                          ox.Literal("o"), ox.NamedNode("https://example.org/g"))])
    rows = list(store.dataset.query("SELECT ?o WHERE { ?s <https://example.org/p> ?o }"))
    assert [str(row[0]) for row in rows] == ["o"]


def test_the_fallback_guard_can_fail(store, monkeypatch):
    """A pre-parsed query is the trap: it must hit the guard above, proving the guard works."""
    monkeypatch.setattr(rdflib.plugins.sparql.processor, "evalQuery", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        store.dataset.query(prepareQuery("SELECT ?o WHERE { ?s ?p ?o }"))


def test_from_clause_wins_over_the_default_graph(tmp_path):
    store = Store(tmp_path / "from")
    for graph, value in (("https://example.org/g1", "one"), ("https://example.org/g2", "two")):
        store.replace_graph(graph, [ox.Quad(ox.NamedNode("https://example.org/s"),
                                            ox.NamedNode("https://example.org/p"), ox.Literal(value))])
    union = {row["o"].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")}
    scoped = {row["o"].value for row in store.query("SELECT ?o FROM <https://example.org/g1> WHERE { ?s ?p ?o }")}
    assert union == {"one", "two"} and scoped == {"one"}


@pytest.fixture(scope="module")
def example_store(tmp_path_factory) -> Store:
    from diplograph.ontology import EXAMPLE_TTL

    store = Store(tmp_path_factory.mktemp("example"))
    store.load(EXAMPLE_TTL, graph="https://example.org/graph/example")
    return store


ID = "https://w3id.org/diplograph/id/"
# A bound parameter must constrain the rows, not just fill a column: Oxigraph's substitutions do
# nothing to a variable that a BIND assigns, so every parameterised query is checked on real data.
CONSTRAINED = [
    ("summits-between", {"first": ID + "leader/kim-jong-un", "second": ID + "state/united-states"}, "summit",
     {ID + "summit/2018-06-12-capella-singapore-donald-trump-kim-jong-un",
      ID + "summit/2019-02-27-hanoi-donald-trump-kim-jong-un"}),
    ("claims-about", {"about": ID + "state/north-korea"}, "about", {ID + "state/north-korea"}),
    ("leader-profile", {"leader": ID + "leader/kim-jong-un"}, "leader", {ID + "leader/kim-jong-un"}),
    ("claims", {"claimant": ID + "leader/donald-trump"}, "claimant", {ID + "leader/donald-trump"}),
    ("summits", {"participant": ID + "leader/kim-jong-un"}, "summit",
     {ID + "summit/2018-06-12-capella-singapore-donald-trump-kim-jong-un",
      ID + "summit/2019-02-27-hanoi-donald-trump-kim-jong-un"}),
    ("sanctions", {"target": ID + "state/north-korea"}, "sanction",
     {ID + "sanction/un-security-council-north-korea-un-security-council-resolution-2397"}),
    ("co-mentioned", {"entity": ID + "leader/kim-jong-un"}, "entity", {ID + "leader/kim-jong-un"}),
]


@pytest.mark.parametrize(("name", "params", "column", "expected"), CONSTRAINED)
def test_parameters_constrain_the_rows(example_store, name, params, column, expected):
    canned = catalog()[name]
    rows = list(example_store.query(canned.text, bindings=canned.bindings(params)))
    assert rows, f"{name} found nothing for {params}"
    assert {row[column].value for row in rows} == expected
    unbound = list(example_store.query(canned.text))
    assert len(unbound) >= len(rows)


# A parameter read inside an OPTIONAL is substituted there too, so without a filter every row came
# back with the value written into its column.
@pytest.mark.parametrize(("name", "params"), [("summits", {"participant": ID + "state/north-korea"}),
                                              ("sanctions", {"target": ID + "leader/donald-trump"})])
def test_a_parameter_that_matches_nothing_gives_no_rows(example_store, name, params):
    canned = catalog()[name]
    assert list(example_store.query(canned.text)), f"{name} finds nothing at all"
    assert not list(example_store.query(canned.text, bindings=canned.bindings(params)))


@pytest.mark.parametrize("kind", [None, "https://w3id.org/diplograph/ontology#State"])
def test_co_mentioned_counts_the_articles_each_entity_shares(example_store, kind):
    """The canned query counts first and checks the class after: the same numbers as counting the
    shared articles of each entity of that class directly."""
    entity = ID + "leader/kim-jong-un"
    typed = f"?other a <{kind}> ." if kind else "FILTER EXISTS { ?other a ?any }"
    direct = {row["other"].value: int(row["n"].value) for row in example_store.query(f"""
        SELECT ?other (COUNT(DISTINCT ?article) AS ?n) WHERE {{
          ?article <https://w3id.org/diplograph/ontology#mentions> <{entity}>, ?other . {typed}
          FILTER(?other != <{entity}>) }} GROUP BY ?other""")}
    canned = catalog()["co-mentioned"]
    params = {"entity": entity} | ({"type": kind} if kind else {})
    rows = list(example_store.query(canned.text, bindings=canned.bindings(params)))
    assert {row["other"].value: int(row["articles"].value) for row in rows} == direct
    assert len(direct) >= (2 if kind else 5), "the example data shares too little to test this"
    assert [int(row["articles"].value) for row in rows] == sorted((int(row["articles"].value) for row in rows),
                                                                  reverse=True)
    assert all(row["label"] is not None for row in rows)
