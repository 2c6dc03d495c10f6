"""The VALUES hint that goes with substitutions: placed at the start of the WHERE group, or not at all."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplograph.queries.catalog import catalog
from diplograph.sparqltext import inspect_query, with_values_first
from diplograph.store import Store

KIM = "<https://w3id.org/diplograph/id/leader/kim-jong-un>"
HINT = f"VALUES (?x) {{ ({KIM}) }}"


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?x WHERE { ?x ?p ?o }", f"SELECT ?x WHERE {{ {HINT}  ?x ?p ?o }}"),
    ("SELECT * { ?x ?p ?o }", f"SELECT * {{ {HINT}  ?x ?p ?o }}"),
    ("ASK { ?x ?p ?o }", f"ASK {{ {HINT}  ?x ?p ?o }}"),
    ("CONSTRUCT { ?x ?p '{' } WHERE { ?x ?p ?o }", f"CONSTRUCT {{ ?x ?p '{{' }} WHERE {{ {HINT}  ?x ?p ?o }}"),
    ("CONSTRUCT { ?x ?p ?o } { ?x ?p ?o }", f"CONSTRUCT {{ ?x ?p ?o }} {{ {HINT}  ?x ?p ?o }}"),
    ("# a { comment\nSELECT ?x WHERE { { SELECT ?x { ?x <http://a/p> 1 } } } VALUES ?y { 1 }",
     f"# a {{ comment\nSELECT ?x WHERE {{ {HINT}  {{ SELECT ?x {{ {HINT}  ?x <http://a/p> 1 }} }} }} "
     "VALUES ?y { 1 }"),
    ("SELECT ?x ?n WHERE { ?x ?p ?o { SELECT (COUNT(*) AS ?n) { ?s ?p ?o } } }",  # a subquery without ?x
     f"SELECT ?x ?n WHERE {{ {HINT}  ?x ?p ?o {{ SELECT (COUNT(*) AS ?n) {{ ?s ?p ?o }} }} }}"),
    ("SELECT ?x WHERE { { SELECT ?x } }", f"SELECT ?x WHERE {{ {HINT}  {{ SELECT ?x }} }}"),  # Oxigraph will say
])
def test_the_hint_opens_the_where_group(query, expected):
    assert with_values_first(query, {"x": KIM}) == expected


@pytest.mark.parametrize("query", [
    "CONSTRUCT WHERE { ?x ?p ?o }",  # the group is the template: VALUES is not allowed in it
    "DESCRIBE <http://a/x>",
    "SELECT ?x WHERE { BIND(<http://a/x> AS ?x) }",  # assigned by the query: substitution only
])
def test_no_hint_where_it_cannot_go(query):
    assert with_values_first(query, {"x": KIM}) == query


def test_hinted_queries_parse_and_answer_as_substitution_alone(tmp_path):
    """Every canned query with every parameter bound (but those that call Wikidata): the same rows
    with the hint as with the substitutions alone."""
    from diplograph.ontology import EXAMPLE_TTL

    kim, north_korea = "https://w3id.org/diplograph/id/leader/kim-jong-un", "https://w3id.org/diplograph/id/state/north-korea"
    values = {"iri": north_korea, "wikidata": "Q423", "string": "Kim", "integer": "3", "decimal": "0.5",
              "boolean": "true", "dateTime": "2019-02-27"}
    found = []
    with Store(tmp_path / "store") as store:
        store.load(EXAMPLE_TTL, graph="https://example.org/graph/example")
        for name, canned in sorted(catalog().items()):
            if not canned.params or inspect_query(canned.text).remotes:
                continue
            bindings = canned.bindings({p.name: kim if p.name in ("leader", "claimant", "participant", "first")
                                        else values[p.type] for p in canned.params})
            hinted = {tuple(map(str, row)) for row in store.query(canned.text, bindings=bindings)}
            plain = {tuple(map(str, row)) for row in store.inner.query(
                canned.text, substitutions={ox.Variable(k): v for k, v in bindings.items()})}
            assert hinted == plain, name
            found += [name] if plain else []
    assert len(found) >= 5, f"too few canned queries found rows to compare: {found}"


def test_a_parameter_reaches_into_subqueries_as_a_substitution_would():
    """most-mentioned's type is read inside a subquery that keeps the top 100: bound only after it
    (a trailing VALUES clause, as a remote store was sent), the answer was the top 100 of any type."""
    dgs, ex = "https://w3id.org/diplograph/stats#", "https://example.org/"
    rdf_type, articles = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(dgs + "articles")
    store = ox.Store()
    for number in range(110):  # ten states mentioned less than any of 100 persons
        node, state = ox.NamedNode(f"{ex}e{number}"), number < 10
        kind = ox.NamedNode(f"https://w3id.org/diplograph/ontology#{'State' if state else 'Person'}")
        store.add(ox.Quad(node, rdf_type, kind))
        store.add(ox.Quad(node, articles, ox.Literal(number if state else 1000 + number)))
    canned = catalog()["most-mentioned"]
    state = canned.bindings({"type": "https://w3id.org/diplograph/ontology#State"})
    hinted = with_values_first(canned.text, {name: str(term) for name, term in state.items()})
    by_values = {row["entity"].value for row in store.query(hinted)}
    by_substitution = {row["entity"].value for row in store.query(
        canned.text, substitutions={ox.Variable(k): v for k, v in state.items()})}
    assert by_values == by_substitution == {f"{ex}e{number}" for number in range(10)}
